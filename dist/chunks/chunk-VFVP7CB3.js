import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  benjaminiHochberg,
  holm,
  loadModel,
  planInference,
  predictBatches
} from "./chunk-CJI7CXOH.js";
import {
  displaySource
} from "./chunk-OAHJURSF.js";
import {
  buildReferenceProfile,
  categoricalExpr,
  columnKind,
  ident,
  knotBoundaries,
  list,
  num,
  numericExpr,
  readReferenceProfile,
  stringLiteral,
  writeReferenceProfile
} from "./chunk-NNBLWD6U.js";
import {
  closeEngine,
  makeTemporaryDir,
  openDataset
} from "./chunk-CYF5FZX4.js";
import {
  chiSquareContingency,
  ecdfDistancesSorted,
  ksPValue
} from "./chunk-MVLSN2KH.js";
import {
  fetchModelArtifact,
  resolveModelRef
} from "./chunk-UYFNVHA4.js";
import {
  code,
  commonInputs,
  defineAction,
  details,
  envelope,
  escapeCell,
  failOnInput,
  fmt,
  heading,
  limitBytes,
  percent,
  renderMarkdown,
  table,
  writeReport
} from "./chunk-XTHX7C6R.js";
import {
  external_exports
} from "./chunk-2342GB6D.js";
import {
  writeFileAtomic
} from "./chunk-5AAGF42O.js";
import {
  ExitCode,
  MlopsError
} from "./chunk-FZ3ZHXNS.js";

// src/core/drift/render.ts
var TEST_LABEL = {
  ks: "KS",
  wasserstein: "Wasserstein/\u03C3",
  psi: "PSI",
  chisquare: "\u03C7\xB2",
  jensenshannon: "Jensen-Shannon",
  linf: "L\u221E"
};
function mermaidText(text, max = 24) {
  return `"${text.replace(/"/g, "'").slice(0, max)}"`;
}
function distributionChart(title, chart2) {
  const max = Math.max(...chart2.reference, ...chart2.current, 0.01);
  const pct = (v) => Number((v * 100).toPrecision(4)).toString();
  return [
    "```mermaid",
    "xychart-beta",
    `  title ${mermaidText(`${title}: reference (bars) vs current (line), %`, 80)}`,
    `  x-axis [${chart2.labels.map((l) => mermaidText(l)).join(", ")}]`,
    `  y-axis "share %" 0 --> ${pct(Math.min(1, max * 1.1))}`,
    `  bar [${chart2.reference.map(pct).join(", ")}]`,
    `  line [${chart2.current.map(pct).join(", ")}]`,
    "```"
  ].join("\n");
}
function age(days) {
  if (days === null) return "unknown";
  if (days < 1 / 24) return `${Math.round(days * 1440)} min`;
  if (days < 2) return `${(days * 24).toFixed(1)} h`;
  return `${days.toFixed(1)} days`;
}
function decisive(c) {
  return c.statistics.find((s) => s.test === c.decision);
}
function statisticCell(c) {
  const s = decisive(c);
  if (!s) return "\u2014";
  if (c.rule === "test") {
    const p = s.adjustedPValue ?? s.pValue;
    return `${fmt(s.statistic)} (p ${fmt(p ?? null, 3)})`;
  }
  return s.bound > 0 ? `${fmt(s.statistic)} \xB1 ${fmt(s.bound, 2)}` : fmt(s.statistic);
}
function otherStats(c) {
  return c.statistics.filter((s) => s.test !== c.decision).map((s) => `${TEST_LABEL[s.test]} ${fmt(s.statistic, 3)}`).join(", ");
}
function driftCauses(c) {
  const causes = [];
  const s = decisive(c);
  if (s && (c.rule === "test" ? (s.adjustedPValue ?? s.pValue ?? 1) < c.threshold : (s.statistic ?? 0) >= c.threshold)) {
    causes.push(TEST_LABEL[c.decision]);
  }
  if (c.nullShare.drifted) causes.push("missing values");
  if (c.drifted && c.newCategories.length > 0 && causes.length === 0) causes.push("new categories");
  return causes;
}
function columnRows(columns) {
  return columns.map((c) => [
    `${c.drifted ? "\u274C" : "\u2705"} ${c.column}${c.drifted ? ` (${driftCauses(c).join(", ")})` : ""}`,
    c.kind,
    TEST_LABEL[c.decision],
    statisticCell(c),
    c.rule === "test" ? `p < ${fmt(c.threshold)}` : `\u2265 ${fmt(c.threshold)}`,
    c.rule === "test" ? "test (small sample)" : "distance (large sample)",
    `${percent(c.nullShare.reference)} \u2192 ${percent(c.nullShare.current)}`,
    otherStats(c)
  ]);
}
function verdictLine(r) {
  if (r.verdict.drifted) return `\u274C **Drift detected**: ${r.verdict.reasons.join("; ")}.`;
  if (r.verdict.stale) return `\u26A0\uFE0F **No data drift, but the model is stale**: ${r.verdict.reasons.join("; ")}.`;
  const n = r.verdict.driftedColumns.length;
  return `\u2705 **No dataset drift**: ${n} of ${r.columns.length} columns drifted (${percent(r.verdict.driftedShare, 0)} < ${percent(r.settings.driftShare, 0)})${r.prediction ? `, predictions ${r.prediction.drifted ? "drifted" : "stable"}` : ""}.`;
}
function renderDriftMarkdown(r) {
  const out = [];
  out.push(
    heading(2, `Drift check${r.model ? `: ${r.model.name}${r.model.version ? ` v${r.model.version}` : ""}` : ""}`)
  );
  out.push(verdictLine(r));
  const errors = r.findings.filter((f) => f.severity === "error");
  if (errors.length > 0) out.push(errors.map((f) => `- \u274C ${escapeCell(f.message)}`).join("\n"));
  out.push(
    `Reference: ${code(r.reference.source)} (${r.reference.mode === "profile" ? "reference profile" : "full reference data"}, ${fmt(r.reference.rows)} rows; ${r.reference.approximation}). Current: ${code(r.current.source)} (${fmt(r.current.rows)} rows${r.current.window ? `, ${r.current.window.column} from ${r.current.window.from} to ${r.current.window.to}` : ""}). Tests at \u03B1 = ${r.settings.alpha} with ${r.settings.correction === "none" ? "no" : r.settings.correction === "holm" ? "Holm" : "Benjamini-Hochberg"} correction for samples \u2264 ${fmt(r.settings.sampleSizeThreshold)}; distances above.`
  );
  const special = [r.prediction, r.label].filter((c) => c !== void 0);
  if (special.length > 0) {
    out.push(heading(3, "Predictions and labels"));
    out.push(
      table(
        ["column", "kind", "decided by", "statistic", "threshold", "rule", "missing", "other statistics"],
        columnRows(special).map((row, i) => [`${row[0]} (${special[i].role})`, ...row.slice(1)])
      )
    );
  }
  if (r.staleness) {
    const s = r.staleness;
    out.push(
      `${s.stale ? "\u26A0\uFE0F" : "\u2705"} Staleness: model ${s.modelVersion ?? ""} is ${age(s.modelAgeDays)} old, its training data ${age(s.dataAgeDays)} (max ${s.maxAgeDays === null ? "not set" : age(s.maxAgeDays)}).`
    );
  }
  out.push(heading(3, "Columns, most drifted first"));
  out.push(
    table(
      ["column", "kind", "decided by", "statistic", "threshold", "rule", "missing", "other statistics"],
      columnRows(r.columns)
    ) || "_No columns could be compared._"
  );
  const top = [...r.prediction?.drifted ? [r.prediction] : [], ...r.columns.filter((c) => c.drifted)].slice(0, 3);
  for (const c of top) {
    if (c.chart && c.chart.labels.length > 0) out.push(distributionChart(c.column, c.chart));
  }
  const notes = r.findings.filter((f) => f.severity !== "error");
  if (notes.length > 0) {
    out.push(
      details(
        `Findings (${notes.length})`,
        notes.map((f) => `- ${f.severity === "warning" ? "\u26A0\uFE0F" : "\u2139\uFE0F"} ${escapeCell(f.message)}`).join("\n")
      )
    );
  }
  if (r.alert?.issue || r.alert?.retrain || r.referenceUpdate) {
    const lines = [];
    if (r.referenceUpdate) {
      const u = r.referenceUpdate;
      lines.push(
        `- New reference proposed: ${code(u.path)} on branch ${code(u.branch)}${u.pullRequest ? `, pull request #${u.pullRequest.number}${u.pullRequest.url ? ` (${u.pullRequest.url})` : ""}` : ""}`
      );
    }
    const issue = r.alert?.issue;
    if (issue) lines.push(`- Issue #${issue.number}: ${issue.action}${issue.url ? ` (${issue.url})` : ""}`);
    const retrain = r.alert?.retrain;
    if (retrain) lines.push(`- Retraining: ${retrain.triggered ? "triggered" : "not triggered"} (${retrain.reason})`);
    out.push(heading(3, "Actions"), lines.join("\n"));
  }
  return out.join("\n\n");
}
var driftRenderer = {
  kind: "DriftReport",
  title: "Drift check",
  markdown: (report) => renderDriftMarkdown(report),
  checks(report) {
    const rows = [
      ...report.columns,
      ...report.prediction ? [report.prediction] : [],
      ...report.label ? [report.label] : []
    ];
    const checks = rows.map((c) => ({
      suite: "drift",
      name: `${c.role} ${c.column}`,
      status: c.drifted ? c.role === "label" ? "warn" : "fail" : "pass",
      message: `${TEST_LABEL[c.decision]} ${statisticCell(c)} (threshold ${fmt(c.threshold)}, ${c.ruleReason})`
    }));
    for (const f of report.findings.filter((x) => x.severity === "error")) {
      checks.push({ suite: "drift", name: `${f.code} ${f.column ?? ""}`.trim(), status: "fail", message: f.message });
    }
    if (report.staleness) {
      checks.push({
        suite: "drift",
        name: "staleness",
        status: report.staleness.stale ? "warn" : "pass",
        message: `model ${age(report.staleness.modelAgeDays)}, data ${age(report.staleness.dataAgeDays)}, max ${age(report.staleness.maxAgeDays)}`
      });
    }
    return checks;
  }
};

