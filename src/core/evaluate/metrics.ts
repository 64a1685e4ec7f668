/** The metric catalogue: names per task, which way is better, and one entry point for a set of rows. */

import type { MetricValue, Weights } from './metric-value.js';
import {
  BINARY_METRICS,
  type ClassificationMetric,
  classificationMetrics,
  MULTICLASS_METRICS,
  type PreparedClassification,
} from './metrics-classification.js';
import { REGRESSION_METRICS, type RegressionInput, regressionMetrics } from './metrics-regression.js';
import type { MetricDirection } from './report.js';

export type Task = 'binary' | 'multiclass' | 'regression';

const LOWER_IS_BETTER = new Set(['log_loss', 'brier', 'ece', 'mae', 'rmse', 'mape']);

export function metricDirection(name: string): MetricDirection {
  return LOWER_IS_BETTER.has(name) ? 'lower' : 'higher';
}

export function metricsFor(task: Task): readonly string[] {
  return task === 'binary' ? BINARY_METRICS : task === 'multiclass' ? MULTICLASS_METRICS : REGRESSION_METRICS;
}

/** The metric gates default to: accuracy for classifiers, RMSE for regressors. */
export function primaryMetric(task: Task): string {
  return task === 'regression' ? 'rmse' : 'accuracy';
}

/** What a model produced on a set of rows, ready for metrics. */
export type Predictions =
  | { task: 'binary' | 'multiclass'; data: PreparedClassification }
  | { task: 'regression'; data: RegressionInput };

export function computeMetrics(
  predictions: Predictions,
  names: readonly string[],
  weights?: Weights,
): Record<string, MetricValue> {
  if (predictions.task === 'regression') {
    const all = regressionMetrics(predictions.data, weights) as Record<string, MetricValue>;
    return Object.fromEntries(names.map((n) => [n, all[n]!]));
  }
  const all = classificationMetrics(predictions.data, weights, { metrics: names as ClassificationMetric[] });
  return Object.fromEntries(names.map((n) => [n, all[n as ClassificationMetric]!]));
}
