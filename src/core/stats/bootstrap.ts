/**
 * Percentile bootstrap. A replicate is a vector of multinomial counts over the rows (how often each row was
 * drawn), passed to the statistic as sample weights, so no row data is copied. The same counts applied to two
 * models give the paired bootstrap of their difference.
 */
import { Random } from './random.js';

export interface BootstrapSettings {
  resamples: number;
  /** Two-sided confidence level, e.g. 0.95. */
  level: number;
  seed: number;
}

/** Fills out[0..n) with the counts of n draws with replacement from n rows. */
export function drawCounts(rng: Random, n: number, out: Int32Array): void {
  rng.drawCounts(n, out);
}

/** A well-mixed 32-bit seed for replicate r of a stream seeded by `seed` (splitmix-style finalizer). */
export function replicateSeed(seed: number, r: number): number {
  let z = (seed ^ Math.imul(r + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Replicates [from, to) of a bootstrap over n rows: replicate r's counts come from a generator seeded by
 * (seed, r) alone, so a range split across threads gives the same replicates as one pass. `visit` gets the
 * counts (reused between replicates) and r.
 */
export function forEachReplicate(
  n: number,
  from: number,
  to: number,
  seed: number,
  visit: (counts: Int32Array, r: number) => void,
): void {
  const counts = new Int32Array(n);
  for (let r = from; r < to; r++) {
    new Random(replicateSeed(seed, r)).drawCounts(n, counts);
    visit(counts, r);
  }
}

/**
 * Replicate values of several statistics: statistic(counts) returns one number per statistic (NaN when not
 * computable on that replicate); the result has one Float64Array of length `resamples` per statistic.
 */
export function bootstrapReplicates(
  n: number,
  statistics: number,
  resamples: number,
  seed: number,
  statistic: (counts: Int32Array) => ArrayLike<number>,
): Float64Array[] {
  const out = Array.from({ length: statistics }, () => new Float64Array(resamples));
  forEachReplicate(n, 0, resamples, seed, (counts, r) => {
    const values = statistic(counts);
    for (let s = 0; s < statistics; s++) out[s]![r] = values[s]!;
  });
  return out;
}

/** numpy.percentile's default (linear interpolation) on an ascending array; q in [0, 1]. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const m = sorted.length;
  if (m === 0) return Number.NaN;
  const h = (m - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, m - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export interface Interval {
  lower: number;
  upper: number;
  /** Replicates where the statistic was computable. */
  finite: number;
}

/** Percentile interval over the finite replicates; null when fewer than minShare of them are finite. */
export function percentileInterval(replicates: Float64Array, level: number, minShare = 0.9): Interval | null {
  const finite = replicates.filter((v) => Number.isFinite(v)).sort();
  if (finite.length === 0 || finite.length < minShare * replicates.length) return null;
  const alpha = 1 - level;
  return {
    lower: quantileSorted(finite, alpha / 2),
    upper: quantileSorted(finite, 1 - alpha / 2),
    finite: finite.length,
  };
}

/**
 * One-sided bootstrap p-value that the statistic lies on the far side of threshold: the share of finite
 * replicates at or beyond it in the `side` direction, with the +1 correction so it is never exactly 0.
 */
export function bootstrapPValue(replicates: Float64Array, threshold: number, side: 'above' | 'below'): number | null {
  let finite = 0;
  let beyond = 0;
  for (const v of replicates) {
    if (!Number.isFinite(v)) continue;
    finite++;
    if (side === 'above' ? v >= threshold : v <= threshold) beyond++;
  }
  if (finite === 0) return null;
  return (beyond + 1) / (finite + 1);
}
