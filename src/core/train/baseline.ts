/**
 * Built-in baselines: logistic regression (binary), softmax regression (multiclass) and ridge regression over
 * raw columns, with the preprocessing (imputation, standardization, one-hot) learned from the training data.
 * The resulting BaselineModel is plain data: exportBaselineOnnx (model/onnx-linear.ts) turns it into a graph
 * and predictBaseline computes the same predictions in TypeScript.
 */
import type { ColumnValues } from '../data/types.js';
import { MlopsError } from '../errors.js';
import { buildDesign, designWidth, type FeatureSpec, fitFeatures } from './design.js';
import {
  argmaxRows,
  fitLogistic,
  fitRidge,
  fitSoftmax,
  type LinearCoefficients,
  linearScores,
  probabilitiesFromScores,
  type SolverInfo,
} from './linear.js';

export const BASELINES = ['auto', 'logistic', 'softmax', 'ridge'] as const;
export type BaselineName = (typeof BASELINES)[number];
export type Task = 'binary' | 'multiclass' | 'regression';

export interface BaselineParams {
  /** Inverse L2 strength for the classifiers (scikit-learn's C). */
  C?: number;
  /** L2 strength for ridge (scikit-learn's alpha). */
  alpha?: number;
  /** Gradient tolerance for L-BFGS. */
  tol?: number;
  maxIter?: number;
}

export interface BaselineModel {
  baseline: Exclude<BaselineName, 'auto'>;
  task: Task;
  label: string;
  features: FeatureSpec[];
  /** Class names in probability column order (empty for regression). */
  classes: string[];
  coefficients: LinearCoefficients;
}

export interface TrainingData {
  rowCount: number;
  columns: Record<string, ColumnValues>;
}

export interface TrainBaselineOptions {
  label: string;
  task?: Task;
  /** Feature columns; default: every column but the label. */
  features?: string[];
  baseline?: BaselineName;
  params?: BaselineParams;
}

export interface BaselineMetrics {
  rows: number;
  accuracy?: number;
  logLoss?: number;
  r2?: number;
  rmse?: number;
  mae?: number;
}

export interface BaselineResult {
  model: BaselineModel;
  metrics: BaselineMetrics;
  solver: SolverInfo;
}

export interface BaselinePrediction {
  /** Regression: one value per row. */
  prediction?: Float64Array;
  /** Classification: [n x classes] row-major. */
  probabilities?: Float64Array;
  labels?: string[];
}

function isMissing(v: string | null | number | undefined): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

function labelKey(v: string | number): string {
  return typeof v === 'number' ? String(v) : v;
}

function labelColumn(data: TrainingData, label: string): ColumnValues {
  const values = data.columns[label];
  if (!values) {
    throw new MlopsError(`The label column "${label}" does not exist in the training data.`, {
      kind: 'input',
      where: { field: label },
      expected: 'one of the data columns',
      found: Object.keys(data.columns).join(', ') || '(no columns)',
      hint: 'Set model.label in mlops.yaml to the target column name, exactly as in the header.',
    });
  }
  return values;
}

function resolveBaseline(
  requested: BaselineName,
  task: Task | undefined,
  label: ColumnValues,
  labelName: string,
): { baseline: Exclude<BaselineName, 'auto'>; task: Task } {
  if (!(BASELINES as readonly string[]).includes(requested)) {
    throw new MlopsError(`Unknown baseline "${requested}".`, {
      kind: 'usage',
      expected: BASELINES.join(', '),
      found: requested,
      hint: 'Use `baseline: auto` to pick from model.task, or one of logistic, softmax, ridge.',
    });
  }
  let resolvedTask = task;
  if (!resolvedTask) {
    if (requested === 'logistic') resolvedTask = 'binary';
    else if (requested === 'softmax') resolvedTask = 'multiclass';
    else if (requested === 'ridge') resolvedTask = 'regression';
    else {
      const distinct = new Set<string>();
      for (const v of label) if (!isMissing(v)) distinct.add(labelKey(v as string | number));
      resolvedTask =
        label instanceof Float64Array && distinct.size > 10
          ? 'regression'
          : distinct.size === 2
            ? 'binary'
            : 'multiclass';
    }
  }
  const byTask = { binary: 'logistic', multiclass: 'softmax', regression: 'ridge' } as const;
  const baseline = requested === 'auto' ? byTask[resolvedTask] : requested;
  const compatible =
    (baseline === 'ridge' && resolvedTask === 'regression') ||
    (baseline === 'logistic' && resolvedTask === 'binary') ||
    (baseline === 'softmax' && resolvedTask !== 'regression');
  if (!compatible) {
    throw new MlopsError(`Baseline "${baseline}" cannot train a ${resolvedTask} model.`, {
      kind: 'usage',
      where: { field: labelName },
      expected: `baseline ${byTask[resolvedTask]} (or auto) for task ${resolvedTask}`,
      found: baseline,
    });
  }
  if (resolvedTask === 'regression' && !(label instanceof Float64Array)) {
    const sample = (label as (string | null)[]).find((v) => !isMissing(v) && !Number.isFinite(Number(v)));
    throw new MlopsError(`Regression needs a numeric target, but "${labelName}" is not numeric.`, {
      kind: 'input',
      where: { field: labelName },
      expected: 'numbers in the label column',
      found: sample !== undefined ? JSON.stringify(sample) : 'a text column',
      hint: 'Set model.task to binary or multiclass for a categorical target, or fix the label column.',
    });
  }
  return { baseline, task: resolvedTask };
}

