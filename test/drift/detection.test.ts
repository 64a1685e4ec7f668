import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { closeEngine, openDataset } from '../../src/core/data/engine.js';
import { runDriftCheck } from '../../src/core/drift/check.js';
import { type DriftConfig, driftConfig } from '../../src/core/drift/config.js';
import { predictDataset } from '../../src/core/drift/predict.js';
import type { DriftReport } from '../../src/core/drift/report.js';
import { profileColumnFromValues } from '../../src/core/drift/values.js';
import { buildReferenceProfile } from '../../src/core/profile/build.js';
import { tempDir } from '../helpers/tmp.js';
import { makeRows, type Shift, writeCsv, writeLinearModel } from './data.js';

after(() => closeEngine());
const dir = tempDir('mlops-drift-detect-');

async function check(
  refSeed: number,
  curSeed: number,
  n: { ref: number; cur: number },
  shift: Shift = {},
  config: Partial<DriftConfig> = {},
  mode: 'profile' | 'full' = 'profile',
): Promise<DriftReport> {
  const refPath = writeCsv(join(dir, `ref-${refSeed}-${n.ref}.csv`), makeRows(refSeed, n.ref));
  const curPath = writeCsv(
    join(dir, `cur-${curSeed}-${n.cur}-${JSON.stringify(shift)}.csv`),
    makeRows(curSeed, n.cur, shift),
  );
  const ref = await openDataset(refPath);
  const cur = await openDataset(curPath);
  const cfg = driftConfig.parse({ mode, ...config });
  return runDriftCheck({
    config: cfg,
    reference: {
      source: refPath,
      profile: await buildReferenceProfile(ref, { sketchNumeric: mode === 'profile' }),
      data: { dataset: ref },
      stored: false,
    },
    current: { dataset: cur, source: curPath },
  });
}

function column(report: DriftReport, name: string) {
  const c = report.columns.find((x) => x.column === name);
  assert.ok(c, `column ${name} in report`);
  return c;
}

test('same distribution, small samples: per-test false alarms near alpha, Holm keeps the family-wise rate low', async () => {
  const reps = 40;
  let rawRejections = 0;
  let tests = 0;
  let anyDrift = 0;
  let datasetDrift = 0;
  for (let i = 0; i < reps; i++) {
    const report = await check(1000 + i, 5000 + i, { ref: 400, cur: 300 });
    for (const c of report.columns) {
      assert.equal(c.rule, 'test', `${c.column}: small samples are decided by a test`);
      const s = c.statistics.find((x) => x.test === c.decision)!;
      tests++;
      if ((s.pValue ?? 1) < 0.05) rawRejections++;
    }
    if (report.verdict.driftedColumns.length > 0) anyDrift++;
    if (report.verdict.drifted) datasetDrift++;
  }
  const rate = rawRejections / tests;
  assert.ok(rate >= 0.01 && rate <= 0.1, `uncorrected rejection rate ${rate} near 0.05 (${rawRejections}/${tests})`);
  assert.ok(anyDrift / reps <= 0.125, `family-wise false alarms after Holm: ${anyDrift}/${reps}`);
  assert.equal(datasetDrift, 0, 'no dataset-level drift between samples of one distribution');
});

test('same distribution, large samples: distance rule, no drift where p-values would flag trivia', async () => {
  const report = await check(7, 8, { ref: 30_000, cur: 25_000 });
  for (const c of report.columns) {
    assert.equal(c.rule, 'distance', `${c.column} decided by a distance`);
    assert.equal(c.drifted, false, `${c.column} not drifted: ${JSON.stringify(c.statistics)}`);
  }
  assert.equal(report.verdict.drifted, false);
  assert.match(report.reference.approximation, /KS within|exact/);
});

