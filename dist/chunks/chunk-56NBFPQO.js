import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  normalSf
} from "./chunk-PFRV2C25.js";
import {
  identityEnv
} from "./chunk-7RY4YAIK.js";
import {
  chiSquareContingency
} from "./chunk-MVLSN2KH.js";
import {
  fetchModelArtifact,
  resolveModelRef
} from "./chunk-UYFNVHA4.js";
import {
  emptyStages,
  formatStages,
  formatTag,
  formatTagMessage,
  git,
  gitOk,
  gitRaw,
  hasRemote,
  listTags,
  parseStages,
  parseTag,
  parseTagMessage,
  readModel,
  stagesFile,
  versionTagName
} from "./chunk-RHXVXVBD.js";
import {
  barChart,
  code,
  commonInputs,
  defineAction,
  envelope,
  fmt,
  heading,
  renderMarkdown,
  reportEnvelope,
  table,
  writeReport
} from "./chunk-XTHX7C6R.js";
import {
  external_exports
} from "./chunk-2342GB6D.js";
import {
  sha256File,
  writeFileAtomic
} from "./chunk-5AAGF42O.js";
import {
  ExitCode,
  MlopsError
} from "./chunk-FZ3ZHXNS.js";

// src/core/deploy/render.ts
var OUTCOME = {
  promoted: "\u2705 promoted",
  "rolled-back": "\u274C rolled back",
  "in-progress": "\u23F3 in progress"
};
var VERDICT = {
  pass: "\u2705 pass",
  fail: "\u274C fail",
  inconclusive: "\u2754 inconclusive"
};
function value(check, v) {
  if (v === null) return "\u2014";
  if (check.name === "error-rate" || check.name === "rejected-requests" || check.name === "live-quality" && v <= 1)
    return `${(v * 100).toFixed(2)}%`;
  if (check.name === "latency-p95") return `${fmt(v, 3)} ms`;
  return fmt(v);
}
function checksTable(run) {
  const order = { fail: 0, inconclusive: 1, pass: 2 };
  const rows = [...run.checks].sort((a, b) => order[a.verdict] - order[b.verdict]).map((c) => [
    c.name,
    VERDICT[c.verdict],
    value(c, c.stable),
    value(c, c.canary),
    c.pValue === void 0 || c.pValue === null ? "\u2014" : fmt(c.pValue, 3),
    `${c.samples.stable} / ${c.samples.canary}`,
    c.message
  ]);
  return table(["Check", "Verdict", "Stable", "Canary", "p-value", "Samples (stable / canary)", "Why"], rows);
}
function lastAnalysis(d) {
  for (let i = d.steps.length - 1; i >= 0; i--) {
    const run = d.steps[i].analyses.at(-1);
    if (run) return { step: i, run };
  }
  return void 0;
}
function markdown(d) {
  const out = [];
  const baseline = d.baseline ? `${d.baseline.version}` : "nothing";
  out.push(heading(2, `Deployment of ${d.model} ${d.version.version} to ${d.environment}: ${OUTCOME[d.outcome]}`));
  out.push(d.reason);
  out.push(
    `Mode ${code(d.mode)} on ${d.target.kind} ${code(d.target.address)}; judged against ${code(baseline)}; failure limit ${d.plan.failureLimit}, analysis every ${d.plan.intervalSeconds} s.`
  );
  const last = lastAnalysis(d);
  if (last) {
    out.push(heading(3, `Analysis at step ${last.step + 1} (${last.run.verdict})`));
    out.push(checksTable(last.run));
  }
  out.push(heading(3, "Steps"));
  out.push(
    table(
      ["Step", "Weight", "Status", "Analyses", "Failed", "Started", "Finished"],
      d.steps.map((s) => [
        s.index + 1,
        `${s.weight}%`,
        s.status,
        s.analyses.length,
        s.failures,
        s.startedAt ?? "\u2014",
        s.finishedAt ?? "\u2014"
      ]),
      ["right", "right", "left", "right", "right", "left", "left"]
    )
  );
  const reached = d.steps.filter((s) => s.status !== "pending");
  if (reached.length > 1) {
    out.push(
      barChart(
        "Canary traffic per step",
        reached.map((s) => `step ${s.index + 1}`),
        reached.map((s) => s.weight),
        "%"
      )
    );
  }
  if (d.git.stageTag || d.git.commit) {
    out.push(
      `Recorded in Git: commit ${code(d.git.commit ?? "\u2014")}${d.git.stageTag ? `, stage tag ${code(d.git.stageTag)}` : ""}.`
    );
  }
  return out.join("\n\n");
}
function checks(d) {
  const results = d.steps.map((s) => ({
    suite: "deployment",
    name: `step ${s.index + 1} (${s.weight}%)`,
    status: s.status === "failed" ? "fail" : s.status === "passed" ? "pass" : s.status === "inconclusive" ? "warn" : "skip",
    message: `${s.status}; ${s.analyses.length} analyses, ${s.failures} failed`,
    details: s.analyses.at(-1)?.checks.map((c) => `${c.name}: ${c.verdict}: ${c.message}`).join("\n")
  }));
  results.push({
    suite: "deployment",
    name: "outcome",
    status: d.outcome === "rolled-back" ? "fail" : d.outcome === "promoted" ? "pass" : "warn",
    message: d.reason
  });
  return results;
}
var deploymentRenderer = {
  kind: "Deployment",
  title: "Deployment",
  markdown: (d) => markdown(d),
  checks
};

// src/core/deploy/run.ts
import { join as join3, resolve } from "node:path";

// src/core/deploy/gitops.ts
import { existsSync as existsSync2 } from "node:fs";
import { readFile as readFile2 } from "node:fs/promises";
import { join as join2 } from "node:path";

// src/core/deploy/record.ts
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

