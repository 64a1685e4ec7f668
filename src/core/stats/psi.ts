/**
 * Population stability index over bins: sum (c - r) ln(c / r) of the current and reference shares. An empty
 * bin would make it infinite; like Evidently, a zero share counts as 0.0001.
 */
export const PSI_EMPTY_SHARE = 1e-4;

export function populationStabilityIndex(reference: number[], current: number[]): number {
  const rt = reference.reduce((s, v) => s + v, 0);
  const ct = current.reduce((s, v) => s + v, 0);
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i]! / rt || PSI_EMPTY_SHARE;
    const c = current[i]! / ct || PSI_EMPTY_SHARE;
    psi += (c - r) * Math.log(c / r);
  }
  return psi;
}
