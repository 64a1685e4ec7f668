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
   * was drawn. The generator is inlined here because this loop dominates the cost of a bootstrap.
   */
  drawCounts(n: number, out: Int32Array): void {
    out.fill(0, 0, n);
    if (n >= 2097152) {
      for (let k = 0; k < n; k++) out[this.int(n)]!++;
      return;
    }
    let { a, b, c, d } = this;
    const threshold = (4294967296 - n) % n;
    for (let k = 0; k < n; k++) {
      let index: number;
      for (;;) {
        // xoshiro128+ output (a + d): cheaper than the ** scrambler and sound in its high bits, which is
        // what the multiply-high index below uses.
        const u = (a + d) >>> 0;
        const t = b << 9;
        c ^= a;
        d ^= b;
        b ^= c;
        a ^= d;
        c ^= t;
        d = (d << 11) | (d >>> 21);
        // Lemire: u * n < 2^53 is exact; reject the few low parts below the threshold for an unbiased index.
        const m = u * n;
        index = Math.floor(m * 2.3283064365386963e-10);
        if (m - index * 4294967296 >= threshold) break;
      }
      out[index]!++;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
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
