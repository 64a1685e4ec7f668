/** First Wasserstein distance between two samples, matching scipy.stats.wasserstein_distance (unweighted). */
import { ecdfDistancesSorted } from './ecdf-distances.js';

/** Integral of |F_a - F_b| over the line; both inputs sorted ascending, NaN-free, non-empty. */
export function wassersteinSorted(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return ecdfDistancesSorted(a, b).wasserstein;
}
