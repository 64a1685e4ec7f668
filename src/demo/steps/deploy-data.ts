/**
 * Generated traffic for the rollout demo and tests: two numeric features, truth `yes` when a + b > 0. Models are
 * real baselines trained by the train step's code: a `good` one on the true labels and a `weak` one on a
 * shortcut rule (a > 0 only), which is right three times in four. Both predict the classes in equal shares,
 * so only live quality from feedback can tell them apart, which is the point of judging canaries on it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../../core/fs.js';
import { exportBaselineOnnx } from '../../core/model/onnx-linear.js';
import { trainBaseline } from '../../core/train/baseline.js';

export interface ToyRow {
  a: number;
  b: number;
}

export function toyTruth(row: ToyRow): 'yes' | 'no' {
  return row.a + row.b > 0 ? 'yes' : 'no';
}

/** xorshift32 in [-1, 1): deterministic traffic. */
export function toyRowSource(seed = 1): () => ToyRow {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) / 0x1_0000_0000) * 2 - 1;
  };
  return () => ({ a: Math.fround(next()), b: Math.fround(next()) });
}

export type ToyQuality = 'good' | 'weak';

export function trainToyModel(quality: ToyQuality, rows = 2000, seed = 17): Uint8Array {
  const source = toyRowSource(seed);
  const a = new Float64Array(rows);
  const b = new Float64Array(rows);
  const y: string[] = [];
  for (let i = 0; i < rows; i++) {
    const r = source();
    a[i] = r.a;
    b[i] = r.b;
    y.push(quality === 'good' ? toyTruth(r) : r.a > 0 ? 'yes' : 'no');
  }
  const { model } = trainBaseline(
    { rowCount: rows, columns: { a, b, y } },
    { label: 'y', task: 'binary', features: ['a', 'b'], baseline: 'logistic' },
  );
  return exportBaselineOnnx(model);
}

export interface ToyArtifact {
  path: string;
  sha256: string;
}

export function writeToyModel(dir: string, quality: ToyQuality, file = `${quality}.onnx`): ToyArtifact {
  const bytes = trainToyModel(quality);
  const path = join(dir, file);
  writeFileSync(path, bytes);
  return { path, sha256: sha256(bytes) };
}