// src/core/drift/run.ts
import { existsSync as existsSync3 } from "node:fs";
import { resolve as resolve3 } from "node:path";

// src/core/drift/alert.ts
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
var retrainState = external_exports.object({
  lastTriggeredAt: external_exports.string(),
  reason: external_exports.string().optional(),
  url: external_exports.string().optional()
});
function issueMarker(model) {
  return `drift:${model}`;
}
function stateKeyPrefix(platform, model) {
  const repository = platform.context.repository.replace(/[^A-Za-z0-9._-]/g, "_");
  return `mlops-drift-state-${repository}-${model}-`;
}
function statePath(cwd, model) {
  return join(cwd, ".mlops", "cache", "drift-state", `${model}.json`);
}
async function readRetrainState(platform, cwd, model) {
  const file = statePath(cwd, model);
  try {
    await platform.cache.restore([file], `${stateKeyPrefix(platform, model)}latest`, [stateKeyPrefix(platform, model)]);
  } catch (error) {
    platform.log.warning(`Could not restore the retraining cooldown state: ${error.message}`);
  }
  if (!existsSync(file)) return void 0;
  const parsed = retrainState.safeParse(JSON.parse(await readFile(file, "utf8")));
  return parsed.success ? parsed.data : void 0;
}
async function saveRetrainState(platform, cwd, model, state) {
  const file = statePath(cwd, model);
  await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}
`);
  const stamp = String(Date.parse(state.lastTriggeredAt)).padStart(15, "0");
  const saved = await platform.cache.save([file], `${stateKeyPrefix(platform, model)}${stamp}`);
  if (!saved) platform.log.warning("The cache refused the retraining state; the next run may not see the cooldown.");
}
function issueBody(report, platform) {
  const run = platform.context.runUrl ? `[this run](${platform.context.runUrl})` : `run on ${platform.context.sha.slice(0, 7)}`;
  const header = `Drift check ${run} at ${report.createdAt}. This issue is updated by every scheduled check and closed when drift is gone.`;
  return limitBytes(`${header}