// src/core/deploy/report.ts
var analysisVerdict = external_exports.enum(["pass", "fail", "inconclusive"]);
var analysisCheck = external_exports.object({
  /** error-rate | latency-p95 | rejected-requests | prediction-shift | live-quality */
  name: external_exports.string(),
  verdict: analysisVerdict,
  message: external_exports.string(),
  stable: external_exports.number().nullable(),
  canary: external_exports.number().nullable(),
  /** The limit the canary value was compared with (absolute, or a p-value threshold for tests). */
  threshold: external_exports.number().nullable(),
  /** p-value of a statistical test when one was used (Mann-Whitney U, chi-square). */
  pValue: external_exports.number().nullable().optional(),
  statistic: external_exports.number().nullable().optional(),
  samples: external_exports.object({ stable: external_exports.number().int(), canary: external_exports.number().int() })
});
var analysisRun = external_exports.object({
  at: external_exports.string(),
  verdict: analysisVerdict,
  checks: external_exports.array(analysisCheck)
});
var deploymentStep = external_exports.object({
  index: external_exports.number().int(),
  /** Share of traffic (0..100) sent to the canary during this step. */
  weight: external_exports.number().min(0).max(100),
  status: external_exports.enum(["pending", "running", "passed", "failed", "inconclusive", "skipped"]),
  startedAt: external_exports.string().optional(),
  finishedAt: external_exports.string().optional(),
  /** Analysis runs made during the step, at the plan's interval. */
  analyses: external_exports.array(analysisRun),
  /** Failed analyses counted toward the plan's failure limit. */
  failures: external_exports.number().int()
});
var deploymentOutcome = external_exports.enum(["promoted", "rolled-back", "in-progress"]);
var modelRefSummary = external_exports.object({
  name: external_exports.string(),
  version: external_exports.string(),
  sha256: external_exports.string().optional(),
  /** The reference the user gave (penguins@v1.2.0, penguins#staging, a path). */
  ref: external_exports.string().optional()
});
var deployment = reportEnvelope.extend({
  kind: external_exports.literal("Deployment"),
  /** Stable id: <environment>-<model>-<version>-<started timestamp>. */
  id: external_exports.string(),
  model: external_exports.string(),
  environment: external_exports.string(),
  /** The version rolled out (canary) and the one it is judged against (stable). */
  version: modelRefSummary,
  baseline: modelRefSummary.nullable(),
  target: external_exports.object({
    kind: external_exports.enum(["server", "kserve"]),
    /** Admin URL of the server, or namespace/name of the InferenceService. */
    address: external_exports.string()
  }),
  mode: external_exports.enum(["canary", "shadow", "ab"]),
  plan: external_exports.object({
    steps: external_exports.array(external_exports.object({ weight: external_exports.number(), durationSeconds: external_exports.number() })),
    intervalSeconds: external_exports.number(),
    failureLimit: external_exports.number().int()
  }),
  steps: external_exports.array(deploymentStep),
  /** Index of the step in progress (one-step-per-invocation mode resumes here). */
  currentStep: external_exports.number().int(),
  outcome: deploymentOutcome,
  /** Why it ended the way it did (or where it stands). */
  reason: external_exports.string(),
  startedAt: external_exports.string(),
  updatedAt: external_exports.string(),
  finishedAt: external_exports.string().optional(),
  /** Git side of the outcome: the stage tag written, the commit holding this record. */
  git: external_exports.object({
    stageTag: external_exports.string().optional(),
    commit: external_exports.string().optional()
  }).default({}),
  /** Platform deployment id (GitHub Deployments API / GitLab deployment) and rollback issue. */
  platformDeploymentId: external_exports.number().int().optional(),
  issue: external_exports.object({ number: external_exports.number().int(), url: external_exports.string().optional() }).optional()
});

// src/core/deploy/record.ts
var DEPLOYMENTS_DIR = ".mlops/deployments";
function recordPath(environment, id) {
  return `${DEPLOYMENTS_DIR}/${environment}/${id}.json`;
}
function newDeployment(input) {
  const at = input.now.toISOString();
  const stamp = at.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return {
    ...envelope("Deployment"),
    id: `${input.version.name}-${input.version.version}-${stamp}`,
    model: input.version.name,
    environment: input.environment,
    version: {
      name: input.version.name,
      version: input.version.version,
      sha256: input.version.sha256,
      ref: input.version.ref
    },
    baseline: input.baseline,
    target: input.target,
    mode: input.mode,
    plan: {
      steps: input.config.steps.map((s) => ({ weight: s.weight, durationSeconds: s.duration })),
      intervalSeconds: input.config.analysis.interval,
      failureLimit: input.config.analysis.failureLimit
    },
    steps: input.config.steps.map((s, index) => ({
      index,
      weight: s.weight,
      status: "pending",
      analyses: [],
      failures: 0
    })),
    currentStep: 0,
    outcome: "in-progress",
    reason: "Starting.",
    startedAt: at,
    updatedAt: at,
    git: {}
  };
}
async function readRecord(file) {
  const parsed = deployment.safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MlopsError(`${file} is not a Deployment record: ${issue?.path.join(".")}: ${issue?.message}`, {
      kind: "input",
      where: { file }
    });
  }
  return parsed.data;
}
async function findInProgress(repoDir, environment, model) {
  const dir = join(repoDir, DEPLOYMENTS_DIR, environment);
  if (!existsSync(dir)) return void 0;
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  for (const f of files.reverse()) {
    const record = await readRecord(join(dir, f));
    if (record.model === model && record.outcome === "in-progress") return record;
  }
  return void 0;
}
async function listRecords(repoDir, environment) {
  const dir = join(repoDir, DEPLOYMENTS_DIR, environment);
  if (!existsSync(dir)) return [];
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  return Promise.all(files.map((f) => readRecord(join(dir, f))));
}

// src/core/deploy/gitops.ts
async function currentStageTag(repoDir, model, stage) {
  const tags = await listTags(repoDir, `${model}[@#]*`);
  const versionOfCommit = /* @__PURE__ */ new Map();
  for (const t of tags) {
    const e = parseTag(t.name);
    if (e?.kind === "register" && e.name === model && t.annotated) versionOfCommit.set(t.commit, e.version);
  }
  let latest;
  let maxN = 0;
  for (const t of tags) {
    const e = parseTag(t.name);
    if (!t.annotated || !e || e.name !== model || e.kind !== "assign" && e.kind !== "unassign" || e.stage !== stage)
      continue;
    const n = e.counter ?? 0;
    maxN = Math.max(maxN, n);
    if (!latest || n >= latest.n) {
      latest = {
        n,
        version: parseTagMessage(t.message).version ?? versionOfCommit.get(t.commit),
        assigned: e.kind === "assign"
      };
    }
  }
  return { latest, next: maxN + 1 };
}
async function moveStage(repoDir, record, stage, version, env) {
  const files = [];
  const file = stagesFile(record.model);
  const abs = join2(repoDir, file);
  const doc = existsSync2(abs) ? parseStages(await readFile2(abs, "utf8"), file, record.model) : emptyStages(record.model);
  if (doc.stages[stage] !== version) {
    doc.stages[stage] = version;
    await writeFileAtomic(abs, formatStages(doc));
    files.push(file);
  }
  const versionTag = versionTagName(record.model, version);
  const target = await gitRaw(repoDir, ["rev-parse", "--verify", "--quiet", `refs/tags/${versionTag}^{commit}`]);
  if (target.code !== 0) return { files, tag: void 0, note: `no tag ${versionTag}, so no stage tag was written` };
  const { latest, next } = await currentStageTag(repoDir, record.model, stage);
  if (latest?.assigned && latest.version === version) return { files, tag: void 0 };
  const tag = formatTag({ kind: "assign", name: record.model, stage, counter: next });
  const verb = record.outcome === "promoted" ? "promoted to" : "restored in";
  const message = formatTagMessage(`${record.model} ${version} ${verb} ${stage} by deploy-canary (${record.id})`, {
    version,
    approvedBy: [],
    requestedBy: "deploy-canary"
  });
  await git(repoDir, ["tag", "-a", tag, target.stdout.trim(), "-F", "-"], { env, input: message });
  return { files, tag };
}
async function writeBack(repoDir, record, stage) {
  const path = recordPath(record.environment, record.id);
  const isRepo = await gitOk(repoDir, ["rev-parse", "--git-dir"]);
  const env = isRepo ? await identityEnv(repoDir) : {};
  const paths = [path];
  let note;
  const holder = record.outcome === "promoted" ? record.version.version : record.outcome === "rolled-back" ? record.baseline?.version : void 0;
  if (holder && isRepo) {
    const moved = await moveStage(repoDir, record, stage, holder, env);
    paths.push(...moved.files);
    if (moved.tag) record.git = { ...record.git, stageTag: moved.tag };
    note = moved.note;
  }
  await writeFileAtomic(join2(repoDir, path), `${JSON.stringify(record, null, 2)}
`);
  if (!isRepo) return { pushed: false, note: "not a git repository; the record was written but not committed" };
  const stageTag = record.git.stageTag;
  await git(repoDir, ["add", "--", ...paths], { env });
  const subject = record.outcome === "in-progress" ? `deploy(${record.environment}): ${record.model} ${record.version.version} step ${record.currentStep + 1}/${record.steps.length}` : `deploy(${record.environment}): ${record.model} ${record.version.version} ${record.outcome}`;
  const commitResult = await gitRaw(
    repoDir,
    ["commit", "--only", "-q", "-m", subject, "-m", record.reason, "--", ...paths],
    { env }
  );
  if (commitResult.code !== 0 && !/nothing (added )?to commit|no changes added/.test(commitResult.stdout + commitResult.stderr)) {
    throw new MlopsError(
      `Could not commit the Deployment record: ${(commitResult.stderr || commitResult.stdout).trim()}`,
      {
        kind: "internal",
        where: { file: path }
      }
    );
  }
  const commit = await git(repoDir, ["rev-parse", "HEAD"]);
  let pushed = false;
  if (await hasRemote(repoDir)) {
    const branch = (await gitRaw(repoDir, ["symbolic-ref", "--quiet", "--short", "HEAD"])).stdout.trim();
    const refs = [...branch ? [`HEAD:refs/heads/${branch}`] : [], ...stageTag ? [`refs/tags/${stageTag}`] : []];
    if (refs.length > 0) {
      const push = await gitRaw(repoDir, ["push", "--atomic", "-q", "origin", ...refs], { env });
      if (push.code !== 0) {
        throw new MlopsError(
          `The rollout ended (${record.outcome}) but pushing its record failed: ${push.stderr.trim()}`,
          {
            kind: "api",
            where: { file: path },
            hint: "Give the job permission to push (contents: write) and re-run; the record and tag are in the local clone."
          }
        );
      }
      pushed = true;
    }
  }
  return { commit, stageTag, pushed, note };
}

