/** Slices: the rows of each value of a segment column, and of each value combination of named column sets. */
import type { ClassificationInput } from './metrics-classification.js';

export interface SliceSpec {
  segment: string;
  values: Record<string, string>;
  label: string;
  rows: Int32Array;
}

export interface Combination {
  name?: string;
  columns: string[];
}

function groupRows(keys: string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((key, i) => {
    let list = groups.get(key);
    if (!list) {
      list = [];
      groups.set(key, list);
    }
    list.push(i);
  });
  return groups;
}

export function sliceRows(
  segments: Record<string, string[]>,
  columns: string[],
  combinations: Combination[],
): SliceSpec[] {
  const out: SliceSpec[] = [];
  for (const column of columns) {
    const values = segments[column]!;
    const groups = [...groupRows(values)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [value, rows] of groups) {
      out.push({
        segment: column,
        values: { [column]: value },
        label: `${column}=${value}`,
        rows: Int32Array.from(rows),
      });
    }
  }
  for (const combo of combinations) {
    const n = segments[combo.columns[0]!]!.length;
    const keys = Array.from({ length: n }, (_, i) => JSON.stringify(combo.columns.map((c) => segments[c]![i])));
    const groups = [...groupRows(keys)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key, rows] of groups) {
      const parts = JSON.parse(key) as string[];
      const values = Object.fromEntries(combo.columns.map((c, j) => [c, parts[j]!]));
      out.push({
        segment: combo.name ?? combo.columns.join(' × '),
        values,
        label: combo.columns.map((c, j) => `${c}=${parts[j]}`).join(', '),
        rows: Int32Array.from(rows),
      });
    }
  }
  return out;
}

export function subsetClassification(input: ClassificationInput, rows: Int32Array): ClassificationInput {
  const C = input.classes.length;
  const n = rows.length;
  const proba = input.proba ? new Float64Array(n * C) : null;
  const yTrue = new Int32Array(n);
  const yPred = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = rows[k]!;
    yTrue[k] = input.yTrue[i]!;
    yPred[k] = input.yPred[i]!;
    if (proba) for (let c = 0; c < C; c++) proba[k * C + c] = input.proba![i * C + c]!;
  }
  return { classes: input.classes, yTrue, yPred, proba };
}

export function subsetRegression(
  input: { yTrue: Float64Array; yPred: Float64Array },
  rows: Int32Array,
): { yTrue: Float64Array; yPred: Float64Array } {
  const yTrue = new Float64Array(rows.length);
  const yPred = new Float64Array(rows.length);
  rows.forEach((i, k) => {
    yTrue[k] = input.yTrue[i]!;
    yPred[k] = input.yPred[i]!;
  });
  return { yTrue, yPred };
}
