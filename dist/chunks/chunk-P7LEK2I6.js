import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  trainRun
} from "./chunk-YSQLHAHA.js";
import {
  candidateCard,
  cardMarker,
  isRaceRejection,
  modelNameOf,
  registerWithCard,
  renderCard,
  runBranch
} from "./chunk-BV7X4BMN.js";
import {
  commitFiles,
  currentBranch,
  identityEnv,
  revParse
} from "./chunk-7RY4YAIK.js";
import {
  buildReferenceProfile,
  formatProfile
} from "./chunk-NNBLWD6U.js";
import {
  openDataset
} from "./chunk-CYF5FZX4.js";
import {
  commitTree,
  fetchBranchAndTags,
  firstLines,
  formatStages,
  formatTag,
  formatTagMessage,
  git,
  gitRaw,
  hasRemote,
  listModels,
  listTags,
  parseTag,
  readModel,
  stagesFile,
  workingTree
} from "./chunk-RHXVXVBD.js";
import {
  code,
  commonInputs,
  defineAction,
  envelope,
  reportEnvelope,
  table,
  writeReport
} from "./chunk-XTHX7C6R.js";
import {
  external_exports
} from "./chunk-2342GB6D.js";
import {
  sha256File
} from "./chunk-5AAGF42O.js";
import {
  ExitCode,
  MlopsError,
  describeError
} from "./chunk-FZ3ZHXNS.js";

// src/core/registry/modes.ts
import { existsSync as existsSync3 } from "node:fs";
import { readFile as readFile3 } from "node:fs/promises";
import { isAbsolute, resolve as resolve2 } from "node:path";

// src/core/card/inputs.ts
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";

// src/core/evaluate/report.ts
var estimate = external_exports.object({
  value: external_exports.number().nullable(),
  /** Percentile bootstrap interval at `bootstrap.level`; null when not computable or not bootstrapped. */
  lower: external_exports.number().nullable(),
  upper: external_exports.number().nullable(),
  reason: external_exports.string().optional()
});
var metricDirection = external_exports.enum(["higher", "lower"]);
var metricResult = external_exports.object({
  /** scikit-learn style name: accuracy, f1_macro, roc_auc, rmse, ... */
  name: external_exports.string(),
  /** Which way is better. */
  direction: metricDirection,
  candidate: estimate,
  champion: estimate.nullable(),
  /** candidate - champion on the same rows, with a paired bootstrap interval. */
  delta: estimate.nullable()
});
var confusionMatrix = external_exports.object({
  /** Class names in row/column order (rows: true class, columns: predicted class). */
  labels: external_exports.array(external_exports.string()),
  matrix: external_exports.array(external_exports.array(external_exports.number().int()))
});
var sliceResult = external_exports.object({
  /** Segment column, or a named combination of columns. */
  segment: external_exports.string(),
  /** Column -> value for this slice ("island=Biscoe" or "island=Biscoe, sex=male"). */
  values: external_exports.record(external_exports.string(), external_exports.string()),
  label: external_exports.string(),
  rows: external_exports.number().int(),
  /** False when rows < minSupport: reported, not gated. */
  gated: external_exports.boolean(),
  note: external_exports.string().optional(),
  metrics: external_exports.array(metricResult)
});
var fairnessResult = external_exports.object({
  segment: external_exports.string(),
  /** demographic_parity_difference | equal_opportunity_difference */
  metric: external_exports.string(),
  /** The class treated as positive (binary: the second class; multiclass: configured or each class). */
  positiveClass: external_exports.string(),
  /** max - min of the per-group rate over groups with enough support. */
  value: external_exports.number().nullable(),
  reason: external_exports.string().optional(),
  groups: external_exports.array(external_exports.object({ value: external_exports.string(), rows: external_exports.number().int(), rate: external_exports.number().nullable() }))
});
var mcnemarResult = external_exports.object({
  /** Rows the candidate got right and the champion wrong, and the reverse. */
  candidateOnlyCorrect: external_exports.number().int(),
  championOnlyCorrect: external_exports.number().int(),
  method: external_exports.enum(["exact", "chi2"]),
  statistic: external_exports.number(),
  pValue: external_exports.number()
});
var gateStatus = external_exports.enum(["pass", "fail", "skip"]);
var gateResult = external_exports.object({
  /** Readable id, e.g. "accuracy >= 0.9", "accuracy change vs champion [island=Biscoe]". */
  name: external_exports.string(),
  type: external_exports.enum(["value", "change", "latency", "size", "outputs"]),
  metric: external_exports.string(),
  /** Slice label, or null for the whole evaluation set. */
  slice: external_exports.string().nullable(),
  status: gateStatus,
  severity: external_exports.enum(["error", "warning"]),
  /** point: the estimate decided; bound: the confidence bound (or a Holm-adjusted test for slices). */
  decidedOn: external_exports.enum(["point", "bound"]),
  /** The number compared with the threshold (point estimate or the bound used). */
  observed: external_exports.number().nullable(),
  threshold: external_exports.number().nullable(),
  /** One-sided bootstrap p-value of a violation and its Holm-adjusted value across slices, when used. */
  pValue: external_exports.number().nullable().optional(),
  adjustedPValue: external_exports.number().nullable().optional(),
  /** Why it passed, failed or was skipped, in a sentence. */
  reason: external_exports.string(),
  /** 1-based line of the gate in mlops.yaml, for annotations. */
  line: external_exports.number().int().optional()
});
var latencyResult = external_exports.object({
  batchSize: external_exports.number().int(),
  batches: external_exports.number().int(),
  rows: external_exports.number().int(),
  perRowMs: external_exports.object({ p50: external_exports.number(), p95: external_exports.number() }),
  perBatchMs: external_exports.object({ p50: external_exports.number(), p95: external_exports.number() }),
  rowsPerSecond: external_exports.number()
});
var modelSummary = external_exports.object({
  /** The path or registry reference the user gave. */
  ref: external_exports.string(),
  path: external_exports.string(),
  sha256: external_exports.string(),
  sizeBytes: external_exports.number().int(),
  /** Registry version when resolved from the registry. */
  version: external_exports.string().optional(),
  inputs: external_exports.array(external_exports.object({ name: external_exports.string(), type: external_exports.string(), shape: external_exports.array(external_exports.union([external_exports.number(), external_exports.string()])) })),
  outputs: external_exports.array(external_exports.object({ name: external_exports.string(), type: external_exports.string(), shape: external_exports.array(external_exports.union([external_exports.number(), external_exports.string()])) })),
  /** How data columns were fed: one input per column, or one [N, F] float tensor. */
  inputMapping: external_exports.enum(["per-column", "feature-matrix"]),
  /** Rows whose outputs were not finite; excluded from metrics and counted here. */
  nonFiniteRows: external_exports.number().int()
});
var evaluationReport = reportEnvelope.extend({
  kind: external_exports.literal("EvaluationReport"),
  verdict: external_exports.enum(["pass", "fail"]),
  /** One sentence: the verdict and the gates that decided it. */
  headline: external_exports.string(),
  task: external_exports.enum(["binary", "multiclass", "regression"]),
  label: external_exports.string(),
  classes: external_exports.array(external_exports.string()).nullable(),
  data: external_exports.object({ source: external_exports.string(), rows: external_exports.number().int(), evaluatedRows: external_exports.number().int() }),
  candidate: modelSummary,
  /** Null on the first model: only value gates apply, and `championNote` says so. */
  champion: modelSummary.nullable(),
  championNote: external_exports.string().optional(),
  settings: external_exports.object({
    bootstrap: external_exports.object({
      resamples: external_exports.number().int(),
      level: external_exports.number(),
      seed: external_exports.number().int(),
      /** Worker threads the overall population's replicates ran on (1: the main thread); same result either way. */
      threads: external_exports.number().int().optional()
    }),
    decideOn: external_exports.enum(["point", "bound"]),
    minSliceSupport: external_exports.number().int(),
    segments: external_exports.array(external_exports.string())
  }),
  metrics: external_exports.array(metricResult),
  confusionMatrix: confusionMatrix.nullable(),
  mcnemar: mcnemarResult.nullable(),
  slices: external_exports.array(sliceResult),
  fairness: external_exports.array(fairnessResult),
  gates: external_exports.array(gateResult),
  latency: latencyResult,
  warnings: external_exports.array(external_exports.string())
});

