/** What a provider measured for one variant over an analysis window. */
export interface VariantObservations {
  requests: number;
  errors: number;
  /**
   * Latency samples in milliseconds: one per request for the built-in server; for KServe, a p95 series over
   * the window (Kayenta compares such series too).
   */
  latenciesMs: number[];
  /** Predicted class counts (classifiers). */
  labels: Record<string, number>;
  /** A sample of predicted values (regressors). */
  values: number[];
  feedback: { n: number; correct: number; absErrorSum: number };
}

export interface WindowObservations {
  stable: VariantObservations;
  canary: VariantObservations;
}

export function emptyObservations(): VariantObservations {
  return {
    requests: 0,
    errors: 0,
    latenciesMs: [],
    labels: {},
    values: [],
    feedback: { n: 0, correct: 0, absErrorSum: 0 },
  };
}
