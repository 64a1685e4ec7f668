/** DriftReport: what drift-check found, the rules it applied and what it did about it. */
import { z } from 'zod';
import { reportEnvelope } from '../report/envelope.js';

export const driftTestName = z.enum(['ks', 'wasserstein', 'psi', 'chisquare', 'jensenshannon', 'linf']);
export type DriftTestName = z.infer<typeof driftTestName>;

/** One statistic computed for a column; `bound` is the largest possible error when computed from a sketch. */
export const driftStatistic = z.object({
  test: driftTestName,
  statistic: z.number().nullable(),
  pValue: z.number().nullable().optional(),
  /** p-value after the multiple-testing correction across columns. */
  adjustedPValue: z.number().nullable().optional(),
  /** 0 when computed exactly. */
  bound: z.number().nonnegative(),
  exact: z.boolean(),
});
export type DriftStatistic = z.infer<typeof driftStatistic>;

export const distributionChart = z.object({
  labels: z.array(z.string()),
  /** Shares (0..1) per label. */
  reference: z.array(z.number()),
  current: z.array(z.number()),
});
export type DistributionChart = z.infer<typeof distributionChart>;

export const columnDrift = z.object({
  column: z.string(),
  /** feature: an input column; prediction: the model's output on current data; label: the target. */
  role: z.enum(['feature', 'prediction', 'label']),
  kind: z.enum(['numeric', 'categorical']),
  /** `test`: decided by a p-value (small samples); `distance`: by a distance threshold (large samples). */
  rule: z.enum(['test', 'distance']),
  /** Why this rule and test were chosen, e.g. "min(n) = 248 <= 1000: KS test" or "set in mlops.yaml". */
  ruleReason: z.string(),
  /** The statistic the verdict is based on (one of `statistics`). */
  decision: driftTestName,
  threshold: z.number(),
  /** Drift score used for sorting: the decisive statistic relative to its threshold (>= 1 means drifted). */
  score: z.number(),
  drifted: z.boolean(),
  statistics: z.array(driftStatistic),
  referenceCount: z.number().int(),
  currentCount: z.number().int(),
  nullShare: z.object({ reference: z.number(), current: z.number(), drifted: z.boolean(), threshold: z.number() }),
  newCategories: z.array(z.string()).default([]),
  vanishedCategories: z.array(z.string()).default([]),
  chart: distributionChart.optional(),
});
export type ColumnDrift = z.infer<typeof columnDrift>;

export const driftFinding = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.enum([
    'missing-column',
    'new-column',
    'type-changed',
    'empty-current',
    'empty-reference',
    'too-many-categories',
    'stale-model',
    'stale-data',
    'prediction-skipped',
    'new-categories',
    'vanished-categories',
    'null-share',
  ]),
  column: z.string().optional(),
  message: z.string(),
});
export type DriftFinding = z.infer<typeof driftFinding>;

export const staleness = z.object({
  maxAgeDays: z.number().nullable(),
  modelVersion: z.string().optional(),
  /** Days since the production version was registered. */
  modelAgeDays: z.number().nullable(),
  /** Days since the version's training data was produced (its training run). */
  dataAgeDays: z.number().nullable(),
  stale: z.boolean(),
});

export const alertOutcome = z.object({
  issue: z
    .object({
      number: z.number().int(),
      url: z.string().optional(),
      action: z.enum(['opened', 'updated', 'resolved', 'none']),
    })
    .optional(),
  retrain: z
    .object({
      requested: z.boolean(),
      triggered: z.boolean(),
      reason: z.string(),
      url: z.string().optional(),
      lastTriggeredAt: z.string().optional(),
      cooldownHours: z.number(),
    })
    .optional(),
});
export type AlertOutcome = z.infer<typeof alertOutcome>;

export const driftReport = reportEnvelope.extend({
  kind: z.literal('DriftReport'),
  model: z.object({ name: z.string(), version: z.string().optional(), ref: z.string().optional() }).optional(),
  reference: z.object({
    source: z.string(),
    /** profile: the stored reference profile (sketch); full: the full reference data (exact). */
    mode: z.enum(['profile', 'full']),
    rows: z.number().int(),
    /** How far sketch-based statistics can be from the exact ones; "exact" in full mode. */
    approximation: z.string(),
  }),
  current: z.object({
    source: z.string(),
    rows: z.number().int(),
    window: z.object({ column: z.string(), from: z.string(), to: z.string() }).optional(),
  }),
  settings: z.object({
    correction: z.enum(['holm', 'bh', 'none']),
    alpha: z.number(),
    sampleSizeThreshold: z.number(),
    driftShare: z.number(),
  }),
  verdict: z.object({
    drifted: z.boolean(),
    /** Share of feature columns that drifted. */
    driftedShare: z.number(),
    driftedColumns: z.array(z.string()),
    predictionDrifted: z.boolean(),
    stale: z.boolean(),
    reasons: z.array(z.string()),
  }),
  columns: z.array(columnDrift),
  prediction: columnDrift.optional(),
  label: columnDrift.optional(),
  staleness: staleness.optional(),
  findings: z.array(driftFinding),
  alert: alertOutcome.optional(),
  /** --update-reference: the rebuilt profile, committed on a branch and proposed in a pull request. */
  referenceUpdate: z
    .object({
      branch: z.string(),
      commit: z.string(),
      path: z.string(),
      pushed: z.boolean(),
      pullRequest: z.object({ number: z.number().int(), url: z.string().optional() }).optional(),
    })
    .optional(),
});
export type DriftReport = z.infer<typeof driftReport>;