// src/core/validate/report.ts
var cell = external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean(), external_exports.null()]);
var columnProfile = external_exports.object({
  name: external_exports.string(),
  /** Logical type as validated: integer, number, boolean, string, date, timestamp, other. */
  type: external_exports.string(),
  /** The engine's type, e.g. VARCHAR when a CSV column was read as text. */
  engineType: external_exports.string(),
  count: external_exports.number().int(),
  nulls: external_exports.number().int(),
  nullShare: external_exports.number(),
  /** Exact, or (approximate profiles) a HyperLogLog estimate for text columns and not computed (null) for numbers. */
  distinct: external_exports.number().int().nullable(),
  /** Numeric columns: min, max, mean, sample standard deviation (ddof = 1) over non-null values. */
  min: external_exports.number().nullable().optional(),
  max: external_exports.number().nullable().optional(),
  mean: external_exports.number().nullable().optional(),
  std: external_exports.number().nullable().optional(),
  /** Quantiles by linear interpolation between order statistics (DuckDB quantile_cont, pandas' default). */
  quantiles: external_exports.array(external_exports.object({ q: external_exports.number(), value: external_exports.number().nullable() })).optional(),
  /** Equal-width histogram of non-null numeric values. */
  histogram: external_exports.object({ edges: external_exports.array(external_exports.number()), counts: external_exports.array(external_exports.number().int()) }).optional(),
  /** Most frequent values (strings, booleans, dates) with counts, most frequent first. */
  topValues: external_exports.array(external_exports.object({ value: external_exports.string(), count: external_exports.number().int() })).optional(),
  /** true when distinct (numeric columns) is a HyperLogLog estimate and quantiles come from a 2,000-bin histogram. */
  approximate: external_exports.boolean().optional(),
  /** For text columns: shortest and longest value length. */
  minLength: external_exports.number().int().nullable().optional(),
  maxLength: external_exports.number().int().nullable().optional()
});
var sampleRow = external_exports.object({
  /** 1-based data row (the header is not counted), in file order. */
  row: external_exports.number().int(),
  values: external_exports.record(external_exports.string(), cell)
});
var validationCheck = external_exports.object({
  id: external_exports.string(),
  /** schema | column | dataset | sql | label | slice | skew */
  suite: external_exports.string(),
  name: external_exports.string(),
  column: external_exports.string().optional(),
  slice: external_exports.object({ column: external_exports.string(), value: external_exports.string() }).optional(),
  severity: external_exports.enum(["error", "warning"]),
  status: external_exports.enum(["pass", "fail", "warn", "skip"]),
  message: external_exports.string(),
  expected: external_exports.string().optional(),
  found: external_exports.string().optional(),
  failingRows: external_exports.number().int().optional(),
  failingShare: external_exports.number().optional(),
  /** Where the rule lives: the schema file (or mlops.yaml for SQL checks) and its 1-based line. */
  rule: external_exports.object({ file: external_exports.string(), line: external_exports.number().int().optional(), path: external_exports.string().optional() }).optional(),
  samples: external_exports.array(sampleRow).default([])
});
var skewColumn = external_exports.object({
  column: external_exports.string(),
  referenceType: external_exports.string().optional(),
  currentType: external_exports.string().optional(),
  newCategories: external_exports.array(external_exports.string()).default([]),
  referenceNullShare: external_exports.number(),
  currentNullShare: external_exports.number(),
  /** Numeric: Kolmogorov-Smirnov statistic on quantile sketches; categorical: Jensen-Shannon distance (base 2). */
  metric: external_exports.enum(["ks", "jensen-shannon", "none"]),
  distance: external_exports.number().nullable(),
  threshold: external_exports.number(),
  flagged: external_exports.boolean(),
  reasons: external_exports.array(external_exports.string()).default([])
});
var validationReport = reportEnvelope.extend({
  kind: external_exports.literal("ValidationReport"),
  mode: external_exports.enum(["check", "infer"]),
  dataset: external_exports.object({
    name: external_exports.string(),
    source: external_exports.string(),
    format: external_exports.string(),
    /** sha256 of the input bytes when it is a local file or files. */
    sha256: external_exports.string().optional(),
    rows: external_exports.number().int(),
    columns: external_exports.number().int()
  }),
  schema: external_exports.object({
    file: external_exports.string(),
    /** infer: created (new file), unchanged, changed (diff shown, file not overwritten unless asked). */
    status: external_exports.enum(["checked", "created", "unchanged", "changed", "updated"]),
    diff: external_exports.string().optional()
  }),
  failOn: external_exports.enum(["error", "warning", "never"]),
  passed: external_exports.boolean(),
  summary: external_exports.object({
    checks: external_exports.number().int(),
    failed: external_exports.number().int(),
    warnings: external_exports.number().int()
  }),
  columns: external_exports.array(columnProfile),
  checks: external_exports.array(validationCheck),
  skew: external_exports.object({ reference: external_exports.string(), columns: external_exports.array(skewColumn) }).optional(),
  durationMs: external_exports.number()
});