${renderDriftMarkdown(report)}`, 6e4);
}
async function closeTheLoop(report, options) {
  const { platform, model, config } = options;
  const now = options.now ?? /* @__PURE__ */ new Date();
  const marker = issueMarker(model);
  const alerting = report.verdict.drifted || report.verdict.stale;
  const outcome = {};
  if (!alerting) {
    const open = await platform.findIssue(marker);
    if (open) {
      const run = platform.context.runUrl ? ` ([run](${platform.context.runUrl}))` : "";
      await platform.closeIssue(
        open.number,
        `\u2705 Drift is gone: the check at ${report.createdAt}${run} found ${report.verdict.driftedColumns.length} of ${report.columns.length} columns drifted and stable predictions. Closing.`
      );
      outcome.issue = { number: open.number, url: open.url, action: "resolved" };
    }
    return outcome;
  }
  const title = report.verdict.drifted ? `Drift detected: ${model}` : `Model is stale: ${model}`;
  const issue = await platform.upsertIssue(
    marker,
    { title, body: issueBody(report, platform), labels: ["drift", "mlops"] },
    { reopen: true }
  );
  outcome.issue = { number: issue.number, url: issue.url, action: issue.created ? "opened" : "updated" };
  const cooldownHours = config.retrain.cooldownHours;
  if (!options.retrain) {
    outcome.retrain = { requested: false, triggered: false, reason: "retrain is off", cooldownHours };
    return outcome;
  }
  const state = await readRetrainState(platform, options.cwd, model);
  const last = state ? Date.parse(state.lastTriggeredAt) : Number.NaN;
  const elapsedHours = (now.getTime() - last) / 36e5;
  if (Number.isFinite(elapsedHours) && elapsedHours < cooldownHours) {
    outcome.retrain = {
      requested: true,
      triggered: false,
      reason: `cooldown: last triggered ${elapsedHours.toFixed(1)} h ago (< ${cooldownHours} h)`,
      lastTriggeredAt: state.lastTriggeredAt,
      url: state.url,
      cooldownHours
    };
    return outcome;
  }
  const reason = report.verdict.reasons.join("; ") || "drift";
  const triggered = await platform.trigger({
    workflow: config.retrain.eventType ? void 0 : config.retrain.workflow,
    eventType: config.retrain.eventType,
    ref: platform.context.defaultBranch,
    inputs: {
      ...config.retrain.inputs,
      // workflow_dispatch rejects inputs the workflow does not declare; a repository_dispatch payload and GitLab
      // pipeline variables take anything, so the context travels there.
      ...config.retrain.eventType || platform.name !== "github" ? { reason: reason.slice(0, 200), model, drift_issue: String(issue.number) } : {}
    }
  });
  const at = now.toISOString();
  await saveRetrainState(platform, options.cwd, model, { lastTriggeredAt: at, reason, url: triggered.url });
  await platform.commentOnIssue(
    issue.number,
    `\u{1F501} Retraining triggered at ${at}${triggered.url ? ` (${triggered.url})` : ""}: ${reason}. Next trigger allowed after ${cooldownHours} h.`
  );
  outcome.retrain = {
    requested: true,
    triggered: true,
    reason,
    url: triggered.url,
    lastTriggeredAt: at,
    cooldownHours
  };
  return outcome;
}

// src/core/stats/sketch.ts
var CdfSketch = class _CdfSketch {
  constructor(n, min, max, values, cumAt, cumBefore, slack, cumBeforeHi = cumBefore) {
    this.n = n;
    this.min = min;
    this.max = max;
    this.values = values;
    this.cumAt = cumAt;
    this.cumBefore = cumBefore;
    this.slack = slack;
    this.cumBeforeHi = cumBeforeHi;
  }
  n;
  min;
  max;
  values;
  cumAt;
  cumBefore;
  slack;
  cumBeforeHi;
  /** From profile knots [value, count at value, count strictly between the previous knot and value]. */
  static fromKnots(knots, min, max, slack = 0) {
    const m = knots.length;
    const values = new Float64Array(m);
    const cumAt = new Float64Array(m);
    const cumBefore = new Float64Array(m);
    let cum = 0;
    for (let j = 0; j < m; j++) {
      const [v, at, between] = knots[j];
      values[j] = v;
      cum += between;
      cumBefore[j] = cum;
      cum += at;
      cumAt[j] = cum;
    }
    return new _CdfSketch(
      cum,
      Math.min(min, values[0] ?? min),
      Math.max(max, values[m - 1] ?? max),
      values,
      cumAt,
      cumBefore,
      slack
    );
  }
  /** Exact: every distinct value of a sorted, NaN-free sample. */
  static fromSorted(sorted) {
    const vals = [];
    const at = [];
    const before = [];
    for (let i = 0; i < sorted.length; ) {
      const v = sorted[i];
      const start = i;
      while (i < sorted.length && sorted[i] === v) i++;
      vals.push(v);
      before.push(start);
      at.push(i);
    }
    const n = sorted.length;
    return new _CdfSketch(
      n,
      n ? sorted[0] : Number.NaN,
      n ? sorted[n - 1] : Number.NaN,
      Float64Array.from(vals),
      Float64Array.from(at),
      Float64Array.from(before),
      0
    );
  }
  /**
   * From a histogram over the boundaries [prev(v_0), v_0, prev(v_1), v_1, ...] of another sketch's knots:
   * `at[j]` values equal to v_j, `between[j]` strictly between v_{j-1} and v_j (j = 0: below v_0), `above`
   * beyond the last knot; min and max of the data bound the tails.
   */
  static fromBins(knotValues, at, between, above, min, max) {
    const m = knotValues.length;
    const values = Float64Array.from(knotValues);
    const cumAt = new Float64Array(m);
    const cumBefore = new Float64Array(m);
    let cum = 0;
    for (let j = 0; j < m; j++) {
      cum += between[j];
      cumBefore[j] = cum;
      cum += at[j];
      cumAt[j] = cum;
    }
    return new _CdfSketch(cum + above, min, max, values, cumAt, cumBefore, 0);
  }
  /**
   * From counts per bin (v_{j-1}, v_j] (j = 0: up to v_0) and above the last knot, without the knots' own counts
   * split off: the count below each knot is then only known to lie between the neighbouring cumulative counts.
   */
  static fromUnsplitBins(knotValues, bins, above, min, max) {
    const m = knotValues.length;
    const values = Float64Array.from(knotValues);
    const cumAt = new Float64Array(m);
    const cumBefore = new Float64Array(m);
    const cumBeforeHi = new Float64Array(m);
    let cum = 0;
    for (let j = 0; j < m; j++) {
      cumBefore[j] = cum;
      cum += bins[j];
      cumAt[j] = cum;
      cumBeforeHi[j] = cum;
    }
    return new _CdfSketch(cum + above, min, max, values, cumAt, cumBefore, 0, cumBeforeHi);
  }
  /** Index of the largest knot <= x, or -1. */
  floorIndex(x) {
    let lo = 0;
    let hi = this.values.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid2 = lo + hi >> 1;
      if (this.values[mid2] <= x) {
        ans = mid2;
        lo = mid2 + 1;
      } else hi = mid2 - 1;
    }
    return ans;
  }
  widen(lo, hi) {
    return [Math.max(0, lo - this.slack), Math.min(this.n, hi + this.slack)];
  }
  /** Bounds on the number of values <= x. */
  countAtMost(x) {
    if (this.n === 0 || x < this.min) return [0, 0];
    if (x >= this.max) return [this.n, this.n];
    const j = this.floorIndex(x);
    if (j >= 0 && this.values[j] === x) return this.widen(this.cumAt[j], this.cumAt[j]);
    const lo = j >= 0 ? this.cumAt[j] : 1;
    const hi = j + 1 < this.values.length ? this.cumBeforeHi[j + 1] : this.n - 1;
    return this.widen(lo, Math.max(lo, hi));
  }
  /** Bounds on the number of values < x. */
  countBelow(x) {
    if (this.n === 0 || x <= this.min) return [0, 0];
    if (x > this.max) return [this.n, this.n];
    const j = this.floorIndex(x);
    if (j >= 0 && this.values[j] === x) return this.widen(this.cumBefore[j], this.cumBeforeHi[j]);
    if (x === this.max) {
      const lo = j >= 0 ? this.cumAt[j] : 1;
      return this.widen(lo, Math.max(lo, this.n - 1));
    }
    return this.countAtMost(x);
  }
  /** True when the CDF is known exactly everywhere (no mass hides between knots or beyond them). */
  get complete() {
    if (this.slack > 0 || this.n === 0) return this.n === 0;
    const m = this.values.length;
    if (this.values[0] !== this.min || this.values[m - 1] !== this.max) return false;
    for (let j = 0; j < m; j++) {
      if (this.cumBefore[j] !== (j === 0 ? 0 : this.cumAt[j - 1])) return false;
      if (this.cumBeforeHi[j] !== this.cumBefore[j]) return false;
    }
    return this.cumAt[m - 1] === this.n;
  }
  knotValues() {
    return this.values;
  }
};
function grid(a, b) {
  const all = new Float64Array(a.values.length + b.values.length + 4);
  all.set(a.values, 0);
  all.set(b.values, a.values.length);
  const k = a.values.length + b.values.length;
  all[k] = a.min;
  all[k + 1] = a.max;
  all[k + 2] = b.min;
  all[k + 3] = b.max;
  const sorted = all.filter((v) => Number.isFinite(v)).sort();
  let w = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[w - 1]) sorted[w++] = sorted[i];
  return sorted.subarray(0, w);
}
function scaled([lo, hi], n) {
  return [lo / n, hi / n];
}
function gapLow(f, g) {
  return Math.max(0, g[0] - f[1], f[0] - g[1]);
}
function gapHigh(f, g) {
  return Math.max(f[1] - g[0], g[1] - f[0]);
}
function ksFromSketches(ref, cur) {
  const points = grid(ref, cur);
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < points.length; k++) {
    const x = points[k];
    const f = scaled(ref.countAtMost(x), ref.n);
    const g = scaled(cur.countAtMost(x), cur.n);
    const fl = scaled(ref.countBelow(x), ref.n);
    const gl = scaled(cur.countBelow(x), cur.n);
    lo = Math.max(lo, gapLow(f, g), gapLow(fl, gl));
    hi = Math.max(hi, gapHigh(f, g), gapHigh(fl, gl));
    if (k + 1 < points.length) {
      const next = points[k + 1];
      const fi = [f[0], scaled(ref.countBelow(next), ref.n)[1]];
      const gi = [g[0], scaled(cur.countBelow(next), cur.n)[1]];
      hi = Math.max(hi, gapHigh(fi, gi));
    }
  }
  hi = Math.max(hi, lo);
  return { value: (lo + hi) / 2, bound: (hi - lo) / 2 };
}
function mid([lo, hi]) {
  return (lo + hi) / 2;
}
function linearAbsIntegral(d0, d1, w) {
  if (d0 * d1 >= 0) return w * (Math.abs(d0) + Math.abs(d1)) / 2;
  return w * (d0 * d0 + d1 * d1) / (2 * (Math.abs(d0) + Math.abs(d1)));
}
function wassersteinFromSketches(ref, cur) {
  const points = grid(ref, cur);
  let lower = 0;
  let upper = 0;
  let estimate = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const x = points[k];
    const next = points[k + 1];
    const w = next - x;
    const f0 = scaled(ref.countAtMost(x), ref.n);
    const g0 = scaled(cur.countAtMost(x), cur.n);
    const f1 = scaled(ref.countBelow(next), ref.n);
    const g1 = scaled(cur.countBelow(next), cur.n);
    const fi = [f0[0], f1[1]];
    const gi = [g0[0], g1[1]];
    const l = w * gapLow(fi, gi);
    const u = w * gapHigh(fi, gi);
    const e = Math.min(u, Math.max(l, linearAbsIntegral(mid(f0) - mid(g0), mid(f1) - mid(g1), w)));
    lower += l;
    upper += u;
    estimate += e;
  }
  return { value: estimate, bound: Math.max(upper - estimate, estimate - lower, 0) };
}
function quantileEdges(ref, bins) {
  const edges = [];
  const m = ref.values.length;
  if (m <= bins) return Array.from(ref.values.subarray(0, Math.max(0, m - 1)));
  let j = 0;
  for (let i = 1; i < bins; i++) {
    const target = i / bins * ref.n;
    while (j < m - 1 && ref.cumAt[j] < target) j++;
    const v = ref.values[j];
    if (j < m - 1 && (edges.length === 0 || v > edges[edges.length - 1])) edges.push(v);
  }
  return edges;
}
function binCounts(sketch, edges) {
  const counts = [];
  let exact = true;
  let prev = 0;
  for (const e of edges) {
    const [lo, hi] = sketch.countAtMost(e);
    if (lo !== hi) exact = false;
    const c = (lo + hi) / 2;
    counts.push(c - prev);
    prev = c;
  }
  counts.push(sketch.n - prev);
  return { counts, exact };
}
function knotsFromSorted(sorted, quantiles) {
  const exact = CdfSketch.fromSorted(sorted);
  const m = exact.values.length;
  const n = sorted.length;
  let chosen;
  if (m <= quantiles) chosen = Array.from(exact.values);
  else {
    const set = /* @__PURE__ */ new Set();
    for (let r = 0; r <= quantiles; r++) {
      set.add(sorted[Math.floor(r / quantiles * (n - 1))]);
    }
    chosen = [...set].sort((a, b) => a - b);
  }
  const out = [];
  let prevCum = 0;
  for (const v of chosen) {
    const [atMost] = exact.countAtMost(v);
    const [below] = exact.countBelow(v);
    out.push([v, atMost - below, below - prevCum]);
    prevCum = atMost;
  }
  return out;
}

// src/core/drift/radix-sort.ts
function radixSortCore(values, state) {
  const n = values.length;
  if (n < 4096) return values.sort();
  const keys = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  state.counts ??= new Uint32Array(6 * 2048);
  const counts = state.counts;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    let lo = keys[2 * i];
    let hi = keys[2 * i + 1];
    if (hi & 2147483648) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
      keys[2 * i] = lo;
    } else {
      hi = (hi | 2147483648) >>> 0;
    }
    keys[2 * i + 1] = hi;
    counts[lo & 2047]++;
    counts[2048 + (lo >>> 11 & 2047)]++;
    counts[4096 + ((lo >>> 22 | hi << 10) & 2047)]++;
    counts[6144 + (hi >>> 1 & 2047)]++;
    counts[8192 + (hi >>> 12 & 2047)]++;
    counts[10240 + (hi >>> 23)]++;
  }
  if (!state.scratch || state.scratch.length < 2 * n) state.scratch = new Uint32Array(2 * n);
  let src = keys;
  let dst = state.scratch;
  for (let pass = 0; pass < 6; pass++) {
    const base = pass * 2048;
    let shared = false;
    let sum = 0;
    for (let d = 0; d < 2048; d++) {
      const c = counts[base + d];
      if (c === n) shared = true;
      counts[base + d] = sum;
      sum += c;
    }
    if (shared) continue;
    if (pass === 0) {
      for (let i = 0; i < n; i++) {
        const lo = src[2 * i];
        const at = counts[lo & 2047]++;
        dst[2 * at] = lo;
        dst[2 * at + 1] = src[2 * i + 1];
      }
    } else if (pass === 1) {
      for (let i = 0; i < n; i++) {
        const lo = src[2 * i];
        const at = counts[2048 + (lo >>> 11 & 2047)]++;
        dst[2 * at] = lo;
        dst[2 * at + 1] = src[2 * i + 1];
      }
    } else if (pass === 2) {
      for (let i = 0; i < n; i++) {
        const lo = src[2 * i];
        const hi = src[2 * i + 1];
        const at = counts[4096 + ((lo >>> 22 | hi << 10) & 2047)]++;
        dst[2 * at] = lo;
        dst[2 * at + 1] = hi;
      }
    } else {
      const shift = pass === 3 ? 1 : pass === 4 ? 12 : 23;
      for (let i = 0; i < n; i++) {
        const hi = src[2 * i + 1];
        const at = counts[base + (hi >>> shift & 2047)]++;
        dst[2 * at] = src[2 * i];
        dst[2 * at + 1] = hi;
      }
    }
    const swap = src;
    src = dst;
    dst = swap;
  }
  if (src !== keys) keys.set(src.subarray(0, 2 * n));
  for (let i = 0; i < n; i++) {
    const hi = keys[2 * i + 1];
    if (hi & 2147483648) {
      keys[2 * i + 1] = (hi & 2147483647) >>> 0;
    } else {
      keys[2 * i + 1] = ~hi >>> 0;
      keys[2 * i] = ~keys[2 * i] >>> 0;
    }
  }
  return values;
}
function compactFinite(values) {
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0) values[k++] = v;
  }
  return k;
}
var mainThreadState = {};
function radixSortFloat64InPlace(values) {
  return radixSortCore(values, mainThreadState);
}
function sortFiniteInPlace(values) {
  return radixSortFloat64InPlace(values.subarray(0, compactFinite(values)));
}

// src/core/drift/sort-pool.ts
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
var WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const radixSortCore = ${radixSortCore.toString()};
const compactFinite = ${compactFinite.toString()};
const state = {};
parentPort.on('message', (m) => {
  try {
    const values = new Float64Array(m.buffer, 0, m.length);
    const kept = compactFinite(values);
    radixSortCore(values.subarray(0, kept), state);
    parentPort.postMessage({ id: m.id, buffer: m.buffer, length: kept }, [m.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String(error && error.stack || error) });
  }
});
`;
var SortWorkerError = class extends Error {
};
var SortPool = class {
  workers = [];
  pending = /* @__PURE__ */ new Map();
  next = 0;
  turn = 0;
  constructor(threads = Math.min(2, availableParallelism())) {
    if (threads < 2) return;
    try {
      for (let i = 0; i < threads; i++) {
        const worker = new Worker(WORKER_SOURCE, { eval: true });
        worker.on("message", (m) => {
          const job = this.pending.get(m.id);
          if (!job) return;
          this.pending.delete(m.id);
          if (m.error || !m.buffer) {
            job.reject(new SortWorkerError(`sorting on a worker thread failed: ${m.error}`));
            this.fail(`a sort worker failed: ${m.error}`);
          } else job.resolve(new Float64Array(m.buffer, 0, m.length));
        });
        worker.on("error", (error) => this.fail(`a sort worker failed: ${error.message}`));
        worker.on("exit", (code2) => this.fail(`a sort worker exited (code ${code2})`));
        this.workers.push(worker);
      }
    } catch {
      this.fail("a sort worker could not start");
    }
  }
  /**
   * The finite values of `values` (no missing values, no infinities), sorted. `values` must own its whole buffer
   * (as the engine's arrays do); it is detached on return when a worker takes it.
   */
  sortFinite(values) {
    const whole = values.byteOffset === 0 && values.byteLength === values.buffer.byteLength;
    if (this.workers.length === 0 || !whole || !(values.buffer instanceof ArrayBuffer)) {
      return Promise.resolve(sortFiniteInPlace(values));
    }
    const id = this.next++;
    const worker = this.workers[this.turn++ % this.workers.length];
    return new Promise((resolve4, reject) => {
      this.pending.set(id, { resolve: resolve4, reject });
      worker.postMessage({ id, buffer: values.buffer, length: values.length }, [values.buffer]);
    });
  }
  /** Stops using workers: later sorts run on the main thread, jobs in flight are rejected. */
  fail(reason) {
    void this.stopWorkers();
    for (const job of this.pending.values()) job.reject(new SortWorkerError(reason));
    this.pending.clear();
  }
  async close() {
    await this.stopWorkers();
  }
  /** Terminates the workers without their exit counting as a failure. */
  async stopWorkers() {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(
      workers.map((w) => {
        w.removeAllListeners("exit");
        return w.terminate();
      })
    );
  }
};

