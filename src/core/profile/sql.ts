/** Small helpers to build the profile's SQL and to read values back whatever JS types the engine returns. */

export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A DOUBLE literal that round-trips exactly (exponent form is parsed as DOUBLE, not DECIMAL). */
export function doubleLiteral(x: number): string {
  if (Number.isNaN(x)) return "'NaN'::DOUBLE";
  if (!Number.isFinite(x)) return x > 0 ? "'Infinity'::DOUBLE" : "'-Infinity'::DOUBLE";
  return x.toExponential();
}

export function doubleList(values: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length; i++) parts.push(doubleLiteral(values[i]!));
  return `[${parts.join(',')}]::DOUBLE[]`;
}

export function stringLiteral(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export function num(value: unknown): number {
  if (value === null || value === undefined) return Number.NaN;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    if (value === 'Infinity' || value === 'inf') return Number.POSITIVE_INFINITY;
    if (value === '-Infinity' || value === '-inf') return Number.NEGATIVE_INFINITY;
    return Number(value);
  }
  if (typeof value === 'object' && 'valueOf' in value) return Number((value as { valueOf(): unknown }).valueOf());
  return Number(value);
}

/** A list the engine returned: a JS array, a DuckDB list value, or JSON text (we ask for to_json(...)). */
export function list(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return JSON.parse(value.replace(/-?Infinity|NaN/g, (m) => `"${m}"`)) as unknown[];
  const items = (value as { items?: unknown[] }).items;
  if (Array.isArray(items)) return items;
  return JSON.parse(String(value)) as unknown[];
}

/** The largest double below x (used to split a knot's own count from the mass just below it). */
export function previousDouble(x: number): number {
  if (Number.isNaN(x) || x === Number.NEGATIVE_INFINITY) return x;
  if (x === 0) return -Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, x > 0 ? bits - 1n : bits + 1n);
  return buf.getFloat64(0);
}

/**
 * Histogram boundaries around knots a_0 < ... < a_m: [prev(a_0), a_0, prev(a_1), a_1, ...] without repeats, so
 * that DuckDB's histogram(x, boundaries) (bins (b_{i-1}, b_i]) gives the count AT each knot and strictly
 * between knots separately. Returns the boundaries and, per knot, the index of its own bin and of its
 * "between" bin (-1 when prev(a_j) == a_{j-1}, i.e. nothing can lie between).
 */
export function knotBoundaries(knots: ArrayLike<number>): {
  boundaries: number[];
  atBin: number[];
  betweenBin: number[];
} {
  const boundaries: number[] = [];
  const atBin: number[] = [];
  const betweenBin: number[] = [];
  for (let j = 0; j < knots.length; j++) {
    const a = knots[j]!;
    const p = previousDouble(a);
    if (j === 0 || p > knots[j - 1]!) {
      boundaries.push(p);
      betweenBin.push(boundaries.length - 1);
    } else {
      betweenBin.push(-1);
    }
    boundaries.push(a);
    atBin.push(boundaries.length - 1);
  }
  return { boundaries, atBin, betweenBin };
}