// src/core/deploy/kserve-provider.ts
import { existsSync as existsSync3, readFileSync } from "node:fs";

// src/core/deploy/observations.ts
function emptyObservations() {
  return {
    requests: 0,
    errors: 0,
    rejected: 0,
    latenciesMs: [],
    labels: {},
    values: [],
    feedback: { n: 0, correct: 0, absErrorSum: 0, absErrorSqSum: 0 }
  };
}

// src/core/deploy/kserve-provider.ts
var SA_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";
var ANNOTATION = {
  stable: "mlops-actions.dev/stable-version",
  canary: "mlops-actions.dev/canary-version",
  stableUri: "mlops-actions.dev/stable-storage-uri"
};
var inferenceService = external_exports.object({
  metadata: external_exports.object({ name: external_exports.string(), annotations: external_exports.record(external_exports.string(), external_exports.string()).optional() }),
  spec: external_exports.object({
    predictor: external_exports.object({
      canaryTrafficPercent: external_exports.number().optional(),
      model: external_exports.object({ storageUri: external_exports.string().optional() }).passthrough().optional()
    }).passthrough()
  })
});
var promResponse = external_exports.object({
  status: external_exports.literal("success"),
  data: external_exports.object({
    resultType: external_exports.enum(["vector", "matrix", "scalar", "string"]),
    result: external_exports.array(
      external_exports.object({
        metric: external_exports.record(external_exports.string(), external_exports.string()),
        value: external_exports.tuple([external_exports.number(), external_exports.string()]).optional(),
        values: external_exports.array(external_exports.tuple([external_exports.number(), external_exports.string()])).optional()
      })
    )
  })
});
var KServeProvider = class {
  constructor(target, env, fetchImpl = fetch) {
    this.target = target;
    this.fetchImpl = fetchImpl;
    const inCluster = env.KUBERNETES_SERVICE_HOST ? `https://${env.KUBERNETES_SERVICE_HOST}:${env.KUBERNETES_SERVICE_PORT ?? "443"}` : void 0;
    const api = target.apiServer ?? env.MLOPS_KUBE_API ?? inCluster;
    if (!api) {
      throw new MlopsError("No Kubernetes API server for the KServe target.", {
        kind: "config",
        hint: "Set deploy.target.apiServer, MLOPS_KUBE_API, or run inside the cluster."
      });
    }
    this.apiServer = api.replace(/\/$/, "");
    this.token = env[target.tokenEnv] ?? (existsSync3(SA_TOKEN) ? readFileSync(SA_TOKEN, "utf8").trim() : void 0);
  }
  target;
  fetchImpl;
  kind = "kserve";
  apiServer;
  token;
  get address() {
    return `${this.target.namespace}/${this.target.name}`;
  }
  get path() {
    const ns = encodeURIComponent(this.target.namespace);
    return `/apis/serving.kserve.io/v1beta1/namespaces/${ns}/inferenceservices/${encodeURIComponent(this.target.name)}`;
  }
  async kube(method, body) {
    const headers = { accept: "application/json" };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== void 0) headers["content-type"] = "application/merge-patch+json";
    const url = `${this.apiServer}${this.path}`;
    let res;
    try {
      res = await this.fetchImpl(url, { method, headers, body: body === void 0 ? void 0 : JSON.stringify(body) });
    } catch (error) {
      throw new MlopsError(`Cannot reach the Kubernetes API at ${this.apiServer}: ${error.message}`, {
        kind: "api"
      });
    }
    const text = await res.text();
    if (!res.ok) {
      let message = text;
      try {
        message = JSON.parse(text).message ?? text;
      } catch {
      }
      throw new MlopsError(`Kubernetes API ${method} ${this.path}: ${res.status} ${message}`, {
        kind: "api",
        hint: res.status === 403 ? "The service account needs get and patch on inferenceservices.serving.kserve.io in that namespace." : res.status === 404 ? "Check deploy.target.namespace and name: the InferenceService must exist with the stable version." : void 0
      });
    }
    const parsed = inferenceService.safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new MlopsError("The Kubernetes API answered with something that is not an InferenceService.", {
        kind: "api"
      });
    return parsed.data;
  }
  async state() {
    const isvc = await this.kube("GET");
    const a = isvc.metadata.annotations ?? {};
    const weight = isvc.spec.predictor.canaryTrafficPercent;
    const canaryVersion = a[ANNOTATION.canary];
    return {
      stable: a[ANNOTATION.stable] ? { version: a[ANNOTATION.stable] } : { version: isvc.spec.predictor.model?.storageUri ?? "unknown" },
      canary: canaryVersion && weight !== void 0 ? { version: canaryVersion } : null,
      weight: canaryVersion ? weight ?? 0 : 0
    };
  }
  storageUri(version) {
    const template = this.target.storageUriTemplate;
    if (!template) {
      if (version.ref?.includes("://")) return version.ref;
      throw new MlopsError("KServe needs a storageUri for the new version.", {
        kind: "config",
        hint: "Set deploy.target.storageUriTemplate, e.g. s3://models/{model}/{version}/model.onnx."
      });
    }
    return template.replaceAll("{model}", version.name).replaceAll("{version}", version.version).replaceAll("{sha256}", version.sha256 ?? "");
  }
  async startCanary(version, _mode) {
    const current = await this.kube("GET");
    const a = current.metadata.annotations ?? {};
    await this.kube("PATCH", {
      metadata: {
        annotations: {
          [ANNOTATION.canary]: version.version,
          [ANNOTATION.stable]: a[ANNOTATION.stable] ?? current.spec.predictor.model?.storageUri ?? "unknown",
          [ANNOTATION.stableUri]: current.spec.predictor.model?.storageUri ?? ""
        }
      },
      spec: { predictor: { canaryTrafficPercent: 0, model: { storageUri: this.storageUri(version) } } }
    });
  }
  async setWeight(_model, weight) {
    await this.kube("PATCH", { spec: { predictor: { canaryTrafficPercent: Math.round(weight) } } });
  }
  async promote() {
    const current = await this.kube("GET");
    const a = current.metadata.annotations ?? {};
    await this.kube("PATCH", {
      metadata: {
        annotations: {
          [ANNOTATION.stable]: a[ANNOTATION.canary] ?? null,
          [ANNOTATION.canary]: null,
          [ANNOTATION.stableUri]: null
        }
      },
      spec: { predictor: { canaryTrafficPercent: null } }
    });
  }
  async rollback() {
    const current = await this.kube("GET");
    const a = current.metadata.annotations ?? {};
    await this.kube("PATCH", {
      metadata: { annotations: { [ANNOTATION.canary]: null } },
      spec: {
        predictor: {
          canaryTrafficPercent: 0,
          ...a[ANNOTATION.stableUri] ? { model: { storageUri: a[ANNOTATION.stableUri] } } : {}
        }
      }
    });
  }
  async prom(path, params) {
    const url = new URL(`${this.target.prometheus.replace(/\/$/, "")}/api/v1/${path}`);
    const res = await this.fetchImpl(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(params).toString()
    }).catch((error) => {
      throw new MlopsError(`Cannot reach Prometheus at ${this.target.prometheus}: ${error.message}`, { kind: "api" });
    });
    const json = await res.json().catch(() => ({}));
    const parsed = promResponse.safeParse(json);
    if (!res.ok || !parsed.success) {
      throw new MlopsError(
        `Prometheus ${path} failed (${res.status}): ${json.error ?? "unexpected answer"}`,
        {
          kind: "api",
          found: params.query
        }
      );
    }
    return parsed.data.data.result;
  }
  async variant(selector, since, until) {
    const window = `${Math.max(1, Math.round((until - since) / 1e3))}s`;
    const time = String(until / 1e3);
    const scalar = async (q) => {
      const result = await this.prom("query", { query: q, time });
      return Number(result[0]?.value?.[1] ?? 0) || 0;
    };
    const byLabel = async (q, label) => {
      const out = {};
      for (const r of await this.prom("query", { query: q, time })) {
        const v = Number(r.value?.[1] ?? 0);
        if (Number.isFinite(v) && v > 0) out[r.metric[label] ?? ""] = Math.round(v);
      }
      return out;
    };
    const obs = emptyObservations();
    obs.requests = Math.round(await scalar(`sum(increase(mlops_requests_total{${selector}}[${window}]))`));
    obs.errors = Math.round(
      await scalar(`sum(increase(mlops_request_errors_total{${selector},reason="inference"}[${window}]))`)
    );
    const step = Math.max(1, Math.round((until - since) / 1e3 / 30));
    const series = await this.prom("query_range", {
      query: `histogram_quantile(0.95, sum by (le) (rate(mlops_request_duration_seconds_bucket{${selector}}[1m])))`,
      start: String(since / 1e3),
      end: time,
      step: `${step}s`
    });
    obs.latenciesMs = (series[0]?.values ?? []).map(([, v]) => Number(v) * 1e3).filter((v) => Number.isFinite(v));
    obs.labels = await byLabel(`sum by (class) (increase(mlops_predictions_total{${selector}}[${window}]))`, "class");
    const fb = await byLabel(`sum by (outcome) (increase(mlops_feedback_total{${selector}}[${window}]))`, "outcome");
    obs.feedback = { n: (fb.correct ?? 0) + (fb.incorrect ?? 0), correct: fb.correct ?? 0, absErrorSum: 0 };
    return obs;
  }
  async observe(_model, since, until) {
    return {
      stable: await this.variant(this.target.stableSelector, since, until),
      canary: await this.variant(this.target.canarySelector, since, until)
    };
  }
};

