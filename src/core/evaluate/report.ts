import { z } from 'zod';
import { reportEnvelope } from '../report/envelope.js';

/**
 * A number that may be impossible to compute on the data at hand (one class present, constant predictions,
 * an empty slice). `value` is then null and `reason` says why; tables show "not computable", never NaN.
 */
export const estimate = z.object({
  value: z.number().nullable(),
  /** Percentile bootstrap interval at `bootstrap.level`; null when not computable or not bootstrapped. */
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  reason: z.string().optional(),
});
export type Estimate = z.infer<typeof estimate>;

export const metricDirection = z.enum(['higher', 'lower']);
export type MetricDirection = z.infer<typeof metricDirection>;

/** One metric of the candidate, and when a champion is given its value and the paired difference. */
export const metricResult = z.object({
  /** scikit-learn style name: accuracy, f1_macro, roc_auc, rmse, ... */
  name: z.string(),
  /** Which way is better. */
  direction: metricDirection,
  candidate: estimate,
  champion: estimate.nullable(),
  /** candidate - champion on the same rows, with a paired bootstrap interval. */
  delta: estimate.nullable(),
});
export type MetricResult = z.infer<typeof metricResult>;

export const confusionMatrix = z.object({
  /** Class names in row/column order (rows: true class, columns: predicted class). */
  labels: z.array(z.string()),
  matrix: z.array(z.array(z.number().int())),
});
export type ConfusionMatrix = z.infer<typeof confusionMatrix>;

export const sliceResult = z.object({
  /** Segment column, or a named combination of columns. */
  segment: z.string(),
  /** Column -> value for this slice ("island=Biscoe" or "island=Biscoe, sex=male"). */
  values: z.record(z.string(), z.string()),
  label: z.string(),
  rows: z.number().int(),
  /** False when rows < minSupport: reported, not gated. */
  gated: z.boolean(),
  note: z.string().optional(),
  metrics: z.array(metricResult),
});
export type SliceResult = z.infer<typeof sliceResult>;

export const fairnessResult = z.object({
  segment: z.string(),
  /** demographic_parity_difference | equal_opportunity_difference */
  metric: z.string(),
  /** The class treated as positive (binary: the second class; multiclass: configured or each class). */
  positiveClass: z.string(),
  /** max - min of the per-group rate over groups with enough support. */
  value: z.number().nullable(),
  reason: z.string().optional(),
  groups: z.array(z.object({ value: z.string(), rows: z.number().int(), rate: z.number().nullable() })),
});
export type FairnessResult = z.infer<typeof fairnessResult>;

export const mcnemarResult = z.object({
  /** Rows the candidate got right and the champion wrong, and the reverse. */
  candidateOnlyCorrect: z.number().int(),
  championOnlyCorrect: z.number().int(),
  method: z.enum(['exact', 'chi2']),
  statistic: z.number(),
  pValue: z.number(),
});
export type McnemarResult = z.infer<typeof mcnemarResult>;

export const gateStatus = z.enum(['pass', 'fail', 'skip']);
export type GateStatus = z.infer<typeof gateStatus>;

export const gateResult = z.object({
  /** Readable id, e.g. "accuracy >= 0.9", "accuracy change vs champion [island=Biscoe]". */
  name: z.string(),
  type: z.enum(['value', 'change', 'latency', 'size', 'outputs']),
  metric: z.string(),
  /** Slice label, or null for the whole evaluation set. */
  slice: z.string().nullable(),
  status: gateStatus,
  severity: z.enum(['error', 'warning']),
  /** point: the estimate decided; bound: the confidence bound (or a Holm-adjusted test for slices). */
  decidedOn: z.enum(['point', 'bound']),
  /** The number compared with the threshold (point estimate or the bound used). */
  observed: z.number().nullable(),
  threshold: z.number().nullable(),
  /** One-sided bootstrap p-value of a violation and its Holm-adjusted value across slices, when used. */
  pValue: z.number().nullable().optional(),
  adjustedPValue: z.number().nullable().optional(),
  /** Why it passed, failed or was skipped, in a sentence. */
  reason: z.string(),
  /** 1-based line of the gate in mlops.yaml, for annotations. */
  line: z.number().int().optional(),
});
export type GateResult = z.infer<typeof gateResult>;

export const latencyResult = z.object({
  batchSize: z.number().int(),
  batches: z.number().int(),
  rows: z.number().int(),
  perRowMs: z.object({ p50: z.number(), p95: z.number() }),
  perBatchMs: z.object({ p50: z.number(), p95: z.number() }),
  rowsPerSecond: z.number(),
});
export type LatencyResult = z.infer<typeof latencyResult>;

export const modelSummary = z.object({
  /** The path or registry reference the user gave. */
  ref: z.string(),
  path: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  /** Registry version when resolved from the registry. */
  version: z.string().optional(),
  inputs: z.array(z.object({ name: z.string(), type: z.string(), shape: z.array(z.union([z.number(), z.string()])) })),
  outputs: z.array(z.object({ name: z.string(), type: z.string(), shape: z.array(z.union([z.number(), z.string()])) })),
  /** How data columns were fed: one input per column, or one [N, F] float tensor. */
  inputMapping: z.enum(['per-column', 'feature-matrix']),
  /** Rows whose outputs were not finite; excluded from metrics and counted here. */
  nonFiniteRows: z.number().int(),
});
export type ModelSummary = z.infer<typeof modelSummary>;

export const evaluationReport = reportEnvelope.extend({
  kind: z.literal('EvaluationReport'),
  verdict: z.enum(['pass', 'fail']),
  /** One sentence: the verdict and the gates that decided it. */
  headline: z.string(),
  task: z.enum(['binary', 'multiclass', 'regression']),
  label: z.string(),
  classes: z.array(z.string()).nullable(),
  data: z.object({ source: z.string(), rows: z.number().int(), evaluatedRows: z.number().int() }),
  candidate: modelSummary,
  /** Null on the first model: only value gates apply, and `championNote` says so. */
  champion: modelSummary.nullable(),
  championNote: z.string().optional(),
  settings: z.object({
    bootstrap: z.object({
      resamples: z.number().int(),
      level: z.number(),
      seed: z.number().int(),
      /** Worker threads the overall population's replicates ran on (1: the main thread); same result either way. */
      threads: z.number().int().optional(),
    }),
    decideOn: z.enum(['point', 'bound']),
    minSliceSupport: z.number().int(),
    segments: z.array(z.string()),
  }),
  metrics: z.array(metricResult),
  confusionMatrix: confusionMatrix.nullable(),
  mcnemar: mcnemarResult.nullable(),
  slices: z.array(sliceResult),
  fairness: z.array(fairnessResult),
  gates: z.array(gateResult),
  latency: latencyResult,
  warnings: z.array(z.string()),
});
export type EvaluationReport = z.infer<typeof evaluationReport>;
