/**
 * Sorts the columns of full-mode drift on worker threads, one per core (at most two), while the main thread
 * compares the columns already sorted. Arrays move to a worker and back without copying (their buffers are
 * transferred), so a caller must not use an array after handing it over. On a single core, or when a worker
 * cannot start, the sort runs on the main thread instead.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compactNonNaN, radixSortCore, radixSortFloat64InPlace } from './radix-sort.js';

// Plain CommonJS run with { eval: true }, so it works from src/ (tsx) and from the bundle alike.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const radixSortCore = ${radixSortCore.toString()};
const compactNonNaN = ${compactNonNaN.toString()};
const state = { counts: new Uint32Array(65536) };
parentPort.on('message', (m) => {
  try {
    const values = new Float64Array(m.buffer, 0, m.length);
    const kept = compactNonNaN(values);
    radixSortCore(values.subarray(0, kept), state);
    parentPort.postMessage({ id: m.id, buffer: m.buffer, length: kept }, [m.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String(error && error.stack || error) });
  }
});
`;

interface Pending {
  resolve: (sorted: Float64Array) => void;
  reject: (error: Error) => void;
}

export class SortPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private turn = 0;

  constructor(threads = Math.min(2, availableParallelism())) {
    if (threads < 2) return;
    try {
      for (let i = 0; i < threads; i++) {
        const worker = new Worker(WORKER_SOURCE, { eval: true });
        worker.on('message', (m: { id: number; buffer?: ArrayBuffer; length?: number; error?: string }) => {
          const job = this.pending.get(m.id);
          if (!job) return;
          this.pending.delete(m.id);
          if (m.error || !m.buffer) job.reject(new Error(`sorting on a worker thread failed: ${m.error}`));
          else job.resolve(new Float64Array(m.buffer, 0, m.length));
        });
        worker.on('error', (error) => this.failAll(error));
        this.workers.push(worker);
      }
    } catch {
      void this.close();
    }
  }

  /**
   * The non-missing values of `values`, sorted. `values` must own its whole buffer (as the engine's arrays do);
   * it is detached on return.
   */
  sortNonNull(values: Float64Array): Promise<Float64Array> {
    const whole = values.byteOffset === 0 && values.byteLength === values.buffer.byteLength;
    if (this.workers.length === 0 || !whole || !(values.buffer instanceof ArrayBuffer)) {
      return Promise.resolve(radixSortFloat64InPlace(values.subarray(0, compactNonNaN(values))));
    }
    const id = this.next++;
    const worker = this.workers[this.turn++ % this.workers.length]!;
    return new Promise<Float64Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, buffer: values.buffer, length: values.length }, [values.buffer as ArrayBuffer]);
    });
  }

  private failAll(error: Error): void {
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