// src/core/stats/mann-whitney.ts
function mannWhitneyU(x, y, alternative = "two-sided", continuity = true) {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) return { u: Number.NaN, pValue: Number.NaN, effect: Number.NaN, n1, n2 };
  const n = n1 + n2;
  const all = new Float64Array(n);
  const fromX = new Uint8Array(n);
  for (let i = 0; i < n1; i++) all[i] = x[i];
  for (let i = 0; i < n2; i++) all[n1 + i] = y[i];
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => all[a] - all[b]);
  for (let i = 0; i < n1; i++) fromX[i] = 1;
  let rankSumX = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && all[order[j + 1]] === all[order[i]]) j++;
    const t = j - i + 1;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (fromX[order[k]]) rankSumX += rank;
    if (t > 1) tieTerm += t * t * t - t;
    i = j + 1;
  }
  const u1 = rankSumX - n1 * (n1 + 1) / 2;
  const u2 = n1 * n2 - u1;
  let u;
  let factor = 1;
  if (alternative === "greater") u = u1;
  else if (alternative === "less") u = u2;
  else {
    u = Math.max(u1, u2);
    factor = 2;
  }
  const mu = n1 * n2 / 2;
  const s = Math.sqrt(n1 * n2 / 12 * (n + 1 - tieTerm / (n * (n - 1))));
  const numerator = u - mu - (continuity ? 0.5 : 0);
  const z = s === 0 ? numerator > 0 ? Number.POSITIVE_INFINITY : numerator < 0 ? Number.NEGATIVE_INFINITY : Number.NaN : numerator / s;
  const p = Number.isNaN(z) ? 1 : Math.min(1, Math.max(0, normalSf(z) * factor));
  return { u: u1, pValue: p, effect: u1 / (n1 * n2), n1, n2 };
}

