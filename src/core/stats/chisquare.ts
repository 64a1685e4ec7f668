/**
 * Pearson chi-square tests, matching scipy.stats.chisquare and scipy.stats.chi2_contingency (with Yates'
 * correction when the table has one degree of freedom, as scipy does by default).
 */
import { logGamma } from './ks.js';

export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  dof: number;
}

/** Goodness of fit of observed counts to expected counts (same total), like scipy.stats.chisquare. */
export function chiSquare(observed: number[], expected: number[]): ChiSquareResult {
  let statistic = 0;
  for (let i = 0; i < observed.length; i++) statistic += (observed[i]! - expected[i]!) ** 2 / expected[i]!;
  const dof = observed.length - 1;
  return { statistic, pValue: chiSquareSf(statistic, dof), dof };
}

/**
 * Independence test on a contingency table (rows x columns of counts), like scipy.stats.chi2_contingency.
 * Columns whose total is zero must be removed by the caller (scipy rejects them).
 */
export function chiSquareContingency(table: number[][], correction = true): ChiSquareResult {
  const rows = table.length;
  const cols = table[0]?.length ?? 0;
  const rowSums = table.map((r) => r.reduce((s, v) => s + v, 0));
  const colSums = Array.from({ length: cols }, (_, j) => table.reduce((s, r) => s + r[j]!, 0));
  const total = rowSums.reduce((s, v) => s + v, 0);
  const dof = (rows - 1) * (cols - 1);
  if (dof === 0) return { statistic: 0, pValue: 1, dof: 0 };
  let statistic = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const expected = (rowSums[i]! * colSums[j]!) / total;
      let observed = table[i]![j]!;
      if (dof === 1 && correction) {
        const diff = expected - observed;
        observed += Math.sign(diff) * Math.min(0.5, Math.abs(diff));
      }
      statistic += (observed - expected) ** 2 / expected;
    }
  }
  return { statistic, pValue: chiSquareSf(statistic, dof), dof };
}

/** P(X > x) for X ~ chi-square(dof): the regularized upper incomplete gamma Q(dof/2, x/2). */
export function chiSquareSf(x: number, dof: number): number {
  if (!(x > 0)) return 1;
  if (!Number.isFinite(x)) return 0;
  return regularizedGammaQ(dof / 2, x / 2);
}

/** Q(a, x) = Gamma(a, x) / Gamma(a): series for x < a + 1, continued fraction (modified Lentz) otherwise. */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-17) break;
  }
  return Math.exp(logPrefix) * h;
}