for (const mode of ['profile', 'full'] as const) {
  test(`each kind of shift is found (${mode} reference)`, async () => {
    const small = { ref: 500, cur: 400 };
    const large = { ref: 20_000, cur: 20_000 };
    for (const n of [small, large]) {
      const mean = await check(11, 12, n, { meanShift: 0.5 }, {}, mode);
      assert.equal(column(mean, 'x1').drifted, true, `mean shift found (n=${n.cur})`);
      assert.equal(column(mean, 'x2').drifted, false);
      assert.equal(mean.columns[0]!.column, 'x1', 'the drifted column is listed first');

      const variance = await check(13, 14, n, { scale: 2 }, {}, mode);
      assert.equal(column(variance, 'x2').drifted, true, `variance change found (n=${n.cur})`);

      const category = await check(15, 16, n, { newCategory: 0.2 }, {}, mode);
      const color = column(category, 'color');
      assert.equal(color.drifted, true, `new category found (n=${n.cur})`);
      assert.deepEqual(color.newCategories, ['purple']);
      assert.ok(category.findings.some((f) => f.code === 'new-categories' && f.column === 'color'));

      const missing = await check(17, 18, n, { missing: 0.2 }, {}, mode);
      const x3 = column(missing, 'x3');
      assert.equal(x3.nullShare.drifted, true, `missing values found (n=${n.cur})`);
      assert.ok(Math.abs(x3.nullShare.current - 0.2) < 0.05);
    }
  });
}

test('infinite values are left out of the numeric statistics in both modes, so a shift still shows', async () => {
  const withInfinities = (rows: ReturnType<typeof makeRows>) =>
    rows.map((row, i) => ({
      ...row,
      x1: (i + 1) % 500 === 0 ? Infinity : (i + 1) % 700 === 0 ? -Infinity : (row.x1 as number),
    }));
  const refPath = writeCsv(join(dir, 'inf-ref.csv'), withInfinities(makeRows(71, 20_000)));
  for (const mode of ['profile', 'full'] as const) {
    for (const [name, shift, drifted] of [
      ['inf-same', {}, false],
      ['inf-shifted', { meanShift: 0.5 }, true],
    ] as const) {
      const curPath = writeCsv(join(dir, `${name}.csv`), withInfinities(makeRows(72, 20_000, shift)));
      const ref = await openDataset(refPath);
      assert.equal(ref.columns.find((c) => c.name === 'x1')?.engineType, 'DOUBLE');
      const report = await runDriftCheck({
        config: driftConfig.parse({ mode }),
        reference: {
          source: refPath,
          profile: await buildReferenceProfile(ref, { sketchNumeric: mode === 'profile' }),
          data: { dataset: ref },
          stored: false,
        },
        current: { dataset: await openDataset(curPath), source: curPath },
      });
      const x1 = column(report, 'x1');
      assert.equal(x1.drifted, drifted, `${mode}, ${name}: ${JSON.stringify(x1)}`);
      const decisive = x1.statistics.find((st) => st.test === x1.decision);
      assert.ok(Number.isFinite(decisive?.statistic), `${mode}, ${name}: a finite ${x1.decision}`);
    }
  }
});

test('prediction drift: the model output moves when its input does', async () => {
  const model = writeLinearModel(join(dir, 'linear.onnx'));
  const refPath = writeCsv(join(dir, 'pred-ref.csv'), makeRows(21, 3000));
  const curPath = writeCsv(join(dir, 'pred-cur.csv'), makeRows(22, 3000, { meanShift: 0.4 }));
  const stablePath = writeCsv(join(dir, 'pred-stable.csv'), makeRows(23, 3000));
  const ref = await openDataset(refPath);
  const profile = await buildReferenceProfile(ref);
  const refPredictions = await predictDataset(model, ref);
  assert.equal(refPredictions.output, 'prediction');
  const cfg = driftConfig.parse({ driftShare: 0.9 });
  for (const [path, expected] of [
    [curPath, true],
    [stablePath, false],
  ] as const) {
    const cur = await openDataset(path);
    const predictions = await predictDataset(model, cur);
    const report = await runDriftCheck({
      config: cfg,
      reference: { source: refPath, profile, stored: false },
      current: { dataset: cur, source: path },
      prediction: {
        name: 'prediction',
        reference: profileColumnFromValues(refPredictions.values),
        current: predictions.values,
      },
    });
    assert.equal(report.prediction?.drifted, expected, `prediction drift ${expected} for ${path}`);
    assert.equal(report.verdict.predictionDrifted, expected);
    assert.equal(report.verdict.drifted, expected, 'prediction drift alone drives the dataset verdict');
  }
});

