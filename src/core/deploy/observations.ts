/** What a provider measured for one variant over an analysis window. */
export interface VariantObservations {
  /** Requests answered or failed by the model (not counting rejected ones). */
  requests: number;
  errors: number;
  /**
   * Requests refused as invalid (4xx) before reaching the model. Routing is random, so client mistakes fall on both
   * variants alike; a canary that refuses what stable accepts (a new required feature) shows here and nowhere else.
   */
  rejected: number;
  /**
   * Latency samples in milliseconds: one per request for the built-in server; for KServe, a p95 series over
   * the window (Kayenta compares such series too).
   */
  latenciesMs: number[];
  /** Predicted class counts (classifiers). */
  labels: Record<string, number>;
  /** A sample of predicted values (regressors). */
  values: number[];
  /** Live quality: rows with feedback, correct labels, and for regressors the sum (and sum of squares) of errors. */
  feedback: { n: number; correct: number; absErrorSum: number; absErrorSqSum?: number };
}

export interface WindowObservations {
  stable: VariantObservations;
  canary: VariantObservations;
}

export function emptyObservations(): VariantObservations {
  return {
    requests: 0,
    errors: 0,
    rejected: 0,
    latenciesMs: [],
    labels: {},
    values: [],
    feedback: { n: 0, correct: 0, absErrorSum: 0, absErrorSqSum: 0 },
  };
}
