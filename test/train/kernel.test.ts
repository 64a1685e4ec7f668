/**
 * The loss kernels give bit-identical partials on one thread and on worker threads, and their gradient matches
 * a finite-difference check of their loss.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockCount, blockStride, lossKernel } from '../../src/core/train/loss-kernel.js';

function data(n: number, d: number, k: number, seed: number) {
  const x = new Float64Array(new SharedArrayBuffer(n * d * 8));
  const y = new Uint16Array(n);
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  };
  for (let i = 0; i < n * d; i++) x[i] = next() * 4;
  for (let i = 0; i < n; i++) y[i] = Math.floor((next() + 0.5) * (k === 1 ? 2 : k)) % (k === 1 ? 2 : k);
  const w = Float64Array.from({ length: (d + 1) * k }, () => next());
  return { x, y, w };
}

function partials(x: Float64Array, y: Uint16Array, w: Float64Array, n: number, d: number, k: number, threads: number) {
  const kernel = lossKernel(x, y, n, d, k, threads);
  try {
    return Array.from(kernel.run(w));
  } finally {
    kernel.close();
  }
}

for (const k of [1, 3]) {
  test(`${k === 1 ? 'logistic' : 'softmax'}: same partials, bit for bit, on 1, 2 and 3 threads`, () => {
    const n = 200_000;
    const d = 12;
    const { x, y, w } = data(n, d, k, 12345 + k);
    const results = [1, 2, 3].map((threads) => partials(x, y, w, n, d, k, threads));
    assert.equal(results[0]!.length, blockCount(n) * blockStride(d, k));
    assert.deepEqual(results[1], results[0]);
    assert.deepEqual(results[2], results[0]);
    assert.ok(results[0]!.every(Number.isFinite));
  });

  test(`${k === 1 ? 'logistic' : 'softmax'}: gradient equals the finite difference of the loss`, () => {
    const n = 500;
    const d = 4;
    const { x, y, w } = data(n, d, k, 99 + k);
    const total = (at: Float64Array) => {
      const p = partials(x, y, at, n, d, k, 1);
      const stride = blockStride(d, k);
      const sum = new Float64Array(stride);
      for (let b = 0; b < blockCount(n); b++) for (let i = 0; i < stride; i++) sum[i] = sum[i]! + p[b * stride + i]!;
      return sum;
    };
    const at = total(w);
    for (let i = 0; i < w.length; i++) {
      const h = 1e-6;
      const plus = Float64Array.from(w);
      const minus = Float64Array.from(w);
      plus[i] = plus[i]! + h;
      minus[i] = minus[i]! - h;
      const numeric = (total(plus)[0]! - total(minus)[0]!) / (2 * h);
      assert.ok(Math.abs(numeric - at[1 + i]!) <= 1e-4 * Math.max(1, Math.abs(numeric)), `parameter ${i}`);
    }
  });
}