// src/core/drift/compare.ts
var EXACT_CURRENT_ROWS = 2e5;
var PSI_BINS = 10;
var FULL_MODE_VALUES_PER_PASS = 4e6;
function fromClause(data) {
  return `${data.dataset.relation}${data.where ? ` WHERE ${data.where}` : ""}`;
}
async function currentRowCount(data) {
  const [row] = await data.dataset.query(`SELECT count(*) AS n FROM ${fromClause(data)}`);
  return num(row?.n ?? 0);
}
function numericFromSketches(ref, cur, referenceStd) {
  const edges = quantileEdges(ref, PSI_BINS);
  const r = binCounts(ref, edges);
  const c = binCounts(cur, edges);
  return {
    ks: ksFromSketches(ref, cur),
    wasserstein: wassersteinFromSketches(ref, cur),
    referenceStd,
    edges,
    referenceBins: r.counts,
    currentBins: c.counts,
    binsExact: r.exact && c.exact
  };
}
function compareCategories(reference, current) {
  const refMap = new Map(reference.categories);
  const refComplete = reference.otherCount === 0;
  const labels = reference.categories.map(([k]) => k);
  const ref = reference.categories.map(([, n]) => n);
  const cur = labels.map((k) => current.get(k) ?? 0);
  const unseen = [...current].filter(([k]) => !refMap.has(k)).sort((a, b) => b[1] - a[1]);
  if (refComplete) {
    for (const [k, n] of unseen) {
      labels.push(k);
      ref.push(0);
      cur.push(n);
    }
  } else {
    labels.push("(other)");
    ref.push(reference.otherCount);
    cur.push(unseen.reduce((s, [, n]) => s + n, 0));
  }
  return {
    labels,
    reference: ref,
    current: cur,
    newCategories: refComplete ? unseen.map(([k]) => k) : [],
    vanishedCategories: reference.categories.filter(([k, n]) => n > 0 && !current.has(k)).map(([k]) => k)
  };
}
async function compareWithProfile(profile, data, columns, exactCurrentRows = EXACT_CURRENT_ROWS) {
  const select = ['count(*) AS "__rows"'];
  const plans = columns.map((c, i) => {
    const ref = profile.columns[c.name];
    select.push(`count(${ident(c.name)}) AS "n${i}"`);
    if (ref.kind === "numeric") {
      const x = numericExpr(c.name);
      const knots = ref.numeric?.knots.map((k) => k[0]) ?? [];
      const split = ref.numeric?.exact === true;
      const bins = knotBoundaries(knots);
      const boundaries = split ? bins.boundaries : knots;
      select.push(`min(${x}) AS "min${i}"`, `max(${x}) AS "max${i}"`);
      if (knots.length > 0) {
        select.push(
          `to_json(map_values(histogram(${x}, [${boundaries.map((b) => b.toExponential()).join(",")}]::DOUBLE[]))) AS "h${i}"`
        );
      }
      return { ref, knots, bins, split };
    }
    select.push(`to_json(histogram(${categoricalExpr(c.name)})) AS "k${i}"`);
    return { ref, knots: [], bins: void 0, split: false };
  });
  const [row] = await data.dataset.query(`SELECT ${select.join(", ")} FROM ${fromClause(data)}`);
  const currentRows = num(row?.__rows ?? 0);
  let exactValues = {};
  const numericNames = columns.filter((c) => profile.columns[c.name].kind === "numeric").map((c) => c.name);
  if (currentRows > 0 && currentRows <= exactCurrentRows && numericNames.length > 0) {
    exactValues = await readColumns(data, numericNames);
  }
  const comparisons = columns.map((c, i) => {
    const { ref, knots, bins, split } = plans[i];
    const count = num(row?.[`n${i}`] ?? 0);
    const result = {
      column: c.name,
      kind: ref.kind,
      reference: { count: ref.count, nulls: ref.nulls },
      current: { count, nulls: currentRows - count }
    };
    if (ref.kind === "categorical") {
      const current = new Map(countEntries(row?.[`k${i}`]));
      result.categorical = compareCategories(ref.categorical ?? { categories: [], otherCount: 0 }, current);
      return result;
    }
    if (!ref.numeric || count === 0 || ref.count === 0) return result;
    const refSketch = CdfSketch.fromKnots(
      ref.numeric.knots,
      ref.numeric.min,
      ref.numeric.max,
      ref.numeric.rankError * ref.count
    );
    let curSketch;
    const values = exactValues[c.name];
    if (values) {
      curSketch = CdfSketch.fromSorted(sortFiniteInPlace(values));
    } else {
      const counts = list(row?.[`h${i}`]).map(num);
      const [min, max] = [num(row?.[`min${i}`]), num(row?.[`max${i}`])];
      if (split) {
        const at = knots.map((_, j) => counts[bins.atBin[j]] ?? 0);
        const between = knots.map((_, j) => bins.betweenBin[j] >= 0 ? counts[bins.betweenBin[j]] ?? 0 : 0);
        const above = counts.length > bins.boundaries.length ? counts[bins.boundaries.length] ?? 0 : 0;
        curSketch = CdfSketch.fromBins(knots, at, between, above, min, max);
      } else {
        const perKnot = knots.map((_, j) => counts[j] ?? 0);
        const above = counts.length > knots.length ? counts[knots.length] ?? 0 : 0;
        curSketch = CdfSketch.fromUnsplitBins(knots, perKnot, above, min, max);
      }
    }
    result.numeric = numericFromSketches(refSketch, curSketch, ref.numeric.std);
    return result;
  });
  return { rows: currentRows, comparisons };
}
async function readColumns(data, names) {
  if (!data.where) {
    const batch = await data.dataset.readAll(names);
    return Object.fromEntries(names.map((n) => [n, batch.columns[n]]));
  }
  const rows = await data.dataset.query(
    `SELECT ${names.map((n, i) => `${numericExpr(n)} AS "c${i}"`).join(", ")} FROM ${fromClause(data)}`
  );
  return Object.fromEntries(
    names.map((n, i) => [n, Float64Array.from(rows, (r) => r[`c${i}`] === null ? Number.NaN : num(r[`c${i}`]))])
  );
}
async function compareFull(reference, referenceProfile, current, columns) {
  const distinct = [...new Map(columns.map((c) => [c.name, c])).values()];
  const categorical = distinct.filter((c) => referenceProfile.columns[c.name].kind === "categorical");
  const numeric = distinct.filter((c) => referenceProfile.columns[c.name].kind === "numeric");
  const out = /* @__PURE__ */ new Map();
  let currentRows;
  if (categorical.length === 0) currentRows = await currentRowCount(current);
  else {
    const select = categorical.flatMap((c, i) => {
      const h = `histogram(${categoricalExpr(c.name)})`;
      return [
        `count(${ident(c.name)}) AS "n${i}"`,
        `to_json(map_keys(${h})) AS "k${i}"`,
        `to_json(map_values(${h})) AS "v${i}"`
      ];
    });
    const [row] = await current.dataset.query(
      `SELECT count(*) AS "rows", ${select.join(", ")} FROM ${fromClause(current)}`
    );
    currentRows = num(row?.rows ?? 0);
    categorical.forEach((c, i) => {
      const ref = referenceProfile.columns[c.name];
      const keys = list(row?.[`k${i}`]).map(String);
      const values = list(row?.[`v${i}`]).map(num);
      const count = num(row?.[`n${i}`] ?? 0);
      out.set(c.name, {
        column: c.name,
        kind: "categorical",
        reference: { count: ref.count, nulls: ref.nulls },
        current: { count, nulls: currentRows - count },
        categorical: compareCategories(
          ref.categorical ?? { categories: [], otherCount: 0 },
          new Map(keys.map((k, j) => [k, values[j] ?? 0]))
        )
      });
    });
  }
  const perColumn = Math.max(1, referenceProfile.rows + currentRows);
  const groupSize = Math.max(1, Math.floor(FULL_MODE_VALUES_PER_PASS / perColumn));
  if (numeric.length > 0) {
    const pool = new SortPool();
    const compareGroup = async (names) => {
      const refValues = await readColumns(reference, names);
      const curValues = await readColumns(current, names);
      const sorted = names.map(
        (name) => Promise.all([pool.sortFinite(refValues[name]), pool.sortFinite(curValues[name])])
      );
      for (const pair of sorted) pair.catch(() => void 0);
      for (const [j, name] of names.entries()) {
        const [a, b] = await sorted[j];
        out.set(name, compareSorted(name, referenceProfile.columns[name], a, b, currentRows));
      }
    };
    try {
      for (let g = 0; g < numeric.length; g += groupSize) {
        const names = numeric.slice(g, g + groupSize).map((c) => c.name);
        try {
          await compareGroup(names);
        } catch (error) {
          if (!(error instanceof SortWorkerError)) throw error;
          await compareGroup(names);
        }
      }
    } finally {
      await pool.close();
    }
  }
  return { rows: currentRows, comparisons: columns.map((c) => out.get(c.name)) };
}
function compareSorted(name, ref, a, b, currentRows) {
  const result = {
    column: name,
    kind: "numeric",
    reference: { count: a.length, nulls: ref.count + ref.nulls - a.length },
    current: { count: b.length, nulls: currentRows - b.length }
  };
  if (a.length > 0 && b.length > 0) {
    const edges = sortedQuantileEdges(a, PSI_BINS);
    const distances = ecdfDistancesSorted(a, b);
    result.numeric = {
      ks: { value: distances.ks, bound: 0 },
      wasserstein: { value: distances.wasserstein, bound: 0 },
      referenceStd: ref.numeric?.std ?? Number.NaN,
      edges,
      referenceBins: sortedBinCounts(a, edges),
      currentBins: sortedBinCounts(b, edges),
      binsExact: true
    };
  }
  return result;
}
function countEntries(value) {
  if (value === null || value === void 0) return [];
  const object = typeof value === "string" ? JSON.parse(value) : value;
  return Object.entries(object).map(([k, v]) => [k, num(v)]);
}
function upperBound(sorted, x) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid2 = lo + hi >>> 1;
    if (sorted[mid2] <= x) lo = mid2 + 1;
    else hi = mid2;
  }
  return lo;
}
function sortedQuantileEdges(sorted, bins) {
  const n = sorted.length;
  const max = sorted[n - 1];
  const edges = [];
  const distinct = [];
  for (let i = 0; i < n && distinct.length <= bins; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  if (distinct.length <= bins) return distinct.slice(0, -1);
  for (let i = 1; i < bins; i++) {
    const v = sorted[Math.max(0, Math.ceil(i / bins * n) - 1)];
    if (v < max && (edges.length === 0 || v > edges[edges.length - 1])) edges.push(v);
  }
  return edges;
}
function sortedBinCounts(sorted, edges) {
  const counts = [];
  let prev = 0;
  for (const e of edges) {
    const c = upperBound(sorted, e);
    counts.push(c - prev);
    prev = c;
  }
  counts.push(sorted.length - prev);
  return counts;
}
function matchColumns(profile, current, wanted) {
  const present = [];
  const missing = [];
  const typeChanged = [];
  for (const name of wanted) {
    const ref = profile.columns[name];
    if (!ref) continue;
    const info = current.columns.find((c) => c.name === name);
    if (!info) missing.push(name);
    else if (columnKind(info.type) !== ref.kind) typeChanged.push({ column: name, reference: ref, found: info });
    else present.push(info);
  }
  return { present, missing, typeChanged };
}

// src/core/stats/jensen-shannon.ts
function normalise(p) {
  const total = p.reduce((s, v) => s + v, 0);
  return p.map((v) => v / total);
}
function relEntr(x, y) {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Number.POSITIVE_INFINITY;
}
function jensenShannonDistance(p, q, base = 2) {
  const pn = normalise(p);
  const qn = normalise(q);
  let left = 0;
  let right = 0;
  for (let i = 0; i < pn.length; i++) {
    const m = (pn[i] + qn[i]) / 2;
    left += relEntr(pn[i], m);
    right += relEntr(qn[i], m);
  }
  const js = (left + right) / 2 / Math.log(base);
  return Math.sqrt(Math.max(0, js));
}
function lInfinityDistance(p, q) {
  const pn = normalise(p);
  const qn = normalise(q);
  let d = 0;
  for (let i = 0; i < pn.length; i++) d = Math.max(d, Math.abs(pn[i] - qn[i]));
  return d;
}

// src/core/stats/psi.ts
var PSI_EMPTY_SHARE = 1e-4;
function populationStabilityIndex(reference, current) {
  const rt = reference.reduce((s, v) => s + v, 0);
  const ct = current.reduce((s, v) => s + v, 0);
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i] / rt || PSI_EMPTY_SHARE;
    const c = current[i] / ct || PSI_EMPTY_SHARE;
    psi += (c - r) * Math.log(c / r);
  }
  return psi;
}

