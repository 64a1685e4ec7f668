/**
 * Full-mode drift sorts on worker threads: the worker runs the source text of radixSortCore, so this checks that
 * the text is self-contained and sorts exactly like a numeric sort, NaN (missing values) dropped.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SortPool, SortWorkerError } from '../../src/core/drift/sort-pool.js';

function sample(n: number, seed: number): Float64Array {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return Float64Array.from({ length: n }, (_, i) =>
    i % 97 === 0 ? Number.NaN : i % 89 === 0 ? -0 : (next() - 0.5) * 10 ** Math.floor(next() * 12 - 6),
  );
}

for (const threads of [2, 1]) {
  test(`sorts columns without missing values, ${threads === 1 ? 'on the main thread' : 'on worker threads'}`, async () => {
    const pool = new SortPool(threads);
    try {
      const inputs = [sample(50_000, 1), sample(3_000, 2), sample(120_001, 3), new Float64Array([Number.NaN])];
      const expected = inputs.map((v) => v.filter((x) => !Number.isNaN(x)).sort());
      const sorted = await Promise.all(inputs.map((v) => pool.sortFinite(v)));
      sorted.forEach((s, k) => {
        assert.equal(s.length, expected[k]!.length, `column ${k}: NaN dropped`);
        for (let i = 0; i < s.length; i++) assert.ok(s[i] === expected[k]![i], `column ${k}, position ${i}`);
      });
      if (threads > 1) assert.equal(inputs[0]!.length, 0, 'the array was handed over, not copied');
    } finally {
      await pool.close();
    }
  });
}

test('a worker that dies fails its jobs with SortWorkerError, and later sorts run on the main thread', async () => {
  const pool = new SortPool(2);
  try {
    const workers = (pool as unknown as { workers: { terminate(): Promise<number> }[] }).workers;
    assert.equal(workers.length, 2);
    const lost = pool.sortFinite(sample(400_000, 4));
    await workers[0]!.terminate();
    await assert.rejects(
      Promise.all([lost, pool.sortFinite(sample(400_000, 5))]),
      (error: unknown) => error instanceof SortWorkerError,
    );
    const input = sample(20_000, 6);
    const expected = input.filter((x) => !Number.isNaN(x)).sort();
    const sorted = await pool.sortFinite(input);
    assert.deepEqual([...sorted], [...expected]);
    assert.equal(input.length, 20_000, 'sorted on the main thread: the array was not handed over');
  } finally {
    await pool.close();
  }
});
