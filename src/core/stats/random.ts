/**
 * A seeded PRNG (xoshiro128**, seeded through splitmix32) so that bootstrap intervals are reproducible:
 * the same seed and data give the same report on every run and every machine.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Unbiased uniform integer in [0, n) (Lemire's method; exact in doubles for n < 2^21). */
  int(n: number): number {
    if (n <= 0) throw new RangeError('n must be positive');
    if (n >= 2097152) return Math.floor(this.next() * n);
    let m = this.nextUint32() * n;
    let low = m % 4294967296;
    if (low < n) {
      const threshold = (4294967296 - n) % n;
      while (low < threshold) {
        m = this.nextUint32() * n;
        low = m % 4294967296;
      }
    }
    return Math.floor(m / 4294967296);
  }

  /**
   * Multinomial counts of n draws with replacement from n rows (a bootstrap replicate): out[i] = times row i
   * was drawn.
   *
   * Drawing n row indices scatters n increments over the whole array, and those cache misses were most of a
   * bootstrap's time. Instead every row gets an independent Poisson(1) count, written in one sequential pass,
   * and the total S is then corrected to exactly n. This is exact, not an approximation: given S = s, independent
   * Poisson counts are multinomial(s) over the rows; adding n - s further uniform draws makes them
   * multinomial(n), and removing s - n of the s drawn units uniformly at random without replacement leaves n
   * independent uniform draws, which again is multinomial(n). |S - n| is about sqrt(n), so the correction is
   * a few thousand random accesses against n.
   */
  drawCounts(n: number, out: Int32Array): void {
    let { a, b, c, d } = this;
    let total = 0;
    let largest = POISSON_TABLE_MAX;
    for (let i = 0; i < n; i++) {
      // xoshiro128+ output (a + d): cheaper than the ** scrambler and sound in its high bits, which pick the
      // table bucket; a bucket that straddles a Poisson quantile is settled by 53-bit comparison below.
      const u = (a + d) >>> 0;
      let t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = (d << 11) | (d >>> 21);
      let k = POISSON_TABLE[u >>> (32 - POISSON_TABLE_BITS)]!;
      if (k === STRADDLES) {
        // The generator step again, written out: its state lives in locals, which a helper could not update.
        const v = (a + d) >>> 0;
        t = b << 9;
        c ^= a;
        d ^= b;
        b ^= c;
        a ^= d;
        c ^= t;
        d = (d << 11) | (d >>> 21);
        const x = u + v * 2.3283064365386963e-10;
        k = 0;
        while (x >= POISSON_QUANTILES[k]!) k++;
        if (k > largest) largest = k;
      }
      out[i] = k;
      total += k;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    for (; total < n; total++) out[this.int(n)]!++;
    // A unit chosen uniformly among those drawn: a uniform row, kept with probability count / largest.
    while (total > n) {
      const i = this.int(n);
      if (this.int(largest) < out[i]!) {
        out[i]!--;
        total--;
      }
    }
  }

  /** A standard normal draw (Box-Muller). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** P(X <= k) of Poisson(1), scaled by 2^32 to compare with a 32-bit draw; Infinity closes the table. */
const POISSON_QUANTILES: Float64Array = (() => {
  const quantiles: number[] = [];
  let p = Math.exp(-1);
  let cdf = 0;
  for (let k = 0; cdf < 1 && k < 40; k++) {
    cdf += p;
    p /= k + 1;
    quantiles.push(cdf * 4294967296);
  }
  quantiles.push(Number.POSITIVE_INFINITY);
  return Float64Array.from(quantiles);
})();

const POISSON_TABLE_BITS = 12;
const STRADDLES = 255;
/** Poisson(1) value of each bucket of the top 12 bits of a draw, or STRADDLES when a quantile cuts the bucket. */
const POISSON_TABLE: Uint8Array = (() => {
  const table = new Uint8Array(1 << POISSON_TABLE_BITS);
  const width = 2 ** (32 - POISSON_TABLE_BITS);
  for (let j = 0; j < table.length; j++) {
    const start = j * width;
    let k = 0;
    while (start >= POISSON_QUANTILES[k]!) k++;
    table[j] = POISSON_QUANTILES[k]! < start + width ? STRADDLES : k;
  }
  return table;
})();
const POISSON_TABLE_MAX = POISSON_TABLE.reduce((m, k) => (k === STRADDLES ? m : Math.max(m, k)), 1);