// src/core/card/inputs.ts
var nullableNumber = external_exports.number().nullable().catch(null);
var trainRunView = external_exports.looseObject({
  kind: external_exports.literal("TrainRun"),
  runId: external_exports.string(),
  status: external_exports.string().optional(),
  model: external_exports.looseObject({
    name: external_exports.string().optional(),
    task: external_exports.enum(["binary", "multiclass", "regression"]).optional(),
    label: external_exports.string().optional(),
    features: external_exports.array(external_exports.string()).optional(),
    classes: external_exports.array(external_exports.string()).optional()
  }).default({}),
  trainer: external_exports.looseObject({ kind: external_exports.string(), baseline: external_exports.string().optional(), command: external_exports.string().optional() }).optional(),
  code: external_exports.looseObject({ commit: external_exports.string().nullable(), dirty: external_exports.boolean().optional(), ref: external_exports.string().optional() }).optional(),
  data: external_exports.array(external_exports.looseObject({ role: external_exports.string(), source: external_exports.string(), sha256: external_exports.string(), bytes: external_exports.number().optional() })).default([]),
  params: external_exports.record(external_exports.string(), external_exports.unknown()).default({}),
  paramsHash: external_exports.string().optional(),
  environment: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
  durationMs: external_exports.number().optional(),
  cache: external_exports.looseObject({ hit: external_exports.boolean().optional(), restoredRunId: external_exports.string().optional() }).optional(),
  artifact: external_exports.looseObject({ path: external_exports.string(), sha256: external_exports.string(), bytes: external_exports.number().optional() }).optional(),
  metrics: external_exports.record(external_exports.string(), nullableNumber).default({})
});
var estimateView = external_exports.looseObject({
  value: nullableNumber,
  lower: nullableNumber,
  upper: nullableNumber,
  reason: external_exports.string().optional()
});
var metricView = external_exports.looseObject({
  name: external_exports.string(),
  direction: external_exports.enum(["higher", "lower"]).optional(),
  candidate: estimateView,
  champion: estimateView.nullable().optional(),
  delta: estimateView.nullable().optional()
});
var modelSummaryView = external_exports.looseObject({
  ref: external_exports.string().optional(),
  sha256: external_exports.string().optional(),
  sizeBytes: external_exports.number().optional(),
  version: external_exports.string().optional(),
  inputs: external_exports.array(external_exports.looseObject({ name: external_exports.string(), type: external_exports.string(), shape: external_exports.array(external_exports.union([external_exports.number(), external_exports.string()])) })).optional()
});
var evaluationView = external_exports.looseObject({
  kind: external_exports.literal("EvaluationReport"),
  verdict: external_exports.enum(["pass", "fail"]),
  headline: external_exports.string().default(""),
  task: external_exports.string().optional(),
  classes: external_exports.array(external_exports.string()).nullable().optional(),
  data: external_exports.looseObject({ source: external_exports.string(), rows: external_exports.number(), evaluatedRows: external_exports.number().optional() }).optional(),
  candidate: modelSummaryView.optional(),
  champion: modelSummaryView.nullable().optional(),
  championNote: external_exports.string().optional(),
  settings: external_exports.looseObject({ bootstrap: external_exports.looseObject({ level: external_exports.number() }).optional() }).optional(),
  metrics: external_exports.array(metricView).default([]),
  confusionMatrix: external_exports.looseObject({ labels: external_exports.array(external_exports.string()), matrix: external_exports.array(external_exports.array(external_exports.number())) }).nullable().optional(),
  slices: external_exports.array(
    external_exports.looseObject({
      segment: external_exports.string(),
      label: external_exports.string(),
      rows: external_exports.number(),
      gated: external_exports.boolean().optional(),
      metrics: external_exports.array(metricView).default([])
    })
  ).default([]),
  fairness: external_exports.array(
    external_exports.looseObject({
      segment: external_exports.string(),
      metric: external_exports.string(),
      positiveClass: external_exports.string().optional(),
      value: nullableNumber,
      reason: external_exports.string().optional(),
      groups: external_exports.array(external_exports.looseObject({ value: external_exports.string(), rows: external_exports.number(), rate: nullableNumber })).default([])
    })
  ).default([]),
  gates: external_exports.array(
    external_exports.looseObject({
      name: external_exports.string(),
      status: external_exports.string(),
      severity: external_exports.string().optional(),
      observed: nullableNumber.optional(),
      threshold: nullableNumber.optional(),
      reason: external_exports.string().default("")
    })
  ).default([]),
  latency: external_exports.looseObject({
    perRowMs: external_exports.looseObject({ p50: external_exports.number(), p95: external_exports.number() }).optional(),
    rowsPerSecond: external_exports.number().optional()
  }).optional(),
  warnings: external_exports.array(external_exports.string()).default([])
});
var validationView = external_exports.looseObject({
  kind: external_exports.literal("ValidationReport"),
  passed: external_exports.boolean().optional(),
  verdict: external_exports.string().optional(),
  status: external_exports.string().optional(),
  dataset: external_exports.looseObject({ source: external_exports.string().optional(), rows: external_exports.number().optional(), sha256: external_exports.string().optional() }).optional(),
  rows: external_exports.number().optional(),
  checks: external_exports.array(
    external_exports.looseObject({
      name: external_exports.string(),
      status: external_exports.string(),
      message: external_exports.string().optional(),
      severity: external_exports.string().optional()
    })
  ).default([])
});
async function readJson(path) {
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new MlopsError(`${path} is not valid JSON: ${error.message}`, {
      kind: "input",
      where: { file: path }
    });
  }
}
function viewOf(strict, lenient, raw, path, kind) {
  if (strict) {
    const full = strict.safeParse(raw);
    if (full.success) {
      const again = lenient.safeParse(full.data);
      if (again.success) return again.data;
    }
  }
  const parsed = lenient.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MlopsError(`${path} is not a ${kind}: ${issue.path.join(".") || "(top level)"}: ${issue.message}`, {
      kind: "input",
      where: { file: path, path: issue.path.join(".") },
      hint: `Point the input at the ${kind}.json written by the previous step (.mlops/out/${kind}.json).`
    });
  }
  return parsed.data;
}
async function readCardInputs(paths) {
  const out = {};
  const present = (p) => {
    if (!p) return false;
    if (existsSync(p.path)) return true;
    if (p.explicit) {
      throw new MlopsError(`Report ${p.path} does not exist.`, {
        kind: "input",
        where: { file: p.path },
        hint: "Run the step that writes it first, or fix the path."
      });
    }
    return false;
  };
  if (present(paths.trainRun)) {
    out.trainRun = viewOf(
      trainRun,
      trainRunView,
      await readJson(paths.trainRun.path),
      paths.trainRun.path,
      "TrainRun"
    );
  }
  if (present(paths.evaluation)) {
    out.evaluation = viewOf(
      evaluationReport,
      evaluationView,
      await readJson(paths.evaluation.path),
      paths.evaluation.path,
      "EvaluationReport"
    );
  }
  if (present(paths.validation)) {
    out.validation = viewOf(
      validationReport,
      validationView,
      await readJson(paths.validation.path),
      paths.validation.path,
      "ValidationReport"
    );
  }
  return out;
}