// src/core/drift/decide.ts
var TEST_RULE = /* @__PURE__ */ new Set(["ks", "chisquare"]);
function shares(counts) {
  const total = counts.reduce((s, v) => s + v, 0);
  return counts.map((c) => total > 0 ? c / total : 0);
}
function finite(x) {
  return Number.isFinite(x) ? x : null;
}
function statistics(c) {
  const nRef = c.reference.count;
  const nCur = c.current.count;
  if (c.numeric) {
    const n = c.numeric;
    const exactKs = n.ks.bound === 0;
    const ks = ksPValue(n.ks.value, nRef, nCur);
    const std2 = n.referenceStd > 0 ? n.referenceStd : 1;
    return [
      {
        test: "ks",
        statistic: exactKs ? ks.statistic : n.ks.value,
        pValue: finite(ks.pValue),
        bound: n.ks.bound,
        exact: exactKs
      },
      {
        test: "wasserstein",
        statistic: finite(n.wasserstein.value / std2),
        bound: Number.isFinite(n.wasserstein.bound / std2) ? n.wasserstein.bound / std2 : 0,
        exact: n.wasserstein.bound === 0
      },
      {
        test: "psi",
        statistic: finite(populationStabilityIndex(n.referenceBins, n.currentBins)),
        bound: 0,
        exact: n.binsExact
      }
    ];
  }
  if (c.categorical) {
    const cat = c.categorical;
    const keep = cat.labels.map((_, i) => cat.reference[i] + cat.current[i] > 0);
    const ref = cat.reference.filter((_, i) => keep[i]);
    const cur = cat.current.filter((_, i) => keep[i]);
    const chi = ref.length > 0 && nRef > 0 && nCur > 0 ? chiSquareContingency([ref, cur]) : void 0;
    return [
      { test: "chisquare", statistic: chi?.statistic ?? null, pValue: chi?.pValue ?? null, bound: 0, exact: true },
      {
        test: "jensenshannon",
        statistic: nRef && nCur ? jensenShannonDistance(ref, cur) : null,
        bound: 0,
        exact: true
      },
      { test: "linf", statistic: nRef && nCur ? lInfinityDistance(ref, cur) : null, bound: 0, exact: true }
    ];
  }
  return [];
}
function chart(c) {
  if (c.numeric) {
    const e = c.numeric.edges;
    const fmt2 = (x) => Number(x.toPrecision(3)).toString();
    const labels = [
      ...e.map((x, i) => i === 0 ? `\u2264${fmt2(x)}` : `${fmt2(e[i - 1])}\u2013${fmt2(x)}`),
      `>${fmt2(e.at(-1) ?? 0)}`
    ];
    return { labels, reference: shares(c.numeric.referenceBins), current: shares(c.numeric.currentBins) };
  }
  if (c.categorical) {
    const order = c.categorical.labels.map((label, i) => ({ label, r: c.categorical.reference[i], k: c.categorical.current[i] })).sort((a, b) => b.r + b.k - (a.r + a.k)).slice(0, 10);
    const rs = shares(c.categorical.reference);
    const cs = shares(c.categorical.current);
    return {
      labels: order.map((o) => o.label),
      reference: order.map((o) => rs[c.categorical.labels.indexOf(o.label)]),
      current: order.map((o) => cs[c.categorical.labels.indexOf(o.label)])
    };
  }
  return void 0;
}
function decideColumns(comparisons, { config, role }) {
  const drafts = comparisons.map((c) => {
    const override = config.columns[c.column] ?? {};
    const nMin = Math.min(c.reference.count, c.current.count);
    const small = nMin <= config.sampleSizeThreshold;
    let decision;
    let ruleReason;
    if (override.test && override.test !== "auto") {
      decision = override.test;
      ruleReason = `${override.test} set for this column in mlops.yaml`;
    } else if (c.kind === "numeric") {
      decision = small ? "ks" : "wasserstein";
      ruleReason = small ? `smaller sample ${nMin} <= ${config.sampleSizeThreshold}: KS test` : `smaller sample ${nMin} > ${config.sampleSizeThreshold}: Wasserstein distance / reference std`;
    } else {
      decision = small ? "chisquare" : "jensenshannon";
      ruleReason = small ? `smaller sample ${nMin} <= ${config.sampleSizeThreshold}: chi-square test` : `smaller sample ${nMin} > ${config.sampleSizeThreshold}: Jensen-Shannon distance`;
    }
    const rule = TEST_RULE.has(decision) ? "test" : "distance";
    const threshold = override.threshold ?? (rule === "test" ? config.alpha : config.thresholds[decision]);
    return { c, stats: statistics(c), decision, rule, ruleReason, threshold };
  });
  const tested = drafts.filter((d) => d.rule === "test");
  const pValues = tested.map((d) => d.stats.find((s) => s.test === d.decision)?.pValue ?? 1);
  const adjusted = config.correction === "holm" ? holm(pValues) : config.correction === "bh" ? benjaminiHochberg(pValues) : pValues;
  tested.forEach((d, i) => {
    const s = d.stats.find((x) => x.test === d.decision);
    if (s) s.adjustedPValue = adjusted[i];
  });
  return drafts.map(({ c, stats, decision, rule, ruleReason, threshold }) => {
    const s = stats.find((x) => x.test === decision);
    let score = 0;
    let statDrift = false;
    if (s && rule === "test") {
      const p = s.adjustedPValue ?? s.pValue ?? 1;
      statDrift = p < threshold;
      score = p > 0 ? Math.log(p) / Math.log(threshold) : 100;
    } else if (s?.statistic !== null && s?.statistic !== void 0) {
      statDrift = s.statistic >= threshold;
      score = s.statistic / threshold;
    }
    const refRows = c.reference.count + c.reference.nulls;
    const curRows = c.current.count + c.current.nulls;
    const refNull = refRows > 0 ? c.reference.nulls / refRows : 0;
    const curNull = curRows > 0 ? c.current.nulls / curRows : 0;
    const nullDrift = Math.abs(curNull - refNull) > config.nullShareChange;
    const newCategories = c.categorical?.newCategories ?? [];
    const newShare = c.categorical && c.current.count > 0 ? newCategories.reduce((sum, k) => sum + (c.categorical.current[c.categorical.labels.indexOf(k)] ?? 0), 0) / c.current.count : 0;
    const categoryDrift = newShare > config.nullShareChange;
    const drifted = statDrift || nullDrift || categoryDrift;
    if (nullDrift) score = Math.max(score, Math.abs(curNull - refNull) / config.nullShareChange);
    if (categoryDrift) score = Math.max(score, newShare / config.nullShareChange);
    return {
      column: c.column,
      role,
      kind: c.kind,
      rule,
      ruleReason,
      decision,
      threshold,
      score: Number.isFinite(score) ? score : 100,
      drifted,
      statistics: stats,
      referenceCount: c.reference.count,
      currentCount: c.current.count,
      nullShare: { reference: refNull, current: curNull, drifted: nullDrift, threshold: config.nullShareChange },
      newCategories,
      vanishedCategories: c.categorical?.vanishedCategories ?? [],
      chart: chart(c)
    };
  });
}

