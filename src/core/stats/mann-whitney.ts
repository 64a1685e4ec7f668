/**
 * Mann-Whitney U test (Wilcoxon rank-sum), as Kayenta's judge uses it to compare a canary metric with the
 * baseline's. Normal approximation with tie correction and continuity correction, matching
 * scipy.stats.mannwhitneyu(x, y, method='asymptotic') (U is x's statistic U1).
 */
import { normalSf } from './distributions.js';

export type Alternative = 'two-sided' | 'less' | 'greater';

export interface MannWhitneyResult {
  /** U of the first sample: the number of pairs (x, y) with x > y, ties counting one half. */
  u: number;
  pValue: number;
  /** U / (n1 * n2): the probability that a random x exceeds a random y (common-language effect size). */
  effect: number;
  n1: number;
  n2: number;
}

export function mannWhitneyU(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  alternative: Alternative = 'two-sided',
  continuity = true,
): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) return { u: Number.NaN, pValue: Number.NaN, effect: Number.NaN, n1, n2 };
  const n = n1 + n2;
  const all = new Float64Array(n);
  const fromX = new Uint8Array(n);
  for (let i = 0; i < n1; i++) all[i] = x[i]!;
  for (let i = 0; i < n2; i++) all[n1 + i] = y[i]!;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => all[a]! - all[b]!);
  for (let i = 0; i < n1; i++) fromX[i] = 1;
  let rankSumX = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && all[order[j + 1]!] === all[order[i]!]) j++;
    const t = j - i + 1;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (fromX[order[k]!]) rankSumX += rank;
    if (t > 1) tieTerm += t * t * t - t;
    i = j + 1;
  }
  const u1 = rankSumX - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  let u: number;
  let factor = 1;
  if (alternative === 'greater') u = u1;
  else if (alternative === 'less') u = u2;
  else {
    u = Math.max(u1, u2);
    factor = 2;
  }
  const mu = (n1 * n2) / 2;
  const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const numerator = u - mu - (continuity ? 0.5 : 0);
  const z =
    s === 0
      ? numerator > 0
        ? Number.POSITIVE_INFINITY
        : numerator < 0
          ? Number.NEGATIVE_INFINITY
          : Number.NaN
      : numerator / s;
  // All values tied: no evidence either way.
  const p = Number.isNaN(z) ? 1 : Math.min(1, Math.max(0, normalSf(z) * factor));
  return { u: u1, pValue: p, effect: u1 / (n1 * n2), n1, n2 };
}