// src/core/registry/apply.ts
async function approvalOf(repoDir, file, mergedBy, rev = "HEAD") {
  const out = await git(repoDir, ["log", "-1", "--first-parent", "--format=%H%x1f%an%x1f%P%x1f%B", rev, "--", file]);
  const [commit = "", author = "", parents = "", mergeBody = ""] = out.split("");
  const second = parents.split(" ")[1];
  const proposal = second ? await git(repoDir, ["log", "-1", "--format=%B", second, "--", file]) : "";
  const body = `${mergeBody}
${proposal}`;
  const approval = { commit, approvedBy: [] };
  const github = /Merge pull request #(\d+) from ([^/\s]+)\//.exec(body);
  const gitlab = /See merge request \S*!(\d+)/.exec(body);
  const squash = /\(#(\d+)\)\s*$/.exec(body.split("\n")[0] ?? "");
  if (github) {
    approval.pullRequest = Number(github[1]);
    approval.requestedBy = github[2];
  } else if (gitlab) {
    approval.pullRequest = Number(gitlab[1]);
  } else if (squash) {
    approval.pullRequest = Number(squash[1]);
  }
  const requested = /^Requested-by:\s*(.+)$/im.exec(body);
  if (requested && !approval.requestedBy) approval.requestedBy = requested[1].trim();
  approval.requestedBy ??= author;
  for (const t of body.matchAll(/^(?:Approved-by|Reviewed-by):\s*(.+)$/gim)) {
    const who = t[1].replace(/\s*<[^>]*>/, "").trim();
    if (who && !approval.approvedBy.includes(who)) approval.approvedBy.push(who);
  }
  if (mergedBy && !approval.approvedBy.includes(mergedBy)) approval.approvedBy.push(mergedBy);
  return approval;
}
async function verifiedApproval(request, approval) {
  const merger = request.mergedBy ? [request.mergedBy] : [];
  const direct = {
    commit: approval.commit,
    approvedBy: merger,
    ...request.mergedBy ? { requestedBy: request.mergedBy } : {}
  };
  let merged;
  try {
    merged = await request.mergedPullRequest(approval.commit);
  } catch (error) {
    request.warn?.(
      `Could not read which pull request merged ${approval.commit.slice(0, 12)} and who approved it (${error.message}); the stage tag records only who merged.`
    );
    return direct;
  }
  if (merged === void 0) return approval;
  if (merged === null) return direct;
  return {
    commit: approval.commit,
    pullRequest: merged.number,
    ...merged.author ? { requestedBy: merged.author } : {},
    approvedBy: [.../* @__PURE__ */ new Set([...merged.approvedBy, ...merger])]
  };
}
async function planSource(repoDir, remote, branch) {
  const tracking = `refs/remotes/${remote}/${branch}`;
  const fetched = await gitRaw(repoDir, ["fetch", "--quiet", "--force", remote, `+refs/heads/${branch}:${tracking}`]);
  if (fetched.code !== 0) return void 0;
  const [tip, checkout] = await Promise.all([
    git(repoDir, ["rev-parse", tracking]),
    git(repoDir, ["rev-parse", "HEAD"])
  ]);
  if (!tip || !checkout || tip === checkout) return void 0;
  const behind = await gitRaw(repoDir, ["merge-base", "--is-ancestor", checkout, tip]);
  return behind.code === 0 ? { branch, checkout, tip } : void 0;
}
async function applyStages(request) {
  const { repoDir } = request;
  const remote = request.remote ?? "origin";
  const useRemote = await hasRemote(repoDir, remote);
  const attempts = request.maxAttempts ?? 5;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (useRemote) await gitRaw(repoDir, ["fetch", "--quiet", "--force", remote, "+refs/tags/*:refs/tags/*"]);
    const plannedFrom = useRemote && request.branch ? await planSource(repoDir, remote, request.branch) : void 0;
    const planned = await planTags(request, plannedFrom?.tip);
    if (planned.length === 0) return { changes: [], ...plannedFrom ? { plannedFrom } : {} };
    const env = await identityEnv(repoDir);
    const created = [];
    let clash = false;
    for (const p of planned) {
      const r = await gitRaw(repoDir, ["tag", "-a", p.change.tag, p.commit, "-F", "-"], { env, input: p.message });
      if (r.code !== 0) {
        clash = true;
        break;
      }
      created.push(p.change.tag);
    }
    if (!clash && useRemote) {
      const pushed = await gitRaw(repoDir, [
        "push",
        "--atomic",
        "--porcelain",
        remote,
        ...created.map((t) => `refs/tags/${t}`)
      ]);
      if (pushed.code !== 0) {
        clash = true;
        if (!isRaceRejection(`${pushed.stdout}
${pushed.stderr}`)) {
          for (const t of created) await gitRaw(repoDir, ["tag", "-d", t]);
          throw new MlopsError(`Cannot push stage tags: ${firstLines(pushed.stderr)}`, {
            kind: "api",
            hint: "The job needs permission to push tags (GitHub: permissions: contents: write), and no tag rule (ruleset, protected tags) may forbid <model>#<stage>#<n> tags."
          });
        }
      }
    }
    if (!clash) return { changes: planned.map((p) => p.change), ...plannedFrom ? { plannedFrom } : {} };
    for (const t of created) await gitRaw(repoDir, ["tag", "-d", t]);
  }
  throw new MlopsError("Could not apply stage changes: another job kept creating stage tags at the same time.", {
    kind: "api",
    hint: "Run the job again; it only creates the tags that are still missing."
  });
}
async function planTags(request, commit) {
  const { repoDir, mergedBy, allowedStages } = request;
  const planned = [];
  const source = commit ? commitTree(repoDir, commit) : workingTree(repoDir);
  for (const name of await listModels(source)) {
    const model = await readModel(repoDir, name, source);
    const tags = await listTags(repoDir, `${name}[@#]*`);
    const versionCommit = /* @__PURE__ */ new Map();
    let counter = 0;
    const applied = {};
    const deregistered = /* @__PURE__ */ new Set();
    for (const tag of tags) {
      const event = parseTag(tag.name);
      if (!tag.annotated || !event || event.name !== name) continue;
      counter = Math.max(counter, event.counter ?? 0);
      if (event.kind === "register") versionCommit.set(event.version, tag.commit);
      if (event.kind === "deregister") deregistered.add(event.version);
    }
    for (const h of model.history) {
      if (h.action === "assign") applied[h.stage] = h.version;
      else if (applied[h.stage] === h.version) delete applied[h.stage];
    }
    const desired = model.stages;
    const unknown = Object.keys(desired.stages).filter((stage) => allowedStages && !allowedStages.includes(stage));
    if (unknown.length) {
      throw new MlopsError(`${stagesFile(name)} assigns stage "${unknown[0]}", which is not allowed.`, {
        kind: "input",
        where: { file: stagesFile(name), path: `stages.${unknown[0]}` },
        expected: `one of ${allowedStages.join(", ")} (registry.stages in mlops.yaml)`,
        found: unknown.join(", "),
        hint: "Fix stages.yaml in a new pull request; no stage tag was created."
      });
    }
    const changes = [];
    for (const stage of Object.keys({ ...applied, ...desired.stages }).sort()) {
      const want = desired.stages[stage];
      const have = applied[stage];
      if (want === have) continue;
      if (want) changes.push({ kind: "assign", stage, version: want });
      else if (have) changes.push({ kind: "unassign", stage, version: have });
    }
    for (const v of desired.deprecated) if (!deregistered.has(v)) changes.push({ kind: "deprecate", version: v });
    if (changes.length === 0) continue;
    const parsed = await approvalOf(repoDir, stagesFile(name), mergedBy, commit);
    const approval = request.mergedPullRequest ? await verifiedApproval(request, parsed) : parsed;
    for (const c of changes) {
      const commit2 = versionCommit.get(c.version);
      if (!commit2) {
        throw new MlopsError(
          `stages.yaml of ${name} names version ${c.version}, which has no ${name}@v${c.version} tag.`,
          {
            kind: "input",
            where: { file: stagesFile(name) },
            hint: "Promote only registered versions (mlops registry show). Fetch tags first in CI (fetch-depth: 0 / fetch-tags: true)."
          }
        );
      }
      counter += 1;
      const event = c.kind === "assign" ? { kind: "assign", name, stage: c.stage, counter } : c.kind === "unassign" ? { kind: "unassign", name, stage: c.stage, counter } : { kind: "deregister", name, version: c.version, counter };
      const tag = formatTag(event);
      const facts = {
        version: c.version,
        approvedBy: approval.approvedBy,
        commit: approval.commit,
        ...approval.requestedBy ? { requestedBy: approval.requestedBy } : {},
        ...approval.pullRequest !== void 0 ? { pullRequest: approval.pullRequest } : {}
      };
      const subject = c.kind === "assign" ? `Assigning stage ${c.stage} to ${name} version ${c.version}` : c.kind === "unassign" ? `Unassigning stage ${c.stage} from ${name} version ${c.version}` : `Deregistering ${name} version ${c.version}`;
      planned.push({
        change: {
          model: name,
          kind: c.kind,
          ...c.stage ? { stage: c.stage } : {},
          version: c.version,
          tag,
          approvedBy: approval.approvedBy,
          ...approval.requestedBy ? { requestedBy: approval.requestedBy } : {},
          ...approval.pullRequest !== void 0 ? { pullRequest: approval.pullRequest } : {}
        },
        commit: commit2,
        message: formatTagMessage(subject, facts)
      });
    }
  }
  return planned;
}

