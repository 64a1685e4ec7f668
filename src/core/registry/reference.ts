/**
 * The reference profile stored with a version (reference-profile.json), built from the training data with the
 * drift section's sketch settings, so drift-check compares production data against what the model learned from
 * without re-reading the training data.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger } from '../../platform/types.js';
import type { TrainRunView } from '../card/inputs.js';
import type { MlopsConfig } from '../config.js';
import { openDataset } from '../data/engine.js';
import { describeError } from '../errors.js';
import { buildReferenceProfile } from '../profile/build.js';
import { formatProfile } from '../profile/io.js';

export async function referenceProfileText(
  cwd: string,
  config: MlopsConfig,
  run: TrainRunView | undefined,
  log: Pick<Logger, 'info' | 'warning'>,
): Promise<string | undefined> {
  const source = run?.data.find((d) => d.role === 'train')?.source ?? config.data.train;
  if (!source) return undefined;
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(source);
  const path = isUrl ? source : resolve(cwd, source);
  if (!isUrl && !/[*?[]/.test(source) && !existsSync(path)) {
    log.warning(`No reference profile stored: the training data ${source} is not in this checkout.`);
    return undefined;
  }
  try {
    const dataset = await openDataset(path, { displayName: source });
    const profile = await buildReferenceProfile(dataset, {
      quantiles: config.drift.profile.quantiles,
      maxCategories: config.drift.profile.maxCategories,
    });
    return formatProfile(profile);
  } catch (error) {
    // The version is still useful without it; drift-check can profile the training data itself.
    log.warning(`No reference profile stored: ${describeError(error).split('\n')[0]}`);
    return undefined;
  }
}
