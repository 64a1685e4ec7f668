import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Platform } from '../../platform/types.js';
import { MlopsError } from '../errors.js';
import { sha256File } from '../fs.js';
import type { ModelVersion } from './schema.js';

/**
 * Downloads a registered version's model through the platform's artifact store and verifies its sha256 against
 * model.json (the store checks too; this is the registry's own guarantee). A mismatch leaves no file at dest.
 */
export async function fetchModelArtifact(
  platform: Pick<Platform, 'artifacts'>,
  version: ModelVersion,
  dest: string,
): Promise<{ path: string; sha256: string; size: number }> {
  const { artifact } = version;
  const existedBefore = existsSync(dest);
  try {
    await platform.artifacts.get(version.name, version.version, artifact.name, dest, artifact.sha256);
  } catch (error) {
    if (!existedBefore) await rm(dest, { force: true });
    throw error;
  }
  const actual = await sha256File(dest);
  if (actual !== artifact.sha256) {
    await rm(dest, { force: true });
    throw new MlopsError(`The artifact of ${version.tag} does not match its registered sha256.`, {
      kind: 'input',
      where: { file: artifact.uri },
      expected: `sha256 ${artifact.sha256}`,
      found: `sha256 ${actual}`,
      hint: 'The stored file was changed after registration. Do not deploy it; re-register the model from a trusted build.',
    });
  }
  return { path: dest, sha256: actual, size: artifact.size };
}
