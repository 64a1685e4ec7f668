import { z } from 'zod';

export const driftTest = z.enum(['auto', 'ks', 'wasserstein', 'psi', 'chisquare', 'jensenshannon', 'linf']);

const columnOverride = z.strictObject({
  test: driftTest.optional().describe('Statistic that decides drift for this column; `auto` picks by type and size.'),
  threshold: z.number().positive().optional().describe('Distance threshold, or the significance level for tests.'),
  skip: z.boolean().optional().describe('Leave this column out of drift checks.'),
});

/** The `drift` section of mlops.yaml. */
export const driftConfig = z
  .strictObject({
    reference: z
      .string()
      .optional()
      .describe(
        "Reference data (path, glob, URL) or a reference-profile.json. Default: the production version's stored profile.",
      ),
    mode: z
      .enum(['profile', 'full'])
      .default('profile')
      .describe(
        'profile: compare against a compact profile (fast, bounded error); full: exact, reads all reference data.',
      ),
    correction: z
      .enum(['holm', 'bh', 'none'])
      .default('holm')
      .describe('Multiple-testing correction of p-values across columns (Holm or Benjamini-Hochberg).'),
    alpha: z.number().gt(0).lt(1).default(0.05).describe('Significance level of the tests (after correction).'),
    sampleSizeThreshold: z
      .number()
      .int()
      .positive()
      .default(1000)
      .describe(
        'When the smaller sample has at most this many values, drift is decided by a test (p-value); above it by a distance threshold, because p-values flag trivial shifts on large samples.',
      ),
    thresholds: z
      .strictObject({
        wasserstein: z.number().positive().default(0.1).describe('Wasserstein distance / reference std.'),
        psi: z.number().positive().default(0.2).describe('Population stability index.'),
        jensenshannon: z.number().positive().default(0.1).describe('Jensen-Shannon distance (base 2).'),
        linf: z.number().positive().default(0.2).describe('Largest change of a category share.'),
        ks: z.number().positive().default(0.1).describe('KS statistic, when used as a distance.'),
      })
      .default({ wasserstein: 0.1, psi: 0.2, jensenshannon: 0.1, linf: 0.2, ks: 0.1 }),
    nullShareChange: z
      .number()
      .positive()
      .default(0.05)
      .describe('A column drifts when its share of missing values changes by more than this (absolute).'),
    driftShare: z
      .number()
      .gt(0)
      .lte(1)
      .default(0.5)
      .describe('The dataset drifted when at least this share of feature columns drifted.'),
    columns: z.record(z.string(), columnOverride).default({}).describe('Per-column overrides.'),
    prediction: z
      .strictObject({
        enabled: z.boolean().default(true).describe('Run the model on current data and compare its predictions.'),
        model: z
          .string()
          .optional()
          .describe('Path of an ONNX model; default: the production version from the registry.'),
      })
      .default({ enabled: true }),
    maxAgeDays: z
      .number()
      .positive()
      .optional()
      .describe('Alert when the production version or its training data is older than this.'),
    window: z
      .strictObject({
        column: z.string().default('timestamp').describe('Timestamp column of the prediction log.'),
        last: z
          .string()
          .regex(/^\d+(\.\d+)?\s*(m|h|d|w)$/)
          .describe('Window ending now, e.g. 24h, 7d.'),
      })
      .optional()
      .describe('Check only the most recent rows of a prediction log.'),
    retrain: z
      .strictObject({
        enabled: z.boolean().default(false).describe('Trigger the training workflow/pipeline when drift is found.'),
        workflow: z.string().default('train.yml').describe('GitHub workflow file to dispatch.'),
        eventType: z.string().optional().describe('Use repository_dispatch with this event type instead.'),
        cooldownHours: z
          .number()
          .nonnegative()
          .default(24)
          .describe('At most one retraining trigger per this many hours.'),
        inputs: z
          .record(z.string(), z.string())
          .default({})
          .describe(
            'Inputs passed to the training workflow (workflow_dispatch accepts only inputs the workflow declares). With eventType and on GitLab, reason, model and drift_issue are added.',
          ),
      })
      .default({ enabled: false, workflow: 'train.yml', cooldownHours: 24, inputs: {} }),
    profile: z
      .strictObject({
        quantiles: z.number().int().min(10).max(100000).default(1000).describe('Knots per numeric column.'),
        maxCategories: z.number().int().positive().default(1000).describe('Categories kept per column.'),
      })
      .default({ quantiles: 1000, maxCategories: 1000 }),
  })
  .default({
    mode: 'profile',
    correction: 'holm',
    alpha: 0.05,
    sampleSizeThreshold: 1000,
    thresholds: { wasserstein: 0.1, psi: 0.2, jensenshannon: 0.1, linf: 0.2, ks: 0.1 },
    nullShareChange: 0.05,
    driftShare: 0.5,
    columns: {},
    prediction: { enabled: true },
    retrain: { enabled: false, workflow: 'train.yml', cooldownHours: 24, inputs: {} },
    profile: { quantiles: 1000, maxCategories: 1000 },
  });
export type DriftConfig = z.infer<typeof driftConfig>;