// src/core/card/schema.ts
var interval = external_exports.object({ lower_bound: external_exports.number().nullable(), upper_bound: external_exports.number().nullable() });
var performanceMetric = external_exports.object({
  type: external_exports.string(),
  value: external_exports.number().nullable(),
  slice: external_exports.string().default(""),
  confidence_interval: interval.optional(),
  /** Difference to the production champion on the same rows, with its interval. */
  delta: external_exports.object({ value: external_exports.number().nullable(), lower: external_exports.number().nullable(), upper: external_exports.number().nullable() }).optional(),
  champion: external_exports.number().nullable().optional(),
  direction: external_exports.enum(["higher", "lower"]).optional(),
  rows: external_exports.number().optional(),
  note: external_exports.string().optional()
});
var modelCard = external_exports.object({
  schema_version: external_exports.literal("0.0.2"),
  model_details: external_exports.object({
    name: external_exports.string(),
    overview: external_exports.string().optional(),
    version: external_exports.object({ name: external_exports.string(), date: external_exports.string() }),
    owners: external_exports.array(external_exports.object({ name: external_exports.string() })),
    licenses: external_exports.array(external_exports.object({ custom_text: external_exports.string() })),
    references: external_exports.array(external_exports.object({ reference: external_exports.string() })),
    path: external_exports.string().optional()
  }),
  model_parameters: external_exports.object({
    model_architecture: external_exports.string(),
    task: external_exports.string().optional(),
    data: external_exports.array(external_exports.object({ name: external_exports.string(), link: external_exports.string(), sha256: external_exports.string(), bytes: external_exports.number().optional() })),
    input_format_map: external_exports.array(external_exports.object({ key: external_exports.string(), value: external_exports.string() })),
    output_format_map: external_exports.array(external_exports.object({ key: external_exports.string(), value: external_exports.string() })),
    params: external_exports.record(external_exports.string(), external_exports.unknown())
  }),
  quantitative_analysis: external_exports.object({
    performance_metrics: external_exports.array(performanceMetric),
    evaluation_data: external_exports.string().optional(),
    confidence_level: external_exports.number().optional()
  }),
  considerations: external_exports.object({
    users: external_exports.array(external_exports.object({ description: external_exports.string() })),
    use_cases: external_exports.array(external_exports.object({ description: external_exports.string() })),
    limitations: external_exports.array(external_exports.object({ description: external_exports.string() })),
    tradeoffs: external_exports.array(external_exports.object({ description: external_exports.string() })),
    ethical_considerations: external_exports.array(external_exports.object({ name: external_exports.string(), mitigation_strategy: external_exports.string().optional() }))
  }),
  mlops: external_exports.object({
    verdict: external_exports.enum(["pass", "fail", "unknown"]),
    headline: external_exports.string(),
    gates: external_exports.array(
      external_exports.object({ name: external_exports.string(), status: external_exports.string(), severity: external_exports.string().optional(), reason: external_exports.string() })
    ),
    champion: external_exports.object({ ref: external_exports.string(), version: external_exports.string().optional(), note: external_exports.string().optional() }).nullable(),
    fairness: external_exports.array(
      external_exports.object({
        segment: external_exports.string(),
        metric: external_exports.string(),
        value: external_exports.number().nullable(),
        groups: external_exports.array(external_exports.object({ value: external_exports.string(), rows: external_exports.number(), rate: external_exports.number().nullable() })),
        reason: external_exports.string().optional()
      })
    ),
    validation: external_exports.object({
      verdict: external_exports.string(),
      rows: external_exports.number().optional(),
      checks: external_exports.number(),
      failed: external_exports.array(external_exports.object({ name: external_exports.string(), status: external_exports.string(), message: external_exports.string() }))
    }).nullable(),
    lineage: external_exports.object({
      commit: external_exports.string().nullable(),
      runId: external_exports.string().nullable(),
      command: external_exports.string().optional(),
      trainer: external_exports.string().optional(),
      paramsHash: external_exports.string().optional(),
      environment: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
      durationMs: external_exports.number().optional()
    }),
    artifact: external_exports.object({ sha256: external_exports.string(), size: external_exports.number(), uri: external_exports.string().optional() }).nullable(),
    latency: external_exports.object({ p50Ms: external_exports.number(), p95Ms: external_exports.number(), rowsPerSecond: external_exports.number().optional() }).nullable(),
    versioning: external_exports.object({ previous: external_exports.string().nullable(), bump: external_exports.string(), reason: external_exports.string() }).optional(),
    missing: external_exports.array(external_exports.string()),
    extraSections: external_exports.array(external_exports.object({ title: external_exports.string(), body: external_exports.string() })),
    stages: external_exports.array(external_exports.string())
  })
});

// src/core/registry/mode-reports.ts
var modelCardReport = reportEnvelope.extend({
  kind: external_exports.literal("ModelCard"),
  model: external_exports.string(),
  card: modelCard,
  markdown: external_exports.string(),
  comment: external_exports.object({ id: external_exports.number(), url: external_exports.string().optional(), created: external_exports.boolean() }).nullable()
});
var modelCardRenderer = {
  kind: "ModelCard",
  title: "Model card",
  markdown: (r) => r.markdown,
  checks: (r) => r.card.mlops.gates.map((g) => ({
    suite: "gates",
    name: g.name,
    status: g.status === "fail" ? "fail" : g.status === "skip" ? "skip" : "pass",
    message: g.reason
  }))
};
var promotionReport = reportEnvelope.extend({
  kind: external_exports.literal("Promotion"),
  model: external_exports.string(),
  action: external_exports.enum(["assign", "unassign", "deprecate"]),
  version: external_exports.string(),
  stage: external_exports.string().optional(),
  currentHolder: external_exports.string().optional(),
  branch: external_exports.string(),
  base: external_exports.string(),
  commit: external_exports.string(),
  pushed: external_exports.boolean(),
  title: external_exports.string(),
  body: external_exports.string(),
  pullRequest: external_exports.object({ number: external_exports.number(), url: external_exports.string().optional() }).optional(),
  newPullRequestUrl: external_exports.string().optional()
});
var promotionRenderer = {
  kind: "Promotion",
  title: "Model promotion",
  markdown: (r) => r.body,
  checks: (r) => [{ suite: "registry", name: r.title, status: "pass", message: r.pullRequest?.url ?? r.branch }]
};
var stageChangesReport = reportEnvelope.extend({
  kind: external_exports.literal("StageChanges"),
  changes: external_exports.array(
    external_exports.object({
      model: external_exports.string(),
      kind: external_exports.enum(["assign", "unassign", "deprecate"]),
      stage: external_exports.string().optional(),
      version: external_exports.string(),
      tag: external_exports.string(),
      requestedBy: external_exports.string().optional(),
      approvedBy: external_exports.array(external_exports.string()),
      pullRequest: external_exports.number().optional()
    })
  )
});
var stageChangesRenderer = {
  kind: "StageChanges",
  title: "Stage changes",
  markdown: (r) => r.changes.length ? `## \u{1F3F7}\uFE0F Stage changes applied

${table(
    ["Model", "Change", "Version", "Tag", "Requested by", "Approved by", "PR"],
    r.changes.map((c) => [
      c.model,
      c.kind === "deprecate" ? "deprecate" : `${c.kind} ${c.stage}`,
      c.version,
      code(c.tag),
      c.requestedBy ?? "\u2014",
      c.approvedBy.join(", ") || "\u2014",
      c.pullRequest ?? "\u2014"
    ])
  )}` : "## \u{1F3F7}\uFE0F Stage changes\n\nstages.yaml and the stage tags agree: nothing to apply.",
  checks: (r) => r.changes.map((c) => ({ suite: "registry", name: c.tag, status: "pass", message: c.kind }))
};

// src/core/registry/promotion.ts
import { readFile as readFile2 } from "node:fs/promises";
import { join } from "node:path";

