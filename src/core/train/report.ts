/**
 * TrainRun: the record of one training run (or of a cache hit that restored one): what code, data, parameters
 * and environment produced which model, and how it scored on its training data.
 */
import { z } from 'zod';
import { reportEnvelope } from '../report/envelope.js';

export const dataFingerprint = z.object({
  /** Role of the input: train, eval or a declared extra input. */
  role: z.string(),
  /** What the user declared: a path, directory, glob or URL. */
  source: z.string(),
  /** sha256 over the sorted (relative path, size, content sha256) list; a URL hashes its bytes. */
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
  files: z.array(z.object({ path: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string() })),
});
export type DataFingerprint = z.infer<typeof dataFingerprint>;

export const trainEnvironment = z.object({
  os: z.string(),
  platform: z.string(),
  arch: z.string(),
  cpu: z.object({ model: z.string(), cores: z.number().int() }),
  node: z.string(),
  python: z
    .object({
      executable: z.string(),
      version: z.string(),
      /** Installed distributions (name -> version) as importlib.metadata reports them. */
      packages: z.record(z.string(), z.string()),
    })
    .optional(),
});
export type TrainEnvironment = z.infer<typeof trainEnvironment>;

export const runMetrics = z.record(z.string(), z.number().nullable());
export type RunMetrics = z.infer<typeof runMetrics>;

/** The latest run on the base branch, shown next to this one with deltas. */
export const runComparison = z.object({
  runId: z.string(),
  /** Where it came from: "registry:<model>@<version>", "runs:<file>" or "artifact:<name>". */
  source: z.string(),
  ref: z.string().optional(),
  commit: z.string().nullable().optional(),
  params: z.record(z.string(), z.unknown()),
  metrics: runMetrics,
});
export type RunComparison = z.infer<typeof runComparison>;

export const trainRun = reportEnvelope.extend({
  kind: z.literal('TrainRun'),
  runId: z.string(),
  status: z.enum(['succeeded', 'failed']),
  model: z.object({
    name: z.string().optional(),
    task: z.enum(['binary', 'multiclass', 'regression']).optional(),
    label: z.string().optional(),
    features: z.array(z.string()).optional(),
    classes: z.array(z.string()).optional(),
  }),
  trainer: z.object({
    kind: z.enum(['baseline', 'command']),
    /** logistic | softmax | ridge for the built-in baselines. */
    baseline: z.string().optional(),
    command: z.string().optional(),
    /** Solver details for baselines: iterations, convergence. */
    solver: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  }),
  code: z.object({
    commit: z.string().nullable(),
    dirty: z.boolean(),
    ref: z.string().optional(),
    /** Declared code paths and their content hash (files hashed like data). */
    paths: z.array(z.object({ path: z.string(), sha256: z.string() })),
  }),
  data: z.array(dataFingerprint),
  params: z.record(z.string(), z.unknown()),
  paramsHash: z.string(),
  environment: trainEnvironment,
  cache: z.object({
    key: z.string(),
    hit: z.boolean(),
    /** The run whose model was restored, on a hit. */
    restoredRunId: z.string().optional(),
  }),
  startedAt: z.string(),
  durationMs: z.number().nonnegative(),
  exitCode: z.number().int().nullable(),
  artifact: z
    .object({
      path: z.string(),
      sha256: z.string(),
      bytes: z.number().int().nonnegative(),
      /** Where the artifact store keeps it, when uploaded. */
      uri: z.string().optional(),
    })
    .optional(),
  metrics: runMetrics,
  /** Last lines of the command's output when it failed. */
  logTail: z.array(z.string()).optional(),
  comparison: runComparison.optional(),
});
export type TrainRun = z.infer<typeof trainRun>;
