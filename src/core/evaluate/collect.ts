/**
 * Streams the evaluation data once through the candidate (and the champion) and keeps only what metrics need:
 * the true label, each model's predictions and the segment values, row-aligned across models.
 */
import type { Tensor } from 'onnxruntime-common';
import type { ColumnBatch, ColumnInfo, ColumnValues } from '../data/types.js';
import { MlopsError } from '../errors.js';
import { feedsFor, type InferencePlan, MatrixBuffers, OutputFetches, readOutputs } from '../model/inference.js';
import type { LoadedModel } from '../model/session.js';
import { loadNative } from '../native.js';

/** The part of a data engine Dataset that evaluation reads. */
export interface EvaluationSource {
  readonly source: string;
  readonly columns: ColumnInfo[];
  batches(columns: string[], options?: { batchSize?: number }): AsyncIterable<ColumnBatch>;
  /** Row count when cheap to know: buffers are then sized once instead of grown. */
  rowCount?(): Promise<number>;
}

export interface ModelOutputs {
  /** Row-major n x C probabilities (classifiers), or null when the model gives labels only. */
  proba: Float64Array | null;
  predicted: Int32Array | null;
  prediction: Float64Array | null;
  /** Rows dropped because this model's outputs were not finite. */
  nonFiniteRows: number;
  /** onnxruntime wall time per batch. */
  batchMillis: number[];
}

export interface CollectedRows {
  /** Rows read from the data. */
  rowsRead: number;
  /** Rows kept: label present and every model's outputs finite. */
  n: number;
  /** Classifiers: class index; regressors: the value. */
  yTrue: Int32Array | Float64Array;
  models: ModelOutputs[];
  segments: Record<string, string[]>;
  missingLabels: number;
  /** The first batch, kept for latency measurement. */
  sampleBatch: ColumnBatch | undefined;
}

export interface CollectOptions {
  label: string;
  task: 'binary' | 'multiclass' | 'regression';
  classes: string[];
  segments: string[];
  batchSize: number;
}

class Growable<T extends Float64Array | Int32Array> {
  data: T;
  length = 0;
  constructor(
    private readonly make: (n: number) => T,
    capacity = 1024,
  ) {
    this.data = make(Math.max(1, capacity));
  }
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    const next = this.make(Math.max(this.data.length * 2, this.length + extra));
    next.set(this.data.subarray(0, this.length) as never);
    this.data = next;
  }
  append(values: Float64Array | Int32Array): void {
    this.reserve(values.length);
    this.data.set(values as never, this.length);
    this.length += values.length;
  }
  push(v: number): void {
    this.data[this.length++] = v;
  }
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

function unknownLabel(batch: ColumnBatch, i: number, text: string, options: CollectOptions): MlopsError {
  return new MlopsError(`Row ${batch.firstRow + i}: label "${text}" is not one of the model's classes.`, {
    kind: 'input',
    where: { row: batch.firstRow + i, field: options.label },
    expected: options.classes.join(', '),
    found: text,
    hint: 'The evaluation data has a class the model never learned: retrain on data that includes it, or filter those rows.',
  });
}

function everyRowKept(
  labels: ColumnValues,
  results: { finite: Uint8Array }[],
  n: number,
  regression: boolean,
): boolean {
  for (const r of results) for (let i = 0; i < n; i++) if (!r.finite[i]) return false;
  if (labels instanceof Float64Array) {
    // A regression target must be a finite number; a class label only has to be present.
    if (regression) {
      for (let i = 0; i < n; i++) if (!Number.isFinite(labels[i]!)) return false;
    } else {
      for (let i = 0; i < n; i++) if (Number.isNaN(labels[i]!)) return false;
    }
  } else {
    for (let i = 0; i < n; i++) if (labels[i] === null || labels[i] === '') return false;
    if (regression) for (let i = 0; i < n; i++) if (!Number.isFinite(Number(labels[i]))) return false;
  }
  return true;
}