// src/core/deploy/analysis.ts
function quantile(values, q) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
var samples = (o) => ({ stable: o.stable.requests, canary: o.canary.requests });
var rate = (v) => v.requests > 0 ? v.errors / v.requests : null;
var pct = (v) => v === null ? "n/a" : `${(v * 100).toFixed(2)}%`;
function rateExceeds(canary, stable, c) {
  const increase = canary - (stable ?? 0);
  return { failed: canary > c.max && increase > c.maxIncrease, increase };
}
function errorRateCheck(o, c, minRequests) {
  const stable = rate(o.stable);
  const canary = rate(o.canary);
  const base = { name: "error-rate", stable, canary, threshold: c.max, samples: samples(o) };
  if (o.canary.requests < minRequests || canary === null) {
    return {
      ...base,
      verdict: "inconclusive",
      message: `${o.canary.requests} canary requests; ${minRequests} needed.`
    };
  }
  const { failed, increase } = rateExceeds(canary, stable, c);
  return {
    ...base,
    verdict: failed ? "fail" : "pass",
    message: failed ? `Canary error rate ${pct(canary)} is above ${pct(c.max)} and ${pct(increase)} above stable.` : `Canary error rate ${pct(canary)} (stable ${pct(stable)}).`
  };
}
function rejectionCheck(o, c, minRequests) {
  const routedTo = (v) => v.requests + v.rejected;
  const share = (v) => routedTo(v) > 0 ? v.rejected / routedTo(v) : null;
  const stable = share(o.stable);
  const canary = share(o.canary);
  const routed = routedTo(o.canary);
  const base = {
    name: "rejected-requests",
    stable,
    canary,
    threshold: c.max,
    samples: { stable: routedTo(o.stable), canary: routed }
  };
  if (routed < minRequests || canary === null) {
    return { ...base, verdict: "inconclusive", message: `${routed} canary requests; ${minRequests} needed.` };
  }
  const { failed, increase } = rateExceeds(canary, stable, c);
  return {
    ...base,
    verdict: failed ? "fail" : "pass",
    message: failed ? `The canary refused ${pct(canary)} of its requests as invalid, ${pct(increase)} more than stable (${pct(stable)}).` : `Requests refused as invalid: canary ${pct(canary)}, stable ${pct(stable)}.`
  };
}
function latencyCheck(o, c, minRequests) {
  const stableP95 = quantile(o.stable.latenciesMs, 0.95);
  const canaryP95 = quantile(o.canary.latenciesMs, 0.95);
  const base = { name: "latency-p95", stable: stableP95, canary: canaryP95, threshold: c.alpha, samples: samples(o) };
  const enough = Math.min(minRequests, 20);
  if (o.canary.latenciesMs.length < enough || o.stable.latenciesMs.length < enough || stableP95 === null || canaryP95 === null) {
    return { ...base, verdict: "inconclusive", message: "Too few latency samples on one of the variants." };
  }
  const test = mannWhitneyU(o.canary.latenciesMs, o.stable.latenciesMs, "greater");
  const ratio = stableP95 > 0 ? canaryP95 / stableP95 : 1;
  const failed = test.pValue < c.alpha && ratio > c.maxRatio;
  return {
    ...base,
    pValue: test.pValue,
    statistic: test.u,
    verdict: failed ? "fail" : "pass",
    message: failed ? `Canary is slower: p95 ${canaryP95.toFixed(2)} ms vs ${stableP95.toFixed(2)} ms (x${ratio.toFixed(2)} > x${c.maxRatio}), Mann-Whitney p=${test.pValue.toExponential(2)}.` : `p95 ${canaryP95.toFixed(2)} ms vs stable ${stableP95.toFixed(2)} ms (x${ratio.toFixed(2)}), Mann-Whitney p=${test.pValue.toPrecision(3)}.`
  };
}
function predictionShiftCheck(o, c, minRequests) {
  const classes = [.../* @__PURE__ */ new Set([...Object.keys(o.stable.labels), ...Object.keys(o.canary.labels)])].sort();
  const base = { name: "prediction-shift", threshold: c.maxDistance, samples: samples(o) };
  if (classes.length > 0) {
    const s = classes.map((k2) => o.stable.labels[k2] ?? 0);
    const k = classes.map((k2) => o.canary.labels[k2] ?? 0);
    const ns = s.reduce((a, b) => a + b, 0);
    const nk = k.reduce((a, b) => a + b, 0);
    if (ns < minRequests || nk < minRequests) {
      return {
        ...base,
        stable: null,
        canary: null,
        verdict: "inconclusive",
        message: "Too few predictions to compare class shares."
      };
    }
    let tvd = 0;
    for (let i = 0; i < classes.length; i++) tvd += Math.abs(s[i] / ns - k[i] / nk) / 2;
    const test2 = classes.length > 1 ? chiSquareContingency([s, k]) : { statistic: 0, pValue: 1 };
    const failed2 = test2.pValue < c.alpha && tvd > c.maxDistance;
    return {
      ...base,
      stable: null,
      canary: tvd,
      pValue: test2.pValue,
      statistic: test2.statistic,
      verdict: failed2 ? "fail" : "pass",
      message: `Predicted-class shares differ by ${(tvd * 100).toFixed(1)} points (total variation), chi-square p=${test2.pValue.toPrecision(3)}.`
    };
  }
  if (o.stable.values.length < minRequests || o.canary.values.length < minRequests) {
    return { ...base, stable: null, canary: null, verdict: "inconclusive", message: "Too few predictions to compare." };
  }
  const test = mannWhitneyU(o.canary.values, o.stable.values, "two-sided");
  const distance = Math.abs(test.effect - 0.5) * 2;
  const failed = test.pValue < c.alpha && distance > c.maxDistance;
  return {
    ...base,
    stable: quantile(o.stable.values, 0.5),
    canary: quantile(o.canary.values, 0.5),
    pValue: test.pValue,
    statistic: test.u,
    verdict: failed ? "fail" : "pass",
    message: `Predicted values: Mann-Whitney p=${test.pValue.toPrecision(3)}, effect ${distance.toFixed(3)}.`
  };
}
function qualityCheck(o, c) {
  const fs = o.stable.feedback;
  const fc = o.canary.feedback;
  const base = { name: "live-quality", threshold: c.maxDrop, samples: { stable: fs.n, canary: fc.n } };
  if (fs.n < c.minFeedback || fc.n < c.minFeedback) {
    return {
      ...base,
      stable: fs.n ? fs.correct / fs.n : null,
      canary: fc.n ? fc.correct / fc.n : null,
      verdict: "inconclusive",
      message: `Feedback on ${fc.n} canary and ${fs.n} stable rows; ${c.minFeedback} each needed.`
    };
  }
  const regression = fs.correct === 0 && fc.correct === 0 && (fs.absErrorSum > 0 || fc.absErrorSum > 0);
  if (regression) {
    const ms = fs.absErrorSum / fs.n;
    const mc = fc.absErrorSum / fc.n;
    if (fs.absErrorSqSum === void 0 || fc.absErrorSqSum === void 0) {
      return {
        ...base,
        stable: ms,
        canary: mc,
        verdict: "inconclusive",
        message: `Mean absolute error ${mc.toPrecision(4)} vs stable ${ms.toPrecision(4)}; the target does not report the errors' spread, so the difference cannot be tested.`
      };
    }
    const variance = (sq, mean, n) => Math.max(0, (sq - n * mean * mean) / Math.max(1, n - 1));
    const se2 = Math.sqrt(variance(fs.absErrorSqSum, ms, fs.n) / fs.n + variance(fc.absErrorSqSum, mc, fc.n) / fc.n);
    const z2 = se2 > 0 ? (mc - ms) / se2 : 0;
    const p2 = se2 > 0 ? normalSf(z2) : mc > ms ? 0 : 1;
    const failed2 = mc > ms * (1 + c.maxDrop) && p2 < c.alpha;
    return {
      ...base,
      stable: ms,
      canary: mc,
      pValue: p2,
      statistic: z2,
      verdict: failed2 ? "fail" : "pass",
      message: failed2 ? `Canary mean absolute error ${mc.toPrecision(4)} is above stable's ${ms.toPrecision(4)} (p=${p2.toExponential(2)}).` : `Mean absolute error ${mc.toPrecision(4)} vs stable ${ms.toPrecision(4)} on live feedback.`
    };
  }
  const as = fs.correct / fs.n;
  const ac = fc.correct / fc.n;
  const pooled = (fs.correct + fc.correct) / (fs.n + fc.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / fs.n + 1 / fc.n));
  const z = se > 0 ? (as - ac) / se : 0;
  const p = se > 0 ? normalSf(z) : as > ac ? 0 : 1;
  const failed = as - ac > c.maxDrop && p < c.alpha;
  return {
    ...base,
    stable: as,
    canary: ac,
    pValue: p,
    statistic: z,
    verdict: failed ? "fail" : "pass",
    message: failed ? `Canary accuracy ${pct(ac)} is ${pct(as - ac)} below stable ${pct(as)} (p=${p.toExponential(2)}).` : `Canary accuracy ${pct(ac)} vs stable ${pct(as)} on live feedback.`
  };
}
function analyze(o, config, at = /* @__PURE__ */ new Date()) {
  const min = config.analysis.minRequests;
  const checks2 = [
    errorRateCheck(o, config.checks.errorRate, min),
    latencyCheck(o, config.checks.latency, min),
    rejectionCheck(o, config.checks.errorRate, min),
    predictionShiftCheck(o, config.checks.predictionShift, min),
    qualityCheck(o, config.checks.quality)
  ];
  let verdict = "pass";
  if (checks2.some((c) => c.verdict === "fail")) verdict = "fail";
  else if (checks2.slice(0, 2).some((c) => c.verdict === "inconclusive")) verdict = "inconclusive";
  return { at: at.toISOString(), verdict, checks: checks2 };
}

