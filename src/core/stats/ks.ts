/**
 * Two-sample Kolmogorov-Smirnov test, matching scipy.stats.ks_2samp (two-sided, method 'auto'): the statistic
 * from the two empirical CDFs; the p-value exact (lattice-path counting) when both samples have at most
 * 10,000 values, else from the distribution of the one-sample statistic with n = round(n1 n2 / (n1 + n2)).
 */

import { ecdfDistancesSorted } from './ecdf-distances.js';

const MAX_EXACT_N = 10_000;

export interface KsResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymp';
}

/** sup |F1 - F2| over the pooled sample, F right-continuous; both inputs sorted ascending, NaN-free. */
export function ksStatisticSorted(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return ecdfDistancesSorted(a, b).ks;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** The p-value of statistic d for samples of sizes n1, n2, and the statistic as scipy reports it. */
export function ksPValue(d: number, n1: number, n2: number): KsResult {
  if (Math.max(n1, n2) <= MAX_EXACT_N) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = Math.round(d * lcm);
    const statistic = h / lcm;
    if (h === 0) return { statistic, pValue: 1, method: 'exact' };
    const p = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
    if (Number.isFinite(p) && p >= 0 && p <= 1) return { statistic, pValue: p, method: 'exact' };
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const en = (m * n) / (m + n);
  return { statistic: d, pValue: clip(kolmogorovSf(Math.round(en), d)), method: 'asymp' };
}

export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsResult {
  return ksPValue(ksStatisticSorted(a, b), a.length, b.length);
}

function clip(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/** P(D_{n,n} >= h/n), Hodges' formula evaluated Horner-style to avoid cancellation. */
function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let term = 1;
    for (let j = 0; j < h; j++) term = ((n - k * h - j) * term) / (n + k * h + j + 1);
    p = term * (1 - p);
  }
  return 2 * p;
}

/**
 * 1 - P(paths stay strictly inside |x/m - y/n| < h/lcm), counted column by column over a sliding window with the
 * recursion for the complement (Viehmann 2021), which keeps the values in [0, 1].
 */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const [m, n] = m0 >= n0 ? [m0, n0] : [n0, m0];
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  for (let k = minj; k < maxj; k++) A[k] = 0;
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj]! * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) for (let k = curlen; k < curlen + (lastlen - curlen) && k < lenA; k++) A[k] = 1;
  }
  return A[maxj - minj - 1]!;
}

// ---- Distribution of the one-sample two-sided statistic D_n (Simard & L'Ecuyer 2011, as scipy's kstwo) ----

const LOG_2PI = Math.log(2 * Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const E128 = 128;
const EP128 = 2 ** 128;
const EM128 = 2 ** -128;
const MIN_LOG = -708;
const STIRLING = [-3617 / 122400, 1 / 156, -691 / 360360, 1 / 1188, -1 / 1680, 1 / 1260, -1 / 360, 1 / 12];

function polyval(coeffs: number[], x: number): number {
  let r = 0;
  for (const c of coeffs) r = r * x + c;
  return r;
}

/** log(n! / n^n) by Stirling's series with n log n removed up front. */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * polyval(STIRLING, rn / n);
}

/** P(D_n > x). */
export function kolmogorovSf(n: number, x: number): number {
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip(1 - prob);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    // scipy uses Pomeranz's recursion for 0.754693 < n x^2 <= 4; the Durbin matrix is exact there too.
    if (nx2 <= 4) return clip(1 - durbinMatrixCdf(n, x));
    return clip(2 * smirnovSf(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSf(n, x));
  let cdf: number;
  if (nx2 >= 18) cdf = 1;
  else if (n <= 100_000 && n * x ** 1.5 <= 1.4) cdf = durbinMatrixCdf(n, x);
  else cdf = pelzGoodCdf(n, x);
  return clip(1 - cdf);
}

/** P(D_n <= d): Durbin's matrix method as arranged by Marsaglia, Tsang and Wang (2003). */
function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const H = new Float64Array(m * m);
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)]!;
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r]!;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c]!;

  let P: Float64Array = identity(m);
  let Hc: Float64Array = H;
  let nn = n;
  let expnt = 0;
  let hexpnt = 0;
  while (nn > 0) {
    if (nn % 2) {
      P = matmul(P, Hc, m);
      expnt += hexpnt;
    }
    Hc = matmul(Hc, Hc, m);
    hexpnt *= 2;
    if (Math.abs(Hc[(k - 1) * m + (k - 1)]!) > EP128) {
      for (let i = 0; i < Hc.length; i++) Hc[i]! /= EP128;
      hexpnt += E128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = P[(k - 1) * m + (k - 1)]!;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= EP128;
      expnt -= E128;
    }
  }
  if (expnt !== 0) p *= 2 ** expnt;
  return clip(p);
}

function identity(m: number): Float64Array {
  const I = new Float64Array(m * m);
  for (let i = 0; i < m; i++) I[i * m + i] = 1;
  return I;
}

function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j]! += aik * b[k * m + j]!;
    }
  }
  return out;
}

/** Pelz-Good approximation of P(D_n <= x) for larger n. */
function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z ** 2;
  const z3 = z ** 3;
  const z4 = z ** 4;
  const z6 = z ** 6;
  const qlog = -PI2 / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m ** 2;
    const m4 = m ** 4;
    const m6 = m ** 6;
    const qp = q ** (8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i]! * qp + coeffs[i]!;
  }
  const denom = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i]! * q * SQRT_2PI) / denom[i]!;
  q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  const sqrt3z = Math.sqrt(3) * z;
  for (let k = maxk; k > 0; k--) {
    const ks2 = k * k;
    const qp = q ** ks2;
    k2extra += ks2 * qp;
    const kspi = Math.PI * k;
    k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ks2 * qp;
  }
  K[2]! += k2extra * ((PI2 * SQRT_2PI) / (-36 * z3));
  K[3]! += k3extra * ((PI2 * SQRT_2PI) / (216 * z6));
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i]! / n ** (i / 2);
  return sum;
}

/** log(k!) for k = 0..n, kept for the last n: the columns of one drift check share their n. */
let logFactorials: Float64Array | undefined;

function logFactorialTable(n: number): Float64Array {
  if (logFactorials?.length !== n + 1) {
    logFactorials = new Float64Array(n + 1);
    for (let k = 0; k <= n; k++) logFactorials[k] = logGamma(k + 1);
  }
  return logFactorials;
}

/**
 * One-sided P(D+_n >= x) by the Birnbaum-Tingey sum, each term in log space. The log factorials come from a
 * table (the same logGamma values, so the same sum): with n around a million, three Lanczos evaluations per term
 * made this the costliest step of a drift check against a stored profile.
 */
export function smirnovSf(n: number, x: number): number {
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const last = Math.floor(n * (1 - x));
  const lf = logFactorialTable(n);
  const lgn1 = lf[n]!;
  let p = 0;
  for (let v = 0; v <= last; v++) {
    const evn = x + v / n;
    const omevn = 1 - evn;
    if (omevn <= 0 && n - v > 0) continue;
    const logTerm =
      lgn1 - lf[v]! - lf[n - v]! + (v - 1) * Math.log(evn) + (n - v === 0 ? 0 : (n - v) * Math.log(omevn));
    p += Math.exp(logTerm);
  }
  return p * x;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Gamma(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let a = LANCZOS[0]!;
  const t = xx + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}
