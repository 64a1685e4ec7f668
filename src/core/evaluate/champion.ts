/**
 * The champion to compare with: an explicit path, a registry reference (`penguins#production`,
 * `penguins@v1.2.0`) resolved through the Git registry and downloaded with its sha256 verified, or by default
 * the model's production version. No production version yet means the first model: only value gates apply.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Platform } from '../../platform/types.js';
import { MlopsError } from '../errors.js';
import { fetchModelArtifact } from '../registry/fetch.js';
import { readModel } from '../registry/read.js';
import { resolveModelRef } from '../registry/resolve.js';
import type { ModelRef } from './evaluate.js';

export interface ChampionResolution {
  champion: ModelRef | null;
  note?: string;
}

export interface ChampionContext {
  cwd: string;
  platform: Pick<Platform, 'artifacts'>;
  /** model.name from mlops.yaml, for the default `<name>#production`. */
  modelName?: string;
  /** Where a downloaded champion is stored. */
  downloadDir: string;
}

async function fromRegistry(ref: string, ctx: ChampionContext): Promise<ModelRef> {
  const { version } = await resolveModelRef(ctx.cwd, ref);
  await mkdir(ctx.downloadDir, { recursive: true });
  const dest = join(ctx.downloadDir, `champion-${version.name}-${version.version}.onnx`);
  const fetched = await fetchModelArtifact(ctx.platform, version, dest);
  return { ref, path: fetched.path, version: version.version };
}

export async function resolveChampion(spec: string | undefined, ctx: ChampionContext): Promise<ChampionResolution> {
  const text = spec?.trim();
  if (text === 'none') return { champion: null, note: 'champion set to none' };
  if (!text) {
    if (!ctx.modelName) return { champion: null, note: 'no champion given and no model.name in mlops.yaml' };
    const ref = `${ctx.modelName}#production`;
    if (!existsSync(join(ctx.cwd, '.mlops', 'registry', ctx.modelName))) {
      return { champion: null, note: `${ctx.modelName} has no registered versions yet (first model)` };
    }
    // Only "no version holds production" makes a first model. A production version that cannot be resolved or
    // fetched, or whose artifact fails its checksum, is an error: skipping the change gates would let any
    // candidate pass.
    const model = await readModel(ctx.cwd, ctx.modelName);
    if (!model.stages.stages.production) {
      return { champion: null, note: `no production version of ${ctx.modelName} in the registry yet (first model)` };
    }
    return { champion: await fromRegistry(ref, ctx), note: `${ref} from the registry` };
  }
  const path = resolve(ctx.cwd, text);
  if (existsSync(path)) return { champion: { ref: text, path } };
  if (/\.onnx$/i.test(text) || text.includes('/')) {
    throw new MlopsError(`The champion model ${text} does not exist.`, {
      kind: 'input',
      where: { file: text },
      hint: 'Give a path relative to working-directory, a registry reference such as penguins#production, or none.',
    });
  }
  return { champion: await fromRegistry(text, ctx) };
}