// src/core/drift/values.ts
function isNumericValues(values) {
  return values instanceof Float64Array;
}
function countValues(values) {
  const counts = /* @__PURE__ */ new Map();
  let nulls = 0;
  for (const v of values) {
    if (v === null) nulls++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return { counts, nulls };
}
function finiteAndMissing(values) {
  let missing = 0;
  for (const v of values) if (Number.isNaN(v)) missing++;
  return { sorted: values.filter((v) => Number.isFinite(v)).sort(), missing };
}
function std(sorted) {
  if (sorted.length === 0) return Number.NaN;
  let mean = 0;
  for (const v of sorted) mean += v;
  mean /= sorted.length;
  let ss = 0;
  for (const v of sorted) ss += (v - mean) ** 2;
  return Math.sqrt(ss / sorted.length);
}
function profileColumnFromValues(values, quantiles = 1e3, maxCategories = 1e3) {
  if (isNumericValues(values)) {
    const { sorted, missing } = finiteAndMissing(values);
    const n = sorted.length;
    let mean = 0;
    for (const v of sorted) mean += v;
    mean /= n || 1;
    return {
      kind: "numeric",
      engineType: "DOUBLE",
      count: values.length - missing,
      nulls: missing,
      numeric: n > 0 ? {
        min: sorted[0],
        max: sorted[n - 1],
        mean,
        std: std(sorted),
        exact: CdfSketch.fromSorted(sorted).knotValues().length <= quantiles,
        rankError: 0,
        knots: knotsFromSorted(sorted, quantiles)
      } : void 0
    };
  }
  const { counts, nulls } = countValues(values);
  const all = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = all.slice(0, maxCategories);
  return {
    kind: "categorical",
    engineType: "VARCHAR",
    count: values.length - nulls,
    nulls,
    categorical: {
      categories: kept,
      otherCount: all.slice(maxCategories).reduce((s, [, n]) => s + n, 0),
      distinct: all.length
    }
  };
}
function compareValuesWithProfile(column, ref, current) {
  if (ref.kind === "categorical" || !isNumericValues(current)) {
    const cur = isNumericValues(current) ? Array.from(current, (v) => Number.isNaN(v) ? null : String(v)) : current;
    const { counts, nulls } = countValues(cur);
    return {
      column,
      kind: "categorical",
      reference: { count: ref.count, nulls: ref.nulls },
      current: { count: cur.length - nulls, nulls },
      categorical: compareCategories(ref.categorical ?? { categories: [], otherCount: 0 }, counts)
    };
  }
  const { sorted, missing } = finiteAndMissing(current);
  const result = {
    column,
    kind: "numeric",
    reference: { count: ref.count, nulls: ref.nulls },
    current: { count: current.length - missing, nulls: missing }
  };
  if (!ref.numeric || sorted.length === 0) return result;
  const refSketch = CdfSketch.fromKnots(
    ref.numeric.knots,
    ref.numeric.min,
    ref.numeric.max,
    ref.numeric.rankError * ref.count
  );
  const curSketch = CdfSketch.fromSorted(sorted);
  const edges = quantileEdges(refSketch, 10);
  const r = binCounts(refSketch, edges);
  const c = binCounts(curSketch, edges);
  result.numeric = {
    ks: ksFromSketches(refSketch, curSketch),
    wasserstein: wassersteinFromSketches(refSketch, curSketch),
    referenceStd: ref.numeric.std,
    edges,
    referenceBins: r.counts,
    currentBins: c.counts,
    binsExact: r.exact && c.exact
  };
  return result;
}

// src/core/drift/check.ts
function approximation(ref, mode, columns) {
  if (mode === "full") return "exact: statistics computed from the full reference data";
  const worstKs = Math.max(
    0,
    ...columns.flatMap((c) => c.statistics.filter((s) => s.test === "ks").map((s) => s.bound))
  );
  const worstW = Math.max(
    0,
    ...columns.flatMap((c) => c.statistics.filter((s) => s.test === "wasserstein").map((s) => s.bound))
  );
  const q = ref.profile.settings.quantiles;
  if (worstKs === 0 && worstW === 0) return `exact: the profile holds every distinct value (<= ${q} per column)`;
  return `sketch with ${q} quantile knots per numeric column: KS within \xB1${worstKs.toPrecision(2)}, normalised Wasserstein within \xB1${worstW.toPrecision(2)} (worst column); category counts exact`;
}
function emptyCurrent(current) {
  const windowed = Boolean(current.where || current.window);
  return new MlopsError(
    windowed ? `The current data ${current.source} has no rows in the window ${current.window ? `${current.window.from} .. ${current.window.to}` : current.where}.` : `The current data ${current.source} has no rows.`,
    {
      kind: "input",
      where: { file: current.source },
      expected: "at least one row to compare with the reference",
      hint: windowed ? "Widen the window (drift.window.last) or check that the model server is writing its prediction log." : "Point `current` at the production data of the period to check."
    }
  );
}
async function runDriftCheck(input) {
  const { config, reference, current } = input;
  const profile = reference.profile;
  const findings = [];
  if (profile.rows === 0) {
    throw new MlopsError(`The reference ${reference.source} has no rows.`, {
      kind: "input",
      where: { file: reference.source },
      hint: "Rebuild the reference profile from the training data."
    });
  }
  const ignore = /* @__PURE__ */ new Set([...input.ignore ?? [], ...input.label ? [input.label] : []]);
  const wanted = (input.features ?? Object.keys(profile.columns)).filter((c) => !ignore.has(c));
  const notProfiled = wanted.filter((c) => !profile.columns[c]);
  for (const column of notProfiled) {
    findings.push({
      severity: "warning",
      code: "missing-column",
      column,
      message: `"${column}" is a feature but is not in the reference profile; it is not checked.`
    });
  }
  const { present, missing, typeChanged } = matchColumns(profile, current.dataset, wanted);
  for (const column of missing) {
    findings.push({
      severity: "error",
      code: "missing-column",
      column,
      message: `"${column}" is in the reference but missing from the current data: the model cannot be fed.`
    });
  }
  for (const t of typeChanged) {
    findings.push({
      severity: "error",
      code: "type-changed",
      column: t.column,
      message: `"${t.column}" was ${t.reference.kind} (${t.reference.engineType}) in the reference and is ${t.found.engineType} now.`
    });
  }
  for (const c of current.dataset.columns) {
    if (!profile.columns[c.name] && !ignore.has(c.name) && columnKind(c.type) !== void 0 && !input.features) {
      findings.push({
        severity: "info",
        code: "new-column",
        column: c.name,
        message: `"${c.name}" is in the current data but not in the reference.`
      });
    }
  }
  const mode = config.mode === "full" && reference.data ? "full" : "profile";
  const skip = new Set(
    Object.entries(config.columns).filter(([, o]) => o.skip).map(([k]) => k)
  );
  const featureColumns = present.filter((c) => !skip.has(c.name));
  const labelColumns = input.label && profile.columns[input.label] ? matchColumns(profile, current.dataset, [input.label]).present : [];
  let rows;
  let comparisons;
  if (mode === "full") {
    ({ rows, comparisons } = await compareFull(reference.data, profile, current, [
      ...featureColumns,
      ...labelColumns
    ]));
    if (rows === 0) throw emptyCurrent(current);
  } else {
    ({ rows, comparisons } = await compareWithProfile(
      profile,
      current,
      [...featureColumns, ...labelColumns],
      input.exactCurrentRows
    ));
    if (rows === 0) throw emptyCurrent(current);
  }
  const columns = decideColumns(comparisons.slice(0, featureColumns.length), { config, role: "feature" });
  const label = labelColumns.length ? decideColumns(comparisons.slice(featureColumns.length), { config, role: "label" })[0] : void 0;
  let prediction;
  if (input.prediction?.reference && input.prediction.current) {
    const comparison = compareValuesWithProfile(
      input.prediction.name,
      input.prediction.reference,
      input.prediction.current
    );
    [prediction] = decideColumns([comparison], { config, role: "prediction" });
  } else if (input.prediction?.skipped) {
    findings.push({ severity: "warning", code: "prediction-skipped", message: input.prediction.skipped });
  }
  for (const c of columns) {
    const cat = profile.columns[c.column]?.categorical;
    if (cat && cat.otherCount > 0) {
      findings.push({
        severity: "info",
        code: "too-many-categories",
        column: c.column,
        message: `"${c.column}" has ${cat.distinct} categories; the ${cat.categories.length} most frequent are compared one by one, the rest as "(other)".`
      });
    }
  }
  for (const c of [...columns, ...label ? [label] : []]) {
    if (c.newCategories.length > 0) {
      findings.push({
        severity: c.drifted ? "warning" : "info",
        code: "new-categories",
        column: c.column,
        message: `"${c.column}" has values never seen in the reference: ${c.newCategories.slice(0, 5).join(", ")}${c.newCategories.length > 5 ? ", \u2026" : ""}.`
      });
    }
    if (c.vanishedCategories.length > 0) {
      findings.push({
        severity: "info",
        code: "vanished-categories",
        column: c.column,
        message: `"${c.column}" no longer has: ${c.vanishedCategories.slice(0, 5).join(", ")}${c.vanishedCategories.length > 5 ? ", \u2026" : ""}.`
      });
    }
    if (c.nullShare.drifted) {
      findings.push({
        severity: "warning",
        code: "null-share",
        column: c.column,
        message: `"${c.column}" missing values went from ${(c.nullShare.reference * 100).toFixed(1)}% to ${(c.nullShare.current * 100).toFixed(1)}%.`
      });
    }
  }
  const broken = [...missing, ...typeChanged.map((t) => t.column)];
  const drifted = [...broken, ...columns.filter((c) => c.drifted).map((c) => c.column)];
  const checked = columns.length + broken.length;
  const driftedShare = checked > 0 ? drifted.length / checked : 0;
  const stale = input.staleness?.stale ?? false;
  const reasons = [];
  if (driftedShare >= config.driftShare) {
    reasons.push(
      `${drifted.length} of ${checked} feature columns drifted (${(driftedShare * 100).toFixed(0)}% >= ${(config.driftShare * 100).toFixed(0)}%)`
    );
  }
  if (prediction?.drifted) reasons.push(`the model's predictions drifted (${prediction.decision})`);
  if (broken.length > 0) reasons.push(`columns missing or with a changed type: ${broken.join(", ")}`);
  if (stale) reasons.push("the production model or its training data is older than drift.maxAgeDays");
  const datasetDrifted = driftedShare >= config.driftShare || (prediction?.drifted ?? false) || broken.length > 0;
  columns.sort((a, b) => Number(b.drifted) - Number(a.drifted) || b.score - a.score);
  return {
    ...envelope("DriftReport"),
    model: input.model,
    reference: {
      source: displaySource(reference.source),
      mode,
      rows: profile.rows,
      approximation: approximation(reference, mode, [...columns, ...label ? [label] : []])
    },
    current: { source: displaySource(current.source), rows, window: current.window },
    settings: {
      correction: config.correction,
      alpha: config.alpha,
      sampleSizeThreshold: config.sampleSizeThreshold,
      driftShare: config.driftShare
    },
    verdict: {
      drifted: datasetDrifted,
      driftedShare,
      driftedColumns: drifted,
      predictionDrifted: prediction?.drifted ?? false,
      stale,
      reasons
    },
    columns,
    prediction,
    label,
    staleness: input.staleness,
    findings
  };
}

// src/core/drift/inputs.ts
import { execFileSync } from "node:child_process";
import { existsSync as existsSync2 } from "node:fs";
import { join as join2, resolve } from "node:path";
async function productionVersion(cwd, model) {
  if (!existsSync2(join2(cwd, ".mlops", "registry", model))) return void 0;
  try {
    return await resolveModelRef(cwd, `${model}#production`);
  } catch {
    try {
      return await resolveModelRef(cwd, `${model}:latest`);
    } catch {
      return void 0;
    }
  }
}
function isProfilePath(path) {
  return /\.json$/i.test(path) && !/\.jsonl$/i.test(path);
}
async function resolveReference(options) {
  const { cwd, config, version } = options;
  const drift = config.drift;
  const profileOptions = {
    quantiles: drift.profile.quantiles,
    maxCategories: drift.profile.maxCategories,
    sketchNumeric: drift.mode !== "full"
  };
  const open = (path) => openDataset(path, { materialize: drift.mode === "full", rowOrder: "any" });
  const explicit = options.input ?? drift.reference;
  if (explicit) {
    if (isProfilePath(explicit)) {
      const path = resolve(cwd, explicit);
      return { source: explicit, profile: await readReferenceProfile(path), stored: true, path };
    }
    const dataset = await open(resolveSource(cwd, explicit));
    return {
      source: explicit,
      profile: await buildReferenceProfile(dataset, profileOptions),
      data: { dataset },
      stored: false
    };
  }
  if (version) {
    const stored = version.version.referenceProfile ?? join2(version.dir, "reference-profile.json");
    const path = resolve(cwd, stored);
    const trainSource = version.version.lineage.data.find((d) => d.role === "train")?.source ?? config.data.train;
    if (drift.mode === "full" && trainSource && existsSync2(resolve(cwd, trainSource))) {
      const dataset = await open(resolve(cwd, trainSource));
      return {
        source: trainSource,
        profile: await buildReferenceProfile(dataset, profileOptions),
        data: { dataset },
        stored: false
      };
    }
    if (existsSync2(path)) {
      return {
        source: stored,
        profile: await readReferenceProfile(path),
        stored: true,
        path
      };
    }
  }
  if (config.data.train) {
    const dataset = await open(resolveSource(cwd, config.data.train));
    return {
      source: config.data.train,
      profile: await buildReferenceProfile(dataset, profileOptions),
      data: { dataset },
      stored: false
    };
  }
  throw new MlopsError("No reference to compare with.", {
    kind: "usage",
    expected: "a reference profile or reference data",
    hint: "Register the model (its reference-profile.json is the default), set drift.reference or data.train in mlops.yaml, or pass --reference."
  });
}
function resolveSource(cwd, source) {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? source : resolve(cwd, source);
}
var UNIT_MS = { m: 6e4, h: 36e5, d: 864e5, w: 6048e5 };
function parseDuration(text) {
  const m = /^(\d+(?:\.\d+)?)\s*(m|h|d|w)$/.exec(text.trim());
  if (!m) {
    throw new MlopsError(`"${text}" is not a duration.`, {
      kind: "usage",
      expected: "a number and a unit: 30m, 24h, 7d, 2w",
      found: JSON.stringify(text)
    });
  }
  return Number(m[1]) * UNIT_MS[m[2]];
}
async function openCurrent(options) {
  const dataset = await openDataset(resolveSource(options.cwd, options.source), {
    materialize: options.materialize && !options.window,
    rowOrder: "any"
  });
  if (!options.window) return { dataset, source: options.source };
  const { column, last } = options.window;
  const span = parseDuration(last);
  const info = dataset.columns.find((c) => c.name === column);
  if (!info) {
    throw new MlopsError(`The prediction log ${options.source} has no timestamp column "${column}".`, {
      kind: "input",
      where: { file: options.source, field: column },
      expected: `a timestamp column; found ${dataset.columns.map((c) => c.name).join(", ")}`,
      hint: "Set drift.window.column to the log\u2019s timestamp column."
    });
  }
  const to = options.end ?? /* @__PURE__ */ new Date();
  const from = new Date(to.getTime() - span);
  const dir = await makeTemporaryDir("mlops-drift-window-");
  const file = join2(dir, "window.parquet");
  const ts = `TRY_CAST(${ident(column)} AS TIMESTAMPTZ)`;
  await dataset.query(
    `COPY (SELECT * FROM ${dataset.relation} WHERE ${ts} > ${stringLiteral(from.toISOString())}::TIMESTAMPTZ AND ${ts} <= ${stringLiteral(to.toISOString())}::TIMESTAMPTZ) TO ${stringLiteral(file)} (FORMAT parquet)`
  );
  return {
    dataset: await openDataset(file),
    source: options.source,
    window: { column, from: from.toISOString(), to: to.toISOString() }
  };
}
async function modelFile(options) {
  if (options.path) return resolve(options.cwd, options.path);
  if (!options.version) return void 0;
  const dir = await makeTemporaryDir("mlops-drift-model-");
  const dest = join2(dir, options.version.version.artifact.name);
  await fetchModelArtifact(options.platform, options.version.version, dest);
  return dest;
}
function commitDate(cwd, commit) {
  if (!commit) return void 0;
  try {
    const iso = execFileSync("git", ["show", "-s", "--format=%cI", commit], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"]
    }).trim();
    return iso ? new Date(iso) : void 0;
  } catch {
    return void 0;
  }
}
function staleness(cwd, version, maxAgeDays, now = /* @__PURE__ */ new Date()) {
  if (!version) return void 0;
  const days = (d) => d ? (now.getTime() - d.getTime()) / 864e5 : null;
  const modelAgeDays = days(new Date(version.version.registeredAt));
  const dataAgeDays = days(commitDate(cwd, version.version.lineage.commit)) ?? modelAgeDays;
  const stale = maxAgeDays !== void 0 && ((modelAgeDays ?? 0) > maxAgeDays || (dataAgeDays ?? 0) > maxAgeDays);
  return { maxAgeDays: maxAgeDays ?? null, modelVersion: version.version.version, modelAgeDays, dataAgeDays, stale };
}

