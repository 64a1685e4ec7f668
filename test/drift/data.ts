/** Seeded synthetic data for drift tests: CSV files with numeric, integer, categorical columns and shifts. */
import { writeFileSync } from 'node:fs';
import { DataType, encodeModel, GraphBuilder } from '../../src/core/model/onnx-builder.js';

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

export interface Shift {
  /** Added to x1, in standard deviations. */
  meanShift?: number;
  /** Multiplies x2's standard deviation. */
  scale?: number;
  /** Share of rows whose color is a never-seen "purple". */
  newCategory?: number;
  /** Share of rows with x3 missing. */
  missing?: number;
}

export type Row = Record<string, number | string | null>;

export function makeRows(seed: number, n: number, shift: Shift = {}): Row[] {
  const r = rng(seed);
  const colors = ['red', 'green', 'blue'];
  return Array.from({ length: n }, () => {
    const u = r();
    return {
      x1: 10 + 2 * (gaussian(r) + (shift.meanShift ?? 0)),
      x2: -3 + gaussian(r) * (shift.scale ?? 1),
      x3: r() < (shift.missing ?? 0) ? null : 100 + 15 * gaussian(r),
      count: Math.floor(-Math.log(1 - r()) * 4),
      color: r() < (shift.newCategory ?? 0) ? 'purple' : colors[u < 0.5 ? 0 : u < 0.8 ? 1 : 2]!,
    };
  });
}

export function writeCsv(path: string, rows: Row[]): string {
  const cols = Object.keys(rows[0]!);
  const lines = [cols.join(',')];
  for (const row of rows) lines.push(cols.map((c) => (row[c] === null ? '' : String(row[c]))).join(','));
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** A regression "model": prediction = 2 * x1 + 1, one raw-column input like the built-in baselines. */
export function writeLinearModel(path: string): string {
  const g = new GraphBuilder('linear');
  const x1 = g.input('x1', DataType.FLOAT, ['N', 1]);
  const two = g.constant('w', DataType.FLOAT, [1], [2]);
  const one = g.constant('b', DataType.FLOAT, [1], [1]);
  const scaled = g.op('Mul', [x1, two]);
  g.op('Add', [scaled, one], undefined, 'prediction');
  g.output('prediction', DataType.FLOAT, ['N', 1]);
  writeFileSync(
    path,
    encodeModel(g, {
      metadata: { 'mlops.task': 'regression', 'mlops.label': 'y', 'mlops.features': JSON.stringify(['x1']) },
    }),
  );
  return path;
}