function labelText(values: ColumnValues, i: number): string | null {
  if (values instanceof Float64Array) {
    const v = values[i]!;
    return Number.isNaN(v) ? null : String(v);
  }
  const v = values[i];
  return v === null || v === undefined || v === '' ? null : v;
}

/**
 * Class index of a label. Label strings from the data engine are fresh objects: a Map lookup hashes each one,
 * while comparing against a few class names is a short content compare, so small class sets are scanned.
 * Numeric labels are matched by value (a class "1" matches 1 and 1.0, as String(1.0) is "1"), without making a
 * string per row.
 */
function classLookup(classes: string[]): {
  text: (text: string) => number | undefined;
  number: (value: number) => number | undefined;
} {
  const byText = new Map(classes.map((c, i) => [c, i]));
  const byNumber = new Map<number, number>();
  classes.forEach((c, i) => {
    if (c !== '' && String(Number(c)) === c && !byNumber.has(Number(c))) byNumber.set(Number(c), i);
  });
  return {
    text: (text) => {
      if (classes.length > 8) return byText.get(text);
      for (let c = 0; c < classes.length; c++) if (classes[c] === text) return c;
      return undefined;
    },
    number: (value) => byNumber.get(value),
  };
}

export async function collectPredictions(
  source: EvaluationSource,
  models: { model: LoadedModel; plan: InferencePlan }[],
  options: CollectOptions,
): Promise<CollectedRows> {
  const ort = await loadNative('onnxruntime-node');
  const classification = options.task !== 'regression';
  const classOf = classLookup(options.classes);
  const C = options.classes.length;
  const wanted = new Set<string>([options.label, ...options.segments]);
  for (const { plan } of models) for (const c of plan.columns) wanted.add(c);
  const rows = source.rowCount ? await source.rowCount() : 1024;
  const yTrue = classification
    ? new Growable((n) => new Int32Array(n), rows)
    : new Growable((n) => new Float64Array(n), rows);
  const outs = models.map(({ plan }) => ({
    proba: plan.outputs.probabilities && classification ? new Growable((n) => new Float64Array(n), rows * C) : null,
    predicted: classification ? new Growable((n) => new Int32Array(n), rows) : null,
    prediction: classification ? null : new Growable((n) => new Float64Array(n), rows),
    nonFiniteRows: 0,
    batchMillis: [] as number[],
  }));
  const segments: Record<string, string[]> = Object.fromEntries(options.segments.map((s) => [s, []]));
  let rowsRead = 0;
  let missingLabels = 0;
  let sampleBatch: ColumnBatch | undefined;

  const fetches = models.map(({ plan }) => new OutputFetches(plan));
  const matrices = models.map(() => new MatrixBuffers());
  const runAll = async (batch: ColumnBatch) =>
    Promise.all(
      models.map(async ({ model, plan }, m) => {
        const feeds: Record<string, Tensor> = feedsFor(ort, plan, batch, matrices[m]);
        const start = performance.now();
        const outputs = await model.run(feeds, fetches[m]!.names());
        const millis = performance.now() - start;
        matrices[m]!.give(feeds);
        const read = readOutputs(plan, outputs, batch.rowCount);
        fetches[m]!.observe(read, batch.rowCount);
        return { millis, ...read };
      }),
    );

  const consume = (batch: ColumnBatch, results: Awaited<ReturnType<typeof runAll>>) => {
    const n = batch.rowCount;
    rowsRead += n;
    const labels = batch.columns[options.label]!;
    const numericLabels = labels instanceof Float64Array ? labels : null;
    yTrue.reserve(n);
    for (let m = 0; m < outs.length; m++) {
      const o = outs[m]!;
      o.proba?.reserve(n * C);
      o.predicted?.reserve(n);
      o.prediction?.reserve(n);
      o.batchMillis.push(results[m]!.millis);
    }
    const segmentValues = options.segments.map((s) => [segments[s]!, batch.columns[s]!] as const);
    if (everyRowKept(labels, results, n, !classification)) {
      // The common case: no row dropped, so predictions are copied in bulk and only labels are looked up.
      for (let m = 0; m < outs.length; m++) {
        const r = results[m]!;
        const o = outs[m]!;
        if (o.proba && r.probabilities) o.proba.append(r.probabilities);
        if (o.predicted && r.predicted) o.predicted.append(r.predicted);
        if (o.prediction && r.prediction) o.prediction.append(r.prediction);
      }
      if (classification && numericLabels) {
        let lastValue = Number.NaN;
        let lastClass = -1;
        for (let i = 0; i < n; i++) {
          const v = numericLabels[i]!;
          const k = v === lastValue ? lastClass : classOf.number(v);
          if (k === undefined) throw unknownLabel(batch, i, String(v), options);
          lastValue = v;
          lastClass = k;
          yTrue.push(k);
        }
      } else if (classification) {
        let lastText: string | null = null;
        let lastClass = -1;
        for (let i = 0; i < n; i++) {
          const text = labelText(labels, i)!;
          const k = text === lastText ? lastClass : classOf.text(text);
          if (k === undefined) throw unknownLabel(batch, i, text, options);
          lastText = text;
          lastClass = k;
          yTrue.push(k);
        }
      } else {
        yTrue.append(labels as Float64Array);
      }
      for (const [target, values] of segmentValues) {
        for (let i = 0; i < n; i++) target.push(labelText(values, i) ?? '(missing)');
      }
      return;
    }
    let lastText: string | null = null;
    let lastClass = -1;
    for (let i = 0; i < n; i++) {
      const text = labelText(labels, i);
      // A regression target that is not a finite number ("n/a", inf) is no label, not a NaN in every metric.
      const value = classification ? 0 : numericLabels ? numericLabels[i]! : Number(text);
      if (text === null || !Number.isFinite(value)) {
        missingLabels++;
        continue;
      }
      let finite = true;
      for (let m = 0; m < results.length; m++) {
        if (!results[m]!.finite[i]) {
          outs[m]!.nonFiniteRows++;
          finite = false;
        }
      }
      if (!finite) continue;
      if (!classification) {
        yTrue.push(value);
      } else {
        const k = text === lastText ? lastClass : classOf.text(text);
        if (k === undefined) throw unknownLabel(batch, i, text, options);
        lastText = text;
        lastClass = k;
        yTrue.push(k);
      }
      for (let m = 0; m < results.length; m++) {
        const r = results[m]!;
        const o = outs[m]!;
        if (o.proba && r.probabilities) {
          for (let c = 0; c < C; c++) o.proba.push(r.probabilities[i * C + c]!);
        }
        if (o.predicted && r.predicted) o.predicted.push(r.predicted[i]!);
        if (o.prediction && r.prediction) o.prediction.push(r.prediction[i]!);
      }
      for (const [target, values] of segmentValues) target.push(labelText(values, i) ?? '(missing)');
    }
  };

  // Read and convert the next batch while onnxruntime works on the current one.
  let pending: { batch: ColumnBatch; results: ReturnType<typeof runAll> } | undefined;
  for await (const batch of source.batches([...wanted], { batchSize: options.batchSize })) {
    if (batch.rowCount === 0) continue;
    sampleBatch ??= batch;
    const results = runAll(batch);
    results.catch(() => undefined);
    if (pending) consume(pending.batch, await pending.results);
    pending = { batch, results };
  }
  if (pending) consume(pending.batch, await pending.results);

  return {
    rowsRead,
    n: yTrue.length,
    yTrue: yTrue.view(),
    models: outs.map((o) => ({
      proba: o.proba?.view() ?? null,
      predicted: o.predicted?.view() ?? null,
      prediction: o.prediction?.view() ?? null,
      nonFiniteRows: o.nonFiniteRows,
      batchMillis: o.batchMillis,
    })),
    segments,
    missingLabels,
    sampleBatch,
  };
}
