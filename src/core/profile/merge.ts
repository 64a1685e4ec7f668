/**
 * Merging two profiles (e.g. two partitions of the training data, or yesterday's and today's logs). Category
 * counts add up exactly. Numeric sketches merge on the union of knots: counts stay exact at knots both sides
 * know; at a knot only one side has, the other side's count is interpolated inside its interval and the
 * possible error is added to `rankError`, so every statistic computed later still has a valid bound.
 */
import { MlopsError } from '../errors.js';
import type { ColumnProfile, Knot, NumericSketch, ReferenceProfile } from './schema.js';

export function mergeReferenceProfiles(a: ReferenceProfile, b: ReferenceProfile): ReferenceProfile {
  const quantiles = Math.max(a.settings.quantiles, b.settings.quantiles);
  const maxCategories = Math.max(a.settings.maxCategories, b.settings.maxCategories);
  const columns: Record<string, ColumnProfile> = {};
  for (const name of new Set([...Object.keys(a.columns), ...Object.keys(b.columns)])) {
    const ca = a.columns[name];
    const cb = b.columns[name];
    if (!ca || !cb) {
      throw new MlopsError(`Cannot merge profiles: column "${name}" is only in one of them.`, {
        kind: 'input',
        where: { field: name },
        hint: 'Merge profiles of datasets with the same columns.',
      });
    }
    if (ca.kind !== cb.kind) {
      throw new MlopsError(
        `Cannot merge profiles: column "${name}" is ${ca.kind} in one and ${cb.kind} in the other.`,
        {
          kind: 'input',
          where: { field: name },
        },
      );
    }
    const merged: ColumnProfile = {
      kind: ca.kind,
      engineType: ca.engineType,
      count: ca.count + cb.count,
      nulls: ca.nulls + cb.nulls,
    };
    if (ca.categorical && cb.categorical) {
      const counts = new Map<string, number>();
      for (const [k, n] of [...ca.categorical.categories, ...cb.categorical.categories]) {
        counts.set(k, (counts.get(k) ?? 0) + n);
      }
      const all = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
      const kept = all.slice(0, maxCategories);
      merged.categorical = {
        categories: kept,
        otherCount: merged.count - kept.reduce((s, [, n]) => s + n, 0),
        distinct: Math.max(all.length, ca.categorical.distinct, cb.categorical.distinct),
      };
    }
    merged.numeric = mergeNumeric(ca.numeric, cb.numeric, quantiles);
    if (!merged.numeric) delete merged.numeric;
    columns[name] = merged;
  }
  return {
    kind: 'ReferenceProfile',
    schemaVersion: 1,
    createdAt: new Date().toISOString(),
    sources: [...a.sources, ...b.sources],
    rows: a.rows + b.rows,
    settings: { quantiles, maxCategories },
    columns,
  };
}

function total(s: NumericSketch): number {
  return s.knots.reduce((sum, [, at, between]) => sum + at + between, 0);
}

/** Count <= x in s: exact at a knot, interpolated inside an interval (error at most that interval's mass). */
function countAtMost(s: NumericSketch, x: number): { value: number; error: number } {
  let cum = 0;
  for (let j = 0; j < s.knots.length; j++) {
    const [v, at, between] = s.knots[j]!;
    if (x < v) {
      if (j === 0 || between === 0) return { value: cum, error: 0 };
      const prev = s.knots[j - 1]![0];
      const share = Math.round((between * (x - prev)) / (v - prev));
      return { value: cum + share, error: between };
    }
    cum += at + between;
    if (x === v) return { value: cum, error: 0 };
  }
  return { value: cum, error: 0 };
}

export function mergeNumeric(
  a: NumericSketch | undefined,
  b: NumericSketch | undefined,
  quantiles: number,
): NumericSketch | undefined {
  if (!a || !b) return a ?? b;
  const na = total(a);
  const nb = total(b);
  const n = na + nb;
  const values = [...new Set([...a.knots.map((k) => k[0]), ...b.knots.map((k) => k[0])])].sort((x, y) => x - y);
  let error = 0;
  const cumulative = values.map((x) => {
    const ca = countAtMost(a, x);
    const cb = countAtMost(b, x);
    error = Math.max(error, ca.error + cb.error);
    return ca.value + cb.value;
  });
  const atOf = (s: NumericSketch) => new Map(s.knots.map(([v, at]) => [v, at]));
  const atA = atOf(a);
  const atB = atOf(b);
  let knots: Knot[] = values.map((v, j) => {
    const at = (atA.get(v) ?? 0) + (atB.get(v) ?? 0);
    const below = j === 0 ? 0 : cumulative[j - 1]!;
    return [v, at, Math.max(0, cumulative[j]! - below - at)];
  });
  const exact = a.exact && b.exact;
  if (knots.length > quantiles + 1) knots = compactKnots(knots, quantiles);
  const mean = (a.mean * na + b.mean * nb) / n;
  const variance = (na * (a.std ** 2 + (a.mean - mean) ** 2) + nb * (b.std ** 2 + (b.mean - mean) ** 2)) / n;
  return {
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
    mean,
    std: Math.sqrt(variance),
    exact: exact && knots.length === values.length,
    rankError: (a.rankError * na + b.rankError * nb + error) / n,
    knots,
  };
}

/**
 * Keeps the knots nearest ranks i/quantiles (and both ends). Dropping a knot moves its count into the next
 * kept knot's "between" count, so counts at the kept knots stay exactly what they were.
 */
export function compactKnots(knots: Knot[], quantiles: number): Knot[] {
  const n = knots.reduce((s, [, at, between]) => s + at + between, 0);
  const out: Knot[] = [];
  let cum = 0;
  let nextRank = 0;
  let carried = 0;
  for (let j = 0; j < knots.length; j++) {
    const [v, at, between] = knots[j]!;
    cum += at + between;
    const keep = j === 0 || j === knots.length - 1 || cum / n >= nextRank;
    if (keep) {
      out.push([v, at, between + carried]);
      carried = 0;
      while (nextRank <= cum / n) nextRank += 1 / quantiles;
    } else {
      carried += at + between;
    }
  }
  return out;
}
