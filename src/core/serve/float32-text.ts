/**
 * The shortest decimal text that reads back as the same float32 (0.1, not 0.10000000149011612), as JavaScript
 * source: the prediction log's worker (run with { eval: true }) includes it, and tests build it with `new Function`.
 *
 * For p significant digits, the candidate is the value rounded to p digits by scaling with an exact
 * power of ten. Dividing (or multiplying) two exact doubles rounds correctly, so the candidate is the double that
 * the p-digit decimal parses to, and String(candidate) prints exactly those digits: no shorter text parses to the
 * same double, or it would have matched at a smaller p. The first candidate that rounds to v as a float32 is the
 * answer. Magnitudes that would need scales beyond 10^22 (not exact in a double) go through toPrecision, about ten
 * times slower.
 */
export const FLOAT32_TEXT_SOURCE = String.raw`
const F32_POWERS = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
// v rounded to p significant digits, half away from zero as toPrecision does; 10^|k| is exact for |k| <= 22.
function f32Round(v, p, top) {
  const k = p - 1 - top;
  const a = Math.abs(v);
  const r = k >= 0 ? Math.round(a * F32_POWERS[k]) / F32_POWERS[k] : Math.round(a / F32_POWERS[-k]) * F32_POWERS[-k];
  return v < 0 ? -r : r;
}
function f32(v) {
  if (!Number.isFinite(v)) return 'null';
  if (v === 0) return '0';
  const top = Math.floor(Math.log10(Math.abs(v)));
  if (top < -13 || top > 21) return f32Slow(v);
  // More digits never read back worse (the p-digit text is also a p+1-digit text), so the shortest is found by
  // bisection: about 3 candidates instead of up to 9.
  let lo = 1;
  let hi = 9;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Math.fround(f32Round(v, mid, top)) === v) hi = mid;
    else lo = mid + 1;
  }
  const candidate = f32Round(v, lo, top);
  return Math.fround(candidate) === v ? String(candidate) : f32Slow(v);
}
function f32Slow(v) {
  for (let p = 1; p <= 9; p++) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === v) return String(s);
  }
  return String(v);
}
`;
