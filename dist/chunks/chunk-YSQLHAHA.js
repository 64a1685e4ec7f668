import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  reportEnvelope
} from "./chunk-XTHX7C6R.js";
import {
  external_exports
} from "./chunk-2342GB6D.js";

// src/core/train/report.ts
var dataFingerprint = external_exports.object({
  /** Role of the input: train, eval or a declared extra input. */
  role: external_exports.string(),
  /** What the user declared: a path, directory, glob or URL. */
  source: external_exports.string(),
  /** sha256 over the sorted (relative path, size, content sha256) list; a URL hashes its bytes. */
  sha256: external_exports.string(),
  bytes: external_exports.number().int().nonnegative(),
  files: external_exports.array(external_exports.object({ path: external_exports.string(), bytes: external_exports.number().int().nonnegative(), sha256: external_exports.string() }))
});
var trainEnvironment = external_exports.object({
  os: external_exports.string(),
  platform: external_exports.string(),
  arch: external_exports.string(),
  cpu: external_exports.object({ model: external_exports.string(), cores: external_exports.number().int() }),
  node: external_exports.string(),
  python: external_exports.object({
    executable: external_exports.string(),
    version: external_exports.string(),
    /** Installed distributions (name -> version) as importlib.metadata reports them. */
    packages: external_exports.record(external_exports.string(), external_exports.string())
  }).optional()
});
var runMetrics = external_exports.record(external_exports.string(), external_exports.number().nullable());
var runComparison = external_exports.object({
  runId: external_exports.string(),
  /** Where it came from: "registry:<model>@<version>", "runs:<file>" or "artifact:<name>". */
  source: external_exports.string(),
  ref: external_exports.string().optional(),
  commit: external_exports.string().nullable().optional(),
  params: external_exports.record(external_exports.string(), external_exports.unknown()),
  metrics: runMetrics
});
var trainRun = reportEnvelope.extend({
  kind: external_exports.literal("TrainRun"),
  runId: external_exports.string(),
  status: external_exports.enum(["succeeded", "failed"]),
  model: external_exports.object({
    name: external_exports.string().optional(),
    task: external_exports.enum(["binary", "multiclass", "regression"]).optional(),
    label: external_exports.string().optional(),
    features: external_exports.array(external_exports.string()).optional(),
    classes: external_exports.array(external_exports.string()).optional()
  }),
  trainer: external_exports.object({
    kind: external_exports.enum(["baseline", "command"]),
    /** logistic | softmax | ridge for the built-in baselines. */
    baseline: external_exports.string().optional(),
    command: external_exports.string().optional(),
    /** Solver details for baselines: iterations, convergence. */
    solver: external_exports.record(external_exports.string(), external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean(), external_exports.null()])).optional()
  }),
  code: external_exports.object({
    commit: external_exports.string().nullable(),
    dirty: external_exports.boolean(),
    ref: external_exports.string().optional(),
    /** Declared code paths and their content hash (files hashed like data). */
    paths: external_exports.array(external_exports.object({ path: external_exports.string(), sha256: external_exports.string() }))
  }),
  data: external_exports.array(dataFingerprint),
  params: external_exports.record(external_exports.string(), external_exports.unknown()),
  paramsHash: external_exports.string(),
  environment: trainEnvironment,
  cache: external_exports.object({
    key: external_exports.string(),
    hit: external_exports.boolean(),
    /** The run whose model was restored, on a hit. */
    restoredRunId: external_exports.string().optional()
  }),
  startedAt: external_exports.string(),
  durationMs: external_exports.number().nonnegative(),
  exitCode: external_exports.number().int().nullable(),
  artifact: external_exports.object({
    path: external_exports.string(),
    sha256: external_exports.string(),
    bytes: external_exports.number().int().nonnegative(),
    /** Where the artifact store keeps it, when uploaded. */
    uri: external_exports.string().optional()
  }).optional(),
  metrics: runMetrics,
  /** Last lines of the command's output when it failed. */
  logTail: external_exports.array(external_exports.string()).optional(),
  comparison: runComparison.optional()
});

export {
  trainRun
};
//# sourceMappingURL=chunk-YSQLHAHA.js.map
