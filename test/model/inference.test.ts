/**
 * Batched inference on odd models built with the project's ONNX builder and run by onnxruntime-node: a label
 * output that is not the argmax (a tuned threshold), outputs that are NaN for some rows, a non-ONNX file.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MlopsError } from '../../src/core/errors.js';
import { evaluateConfig } from '../../src/core/evaluate/config.js';
import { evaluateCandidate } from '../../src/core/evaluate/evaluate.js';
import { evaluationRenderer } from '../../src/core/evaluate/render.js';
import { planInference, predictBatches } from '../../src/core/model/inference.js';
import { DataType, encodeModel, GraphBuilder } from '../../src/core/model/onnx-builder.js';
import { loadModel } from '../../src/core/model/session.js';
import { Random } from '../../src/core/stats/random.js';
import { tableFromRows, tableSource } from '../evaluate/fixtures.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('mlops-inference-');
const THRESHOLD = 0.3;

/** probabilities = [1 - s, s] with s = sigmoid(3 x); label = "yes" when s > 0.3 (not the argmax). */
function thresholdModel(path: string): void {
  const g = new GraphBuilder('threshold');
  g.input('x', DataType.FLOAT, ['N', 1]);
  const three = g.constant('three', DataType.FLOAT, [1], [3]);
  const s = g.op('Sigmoid', [g.op('Mul', ['x', three])]);
  const one = g.constant('one', DataType.FLOAT, [1], [1]);
  g.node('Concat', [g.op('Sub', [one, s]), s], { outputs: ['probabilities'], attributes: { axis: 1 } });
  const thr = g.constant('thr', DataType.FLOAT, [1], [THRESHOLD]);
  const index = g.op('Cast', [g.op('Greater', [s, thr])], { to: DataType.INT64 });
  const shape = g.constant('shape', DataType.INT64, [1], [-1]);
  const flat = g.op('Reshape', [index, shape]);
  const classes = g.constant('classes', DataType.STRING, [2], ['no', 'yes']);
  g.node('Gather', [classes, flat], { outputs: ['label'], attributes: { axis: 0 } });
  g.output('probabilities', DataType.FLOAT, ['N', 2]);
  g.output('label', DataType.STRING, ['N']);
  writeFileSync(path, encodeModel(g, { metadata: { 'mlops.classes': '["no","yes"]', 'mlops.task': 'binary' } }));
}

/** Scores sqrt(x) as logits: NaN for negative x. */
function nanModel(path: string): void {
  const g = new GraphBuilder('nan');
  g.input('x', DataType.FLOAT, ['N', 1]);
  const root = g.op('Sqrt', ['x']);
  const zero = g.constant('zero', DataType.FLOAT, [1], [0.5]);
  g.node('Concat', [g.op('Mul', [root, zero]), root], { outputs: ['logits'], attributes: { axis: 1 } });
  g.output('logits', DataType.FLOAT, ['N', 2]);
  writeFileSync(path, encodeModel(g));
}

function data(n: number, seed: number): { rows: string[][]; x: number[]; y: string[] } {
  const rng = new Random(seed);
  const rows: string[][] = [];
  const x: number[] = [];
  const y: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = rng.normal();
    const label = v + 0.5 * rng.normal() > 0 ? 'yes' : 'no';
    rows.push([String(v), label]);
    x.push(v);
    y.push(label);
  }
  return { rows, x, y };
}

test("a model's own labels are used when they are not the argmax, on every batch", async () => {
  const path = join(dir, 'threshold.onnx');
  thresholdModel(path);
  const { rows, x, y } = data(1000, 1);
  const table = tableFromRows(['x', 'label'], rows);
  const report = await evaluateCandidate({
    candidate: { ref: 'threshold.onnx', path },
    champion: null,
    source: tableSource(table),
    model: { label: 'label', segments: [] },
    config: evaluateConfig.parse({ bootstrap: { resamples: 0 }, batchSize: 100 }),
  });
  const sigmoid = (v: number) => 1 / (1 + Math.exp(-3 * Math.fround(v)));
  let byLabel = 0;
  let byArgmax = 0;
  x.forEach((v, i) => {
    const s = sigmoid(v);
    if ((s > THRESHOLD ? 'yes' : 'no') === y[i]) byLabel++;
    if ((s > 0.5 ? 'yes' : 'no') === y[i]) byArgmax++;
  });
  assert.notEqual(byLabel, byArgmax, 'the fixture distinguishes the two rules');
  const accuracy = report.metrics.find((m) => m.name === 'accuracy')!.candidate.value;
  assert.equal(accuracy, byLabel / 1000);
  assert.equal(report.metrics.find((m) => m.name === 'accuracy')!.candidate.lower, null, 'resamples 0: no interval');
});

