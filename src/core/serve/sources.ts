/**
 * Where served versions come from: registry references (penguins#production, penguins@v1.2.0), fetched through
 * the platform's artifact store and verified by sha256, or a plain file given as <name>@v<version>=<path>:<sha256>.
 */
import { join, resolve } from 'node:path';
import type { Platform } from '../../platform/types.js';
import { MlopsError } from '../errors.js';
import { fetchModelArtifact, resolveModelRef } from '../registry/report.js';
import type { ModelSource } from './model.js';

export interface SourceContext {
  repoDir: string;
  platform: Pick<Platform, 'artifacts'>;
  /** Where fetched artifacts are kept. */
  cacheDir: string;
}

const FILE_SPEC = /^([a-z0-9][a-z0-9._-]*)@v?([^=]+)=(.+):([0-9a-fA-F]{64})$/;

export function parseFileSpec(spec: string, cwd: string): ModelSource {
  const m = FILE_SPEC.exec(spec);
  if (!m) {
    throw new MlopsError(`"${spec}" is not a model file spec.`, {
      kind: 'usage',
      expected: '<name>@v<version>=<path>:<sha256>, e.g. penguins@v1.0.0=model.onnx:3f2a...',
      found: JSON.stringify(spec),
    });
  }
  return { name: m[1]!, version: m[2]!, path: resolve(cwd, m[3]!), sha256: m[4]!.toLowerCase(), ref: spec };
}

export async function resolveRegistrySource(ref: string, ctx: SourceContext): Promise<ModelSource> {
  const { version } = await resolveModelRef(ctx.repoDir, ref);
  const dest = join(ctx.cacheDir, version.name, version.version, version.artifact.name);
  const fetched = await fetchModelArtifact(ctx.platform, version, dest);
  return { name: version.name, version: version.version, path: fetched.path, sha256: fetched.sha256, ref };
}
