import { z } from 'zod';

/** "30s", "5m", "1h" or a number of seconds. */
export const duration = z
  .union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?(ms|s|m|h)$/, 'a duration like 30s, 5m or 1h')])
  .transform((v) => {
    if (typeof v === 'number') return v;
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(v)!;
    const n = Number(m[1]);
    return m[2] === 'ms' ? n / 1000 : m[2] === 's' ? n : m[2] === 'm' ? n * 60 : n * 3600;
  });

const serverTarget = z.strictObject({
  kind: z.literal('server'),
  url: z.string().url().describe('Base URL of `mlops serve` (its admin API lives under /admin/v1).'),
  tokenEnv: z.string().default('MLOPS_ADMIN_TOKEN').describe('Environment variable holding the admin token.'),
});

const kserveTarget = z.strictObject({
  kind: z.literal('kserve'),
  apiServer: z
    .string()
    .url()
    .optional()
    .describe('Kubernetes API server; default: in-cluster (KUBERNETES_SERVICE_HOST) or $MLOPS_KUBE_API.'),
  namespace: z.string().default('default'),
  name: z.string().describe('InferenceService name.'),
  tokenEnv: z.string().default('MLOPS_KUBE_TOKEN').describe('Environment variable holding a bearer token.'),
  storageUriTemplate: z
    .string()
    .optional()
    .describe('storageUri for a version, with {model}, {version} and {sha256} placeholders.'),
  prometheus: z.string().url().describe('Prometheus HTTP API base URL for the analysis queries.'),
  /** PromQL label matchers selecting each variant's series. */
  stableSelector: z.string().default('component="predictor",revision="stable"'),
  canarySelector: z.string().default('component="predictor",revision="canary"'),
});

export const deployStep = z.strictObject({
  weight: z.number().min(0).max(100).describe('Percent of traffic sent to the canary during this step.'),
  duration: duration.describe('How long the step runs before the next one (analysis every interval meanwhile).'),
});

export const deployChecks = z
  .strictObject({
    errorRate: z
      .strictObject({
        max: z.number().min(0).max(1).default(0.01).describe('Highest acceptable canary error rate.'),
        maxIncrease: z.number().min(0).default(0.005).describe('Highest acceptable increase over stable.'),
      })
      .default({ max: 0.01, maxIncrease: 0.005 }),
    latency: z
      .strictObject({
        alpha: z.number().gt(0).lt(1).default(0.01).describe('Mann-Whitney U significance level (canary slower).'),
        maxRatio: z.number().min(1).default(1.2).describe('Canary p95 may exceed stable p95 by this factor at most.'),
      })
      .default({ alpha: 0.01, maxRatio: 1.2 }),
    predictionShift: z
      .strictObject({
        alpha: z.number().gt(0).lt(1).default(0.001).describe('Chi-square (classes) / Mann-Whitney (values) level.'),
        maxDistance: z
          .number()
          .min(0)
          .max(1)
          .default(0.1)
          .describe('Total variation distance between the variants` predicted-class shares that still passes.'),
      })
      .default({ alpha: 0.001, maxDistance: 0.1 }),
    quality: z
      .strictObject({
        maxDrop: z.number().min(0).default(0.02).describe('Largest acceptable accuracy drop (or MAE rise) vs stable.'),
        minFeedback: z.number().int().min(1).default(30).describe('Feedback rows per variant needed to judge.'),
        alpha: z.number().gt(0).lt(1).default(0.05).describe('One-sided significance of the drop.'),
      })
      .default({ maxDrop: 0.02, minFeedback: 30, alpha: 0.05 }),
  })
  .default({
    errorRate: { max: 0.01, maxIncrease: 0.005 },
    latency: { alpha: 0.01, maxRatio: 1.2 },
    predictionShift: { alpha: 0.001, maxDistance: 0.1 },
    quality: { maxDrop: 0.02, minFeedback: 30, alpha: 0.05 },
  });

/** The `deploy` section of mlops.yaml: a canary plan in the spirit of Argo Rollouts and Flagger. */
export const deployConfig = z
  .strictObject({
    environment: z.string().default('production').describe('Environment name (Deployment records, platform API).'),
    stage: z.string().optional().describe('Registry stage the environment serves; default: the environment name.'),
    mode: z.enum(['canary', 'shadow', 'ab']).default('canary'),
    target: z.discriminatedUnion('kind', [serverTarget, kserveTarget]).optional(),
    steps: z
      .array(deployStep)
      .min(1)
      .default([
        { weight: 10, duration: 60 },
        { weight: 50, duration: 60 },
        { weight: 100, duration: 0 },
      ]),
    analysis: z
      .strictObject({
        interval: duration.default(30).describe('Time between analysis runs within a step.'),
        failureLimit: z.number().int().min(0).default(1).describe('Failed analyses tolerated before rollback.'),
        minRequests: z.number().int().min(1).default(50).describe('Requests per variant needed to judge a check.'),
        inconclusiveLimit: z
          .number()
          .int()
          .min(0)
          .default(3)
          .describe('Inconclusive analyses in a row after which the rollout pauses (stays in progress).'),
      })
      .default({ interval: 30, failureLimit: 1, minRequests: 50, inconclusiveLimit: 3 }),
    checks: deployChecks,
  })
  .default({
    environment: 'production',
    mode: 'canary',
    steps: [
      { weight: 10, duration: 60 },
      { weight: 50, duration: 60 },
      { weight: 100, duration: 0 },
    ],
    analysis: { interval: 30, failureLimit: 1, minRequests: 50, inconclusiveLimit: 3 },
    checks: {
      errorRate: { max: 0.01, maxIncrease: 0.005 },
      latency: { alpha: 0.01, maxRatio: 1.2 },
      predictionShift: { alpha: 0.001, maxDistance: 0.1 },
      quality: { maxDrop: 0.02, minFeedback: 30, alpha: 0.05 },
    },
  });
export type DeployConfig = z.infer<typeof deployConfig>;
export type DeployTargetConfig = NonNullable<DeployConfig['target']>;