// src/core/deploy/rollout.ts
var realClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve2) => setTimeout(resolve2, ms))
};
function consecutiveInconclusive(step) {
  let n = 0;
  for (let i = step.analyses.length - 1; i >= 0 && step.analyses[i].verdict === "inconclusive"; i--) n++;
  return n;
}
function totalFailures(record) {
  return record.steps.reduce((sum, s) => sum + s.failures, 0);
}
async function assertCanaryIsOurs(record, provider) {
  const state = await provider.state(record.model);
  const canary = state.canary;
  const expected = record.version;
  const ours = canary !== null && canary.version === expected.version && (canary.sha256 === void 0 || expected.sha256 === void 0 || canary.sha256 === expected.sha256);
  if (ours) return;
  throw new MlopsError(
    `The canary of ${record.model} on ${provider.address} is ${canary ? canary.version : "gone"}, not ${expected.version}: the target changed outside this rollout, so it was left alone.`,
    {
      kind: "input",
      expected: `canary ${expected.version}${expected.sha256 ? ` (sha256 ${expected.sha256.slice(0, 12)})` : ""}`,
      found: canary ? `canary ${canary.version}${canary.sha256 ? ` (sha256 ${canary.sha256.slice(0, 12)})` : ""}` : "no canary",
      hint: "Find out who changed the target; then start the rollout again, or roll back by hand."
    }
  );
}
async function tick(record, provider, config, clock, hooks = {}) {
  if (record.outcome !== "in-progress") return false;
  await assertCanaryIsOurs(record, provider);
  const step = record.steps[record.currentStep];
  const iso = () => new Date(clock.now()).toISOString();
  const touch = () => {
    record.updatedAt = iso();
  };
  if (!step) {
    await provider.promote(record.model);
    record.outcome = "promoted";
    record.reason = `All ${record.steps.length} steps passed; ${record.version.version} is now stable.`;
    record.finishedAt = iso();
    touch();
    return true;
  }
  if (step.status === "pending") {
    await provider.setWeight(record.model, step.weight, record.mode);
    step.status = "running";
    step.startedAt = iso();
    record.reason = `Step ${step.index + 1}/${record.steps.length}: ${step.weight}% ${record.mode === "shadow" ? "mirrored" : "of traffic"} to ${record.version.version}.`;
    hooks.log?.(record.reason);
    touch();
    await hooks.onStep?.(record, step);
    return true;
  }
  const plan = record.plan.steps[step.index];
  const started = Date.parse(step.startedAt ?? iso());
  const elapsed = (clock.now() - started) / 1e3;
  if (plan.durationSeconds > 0) {
    const observed = await provider.observe(record.model, started, clock.now());
    const run = analyze(observed, config, new Date(clock.now()));
    step.analyses.push(run);
    touch();
    hooks.log?.(
      `Step ${step.index + 1} analysis: ${run.verdict} (${run.checks.map((c) => `${c.name} ${c.verdict}`).join(", ")})`
    );
    if (run.verdict === "fail") {
      step.failures++;
      if (totalFailures(record) > record.plan.failureLimit) {
        await provider.rollback(record.model);
        step.status = "failed";
        step.finishedAt = iso();
        record.outcome = "rolled-back";
        const failed = run.checks.filter((c) => c.verdict === "fail").map((c) => `${c.name}: ${c.message}`);
        record.reason = `Rolled back at step ${step.index + 1} (${step.weight}%) after ${totalFailures(record)} failed analyses (limit ${record.plan.failureLimit}). ${failed.join(" ")}`;
        record.finishedAt = iso();
        await hooks.onStep?.(record, step);
        return true;
      }
    }
    if (elapsed < plan.durationSeconds) return true;
    if (run.verdict !== "pass") {
      const stuck = consecutiveInconclusive(step);
      if (run.verdict === "inconclusive" && stuck >= config.analysis.inconclusiveLimit) {
        step.status = "inconclusive";
        record.reason = `Step ${step.index + 1} is inconclusive after ${stuck} analyses (too little traffic or feedback); the rollout is paused at ${step.weight}%.`;
        await hooks.onStep?.(record, step);
      }
      return true;
    }
  }
  step.status = "passed";
  step.finishedAt = iso();
  record.currentStep++;
  touch();
  await hooks.onStep?.(record, step);
  if (record.currentStep >= record.steps.length) {
    await provider.promote(record.model);
    record.outcome = "promoted";
    record.reason = `All ${record.steps.length} steps passed; ${record.version.version} is now stable.`;
    record.finishedAt = iso();
  }
  return true;
}
function nextTickDelay(record, clock) {
  const step = record.steps[record.currentStep];
  if (!step || step.status === "pending") return 0;
  const plan = record.plan.steps[step.index];
  if (plan.durationSeconds === 0) return 0;
  const started = Date.parse(step.startedAt ?? new Date(clock.now()).toISOString());
  const end = started + plan.durationSeconds * 1e3;
  const interval = record.plan.intervalSeconds * 1e3;
  const lastAt = step.analyses.at(-1)?.at;
  const next = (lastAt ? Date.parse(lastAt) : started) + interval;
  const now = clock.now();
  if (now < end) return Math.max(0, Math.min(next, end) - now);
  return lastAt ? Math.max(0, next - now) : 0;
}
async function runRollout(record, provider, config, clock = realClock, hooks = {}) {
  while (record.outcome === "in-progress") {
    const step = record.steps[record.currentStep];
    if (step?.status === "inconclusive") break;
    const wait = nextTickDelay(record, clock);
    if (wait > 0) await clock.sleep(wait);
    await tick(record, provider, config, clock, hooks);
  }
  return record;
}

