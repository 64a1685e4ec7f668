/**
 * Built-in baselines on real data: the exported ONNX graph (run by onnxruntime-node on the raw columns) predicts
 * what the TypeScript model predicts, and held-out accuracy / R² is within 1 point of scikit-learn's
 * LogisticRegression / Ridge with the same preprocessing.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { readOnnxModelInfo } from '../../src/core/model/onnx-builder.js';
import { exportBaselineOnnx } from '../../src/core/model/onnx-linear.js';
import {
  type BaselineName,
  predictBaseline,
  type Task,
  type TrainingData,
  trainBaseline,
} from '../../src/core/train/baseline.js';
import { requirePython } from '../helpers/python.js';
import {
  asFloat32,
  breastCancer,
  diabetes,
  maxAbsDiff,
  PENGUINS,
  readCsv,
  runOnnxBaseline,
  subset,
  wine,
} from './helpers.js';
import { sklearnScore } from './reference.js';

interface Case {
  name: string;
  label: string;
  task: Task;
  baseline: BaselineName;
  data: () => { train: TrainingData; test: TrainingData };
}

const everyFifth = (data: TrainingData) => ({
  train: subset(data, (i) => i % 5 !== 0),
  test: subset(data, (i) => i % 5 === 0),
});
const penguins = () => ({ train: readCsv(join(PENGUINS, 'train.csv')), test: readCsv(join(PENGUINS, 'eval.csv')) });
const withoutColumn = (data: TrainingData, drop: string): TrainingData => ({
  rowCount: data.rowCount,
  columns: Object.fromEntries(Object.entries(data.columns).filter(([k]) => k !== drop)),
});

const cases: Case[] = [
  {
    name: 'penguins species (softmax, categoricals, missing values)',
    label: 'species',
    task: 'multiclass',
    baseline: 'auto',
    data: penguins,
  },
  {
    name: 'penguins sex (logistic, string label with gaps)',
    label: 'sex',
    task: 'binary',
    baseline: 'logistic',
    data: penguins,
  },
  {
    name: 'penguins body mass (ridge with one-hot species/island)',
    label: 'body_mass_g',
    task: 'regression',
    baseline: 'ridge',
    data: penguins,
  },
  {
    name: 'breast cancer (logistic, numeric 0/1 label)',
    label: 'target',
    task: 'binary',
    baseline: 'auto',
    data: () => everyFifth(breastCancer()),
  },
  {
    name: 'wine (softmax, 3 classes)',
    label: 'target',
    task: 'multiclass',
    baseline: 'softmax',
    data: () => everyFifth(wine()),
  },
  {
    name: 'diabetes (ridge)',
    label: 'progression',
    task: 'regression',
    baseline: 'auto',
    data: () => everyFifth(diabetes()),
  },
];

function score(
  task: Task,
  truth: TrainingData,
  label: string,
  predicted: { labels?: string[]; prediction?: Float64Array },
) {
  const y = truth.columns[label]!;
  if (task === 'regression') {
    const values = y as Float64Array;
    let mean = 0;
    let n = 0;
    for (const v of values)
      if (!Number.isNaN(v)) {
        mean += v;
        n++;
      }
    mean /= n;
    let ssRes = 0;
    let ssTot = 0;
    values.forEach((v, i) => {
      if (Number.isNaN(v)) return;
      ssRes += (v - predicted.prediction![i]!) ** 2;
      ssTot += (v - mean) ** 2;
    });
    return 1 - ssRes / ssTot;
  }
  let correct = 0;
  let n = 0;
  for (let i = 0; i < truth.rowCount; i++) {
    const v = y[i];
    if (v === null || v === '' || (typeof v === 'number' && Number.isNaN(v))) continue;
    n++;
    if (String(v) === predicted.labels![i]) correct++;
  }
  return correct / n;
}

for (const c of cases) {
  test(`${c.name}: ONNX equals TypeScript, score within 1 point of scikit-learn`, async (t) => {
    const { train, test: heldOut } = c.data();
    const result = trainBaseline(train, { label: c.label, task: c.task, baseline: c.baseline });
    assert.equal(result.model.task, c.task);
    assert.ok(result.solver.converged, 'solver converged');

    const bytes = exportBaselineOnnx(result.model);
    const info = readOnnxModelInfo(bytes);
    assert.equal(info.metadata['mlops.task'], c.task);
    assert.equal(info.metadata['mlops.label'], c.label);
    assert.deepEqual(
      JSON.parse(info.metadata['mlops.features']!),
      result.model.features.map((f) => f.name),
    );
    assert.deepEqual(
      info.inputs.map((i) => i.name),
      result.model.features.map((f) => f.name),
    );

    const features = withoutColumn(heldOut, c.label);
    const onnx = await runOnnxBaseline(bytes, result.model, features);
    const ts = predictBaseline(result.model, asFloat32(features));
    if (c.task === 'regression') {
      assert.deepEqual(
        info.outputs.map((o) => o.name),
        ['prediction'],
      );
      // float32 output: compare relative to the target's magnitude.
      const scale = Math.max(...Array.from(ts.prediction!, Math.abs));
      assert.ok(maxAbsDiff(onnx.prediction!, ts.prediction!) / scale <= 1e-6, 'ONNX prediction equals TypeScript');
    } else {
      assert.deepEqual(JSON.parse(info.metadata['mlops.classes']!), result.model.classes);
      assert.ok(maxAbsDiff(onnx.probabilities!, ts.probabilities!) <= 1e-6, 'ONNX probabilities equal TypeScript');
      assert.deepEqual(onnx.label, ts.labels);
    }

    const ours = score(c.task, heldOut, c.label, predictBaseline(result.model, features));
    const python = requirePython(t, ['sklearn', 'pandas']);
    if (!python) return;
    const reference = sklearnScore({ python, label: c.label, task: c.task, train, test: heldOut });
    t.diagnostic(`ours ${ours.toFixed(4)} vs scikit-learn ${reference.toFixed(4)}`);
    assert.ok(Math.abs(ours - reference) <= 0.01, `ours ${ours} vs scikit-learn ${reference}`);
  });
}

test('training is deterministic: same data, same model bytes', () => {
  const data = readCsv(join(PENGUINS, 'train.csv'));
  const a = exportBaselineOnnx(trainBaseline(data, { label: 'species' }).model);
  const b = exportBaselineOnnx(trainBaseline(data, { label: 'species' }).model);
  assert.deepEqual(Buffer.from(a), Buffer.from(b));
});

test('unseen categories and missing values at prediction time', async () => {
  const data = readCsv(join(PENGUINS, 'train.csv'));
  const result = trainBaseline(data, { label: 'species' });
  const rows: TrainingData = {
    rowCount: 2,
    columns: {
      island: ['Atlantis', null],
      bill_length_mm: Float64Array.of(Number.NaN, 45),
      bill_depth_mm: Float64Array.of(Number.NaN, 15),
      flipper_length_mm: Float64Array.of(Number.NaN, 220),
      body_mass_g: Float64Array.of(Number.NaN, 5000),
      sex: ['unknown', 'male'],
    },
  };
  const onnx = await runOnnxBaseline(exportBaselineOnnx(result.model), result.model, rows);
  const ts = predictBaseline(result.model, rows);
  assert.ok(maxAbsDiff(onnx.probabilities!, ts.probabilities!) <= 1e-6);
  assert.deepEqual(onnx.label, ts.labels);
  assert.equal(onnx.label![1], 'Gentoo');
});

test('bad input gives clear errors', () => {
  const data = readCsv(join(PENGUINS, 'train.csv'));
  assert.throws(
    () => trainBaseline(data, { label: 'species', baseline: 'forest' as BaselineName }),
    /Unknown baseline "forest"/,
  );
  assert.throws(
    () => trainBaseline(data, { label: 'weight' }),
    (e: Error & { found?: string }) => {
      assert.match(e.message, /label column "weight" does not exist/);
      assert.match(e.found ?? '', /species/);
      return true;
    },
  );
  assert.throws(
    () => trainBaseline(data, { label: 'species', task: 'regression' }),
    /Regression needs a numeric target/,
  );
  assert.throws(
    () => trainBaseline(data, { label: 'species', baseline: 'logistic' }),
    /binary, but "species" has 3 classes/,
  );
  assert.throws(
    () => trainBaseline(data, { label: 'species', features: ['wingspan'] }),
    /"wingspan" is not in the data/,
  );
});

test('graph shapes: only categorical features, a single numeric feature, ridge on one-hot only', async () => {
  const data = readCsv(join(PENGUINS, 'train.csv'));
  const variants: { features: string[]; label: string }[] = [
    { features: ['island', 'sex'], label: 'species' },
    { features: ['flipper_length_mm'], label: 'species' },
    { features: ['island'], label: 'body_mass_g' },
  ];
  for (const v of variants) {
    const result = trainBaseline(data, { label: v.label, features: v.features });
    const rows = subset(data, (i) => i < 40);
    const onnx = await runOnnxBaseline(exportBaselineOnnx(result.model), result.model, rows);
    const ts = predictBaseline(result.model, asFloat32(rows));
    if (result.model.task === 'regression') {
      assert.ok(maxAbsDiff(onnx.prediction!, ts.prediction!) / 5000 <= 1e-6, v.features.join(','));
    } else {
      assert.ok(maxAbsDiff(onnx.probabilities!, ts.probabilities!) <= 1e-6, v.features.join(','));
      assert.deepEqual(onnx.label, ts.labels);
    }
  }
});
