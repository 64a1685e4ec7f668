import { z } from 'zod';

const decideOn = z
  .enum(['point', 'bound'])
  .describe(
    'point: compare the estimate with the threshold. bound: value gates must hold at the pessimistic confidence bound (a lucky split does not pass); change gates and slice gates fail only when the violation is significant (a noisy metric does not block), with Holm correction across slices.',
  );

export const gateConfig = z
  .strictObject({
    metric: z.string().describe('Metric name: accuracy, f1_macro, roc_auc, log_loss, rmse, r2, ... (see the docs).'),
    lower: z.number().optional().describe('Value gate: the metric must be at least this.'),
    upper: z.number().optional().describe('Value gate: the metric must be at most this.'),
    change: z
      .strictObject({
        tolerance: z
          .number()
          .min(0)
          .default(0)
          .describe('Allowed change in the worse direction versus the champion (0: must not get worse).'),
        relative: z
          .boolean()
          .default(false)
          .describe("true: tolerance is a share of the champion's value ((candidate - champion) / champion)."),
        direction: z
          .enum(['higher', 'lower'])
          .optional()
          .describe("Which way is better; default: the metric's own (lower for losses and errors)."),
      })
      .optional()
      .describe('Change gate against the champion; skipped (and said so) when there is no champion.'),
    slices: z.boolean().default(false).describe('Also apply the gate to every slice with enough rows.'),
    severity: z.enum(['error', 'warning']).default('error'),
    decideOn: decideOn.optional().describe('Overrides evaluate.decideOn for this gate.'),
  })
  .refine((g) => g.lower !== undefined || g.upper !== undefined || g.change !== undefined, {
    message: 'a gate needs lower, upper or change',
  });
export type GateConfig = z.infer<typeof gateConfig>;

/** The `evaluate` section of mlops.yaml. */
export const evaluateConfig = z
  .strictObject({
    metrics: z
      .array(z.string())
      .optional()
      .describe('Metrics to compute and report; default: every metric for the task.'),
    gates: z
      .array(gateConfig)
      .optional()
      .describe(
        'Gates; default: the primary metric (accuracy or rmse) must not get worse than the champion by more than 0.01 (absolute), overall and per slice.',
      ),
    champion: z
      .string()
      .optional()
      .describe('Champion: a model path or registry reference. Default: `<model.name>#production` when it exists.'),
    decideOn: decideOn.default('bound'),
    bootstrap: z
      .strictObject({
        resamples: z.number().int().min(0).max(100000).default(1000).describe('0 turns intervals off.'),
        level: z.number().gt(0).lt(1).default(0.95).describe('Two-sided confidence level of the intervals.'),
        seed: z.number().int().default(20240601).describe('Seed of the resampling, so reports are reproducible.'),
      })
      .default({ resamples: 1000, level: 0.95, seed: 20240601 }),
    minSliceSupport: z.number().int().min(1).default(30).describe('Slices with fewer rows are reported but not gated.'),
    combinations: z
      .array(z.strictObject({ name: z.string().optional(), columns: z.array(z.string()).min(2) }))
      .default([])
      .describe('Named combinations of segment columns, sliced together (e.g. island and sex).'),
    positiveClass: z
      .string()
      .optional()
      .describe('Positive class for binary metrics and fairness gaps; default: the second class of the model.'),
    fairness: z
      .boolean()
      .default(true)
      .describe('Report demographic parity and equal opportunity differences across each segment.'),
    batchSize: z.number().int().min(1).default(8192).describe('Rows per inference batch.'),
    latency: z
      .strictObject({
        p50RowMs: z.number().positive().optional(),
        p95RowMs: z.number().positive().optional(),
        p50BatchMs: z.number().positive().optional(),
        p95BatchMs: z.number().positive().optional(),
      })
      .default({})
      .describe('Latency budget in milliseconds, measured on the evaluation data (single rows and batches).'),
    maxModelMegabytes: z.number().positive().optional().describe('Model size budget.'),
    maxNonFiniteShare: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe(
        'Share of labelled rows where the candidate may output NaN or infinity. Those rows are left out of every metric, so by default any such row fails the gate: a model must not hide its failures there.',
      ),
  })
  .default({
    decideOn: 'bound',
    bootstrap: { resamples: 1000, level: 0.95, seed: 20240601 },
    minSliceSupport: 30,
    combinations: [],
    fairness: true,
    batchSize: 8192,
    latency: {},
    maxNonFiniteShare: 0,
  });
export type EvaluateConfig = z.infer<typeof evaluateConfig>;