// src/core/registry/promote.ts
async function planPromotion(request) {
  const { repoDir, name, version, config, action } = request;
  if (action !== "deprecate") {
    if (!request.stage)
      throw new MlopsError("A stage is required.", { kind: "usage", expected: config.stages.join(", ") });
    if (!config.stages.includes(request.stage)) {
      throw new MlopsError(`Stage "${request.stage}" is not allowed.`, {
        kind: "usage",
        expected: `one of ${config.stages.join(", ")} (registry.stages in mlops.yaml)`,
        found: request.stage,
        hint: "Use an allowed stage, or add it to registry.stages in mlops.yaml (in its own reviewed change)."
      });
    }
  }
  const remote = request.remote ?? "origin";
  const useRemote = await hasRemote(repoDir, remote);
  const base = request.branch ?? config.branch ?? await currentBranch(repoDir) ?? request.fallbackBranch ?? "main";
  let baseCommit;
  if (useRemote) {
    const fetched = await fetchBranchAndTags(repoDir, remote, base);
    if (fetched.code === 0) baseCommit = await revParse(repoDir, `refs/remotes/${remote}/${base}`);
  }
  baseCommit ??= await revParse(repoDir, "HEAD");
  if (!baseCommit) throw new MlopsError("The repository has no commits.", { kind: "input", where: { file: repoDir } });
  const model = await readModel(repoDir, name, baseCommit ? commitTree(repoDir, baseCommit) : workingTree(repoDir));
  const target = model.versions.find((v) => v.version === version);
  if (!target) {
    throw new MlopsError(`${name} ${version} is not registered.`, {
      kind: "input",
      expected: model.versions.length ? `one of ${model.versions.map((v) => v.version).join(", ")}` : "a registered version",
      found: version,
      hint: `See the versions with: mlops registry show ${name}`
    });
  }
  const before = model.stages;
  const after = { model: name, stages: { ...before.stages }, deprecated: [...before.deprecated] };
  let change;
  let title;
  const stage = request.stage;
  if (action === "assign") {
    if (target.deprecated) {
      throw new MlopsError(`${name} ${version} is deprecated and cannot be promoted.`, {
        kind: "input",
        found: version
      });
    }
    if (before.stages[stage] === version) {
      throw new MlopsError(`${name} ${version} already holds stage ${stage}.`, {
        kind: "input",
        hint: "Nothing to change."
      });
    }
    after.stages[stage] = version;
    change = { kind: "assign", stage, version, ...before.stages[stage] ? { previous: before.stages[stage] } : {} };
    title = `Promote ${name} ${version} to ${stage}`;
  } else if (action === "unassign") {
    if (before.stages[stage] !== version) {
      throw new MlopsError(`${name} ${version} does not hold stage ${stage}.`, {
        kind: "input",
        found: before.stages[stage] ? `${stage} is held by ${before.stages[stage]}` : `${stage} is not assigned`
      });
    }
    delete after.stages[stage];
    change = { kind: "unassign", stage, version };
    title = `Demote ${name} ${version} from ${stage}`;
  } else {
    if (before.deprecated.includes(version)) {
      throw new MlopsError(`${name} ${version} is already deprecated.`, { kind: "input" });
    }
    after.deprecated.push(version);
    for (const [s, v] of Object.entries(after.stages)) if (v === version) delete after.stages[s];
    change = { kind: "deprecate", version };
    title = `Deprecate ${name} ${version}`;
  }
  const current = action === "assign" && before.stages[stage] ? model.versions.find((v) => v.version === before.stages[stage]) : void 0;
  const head = `mlops/${action === "assign" ? "promote" : action === "unassign" ? "demote" : "deprecate"}/${name}-${version}${action === "deprecate" ? "" : `-${stage}`}`;
  const env = await identityEnv(repoDir);
  const commit = await commitFiles(
    repoDir,
    baseCommit,
    { [stagesFile(name)]: formatStages(after) },
    `${title}

Requested-by: ${request.requestedBy ?? "unknown"}
`,
    env
  );
  const branched = await gitRaw(repoDir, ["branch", "--force", head, commit]);
  if (branched.code !== 0) {
    throw new MlopsError(`Cannot create branch ${head}: ${firstLines(branched.stderr)}`, { kind: "internal" });
  }
  let pushed = false;
  if (useRemote && request.push !== false) {
    const result = await gitRaw(repoDir, ["push", "--force", "--porcelain", remote, `${commit}:refs/heads/${head}`]);
    if (result.code !== 0) {
      throw new MlopsError(`Cannot push the promotion branch ${head}: ${firstLines(result.stderr)}`, {
        kind: "api",
        hint: "The job needs permission to push branches (GitHub: permissions: contents: write)."
      });
    }
    pushed = true;
  }
  return {
    name,
    action,
    ...action === "deprecate" ? {} : { stage },
    version: target,
    ...current ? { current } : {},
    change,
    before,
    after,
    head,
    base,
    commit,
    pushed,
    title
  };
}

