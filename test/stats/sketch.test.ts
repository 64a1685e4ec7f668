import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ksStatisticSorted } from '../../src/core/stats/ks.js';
import {
  binAtKnots,
  binCounts,
  CdfSketch,
  knotsFromSorted,
  ksFromSketches,
  quantileEdges,
  wassersteinFromSketches,
} from '../../src/core/stats/sketch.js';
import { wassersteinSorted } from '../../src/core/stats/wasserstein.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sortedSample(seed: number, n: number, draw: (r: () => number) => number): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n }, () => draw(r)).sort();
}

const gauss = (mean: number, sd: number) => (r: () => number) =>
  mean + sd * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

const scenarios = [
  { name: 'same distribution', ref: gauss(0, 1), cur: gauss(0, 1) },
  { name: 'mean shift', ref: gauss(0, 1), cur: gauss(0.5, 1) },
  { name: 'variance change', ref: gauss(0, 1), cur: gauss(0, 2) },
  { name: 'outside the reference range', ref: gauss(0, 1), cur: gauss(8, 1) },
  {
    name: 'heavy ties',
    ref: (r: () => number) => Math.floor(r() * 5000),
    cur: (r: () => number) => Math.floor(r() * 6000),
  },
  { name: 'concentrated current', ref: gauss(0, 1), cur: () => 0.123 },
];

test('sketch-based KS and Wasserstein stay within their stated bound of the exact values', () => {
  for (const [i, s] of scenarios.entries()) {
    for (const quantiles of [50, 1000]) {
      const ref = sortedSample(100 + i, 20_000, s.ref);
      const cur = sortedSample(200 + i, 15_000, s.cur);
      const refSketch = CdfSketch.fromKnots(knotsFromSorted(ref, quantiles), ref[0]!, ref[ref.length - 1]!);
      const curSketch = binAtKnots(cur, refSketch.knotValues());
      // The same bins without each knot's own count split off (what a quantile profile asks DuckDB for).
      const knots = refSketch.knotValues();
      const perKnot = Array.from(
        knots,
        (v, j) => curSketch.countAtMost(v)[0] - (j ? curSketch.countAtMost(knots[j - 1]!)[0] : 0),
      );
      const unsplit = CdfSketch.fromUnsplitBins(
        knots,
        perKnot,
        cur.length - curSketch.countAtMost(knots[knots.length - 1]!)[0],
        cur[0]!,
        cur[cur.length - 1]!,
      );
      for (const [what, b] of [
        ['KS', ksFromSketches(refSketch, unsplit)],
        ['W', wassersteinFromSketches(refSketch, unsplit)],
      ] as const) {
        const exactValue = what === 'KS' ? ksStatisticSorted(ref, cur) : wassersteinSorted(ref, cur);
        assert.ok(
          Math.abs(b.value - exactValue) <= b.bound * (1 + 1e-9) + 1e-12,
          `${s.name} unsplit ${what}: ${b.value} ± ${b.bound} vs ${exactValue}`,
        );
      }
      const ks = ksFromSketches(refSketch, curSketch);
      const exactKs = ksStatisticSorted(ref, cur);
      assert.ok(
        Math.abs(ks.value - exactKs) <= ks.bound + 1e-12,
        `${s.name} (q=${quantiles}): KS ${ks.value} +- ${ks.bound} vs exact ${exactKs}`,
      );
      const w = wassersteinFromSketches(refSketch, curSketch);
      const exactW = wassersteinSorted(ref, cur);
      assert.ok(
        Math.abs(w.value - exactW) <= w.bound * (1 + 1e-9) + 1e-12,
        `${s.name} (q=${quantiles}): W ${w.value} +- ${w.bound} vs exact ${exactW}`,
      );
      if (quantiles === 1000 && s.name === 'same distribution') {
        assert.ok(ks.bound < 0.002, `KS bound with 1000 knots is small: ${ks.bound}`);
        assert.ok(w.bound < 0.02, `Wasserstein bound with 1000 knots is small: ${w.bound}`);
      }
    }
  }
});

