/**
 * Helpers for the train tests: a plain CSV reader for the small shipped files (no quotes in them), a runner for
 * an exported ONNX baseline on raw columns through onnxruntime-node, and the paths of real datasets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadNative } from '../../src/core/native.js';
import type { BaselineModel, TrainingData } from '../../src/core/train/baseline.js';

export const REPO = join(import.meta.dirname, '..', '..');
export const PENGUINS = join(REPO, 'examples', 'penguins');
export const SKLEARN_DATA = '/usr/lib/python3/dist-packages/sklearn/datasets/data';

/** Columns whose every non-empty value parses as a number become Float64Array (NaN for empty). */
export function readCsv(path: string): TrainingData & { header: string[] } {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const columns: TrainingData['columns'] = {};
  header.forEach((name, j) => {
    const raw = rows.map((r) => r[j] ?? '');
    const numeric = raw.every((v) => v === '' || Number.isFinite(Number(v)));
    columns[name] = numeric
      ? Float64Array.from(raw, (v) => (v === '' ? Number.NaN : Number(v)))
      : raw.map((v) => (v === '' ? null : v));
  });
  return { header, rowCount: rows.length, columns };
}

/** Rows i where keep(i) is true, as a new TrainingData. */
export function subset(data: TrainingData, keep: (i: number) => boolean): TrainingData {
  const index: number[] = [];
  for (let i = 0; i < data.rowCount; i++) if (keep(i)) index.push(i);
  const columns: TrainingData['columns'] = {};
  for (const [name, values] of Object.entries(data.columns)) {
    columns[name] =
      values instanceof Float64Array ? Float64Array.from(index, (i) => values[i]!) : index.map((i) => values[i]!);
  }
  return { rowCount: index.length, columns };
}

/** Numeric columns rounded to float32, as the ONNX graph sees them. */
export function asFloat32(data: TrainingData): TrainingData {
  const columns: TrainingData['columns'] = {};
  for (const [name, values] of Object.entries(data.columns)) {
    columns[name] = values instanceof Float64Array ? Float64Array.from(values, Math.fround) : values;
  }
  return { rowCount: data.rowCount, columns };
}

export interface OnnxOutputs {
  label?: string[];
  probabilities?: Float32Array;
  prediction?: Float32Array;
}

export async function runOnnxBaseline(
  bytes: Uint8Array,
  model: BaselineModel,
  data: TrainingData,
): Promise<OnnxOutputs> {
  const ort = await loadNative('onnxruntime-node');
  const session = await ort.InferenceSession.create(bytes);
  const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {};
  for (const f of model.features) {
    const values = data.columns[f.name]!;
    feeds[f.name] =
      f.kind === 'numeric'
        ? new ort.Tensor('float32', Float32Array.from(values as Float64Array), [data.rowCount, 1])
        : new ort.Tensor(
            'string',
            (values as (string | null)[]).map((v) => v ?? ''),
            [data.rowCount, 1],
          );
  }
  const out = await session.run(feeds);
  await session.release();
  return {
    label: out.label ? (out.label.data as string[]) : undefined,
    probabilities: out.probabilities ? (out.probabilities.data as Float32Array) : undefined,
    prediction: out.prediction ? (out.prediction.data as Float32Array) : undefined,
  };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Plain arrays for JSON (NaN -> null, which pandas reads back as missing). */
export function toJsonColumns(data: TrainingData): Record<string, (number | string | null)[]> {
  const out: Record<string, (number | string | null)[]> = {};
  for (const [name, values] of Object.entries(data.columns)) {
    out[name] = Array.from(values as ArrayLike<number | string | null>, (v) =>
      typeof v === 'number' && Number.isNaN(v) ? null : v,
    );
  }
  return out;
}

function sklearnCsv(file: string, classes: boolean): TrainingData {
  const lines = readFileSync(join(SKLEARN_DATA, file), 'utf8').trim().split(/\r?\n/).slice(1);
  const rows = lines.map((l) => l.split(',').map(Number));
  const width = rows[0]!.length - 1;
  const columns: TrainingData['columns'] = {};
  for (let j = 0; j < width; j++) columns[`f${j}`] = Float64Array.from(rows, (r) => r[j]!);
  columns.target = classes ? rows.map((r) => `class_${r[width]}`) : Float64Array.from(rows, (r) => r[width]!);
  return { rowCount: rows.length, columns };
}

/** Wisconsin breast cancer (569 x 30, binary 0/1 target kept numeric). */
export function breastCancer(): TrainingData {
  return sklearnCsv('breast_cancer.csv', false);
}

/** Wine (178 x 13, three classes named class_0..class_2). */
export function wine(): TrainingData {
  return sklearnCsv('wine_data.csv', true);
}

/** Diabetes (442 x 10 raw features, numeric target). */
export function diabetes(): TrainingData {
  const features = gunzipSync(readFileSync(join(SKLEARN_DATA, 'diabetes_data_raw.csv.gz')))
    .toString('utf8')
    .trim()
    .split(/\r?\n/)
    .map((l) => l.trim().split(/\s+/).map(Number));
  const target = gunzipSync(readFileSync(join(SKLEARN_DATA, 'diabetes_target.csv.gz')))
    .toString('utf8')
    .trim()
    .split(/\s+/)
    .map(Number);
  const columns: TrainingData['columns'] = {};
  const names = ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'];
  names.forEach((name, j) => {
    columns[name] = Float64Array.from(features, (r) => r[j]!);
  });
  columns.progression = Float64Array.from(target);
  return { rowCount: target.length, columns };
}
