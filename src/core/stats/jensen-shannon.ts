/** Distances between two discrete distributions given as counts or weights over the same categories. */

function normalise(p: number[]): number[] {
  const total = p.reduce((s, v) => s + v, 0);
  return p.map((v) => v / total);
}

function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Number.POSITIVE_INFINITY;
}

/** Jensen-Shannon distance (the square root of the divergence), like scipy.spatial.distance.jensenshannon. */
export function jensenShannonDistance(p: number[], q: number[], base = 2): number {
  const pn = normalise(p);
  const qn = normalise(q);
  let left = 0;
  let right = 0;
  for (let i = 0; i < pn.length; i++) {
    const m = (pn[i]! + qn[i]!) / 2;
    left += relEntr(pn[i]!, m);
    right += relEntr(qn[i]!, m);
  }
  const js = (left + right) / 2 / Math.log(base);
  return Math.sqrt(Math.max(0, js));
}

/** L-infinity distance between the normalised distributions: the largest change of one category's share. */
export function lInfinityDistance(p: number[], q: number[]): number {
  const pn = normalise(p);
  const qn = normalise(q);
  let d = 0;
  for (let i = 0; i < pn.length; i++) d = Math.max(d, Math.abs(pn[i]! - qn[i]!));
  return d;
}
