/**
 * Statistics in the DriftReport equal SciPy's on the same files (read by pandas): in full mode always, and
 * against a stored profile when the profile is exact (every distinct value kept).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { closeEngine, openDataset } from '../../src/core/data/engine.js';
import type { Dataset } from '../../src/core/data/types.js';
import { runDriftCheck } from '../../src/core/drift/check.js';
import { driftConfig } from '../../src/core/drift/config.js';
import type { DriftReport } from '../../src/core/drift/report.js';
import { buildReferenceProfile } from '../../src/core/profile/build.js';
import { requirePython, runPythonJson } from '../helpers/python.js';
import { tempDir } from '../helpers/tmp.js';
import { makeRows, writeCsv } from './data.js';

after(() => closeEngine());
const dir = tempDir('mlops-drift-scipy-');

const SCRIPT = `
import json, sys
import numpy as np, pandas as pd
from scipy import stats
from scipy.spatial import distance
ref_path, cur_path = json.load(sys.stdin)
ref = pd.read_csv(ref_path, float_precision="round_trip"); cur = pd.read_csv(cur_path, float_precision="round_trip")
out = {}
for col in ref.columns:
    if pd.api.types.is_numeric_dtype(ref[col]):
        a = ref[col].dropna().to_numpy(); b = cur[col].dropna().to_numpy()
        r = stats.ks_2samp(a, b)
        out[col] = {"ks": float(r.statistic), "ks_p": float(r.pvalue),
                    "w": float(stats.wasserstein_distance(a, b) / a.std())}
    else:
        rc = ref[col].value_counts(); cc = cur[col].value_counts()
        cats = sorted(set(rc.index) | set(cc.index))
        table = np.array([[rc.get(c, 0) for c in cats], [cc.get(c, 0) for c in cats]])
        chi2, p, dof, _ = stats.chi2_contingency(table)
        out[col] = {"chi2": float(chi2), "chi2_p": float(p), "js": float(distance.jensenshannon(table[0], table[1], base=2))}
print(json.dumps(out))
`;

function stat(report: DriftReport, column: string, test: string) {
  const c = report.columns.find((x) => x.column === column)!;
  return c.statistics.find((s) => s.test === test)!;
}

/** The reference as full mode uses it: its data and a profile without numeric sketches. */
async function fullReference(source: string, dataset: Dataset) {
  return {
    source,
    profile: await buildReferenceProfile(dataset, { sketchNumeric: false }),
    data: { dataset },
    stored: false,
  };
}