test('non-finite outputs are counted, left out of every metric and reported', async () => {
  const path = join(dir, 'nan.onnx');
  nanModel(path);
  const { rows, x } = data(400, 2);
  const table = tableFromRows(['x', 'label'], rows);
  const report = await evaluateCandidate({
    candidate: { ref: 'nan.onnx', path },
    champion: null,
    source: tableSource(table),
    model: { label: 'label', segments: [], classes: ['no', 'yes'] },
    config: evaluateConfig.parse({ bootstrap: { resamples: 100 } }),
  });
  const negatives = x.filter((v) => Math.fround(v) < 0).length;
  assert.ok(negatives > 50);
  assert.equal(report.candidate.nonFiniteRows, negatives);
  assert.equal(report.data.evaluatedRows, 400 - negatives);
  assert.match(report.warnings.join('\n'), new RegExp(`${negatives} rows got non-finite outputs`));
  for (const m of report.metrics) {
    assert.ok(m.candidate.value === null || Number.isFinite(m.candidate.value), `${m.name} is finite`);
  }
  // Those rows cannot hide the candidate's failures: by default any of them fails the gate.
  const gate = report.gates.find((g) => g.type === 'outputs')!;
  assert.equal(gate.status, 'fail');
  assert.equal(gate.observed, negatives / 400);
  assert.equal(report.verdict, 'fail');
  assert.match(gate.reason, new RegExp(`${negatives} of 400 rows`));
  const tolerant = await evaluateCandidate({
    candidate: { ref: 'nan.onnx', path },
    champion: null,
    source: tableSource(table),
    model: { label: 'label', segments: [], classes: ['no', 'yes'] },
    config: evaluateConfig.parse({ bootstrap: { resamples: 0 }, maxNonFiniteShare: 0.9 }),
  });
  assert.equal(tolerant.gates.find((g) => g.type === 'outputs')?.status, 'pass');
  const md = evaluationRenderer.markdown(report, 'summary');
  assert.match(md, /Non-finite outputs: candidate \d+ rows/);
  assert.ok(
    !/\bNaN\b/.test(md),
    md
      .split('\n')
      .filter((l) => /NaN/.test(l))
      .join('\n'),
  );
});

test('loadModel reads signatures and metadata; a text file is a clear error', async () => {
  const path = join(dir, 'threshold-meta.onnx');
  thresholdModel(path);
  const model = await loadModel(path);
  assert.deepEqual(
    model.inputs.map((i) => [i.name, i.type]),
    [['x', 'float32']],
  );
  assert.deepEqual(
    model.outputs.map((o) => o.name),
    ['probabilities', 'label'],
  );
  assert.equal(model.metadata['mlops.classes'], '["no","yes"]');
  assert.match(model.sha256, /^[0-9a-f]{64}$/);
  await model.release();
  const text = join(dir, 'notes.onnx');
  writeFileSync(text, 'just some notes\n');
  await assert.rejects(
    loadModel(text),
    (e: unknown) => e instanceof MlopsError && /not a loadable ONNX model/.test(e.message),
  );
  await assert.rejects(
    loadModel(join(dir, 'missing.onnx')),
    (e: unknown) => e instanceof MlopsError && /Cannot read/.test(e.message),
  );
});

test('one logit per row ([N]) is read as P(positive) through a sigmoid', async () => {
  const g = new GraphBuilder('logit');
  g.input('x', DataType.FLOAT, ['N', 1]);
  const two = g.constant('two', DataType.FLOAT, [1], [2]);
  const shape = g.constant('shape', DataType.INT64, [1], [-1]);
  g.node('Reshape', [g.op('Mul', ['x', two]), shape], { outputs: ['score'] });
  g.output('score', DataType.FLOAT, ['N']);
  const path = join(dir, 'logit.onnx');
  writeFileSync(path, encodeModel(g));
  const { rows, x, y } = data(500, 3);
  const report = await evaluateCandidate({
    candidate: { ref: 'logit.onnx', path },
    champion: null,
    source: tableSource(tableFromRows(['x', 'label'], rows)),
    model: { label: 'label', segments: [], classes: ['no', 'yes'] },
    config: evaluateConfig.parse({ bootstrap: { resamples: 0 } }),
  });
  assert.equal(report.task, 'binary');
  // Accuracy of the sigmoid > 0.5 rule is the accuracy of x > 0.
  const expected = x.filter((v, i) => (Math.fround(v) * 2 > 0 ? 'yes' : 'no') === y[i]).length / 500;
  assert.equal(report.metrics.find((m) => m.name === 'accuracy')!.candidate.value, expected);
  const auc = report.metrics.find((m) => m.name === 'roc_auc')!.candidate.value!;
  let concordant = 0;
  let pairs = 0;
  x.forEach((a, i) => {
    if (y[i] !== 'yes') return;
    x.forEach((b, j) => {
      if (y[j] !== 'no') return;
      pairs++;
      concordant += a > b ? 1 : a === b ? 0.5 : 0;
    });
  });
  assert.ok(Math.abs(auc - concordant / pairs) < 1e-12, `${auc} vs ${concordant / pairs}`);
});

test('predictBatches streams every batch in order with labels, probabilities and row numbers', async () => {
  const path = join(dir, 'threshold-stream.onnx');
  thresholdModel(path);
  const { rows, x } = data(250, 4);
  const table = tableFromRows(['x', 'label'], rows);
  const model = await loadModel(path);
  const plan = planInference(model, table.columns, { label: 'label' });
  assert.equal(plan.inputs.kind, 'per-column');
  assert.deepEqual(plan.columns, ['x']);
  const seen: number[] = [];
  let rowsSeen = 0;
  for await (const p of predictBatches(model, plan, tableSource(table).batches(plan.columns, { batchSize: 64 }))) {
    seen.push(p.batch.firstRow);
    for (let i = 0; i < p.batch.rowCount; i++) {
      const s = p.probabilities![2 * i + 1]!;
      assert.ok(Math.abs(s - 1 / (1 + Math.exp(-3 * Math.fround(x[rowsSeen + i]!)))) < 1e-6);
      assert.equal(p.predicted![i], s > THRESHOLD ? 1 : 0);
    }
    rowsSeen += p.batch.rowCount;
  }
  assert.deepEqual(seen, [1, 65, 129, 193]);
  assert.equal(rowsSeen, 250);
  await model.release();
});
