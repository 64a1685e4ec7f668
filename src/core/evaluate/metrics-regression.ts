/**
 * Regression metrics with scikit-learn's definitions (sample weights as in `sample_weight`): MAE, RMSE,
 * R² (undefined, not forced to 0 or 1, when the target is constant) and MAPE (|y| floored at machine epsilon).
 */
import { computed, type MetricValue, notComputable, type Weights } from './metric-value.js';

export interface RegressionInput {
  yTrue: Float64Array;
  yPred: Float64Array;
}

const EPSILON = 2.220446049250313e-16;

export const REGRESSION_METRICS = ['mae', 'rmse', 'r2', 'mape'] as const;
export type RegressionMetric = (typeof REGRESSION_METRICS)[number];

export function regressionMetrics(input: RegressionInput, weights?: Weights): Record<RegressionMetric, MetricValue> {
  const { yTrue, yPred } = input;
  const n = yTrue.length;
  let sw = 0;
  let absSum = 0;
  let sqSum = 0;
  let apeSum = 0;
  let ySum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    if (w === 0) continue;
    const y = yTrue[i]!;
    const e = y - yPred[i]!;
    sw += w;
    absSum += w * Math.abs(e);
    sqSum += w * e * e;
    apeSum += (w * Math.abs(e)) / Math.max(Math.abs(y), EPSILON);
    ySum += w * y;
  }
  if (sw === 0) {
    const empty = notComputable('no rows');
    return { mae: empty, rmse: empty, r2: empty, mape: empty };
  }
  const mean = ySum / sw;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    if (w === 0) continue;
    const d = yTrue[i]! - mean;
    ssTot += w * d * d;
  }
  return {
    mae: computed(absSum / sw),
    rmse: computed(Math.sqrt(sqSum / sw)),
    r2: ssTot === 0 ? notComputable('the target is constant, so R² is undefined') : computed(1 - sqSum / ssTot),
    mape: computed(apeSum / sw),
  };
}