function close(actual: number | null | undefined, expected: number, rel: number, what: string): void {
  assert.ok(actual !== null && actual !== undefined, `${what} computed`);
  const tol = rel * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs SciPy ${expected}`);
}

for (const [name, n, mode] of [
  ['full reference, small samples (exact KS p-values)', { ref: 600, cur: 450 }, 'full'],
  ['full reference, large samples (asymptotic KS p-values)', { ref: 15_000, cur: 12_000 }, 'full'],
  ['exact stored profile', { ref: 600, cur: 450 }, 'profile'],
] as const) {
  test(`report statistics equal SciPy: ${name}`, async (t) => {
    const python = requirePython(t, ['scipy', 'pandas']);
    if (!python) return;
    // Rounded values keep the profile exact (few distinct values) in the profile case.
    const round = (rows: ReturnType<typeof makeRows>) =>
      mode === 'profile'
        ? rows.map((r) => ({
            ...r,
            x1: Math.round(Number(r.x1) * 10) / 10,
            x2: Math.round(Number(r.x2) * 10) / 10,
            x3: r.x3 === null ? null : Math.round(Number(r.x3)),
          }))
        : rows;
    const refPath = writeCsv(join(dir, `ref-${mode}-${n.ref}.csv`), round(makeRows(41, n.ref)));
    const curPath = writeCsv(
      join(dir, `cur-${mode}-${n.cur}.csv`),
      round(makeRows(42, n.cur, { meanShift: 0.1, missing: 0.05, newCategory: 0.02 })),
    );
    // Full mode opens the data as drift-check does: parsed once into an unordered temporary Parquet copy.
    const open = (path: string) =>
      mode === 'full' ? openDataset(path, { materialize: true, rowOrder: 'any' }) : openDataset(path);
    const ref = await open(refPath);
    const report = await runDriftCheck({
      config: driftConfig.parse({ mode }),
      reference: {
        source: refPath,
        profile: await buildReferenceProfile(ref, { sketchNumeric: mode === 'profile' }),
        data: { dataset: ref },
        stored: mode === 'profile',
      },
      current: { dataset: await open(curPath), source: curPath },
    });
    const scipy = runPythonJson<Record<string, Record<string, number>>>(python, SCRIPT, [refPath, curPath]);
    for (const column of ['x1', 'x2', 'x3', 'count']) {
      const expected = scipy[column]!;
      const ks = stat(report, column, 'ks');
      assert.equal(ks.exact, true, `${column} KS exact`);
      close(ks.statistic, expected.ks!, 1e-12, `${column} KS statistic`);
      close(ks.pValue, expected.ks_p!, 1e-9, `${column} KS p-value`);
      const w = stat(report, column, 'wasserstein');
      assert.equal(w.exact, true, `${column} Wasserstein exact`);
      close(w.statistic, expected.w!, 1e-9, `${column} Wasserstein / std`);
    }
    const chi = stat(report, 'color', 'chisquare');
    close(chi.statistic, scipy.color!.chi2!, 1e-10, 'color chi2_contingency statistic');
    close(chi.pValue, scipy.color!.chi2_p!, 1e-9, 'color chi2_contingency p-value');
    close(stat(report, 'color', 'jensenshannon').statistic, scipy.color!.js!, 1e-12, 'color Jensen-Shannon');
    if (mode === 'profile') assert.match(report.reference.approximation, /^exact/);
  });
}

test('binned current data against a quantile profile: every statistic within its stated bound of the exact one', async () => {
  const refPath = writeCsv(join(dir, 'bound-ref.csv'), makeRows(91, 30_000));
  for (const [seed, shift] of [
    [92, {}],
    [93, { meanShift: 0.3, scale: 1.5, missing: 0.1 }],
  ] as const) {
    const curPath = writeCsv(join(dir, `bound-cur-${seed}.csv`), makeRows(seed, 25_000, shift));
    const ref = await openDataset(refPath);
    const cur = await openDataset(curPath);
    const binned = await runDriftCheck({
      config: driftConfig.parse({ profile: { quantiles: 200, maxCategories: 1000 } }),
      reference: { source: refPath, profile: await buildReferenceProfile(ref, { quantiles: 200 }), stored: true },
      current: { dataset: cur, source: curPath },
      exactCurrentRows: 0,
    });
    const exact = await runDriftCheck({
      config: driftConfig.parse({ mode: 'full' }),
      reference: await fullReference(refPath, ref),
      current: { dataset: cur, source: curPath },
    });
    assert.doesNotMatch(binned.reference.approximation, /^exact/);
    for (const column of ['x1', 'x2', 'x3']) {
      for (const test of ['ks', 'wasserstein'] as const) {
        const s = stat(binned, column, test);
        const e = stat(exact, column, test);
        assert.equal(s.exact, false, `${column} ${test} is a sketch value`);
        assert.ok(
          Math.abs(s.statistic! - e.statistic!) <= s.bound + 1e-12,
          `${column} ${test}: ${s.statistic} ± ${s.bound} vs exact ${e.statistic}`,
        );
      }
      assert.ok(stat(binned, column, 'ks').bound < 0.02, `${column}: a useful KS bound with 200 knots`);
    }
    assert.deepEqual(binned.verdict.driftedColumns, exact.verdict.driftedColumns, 'same decisions');
  }
});

test('full mode compares a feature listed twice once, with the same statistics', async () => {
  const refPath = writeCsv(join(dir, 'ref-dup.csv'), makeRows(51, 5000));
  const curPath = writeCsv(join(dir, 'cur-dup.csv'), makeRows(52, 4000, { meanShift: 0.2 }));
  const run = async (features: string[]) => {
    const ref = await openDataset(refPath);
    return runDriftCheck({
      config: driftConfig.parse({ mode: 'full' }),
      reference: await fullReference(refPath, ref),
      current: { dataset: await openDataset(curPath), source: curPath },
      features,
    });
  };
  const once = await run(['x1', 'x2', 'color']);
  const twice = await run(['x1', 'x2', 'x1', 'color']);
  const ks = (r: DriftReport, c: string) => stat(r, c, 'ks').statistic;
  assert.ok((ks(once, 'x1') ?? 0) > 0.05, 'the shift is measured');
  assert.equal(ks(twice, 'x1'), ks(once, 'x1'));
  assert.equal(ks(twice, 'x2'), ks(once, 'x2'));
});
