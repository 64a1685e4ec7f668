/** Multiple-testing corrections returning adjusted p-values in the input order (as statsmodels' multipletests). */

/** Holm's step-down adjustment: controls the family-wise error rate. */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]! || a - b);
  const adjusted = new Array<number>(m);
  let running = 0;
  for (let rank = 0; rank < m; rank++) {
    const i = order[rank]!;
    running = Math.max(running, Math.min(1, (m - rank) * pValues[i]!));
    adjusted[i] = running;
  }
  return adjusted;
}

/** Benjamini-Hochberg step-up adjustment: controls the false discovery rate. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]! || a - b);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const i = order[rank]!;
    running = Math.min(running, (m / (rank + 1)) * pValues[i]!);
    adjusted[i] = Math.min(1, running);
  }
  return adjusted;
}