// src/core/registry/promotion.ts
async function promotionBody(repoDir, plan) {
  const v = plan.version;
  const lines = [`## ${plan.title}`, ""];
  lines.push(
    `This pull request changes \`.mlops/registry/${plan.name}/stages.yaml\`. Merging it is the approval: the release workflow then tags it (\`${plan.name}#<stage>#<n>\`) and starts the deployment.`,
    ""
  );
  if (plan.stage) {
    lines.push(
      `| | Version | Verdict | Registered |`,
      `| --- | --- | --- | --- |`,
      `| **${plan.action === "assign" ? "Candidate" : "Version"}** | ${v.version} | ${v.lineage.evaluation?.verdict ?? "\u2014"} | ${v.registeredAt.slice(0, 10)} |`
    );
    if (plan.current) {
      const c = plan.current;
      lines.push(
        `| Current ${plan.stage} | ${c.version} | ${c.lineage.evaluation?.verdict ?? "\u2014"} | ${c.registeredAt.slice(0, 10)} |`
      );
    }
    lines.push("");
    const cm = new Map((plan.current?.lineage.evaluation?.metrics ?? []).map((m) => [m.name, m.value]));
    const metrics = v.lineage.evaluation?.metrics ?? [];
    if (metrics.length) {
      lines.push(
        "| Metric | This version | Interval | Current holder | Difference |",
        "| --- | ---: | ---: | ---: | ---: |"
      );
      for (const m of metrics) {
        const other = cm.get(m.name);
        const diff = m.value !== null && other !== void 0 && other !== null ? m.value - other : null;
        const f = (x) => x === null || x === void 0 ? "\u2014" : Number(x.toPrecision(4)).toString();
        lines.push(
          `| ${m.name} | ${f(m.value)} | ${m.lower !== null && m.upper !== null ? `[${f(m.lower)}, ${f(m.upper)}]` : "\u2014"} | ${f(other)} | ${diff === null ? "\u2014" : `${diff > 0 ? "+" : ""}${f(diff)}`} |`
        );
      }
      lines.push("");
    }
  }
  try {
    const card = await readFile2(join(repoDir, v.card.markdown), "utf8");
    lines.push("<details><summary>Model card</summary>", "", card.replace(/^## /m, "### "), "", "</details>");
  } catch {
    lines.push(`_The card of ${v.version} is not in this checkout (${v.card.markdown})._`);
  }
  const body = lines.join("\n");
  return body.length > 6e4 ? `${body.slice(0, 59e3)}

_\u2026 truncated; see ${v.card.markdown}._
</details>` : body;
}
function newPullRequestUrl(platform, head, base, title) {
  const run = platform.context.runUrl;
  const q = encodeURIComponent;
  if (platform.name === "github" && run?.includes("/actions/runs/")) {
    const repo = run.split("/actions/runs/")[0];
    return `${repo}/compare/${q(base)}...${q(head)}?quick_pull=1&title=${q(title)}`;
  }
  if (platform.name === "gitlab" && run?.includes("/-/")) {
    const repo = run.split("/-/")[0];
    const mr = (key, value) => `${q(`merge_request[${key}]`)}=${q(value)}`;
    return `${repo}/-/merge_requests/new?${mr("source_branch", head)}&${mr("target_branch", base)}&${mr("title", title)}`;
  }
  return void 0;
}
async function openPromotion(platform, request) {
  const plan = await planPromotion({ fallbackBranch: runBranch(platform), ...request });
  const body = await promotionBody(request.repoDir, plan);
  if (!plan.pushed) return { plan, body };
  const url = newPullRequestUrl(platform, plan.head, plan.base, plan.title);
  try {
    const { number, url: prUrl } = await platform.openPullRequest({
      head: plan.head,
      base: plan.base,
      title: plan.title,
      body
    });
    return { plan, body, pullRequest: { number, ...prUrl ? { url: prUrl } : {} } };
  } catch (error) {
    if (!(error instanceof MlopsError) || !["api", "config"].includes(error.kind) || !url) throw error;
    platform.log.warning(`${error.message}${error.hint ? ` ${error.hint}` : ""}`);
    return { plan, body, newPullRequestUrl: url };
  }
}

// src/core/registry/reference.ts
import { existsSync as existsSync2 } from "node:fs";
import { resolve } from "node:path";
async function referenceProfileText(cwd, config, run, log) {
  const source = run?.data.find((d) => d.role === "train")?.source ?? config.data.train;
  if (!source) return void 0;
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(source);
  const path = isUrl ? source : resolve(cwd, source);
  if (!isUrl && !/[*?[]/.test(source) && !existsSync2(path)) {
    log.warning(`No reference profile stored: the training data ${source} is not in this checkout.`);
    return void 0;
  }
  try {
    const dataset = await openDataset(path, { displayName: source });
    const profile = await buildReferenceProfile(dataset, {
      quantiles: config.drift.profile.quantiles,
      maxCategories: config.drift.profile.maxCategories
    });
    return formatProfile(profile);
  } catch (error) {
    log.warning(`No reference profile stored: ${describeError(error).split("\n")[0]}`);
    return void 0;
  }
}

// src/core/registry/render.ts
var modelVersionRenderer = {
  kind: "ModelVersion",
  title: "Model registry",
  markdown(report) {
    const head = table(
      ["", ""],
      [
        ["Model", report.name],
        ["Version", `${report.version}${report.status === "existing" ? " (already registered: nothing new)" : ""}`],
        ["Tag", code(report.tag)],
        ["Versioning", `${report.versioning.bump}: ${report.versioning.reason}`],
        ["Artifact", report.artifact.uri],
        ["sha256", code(report.artifact.sha256)],
        ["Stages", report.currentStages.join(", ") || "\u2014"]
      ]
    );
    return [`## \u{1F4E6} ${report.name} ${report.version}`, head, report.cardMarkdown ?? ""].filter(Boolean).join("\n\n");
  },
  checks(report) {
    return [
      {
        suite: "registry",
        name: `register ${report.name}`,
        status: "pass",
        message: `${report.tag} (${report.status ?? "registered"})`
      }
    ];
  }
};

// src/core/registry/modes.ts
function reportPath(ctx, given, kind) {
  if (given) return { path: isAbsolute(given) ? given : resolve2(ctx.cwd, given), explicit: true };
  return { path: resolve2(ctx.outDir, `${kind}.json`), explicit: false };
}
async function inputsOf(ctx) {
  return readCardInputs({
    trainRun: reportPath(ctx, ctx.trainRun, "TrainRun"),
    evaluation: reportPath(ctx, ctx.evaluation, "EvaluationReport"),
    validation: reportPath(ctx, ctx.validation, "ValidationReport")
  });
}
async function registerMode(ctx) {
  const inputs = await inputsOf(ctx);
  const name = modelNameOf(ctx.config, inputs);
  const modelFile = ctx.model ? resolve2(ctx.cwd, ctx.model) : inputs.trainRun?.artifact ? resolve2(ctx.cwd, inputs.trainRun.artifact.path) : void 0;
  if (!modelFile) {
    throw new MlopsError("No model to register.", {
      kind: "usage",
      hint: "Set the `model` input to the .onnx file, or run the train step first (its TrainRun names the model)."
    });
  }
  await checkReportsDescribe(modelFile, inputs);
  if (inputs.evaluation?.verdict === "fail") {
    return {
      exitCode: ExitCode.Failed,
      outputs: {},
      summary: `**${name} is not registered: it failed its evaluation gates.** ${inputs.evaluation.headline}`,
      headline: `${name} failed its evaluation gates and is not registered: ${inputs.evaluation.headline}`
    };
  }
  let referenceProfile;
  if (ctx.referenceProfile) {
    const file = resolve2(ctx.cwd, ctx.referenceProfile);
    if (!existsSync3(file)) {
      throw new MlopsError(`Reference profile ${ctx.referenceProfile} does not exist.`, {
        kind: "input",
        where: { file }
      });
    }
    referenceProfile = await readFile3(file, "utf8");
  } else {
    referenceProfile = await referenceProfileText(ctx.cwd, ctx.config, inputs.trainRun, ctx.platform.log);
  }
  const result = await registerWithCard({
    repoDir: ctx.cwd,
    platform: ctx.platform,
    config: ctx.config,
    name,
    modelFile,
    inputs,
    ...ctx.version ? { version: ctx.version } : {},
    ...ctx.bump ? { bump: ctx.bump } : {},
    ...referenceProfile ? { referenceProfile } : {}
  });
  const report = { ...result.version, status: result.status, cardMarkdown: result.markdown };
  await writeReport(ctx.outDir, modelVersionRenderer, { ...result.version, status: result.status });
  const headline = result.status === "existing" ? `${name} ${result.version.version} already holds this model: nothing registered.` : `Registered ${result.tag}${result.attempts > 1 ? ` (after ${result.attempts} attempts: others pushed first)` : ""}.`;
  return {
    exitCode: ExitCode.Passed,
    outputs: {
      version: result.version.version,
      tag: result.tag,
      "artifact-url": result.version.artifact.uri,
      status: result.status,
      "report-path": resolve2(ctx.outDir, "ModelVersion.json")
    },
    summary: modelVersionRenderer.markdown(report, "summary"),
    headline
  };
}
async function checkReportsDescribe(modelFile, inputs) {
  if (!existsSync3(modelFile)) return;
  const digest = await sha256File(modelFile);
  const claims = [
    ["TrainRun", inputs.trainRun?.artifact?.sha256],
    ["EvaluationReport", inputs.evaluation?.candidate?.sha256]
  ];
  for (const [kind, sha] of claims) {
    if (sha && sha !== digest) {
      throw new MlopsError(`The ${kind} describes a different model than ${modelFile}.`, {
        kind: "input",
        where: { file: modelFile },
        expected: `sha256 ${digest} (the model to register)`,
        found: `sha256 ${sha} in the ${kind}`,
        hint: `Register the model the ${kind} was made for, or pass the matching report (train-run / evaluation inputs).`
      });
    }
  }
}
async function commentMode(ctx, post = true) {
  const pr = post ? ctx.pullRequest ?? ctx.platform.context.pullRequest : void 0;
  let name;
  let card;
  let markdown;
  if (ctx.card) {
    const file = resolve2(ctx.cwd, ctx.card);
    const parsed = modelCardReport.safeParse(JSON.parse(await readFile3(file, "utf8").catch(() => "null")));
    if (!parsed.success) {
      throw new MlopsError(`${ctx.card} is not a ModelCard report.`, {
        kind: "input",
        where: { file },
        hint: "Pass the ModelCard.json that the pull_request workflow uploaded as an artifact."
      });
    }
    name = parsed.data.model;
    card = parsed.data.card;
    markdown = renderCard(card, {
      registered: false,
      ...ctx.platform.context.runUrl ? { runUrl: ctx.platform.context.runUrl } : {}
    });
  } else {
    const inputs = await inputsOf(ctx);
    name = modelNameOf(ctx.config, inputs);
    const label = pr ? `candidate (${ctx.platform.name === "gitlab" ? "!" : "#"}${pr})` : "candidate";
    ({ card, markdown } = await candidateCard(ctx.cwd, ctx.config, name, inputs, label, ctx.platform.context.runUrl));
  }
  const comment = pr ? await ctx.platform.upsertComment(cardMarker(name), markdown, { pullRequest: pr }) : null;
  const report = { ...envelope("ModelCard"), model: name, card, markdown, comment };
  await writeReport(ctx.outDir, modelCardRenderer, report);
  return {
    exitCode: ExitCode.Passed,
    outputs: {
      ...comment?.url ? { "comment-url": comment.url } : {},
      "report-path": resolve2(ctx.outDir, "ModelCard.json")
    },
    summary: markdown,
    headline: comment ? `Model card ${comment.created ? "posted" : "updated"} on ${ctx.platform.name === "gitlab" ? "merge" : "pull"} request ${pr}.` : post ? "Model card written (no pull request in this run, so no comment)." : "Model card written to ModelCard.json for a workflow_run job to post."
  };
}
async function promoteMode(ctx) {
  const name = modelNameOf(ctx.config, {}, ctx.model);
  if (!ctx.version)
    throw new MlopsError("Promote needs the version to promote.", { kind: "usage", hint: "Set `version`." });
  const change = ctx.change ?? "assign";
  const promotion = await openPromotion(ctx.platform, {
    repoDir: ctx.cwd,
    name,
    version: ctx.version,
    ...ctx.stage ? { stage: ctx.stage } : {},
    action: change,
    config: ctx.config.registry,
    ...ctx.platform.context.actor ? { requestedBy: ctx.platform.context.actor } : {}
  });
  const { plan } = promotion;
  const report = {
    ...envelope("Promotion"),
    model: name,
    action: change,
    version: ctx.version,
    ...plan.stage ? { stage: plan.stage } : {},
    ...plan.current ? { currentHolder: plan.current.version } : {},
    branch: plan.head,
    base: plan.base,
    commit: plan.commit,
    pushed: plan.pushed,
    title: plan.title,
    body: promotion.body,
    ...promotion.pullRequest ? { pullRequest: promotion.pullRequest } : {},
    ...promotion.newPullRequestUrl ? { newPullRequestUrl: promotion.newPullRequestUrl } : {}
  };
  await writeReport(ctx.outDir, promotionRenderer, report);
  const where = promotion.pullRequest && ctx.platform.name === "local" ? `pushed branch ${plan.head} (pull request #${promotion.pullRequest.number} recorded in .mlops/local/platform.json): open a pull request from it into ${plan.base}` : promotion.pullRequest ? `opened ${promotion.pullRequest.url ?? `#${promotion.pullRequest.number}`}` : plan.pushed ? `pushed branch ${plan.head}: open a pull request from it into ${plan.base}${promotion.newPullRequestUrl ? ` (${promotion.newPullRequestUrl})` : ""}` : `created branch ${plan.head}: merge it into ${plan.base} (git merge --no-ff ${plan.head}) after review`;
  return {
    exitCode: ExitCode.Passed,
    outputs: {
      branch: plan.head,
      ...promotion.pullRequest?.url ? { "pull-request-url": promotion.pullRequest.url } : {},
      ...promotion.newPullRequestUrl ? { "new-pull-request-url": promotion.newPullRequestUrl } : {},
      "report-path": resolve2(ctx.outDir, "Promotion.json")
    },
    summary: `**${plan.title}**: ${where}.

${promotion.body}`,
    headline: `${plan.title}: ${where}.`
  };
}
async function applyStagesMode(ctx) {
  const ref = ctx.platform.context.ref;
  const { changes, plannedFrom } = await applyStages({
    repoDir: ctx.cwd,
    allowedStages: ctx.config.registry.stages,
    ...ctx.platform.context.actor ? { mergedBy: ctx.platform.context.actor } : {},
    ...ref.startsWith("refs/heads/") ? { branch: ref.slice("refs/heads/".length) } : {},
    mergedPullRequest: (commit) => ctx.platform.mergedPullRequest(commit),
    warn: (message) => ctx.platform.log.warning(message)
  });
  if (plannedFrom) {
    ctx.platform.log.info(
      `This run checked out ${plannedFrom.checkout.slice(0, 12)}; ${plannedFrom.branch} is at ${plannedFrom.tip.slice(0, 12)}, so the stages were read from there.`
    );
  }
  const report = { ...envelope("StageChanges"), changes };
  await writeReport(ctx.outDir, stageChangesRenderer, report);
  const first = changes.find((c) => c.kind === "assign");
  return {
    exitCode: ExitCode.Passed,
    outputs: {
      changes: JSON.stringify(changes),
      ...first ? { version: first.version, stage: first.stage, tag: first.tag, model: first.model } : {},
      "report-path": resolve2(ctx.outDir, "StageChanges.json")
    },
    summary: stageChangesRenderer.markdown(report, "summary"),
    headline: changes.length ? `Applied ${changes.length} stage change(s): ${changes.map((c) => c.tag).join(", ")}.` : "No stage changes to apply."
  };
}
function resolveMode(mode, platform, pullRequest) {
  if (mode !== "auto") return mode;
  const c = platform.context;
  if (c.event === "pull_request" || (pullRequest ?? c.pullRequest) !== void 0) return "comment";
  if (c.ref === `refs/heads/${c.defaultBranch}` || c.platform === "local") return "register";
  return void 0;
}

// src/actions/register-model.ts
var registerModelAction = defineAction({
  name: "register-model",
  title: "Register model",
  description: "The Git repository is the model registry: post the model card on the pull request, register versions with GTO-compatible tags, and promote through reviewed pull requests.",
  icon: "package",
  color: "orange",
  inputs: {
    ...commonInputs,
    mode: {
      description: "`auto` (comment on PRs, register on the default branch), `comment`, `card` (write ModelCard.json only, for fork PRs), `register`, `promote` or `apply-stages`.",
      default: "auto",
      type: "choice",
      choices: ["auto", "comment", "card", "register", "promote", "apply-stages"]
    },
    model: { description: "ONNX model to register (default: the TrainRun artifact); model name in promote mode." },
    "train-run": { description: "TrainRun JSON of the model. Default: `.mlops/out/TrainRun.json`." },
    evaluation: { description: "EvaluationReport JSON. Default: `.mlops/out/EvaluationReport.json`." },
    validation: { description: "ValidationReport JSON. Default: `.mlops/out/ValidationReport.json`." },
    version: { description: "Version to promote (promote mode) or to force (register mode)." },
    bump: {
      description: "Override the version rule: `major`, `minor` or `patch`.",
      type: "choice",
      choices: ["major", "minor", "patch"]
    },
    stage: { description: "Stage to promote to or demote from (promote mode)." },
    change: {
      description: "Promote mode: `assign` a stage, `unassign` it (demote) or `deprecate` the version.",
      default: "assign",
      type: "choice",
      choices: ["assign", "unassign", "deprecate"]
    },
    "reference-profile": { description: "Reference profile JSON to store with the version (for drift-check)." },
    card: {
      description: "Comment mode in a `workflow_run` job: the ModelCard.json uploaded by the (fork) pull_request run; it is validated and re-rendered, never run."
    },
    "pull-request": {
      description: "Comment mode: the PR/MR number, when the event does not carry it (`workflow_run`)."
    },
    token: { description: "Token for the platform API.", workflowDefault: "${{ github.token }}" }
  },
  outputs: {
    version: { description: "Registered (or promoted) version." },
    tag: { description: "Git tag: `<model>@v<version>` (register) or `<model>#<stage>#<n>` (apply-stages)." },
    status: { description: "`registered`, or `existing` when this model was already registered." },
    "artifact-url": { description: "Where the model artifact is stored." },
    "comment-url": { description: "URL of the model card comment." },
    branch: { description: "Promote mode: the branch holding the stages.yaml change." },
    "pull-request-url": { description: "Promote mode: the opened pull request." },
    "new-pull-request-url": {
      description: "Promote mode: a link that opens the pull/merge request form for the pushed branch."
    },
    model: { description: "Apply-stages mode: model of the first stage assignment." },
    stage: { description: "Apply-stages mode: stage of the first assignment (start its deployment)." },
    changes: { description: "Apply-stages mode: JSON list of the applied changes." },
    "report-path": { description: "Path of the report JSON." }
  },
  async run({ platform, inputs, cwd, outDir, config }) {
    const pullRequest = inputs.number("pull-request");
    const mode = resolveMode(inputs.choice("mode"), platform, pullRequest);
    if (!mode) {
      return {
        exitCode: ExitCode.Passed,
        outputs: {},
        headline: "Not a pull request or the default branch: nothing to do."
      };
    }
    const bump = inputs.optional("bump") ? inputs.choice("bump") : void 0;
    const ctx = {
      platform,
      cwd,
      outDir,
      config: (await config()).config,
      model: inputs.optional("model"),
      trainRun: inputs.optional("train-run"),
      evaluation: inputs.optional("evaluation"),
      validation: inputs.optional("validation"),
      version: inputs.optional("version"),
      stage: inputs.optional("stage"),
      change: inputs.choice("change"),
      referenceProfile: inputs.optional("reference-profile"),
      card: inputs.optional("card"),
      ...pullRequest !== void 0 ? { pullRequest } : {},
      ...bump ? { bump } : {}
    };
    const byMode = {
      card: (c) => commentMode(c, false),
      register: registerMode,
      comment: commentMode,
      promote: promoteMode,
      "apply-stages": applyStagesMode
    };
    return byMode[mode](ctx);
  }
});

export {
  registerModelAction
};
//# sourceMappingURL=chunk-P7LEK2I6.js.map
