/**
 * The Kolmogorov-Smirnov statistic and the first Wasserstein distance of two samples come from the same walk
 * over their pooled sorted values (the gap between the two empirical CDFs at each step), so full-mode drift
 * computes both in one pass: on millions of values the walk is memory- and branch-bound, and a second walk
 * doubled its cost. The arithmetic is exactly that of the separate definitions (SciPy's ks_2samp statistic and
 * wasserstein_distance), in the same order, so both results are bit-for-bit the same.
 */

export interface EcdfDistances {
  /** sup |F_a - F_b| over the pooled sample, F right-continuous. */
  ks: number;
  /** Integral of |F_a - F_b| over the line. */
  wasserstein: number;
}

/** Both inputs sorted ascending and NaN-free; the Wasserstein distance needs both non-empty. */
export function ecdfDistancesSorted(a: ArrayLike<number>, b: ArrayLike<number>): EcdfDistances {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let ks = 0;
  let wasserstein = 0;
  // |F_a - F_b| on the step that starts at `previous`: constant until the next pooled value.
  let gap = 0;
  let previous = Math.min(a[0]!, b[0]!);
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    wasserstein += gap * (v - previous);
    previous = v;
    while (i < n1 && a[i]! <= v) i++;
    while (j < n2 && b[j]! <= v) j++;
    gap = Math.abs(i / n1 - j / n2);
    if (gap > ks) ks = gap;
  }
  return { ks, wasserstein };
}
