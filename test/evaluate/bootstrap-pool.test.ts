/**
 * Bootstrap replicates on worker threads give exactly the replicates of the main thread, whatever the split,
 * because every replicate has its own seed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bootstrapMatrix } from '../../src/core/evaluate/bootstrap-pool.js';
import type { ReplicateJob } from '../../src/core/evaluate/bootstrap-replicates.js';
import { prepareClassification } from '../../src/core/evaluate/metrics-classification.js';
import { Random } from '../../src/core/stats/random.js';

function job(n: number): ReplicateJob {
  const rng = new Random(11);
  const yTrue = new Int32Array(n);
  const proba = new Float64Array(2 * n);
  const cand = new Int32Array(n);
  const champ = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = rng.next();
    yTrue[i] = rng.next() < p ? 1 : 0;
    proba[2 * i + 1] = p;
    proba[2 * i] = 1 - p;
    cand[i] = p > 0.5 ? 1 : 0;
    champ[i] = rng.next() < 0.8 ? yTrue[i]! : 1 - yTrue[i]!;
  }
  const classes = ['no', 'yes'];
  return {
    candidate: { task: 'binary', data: prepareClassification({ classes, yTrue, yPred: cand, proba }, 1) },
    champion: { task: 'binary', data: prepareClassification({ classes, yTrue, yPred: champ, proba: null }, 1) },
    names: ['accuracy', 'roc_auc'],
    n,
    seed: 42,
  };
}

test('replicates on 1, 2 and 3 worker threads equal the main thread, bit for bit', async () => {
  const j = job(3000);
  const inline = await bootstrapMatrix(j, 57, { threads: 1 });
  assert.equal(inline.threads, 1);
  for (const threads of [2, 3]) {
    const parallel = await bootstrapMatrix(j, 57, { threads, minWork: 0 });
    assert.equal(parallel.threads, threads, 'the workers ran (no silent fallback)');
    assert.deepEqual([...parallel.matrix], [...inline.matrix]);
  }
  // Candidate accuracy, champion accuracy and their difference per replicate: width 3 x 2 metrics.
  assert.equal(inline.matrix.length, 57 * 6);
  const acc = Array.from({ length: 57 }, (_, r) => inline.matrix[r * 6]!);
  assert.ok(new Set(acc).size > 20, 'replicates differ from each other');
  for (let r = 0; r < 57; r++) {
    const row = inline.matrix.subarray(r * 6, r * 6 + 6);
    assert.ok(Math.abs(row[4]! - (row[0]! - row[2]!)) < 1e-15, 'delta = candidate - champion');
  }
});