// src/core/deploy/server-provider.ts
var variantWindow = external_exports.object({
  requests: external_exports.number(),
  errors: external_exports.number(),
  rejected: external_exports.number().default(0),
  latenciesMs: external_exports.array(external_exports.number()),
  labels: external_exports.record(external_exports.string(), external_exports.number()),
  values: external_exports.array(external_exports.number()),
  feedback: external_exports.object({
    n: external_exports.number(),
    correct: external_exports.number(),
    absErrorSum: external_exports.number(),
    absErrorSqSum: external_exports.number().optional()
  })
});
var samplesBody = external_exports.object({ stable: variantWindow, canary: variantWindow });
var modelsBody = external_exports.object({
  models: external_exports.array(
    external_exports.object({
      name: external_exports.string(),
      weight: external_exports.number(),
      stable: external_exports.object({ version: external_exports.string(), sha256: external_exports.string() }),
      canary: external_exports.object({ version: external_exports.string(), sha256: external_exports.string() }).nullable()
    })
  )
});
var ServerProvider = class {
  constructor(baseUrl, token, fetchImpl = fetch) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.fetchImpl = fetchImpl;
  }
  baseUrl;
  token;
  fetchImpl;
  kind = "server";
  get address() {
    return this.baseUrl;
  }
  async call(method, path, body, schema) {
    const url = `${this.baseUrl.replace(/\/$/, "")}/admin/v1/models${path}`;
    let res;
    try {
      res = await this.fetchImpl(url, {
        method,
        headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" },
        body: body === void 0 ? void 0 : JSON.stringify(body)
      });
    } catch (error) {
      throw new MlopsError(`Cannot reach the model server at ${this.baseUrl}: ${error.message}`, {
        kind: "api",
        hint: "Check deploy.target.url and that `mlops serve` is running."
      });
    }
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = { error: text };
    }
    if (!res.ok) {
      const message = json.error ?? text;
      throw new MlopsError(`Model server refused ${method} ${path}: ${res.status} ${message}`, {
        kind: "api",
        found: json.found,
        expected: json.expected,
        hint: res.status === 401 || res.status === 403 ? "Set the admin token (deploy.target.tokenEnv, default MLOPS_ADMIN_TOKEN) to the one the server was started with." : json.hint
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new MlopsError(`Unexpected answer from the model server for ${path}.`, {
        kind: "api",
        found: text.slice(0, 200)
      });
    }
    return parsed.data;
  }
  async state(model) {
    const body = await this.call("GET", "", void 0, modelsBody);
    const slot = body.models.find((m) => m.name === model);
    if (!slot) return { stable: null, canary: null, weight: 0 };
    return { stable: slot.stable, canary: slot.canary, weight: slot.weight };
  }
  async startCanary(version, mode) {
    const body = version.path ? {
      version: version.version,
      path: version.path,
      sha256: version.sha256,
      ref: version.ref,
      as: "canary",
      weight: 0,
      mode
    } : { ref: version.ref, as: "canary", weight: 0, mode };
    await this.call("POST", `/${encodeURIComponent(version.name)}/load`, body, external_exports.unknown());
  }
  async setWeight(model, weight, mode) {
    await this.call("POST", `/${encodeURIComponent(model)}/traffic`, { weight, mode }, external_exports.unknown());
  }
  async observe(model, since) {
    const body = await this.call("GET", `/${encodeURIComponent(model)}/samples?since=${since}`, void 0, samplesBody);
    return { stable: body.stable, canary: body.canary };
  }
  async promote(model) {
    await this.call("POST", `/${encodeURIComponent(model)}/promote`, {}, external_exports.unknown());
  }
  async rollback(model) {
    await this.call("POST", `/${encodeURIComponent(model)}/rollback`, {}, external_exports.unknown());
  }
};

