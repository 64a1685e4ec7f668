/**
 * CDF sketches and the statistics computed from them with guaranteed error bounds.
 *
 * A sketch knows, at each of its knots v_j, the exact number of values <= v_j (cumAt) and < v_j (cumBefore);
 * between two knots only that the count is monotone between those numbers. Every statistic is therefore
 * bracketed: the KS distance between [the largest gap that must exist, the largest gap that could exist],
 * the Wasserstein distance between the integrals of those gaps. We report the midpoint (KS) or the
 * interpolated value (Wasserstein) and the bracket's half-width / distance as the error bound; when both
 * sketches hold every distinct value (an exact profile against exact data) the bound is 0 and the value equals
 * SciPy's.
 */

export class CdfSketch {
  private constructor(
    /** Non-null values. */
    readonly n: number,
    readonly min: number,
    readonly max: number,
    readonly values: Float64Array,
    readonly cumAt: Float64Array,
    readonly cumBefore: Float64Array,
    /** Absolute error of the counts at knots (0 unless built from a merged profile). */
    readonly slack: number,
    /**
     * Upper bound of the count < v_j when only bins (v_{j-1}, v_j] were counted (the value's own count not split
     * off); equal to cumBefore when the split is known.
     */
    readonly cumBeforeHi: Float64Array = cumBefore,
  ) {}

  /** From profile knots [value, count at value, count strictly between the previous knot and value]. */
  static fromKnots(knots: readonly (readonly [number, number, number])[], min: number, max: number, slack = 0) {
    const m = knots.length;
    const values = new Float64Array(m);
    const cumAt = new Float64Array(m);
    const cumBefore = new Float64Array(m);
    let cum = 0;
    for (let j = 0; j < m; j++) {
      const [v, at, between] = knots[j]!;
      values[j] = v;
      cum += between;
      cumBefore[j] = cum;
      cum += at;
      cumAt[j] = cum;
    }
    return new CdfSketch(
      cum,
      Math.min(min, values[0] ?? min),
      Math.max(max, values[m - 1] ?? max),
      values,
      cumAt,
      cumBefore,
      slack,
    );
  }

  /** Exact: every distinct value of a sorted, NaN-free sample. */
  static fromSorted(sorted: ArrayLike<number>): CdfSketch {
    const vals: number[] = [];
    const at: number[] = [];
    const before: number[] = [];
    for (let i = 0; i < sorted.length; ) {
      const v = sorted[i]!;
      const start = i;
      while (i < sorted.length && sorted[i] === v) i++;
      vals.push(v);
      before.push(start);
      at.push(i);
    }
    const n = sorted.length;
    return new CdfSketch(
      n,
      n ? sorted[0]! : Number.NaN,
      n ? sorted[n - 1]! : Number.NaN,
      Float64Array.from(vals),
      Float64Array.from(at),
      Float64Array.from(before),
      0,
    );
  }

  /**
   * From a histogram over the boundaries [prev(v_0), v_0, prev(v_1), v_1, ...] of another sketch's knots:
   * `at[j]` values equal to v_j, `between[j]` strictly between v_{j-1} and v_j (j = 0: below v_0), `above`
   * beyond the last knot; min and max of the data bound the tails.
   */
  static fromBins(
    knotValues: ArrayLike<number>,
    at: ArrayLike<number>,
    between: ArrayLike<number>,
    above: number,
    min: number,
    max: number,
  ): CdfSketch {
    const m = knotValues.length;
    const values = Float64Array.from(knotValues);
    const cumAt = new Float64Array(m);
    const cumBefore = new Float64Array(m);
    let cum = 0;
    for (let j = 0; j < m; j++) {
      cum += between[j]!;
      cumBefore[j] = cum;
      cum += at[j]!;
      cumAt[j] = cum;
    }
    return new CdfSketch(cum + above, min, max, values, cumAt, cumBefore, 0);
  }

  /**
   * From counts per bin (v_{j-1}, v_j] (j = 0: up to v_0) and above the last knot, without the knots' own counts
   * split off: the count below each knot is then only known to lie between the neighbouring cumulative counts.
   */
  static fromUnsplitBins(
    knotValues: ArrayLike<number>,
    bins: ArrayLike<number>,
    above: number,
    min: number,
    max: number,
  ): CdfSketch {
    const m = knotValues.length;
    const values = Float64Array.from(knotValues);
    const cumAt = new Float64Array(m);
    const cumBefore = new Float64Array(m);
    const cumBeforeHi = new Float64Array(m);
    let cum = 0;
    for (let j = 0; j < m; j++) {
      cumBefore[j] = cum;
      cum += bins[j]!;
      cumAt[j] = cum;
      cumBeforeHi[j] = cum;
    }
    return new CdfSketch(cum + above, min, max, values, cumAt, cumBefore, 0, cumBeforeHi);
  }

