/** First Wasserstein distance between two samples, matching scipy.stats.wasserstein_distance (unweighted). */

/** Integral of |F_a - F_b| over the line; both inputs sorted ascending, NaN-free, non-empty. */
export function wassersteinSorted(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let sum = 0;
  let prev = Math.min(a[0]!, b[0]!);
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    sum += Math.abs(i / n1 - j / n2) * (v - prev);
    prev = v;
    while (i < n1 && a[i]! <= v) i++;
    while (j < n2 && b[j]! <= v) j++;
  }
  return sum;
}
