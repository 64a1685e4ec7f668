import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chiSquare, chiSquareContingency } from '../../src/core/stats/chisquare.js';
import { jensenShannonDistance, lInfinityDistance } from '../../src/core/stats/jensen-shannon.js';
import { ksTwoSample } from '../../src/core/stats/ks.js';
import { populationStabilityIndex } from '../../src/core/stats/psi.js';
import { wassersteinSorted } from '../../src/core/stats/wasserstein.js';
import { requirePython, runPythonJson } from '../helpers/python.js';

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

function normal(r: () => number, mean = 0, sd = 1): number {
  return mean + sd * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function sample(seed: number, n: number, mean: number, sd: number, round?: number): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => {
    const v = normal(r, mean, sd);
    return round === undefined ? v : Math.round(v * round) / round;
  });
}

function close(actual: number, expected: number, rel: number, what: string): void {
  const tol = rel * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs scipy ${expected} (tol ${tol})`);
}

const KS_SCRIPT = `
import json, sys
from scipy import stats
cases = json.load(sys.stdin)
out = []
for a, b in cases:
    r = stats.ks_2samp(a, b)
    out.append([float(r.statistic), float(r.pvalue), float(stats.wasserstein_distance(a, b))])
print(json.dumps(out))
`;

test('KS statistic, p-value (exact and asymptotic) and Wasserstein distance equal SciPy', (t) => {
  const python = requirePython(t, ['scipy']);
  if (!python) return;
  const cases: [number[], number[]][] = [
    [sample(1, 30, 0, 1), sample(2, 30, 0, 1)],
    [sample(3, 40, 0, 1), sample(4, 55, 0.5, 1)],
    [sample(5, 200, 0, 1, 10), sample(6, 170, 0.2, 1.3, 10)],
    [sample(7, 1000, 0, 1), sample(8, 800, 0.05, 1)],
    [sample(9, 9000, 0, 1), sample(10, 10000, 0.02, 1)],
    [sample(11, 20000, 0, 1), sample(12, 15000, 0.01, 1)],
    [sample(13, 20000, 0, 1), sample(14, 30, 0, 1)],
    [sample(15, 50000, 0, 1), sample(16, 40000, 0.05, 1)],
    [sample(17, 30000, 0, 1, 1), sample(18, 25000, 0.3, 1, 1)],
    [sample(19, 12000, 0, 1), sample(20, 200, 0.8, 1)],
  ];
  const expected = runPythonJson<[number, number, number][]>(python, KS_SCRIPT, cases);
  for (const [i, [a, b]] of cases.entries()) {
    const sa = Float64Array.from(a).sort();
    const sb = Float64Array.from(b).sort();
    const ks = ksTwoSample(sa, sb);
    const [d, p, w] = expected[i]!;
    close(ks.statistic, d, 1e-12, `case ${i} KS statistic`);
    close(ks.pValue, p, 1e-9, `case ${i} KS p-value (${ks.method})`);
    close(wassersteinSorted(sa, sb), w, 1e-9, `case ${i} Wasserstein`);
  }
});

const CAT_SCRIPT = `
import json, sys
import numpy as np
from scipy import stats
from scipy.spatial import distance
cases = json.load(sys.stdin)
out = []
for ref, cur in cases:
    table = np.array([ref, cur])
    chi2, p, dof, _ = stats.chi2_contingency(table)
    exp = np.array(ref) / sum(ref) * sum(cur)
    gof = stats.chisquare(cur, exp)
    out.append([float(chi2), float(p), int(dof), float(gof.statistic), float(gof.pvalue),
                float(distance.jensenshannon(ref, cur, base=2))])
print(json.dumps(out))
`;

test('chi-square (contingency and goodness of fit) and Jensen-Shannon equal SciPy', (t) => {
  const python = requirePython(t, ['scipy']);
  if (!python) return;
  const cases: [number[], number[]][] = [
    [
      [120, 80],
      [60, 45],
    ],
    [
      [50, 30, 20],
      [40, 40, 20],
    ],
    [
      [500, 300, 150, 50],
      [480, 320, 140, 60],
    ],
    [
      [1000, 10, 5, 300],
      [200, 300, 1, 10],
    ],
    [
      [30, 20, 10, 1],
      [25, 20, 12, 9],
    ],
  ];
  const expected = runPythonJson<number[][]>(python, CAT_SCRIPT, cases);
  for (const [i, [ref, cur]] of cases.entries()) {
    const [chi2, p, dof, gofStat, gofP, js] = expected[i]!;
    const c = chiSquareContingency([ref, cur]);
    close(c.statistic, chi2!, 1e-10, `case ${i} chi2_contingency statistic`);
    close(c.pValue, p!, 1e-9, `case ${i} chi2_contingency p`);
    assert.equal(c.dof, dof);
    const refTotal = ref.reduce((s, v) => s + v, 0);
    const curTotal = cur.reduce((s, v) => s + v, 0);
    const g = chiSquare(
      cur,
      ref.map((r) => (r / refTotal) * curTotal),
    );
    close(g.statistic, gofStat!, 1e-10, `case ${i} chisquare statistic`);
    close(g.pValue, gofP!, 1e-9, `case ${i} chisquare p`);
    close(jensenShannonDistance(ref, cur), js!, 1e-12, `case ${i} Jensen-Shannon`);
  }
});

test('L-infinity and PSI follow their definitions', (t) => {
  const python = requirePython(t, ['numpy']);
  if (!python) return;
  const ref = [100, 200, 300, 0];
  const cur = [150, 150, 290, 10];
  close(lInfinityDistance(ref, cur), 50 / 600, 1e-15, 'L-infinity');
  const [psi] = runPythonJson<number[]>(
    python,
    `
import json, sys
import numpy as np
ref, cur = json.load(sys.stdin)
r = np.array(ref) / sum(ref); c = np.array(cur) / sum(cur)
r = np.where(r == 0, 1e-4, r); c = np.where(c == 0, 1e-4, c)
print(json.dumps([float(np.sum((c - r) * np.log(c / r)))]))
`,
    [ref, cur],
  );
  close(populationStabilityIndex(ref, cur), psi!, 1e-12, 'PSI');
  assert.equal(populationStabilityIndex(ref, ref), 0);
});
