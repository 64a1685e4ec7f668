import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { MlopsError } from '../../src/core/errors.js';
import { evaluateConfig } from '../../src/core/evaluate/config.js';
import { type EvaluateRequest, evaluateCandidate } from '../../src/core/evaluate/evaluate.js';
import { evaluationRenderer } from '../../src/core/evaluate/render.js';
import { evaluationReport } from '../../src/core/evaluate/report.js';
import { DataType, encodeModel, GraphBuilder } from '../../src/core/model/onnx-builder.js';
import { Random } from '../../src/core/stats/random.js';
import { tempDir } from '../helpers/tmp.js';
import {
  PENGUINS_EVAL,
  PENGUINS_TRAIN,
  readCsv,
  type Table,
  tableFromRows,
  tableSource,
  trainModel,
} from './fixtures.js';

const dir = tempDir('mlops-evaluate-');
const train = readCsv(PENGUINS_TRAIN);
const evalTable = readCsv(PENGUINS_EVAL);
const good = trainModel(train, dir, 'good', { label: 'species' });
const worse = trainModel(train, dir, 'worse', { label: 'species', features: ['island'] });

function request(
  overrides: Partial<EvaluateRequest> & { gates?: unknown; extra?: Record<string, unknown> },
): EvaluateRequest {
  const { gates, extra, ...rest } = overrides;
  return {
    candidate: { ref: 'good.onnx', path: good },
    champion: null,
    source: tableSource(evalTable, 'examples/penguins/eval.csv'),
    model: { label: 'species', segments: ['island', 'sex'] },
    config: evaluateConfig.parse({ bootstrap: { resamples: 400 }, ...(gates ? { gates } : {}), ...extra }),
    ...rest,
  };
}

function assertNoNaN(markdown: string): void {
  assert.ok(!/\bNaN\b/.test(markdown), 'no NaN in the rendered report');
  assert.ok(!/undefined/.test(markdown), 'no "undefined" in the rendered report');
}

