/**
 * Preprocessing learned from the training data, shared by the TypeScript trainer and the ONNX exporter so the
 * two compute the same thing: numeric columns are imputed with their training mean and standardized; string
 * columns are one-hot encoded over their training categories (missing = "", unseen categories = all zeros).
 * The design matrix lays numeric columns first (in feature order), then each categorical's one-hot block.
 */
import type { ColumnValues } from '../data/types.js';
import { MlopsError } from '../errors.js';

export interface NumericFeature {
  kind: 'numeric';
  name: string;
  mean: number;
  scale: number;
}

export interface CategoricalFeature {
  kind: 'categorical';
  name: string;
  categories: string[];
}

export type FeatureSpec = NumericFeature | CategoricalFeature;

/** Categories beyond this many (by frequency) share the all-zero encoding, like unseen ones. */
export const MAX_CATEGORIES = 50;

const SHARED_MIN_CELLS = 2_000_000;

export function numericFeatures(features: FeatureSpec[]): NumericFeature[] {
  return features.filter((f): f is NumericFeature => f.kind === 'numeric');
}

export function categoricalFeatures(features: FeatureSpec[]): CategoricalFeature[] {
  return features.filter((f): f is CategoricalFeature => f.kind === 'categorical');
}

/** Number of design columns (without the intercept). */
export function designWidth(features: FeatureSpec[]): number {
  let width = 0;
  for (const f of features) width += f.kind === 'numeric' ? 1 : f.categories.length;
  return width;
}

/** Design column names, for coefficient tables. */
export function designNames(features: FeatureSpec[]): string[] {
  const names = numericFeatures(features).map((f) => f.name);
  for (const f of categoricalFeatures(features)) for (const c of f.categories) names.push(`${f.name}=${c}`);
  return names;
}

function column(columns: Record<string, ColumnValues>, name: string): ColumnValues {
  const values = columns[name];
  if (!values) {
    throw new MlopsError(`Feature column "${name}" is not in the data.`, {
      kind: 'input',
      where: { field: name },
      hint: 'Check model.features in mlops.yaml against the data header.',
    });
  }
  return values;
}

/** Learns means, scales and categories from the rows in `rows` (indices into the columns). */
export function fitFeatures(
  columns: Record<string, ColumnValues>,
  names: string[],
  rows: Int32Array | null,
  rowCount: number,
): FeatureSpec[] {
  const n = rows ? rows.length : rowCount;
  return names.map((name): FeatureSpec => {
    const values = column(columns, name);
    if (values instanceof Float64Array) {
      let sum = 0;
      let count = 0;
      for (let k = 0; k < n; k++) {
        const v = values[rows ? rows[k]! : k]!;
        if (!Number.isNaN(v)) {
          sum += v;
          count++;
        }
      }
      const mean = count > 0 ? sum / count : 0;
      let ss = 0;
      for (let k = 0; k < n; k++) {
        const v = values[rows ? rows[k]! : k]!;
        if (!Number.isNaN(v)) ss += (v - mean) * (v - mean);
      }
      const std = count > 0 ? Math.sqrt(ss / count) : 0;
      return { kind: 'numeric', name, mean, scale: std > 0 && Number.isFinite(std) ? std : 1 };
    }
    const counts = new Map<string, number>();
    for (let k = 0; k < n; k++) {
      const v = values[rows ? rows[k]! : k] ?? '';
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    let categories = [...counts.keys()];
    if (categories.length > MAX_CATEGORIES) {
      categories = categories
        .sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0))
        .slice(0, MAX_CATEGORIES);
    }
    categories.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { kind: 'categorical', name, categories };
  });
}

/**
 * The row-major design matrix [n x width] for the given rows (all rows when null). Typed arrays only: this is
 * the hot path for a million rows.
 */
export function buildDesign(
  features: FeatureSpec[],
  columns: Record<string, ColumnValues>,
  rows: Int32Array | null,
  rowCount: number,
): Float64Array {
  const n = rows ? rows.length : rowCount;
  const width = designWidth(features);
  // Large matrices live in shared memory so the solver's worker threads can read them without a copy.
  const cells = n * width;
  const x = cells >= SHARED_MIN_CELLS ? new Float64Array(new SharedArrayBuffer(cells * 8)) : new Float64Array(cells);
  const numeric = numericFeatures(features);
  const sources = numeric.map((f) => {
    const values = column(columns, f.name);
    if (!(values instanceof Float64Array)) {
      throw new MlopsError(`Column "${f.name}" was numeric in training but is not numeric here.`, {
        kind: 'input',
        where: { field: f.name },
      });
    }
    return values;
  });
  const means = Float64Array.from(numeric, (f) => f.mean);
  const scales = Float64Array.from(numeric, (f) => f.scale);
  const p = numeric.length;
  // Row by row: sequential writes into the row-major matrix, one sequential read stream per column.
  for (let k = 0; k < n; k++) {
    const r = rows ? rows[k]! : k;
    const o = k * width;
    for (let j = 0; j < p; j++) {
      const v = sources[j]![r]!;
      x[o + j] = Number.isNaN(v) ? 0 : (v - means[j]!) / scales[j]!;
    }
  }
  let offset = p;
  for (const f of categoricalFeatures(features)) {
    const values = column(columns, f.name);
    const index = new Map(f.categories.map((c, i) => [c, i]));
    for (let k = 0; k < n; k++) {
      const raw = values[rows ? rows[k]! : k];
      const v = typeof raw === 'number' ? String(raw) : (raw ?? '');
      const i = index.get(v);
      if (i !== undefined) x[k * width + offset + i] = 1;
    }
    offset += f.categories.length;
  }
  return x;
}
