/** Prometheus metrics of one server (its own registry, so several servers can live in one process). */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export class ServerMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'mlops_requests_total',
    help: 'Prediction requests by model, variant, protocol and HTTP status.',
    labelNames: ['model', 'variant', 'protocol', 'code'] as const,
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'mlops_request_errors_total',
    help: 'Prediction requests that failed (4xx and 5xx) by model, variant and reason.',
    labelNames: ['model', 'variant', 'reason'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'mlops_request_duration_seconds',
    help: 'Time from request received to response written, by model and variant.',
    labelNames: ['model', 'variant'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly rows = new Counter({
    name: 'mlops_prediction_rows_total',
    help: 'Rows predicted by model and variant.',
    labelNames: ['model', 'variant'] as const,
    registers: [this.registry],
  });
  readonly predictions = new Counter({
    name: 'mlops_predictions_total',
    help: 'Predicted class distribution by model and variant (classifiers).',
    labelNames: ['model', 'variant', 'class'] as const,
    registers: [this.registry],
  });
  readonly predictionValue = new Histogram({
    name: 'mlops_prediction_value',
    help: 'Predicted values by model and variant (regressors).',
    labelNames: ['model', 'variant'] as const,
    buckets: [-100, -10, -1, 0, 1, 10, 100, 1000],
    registers: [this.registry],
  });
  readonly shadow = new Counter({
    name: 'mlops_shadow_comparisons_total',
    help: 'Shadow comparisons of canary vs stable answers, by outcome (agree / disagree / error).',
    labelNames: ['model', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly logDropped = new Counter({
    name: 'mlops_prediction_log_dropped_rows_total',
    help: 'Rows left out of the prediction (or shadow) log because writing fell behind.',
    labelNames: ['log'] as const,
    registers: [this.registry],
  });
  readonly feedback = new Counter({
    name: 'mlops_feedback_total',
    help: 'Ground-truth feedback received, by model, variant and outcome (correct / incorrect / unknown_request).',
    labelNames: ['model', 'variant', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly feedbackError = new Histogram({
    name: 'mlops_feedback_abs_error',
    help: 'Absolute error of regression predictions once ground truth arrives.',
    labelNames: ['model', 'variant'] as const,
    buckets: [0.01, 0.1, 0.5, 1, 2, 5, 10, 100],
    registers: [this.registry],
  });
  readonly weight = new Gauge({
    name: 'mlops_canary_weight_percent',
    help: 'Share of traffic routed (or mirrored, in shadow mode) to the canary.',
    labelNames: ['model', 'mode'] as const,
    registers: [this.registry],
  });
  readonly info = new Gauge({
    name: 'mlops_model_info',
    help: 'Loaded model versions (value 1) by model, variant, version and sha256.',
    labelNames: ['model', 'variant', 'version', 'sha256'] as const,
    registers: [this.registry],
  });
}
