import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bootstrapPValue,
  bootstrapReplicates,
  drawCounts,
  percentileInterval,
  quantileSorted,
} from '../../src/core/stats/bootstrap.js';
import {
  binomialCdf,
  chiSquareSf,
  gammaP,
  gammaQ,
  normalCdf,
  normalQuantile,
  normalSf,
} from '../../src/core/stats/distributions.js';
import { mcnemar } from '../../src/core/stats/mcnemar.js';
import { benjaminiHochberg, holm } from '../../src/core/stats/multiple-testing.js';
import { Random } from '../../src/core/stats/random.js';
import { requirePython, runPythonJson } from '../helpers/python.js';

function close(ours: number, ref: number, what: string, rel = 1e-12): void {
  const tol = rel * Math.max(1e-300, Math.abs(ref)) + 1e-300;
  assert.ok(Math.abs(ours - ref) <= tol, `${what}: ours ${ours} vs scipy ${ref}`);
}

test('gamma, chi-square, normal and binomial functions equal SciPy', (t) => {
  const py = requirePython(t, ['scipy', 'numpy']);
  if (!py) return;
  const gammaArgs = [
    [0.5, 0.01],
    [0.5, 2],
    [1, 3],
    [2.5, 1],
    [10, 30],
    [50, 40],
    [0.5, 60],
    [150, 160],
  ];
  const chiArgs = [
    [0.001, 1],
    [3.84, 1],
    [10, 3],
    [50, 10],
    [200, 5],
  ];
  const zs = [-8, -3.2, -1, -0.1, 0, 0.5, 1.96, 4, 9];
  const ps = [1e-12, 1e-5, 0.01, 0.025, 0.3, 0.5, 0.8, 0.975, 0.999, 1 - 1e-9];
  const binom = [
    [0, 10],
    [3, 10],
    [7, 24],
    [12, 24],
    [40, 100],
    [300, 2000],
  ];
  const ref = runPythonJson<Record<string, number[]>>(
    py,
    `
import json, sys
from scipy import special, stats
a = json.load(sys.stdin)
print(json.dumps({
  "P": [float(special.gammainc(s, x)) for s, x in a["gamma"]],
  "Q": [float(special.gammaincc(s, x)) for s, x in a["gamma"]],
  "chi": [float(stats.chi2.sf(x, df)) for x, df in a["chi"]],
  "cdf": [float(stats.norm.cdf(z)) for z in a["z"]],
  "sf": [float(stats.norm.sf(z)) for z in a["z"]],
  "ppf": [float(stats.norm.ppf(p)) for p in a["p"]],
  "binom": [float(stats.binom.cdf(k, n, 0.5)) for k, n in a["binom"]],
}))
`,
    { gamma: gammaArgs, chi: chiArgs, z: zs, p: ps, binom },
  );
  gammaArgs.forEach(([a, x], i) => {
    close(gammaP(a!, x!), ref.P![i]!, `P(${a}, ${x})`, 1e-12);
    close(gammaQ(a!, x!), ref.Q![i]!, `Q(${a}, ${x})`, 1e-12);
  });
  chiArgs.forEach(([x, df], i) => {
    close(chiSquareSf(x!, df!), ref.chi![i]!, `chi2.sf(${x}, ${df})`, 1e-12);
  });
  zs.forEach((z, i) => {
    close(normalCdf(z), ref.cdf![i]!, `norm.cdf(${z})`, 1e-12);
    close(normalSf(z), ref.sf![i]!, `norm.sf(${z})`, 1e-12);
  });
  ps.forEach((p, i) => {
    close(normalQuantile(p), ref.ppf![i]!, `norm.ppf(${p})`, 1e-9);
  });
  binom.forEach(([k, n], i) => {
    close(binomialCdf(k!, n!, 0.5), ref.binom![i]!, `binom.cdf(${k}, ${n})`, 1e-11);
  });
});