test('an exact profile against exact current data gives exactly the sample statistics', () => {
  const ref = sortedSample(1, 3000, (r) => Math.round(r() * 40) / 4);
  const cur = sortedSample(2, 2500, (r) => Math.round((r() * 40 + 3) / 4));
  const refSketch = CdfSketch.fromKnots(knotsFromSorted(ref, 1000), ref[0]!, ref[ref.length - 1]!);
  assert.ok(refSketch.complete);
  const curSketch = CdfSketch.fromSorted(cur);
  const ks = ksFromSketches(refSketch, curSketch);
  assert.equal(ks.bound, 0);
  assert.equal(ks.value, ksStatisticSorted(ref, cur));
  const w = wassersteinFromSketches(refSketch, curSketch);
  assert.equal(w.bound, 0);
  assert.ok(Math.abs(w.value - wassersteinSorted(ref, cur)) < 1e-12);
  // Binned at the reference's knots, the KS distance stays exact because the reference CDF is exact everywhere.
  const binned = ksFromSketches(refSketch, binAtKnots(cur, refSketch.knotValues()));
  assert.equal(binned.bound, 0);
  assert.equal(binned.value, ksStatisticSorted(ref, cur));
});

test('PSI bins at reference quantiles have exact counts on both sides', () => {
  const ref = sortedSample(5, 10_000, gauss(0, 1));
  const cur = sortedSample(6, 8_000, gauss(0.3, 1));
  const refSketch = CdfSketch.fromKnots(knotsFromSorted(ref, 1000), ref[0]!, ref[ref.length - 1]!);
  const edges = quantileEdges(refSketch, 10);
  assert.equal(edges.length, 9);
  const r = binCounts(refSketch, edges);
  const c = binCounts(binAtKnots(cur, refSketch.knotValues()), edges);
  assert.ok(r.exact && c.exact);
  const direct = edges.map((e) => cur.filter((v) => v <= e).length);
  let cum = 0;
  for (const [k, n] of c.counts.slice(0, -1).entries()) {
    cum += n;
    assert.equal(cum, direct[k]);
  }
  for (const n of r.counts) assert.ok(Math.abs(n - 1000) <= 2, `decile bin holds ~10%: ${n}`);
});

test('radix sort orders doubles exactly like a numeric sort (negatives, zeros, infinities, subnormals)', async () => {
  const { radixSortFloat64InPlace } = await import('../../src/core/drift/radix-sort.js');
  const r = rng(99);
  const values = Float64Array.from({ length: 50_000 }, (_, i) =>
    i % 11 === 0 ? -0 : i % 13 === 0 ? 0 : (r() - 0.5) * 10 ** Math.floor(r() * 40 - 20),
  );
  values.set(
    [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE],
    0,
  );
  // Digits every key shares skip their pass, so the number of passes (and which buffer ends sorted) varies:
  // small integers share the low mantissa digits (2 passes run), values in [1, 2) with full mantissas share the exponent (5 run).
  const integers = Float64Array.from({ length: 30_000 }, () => Math.floor(r() * 300));
  const oneMagnitude = Float64Array.from({ length: 30_000 }, () => 1 + r() + r() * 2 ** -32);
  for (const input of [values, integers, oneMagnitude]) {
    const expected = input.slice().sort();
    const sorted = radixSortFloat64InPlace(input.slice());
    assert.equal(sorted.length, expected.length);
    for (let i = 0; i < expected.length; i++)
      assert.ok(Object.is(sorted[i], expected[i]), `position ${i}: ${sorted[i]} vs ${expected[i]}`);
  }
});

test('full-mode PSI bins from sorted arrays equal the sketch-based bins', async () => {
  const { sortedQuantileEdges, sortedBinCounts } = await import('../../src/core/drift/compare.js');
  for (const [seed, draw] of [
    [7, gauss(0, 1)],
    [8, (r: () => number) => Math.floor(r() * 4)],
    [9, (r: () => number) => Math.floor(r() ** 3 * 40)],
  ] as const) {
    const a = sortedSample(seed, 5000, draw);
    const b = sortedSample(seed + 100, 4000, draw);
    const edges = sortedQuantileEdges(a, 10);
    assert.deepEqual(edges, quantileEdges(CdfSketch.fromSorted(a), 10));
    assert.deepEqual(sortedBinCounts(b, edges), binCounts(CdfSketch.fromSorted(b), edges).counts);
  }
});
