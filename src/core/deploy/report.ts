import { z } from 'zod';
import { reportEnvelope } from '../report/envelope.js';

/** A check's verdict for one analysis run; `inconclusive` when there was too little data to judge. */
export const analysisVerdict = z.enum(['pass', 'fail', 'inconclusive']);
export type AnalysisVerdict = z.infer<typeof analysisVerdict>;

/** One check of one analysis run: what was measured on each variant and why it passed or failed. */
export const analysisCheck = z.object({
  /** error-rate | latency-p95 | rejected-requests | prediction-shift | live-quality */
  name: z.string(),
  verdict: analysisVerdict,
  message: z.string(),
  stable: z.number().nullable(),
  canary: z.number().nullable(),
  /** The limit the canary value was compared with (absolute, or a p-value threshold for tests). */
  threshold: z.number().nullable(),
  /** p-value of a statistical test when one was used (Mann-Whitney U, chi-square). */
  pValue: z.number().nullable().optional(),
  statistic: z.number().nullable().optional(),
  samples: z.object({ stable: z.number().int(), canary: z.number().int() }),
});
export type AnalysisCheck = z.infer<typeof analysisCheck>;

export const analysisRun = z.object({
  at: z.string(),
  verdict: analysisVerdict,
  checks: z.array(analysisCheck),
});
export type AnalysisRun = z.infer<typeof analysisRun>;

/** One traffic step of the rollout (Argo Rollouts' setWeight + pause + analysis). */
export const deploymentStep = z.object({
  index: z.number().int(),
  /** Share of traffic (0..100) sent to the canary during this step. */
  weight: z.number().min(0).max(100),
  status: z.enum(['pending', 'running', 'passed', 'failed', 'inconclusive', 'skipped']),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  /** Analysis runs made during the step, at the plan's interval. */
  analyses: z.array(analysisRun),
  /** Failed analyses counted toward the plan's failure limit. */
  failures: z.number().int(),
});
export type DeploymentStep = z.infer<typeof deploymentStep>;

export const deploymentOutcome = z.enum(['promoted', 'rolled-back', 'in-progress']);
export type DeploymentOutcome = z.infer<typeof deploymentOutcome>;

export const modelRefSummary = z.object({
  name: z.string(),
  version: z.string(),
  sha256: z.string().optional(),
  /** The reference the user gave (penguins@v1.2.0, penguins#staging, a path). */
  ref: z.string().optional(),
});

export const deployment = reportEnvelope.extend({
  kind: z.literal('Deployment'),
  /** Stable id: <environment>-<model>-<version>-<started timestamp>. */
  id: z.string(),
  model: z.string(),
  environment: z.string(),
  /** The version rolled out (canary) and the one it is judged against (stable). */
  version: modelRefSummary,
  baseline: modelRefSummary.nullable(),
  target: z.object({
    kind: z.enum(['server', 'kserve']),
    /** Admin URL of the server, or namespace/name of the InferenceService. */
    address: z.string(),
  }),
  mode: z.enum(['canary', 'shadow', 'ab']),
  plan: z.object({
    steps: z.array(z.object({ weight: z.number(), durationSeconds: z.number() })),
    intervalSeconds: z.number(),
    failureLimit: z.number().int(),
  }),
  steps: z.array(deploymentStep),
  /** Index of the step in progress (one-step-per-invocation mode resumes here). */
  currentStep: z.number().int(),
  outcome: deploymentOutcome,
  /** Why it ended the way it did (or where it stands). */
  reason: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().optional(),
  /** Git side of the outcome: the stage tag written, the commit holding this record. */
  git: z
    .object({
      stageTag: z.string().optional(),
      commit: z.string().optional(),
    })
    .default({}),
  /** Platform deployment id (GitHub Deployments API / GitLab deployment) and rollback issue. */
  platformDeploymentId: z.number().int().optional(),
  issue: z.object({ number: z.number().int(), url: z.string().optional() }).optional(),
});
export type Deployment = z.infer<typeof deployment>;