test("McNemar equals scipy's binomtest (exact) and chi2 with continuity correction", (t) => {
  const py = requirePython(t, ['scipy']);
  if (!py) return;
  const pairs = [
    [0, 0],
    [3, 9],
    [10, 10],
    [1, 12],
    [30, 12],
    [150, 180],
    [5, 60],
  ];
  const ref = runPythonJson<{ p: number; stat: number }[]>(
    py,
    `
import json, sys
from scipy import stats
out = []
for b, c in json.load(sys.stdin):
    n = b + c
    if n < 25:
        k = min(b, c)
        p = 1.0 if n == 0 else stats.binomtest(k, n, 0.5, alternative="two-sided").pvalue
        out.append({"p": float(min(1.0, p)), "stat": float(k)})
    else:
        stat = (abs(b - c) - 1) ** 2 / n
        out.append({"p": float(stats.chi2.sf(stat, 1)), "stat": stat})
print(json.dumps(out))
`,
    pairs,
  );
  pairs.forEach(([b, c], i) => {
    const ours = mcnemar(b!, c!);
    assert.equal(ours.method, b! + c! < 25 ? 'exact' : 'chi2');
    close(ours.statistic, ref[i]!.stat, `statistic(${b}, ${c})`, 1e-12);
    close(ours.pValue, ref[i]!.p, `p(${b}, ${c})`, 1e-11);
  });
});

test('Holm and Benjamini-Hochberg equal a direct NumPy implementation', (t) => {
  const py = requirePython(t, ['numpy']);
  if (!py) return;
  const p = [0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 0.2];
  const ref = runPythonJson<{ holm: number[]; bh: number[] }>(
    py,
    `
import json, sys
import numpy as np
p = np.array(json.load(sys.stdin))
m = len(p)
o = np.argsort(p, kind="stable")
h = np.minimum(1, np.maximum.accumulate((m - np.arange(m)) * p[o]))
holm = np.empty(m); holm[o] = h
b = np.minimum(1, np.minimum.accumulate((m / np.arange(1, m + 1) * p[o])[::-1])[::-1])
bh = np.empty(m); bh[o] = b
print(json.dumps({"holm": holm.tolist(), "bh": bh.tolist()}))
`,
    p,
  );
  holm(p).forEach((v, i) => {
    close(v, ref.holm[i]!, `holm[${i}]`);
  });
  benjaminiHochberg(p).forEach((v, i) => {
    close(v, ref.bh[i]!, `bh[${i}]`);
  });
});

test('percentiles equal numpy.percentile; counts sum to n; seeds reproduce', (t) => {
  const rng = new Random(3);
  const values = Float64Array.from({ length: 101 }, () => rng.normal()).sort();
  const py = requirePython(t, ['numpy']);
  if (py) {
    const ref = runPythonJson<number[]>(
      py,
      `
import json, sys
import numpy as np
v = np.array(json.load(sys.stdin))
print(json.dumps([float(np.percentile(v, q)) for q in [2.5, 50, 97.5, 0, 100]]))
`,
      Array.from(values),
    );
    [0.025, 0.5, 0.975, 0, 1].forEach((q, i) => {
      close(quantileSorted(values, q), ref[i]!, `q${q}`);
    });
  }
  const counts = new Int32Array(1000);
  drawCounts(new Random(1), 1000, counts);
  assert.equal(
    counts.reduce((a, b) => a + b, 0),
    1000,
  );
  const a = bootstrapReplicates(50, 1, 20, 7, (w) => [w[0]!]);
  const b = bootstrapReplicates(50, 1, 20, 7, (w) => [w[0]!]);
  assert.deepEqual(a, b);
});

test('Random.int is uniform (chi-square goodness of fit) and percentile intervals cover the mean', () => {
  const rng = new Random(42);
  const k = 10;
  const seen = new Array<number>(k).fill(0);
  for (let i = 0; i < 100_000; i++) seen[rng.int(k)]!++;
  const stat = seen.reduce((s, o) => s + (o - 10_000) ** 2 / 10_000, 0);
  assert.ok(chiSquareSf(stat, k - 1) > 0.001, `uniformity p=${chiSquareSf(stat, k - 1)}`);
  // Multinomial counts: every row drawn equally often over many replicates, each replicate summing to n.
  const rows = 50;
  const totals = new Array<number>(rows).fill(0);
  const counts = new Int32Array(rows);
  for (let r = 0; r < 4000; r++) {
    rng.drawCounts(rows, counts);
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      rows,
    );
    counts.forEach((c, i) => {
      totals[i]! += c;
    });
  }
  const expected = 4000;
  const gof = totals.reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0);
  assert.ok(chiSquareSf(gof, rows - 1) > 0.001, `multinomial uniformity p=${chiSquareSf(gof, rows - 1)}`);
  // Bootstrap of a mean of N(5, 1) data: the 95% interval is close to mean ± 1.96 / sqrt(n).
  const n = 400;
  const x = Float64Array.from({ length: n }, () => 5 + rng.normal());
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const reps = bootstrapReplicates(n, 1, 2000, 1, (w) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += w[i]! * x[i]!;
    return [s / n];
  });
  const ci = percentileInterval(reps[0]!, 0.95)!;
  assert.ok(ci.lower < mean && mean < ci.upper);
  const halfWidth = (ci.upper - ci.lower) / 2;
  assert.ok(Math.abs(halfWidth - 1.96 / Math.sqrt(n)) < 0.02, `half width ${halfWidth}`);
  const p = bootstrapPValue(reps[0]!, mean + 0.2, 'above');
  assert.ok(p !== null && p < 0.01, `p=${p}`);
});

