/** Demo: train the built-in baseline on the penguins data, then train again to show the cache hit. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainAction } from '../../actions/train.js';
import { MlopsError } from '../../core/errors.js';
import type { DemoStep } from '../steps.js';

export const trainStep: DemoStep = {
  title: 'Train the baseline (twice: the second run is a cache hit)',
  async run(ctx) {
    // A cache of its own, so the demo's first run trains even when an earlier demo cached the same model.
    const cacheDir = mkdtempSync(join(tmpdir(), 'mlops-demo-cache-'));
    const previous = process.env.MLOPS_CACHE_DIR;
    process.env.MLOPS_CACHE_DIR = cacheDir;
    try {
      ctx.say('mlops train   # built-in softmax regression on data/train.csv, exported to ONNX\n');
      const first = await ctx.run(trainAction, {});
      if (first.exitCode !== 0) throw new MlopsError('Training the baseline failed.', { kind: 'internal' });
      ctx.say('\nmlops train   # nothing changed: code, data, params and environment hash to the same cache key\n');
      const second = await ctx.run(trainAction, {}, { quiet: true });
      if (second.exitCode !== 0 || second.outputs['cache-hit'] !== 'true') {
        throw new MlopsError('The second training run should have been a cache hit.', {
          kind: 'internal',
          found: `cache-hit=${second.outputs['cache-hit']}`,
        });
      }
      ctx.say(`cache-hit: ${second.outputs['cache-hit']}  model: ${second.outputs.model}`);
      ctx.say(second.summary.split('\n').find((line) => line.startsWith('Cache hit')) ?? '');
    } finally {
      if (previous === undefined) delete process.env.MLOPS_CACHE_DIR;
      else process.env.MLOPS_CACHE_DIR = previous;
      rmSync(cacheDir, { recursive: true, force: true });
    }
  },
};
