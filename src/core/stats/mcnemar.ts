/**
 * McNemar's test on paired correctness (statsmodels' `mcnemar`): exact two-sided binomial test on the
 * discordant pairs when they are few, chi-square with continuity correction otherwise.
 */
import { binomialCdf, chiSquareSf } from './distributions.js';

export interface McnemarTest {
  method: 'exact' | 'chi2';
  statistic: number;
  pValue: number;
}

/**
 * b: pairs where only the first model is right; c: only the second. Exact when b + c < exactBelow
 * (default 25, the usual rule for the chi-square approximation).
 */
export function mcnemar(b: number, c: number, exactBelow = 25): McnemarTest {
  const n = b + c;
  if (n < exactBelow) {
    const k = Math.min(b, c);
    return { method: 'exact', statistic: k, pValue: Math.min(1, 2 * binomialCdf(k, n, 0.5)) };
  }
  const statistic = (Math.abs(b - c) - 1) ** 2 / n;
  return { method: 'chi2', statistic, pValue: chiSquareSf(statistic, 1) };
}
