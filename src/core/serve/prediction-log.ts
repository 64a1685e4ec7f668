/**
 * The prediction log: JSON Lines, one line per predicted row with a `timestamp` column, the model's features, the
 * prediction and who made it. drift-check reads these files (glob <dir>/<base>-*.jsonl) as its current data.
 *
 * Formatting and writing happen on a worker thread: turning a 256-row batch into text costs more than running
 * many models, and doing it on the event loop showed up directly in the server's tail latency. The request path
 * only posts the typed feature columns (float32 ones packed into one transferred buffer). Each file is named by
 * the time it was opened; past maxBytes the worker moves on to a new file and keeps only the newest maxFiles.
 * Nothing is renamed, so a reader never sees a file disappear under it mid-line.
 */
import { Worker } from 'node:worker_threads';
import { FLOAT32_TEXT_SOURCE } from './float32-text.js';

export interface PredictionLogOptions {
  dir: string;
  base?: string;
  maxBytes?: number;
  maxFiles?: number;
  /** Called once if the log fails and stops (the server keeps answering). */
  onError?: (message: string) => void;
  /**
   * Rows posted to the log and not yet written to the file, at most; past it new rows are dropped (and counted
   * through onDrop) instead of queuing without bound when the disk cannot keep up.
   */
  maxPendingRows?: number;
  onDrop?: (rows: number) => void;
}

/** One request's rows: `head` is the JSON prefix shared by its lines (timestamp, ids, version). */
export interface LogBatch {
  head: string;
  /** `,"<feature>":` for each column. */
  keys: string[];
  columns: ArrayLike<unknown>[];
  n: number;
  predictions: (string | number | null)[];
}

// Plain CommonJS run with { eval: true }, so it works from src/ (tsx) and from the single-file dist bundle alike.
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const { dir, base, maxBytes, maxFiles } = workerData;
fs.mkdirSync(dir, { recursive: true });
const ending = new Set();
let stream = null, current = '', bytes = 0, seq = 0, pending = '', pendingRows = 0, timer;
// Settled file endings leave the set: it holds only files still being closed.
function track(promise) {
  ending.add(promise);
  promise.then(() => ending.delete(promise));
}
function open() {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '');
  const name = base + '-' + stamp + '-' + String(seq++).padStart(4, '0') + '.jsonl';
  stream = fs.createWriteStream(path.join(dir, name), { flags: 'a' });
  current = name;
  bytes = 0;
  // The new file counts towards maxFiles (it may not exist on disk yet: the stream opens asynchronously).
  prune();
}
// Also run once a rotated file is complete: a file whose stream had not opened yet when the next file was started
// was not on disk for the prune in open().
function prune() {
  // Best effort: a file another process holds open (Windows) or a stray directory must not stop the log.
  try {
    const others = fs.readdirSync(dir).filter((f) => f !== current && f.startsWith(base + '-') && f.endsWith('.jsonl')).sort();
    for (const f of others.slice(0, Math.max(0, others.length - (maxFiles - 1)))) {
      try { fs.rmSync(path.join(dir, f), { force: true }); } catch {}
    }
  } catch {}
}
function flush() {
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (!pending) return;
  const text = pending;
  const rows = pendingRows;
  pending = '';
  pendingRows = 0;
  if (!stream) open();
  bytes += Buffer.byteLength(text);
  // Rows count as written once the stream has handed them to the file: what the server may still post is
  // bounded by what the disk takes.
  stream.write(text, () => parentPort.postMessage({ written: rows }));
  if (bytes >= maxBytes) {
    const done = stream;
    track(new Promise((resolve) => done.end(() => { prune(); resolve(); })));
    stream = null;
  }
}
// Float32 features: the shortest text that reads back as the same float32 (float32-text.ts).
${FLOAT32_TEXT_SOURCE}
function value(v) {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'bigint') return String(v);
  return JSON.stringify(v === undefined ? null : v);
}
parentPort.on('message', (m) => {
  if (m === 'close') {
    flush();
    if (stream) {
      const last = stream;
      track(new Promise((resolve) => last.end(resolve)));
    }
    // Every file, rotated ones included, is complete on disk before the server's close() returns.
    Promise.all([...ending]).then(() => { prune(); parentPort.postMessage('closed'); });
    return;
  }
  if (m.packed) m.columns = m.keys.map((_, c) => m.packed.subarray(c * m.n, (c + 1) * m.n));
  const format = m.columns.map((col) => (col instanceof Float32Array ? f32 : value));
  let text = '';
  for (let r = 0; r < m.n; r++) {
    let line = m.head + r;
    for (let c = 0; c < m.columns.length; c++) line += m.keys[c] + format[c](m.columns[c][r]);
    text += line + ',"prediction":' + value(m.predictions[r]) + '}\n';
  }
  pending += text;
  pendingRows += m.n;
  if (pending.length >= Math.min(256 * 1024, maxBytes / 4)) flush();
  else if (!timer) timer = setTimeout(flush, 100);
});
`;

/** Rows waiting to be written, at most: about 60 MB for 32 float features per row and their text. */
const MAX_PENDING_ROWS = 200_000;

export class PredictionLog {
  private worker: Worker | undefined;
  private readonly base: string;
  private pendingRows = 0;
  private closed: (() => void) | undefined;
  /** Rows dropped because the log could not keep up. */
  dropped = 0;

  /** Rows posted and not yet written to the file. */
  get pending(): number {
    return this.pendingRows;
  }

  constructor(private readonly options: PredictionLogOptions) {
    this.base = options.base ?? 'predictions';
  }

  async open(): Promise<void> {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        dir: this.options.dir,
        base: this.base,
        maxBytes: this.options.maxBytes ?? 64 * 1024 * 1024,
        maxFiles: this.options.maxFiles ?? 10,
      },
    });
    this.worker.unref();
    this.worker.on('message', (message: unknown) => {
      if (message === 'closed') this.closed?.();
      else if (typeof message === 'object' && message !== null && 'written' in message)
        this.pendingRows -= Number((message as { written: number }).written);
    });
    // A failing log (disk full, directory removed) stops logging; it never takes the server down with it.
    this.worker.on('error', (error) => {
      this.worker = undefined;
      this.options.onError?.(error.message);
    });
  }

  write(batch: LogBatch): void {
    const worker = this.worker;
    if (!worker) return;
    if (this.pendingRows + batch.n > (this.options.maxPendingRows ?? MAX_PENDING_ROWS)) {
      this.dropped += batch.n;
      this.options.onDrop?.(batch.n);
      return;
    }
    this.pendingRows += batch.n;
    // All-float32 features (the usual case) travel as one transferred buffer: cloning dozens of small typed
    // arrays per request cost more than the copy into one.
    if (batch.n > 0 && batch.columns.every((c) => c instanceof Float32Array)) {
      const packed = new Float32Array(batch.columns.length * batch.n);
      for (const [i, c] of batch.columns.entries()) packed.set((c as Float32Array).subarray(0, batch.n), i * batch.n);
      worker.postMessage({ ...batch, columns: [], packed }, [packed.buffer]);
      return;
    }
    worker.postMessage(batch);
  }

  /** Flushes everything posted so far and stops the worker. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    worker.ref();
    await new Promise<void>((resolve) => {
      this.closed = resolve;
      worker.once('exit', () => resolve());
      worker.postMessage('close');
    });
    await worker.terminate();
  }
}