  /** Index of the largest knot <= x, or -1. */
  private floorIndex(x: number): number {
    let lo = 0;
    let hi = this.values.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.values[mid]! <= x) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }

  private widen(lo: number, hi: number): [number, number] {
    return [Math.max(0, lo - this.slack), Math.min(this.n, hi + this.slack)];
  }

  /** Bounds on the number of values <= x. */
  countAtMost(x: number): [number, number] {
    if (this.n === 0 || x < this.min) return [0, 0];
    if (x >= this.max) return [this.n, this.n];
    const j = this.floorIndex(x);
    if (j >= 0 && this.values[j] === x) return this.widen(this.cumAt[j]!, this.cumAt[j]!);
    const lo = j >= 0 ? this.cumAt[j]! : 1;
    const hi = j + 1 < this.values.length ? this.cumBeforeHi[j + 1]! : this.n - 1;
    return this.widen(lo, Math.max(lo, hi));
  }

  /** Bounds on the number of values < x. */
  countBelow(x: number): [number, number] {
    if (this.n === 0 || x <= this.min) return [0, 0];
    if (x > this.max) return [this.n, this.n];
    const j = this.floorIndex(x);
    if (j >= 0 && this.values[j] === x) return this.widen(this.cumBefore[j]!, this.cumBeforeHi[j]!);
    if (x === this.max) {
      const lo = j >= 0 ? this.cumAt[j]! : 1;
      return this.widen(lo, Math.max(lo, this.n - 1));
    }
    return this.countAtMost(x);
  }

  /** True when the CDF is known exactly everywhere (no mass hides between knots or beyond them). */
  get complete(): boolean {
    if (this.slack > 0 || this.n === 0) return this.n === 0;
    const m = this.values.length;
    if (this.values[0] !== this.min || this.values[m - 1] !== this.max) return false;
    for (let j = 0; j < m; j++) {
      if (this.cumBefore[j] !== (j === 0 ? 0 : this.cumAt[j - 1])) return false;
      if (this.cumBeforeHi[j] !== this.cumBefore[j]) return false;
    }
    return this.cumAt[m - 1] === this.n;
  }

  knotValues(): Float64Array {
    return this.values;
  }
}

export interface BoundedValue {
  value: number;
  /** The exact value is within value +- bound. */
  bound: number;
}

function grid(a: CdfSketch, b: CdfSketch): Float64Array {
  const all = new Float64Array(a.values.length + b.values.length + 4);
  all.set(a.values, 0);
  all.set(b.values, a.values.length);
  const k = a.values.length + b.values.length;
  all[k] = a.min;
  all[k + 1] = a.max;
  all[k + 2] = b.min;
  all[k + 3] = b.max;
  const sorted = all.filter((v) => Number.isFinite(v)).sort();
  let w = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[w - 1]) sorted[w++] = sorted[i]!;
  return sorted.subarray(0, w);
}

function scaled([lo, hi]: [number, number], n: number): [number, number] {
  return [lo / n, hi / n];
}

function gapLow(f: [number, number], g: [number, number]): number {
  return Math.max(0, g[0] - f[1], f[0] - g[1]);
}

function gapHigh(f: [number, number], g: [number, number]): number {
  return Math.max(f[1] - g[0], g[1] - f[0]);
}

/** KS distance sup |F - G| between two sketches, bracketed. */
export function ksFromSketches(ref: CdfSketch, cur: CdfSketch): BoundedValue {
  const points = grid(ref, cur);
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < points.length; k++) {
    const x = points[k]!;
    const f = scaled(ref.countAtMost(x), ref.n);
    const g = scaled(cur.countAtMost(x), cur.n);
    const fl = scaled(ref.countBelow(x), ref.n);
    const gl = scaled(cur.countBelow(x), cur.n);
    lo = Math.max(lo, gapLow(f, g), gapLow(fl, gl));
    hi = Math.max(hi, gapHigh(f, g), gapHigh(fl, gl));
    if (k + 1 < points.length) {
      const next = points[k + 1]!;
      const fi: [number, number] = [f[0], scaled(ref.countBelow(next), ref.n)[1]];
      const gi: [number, number] = [g[0], scaled(cur.countBelow(next), cur.n)[1]];
      hi = Math.max(hi, gapHigh(fi, gi));
    }
  }
  hi = Math.max(hi, lo);
  return { value: (lo + hi) / 2, bound: (hi - lo) / 2 };
}

function mid([lo, hi]: [number, number]): number {
  return (lo + hi) / 2;
}

/** Integral of |a(t) - b(t)| for t in [0, w] when a, b are linear from (a0, b0) to (a1, b1). */
function linearAbsIntegral(d0: number, d1: number, w: number): number {
  if (d0 * d1 >= 0) return (w * (Math.abs(d0) + Math.abs(d1))) / 2;
  return (w * (d0 * d0 + d1 * d1)) / (2 * (Math.abs(d0) + Math.abs(d1)));
}