test('bootstrap counts are exactly multinomial: every outcome of 3 draws from 3 rows at its probability', () => {
  // The draw corrects independent Poisson counts to a total of n; at n = 3 that correction changes most
  // replicates, so a biased correction shows in the frequencies of the 10 possible outcomes.
  const rng = new Random(11);
  const counts = new Int32Array(3);
  const seen = new Map<string, number>();
  const replicates = 270_000;
  for (let r = 0; r < replicates; r++) {
    rng.drawCounts(3, counts);
    const key = counts.join(',');
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const outcomes = ['3,0,0', '0,3,0', '0,0,3', '2,1,0', '2,0,1', '1,2,0', '0,2,1', '1,0,2', '0,1,2', '1,1,1'];
  assert.deepEqual([...seen.keys()].sort(), [...outcomes].sort());
  const probability = (key: string) => {
    const c = key.split(',').map(Number);
    return 6 / c.reduce((p, v) => p * [1, 1, 2, 6][v]!, 1) / 27;
  };
  const stat = outcomes.reduce((s, key) => {
    const expected = replicates * probability(key);
    return s + (seen.get(key)! - expected) ** 2 / expected;
  }, 0);
  assert.ok(chiSquareSf(stat, outcomes.length - 1) > 0.001, `multinomial(3) fit p=${chiSquareSf(stat, 9)}`);
});

test('bootstrap counts of one row follow Binomial(n, 1/n), with rows far beyond the lookup table', () => {
  const rng = new Random(5);
  const n = 40;
  const counts = new Int32Array(n);
  const histogram = new Array<number>(5).fill(0);
  const replicates = 20_000;
  let largest = 0;
  for (let r = 0; r < replicates; r++) {
    rng.drawCounts(n, counts);
    for (const c of counts) {
      histogram[Math.min(c, 4)]!++;
      largest = Math.max(largest, c);
    }
  }
  const binomial = (k: number) => {
    let coefficient = 1;
    for (let i = 0; i < k; i++) coefficient = (coefficient * (n - i)) / (i + 1);
    return coefficient * (1 / n) ** k * (1 - 1 / n) ** (n - k);
  };
  const expected = [0, 1, 2, 3].map(binomial);
  expected.push(1 - expected.reduce((s, p) => s + p, 0));
  // Rows of one replicate are slightly negatively correlated, which only makes this test conservative.
  const cells = replicates * n;
  const stat = histogram.reduce((s, o, k) => s + (o - cells * expected[k]!) ** 2 / (cells * expected[k]!), 0);
  assert.ok(chiSquareSf(stat, 4) > 0.001, `Binomial(n, 1/n) fit p=${chiSquareSf(stat, 4)}: ${histogram}`);
  assert.ok(largest >= 6, `some row drawn 6+ times over ${cells} cells (largest ${largest})`);
  // A large n runs the same sequential pass: the counts still sum to n and average 1 with variance ~1.
  const big = new Int32Array(3_000_000);
  rng.drawCounts(big.length, big);
  let sum = 0;
  let squares = 0;
  for (const c of big) {
    sum += c;
    squares += c * c;
  }
  assert.equal(sum, big.length);
  const variance = squares / big.length - 1;
  assert.ok(Math.abs(variance - 1) < 0.01, `variance ${variance}`);
});