export function trainBaseline(data: TrainingData, options: TrainBaselineOptions): BaselineResult {
  const labelValues = labelColumn(data, options.label);
  const { baseline, task } = resolveBaseline(options.baseline ?? 'auto', options.task, labelValues, options.label);
  const featureNames = options.features ?? Object.keys(data.columns).filter((c) => c !== options.label);
  if (featureNames.length === 0) {
    throw new MlopsError('There are no feature columns to train on.', {
      kind: 'input',
      hint: 'The data needs at least one column besides the label (or set model.features).',
    });
  }
  for (const name of featureNames) {
    if (name === options.label) {
      throw new MlopsError(`The label "${name}" is also listed as a feature.`, {
        kind: 'config',
        where: { field: name },
        hint: 'Remove it from model.features.',
      });
    }
  }
  const kept: number[] = [];
  for (let i = 0; i < data.rowCount; i++) if (!isMissing(labelValues[i])) kept.push(i);
  const rows = kept.length === data.rowCount ? null : Int32Array.from(kept);
  const n = kept.length;
  if (n < 2) {
    throw new MlopsError(`Only ${n} row(s) have a value in the label column "${options.label}".`, {
      kind: 'input',
      where: { field: options.label },
      hint: 'Training needs at least two labelled rows.',
    });
  }
  const features = fitFeatures(data.columns, featureNames, rows, data.rowCount);
  const x = buildDesign(features, data.columns, rows, data.rowCount);
  const d = designWidth(features);
  const params = options.params ?? {};
  const C = params.C ?? 1;
  const tol = params.tol ?? 1e-4;
  const maxIter = params.maxIter ?? 100;
  const at = (k: number) => labelValues[rows ? rows[k]! : k]!;

  if (task === 'regression') {
    const y = new Float64Array(n);
    for (let k = 0; k < n; k++) y[k] = at(k) as number;
    const { coefficients, info } = fitRidge(x, y, n, d, { alpha: params.alpha ?? 1 });
    const model: BaselineModel = { baseline, task, label: options.label, features, classes: [], coefficients };
    return { model, metrics: regressionMetrics(y, linearScores(x, n, coefficients)), solver: info };
  }

  // Distinct values first (numbers stay numbers: no string per row), then class names in sorted order.
  const distinct = new Set<string | number>();
  for (let k = 0; k < n; k++) distinct.add(at(k) as string | number);
  const numericLabel = labelValues instanceof Float64Array;
  const values = [...distinct].sort((a, b) =>
    numericLabel ? (a as number) - (b as number) : (a as string) < (b as string) ? -1 : a > b ? 1 : 0,
  );
  const classes = values.map((v) => labelKey(v));
  if (classes.length < 2) {
    throw new MlopsError(`The label column "${options.label}" has a single class (${classes[0]}).`, {
      kind: 'input',
      where: { field: options.label },
      hint: 'A classifier needs at least two classes in the training data.',
    });
  }
  if (baseline === 'logistic' && classes.length !== 2) {
    throw new MlopsError(`Logistic regression is binary, but "${options.label}" has ${classes.length} classes.`, {
      kind: 'usage',
      where: { field: options.label },
      found: classes.slice(0, 10).join(', '),
      hint: 'Use baseline softmax (or auto) and model.task multiclass.',
    });
  }
  const index = new Map<string | number, number>(values.map((v, i) => [v, i]));
  const y = new Uint16Array(n);
  for (let k = 0; k < n; k++) y[k] = index.get(at(k) as string | number)!;
  const fit =
    baseline === 'logistic'
      ? fitLogistic(x, y, n, d, { C, tol, maxIter })
      : fitSoftmax(x, y, n, d, classes.length, { C, tol, maxIter });
  const model: BaselineModel = {
    baseline,
    task,
    label: options.label,
    features,
    classes,
    coefficients: fit.coefficients,
  };
  const probabilities = probabilitiesFromScores(linearScores(x, n, fit.coefficients), n, fit.coefficients.k);
  return { model, metrics: classificationMetrics(y, probabilities, n, classes.length), solver: fit.info };
}

/** Predictions for raw columns, computed the way the exported ONNX graph computes them. */
export function predictBaseline(model: BaselineModel, data: TrainingData): BaselinePrediction {
  const x = buildDesign(model.features, data.columns, null, data.rowCount);
  const n = data.rowCount;
  const scores = linearScores(x, n, model.coefficients);
  if (model.task === 'regression') return { prediction: scores };
  const probabilities = probabilitiesFromScores(scores, n, model.coefficients.k);
  const labels = Array.from(argmaxRows(probabilities, n, model.classes.length), (i) => model.classes[i]!);
  return { probabilities, labels };
}

function classificationMetrics(y: Uint16Array, p: Float64Array, n: number, k: number): BaselineMetrics {
  const predicted = argmaxRows(p, n, k);
  let correct = 0;
  let logLoss = 0;
  for (let i = 0; i < n; i++) {
    if (predicted[i] === y[i]) correct++;
    logLoss -= Math.log(Math.max(p[i * k + y[i]!]!, 1e-15));
  }
  return { rows: n, accuracy: correct / n, logLoss: logLoss / n };
}

function regressionMetrics(y: Float64Array, prediction: Float64Array): BaselineMetrics {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  let abs = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i]! - prediction[i]!;
    ssRes += e * e;
    ssTot += (y[i]! - mean) ** 2;
    abs += Math.abs(e);
  }
  return { rows: n, r2: ssTot > 0 ? 1 - ssRes / ssTot : 0, rmse: Math.sqrt(ssRes / n), mae: abs / n };
}
