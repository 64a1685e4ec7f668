/**
 * Sorts the columns of full-mode drift on worker threads, one per core (at most two), while the main thread
 * compares the columns already sorted. Arrays move to a worker and back without copying (their buffers are
 * transferred), so a caller must not use an array after handing it over. On a single core the sort runs on the
 * main thread. When a worker fails (a sort throws, the worker errors or exits), the pool stops using workers
 * and every job it held is rejected with a SortWorkerError: those values are gone, so the caller reads them
 * again and the same pool sorts them on the main thread (compare.ts does).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compactFinite, radixSortCore, sortFiniteInPlace } from './radix-sort.js';

// Plain CommonJS run with { eval: true }, so it works from src/ (tsx) and from the bundle alike.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const radixSortCore = ${radixSortCore.toString()};
const compactFinite = ${compactFinite.toString()};
const state = {};
parentPort.on('message', (m) => {
  try {
    const values = new Float64Array(m.buffer, 0, m.length);
    const kept = compactFinite(values);
    radixSortCore(values.subarray(0, kept), state);
    parentPort.postMessage({ id: m.id, buffer: m.buffer, length: kept }, [m.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String(error && error.stack || error) });
  }
});
`;

/** A worker thread failed; the arrays handed to the pool are lost. */
export class SortWorkerError extends Error {}

interface Pending {
  resolve: (sorted: Float64Array) => void;
  reject: (error: Error) => void;
}

export class SortPool {
  private workers: Worker[] = [];
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
          if (m.error || !m.buffer) {
            job.reject(new SortWorkerError(`sorting on a worker thread failed: ${m.error}`));
            this.fail(`a sort worker failed: ${m.error}`);
          } else job.resolve(new Float64Array(m.buffer, 0, m.length));
        });
        worker.on('error', (error) => this.fail(`a sort worker failed: ${error.message}`));
        worker.on('exit', (code) => this.fail(`a sort worker exited (code ${code})`));
        this.workers.push(worker);
      }
    } catch {
      this.fail('a sort worker could not start');
    }
  }

  /**
   * The finite values of `values` (no missing values, no infinities), sorted. `values` must own its whole buffer
   * (as the engine's arrays do); it is detached on return when a worker takes it.
   */
  sortFinite(values: Float64Array): Promise<Float64Array> {
    const whole = values.byteOffset === 0 && values.byteLength === values.buffer.byteLength;
    if (this.workers.length === 0 || !whole || !(values.buffer instanceof ArrayBuffer)) {
      return Promise.resolve(sortFiniteInPlace(values));
    }
    const id = this.next++;
    const worker = this.workers[this.turn++ % this.workers.length]!;
    return new Promise<Float64Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, buffer: values.buffer, length: values.length }, [values.buffer as ArrayBuffer]);
    });
  }

  /** Stops using workers: later sorts run on the main thread, jobs in flight are rejected. */
  private fail(reason: string): void {
    void this.stopWorkers();
    for (const job of this.pending.values()) job.reject(new SortWorkerError(reason));
    this.pending.clear();
  }

  async close(): Promise<void> {
    await this.stopWorkers();
  }

  /** Terminates the workers without their exit counting as a failure. */
  private async stopWorkers(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(
      workers.map((w) => {
        w.removeAllListeners('exit');
        return w.terminate();
      }),
    );
  }
}