/** Wasserstein-1 distance (integral of |F - G|) between two sketches, with the CDFs interpolated between knots. */
export function wassersteinFromSketches(ref: CdfSketch, cur: CdfSketch): BoundedValue {
  const points = grid(ref, cur);
  let lower = 0;
  let upper = 0;
  let estimate = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const x = points[k]!;
    const next = points[k + 1]!;
    const w = next - x;
    const f0 = scaled(ref.countAtMost(x), ref.n);
    const g0 = scaled(cur.countAtMost(x), cur.n);
    const f1 = scaled(ref.countBelow(next), ref.n);
    const g1 = scaled(cur.countBelow(next), cur.n);
    const fi: [number, number] = [f0[0], f1[1]];
    const gi: [number, number] = [g0[0], g1[1]];
    const l = w * gapLow(fi, gi);
    const u = w * gapHigh(fi, gi);
    const e = Math.min(u, Math.max(l, linearAbsIntegral(mid(f0) - mid(g0), mid(f1) - mid(g1), w)));
    lower += l;
    upper += u;
    estimate += e;
  }
  return { value: estimate, bound: Math.max(upper - estimate, estimate - lower, 0) };
}

/**
 * Bin edges for PSI and charts: reference knots nearest ranks i/bins (deduplicated). Bins are (-inf, e_1],
 * (e_1, e_2], ..., (e_last, +inf); counts at knots are exact in both sketches when the current data was
 * binned at the reference's knots, so PSI is exact given these edges.
 */
export function quantileEdges(ref: CdfSketch, bins: number): number[] {
  const edges: number[] = [];
  const m = ref.values.length;
  if (m <= bins) return Array.from(ref.values.subarray(0, Math.max(0, m - 1)));
  let j = 0;
  for (let i = 1; i < bins; i++) {
    const target = (i / bins) * ref.n;
    while (j < m - 1 && ref.cumAt[j]! < target) j++;
    const v = ref.values[j]!;
    if (j < m - 1 && (edges.length === 0 || v > edges[edges.length - 1]!)) edges.push(v);
  }
  return edges;
}

/** Counts per bin defined by edges, and whether they are exact. */
export function binCounts(sketch: CdfSketch, edges: number[]): { counts: number[]; exact: boolean } {
  const counts: number[] = [];
  let exact = true;
  let prev = 0;
  for (const e of edges) {
    const [lo, hi] = sketch.countAtMost(e);
    if (lo !== hi) exact = false;
    const c = (lo + hi) / 2;
    counts.push(c - prev);
    prev = c;
  }
  counts.push(sketch.n - prev);
  return { counts, exact };
}

/**
 * The knots a profile would store for a sorted sample (what the SQL profile computes with quantile_disc and a
 * histogram): every distinct value when there are at most `quantiles` of them, else the values at ranks
 * i/quantiles with exact counts at and between them.
 */
export function knotsFromSorted(sorted: ArrayLike<number>, quantiles: number): [number, number, number][] {
  const exact = CdfSketch.fromSorted(sorted);
  const m = exact.values.length;
  const n = sorted.length;
  let chosen: number[];
  if (m <= quantiles) chosen = Array.from(exact.values);
  else {
    const set = new Set<number>();
    for (let r = 0; r <= quantiles; r++) {
      // quantile_disc: the value at position floor(r/q * (n - 1)) of the sorted sample
      set.add(sorted[Math.floor((r / quantiles) * (n - 1))]!);
    }
    chosen = [...set].sort((a, b) => a - b);
  }
  const out: [number, number, number][] = [];
  let prevCum = 0;
  for (const v of chosen) {
    const [atMost] = exact.countAtMost(v);
    const [below] = exact.countBelow(v);
    out.push([v, atMost - below, below - prevCum]);
    prevCum = atMost;
  }
  return out;
}

/** Bins a sorted sample at another sketch's knots, as the SQL histogram over knot boundaries does. */
export function binAtKnots(sorted: ArrayLike<number>, knotValues: ArrayLike<number>): CdfSketch {
  const exact = CdfSketch.fromSorted(sorted);
  const at: number[] = [];
  const between: number[] = [];
  let prev = 0;
  for (let j = 0; j < knotValues.length; j++) {
    const v = knotValues[j]!;
    const [atMost] = exact.countAtMost(v);
    const [below] = exact.countBelow(v);
    between.push(below - prev);
    at.push(atMost - below);
    prev = atMost;
  }
  const n = sorted.length;
  return CdfSketch.fromBins(knotValues, at, between, n - prev, sorted[0]!, sorted[n - 1]!);
}
