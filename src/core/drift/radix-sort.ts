/**
 * Sorts NaN-free doubles ascending with an LSD radix sort on their bit patterns (4 passes of 16 bits), faster
 * than TypedArray.prototype.sort on millions of values. The bits are mapped so that unsigned integer order
 * equals numeric order: negative numbers have all bits flipped, positive ones the sign bit.
 *
 * The sort works in place with one scratch buffer that is kept and reused between calls: full-mode drift sorts
 * two dozen arrays of millions of values, and fresh buffers for each (first-touch page faults, GC) cost as much
 * as the sorting itself.
 */

/** Scratch kept between sorts (grown when too small) and the digit counts. */
export interface RadixState {
  scratch?: Uint32Array;
  counts: Uint32Array;
}

/**
 * Sorts `values` (no NaN) in place. Self-contained (no outside names) because sort-pool.ts runs its source text
 * in worker threads.
 */
export function radixSortCore(values: Float64Array, state: RadixState): Float64Array {
  const n = values.length;
  if (n < 4096) return values.sort();
  const keys = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  for (let i = 0; i < n; i++) {
    const hi = keys[2 * i + 1]!;
    if (hi & 0x80000000) {
      keys[2 * i + 1] = ~hi >>> 0;
      keys[2 * i] = ~keys[2 * i]! >>> 0;
    } else {
      keys[2 * i + 1] = (hi | 0x80000000) >>> 0;
    }
  }
  if (!state.scratch || state.scratch.length < 2 * n) state.scratch = new Uint32Array(2 * n);
  const counts = state.counts;
  let src: Uint32Array = keys;
  let dst: Uint32Array = state.scratch;
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? 0 : 1;
    const shift = (pass % 2) * 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(src[2 * i + word]! >>> shift) & 0xffff]!++;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const d = (src[2 * i + word]! >>> shift) & 0xffff;
      const at = counts[d]!++;
      dst[2 * at] = src[2 * i]!;
      dst[2 * at + 1] = src[2 * i + 1]!;
    }
    const swap = src;
    src = dst;
    dst = swap;
  }
  // An even number of passes: the sorted keys are back in `values`' own buffer.
  for (let i = 0; i < n; i++) {
    const hi = keys[2 * i + 1]!;
    if (hi & 0x80000000) {
      keys[2 * i + 1] = (hi & 0x7fffffff) >>> 0;
    } else {
      keys[2 * i + 1] = ~hi >>> 0;
      keys[2 * i] = ~keys[2 * i]! >>> 0;
    }
  }
  return values;
}

/** Moves the non-NaN values of `values` to its front, in order, and returns how many there are. Self-contained. */
export function compactNonNaN(values: Float64Array): number {
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) values[k++] = v;
  }
  return k;
}

const mainThreadState: RadixState = { counts: new Uint32Array(65536) };

/** Sorts `values` (no NaN) in place and returns it. */
export function radixSortFloat64InPlace(values: Float64Array): Float64Array {
  return radixSortCore(values, mainThreadState);
}