describe('evaluate-gate core on real ONNX models (penguins)', () => {
  test('first model: no champion, change gates skipped and said so, value gates decide', async () => {
    const report = await evaluateCandidate(
      request({
        championNote: 'no production version yet',
        gates: [{ metric: 'accuracy', lower: 0.8, change: { tolerance: 0.01 } }],
      }),
    );
    evaluationReport.parse(report);
    assert.equal(report.verdict, 'pass');
    assert.equal(report.champion, null);
    assert.match(report.headline, /first model/);
    const change = report.gates.find((g) => g.type === 'change')!;
    assert.equal(change.status, 'skip');
    assert.match(change.reason, /no champion/);
    const value = report.gates.find((g) => g.type === 'value')!;
    assert.equal(value.status, 'pass');
    assert.equal(report.data.evaluatedRows, 96);
    assert.equal(report.classes?.length, 3);
    const md = evaluationRenderer.markdown(report, 'summary');
    assertNoNaN(md);
    assert.match(md, /no champion/);
    assert.match(md, /```mermaid/);
    assert.match(md, /Confusion matrix/);
  });

  test('a worse candidate against the champion fails overall and per slice, with McNemar and deltas', async () => {
    const report = await evaluateCandidate(
      request({ candidate: { ref: 'worse.onnx', path: worse }, champion: { ref: 'good.onnx', path: good } }),
    );
    evaluationReport.parse(report);
    assert.equal(report.verdict, 'fail');
    const overall = report.gates.find((g) => g.type === 'change' && g.slice === null)!;
    assert.equal(overall.status, 'fail');
    assert.ok(report.gates.some((g) => g.slice === 'island=Biscoe' && g.status === 'fail'));
    // Small slices are reported, not gated.
    const torgersen = report.gates.find((g) => g.slice === 'island=Torgersen')!;
    assert.equal(torgersen.status, 'skip');
    assert.match(torgersen.reason, /not gated/);
    const accuracy = report.metrics.find((m) => m.name === 'accuracy')!;
    assert.ok(accuracy.delta!.value! < -0.1);
    assert.ok(accuracy.delta!.upper! < 0, 'paired interval of the difference excludes 0');
    assert.ok(report.mcnemar && report.mcnemar.pValue < 0.001);
    const md = evaluationRenderer.markdown(report, 'summary');
    assertNoNaN(md);
    assert.ok(md.indexOf('blocked') < md.indexOf('### Metrics'), 'verdict first');
    assert.match(md, /Δ vs champion/);
    const checks = evaluationRenderer.checks(report);
    assert.ok(checks.some((c) => c.status === 'fail'));
  });

  test('the same model as champion passes its change gate (difference exactly 0 on every resample)', async () => {
    const report = await evaluateCandidate(request({ champion: { ref: 'good.onnx', path: good } }));
    assert.equal(report.verdict, 'pass');
    const acc = report.metrics.find((m) => m.name === 'accuracy')!;
    assert.equal(acc.delta!.value, 0);
    assert.equal(acc.delta!.lower, 0);
    assert.equal(report.mcnemar!.pValue, 1);
  });

  test('a value gate that passes on the point estimate but fails on the interval', async () => {
    const gates = [{ metric: 'accuracy', lower: 0.97 }];
    const bound = await evaluateCandidate(request({ gates }));
    const acc = bound.metrics.find((m) => m.name === 'accuracy')!.candidate;
    assert.ok(acc.value! >= 0.97, `point ${acc.value}`);
    assert.ok(acc.lower! < 0.97, `lower ${acc.lower}`);
    assert.equal(bound.verdict, 'fail');
    assert.match(bound.gates[0]!.reason, /not enough evidence/);
    const point = await evaluateCandidate(request({ gates: [{ ...gates[0], decideOn: 'point' }] }));
    assert.equal(point.verdict, 'pass');
  });

  test('bad input: not an ONNX file, label column missing, empty evaluation set', async () => {
    const notOnnx = join(dir, 'model.onnx');
    writeFileSync(notOnnx, 'species,island\nAdelie,Biscoe\n');
    await assert.rejects(
      evaluateCandidate(request({ candidate: { ref: 'model.onnx', path: notOnnx } })),
      (e: unknown) => e instanceof MlopsError && /not a loadable ONNX model/.test(e.message) && e.kind === 'input',
    );
    await assert.rejects(
      evaluateCandidate(request({ model: { label: 'label', segments: [] } })),
      (e: unknown) =>
        e instanceof MlopsError && /label column "label"/.test(e.message) && /bill_length_mm/.test(e.found ?? ''),
    );
    const empty: Table = tableFromRows(
      evalTable.columns.map((c) => c.name),
      [],
    );
    // Keep the real column types: an empty CSV still has its header's types in the data engine.
    empty.columns = evalTable.columns;
    await assert.rejects(
      evaluateCandidate(request({ source: tableSource(empty, 'empty.csv') })),
      (e: unknown) => e instanceof MlopsError && /evaluation set is empty/.test(e.message),
    );
  });

  test('a presigned data URL is recorded without its signature', async () => {
    const url = 'https://bucket.s3.amazonaws.com/eval.csv?X-Amz-Signature=deadbeef&X-Amz-Credential=AKIAEXAMPLE';
    const report = await evaluateCandidate(request({ source: tableSource(evalTable, url) }));
    assert.equal(report.data.source, 'https://bucket.s3.amazonaws.com/eval.csv?…');
    assert.doesNotMatch(JSON.stringify(report), /deadbeef|AKIAEXAMPLE/);
    assert.doesNotMatch(evaluationRenderer.markdown(report, 'summary'), /deadbeef|AKIAEXAMPLE/);
  });

  test('a missing model input column is a clear error listing inputs next to columns', async () => {
    const cols = evalTable.columns.filter((c) => c.name !== 'bill_depth_mm');
    const table = { ...evalTable, columns: cols };
    await assert.rejects(
      evaluateCandidate(request({ source: tableSource(table) })),
      (e: unknown) =>
        e instanceof MlopsError &&
        /bill_depth_mm/.test(e.message) &&
        /model inputs: .*bill_depth_mm \(float32/.test(e.found ?? '') &&
        /data columns: species/.test(e.found ?? ''),
    );
  });

  test('named combinations of segment columns are sliced together', async () => {
    const report = await evaluateCandidate(
      request({ extra: { combinations: [{ name: 'island × sex', columns: ['island', 'sex'] }] } }),
    );
    const combo = report.slices.filter((s) => s.segment === 'island × sex');
    assert.ok(combo.length >= 6, combo.map((s) => s.label).join('; '));
    const biscoeFemale = combo.find((s) => s.label === 'island=Biscoe, sex=female')!;
    assert.deepEqual(biscoeFemale.values, { island: 'Biscoe', sex: 'female' });
    const biscoe = report.slices.find((s) => s.label === 'island=Biscoe')!;
    const parts = combo.filter((s) => s.values.island === 'Biscoe').reduce((n, s) => n + s.rows, 0);
    assert.equal(parts, biscoe.rows);
  });

  test('a slice with one class: one-vs-rest AUC is "not computable" in the slice, never NaN', async () => {
    const report = await evaluateCandidate(request({ extra: { minSliceSupport: 5 } }));
    // Torgersen island has only Adelie penguins.
    const torgersen = report.slices.find((s) => s.label === 'island=Torgersen')!;
    const auc = torgersen.metrics.find((m) => m.name === 'roc_auc_ovr')!;
    assert.equal(auc.candidate.value, null);
    assert.match(auc.candidate.reason!, /absent/);
    const md = evaluationRenderer.markdown(report, 'summary');
    assertNoNaN(md);
    assert.match(JSON.stringify(report), /absent/);
  });
});

/** Binary data where the model's rule holds in segments a and b and is reversed in segment c. */
function segmentedBinary(n: number, seed: number): Table {
  const rng = new Random(seed);
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.normal();
    const g = i % 5 === 0 ? 'c' : i % 2 === 0 ? 'a' : 'b';
    let y = x + 0.3 * rng.normal() > 0 ? 'yes' : 'no';
    if (g === 'c') y = y === 'yes' ? 'no' : 'yes';
    rows.push([String(x), g, y]);
  }
  return tableFromRows(['x', 'group', 'label'], rows);
}

/** A user model (not from our trainer): one [N, 1] float input "x", logits output, no metadata. */
function logitModel(path: string, inputName = 'features', width = 1): void {
  const g = new GraphBuilder('user_model');
  g.input(inputName, DataType.FLOAT, ['N', width]);
  const w = g.constant('w', DataType.FLOAT, [width, 2], [-3, 3, ...new Array<number>(2 * (width - 1)).fill(0)]);
  const logits = g.op('MatMul', [inputName, w]);
  g.node('Identity', [logits], { outputs: ['logits'] });
  g.output('logits', DataType.FLOAT, ['N', 2]);
  writeFileSync(path, encodeModel(g));
}

describe('slices, user models and regression', () => {
  const table = segmentedBinary(1500, 3);
  const model = join(dir, 'user.onnx');
  logitModel(model);
  const base = (gates: unknown): EvaluateRequest => ({
    candidate: { ref: 'user.onnx', path: model },
    champion: null,
    source: tableSource(table, 'segmented.csv'),
    model: { label: 'label', segments: ['group'], features: ['x'], classes: ['no', 'yes'] },
    config: evaluateConfig.parse({ bootstrap: { resamples: 300 }, gates }),
  });

  test('a slice fails while the whole set passes (Holm across slices)', async () => {
    const report = await evaluateCandidate(base([{ metric: 'accuracy', lower: 0.6, slices: true }]));
    assert.equal(report.task, 'binary');
    assert.equal(report.candidate.inputMapping, 'feature-matrix');
    const overall = report.gates.find((g) => g.slice === null)!;
    assert.equal(overall.status, 'pass', overall.reason);
    const c = report.gates.find((g) => g.slice === 'group=c')!;
    assert.equal(c.status, 'fail', c.reason);
    assert.ok(c.adjustedPValue != null && c.adjustedPValue < 0.025);
    for (const s of ['group=a', 'group=b']) assert.equal(report.gates.find((g) => g.slice === s)!.status, 'pass');
    assert.equal(report.verdict, 'fail');
    // Logits were turned into probabilities: AUC equals the one of the raw score x.
    const auc = report.metrics.find((m) => m.name === 'roc_auc')!.candidate.value!;
    assert.ok(auc > 0.6 && auc < 0.9, `auc ${auc}`);
    const dp = report.fairness.find((f) => f.metric === 'demographic_parity_difference')!;
    assert.ok(dp.value !== null && dp.value >= 0);
  });

  test('a feature matrix of the wrong width is a clear error naming both sides', async () => {
    const wide = join(dir, 'wide.onnx');
    logitModel(wide, 'features', 3);
    await assert.rejects(
      evaluateCandidate({ ...base(undefined), candidate: { ref: 'wide.onnx', path: wide } }),
      (e: unknown) => e instanceof MlopsError && /takes 3 features per row, but 1/.test(e.message),
    );
  });

  test('regression: ridge baseline, metrics reported, champion comparison of RMSE', async () => {
    const rng = new Random(5);
    const rows: string[][] = [];
    for (let i = 0; i < 600; i++) {
      const a = rng.normal();
      const b = rng.normal();
      rows.push([String(a), String(b), String(3 * a - 2 * b + 0.5 * rng.normal()), i % 2 ? 'odd' : 'even']);
    }
    const reg = tableFromRows(['a', 'b', 'y', 'parity'], rows);
    const full = trainModel(reg, dir, 'ridge-full', { label: 'y', task: 'regression' });
    const partial = trainModel(reg, dir, 'ridge-a', { label: 'y', task: 'regression', features: ['a'] });
    const report = await evaluateCandidate({
      candidate: { ref: 'ridge-a.onnx', path: partial },
      champion: { ref: 'ridge-full.onnx', path: full },
      source: tableSource(reg, 'reg.csv'),
      model: { label: 'y', segments: ['parity'] },
      config: evaluateConfig.parse({ bootstrap: { resamples: 200 } }),
    });
    evaluationReport.parse(report);
    assert.equal(report.task, 'regression');
    assert.deepEqual(
      report.metrics.map((m) => m.name),
      ['mae', 'rmse', 'r2', 'mape'],
    );
    const rmse = report.metrics.find((m) => m.name === 'rmse')!;
    assert.equal(rmse.direction, 'lower');
    assert.ok(rmse.delta!.lower! > 0, 'the one-feature model is significantly worse');
    assert.equal(report.verdict, 'fail');
    assert.match(report.gates[0]!.name, /rmse rise vs champion/);
    assertNoNaN(evaluationRenderer.markdown(report, 'summary'));

    // A target read as text ("n/a", inf): those rows have no label; they do not make every metric NaN.
    const text: Table = {
      ...reg,
      columns: reg.columns.map((c) => (c.name === 'y' ? { ...c, type: 'string', engineType: 'VARCHAR' } : c)),
      values: {
        ...reg.values,
        y: Array.from(reg.values.y as Float64Array, (v, i) => (i === 3 ? 'n/a' : i === 5 ? 'inf' : String(v))),
      },
    };
    const fromText = await evaluateCandidate({
      candidate: { ref: 'ridge-full.onnx', path: full },
      champion: null,
      source: tableSource(text, 'reg-text.csv'),
      model: { label: 'y', segments: [] },
      config: evaluateConfig.parse({ bootstrap: { resamples: 50 }, gates: [{ metric: 'rmse', upper: 1 }] }),
    });
    assert.equal(fromText.data.evaluatedRows, 598);
    assert.ok(fromText.warnings.some((w) => /2 rows have no label/.test(w)));
    assert.ok(fromText.metrics.every((m) => m.candidate.value !== null && Number.isFinite(m.candidate.value)));
    assert.equal(fromText.verdict, 'pass');
  });

  test('an overall gate whose metric cannot be computed fails instead of passing', async () => {
    const report = await evaluateCandidate(
      request({
        gates: [
          { metric: 'accuracy', lower: 0.5 },
          { metric: 'roc_auc_ovr', lower: 0.5 },
        ],
        extra: {},
      }),
    );
    assert.equal(report.verdict, 'pass', 'both computable on the penguins');
    const oneClass: Table = {
      ...evalTable,
      values: { ...evalTable.values, species: (evalTable.values.species as string[]).map(() => 'Adelie') },
    };
    const undecidable = await evaluateCandidate(
      request({ source: tableSource(oneClass), gates: [{ metric: 'roc_auc_ovr', lower: 0.5 }], extra: {} }),
    );
    const gate = undecidable.gates.find((g) => g.metric === 'roc_auc_ovr' && g.slice === null)!;
    assert.equal(gate.status, 'fail');
    assert.match(gate.reason ?? '', /not computable.*cannot be decided/);
    assert.equal(undecidable.verdict, 'fail');
  });
});
