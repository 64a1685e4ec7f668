/**
 * ModelVersion: one registered version of a model, stored as .mlops/registry/<model>/<version>/model.json and
 * tagged <model>@v<version>. Stage history is not in this file (versions are immutable once registered): it is
 * read from stages.yaml and the stage tags, and filled in by resolveModelRef / readRegistry.
 */
import { z } from 'zod';
import { reportEnvelope } from '../report/envelope.js';

export const tensorSignature = z.object({
  name: z.string(),
  /** ONNX element type: float, string, int64, double, bool, ... */
  type: z.string(),
  shape: z.array(z.union([z.number(), z.string()])),
});
export type TensorSignature = z.infer<typeof tensorSignature>;

export const modelSignature = z.object({
  inputs: z.array(tensorSignature),
  outputs: z.array(tensorSignature),
  /** sha256 of the inputs' names and types: a change means callers must change, so the major version bumps. */
  inputsHash: z.string(),
});
export type ModelSignature = z.infer<typeof modelSignature>;

export const storedArtifact = z.object({
  /** File name in the store, e.g. penguins-1.2.0-3f2a9c1b.onnx */
  name: z.string(),
  uri: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  /** github-release | gitlab-package | local */
  store: z.string(),
});
export type StoredModelArtifact = z.infer<typeof storedArtifact>;

export const stageEvent = z.object({
  stage: z.string(),
  action: z.enum(['assign', 'unassign']),
  version: z.string(),
  at: z.string(),
  /** The GTO tag that recorded it, when applied. */
  tag: z.string().optional(),
  /** Who asked for it (PR author, or the person who ran `mlops promote`). */
  requestedBy: z.string().optional(),
  /** Who approved it: reviewers named by the merge commit, or who merged the PR. */
  approvedBy: z.array(z.string()).default([]),
  pullRequest: z.number().int().optional(),
  /** The commit that changed stages.yaml (the merge commit). */
  commit: z.string().optional(),
});
export type StageEvent = z.infer<typeof stageEvent>;

export const lineageTrainRun = z.object({
  runId: z.string(),
  /** The run that actually trained the model when this one restored it from the cache. */
  originRunId: z.string().optional(),
  commit: z.string().nullable(),
  dirty: z.boolean().optional(),
  trainer: z.string().optional(),
  command: z.string().optional(),
  params: z.record(z.string(), z.unknown()).default({}),
  paramsHash: z.string().optional(),
  durationMs: z.number().optional(),
  metrics: z.record(z.string(), z.number().nullable()).default({}),
  environment: z.record(z.string(), z.unknown()).optional(),
});

export const lineageEvaluation = z.object({
  verdict: z.enum(['pass', 'fail']),
  headline: z.string(),
  data: z.string().optional(),
  rows: z.number().optional(),
  metrics: z.array(
    z.object({
      name: z.string(),
      value: z.number().nullable(),
      lower: z.number().nullable(),
      upper: z.number().nullable(),
      delta: z.number().nullable(),
    }),
  ),
  gates: z.array(z.object({ name: z.string(), status: z.string(), reason: z.string() })),
  champion: z.string().nullable(),
  latencyP95Ms: z.number().optional(),
});

export const lineageData = z.object({
  role: z.string(),
  source: z.string(),
  sha256: z.string(),
  bytes: z.number().optional(),
});

export const modelVersion = reportEnvelope.extend({
  kind: z.literal('ModelVersion'),
  name: z.string(),
  version: z.string(),
  /** <name>@v<version> */
  tag: z.string(),
  task: z.enum(['binary', 'multiclass', 'regression']).optional(),
  classes: z.array(z.string()).optional(),
  artifact: storedArtifact,
  signature: modelSignature,
  /** Why this version number: the rule and what it compared. */
  versioning: z.object({
    rule: z.string(),
    previous: z.string().nullable(),
    bump: z.enum(['initial', 'major', 'minor', 'patch', 'explicit']),
    reason: z.string(),
  }),
  lineage: z.object({
    /** The commit the model was built from. */
    commit: z.string().nullable(),
    trainRun: lineageTrainRun.nullable(),
    evaluation: lineageEvaluation.nullable(),
    data: z.array(lineageData),
  }),
  registeredAt: z.string(),
  registeredBy: z.string().optional(),
  /** Paths relative to the repository root. */
  card: z.object({ markdown: z.string(), json: z.string() }),
  referenceProfile: z.string().optional(),
  /** Filled from stages.yaml and stage tags when read; empty in the stored file. */
  stages: z.array(stageEvent).default([]),
  /** Stages this version holds now (filled when read). */
  currentStages: z.array(z.string()).default([]),
  deprecated: z.boolean().default(false),
});
export type ModelVersion = z.infer<typeof modelVersion>;

export const REGISTRY_DIR = '.mlops/registry';

export function versionDir(name: string, version: string): string {
  return `${REGISTRY_DIR}/${name}/${version}`;
}

export function stagesFile(name: string): string {
  return `${REGISTRY_DIR}/${name}/stages.yaml`;
}