// src/core/deploy/run.ts
async function registeredArtifact(cwd, name, version) {
  const model = await readModel(cwd, name).catch(() => void 0);
  return model?.versions.find((v) => v.version === version)?.artifact;
}
async function resolveVersion(req) {
  if (req.modelFile) {
    const m = /^([a-z0-9][a-z0-9._-]*)[@:]v?(.+)$/.exec(req.version);
    if (!m) {
      throw new MlopsError(`With model-file, version must be <name>@v<version>.`, {
        kind: "usage",
        found: JSON.stringify(req.version),
        expected: "e.g. penguins@v1.3.0"
      });
    }
    const path = resolve(req.cwd, req.modelFile);
    const actual = await sha256File(path);
    if (req.sha256 && req.sha256.toLowerCase() !== actual) {
      throw new MlopsError(`${req.modelFile} does not match the given sha256; refusing to deploy it.`, {
        kind: "input",
        where: { file: req.modelFile },
        expected: req.sha256,
        found: actual
      });
    }
    const registered = await registeredArtifact(req.cwd, m[1], m[2]);
    if (registered && registered.sha256 !== actual) {
      throw new MlopsError(
        `${req.modelFile} is not the registered artifact of ${m[1]} ${m[2]}; refusing to deploy it.`,
        {
          kind: "input",
          where: { file: req.modelFile },
          expected: `sha256 ${registered.sha256} (${registered.name})`,
          found: `sha256 ${actual}`,
          hint: "Deploy the registered version by reference (version: <name>@v<version> without model-file), or register this file as a new version."
        }
      );
    }
    return { name: m[1], version: m[2], path, sha256: actual, ref: req.version };
  }
  const resolved = await resolveModelRef(req.cwd, req.version);
  const v = resolved.version;
  const dest = join3(req.outDir, "artifacts", v.name, v.version, v.artifact.name);
  const fetched = await fetchModelArtifact(req.platform, v, dest);
  return { name: v.name, version: v.version, path: fetched.path, sha256: fetched.sha256, ref: req.version };
}
function targetConfig(req) {
  const configured = req.config.target;
  const kind = req.target ?? configured?.kind ?? "server";
  if (kind === "server") {
    const url = req.targetUrl ?? (configured?.kind === "server" ? configured.url : void 0);
    if (!url) {
      throw new MlopsError("No model server to deploy to.", {
        kind: "config",
        hint: "Set deploy.target.url in mlops.yaml (kind: server) or the target-url input."
      });
    }
    return { kind: "server", url, tokenEnv: configured?.kind === "server" ? configured.tokenEnv : "MLOPS_ADMIN_TOKEN" };
  }
  if (configured?.kind !== "kserve") {
    throw new MlopsError("target is kserve but mlops.yaml has no deploy.target of kind kserve.", {
      kind: "config",
      hint: "Add deploy.target: {kind: kserve, name: <InferenceService>, namespace: ..., prometheus: <URL>}."
    });
  }
  return configured;
}
function makeProvider(target, env, fetchImpl = fetch) {
  const token = env[target.tokenEnv];
  if (target.kind === "server") {
    if (!token) {
      throw new MlopsError(`The admin token is not set: ${target.tokenEnv} is empty.`, {
        kind: "config",
        hint: `Put the server's admin token in the ${target.tokenEnv} secret/variable.`
      });
    }
    return new ServerProvider(target.url, token, fetchImpl);
  }
  return new KServeProvider(target, env, fetchImpl);
}
function platformState(record) {
  return record.outcome === "promoted" ? "success" : record.outcome === "rolled-back" ? "failure" : "in_progress";
}
async function deployCanary(req) {
  const env = req.env ?? process.env;
  const clock = req.clock ?? realClock;
  const environment = req.environment ?? req.config.environment;
  const stage = req.config.stage ?? environment;
  const mode = req.mode ?? req.config.mode;
  const target = targetConfig(req);
  const provider = makeProvider(target, env, req.fetchImpl);
  const log = req.platform.log;
  const version = await resolveVersion(req);
  let record = await findInProgress(req.cwd, environment, version.name);
  if (record && record.version.version !== version.version) {
    throw new MlopsError(
      `A rollout of ${record.model} ${record.version.version} to ${environment} is still in progress (${record.id}).`,
      {
        kind: "usage",
        hint: "Let it finish (run deploy-canary for that version with step-mode one) or roll it back first."
      }
    );
  }
  if (!record) {
    const state = await provider.state(version.name);
    if (!state.stable) {
      throw new MlopsError(
        `${provider.address} serves no stable version of ${version.name} to compare a canary with.`,
        {
          kind: "input",
          hint: "Start the server with the current production version (mlops serve --model ...) before a canary rollout."
        }
      );
    }
    if (state.stable.version === version.version) {
      throw new MlopsError(`${version.name} ${version.version} is already the stable version at ${provider.address}.`, {
        kind: "usage"
      });
    }
    await provider.startCanary(version, mode);
    record = newDeployment({
      environment,
      version,
      baseline: { name: version.name, version: state.stable.version, sha256: state.stable.sha256 },
      target: { kind: target.kind, address: provider.address },
      mode,
      config: req.config,
      now: new Date(clock.now())
    });
    const created = await req.platform.deployments.create(
      environment,
      req.platform.context.sha,
      `${version.name} ${version.version} canary`
    );
    record.platformDeploymentId = created.id;
    log.info(
      `Rolling out ${version.name} ${version.version} to ${environment} (${mode}) against ${state.stable.version}.`
    );
  } else {
    log.info(`Resuming ${record.id} at step ${record.currentStep + 1}/${record.steps.length}.`);
  }
  const hooks = {
    log: (m) => log.info(m),
    onStep: async (r, step) => {
      if (r.platformDeploymentId === void 0) return;
      await req.platform.deployments.setStatus(
        r.platformDeploymentId,
        platformState(r),
        `step ${step.index + 1}/${r.steps.length} (${step.weight}%): ${step.status}`.slice(0, 140)
      );
    }
  };
  try {
    if (req.stepMode === "all") await runRollout(record, provider, req.config, clock, hooks);
    else await tick(record, provider, req.config, clock, hooks);
  } catch (error) {
    record.reason = `Interrupted at step ${record.currentStep + 1}: ${error.message}`;
    record.updatedAt = new Date(clock.now()).toISOString();
    await writeBack(req.cwd, record, stage).catch(() => void 0);
    throw error;
  }
  if (record.outcome !== "in-progress" && record.platformDeploymentId !== void 0) {
    await req.platform.deployments.setStatus(
      record.platformDeploymentId,
      platformState(record),
      record.reason.slice(0, 140)
    );
  }
  if (record.outcome === "rolled-back") {
    const issue = await req.platform.upsertIssue(
      `deploy-rollback:${environment}:${record.model}`,
      {
        title: `Rollback: ${record.model} ${record.version.version} in ${environment}`,
        body: renderMarkdown(deploymentRenderer, record, "comment"),
        labels: ["mlops", "rollback"]
      },
      { reopen: true }
    );
    record.issue = { number: issue.number, url: issue.url };
  }
  const written = await writeBack(req.cwd, record, stage);
  record.git = { ...record.git, commit: written.commit };
  if (written.note) log.info(`Stage not moved: ${written.note}.`);
  const recordFile = join3(req.cwd, ".mlops", "deployments", environment, `${record.id}.json`);
  return { record, recordFile };
}

// src/actions/deploy-canary.ts
var deployCanaryAction = defineAction({
  name: "deploy-canary",
  title: "Deploy canary",
  description: "Progressively roll out a registered model version with traffic steps, analysis of errors, latency and live quality against the stable version, and automatic rollback written back to Git.",
  icon: "trending-up",
  color: "yellow",
  inputs: {
    ...commonInputs,
    version: { description: "Version to roll out: a version, tag or stage reference.", required: true },
    environment: { description: "Environment name (default: deploy.environment in mlops.yaml, else production)." },
    target: {
      description: "Where to deploy: `server` (mlops serve admin API) or `kserve` (default: deploy.target.kind).",
      type: "choice",
      choices: ["server", "kserve"]
    },
    "target-url": { description: "URL of the model server (overrides deploy.target.url)." },
    mode: {
      description: "`canary` (weighted split), `shadow` (mirrored, never answers) or `ab` (default: deploy.mode).",
      type: "choice",
      choices: ["canary", "shadow", "ab"]
    },
    "model-file": { description: "Deploy this ONNX file instead of fetching the registered artifact." },
    sha256: { description: "Expected sha256 of model-file; the rollout refuses a file that does not match." },
    "step-mode": {
      description: "Run the whole rollout (`all`) or advance one step per invocation (`one`).",
      default: "all",
      type: "choice",
      choices: ["all", "one"]
    },
    token: { description: "Token for the platform API.", workflowDefault: "${{ github.token }}" }
  },
  outputs: {
    outcome: { description: "`promoted`, `rolled-back` or `in-progress`." },
    deployment: { description: "Path of the Deployment record." },
    report: { description: "Path of the Deployment report JSON." }
  },
  async run({ platform, inputs, cwd, outDir, config }) {
    const { config: mlops } = await config();
    const maybe = (name) => inputs.optional(name) === void 0 ? void 0 : inputs.choice(name);
    const { record, recordFile } = await deployCanary({
      platform,
      cwd,
      outDir,
      config: mlops.deploy,
      version: inputs.string("version"),
      modelFile: inputs.optional("model-file"),
      sha256: inputs.optional("sha256"),
      environment: inputs.optional("environment"),
      target: maybe("target"),
      targetUrl: inputs.optional("target-url"),
      mode: maybe("mode"),
      stepMode: inputs.choice("step-mode")
    });
    const written = await writeReport(outDir, deploymentRenderer, record);
    return {
      exitCode: record.outcome === "rolled-back" ? ExitCode.Failed : ExitCode.Passed,
      outputs: { outcome: record.outcome, deployment: recordFile, report: written.json },
      summary: renderMarkdown(deploymentRenderer, record, "summary"),
      headline: `${record.model} ${record.version.version} \u2192 ${record.environment}: ${record.outcome}. ${record.reason}`
    };
  }
});

export {
  listRecords,
  emptyObservations,
  deployCanaryAction
};
//# sourceMappingURL=chunk-56NBFPQO.js.map
