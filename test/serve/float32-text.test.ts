import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FLOAT32_TEXT_SOURCE } from '../../src/core/serve/float32-text.js';

const f32 = new Function(`${FLOAT32_TEXT_SOURCE}; return f32;`)() as (v: number) => string;

/** The definition, spelled out: the fewest significant digits (toPrecision) that read back as the same float32. */
function shortestByDefinition(v: number): string {
  if (!Number.isFinite(v)) return 'null';
  for (let p = 1; p <= 9; p++) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === v) return String(s);
  }
  throw new Error(`no round trip for ${v}`);
}

test('float32 text is the shortest decimal that reads back as the same float32', () => {
  const known: [number, string][] = [
    [Math.fround(0.1), '0.1'],
    [Math.fround(-2.5), '-2.5'],
    [Math.fround(123456789), '123456790'],
    [Math.fround(1e-7), '1e-7'],
    [Math.fround(3.4028234663852886e38), '3.4028235e+38'],
    [1.401298464324817e-45, '1e-45'],
    [0, '0'],
    [-0, '0'],
    [Math.fround(16777217), '16777216'],
    [Number.NaN, 'null'],
    [Number.POSITIVE_INFINITY, 'null'],
  ];
  for (const [v, text] of known) assert.equal(f32(v), text, `${v}`);
  // Every exponent and sign, from random bit patterns, plus values with few decimals as real features have.
  const bits = new Uint32Array(200_000);
  let s = 12345;
  for (let i = 0; i < bits.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    bits[i] = s ^ (s >>> 13);
  }
  const floats = new Float32Array(bits.buffer);
  const values = [
    ...floats,
    ...Array.from({ length: 50_000 }, (_, i) => Math.fround(((i * 7919) % 100_000) / 1000 - 50)),
  ];
  let checked = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const text = f32(v);
    assert.equal(Math.fround(Number(text)), v, `${text} reads back as ${v}`);
    assert.equal(text, shortestByDefinition(v), `text of ${v}`);
    checked++;
  }
  assert.ok(checked > 240_000);
});
