import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MetricValue } from '../../src/core/evaluate/metric-value.js';
import {
  BINARY_METRICS,
  type ClassificationInput,
  classificationMetrics,
  confusionMatrixOf,
  MULTICLASS_METRICS,
  prepareClassification,
} from '../../src/core/evaluate/metrics-classification.js';
import { REGRESSION_METRICS, regressionMetrics } from '../../src/core/evaluate/metrics-regression.js';
import { Random } from '../../src/core/stats/random.js';
import { findPython, requirePython, runPythonJson } from '../helpers/python.js';
import { SKLEARN_METRICS } from './sklearn-reference.js';

type Reference = Record<string, number | null | number[][]>;

interface ClassCase {
  task: 'classification';
  name: string;
  classes: number;
  y_true: number[];
  y_pred: number[];
  proba: number[] | null;
  weights?: number[];
}
interface RegCase {
  task: 'regression';
  name: string;
  y_true: number[];
  y_pred: number[];
  weights?: number[];
}

function softmaxRow(logits: number[]): number[] {
  const max = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Noisy but informative scores, rounded sometimes to create ties. */
function generatedClassification(name: string, n: number, C: number, seed: number, round = false): ClassCase {
  const rng = new Random(seed);
  const y: number[] = [];
  const pred: number[] = [];
  const proba: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = rng.int(C);
    const logits = Array.from({ length: C }, (_, c) => (c === t ? 1.2 : 0) + rng.normal());
    let p = softmaxRow(logits);
    if (round) p = p.map((v) => Math.round(v * 10) / 10 + 1e-3);
    const s = p.reduce((a, b) => a + b, 0);
    p = p.map((v) => v / s);
    y.push(t);
    pred.push(p.indexOf(Math.max(...p)));
    proba.push(...p);
  }
  return { task: 'classification', name, classes: C, y_true: y, y_pred: pred, proba };
}

function toInput(c: ClassCase): ClassificationInput {
  return {
    classes: Array.from({ length: c.classes }, (_, i) => `class${i}`),
    yTrue: Int32Array.from(c.y_true),
    yPred: Int32Array.from(c.y_pred),
    proba: c.proba ? Float64Array.from(c.proba) : null,
  };
}

function assertClose(name: string, ours: MetricValue | undefined, reference: number | null | undefined): void {
  assert.ok(ours, `${name}: not computed`);
  if (reference === null || reference === undefined) {
    assert.equal(ours.value, null, `${name}: sklearn says undefined, we say ${ours.value}`);
    assert.ok(ours.reason && ours.reason.length > 0, `${name}: a reason is given`);
    return;
  }
  assert.notEqual(ours.value, null, `${name}: we say not computable (${ours.reason}), sklearn ${reference}`);
  const diff = Math.abs(ours.value! - reference);
  assert.ok(
    diff <= 1e-9 * Math.max(1, Math.abs(reference)),
    `${name}: ours ${ours.value} vs sklearn ${reference} (diff ${diff})`,
  );
}

const python = findPython(['sklearn', 'numpy']);