// src/core/drift/predict.ts
async function predictDataset(modelPath, dataset, label) {
  const model = await loadModel(modelPath);
  try {
    const plan = planInference(model, dataset.columns, { label });
    const classes = plan.outputs.classes;
    const labels = [];
    const numbers = [];
    for await (const p of predictBatches(model, plan, dataset.batches(plan.columns))) {
      for (let i = 0; i < p.batch.rowCount; i++) {
        if (p.predicted) labels.push(p.finite[i] ? classes[p.predicted[i]] ?? String(p.predicted[i]) : null);
        else if (p.prediction) numbers.push(p.finite[i] ? p.prediction[i] : Number.NaN);
      }
    }
    return plan.outputs.task === "regression" ? { output: "prediction", values: Float64Array.from(numbers) } : { output: "label", values: labels };
  } finally {
    await model.release();
  }
}

// src/core/drift/update-reference.ts
import { execFileSync as execFileSync2 } from "node:child_process";
import { relative, resolve as resolve2 } from "node:path";
function git(cwd, args) {
  try {
    return execFileSync2("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch (error) {
    const stderr = error.stderr ?? String(error);
    throw new MlopsError(`git ${args[0]} failed: ${stderr.trim().split("\n").slice(-2).join(" ")}`, {
      kind: "internal",
      where: { file: cwd },
      hint: "The reference update needs a git checkout with a configured user (git config user.name / user.email)."
    });
  }
}
async function updateReference(options) {
  const { cwd } = options;
  const profile = await buildReferenceProfile(options.current, {
    columns: options.columns,
    quantiles: options.quantiles,
    maxCategories: options.maxCategories
  });
  const stamp = (options.now ?? /* @__PURE__ */ new Date()).toISOString().replace(/[-:]/g, "").replace(/\..*/, "");
  const branch = `mlops/reference/${options.model}-${stamp}`;
  const start = git(cwd, ["rev-parse", "--abbrev-ref", "HEAD"]);
  git(cwd, ["checkout", "-q", "-b", branch]);
  try {
    const path = resolve2(cwd, options.profilePath);
    await writeReferenceProfile(path, profile);
    const rel = relative(cwd, path);
    git(cwd, ["add", "--", rel]);
    git(cwd, [
      "commit",
      "-q",
      "-m",
      `drift: accept the current data as ${options.model}'s new reference

Rebuilt ${rel} from ${options.current.source} (${profile.rows} rows). Merging this pull request makes it the baseline of future drift checks.`
    ]);
    const commit = git(cwd, ["rev-parse", "HEAD"]);
    let pushed = false;
    if (git(cwd, ["remote"]).split("\n").includes("origin")) {
      git(cwd, ["push", "-q", "origin", `${branch}:${branch}`]);
      pushed = true;
    }
    return { branch, path: rel, commit, pushed, profile };
  } finally {
    git(cwd, ["checkout", "-q", start]);
  }
}

// src/core/drift/run.ts
var PREDICTION_PROFILE_COLUMN = "@prediction";
async function runDriftCheckAction(options) {
  try {
    return await checkDrift(options);
  } finally {
    await closeEngine();
  }
}
async function checkDrift(options) {
  const { platform, cwd, config } = options;
  const drift = config.drift;
  const modelName = config.model?.name ?? "model";
  const currentSource = options.current ?? config.data.current;
  if (!currentSource) {
    throw new MlopsError("No current data to check.", {
      kind: "usage",
      hint: "Pass `current` (a file, glob, URL or prediction log) or set data.current in mlops.yaml."
    });
  }
  const version = config.model ? await productionVersion(cwd, config.model.name) : void 0;
  const reference = await resolveReference({ cwd, config, input: options.reference, version });
  const windowSpec = options.window ? { column: drift.window?.column ?? "timestamp", last: options.window } : drift.window ? { column: drift.window.column, last: drift.window.last } : void 0;
  const current = await openCurrent({
    cwd,
    source: currentSource,
    window: windowSpec,
    end: options.windowEnd,
    // Only full mode (which needs the reference data) reads the current data more than once.
    materialize: config.drift.mode === "full" && reference.data !== void 0
  });
  const label = config.model?.label;
  const ignore = [...windowSpec ? [windowSpec.column] : [], PREDICTION_PROFILE_COLUMN];
  let prediction;
  if (drift.prediction.enabled) {
    prediction = await predictionInput({ options, version, reference, current, label });
  }
  const report = await runDriftCheck({
    config: drift,
    reference,
    current: { dataset: current.dataset, source: current.source, window: current.window },
    features: config.model?.features,
    label,
    ignore,
    prediction,
    staleness: staleness(cwd, version, drift.maxAgeDays, options.now),
    model: config.model ? { name: config.model.name, version: version?.version.version } : void 0
  });
  if (options.updateReference) {
    const profilePath = reference.path ?? (version ? `${version.dir}/reference-profile.json` : ".mlops/reference-profile.json");
    const update = await updateReference({
      cwd,
      model: modelName,
      profilePath,
      current: current.dataset,
      columns: Object.keys(reference.profile.columns).filter((c) => current.dataset.columns.some((x) => x.name === c)),
      quantiles: drift.profile.quantiles,
      maxCategories: drift.profile.maxCategories
    });
    report.referenceUpdate = { branch: update.branch, commit: update.commit, path: update.path, pushed: update.pushed };
    if (update.pushed || platform.name === "local") {
      const pr = await platform.openPullRequest({
        head: update.branch,
        base: platform.context.defaultBranch,
        title: `drift: accept the current data as ${modelName}'s new reference`,
        body: [
          `\`mlops drift-check --update-reference\` rebuilt \`${update.path}\` from \`${current.source}\` (${update.profile.rows} rows).`,
          "",
          `The check that led here: ${report.verdict.drifted ? `drift (${report.verdict.reasons.join("; ")})` : "no dataset drift"}.`,
          "Merging makes this profile the baseline of future drift checks; closing keeps the current one."
        ].join("\n"),
        labels: ["drift", "mlops"]
      });
      report.referenceUpdate.pullRequest = { number: pr.number, url: pr.url };
    }
    platform.log.info(
      `New reference committed on branch ${update.branch} (${update.commit.slice(0, 7)})${report.referenceUpdate.pullRequest ? `: pull request #${report.referenceUpdate.pullRequest.number}` : ": open a pull request from it to accept the new baseline"}.`
    );
  }
  report.alert = await closeTheLoop(report, {
    platform,
    cwd,
    model: modelName,
    config: drift,
    retrain: options.retrain ?? drift.retrain.enabled,
    now: options.now
  });
  const written = await writeReport(options.outDir, driftRenderer, report);
  return { report, reportPath: written.json };
}
async function trainingData(options, version) {
  const source = version?.version.lineage.data.find((d) => d.role === "train")?.source ?? options.config.data.train;
  if (!source) return void 0;
  const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? source : resolve3(options.cwd, source);
  if (!path.includes("://") && !existsSync3(path)) return void 0;
  return openDataset(path).catch(() => void 0);
}
async function predictionInput(args) {
  const { options, version, reference, current, label } = args;
  const path = await modelFile({
    cwd: options.cwd,
    platform: options.platform,
    path: options.config.drift.prediction.model,
    version
  }).catch((error) => {
    options.platform.log.warning(`Prediction drift skipped: ${error.message}`);
    return void 0;
  });
  if (!path) {
    return { name: "prediction", skipped: "No model to run: register one or set drift.prediction.model." };
  }
  try {
    const cur = await predictDataset(path, current.dataset, label);
    const name = cur.output === "label" ? "predicted label" : "prediction";
    const stored = reference.profile.columns[PREDICTION_PROFILE_COLUMN];
    if (stored) return { name, reference: stored, current: cur.values };
    const referenceData = reference.data?.dataset ?? await trainingData(options, version);
    if (referenceData) {
      const ref = await predictDataset(path, referenceData, label);
      return { name, reference: profileColumnFromValues(ref.values), current: cur.values };
    }
    return {
      name,
      skipped: `The reference profile has no ${PREDICTION_PROFILE_COLUMN} column and the training data is not available to run the model on.`
    };
  } catch (error) {
    return { name: "prediction", skipped: `The model could not be run on the data: ${error.message}` };
  }
}

// src/actions/drift-check.ts
var driftCheckAction = defineAction({
  name: "drift-check",
  title: "Drift check",
  description: "Compare production data and predictions with the training reference, report per-feature drift, open or update an alert issue and trigger retraining.",
  icon: "activity",
  color: "red",
  inputs: {
    ...commonInputs,
    current: { description: "Current data: a path, glob or URL, or a prediction log. Default: `data.current`." },
    reference: { description: "Reference data or profile. Default: the production version's stored profile." },
    window: {
      description: "Check only the last part of a prediction log, e.g. `24h` or `7d` (timestamp column from `drift.window.column`)."
    },
    retrain: {
      description: "Trigger retraining when drift is found (also on when `drift.retrain.enabled` is true).",
      type: "boolean"
    },
    "update-reference": {
      description: "Accept the current data as the new normal: commit a rebuilt reference profile on a branch for review.",
      type: "boolean"
    },
    "fail-on": failOnInput,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression the runner evaluates
    token: { description: "Token for the platform API.", workflowDefault: "${{ github.token }}" }
  },
  outputs: {
    drifted: { description: "`true` when the dataset drifted." },
    report: { description: "Path of the DriftReport JSON." },
    "drifted-columns": { description: "Comma-separated drifted columns." }
  },
  async run({ platform, inputs, cwd, outDir, config }) {
    const { config: loaded } = await config();
    const { report, reportPath } = await runDriftCheckAction({
      platform,
      cwd,
      outDir,
      config: loaded,
      current: inputs.optional("current"),
      reference: inputs.optional("reference"),
      window: inputs.optional("window"),
      // Either turns retraining on: a template passing retrain: false on schedules must not override mlops.yaml.
      retrain: inputs.boolean("retrain") || loaded.drift.retrain.enabled,
      updateReference: inputs.boolean("update-reference")
    });
    const failOn = inputs.choice("fail-on");
    const { verdict } = report;
    const failed = failOn !== "never" && (verdict.drifted || failOn === "warning" && verdict.stale);
    return {
      exitCode: failed ? ExitCode.Failed : ExitCode.Passed,
      outputs: {
        drifted: String(verdict.drifted),
        report: reportPath,
        "drifted-columns": verdict.driftedColumns.join(",")
      },
      summary: renderMarkdown(driftRenderer, report, "summary"),
      headline: verdict.drifted ? `Drift: ${verdict.reasons.join("; ")}` : `No drift: ${verdict.driftedColumns.length} of ${report.columns.length} columns drifted`
    };
  }
});

export {
  driftCheckAction
};
//# sourceMappingURL=chunk-VFVP7CB3.js.map