test('bad input: missing column and changed type are findings; an empty window is a clear error', async () => {
  const refPath = writeCsv(join(dir, 'bad-ref.csv'), makeRows(31, 500));
  const rows = makeRows(32, 300).map(({ x2, ...rest }) => ({ ...rest, count: `n${rest.count}` }));
  const curPath = writeCsv(join(dir, 'bad-cur.csv'), rows);
  const ref = await openDataset(refPath);
  const report = await runDriftCheck({
    config: driftConfig.parse({}),
    reference: { source: refPath, profile: await buildReferenceProfile(ref), stored: false },
    current: { dataset: await openDataset(curPath), source: curPath },
  });
  assert.ok(report.findings.some((f) => f.code === 'missing-column' && f.column === 'x2' && f.severity === 'error'));
  assert.ok(report.findings.some((f) => f.code === 'type-changed' && f.column === 'count'));
  assert.ok(report.verdict.driftedColumns.includes('x2') && report.verdict.driftedColumns.includes('count'));
  assert.equal(report.verdict.drifted, true);
  assert.ok(
    report.columns.some((c) => c.column === 'x1'),
    'the other columns are still checked',
  );

  const emptyPath = join(dir, 'empty.csv');
  writeCsv(emptyPath, [makeRows(33, 1)[0]!]);
  const empty = await openDataset(emptyPath);
  await assert.rejects(
    runDriftCheck({
      config: driftConfig.parse({}),
      reference: { source: refPath, profile: await buildReferenceProfile(ref), stored: false },
      current: { dataset: empty, source: emptyPath, where: 'false' },
    }),
    (error: Error & { kind?: string }) => error.kind === 'input' && /no rows/.test(error.message),
  );
});

test('per-column overrides from mlops.yaml and label drift', async () => {
  const report = await check(81, 82, { ref: 5000, cur: 5000 }, { meanShift: 0.15, newCategory: 0.2 }, {
    columns: { x1: { test: 'psi', threshold: 0.01 }, x3: { skip: true } },
  } as Partial<DriftConfig>);
  const x1 = column(report, 'x1');
  assert.equal(x1.decision, 'psi');
  assert.equal(x1.threshold, 0.01);
  assert.match(x1.ruleReason, /set for this column in mlops\.yaml/);
  assert.equal(x1.drifted, true, 'a small shift crosses the tighter PSI threshold');
  assert.ok(!report.columns.some((c) => c.column === 'x3'), 'skipped column');

  const refPath = writeCsv(join(dir, 'label-ref.csv'), makeRows(83, 2000));
  const curPath = writeCsv(join(dir, 'label-cur.csv'), makeRows(84, 2000, { newCategory: 0.3 }));
  const ref = await openDataset(refPath);
  const labelled = await runDriftCheck({
    config: driftConfig.parse({}),
    reference: { source: refPath, profile: await buildReferenceProfile(ref), stored: false },
    current: { dataset: await openDataset(curPath), source: curPath },
    label: 'color',
  });
  assert.equal(labelled.label?.role, 'label');
  assert.equal(labelled.label?.drifted, true);
  assert.ok(!labelled.columns.some((c) => c.column === 'color'), 'the label is not a feature');
  assert.equal(labelled.verdict.drifted, false, 'label drift is reported but does not drive the dataset verdict');
});
