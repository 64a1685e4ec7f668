/** Comparisons of in-memory values (model predictions), against a profile column or against other values. */
import type { ColumnValues } from '../data/types.js';
import type { ColumnProfile } from '../profile/schema.js';
import {
  binCounts,
  CdfSketch,
  knotsFromSorted,
  ksFromSketches,
  quantileEdges,
  wassersteinFromSketches,
} from '../stats/sketch.js';
import { type ColumnComparison, compareCategories } from './compare.js';

export function isNumericValues(values: ColumnValues): values is Float64Array {
  return values instanceof Float64Array;
}

function countValues(values: (string | null)[]): { counts: Map<string, number>; nulls: number } {
  const counts = new Map<string, number>();
  let nulls = 0;
  for (const v of values) {
    if (v === null) nulls++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return { counts, nulls };
}

/**
 * The finite values, sorted, and how many values are missing (NaN). As in SQL (numericExpr), an infinity is a
 * present value with no place on a distribution: counted, but left out of the statistics.
 */
function finiteAndMissing(values: Float64Array): { sorted: Float64Array; missing: number } {
  let missing = 0;
  for (const v of values) if (Number.isNaN(v)) missing++;
  return { sorted: values.filter((v) => Number.isFinite(v)).sort(), missing };
}

function std(sorted: Float64Array): number {
  if (sorted.length === 0) return Number.NaN;
  let mean = 0;
  for (const v of sorted) mean += v;
  mean /= sorted.length;
  let ss = 0;
  for (const v of sorted) ss += (v - mean) ** 2;
  return Math.sqrt(ss / sorted.length);
}

/** A profile column for values computed in memory (e.g. the model's predictions on the training data). */
export function profileColumnFromValues(values: ColumnValues, quantiles = 1000, maxCategories = 1000): ColumnProfile {
  if (isNumericValues(values)) {
    const { sorted, missing } = finiteAndMissing(values);
    const n = sorted.length;
    let mean = 0;
    for (const v of sorted) mean += v;
    mean /= n || 1;
    return {
      kind: 'numeric',
      engineType: 'DOUBLE',
      count: values.length - missing,
      nulls: missing,
      numeric:
        n > 0
          ? {
              min: sorted[0]!,
              max: sorted[n - 1]!,
              mean,
              std: std(sorted),
              exact: CdfSketch.fromSorted(sorted).knotValues().length <= quantiles,
              rankError: 0,
              knots: knotsFromSorted(sorted, quantiles),
            }
          : undefined,
    };
  }
  const { counts, nulls } = countValues(values);
  const all = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = all.slice(0, maxCategories);
  return {
    kind: 'categorical',
    engineType: 'VARCHAR',
    count: values.length - nulls,
    nulls,
    categorical: {
      categories: kept,
      otherCount: all.slice(maxCategories).reduce((s, [, n]) => s + n, 0),
      distinct: all.length,
    },
  };
}

/** Compare current values with a reference profile column (same kind). */
export function compareValuesWithProfile(column: string, ref: ColumnProfile, current: ColumnValues): ColumnComparison {
  if (ref.kind === 'categorical' || !isNumericValues(current)) {
    const cur = isNumericValues(current) ? Array.from(current, (v) => (Number.isNaN(v) ? null : String(v))) : current;
    const { counts, nulls } = countValues(cur);
    return {
      column,
      kind: 'categorical',
      reference: { count: ref.count, nulls: ref.nulls },
      current: { count: cur.length - nulls, nulls },
      categorical: compareCategories(ref.categorical ?? { categories: [], otherCount: 0 }, counts),
    };
  }
  const { sorted, missing } = finiteAndMissing(current);
  const result: ColumnComparison = {
    column,
    kind: 'numeric',
    reference: { count: ref.count, nulls: ref.nulls },
    current: { count: current.length - missing, nulls: missing },
  };
  if (!ref.numeric || sorted.length === 0) return result;
  const refSketch = CdfSketch.fromKnots(
    ref.numeric.knots,
    ref.numeric.min,
    ref.numeric.max,
    ref.numeric.rankError * ref.count,
  );
  const curSketch = CdfSketch.fromSorted(sorted);
  const edges = quantileEdges(refSketch, 10);
  const r = binCounts(refSketch, edges);
  const c = binCounts(curSketch, edges);
  result.numeric = {
    ks: ksFromSketches(refSketch, curSketch),
    wasserstein: wassersteinFromSketches(refSketch, curSketch),
    referenceStd: ref.numeric.std,
    edges,
    referenceBins: r.counts,
    currentBins: c.counts,
    binsExact: r.exact && c.exact,
  };
  return result;
}
