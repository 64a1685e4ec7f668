import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);

// src/core/stats/distributions.ts
var LANCZOS_G = 7;
var LANCZOS = [
  0.9999999999998099,
  676.5203681218851,
  -1259.1392167224028,
  771.3234287776531,
  -176.6150291621406,
  12.507343278686905,
  -0.13857109526572012,
  9984369578019572e-21,
  15056327351493116e-23
];
function logGamma(x) {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
var EPS = 1e-16;
var TINY = 1e-300;
function gammaSeries(a, x) {
  let sum = 1 / a;
  let term = sum;
  for (let n = 1; n < 1e4; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}
function gammaContinuedFraction(a, x) {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1e4; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}
function gammaQ(a, x) {
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}
function chiSquareSf(x, df) {
  return gammaQ(df / 2, x / 2);
}
function erfc(x) {
  if (x >= 0) return gammaQ(0.5, x * x);
  return 2 - gammaQ(0.5, x * x);
}
function normalSf(x) {
  return 0.5 * erfc(x / Math.SQRT2);
}
function binomialCdf(k, n, p) {
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  if (n <= 1e3) {
    let pmf = Math.exp(n * logQ);
    let sum2 = pmf;
    for (let i = 0; i < k; i++) {
      pmf *= (n - i) / (i + 1) * (p / (1 - p));
      sum2 += pmf;
    }
    return Math.min(1, sum2);
  }
  const lgN = logGamma(n + 1);
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    sum += Math.exp(lgN - logGamma(i + 1) - logGamma(n - i + 1) + i * logP + (n - i) * logQ);
  }
  return Math.min(1, sum);
}

export {
  chiSquareSf,
  normalSf,
  binomialCdf
};
//# sourceMappingURL=chunk-PFRV2C25.js.map
