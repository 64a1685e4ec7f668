/**
 * A metric is either a finite number or "not computable" with the reason (one class present, constant
 * target, no positive predictions). NaN never leaves the metric functions.
 */
export type MetricValue = { value: number; reason?: undefined } | { value: null; reason: string };

export function computed(value: number): MetricValue {
  return Number.isFinite(value) ? { value } : { value: null, reason: `the value is ${value}` };
}

export function notComputable(reason: string): MetricValue {
  return { value: null, reason };
}

/** Sample weights: undefined means every row counts once; bootstrap replicates pass multinomial counts. */
export type Weights = Float64Array | Int32Array | undefined;

export function weightAt(weights: Weights, i: number): number {
  return weights === undefined ? 1 : weights[i]!;
}