describe('classification metrics equal scikit-learn', () => {
  const cases: ClassCase[] = [
    generatedClassification('binary, continuous scores', 2000, 2, 1),
    generatedClassification('binary, tied scores', 1500, 2, 2, true),
    generatedClassification('multiclass (4), continuous', 1800, 4, 3),
    generatedClassification('multiclass (3), tied', 900, 3, 4, true),
  ];
  // Bootstrap-style weights: multinomial counts, including zeros.
  const weighted = generatedClassification('binary, multinomial weights', 800, 2, 5);
  const rng = new Random(9);
  const counts = new Array<number>(800).fill(0);
  for (let i = 0; i < 800; i++) counts[rng.int(800)]!++;
  weighted.weights = counts;
  cases.push(weighted);
  const weightedMulti = generatedClassification('multiclass, multinomial weights', 700, 3, 6);
  weightedMulti.weights = Array.from({ length: 700 }, () => rng.int(3));
  cases.push(weightedMulti);
  // Edge cases: one class present, constant predictions, labels only.
  const oneClass = generatedClassification('binary, one class present', 50, 2, 7);
  oneClass.y_true = oneClass.y_true.map(() => 0);
  cases.push(oneClass);
  const constant = generatedClassification('binary, constant predictions', 60, 2, 8);
  constant.y_pred = constant.y_pred.map(() => 0);
  constant.proba = constant.y_true.flatMap(() => [0.7, 0.3]);
  cases.push(constant);
  const multiMissing = generatedClassification('multiclass, a class absent', 300, 3, 10);
  multiMissing.y_true = multiMissing.y_true.map((t) => (t === 2 ? 0 : t));
  cases.push(multiMissing);

  test('generated data, weights and edge cases', (t) => {
    const py = requirePython(t, ['sklearn', 'numpy']);
    if (!py) return;
    const refs = runPythonJson<Reference[]>(py, SKLEARN_METRICS, cases);
    for (const [i, c] of cases.entries()) {
      const prepared = prepareClassification(toInput(c));
      const weights = c.weights ? Float64Array.from(c.weights) : undefined;
      const ours = classificationMetrics(prepared, weights);
      const names = c.classes === 2 ? BINARY_METRICS : MULTICLASS_METRICS;
      for (const name of names) {
        assertClose(`${c.name} / ${name}`, ours[name], refs[i]![name] as number | null);
      }
      if (!c.weights) assert.deepEqual(confusionMatrixOf(toInput(c)), refs[i]!.confusion_matrix, c.name);
    }
  });

  test('real data: breast cancer (binary), iris and wine (multiclass) with a logistic regression', (t) => {
    const py = requirePython(t, ['sklearn', 'numpy']);
    if (!py) return;
    const real = runPythonJson<ClassCase[]>(
      py,
      `
import json
import numpy as np
from sklearn.datasets import load_breast_cancer, load_iris, load_wine
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
out = []
for name, loader, feats in [("breast cancer", load_breast_cancer, 3), ("iris", load_iris, 1), ("wine", load_wine, 2)]:
    X, y = loader(return_X_y=True)
    X = StandardScaler().fit_transform(X[:, :feats])
    rng = np.random.default_rng(0)
    train = rng.random(len(y)) < 0.5
    model = LogisticRegression(max_iter=1000).fit(X[train], y[train])
    proba = model.predict_proba(X[~train])
    out.append({"task": "classification", "name": name, "classes": int(proba.shape[1]),
                "y_true": y[~train].tolist(), "y_pred": proba.argmax(axis=1).tolist(), "proba": proba.ravel().tolist()})
print(json.dumps(out))
`,
    );
    const refs = runPythonJson<Reference[]>(py, SKLEARN_METRICS, real);
    for (const [i, c] of real.entries()) {
      const ours = classificationMetrics(prepareClassification(toInput(c)));
      for (const name of c.classes === 2 ? BINARY_METRICS : MULTICLASS_METRICS) {
        assertClose(`${c.name} / ${name}`, ours[name], refs[i]![name] as number | null);
      }
      assert.deepEqual(confusionMatrixOf(toInput(c)), refs[i]!.confusion_matrix);
    }
  });

  test('one class present gives stated reasons, never NaN', () => {
    const ours = classificationMetrics(prepareClassification(toInput(oneClass)));
    assert.equal(ours.roc_auc?.value, null);
    assert.match(ours.roc_auc?.reason ?? '', /only one class/);
    for (const v of Object.values(ours)) assert.ok(v.value === null || Number.isFinite(v.value));
  });
});

describe('regression metrics equal scikit-learn', () => {
  test('generated, weighted, constant target and real (diabetes) data', (t) => {
    const py = requirePython(t, ['sklearn', 'numpy']);
    if (!py) return;
    const rng = new Random(11);
    const gen = (name: string, n: number): RegCase => {
      const y = Array.from({ length: n }, () => 50 + 20 * rng.normal());
      return { task: 'regression', name, y_true: y, y_pred: y.map((v) => v + 5 * rng.normal()) };
    };
    const cases: RegCase[] = [gen('generated', 3000)];
    const w = gen('weighted', 500);
    w.weights = Array.from({ length: 500 }, () => rng.int(3));
    cases.push(w);
    const zeros = gen('with zeros in y', 200);
    zeros.y_true = zeros.y_true.map((v, i) => (i % 10 === 0 ? 0 : v));
    cases.push(zeros);
    cases.push({ task: 'regression', name: 'constant target', y_true: [3, 3, 3, 3], y_pred: [2, 3, 4, 3.5] });
    const diabetes = runPythonJson<RegCase>(
      py,
      `
import json
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Ridge
X, y = load_diabetes(return_X_y=True)
p = Ridge(alpha=1.0).fit(X[:300], y[:300]).predict(X[300:])
print(json.dumps({"task": "regression", "name": "diabetes", "y_true": y[300:].tolist(), "y_pred": p.tolist()}))
`,
    );
    cases.push(diabetes);
    const refs = runPythonJson<Reference[]>(py, SKLEARN_METRICS, cases);
    for (const [i, c] of cases.entries()) {
      const ours = regressionMetrics(
        { yTrue: Float64Array.from(c.y_true), yPred: Float64Array.from(c.y_pred) },
        c.weights ? Float64Array.from(c.weights) : undefined,
      );
      for (const name of REGRESSION_METRICS) {
        assertClose(`${c.name} / ${name}`, ours[name], refs[i]![name] as number | null);
      }
    }
  });
});

test('python reference availability is visible', { skip: python ? false : 'no sklearn' }, () => {
  assert.ok(python);
});
