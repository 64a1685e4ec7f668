/**
 * Loss and gradient of the linear classifiers over blocks of rows, run on the calling thread or on worker
 * threads that share the design matrix (SharedArrayBuffer). Rows are always split into the same blocks, and the
 * block partials are summed in block order on the calling thread, so the result is bit-for-bit the same whatever
 * the number of threads: a model does not depend on the machine's core count.
 *
 * Partials of a block: [loss, gradient of the weights (d x k, row-major), gradient of the intercepts (k)].
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { MlopsError } from '../errors.js';

/** Block count depends on n only (never on the thread count). */
export function blockCount(n: number): number {
  return Math.max(1, Math.min(64, Math.ceil(n / 16384)));
}

/** Values per block in the partials array. */
export function blockStride(d: number, k: number): number {
  return 1 + (d + 1) * k;
}

/*
 * The block functions are self-contained on purpose (no imports, no closures, no helpers): worker threads
 * receive their source text (Function.prototype.toString). Parameters: w holds weights [d x k] then intercepts [k].
 */

/** Binary logistic loss (k = 1, y in {0, 1}). */
export function logisticBlock(
  x: Float64Array,
  y: Uint16Array,
  w: Float64Array,
  n: number,
  d: number,
  _k: number,
  blocks: number,
  block: number,
  out: Float64Array,
): void {
  const size = Math.ceil(n / blocks);
  const start = block * size;
  const end = Math.min(n, start + size);
  const o = block * (d + 2);
  for (let j = 0; j <= d + 1; j++) out[o + j] = 0;
  const b = w[d]!;
  let loss = 0;
  let gb = 0;
  for (let i = start; i < end; i++) {
    const row = i * d;
    let z = b;
    for (let j = 0; j < d; j++) z += x[row + j]! * w[j]!;
    const yi = y[i]!;
    // One exp per row: softplus(z) = max(z, 0) + log1p(e) and sigmoid(z) from e = exp(-|z|).
    const e = Math.exp(-Math.abs(z));
    loss += Math.max(z, 0) + Math.log1p(e) - yi * z;
    const r = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - yi;
    gb += r;
    for (let j = 0; j < d; j++) out[o + 1 + j] = out[o + 1 + j]! + r * x[row + j]!;
  }
  out[o] = loss;
  out[o + 1 + d] = gb;
}

/** Multinomial (softmax) loss over k classes (y = class index). */
export function softmaxBlock(
  x: Float64Array,
  y: Uint16Array,
  w: Float64Array,
  n: number,
  d: number,
  k: number,
  blocks: number,
  block: number,
  out: Float64Array,
): void {
  const size = Math.ceil(n / blocks);
  const start = block * size;
  const end = Math.min(n, start + size);
  const o = block * (1 + (d + 1) * k);
  for (let j = 0; j < 1 + (d + 1) * k; j++) out[o + j] = 0;
  const g = o + 1;
  const bOffset = d * k;
  const z = new Float64Array(k);
  let loss = 0;
  for (let i = start; i < end; i++) {
    const row = i * d;
    for (let c = 0; c < k; c++) z[c] = w[bOffset + c]!;
    for (let j = 0; j < d; j++) {
      const xv = x[row + j]!;
      if (xv === 0) continue;
      const wj = j * k;
      for (let c = 0; c < k; c++) z[c] = z[c]! + xv * w[wj + c]!;
    }
    let max = z[0]!;
    for (let c = 1; c < k; c++) if (z[c]! > max) max = z[c]!;
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(z[c]! - max);
      z[c] = e;
      sum += e;
    }
    const yi = y[i]!;
    loss += Math.log(sum) - Math.log(z[yi]!);
    for (let c = 0; c < k; c++) z[c] = z[c]! / sum - (c === yi ? 1 : 0);
    for (let c = 0; c < k; c++) out[g + bOffset + c] = out[g + bOffset + c]! + z[c]!;
    for (let j = 0; j < d; j++) {
      const xv = x[row + j]!;
      if (xv === 0) continue;
      const wj = g + j * k;
      for (let c = 0; c < k; c++) out[wj + c] = out[wj + c]! + z[c]! * xv;
    }
  }
  out[o] = loss;
}

type BlockFunction = typeof logisticBlock;

const WORKER_SOURCE = (fn: string) => `
const { workerData } = require('node:worker_threads');
const blockFunction = ${fn};
const { n, d, k, blocks, index, threads } = workerData;
const x = new Float64Array(workerData.x);
const y = new Uint16Array(workerData.y);
const w = new Float64Array(workerData.w);
const out = new Float64Array(workerData.out);
const control = new Int32Array(workerData.control);
let generation = 0;
for (;;) {
  Atomics.wait(control, 0, generation);
  generation = Atomics.load(control, 0);
  if (generation < 0) break;
  for (let block = index; block < blocks; block += threads) blockFunction(x, y, w, n, d, k, blocks, block, out);
  Atomics.add(control, 1, 1);
  Atomics.notify(control, 1);
}
`;

export interface LossKernel {
  /** Partials of every block at w (blockCount(n) x blockStride(d, k)). */
  run(w: Float64Array): Float64Array;
  close(): void;
}

/** Worth the worker start-up only for large problems. */
const PARALLEL_MIN_CELLS = 2_000_000;
const STALL_MS = 60_000;

/**
 * A kernel for the logistic (k = 1) or softmax (k > 1) loss. Worker threads are used when x lives in shared
 * memory (buildDesign allocates large matrices there), the problem is large and more than one core is available.
 */
export function lossKernel(
  x: Float64Array,
  y: Uint16Array,
  n: number,
  d: number,
  k: number,
  maxThreads = availableParallelism(),
): LossKernel {
  const fn: BlockFunction = k === 1 ? logisticBlock : softmaxBlock;
  const blocks = blockCount(n);
  const stride = blockStride(d, k);
  const threads = Math.min(maxThreads, blocks, 8);
  const parallel = x.buffer instanceof SharedArrayBuffer && n * d >= PARALLEL_MIN_CELLS && threads > 1;
  if (!parallel) {
    const out = new Float64Array(blocks * stride);
    return {
      run(w) {
        for (let block = 0; block < blocks; block++) fn(x, y, w, n, d, k, blocks, block, out);
        return out;
      },
      close() {},
    };
  }
  const ys = new Uint16Array(new SharedArrayBuffer(n * 2));
  ys.set(y);
  const ws = new Float64Array(new SharedArrayBuffer((d + 1) * k * 8));
  const out = new Float64Array(new SharedArrayBuffer(blocks * stride * 8));
  const control = new Int32Array(new SharedArrayBuffer(8));
  const source = WORKER_SOURCE(fn.toString());
  const workers = Array.from(
    { length: threads },
    (_, index) =>
      new Worker(source, {
        eval: true,
        workerData: {
          x: x.buffer,
          y: ys.buffer,
          w: ws.buffer,
          out: out.buffer,
          control: control.buffer,
          n,
          d,
          k,
          blocks,
          index,
          threads,
        },
      }),
  );
  for (const worker of workers) worker.unref();
  return {
    run(w) {
      ws.set(w);
      Atomics.store(control, 1, 0);
      Atomics.add(control, 0, 1);
      Atomics.notify(control, 0);
      // The solver is synchronous, so wait synchronously; a worker that never reports (it failed to start) must
      // not hang the job: blocks take well under a second each, a minute without progress is a failure.
      let last = -1;
      let since = Date.now();
      for (;;) {
        const done = Atomics.load(control, 1);
        if (done >= threads) break;
        if (done !== last) {
          last = done;
          since = Date.now();
        } else if (Date.now() - since > STALL_MS) {
          throw new MlopsError('A training worker thread stopped responding.', {
            kind: 'internal',
            hint: 'Run again; if it persists, report it with the Node version and the data size.',
          });
        }
        Atomics.wait(control, 1, done, 1000);
      }
      return out;
    },
    close() {
      Atomics.store(control, 0, -1);
      Atomics.notify(control, 0);
      for (const worker of workers) void worker.terminate();
    },
  };
}
