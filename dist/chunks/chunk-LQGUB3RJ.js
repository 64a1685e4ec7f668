import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  artifactStoreFor
} from "./chunk-L4ZWYQYJ.js";
import {
  binomialCdf,
  chiSquareSf
} from "./chunk-PFRV2C25.js";
import {
  OutputFetches,
  feedsFor,
  holm,
  loadModel,
  planInference,
  readOutputs
} from "./chunk-XEE3UMJZ.js";
import {
  closeEngine,
  openDataset
} from "./chunk-IAUKQKHR.js";
import {
  fetchModelArtifact,
  resolveModelRef
} from "./chunk-SKRUPJ6N.js";
import {
  barChart,
  code,
  commonInputs,
  defineAction,
  details,
  envelope,
  escapeCell,
  failOnInput,
  fmt,
  heading,
  renderMarkdown,
  signed,
  statusIcon,
  table,
  writeReport
} from "./chunk-I4KZNASZ.js";
import {
  loadNative
} from "./chunk-PQLAFQWX.js";
import {
  ExitCode,
  MlopsError
} from "./chunk-DAG4XNKM.js";

// src/core/evaluate/render.ts
function bytes(n) {
  if (n < 1e3) return `${n} bytes`;
  if (n < 1e6) return `${fmt(n / 1e3, 3)} kB`;
  return `${fmt(n / 1e6, 3)} MB`;
}
function value(e) {
  if (!e) return "\u2014";
  if (e.value === null) return `not computable${e.reason ? ` (${e.reason})` : ""}`;
  return fmt(e.value);
}
function interval(e, withSign = false) {
  if (!e || e.value === null) return "\u2014";
  if (e.lower === null || e.upper === null) return e.reason ? "not computable" : "\u2014";
  const f2 = withSign ? signed : fmt;
  return `[${f2(e.lower)}, ${f2(e.upper)}]`;
}
function gateIcon(g) {
  if (g.status === "fail") return g.severity === "warning" ? statusIcon.warn : statusIcon.fail;
  return statusIcon[g.status];
}
function gateRows(gates) {
  return gates.map((g) => [
    gateIcon(g),
    g.name,
    g.observed === null ? "\u2014" : fmt(g.observed),
    g.threshold === null ? "\u2014" : fmt(g.threshold),
    g.decidedOn,
    g.adjustedPValue != null ? `${fmt(g.pValue)} \u2192 ${fmt(g.adjustedPValue)} (Holm)` : g.pValue != null ? fmt(g.pValue) : "\u2014",
    g.reason
  ]);
}
var GATE_HEADERS = ["", "Gate", "Value compared", "Threshold", "Decided on", "p (H\u2080: gate holds)", "Why"];
function metricsTable(metrics, level, hasChampion) {
  const pct = `${Math.round(level * 100)}% CI`;
  const headers = hasChampion ? ["Metric", "Candidate", pct, "Champion", "\u0394 vs champion", `\u0394 ${pct}`] : ["Metric", "Candidate", pct];
  const rows = metrics.map((m) => {
    const name = `${m.name} ${m.direction === "higher" ? "\u2191" : "\u2193"}`;
    const base = [name, value(m.candidate), interval(m.candidate)];
    if (!hasChampion) return base;
    const delta = m.delta?.value === null || !m.delta ? value(m.delta) : signed(m.delta.value);
    return [...base, value(m.champion), delta, interval(m.delta, true)];
  });
  return table(headers, rows, ["left", "right", "right", "right", "right", "right"]);
}
function slicesSection(report) {
  if (report.slices.length === 0) return "";
  const gated = [
    ...new Set(report.gates.filter((g) => g.type === "value" || g.type === "change").map((g) => g.metric))
  ];
  const shown = gated.length > 0 ? gated : [report.metrics[0].name];
  const hasChampion = report.champion !== null;
  const headers = ["Slice", "Rows", "Gated"];
  for (const m of shown) {
    headers.push(m, `${m} CI`);
    if (hasChampion) headers.push(`\u0394 ${m}`);
  }
  const failing = new Set(report.gates.filter((g) => g.status === "fail" && g.slice).map((g) => g.slice));
  const rows = report.slices.map((s) => {
    const cells = [
      `${failing.has(s.label) ? `${statusIcon.fail} ` : ""}${s.label}`,
      s.rows,
      s.gated ? "yes" : `no (< ${report.settings.minSliceSupport})`
    ];
    for (const name of shown) {
      const m = s.metrics.find((x) => x.name === name);
      cells.push(value(m?.candidate), interval(m?.candidate));
      if (hasChampion) cells.push(m?.delta?.value != null ? signed(m.delta.value) : value(m?.delta));
    }
    return cells;
  });
  const primary = shown[0];
  const chartSlices = report.slices.filter((s) => s.metrics.find((m) => m.name === primary)?.candidate.value != null);
  const chart = barChart(
    `${primary} per slice (candidate)`,
    chartSlices.map((s) => s.label),
    chartSlices.map((s) => s.metrics.find((m) => m.name === primary).candidate.value),
    primary
  );
  return [heading(3, "Slices"), table(headers, rows), "", chart].join("\n");
}
function confusionSection(report) {
  const cm = report.confusionMatrix;
  if (!cm) return "";
  const rows = cm.labels.map((label, i) => [
    `**${label}**`,
    ...cm.matrix[i].map((v, j) => j === i ? `**${v}**` : v)
  ]);
  return [heading(3, "Confusion matrix (rows: true class, columns: predicted)"), table(["", ...cm.labels], rows)].join(
    "\n"
  );
}
function fairnessSection(report) {
  if (report.fairness.length === 0) return "";
  const rows = report.fairness.map((f2) => [
    f2.segment,
    f2.metric.replace(/_/g, " "),
    f2.positiveClass,
    f2.value === null ? `not computable (${f2.reason})` : fmt(f2.value),
    f2.groups.map((g) => `${g.value}: ${g.rate === null ? "\u2014" : fmt(g.rate, 3)} (n=${g.rows})`).join("; ")
  ]);
  return [
    heading(3, "Fairness gaps (max \u2212 min across groups)"),
    table(["Segment", "Gap", "Positive class", "Value", "Groups"], rows)
  ].join("\n");
}
function markdown(report, target) {
  const out = [];
  const pass = report.verdict === "pass";
  out.push(heading(2, `${pass ? statusIcon.pass : statusIcon.fail} Evaluation gate: ${pass ? "passed" : "blocked"}`));
  out.push(report.headline);
  out.push("");
  const cand = report.candidate;
  const champ = report.champion;
  out.push(
    `**Candidate** ${code(cand.ref)} (sha256 ${cand.sha256.slice(0, 12)}, ${bytes(cand.sizeBytes)}) \xB7 ` + (champ ? `**champion** ${code(champ.ref)}${champ.version ? ` (${champ.version})` : ""} (sha256 ${champ.sha256.slice(0, 12)})` : `**no champion**${report.championNote ? `: ${escapeCell(report.championNote)}` : ""} \u2014 only value gates apply`)
  );
  out.push(
    `Data ${code(report.data.source)}: ${fmt(report.data.evaluatedRows)} of ${fmt(report.data.rows)} rows evaluated \xB7 task ${report.task} \xB7 label ${code(report.label)} \xB7 ${report.settings.bootstrap.resamples} bootstrap resamples, ${Math.round(report.settings.bootstrap.level * 100)}% intervals, decided on the ${report.settings.decideOn}`
  );
  out.push("");
  const decided = report.gates.filter((g) => g.status !== "skip");
  const order = (g) => g.status === "fail" ? g.severity === "error" ? 0 : 1 : 2;
  const sorted = [...decided].sort((a, b) => order(a) - order(b));
  const skipped = report.gates.filter((g) => g.status === "skip");
  out.push(heading(3, "Gates"));
  if (sorted.length > 0) out.push(table(GATE_HEADERS, gateRows(sorted)));
  else out.push("_No gate could be decided._");
  if (skipped.length > 0) {
    out.push("");
    out.push(
      details(`${skipped.length} gate${skipped.length > 1 ? "s" : ""} skipped`, table(GATE_HEADERS, gateRows(skipped)))
    );
  }
  out.push("");
  out.push(heading(3, "Metrics"));
  out.push(metricsTable(report.metrics, report.settings.bootstrap.level, champ !== null));
  if (report.mcnemar) {
    const m = report.mcnemar;
    out.push("");
    out.push(
      `McNemar's test on accuracy (${m.method === "exact" ? "exact binomial" : "\u03C7\xB2 with continuity correction"}): candidate alone right on ${m.candidateOnlyCorrect} rows, champion alone on ${m.championOnlyCorrect}; statistic ${fmt(m.statistic)}, p = ${fmt(m.pValue)}.`
    );
  }
  out.push("");
  const slices = slicesSection(report);
  if (slices) out.push(target === "comment" ? details("Slices", slices, true) : slices, "");
  const confusion = confusionSection(report);
  if (confusion) out.push(confusion, "");
  const fairness = fairnessSection(report);
  if (fairness) out.push(fairness, "");
  const lat = report.latency;
  out.push(heading(3, "Latency and size"));
  out.push(
    table(
      ["Measure", "p50", "p95"],
      [
        ["per row (single-row calls)", `${fmt(lat.perRowMs.p50, 3)} ms`, `${fmt(lat.perRowMs.p95, 3)} ms`],
        [
          `per batch of ${fmt(lat.batchSize)} rows`,
          `${fmt(lat.perBatchMs.p50, 3)} ms`,
          `${fmt(lat.perBatchMs.p95, 3)} ms`
        ]
      ]
    )
  );
  out.push(
    `Throughput over the evaluation pass: ${fmt(Math.round(lat.rowsPerSecond))} rows/s in ${lat.batches} batch${lat.batches === 1 ? "" : "es"}. Model size ${bytes(cand.sizeBytes)}.`
  );
  if (cand.nonFiniteRows > 0 || champ && champ.nonFiniteRows > 0) {
    out.push(
      `Non-finite outputs: candidate ${cand.nonFiniteRows} rows${champ ? `, champion ${champ.nonFiniteRows} rows` : ""} (left out of every metric).`
    );
  }
  if (report.warnings.length > 0) {
    out.push("", heading(3, "Warnings"), ...report.warnings.map((w) => `- ${statusIcon.warn} ${escapeCell(w)}`));
  }
  return out.join("\n");
}
function checks(report) {
  return report.gates.map((g) => ({
    suite: g.type === "latency" || g.type === "size" ? "budgets" : g.slice ? "slice gates" : "gates",
    name: g.name,
    status: g.status === "fail" ? g.severity === "warning" ? "warn" : "fail" : g.status,
    message: g.reason,
    details: `observed ${fmt(g.observed)}, threshold ${fmt(g.threshold)}, decided on the ${g.decidedOn}${g.pValue != null ? `, p ${fmt(g.pValue)}` : ""}${g.adjustedPValue != null ? `, Holm-adjusted p ${fmt(g.adjustedPValue)}` : ""}`,
    ...g.line ? { file: "mlops.yaml", line: g.line } : {}
  }));
}
var evaluationRenderer = {
  kind: "EvaluationReport",
  title: "Evaluation gate",
  markdown,
  checks
};

// src/core/evaluate/run.ts
import { resolve as resolve2 } from "node:path";

// src/core/evaluate/champion.ts
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
async function fromRegistry(ref, ctx) {
  const { version } = await resolveModelRef(ctx.cwd, ref);
  await mkdir(ctx.downloadDir, { recursive: true });
  const dest = join(ctx.downloadDir, `champion-${version.name}-${version.version}.onnx`);
  const fetched = await fetchModelArtifact(ctx.platform, version, dest);
  return { ref, path: fetched.path, version: version.version };
}
async function resolveChampion(spec, ctx) {
  const text = spec?.trim();
  if (text === "none") return { champion: null, note: "champion set to none" };
  if (!text) {
    if (!ctx.modelName) return { champion: null, note: "no champion given and no model.name in mlops.yaml" };
    const ref = `${ctx.modelName}#production`;
    if (!existsSync(join(ctx.cwd, ".mlops", "registry", ctx.modelName))) {
      return { champion: null, note: `${ctx.modelName} has no registered versions yet (first model)` };
    }
    try {
      return { champion: await fromRegistry(ref, ctx), note: `${ref} from the registry` };
    } catch (error) {
      if (error instanceof MlopsError && error.kind === "input") {
        return { champion: null, note: `no production version of ${ctx.modelName} in the registry yet (first model)` };
      }
      throw error;
    }
  }
  const path = resolve(ctx.cwd, text);
  if (existsSync(path)) return { champion: { ref: text, path } };
  if (/\.onnx$/i.test(text) || text.includes("/")) {
    throw new MlopsError(`The champion model ${text} does not exist.`, {
      kind: "input",
      where: { file: text },
      hint: "Give a path relative to working-directory, a registry reference such as penguins#production, or none."
    });
  }
  return { champion: await fromRegistry(text, ctx) };
}

// src/core/stats/mcnemar.ts
function mcnemar(b, c, exactBelow = 25) {
  const n = b + c;
  if (n < exactBelow) {
    const k = Math.min(b, c);
    return { method: "exact", statistic: k, pValue: Math.min(1, 2 * binomialCdf(k, n, 0.5)) };
  }
  const statistic = (Math.abs(b - c) - 1) ** 2 / n;
  return { method: "chi2", statistic, pValue: chiSquareSf(statistic, 1) };
}

// src/core/evaluate/collect.ts
var Growable = class {
  constructor(make, capacity = 1024) {
    this.make = make;
    this.data = make(Math.max(1, capacity));
  }
  make;
  data;
  length = 0;
  reserve(extra) {
    if (this.length + extra <= this.data.length) return;
    const next = this.make(Math.max(this.data.length * 2, this.length + extra));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  append(values) {
    this.reserve(values.length);
    this.data.set(values, this.length);
    this.length += values.length;
  }
  push(v) {
    this.data[this.length++] = v;
  }
  view() {
    return this.data.subarray(0, this.length);
  }
};
function unknownLabel(batch, i, text, options) {
  return new MlopsError(`Row ${batch.firstRow + i}: label "${text}" is not one of the model's classes.`, {
    kind: "input",
    where: { row: batch.firstRow + i, field: options.label },
    expected: options.classes.join(", "),
    found: text,
    hint: "The evaluation data has a class the model never learned: retrain on data that includes it, or filter those rows."
  });
}
function everyRowKept(labels, results, n) {
  for (const r of results) for (let i = 0; i < n; i++) if (!r.finite[i]) return false;
  if (labels instanceof Float64Array) {
    for (let i = 0; i < n; i++) if (Number.isNaN(labels[i])) return false;
  } else {
    for (let i = 0; i < n; i++) if (labels[i] === null || labels[i] === "") return false;
  }
  return true;
}
function labelText(values, i) {
  if (values instanceof Float64Array) {
    const v2 = values[i];
    return Number.isNaN(v2) ? null : String(v2);
  }
  const v = values[i];
  return v === null || v === void 0 || v === "" ? null : v;
}
async function collectPredictions(source, models, options) {
  const ort = await loadNative("onnxruntime-node");
  const classification = options.task !== "regression";
  const classIndex = new Map(options.classes.map((c, i) => [c, i]));
  const { classes } = options;
  const classOf = (text) => {
    if (classes.length > 8) return classIndex.get(text);
    for (let c = 0; c < classes.length; c++) if (classes[c] === text) return c;
    return void 0;
  };
  const C = options.classes.length;
  const wanted = /* @__PURE__ */ new Set([options.label, ...options.segments]);
  for (const { plan } of models) for (const c of plan.columns) wanted.add(c);
  const rows = source.rowCount ? await source.rowCount() : 1024;
  const yTrue = classification ? new Growable((n) => new Int32Array(n), rows) : new Growable((n) => new Float64Array(n), rows);
  const outs = models.map(({ plan }) => ({
    proba: plan.outputs.probabilities && classification ? new Growable((n) => new Float64Array(n), rows * C) : null,
    predicted: classification ? new Growable((n) => new Int32Array(n), rows) : null,
    prediction: classification ? null : new Growable((n) => new Float64Array(n), rows),
    nonFiniteRows: 0,
    batchMillis: []
  }));
  const segments = Object.fromEntries(options.segments.map((s) => [s, []]));
  let rowsRead = 0;
  let missingLabels = 0;
  let sampleBatch;
  const fetches = models.map(({ plan }) => new OutputFetches(plan));
  const runAll = async (batch) => Promise.all(
    models.map(async ({ model, plan }, m) => {
      const feeds = feedsFor(ort, plan, batch);
      const start = performance.now();
      const outputs = await model.run(feeds, fetches[m].names());
      const millis = performance.now() - start;
      const read = readOutputs(plan, outputs, batch.rowCount);
      fetches[m].observe(read, batch.rowCount);
      return { millis, ...read };
    })
  );
  const consume = (batch, results) => {
    const n = batch.rowCount;
    rowsRead += n;
    const labels = batch.columns[options.label];
    const numericLabels = labels instanceof Float64Array ? labels : null;
    yTrue.reserve(n);
    for (let m = 0; m < outs.length; m++) {
      const o = outs[m];
      o.proba?.reserve(n * C);
      o.predicted?.reserve(n);
      o.prediction?.reserve(n);
      o.batchMillis.push(results[m].millis);
    }
    const segmentValues = options.segments.map((s) => [segments[s], batch.columns[s]]);
    if (everyRowKept(labels, results, n)) {
      for (let m = 0; m < outs.length; m++) {
        const r = results[m];
        const o = outs[m];
        if (o.proba && r.probabilities) o.proba.append(r.probabilities);
        if (o.predicted && r.predicted) o.predicted.append(r.predicted);
        if (o.prediction && r.prediction) o.prediction.append(r.prediction);
      }
      if (classification) {
        let lastText2 = null;
        let lastClass2 = -1;
        for (let i = 0; i < n; i++) {
          const text = labelText(labels, i);
          const k = text === lastText2 ? lastClass2 : classOf(text);
          if (k === void 0) throw unknownLabel(batch, i, text, options);
          lastText2 = text;
          lastClass2 = k;
          yTrue.push(k);
        }
      } else {
        yTrue.append(labels);
      }
      for (const [target, values] of segmentValues) {
        for (let i = 0; i < n; i++) target.push(labelText(values, i) ?? "(missing)");
      }
      return;
    }
    let lastText = null;
    let lastClass = -1;
    for (let i = 0; i < n; i++) {
      const text = labelText(labels, i);
      if (text === null) {
        missingLabels++;
        continue;
      }
      let finite = true;
      for (let m = 0; m < results.length; m++) {
        if (!results[m].finite[i]) {
          outs[m].nonFiniteRows++;
          finite = false;
        }
      }
      if (!finite) continue;
      if (!classification) {
        yTrue.push(numericLabels ? numericLabels[i] : Number(text));
      } else {
        const k = text === lastText ? lastClass : classOf(text);
        if (k === void 0) throw unknownLabel(batch, i, text, options);
        lastText = text;
        lastClass = k;
        yTrue.push(k);
      }
      for (let m = 0; m < results.length; m++) {
        const r = results[m];
        const o = outs[m];
        if (o.proba && r.probabilities) {
          for (let c = 0; c < C; c++) o.proba.push(r.probabilities[i * C + c]);
        }
        if (o.predicted && r.predicted) o.predicted.push(r.predicted[i]);
        if (o.prediction && r.prediction) o.prediction.push(r.prediction[i]);
      }
      for (const [target, values] of segmentValues) target.push(labelText(values, i) ?? "(missing)");
    }
  };
  let pending;
  for await (const batch of source.batches([...wanted], { batchSize: options.batchSize })) {
    if (batch.rowCount === 0) continue;
    sampleBatch ??= batch;
    const results = runAll(batch);
    results.catch(() => void 0);
    if (pending) consume(pending.batch, await pending.results);
    pending = { batch, results };
  }
  if (pending) consume(pending.batch, await pending.results);
  return {
    rowsRead,
    n: yTrue.length,
    yTrue: yTrue.view(),
    models: outs.map((o) => ({
      proba: o.proba?.view() ?? null,
      predicted: o.predicted?.view() ?? null,
      prediction: o.prediction?.view() ?? null,
      nonFiniteRows: o.nonFiniteRows,
      batchMillis: o.batchMillis
    })),
    segments,
    missingLabels,
    sampleBatch
  };
}

// src/core/evaluate/fairness.ts
function fairnessGaps(input, slices, positive, minSupport) {
  const out = [];
  const bySegment = /* @__PURE__ */ new Map();
  for (const s of slices) {
    if (Object.keys(s.values).length !== 1) continue;
    const list = bySegment.get(s.segment) ?? [];
    list.push(s);
    bySegment.set(s.segment, list);
  }
  const positiveClass = input.classes[positive];
  for (const [segment, groups] of bySegment) {
    const parity = [];
    const opportunity = [];
    for (const g of groups) {
      let predictedPositive = 0;
      let actualPositive = 0;
      let truePositive = 0;
      for (const i of g.rows) {
        const p2 = input.yPred[i] === positive;
        const t = input.yTrue[i] === positive;
        if (p2) predictedPositive++;
        if (t) actualPositive++;
        if (p2 && t) truePositive++;
      }
      const value2 = Object.values(g.values)[0];
      const n = g.rows.length;
      parity.push({ value: value2, rows: n, rate: n === 0 ? null : predictedPositive / n });
      opportunity.push({
        value: value2,
        rows: actualPositive,
        rate: actualPositive === 0 ? null : truePositive / actualPositive
      });
    }
    out.push(gap(segment, "demographic_parity_difference", positiveClass, parity, minSupport));
    out.push(gap(segment, "equal_opportunity_difference", positiveClass, opportunity, minSupport));
  }
  return out;
}
function gap(segment, metric, positiveClass, groups, minSupport) {
  const usable = groups.filter((g) => g.rate !== null && g.rows >= minSupport).map((g) => g.rate);
  if (usable.length < 2) {
    return {
      segment,
      metric,
      positiveClass,
      value: null,
      reason: `fewer than two groups with at least ${minSupport} ${metric.startsWith("equal") ? `"${positiveClass}" rows` : "rows"}`,
      groups
    };
  }
  return { segment, metric, positiveClass, value: Math.max(...usable) - Math.min(...usable), groups };
}

// src/core/stats/bootstrap.ts
function drawCounts(rng, n, out) {
  rng.drawCounts(n, out);
}
function bootstrapReplicates(n, statistics, resamples, rng, statistic) {
  const out = Array.from({ length: statistics }, () => new Float64Array(resamples));
  const counts2 = new Int32Array(n);
  for (let r = 0; r < resamples; r++) {
    drawCounts(rng, n, counts2);
    const values = statistic(counts2);
    for (let s = 0; s < statistics; s++) out[s][r] = values[s];
  }
  return out;
}
function quantileSorted(sorted, q) {
  const m = sorted.length;
  if (m === 0) return Number.NaN;
  const h = (m - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, m - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
function percentileInterval(replicates, level, minShare = 0.9) {
  const finite = replicates.filter((v) => Number.isFinite(v)).sort();
  if (finite.length === 0 || finite.length < minShare * replicates.length) return null;
  const alpha = 1 - level;
  return {
    lower: quantileSorted(finite, alpha / 2),
    upper: quantileSorted(finite, 1 - alpha / 2),
    finite: finite.length
  };
}
function bootstrapPValue(replicates, threshold, side) {
  let finite = 0;
  let beyond = 0;
  for (const v of replicates) {
    if (!Number.isFinite(v)) continue;
    finite++;
    if (side === "above" ? v >= threshold : v <= threshold) beyond++;
  }
  if (finite === 0) return null;
  return (beyond + 1) / (finite + 1);
}

// src/core/evaluate/metric-value.ts
function computed(value2) {
  return Number.isFinite(value2) ? { value: value2 } : { value: null, reason: `the value is ${value2}` };
}
function notComputable(reason) {
  return { value: null, reason };
}

// src/core/evaluate/metrics-classification.ts
var BINARY_METRICS = [
  "accuracy",
  "balanced_accuracy",
  "precision",
  "recall",
  "f1",
  "precision_macro",
  "recall_macro",
  "f1_macro",
  "precision_micro",
  "recall_micro",
  "f1_micro",
  "precision_weighted",
  "recall_weighted",
  "f1_weighted",
  "roc_auc",
  "average_precision",
  "log_loss",
  "brier",
  "ece"
];
var MULTICLASS_METRICS = [
  "accuracy",
  "balanced_accuracy",
  "precision_macro",
  "recall_macro",
  "f1_macro",
  "precision_micro",
  "recall_micro",
  "f1_micro",
  "precision_weighted",
  "recall_weighted",
  "f1_weighted",
  "roc_auc_ovr",
  "roc_auc_ovr_weighted",
  "average_precision",
  "log_loss",
  "brier",
  "ece"
];
function descendingOrder(matrix, columns, c, n) {
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) {
    if (matrix[i * columns + c] > matrix[(i - 1) * columns + c]) sorted = false;
  }
  if (sorted) return null;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = matrix[i * columns + c];
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => keys[b] - keys[a] || a - b);
  return order;
}
function ranking(input, c, n) {
  const C = input.classes.length;
  const proba = input.proba;
  const order = descendingOrder(proba, C, c, n);
  const member = new Uint8Array(n);
  const ends = [];
  let previous = Number.NaN;
  for (let k = 0; k < n; k++) {
    const i = order ? order[k] : k;
    const score = proba[i * C + c];
    if (k > 0 && score !== previous) ends.push(k);
    previous = score;
    member[k] = input.yTrue[i] === c ? 1 : 0;
  }
  if (n > 0) ends.push(n);
  return { order, groupEnds: Int32Array.from(ends), member };
}
function prepareClassification(input, positive = 1) {
  const n = input.yTrue.length;
  const C = input.classes.length;
  const rankings = Array.from({ length: C }, () => null);
  if (input.proba) {
    if (C === 2) rankings[positive] = ranking(input, positive, n);
    else for (let c = 0; c < C; c++) rankings[c] = ranking(input, c, n);
  }
  const correct = new Uint8Array(n);
  for (let i = 0; i < n; i++) correct[i] = input.yTrue[i] === input.yPred[i] ? 1 : 0;
  return { ...input, n, positive, correct, rankings };
}
function permuteClassification(input, order) {
  const n = order.length;
  const C = input.classes.length;
  const yTrue = new Int32Array(n);
  const yPred = new Int32Array(n);
  const proba = input.proba ? new Float64Array(n * C) : null;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    yTrue[k] = input.yTrue[i];
    yPred[k] = input.yPred[i];
    if (proba) for (let c = 0; c < C; c++) proba[k * C + c] = input.proba[i * C + c];
  }
  return { classes: input.classes, yTrue, yPred, proba };
}
function counts(d, weights) {
  const C = d.classes.length;
  const trueSum = new Float64Array(C);
  const predSum = new Float64Array(C);
  const tp = new Float64Array(C);
  let total = 0;
  const { yTrue, yPred, n } = d;
  for (let i = 0; i < n; i++) {
    const w = weights === void 0 ? 1 : weights[i];
    if (w === 0) continue;
    const t = yTrue[i];
    const p2 = yPred[i];
    total += w;
    trueSum[t] += w;
    predSum[p2] += w;
    if (t === p2) tp[t] += w;
  }
  return { total, trueSum, predSum, tp };
}
function binaryAuc(d, c, weights) {
  const r = d.rankings[c];
  if (!d.proba || !r) return notComputable("the model gives no scores");
  const { order, groupEnds, member } = r;
  const w = weights ?? new Int32Array(d.n).fill(1);
  let P = 0;
  let N = 0;
  let area = 0;
  let k = 0;
  for (let g = 0; g < groupEnds.length; g++) {
    const end = groupEnds[g];
    if (end - k === 1) {
      const weight = w[order ? order[k] : k];
      const positive = member[k] * weight;
      area += (weight - positive) * P;
      P += positive;
      N += weight - positive;
      k = end;
      continue;
    }
    let tp = 0;
    let total = 0;
    for (; k < end; k++) {
      const weight = w[order ? order[k] : k];
      total += weight;
      tp += member[k] * weight;
    }
    const fp = total - tp;
    area += fp * (P + tp / 2);
    P += tp;
    N += fp;
  }
  if (P === 0 || N === 0) {
    return notComputable(`only one class present (${P === 0 ? "no" : "only"} "${d.classes[c]}" rows)`);
  }
  return computed(area / (P * N));
}
function binaryAveragePrecision(d, c, weights) {
  const r = d.rankings[c];
  if (!d.proba || !r) return notComputable("the model gives no scores");
  const { order, groupEnds, member } = r;
  let P = 0;
  for (let k2 = 0; k2 < d.n; k2++) {
    if (member[k2]) P += weights === void 0 ? 1 : weights[order ? order[k2] : k2];
  }
  if (P === 0) return notComputable(`no "${d.classes[c]}" rows, so precision-recall is undefined`);
  let tp = 0;
  let seen = 0;
  let ap = 0;
  let k = 0;
  for (let g = 0; g < groupEnds.length; g++) {
    const end = groupEnds[g];
    let tpGroup = 0;
    for (; k < end; k++) {
      const w = weights === void 0 ? 1 : weights[order ? order[k] : k];
      seen += w;
      if (member[k]) tpGroup += w;
    }
    tp += tpGroup;
    if (tpGroup > 0) ap += tpGroup / P * (tp / seen);
  }
  return computed(ap);
}
function absentClasses(d, trueSum) {
  return d.classes.filter((_, c) => trueSum[c] === 0);
}
function logLoss(d, weights) {
  const { proba, yTrue, n } = d;
  if (!proba) return notComputable("the model gives no probabilities");
  const C = d.classes.length;
  const eps = 2220446049250313e-31;
  let sum = 0;
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === void 0 ? 1 : weights[i];
    if (w === 0) continue;
    let rowSum = 0;
    for (let c = 0; c < C; c++) rowSum += Math.min(Math.max(proba[i * C + c], eps), 1 - eps);
    const p2 = Math.min(Math.max(proba[i * C + yTrue[i]], eps), 1 - eps) / rowSum;
    sum += -w * Math.log(p2);
    sw += w;
  }
  return sw === 0 ? notComputable("no rows") : computed(sum / sw);
}
function brier(d, weights) {
  const { proba, yTrue, n } = d;
  if (!proba) return notComputable("the model gives no probabilities");
  const C = d.classes.length;
  let sum = 0;
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === void 0 ? 1 : weights[i];
    if (w === 0) continue;
    const t = yTrue[i];
    let loss;
    if (C === 2) {
      const e = proba[i * C + d.positive] - (t === d.positive ? 1 : 0);
      loss = e * e;
    } else {
      loss = 0;
      for (let c = 0; c < C; c++) {
        const e = proba[i * C + c] - (c === t ? 1 : 0);
        loss += e * e;
      }
    }
    sum += w * loss;
    sw += w;
  }
  return sw === 0 ? notComputable("no rows") : computed(sum / sw);
}
function binOf(value2, bins) {
  let b = Math.min(bins - 1, Math.max(0, Math.ceil(value2 * bins) - 1));
  while (b > 0 && value2 <= b / bins) b--;
  while (b < bins - 1 && value2 > (b + 1) / bins) b++;
  return b;
}
function expectedCalibrationError(d, weights, bins = 10) {
  const { proba, yTrue, n } = d;
  if (!proba) return notComputable("the model gives no probabilities");
  const C = d.classes.length;
  const binWeight = new Float64Array(bins);
  const binCorrect = new Float64Array(bins);
  const binConfidence = new Float64Array(bins);
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === void 0 ? 1 : weights[i];
    if (w === 0) continue;
    let top = 0;
    let conf = proba[i * C];
    for (let c = 1; c < C; c++) {
      if (proba[i * C + c] > conf) {
        conf = proba[i * C + c];
        top = c;
      }
    }
    const b = binOf(conf, bins);
    binWeight[b] += w;
    binConfidence[b] += w * conf;
    if (top === yTrue[i]) binCorrect[b] += w;
    sw += w;
  }
  if (sw === 0) return notComputable("no rows");
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (binWeight[b] === 0) continue;
    ece += Math.abs(binCorrect[b] - binConfidence[b]) / sw;
  }
  return computed(ece);
}
function averagedScores(k) {
  let labels = 0;
  const sums = { precision: 0, recall: 0, f1: 0 };
  const weighted = { precision: 0, recall: 0, f1: 0 };
  let tpAll = 0;
  let supportAll = 0;
  for (let c = 0; c < k.tp.length; c++) {
    const t = k.trueSum[c];
    const p2 = k.predSum[c];
    if (t === 0 && p2 === 0) continue;
    labels++;
    const tp = k.tp[c];
    const precision = p2 === 0 ? 0 : tp / p2;
    const recall = t === 0 ? 0 : tp / t;
    const f1 = precision + recall === 0 ? 0 : 2 * precision * recall / (precision + recall);
    sums.precision += precision;
    sums.recall += recall;
    sums.f1 += f1;
    weighted.precision += precision * t;
    weighted.recall += recall * t;
    weighted.f1 += f1 * t;
    tpAll += tp;
    supportAll += t;
  }
  const micro = supportAll === 0 ? 0 : tpAll / supportAll;
  const div = (x, by) => by === 0 ? 0 : x / by;
  return {
    macro: { precision: div(sums.precision, labels), recall: div(sums.recall, labels), f1: div(sums.f1, labels) },
    micro: { precision: micro, recall: micro, f1: micro },
    weighted: {
      precision: div(weighted.precision, supportAll),
      recall: div(weighted.recall, supportAll),
      f1: div(weighted.f1, supportAll)
    }
  };
}
var COUNT_FREE = /* @__PURE__ */ new Set(["accuracy", "roc_auc", "average_precision", "log_loss", "brier", "ece"]);
function classificationMetrics(d, weights, options = {}) {
  const C = d.classes.length;
  const wanted = new Set(options.metrics ?? (C === 2 ? BINARY_METRICS : MULTICLASS_METRICS));
  const out = {};
  const needCounts = C > 2 || [...wanted].some((name) => !COUNT_FREE.has(name));
  let k;
  let total = 0;
  let right = 0;
  if (needCounts) {
    k = counts(d, weights);
    total = k.total;
    for (let c = 0; c < C; c++) right += k.tp[c];
  } else {
    const { correct, n } = d;
    for (let i = 0; i < n; i++) {
      const w = weights === void 0 ? 1 : weights[i];
      total += w;
      right += correct[i] * w;
    }
    k = { total, trueSum: new Float64Array(C), predSum: new Float64Array(C), tp: new Float64Array(C) };
  }
  if (total === 0) {
    for (const name of wanted) out[name] = notComputable("no rows");
    return out;
  }
  const want = (name) => wanted.has(name);
  if (want("accuracy")) out.accuracy = computed(right / total);
  if (want("balanced_accuracy")) {
    let sum = 0;
    let present = 0;
    for (let c = 0; c < C; c++) {
      if (k.trueSum[c] > 0) {
        sum += k.tp[c] / k.trueSum[c];
        present++;
      }
    }
    out.balanced_accuracy = computed(sum / present);
  }
  if (C === 2) {
    const pos = d.positive;
    const tp = k.tp[pos];
    const predicted = k.predSum[pos];
    const actual = k.trueSum[pos];
    const name = d.classes[pos];
    if (want("precision")) {
      out.precision = predicted === 0 ? notComputable(`the model predicts no "${name}" rows`) : computed(tp / predicted);
    }
    if (want("recall")) {
      out.recall = actual === 0 ? notComputable(`no true "${name}" rows`) : computed(tp / actual);
    }
    if (want("f1")) {
      const denom = predicted + actual;
      out.f1 = denom === 0 ? notComputable(`no true or predicted "${name}" rows`) : computed(2 * tp / denom);
    }
  }
  const averages = needCounts ? averagedScores(k) : null;
  for (const avg of averages ? ["macro", "micro", "weighted"] : []) {
    for (const score of ["precision", "recall", "f1"]) {
      const name = `${score}_${avg}`;
      if (want(name)) out[name] = computed(averages[avg][score]);
    }
  }
  const absent = absentClasses(d, k.trueSum);
  if (C === 2 && want("roc_auc")) out.roc_auc = binaryAuc(d, d.positive, weights);
  if (C === 2 && want("average_precision")) out.average_precision = binaryAveragePrecision(d, d.positive, weights);
  if (C > 2 && (want("roc_auc_ovr") || want("roc_auc_ovr_weighted") || want("average_precision"))) {
    const reason = `class${absent.length > 1 ? "es" : ""} ${absent.map((a) => `"${a}"`).join(", ")} absent, so one-vs-rest is undefined`;
    if (absent.length > 0 || !d.proba) {
      const why = d.proba ? reason : "the model gives no scores";
      for (const name of ["roc_auc_ovr", "roc_auc_ovr_weighted", "average_precision"]) {
        if (want(name)) out[name] = notComputable(why);
      }
    } else {
      let macro = 0;
      let weighted = 0;
      let ap = 0;
      for (let c = 0; c < C; c++) {
        if (want("roc_auc_ovr") || want("roc_auc_ovr_weighted")) {
          const auc = binaryAuc(d, c, weights).value ?? Number.NaN;
          macro += auc / C;
          weighted += auc * k.trueSum[c] / k.total;
        }
        if (want("average_precision")) ap += (binaryAveragePrecision(d, c, weights).value ?? Number.NaN) / C;
      }
      if (want("roc_auc_ovr")) out.roc_auc_ovr = computed(macro);
      if (want("roc_auc_ovr_weighted")) out.roc_auc_ovr_weighted = computed(weighted);
      if (want("average_precision")) out.average_precision = computed(ap);
    }
  }
  if (want("log_loss")) out.log_loss = logLoss(d, weights);
  if (want("brier")) out.brier = brier(d, weights);
  if (want("ece")) out.ece = expectedCalibrationError(d, weights, options.eceBins);
  return out;
}
function confusionMatrixOf(d) {
  const C = d.classes.length;
  const m = Array.from({ length: C }, () => new Array(C).fill(0));
  for (let i = 0; i < d.yTrue.length; i++) m[d.yTrue[i]][d.yPred[i]]++;
  return m;
}

// src/core/evaluate/metrics-regression.ts
var EPSILON = 2220446049250313e-31;
var REGRESSION_METRICS = ["mae", "rmse", "r2", "mape"];
function regressionMetrics(input, weights) {
  const { yTrue, yPred } = input;
  const n = yTrue.length;
  let sw = 0;
  let absSum = 0;
  let sqSum = 0;
  let apeSum = 0;
  let ySum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === void 0 ? 1 : weights[i];
    if (w === 0) continue;
    const y = yTrue[i];
    const e = y - yPred[i];
    sw += w;
    absSum += w * Math.abs(e);
    sqSum += w * e * e;
    apeSum += w * Math.abs(e) / Math.max(Math.abs(y), EPSILON);
    ySum += w * y;
  }
  if (sw === 0) {
    const empty = notComputable("no rows");
    return { mae: empty, rmse: empty, r2: empty, mape: empty };
  }
  const mean = ySum / sw;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === void 0 ? 1 : weights[i];
    if (w === 0) continue;
    const d = yTrue[i] - mean;
    ssTot += w * d * d;
  }
  return {
    mae: computed(absSum / sw),
    rmse: computed(Math.sqrt(sqSum / sw)),
    r2: ssTot === 0 ? notComputable("the target is constant, so R\xB2 is undefined") : computed(1 - sqSum / ssTot),
    mape: computed(apeSum / sw)
  };
}

// src/core/evaluate/metrics.ts
var LOWER_IS_BETTER = /* @__PURE__ */ new Set(["log_loss", "brier", "ece", "mae", "rmse", "mape"]);
function metricDirection(name) {
  return LOWER_IS_BETTER.has(name) ? "lower" : "higher";
}
function metricsFor(task) {
  return task === "binary" ? BINARY_METRICS : task === "multiclass" ? MULTICLASS_METRICS : REGRESSION_METRICS;
}
function primaryMetric(task) {
  return task === "regression" ? "rmse" : "accuracy";
}
function computeMetrics(predictions, names, weights) {
  if (predictions.task === "regression") {
    const all2 = regressionMetrics(predictions.data, weights);
    return Object.fromEntries(names.map((n) => [n, all2[n]]));
  }
  const all = classificationMetrics(predictions.data, weights, { metrics: names });
  return Object.fromEntries(names.map((n) => [n, all[n]]));
}

// src/core/evaluate/gates.ts
var f = (v) => Number(v.toPrecision(4)).toString();
function checksOf(gate) {
  const checks2 = [];
  const m = gate.metric;
  if (gate.lower !== void 0) {
    const t = gate.lower;
    checks2.push({
      name: `${m} \u2265 ${t}`,
      type: "value",
      metric: m,
      side: "above",
      threshold: () => t,
      uses: "candidate"
    });
  }
  if (gate.upper !== void 0) {
    const t = gate.upper;
    checks2.push({
      name: `${m} \u2264 ${t}`,
      type: "value",
      metric: m,
      side: "below",
      threshold: () => t,
      uses: "candidate"
    });
  }
  if (gate.change) {
    const { tolerance, relative } = gate.change;
    const direction = gate.change.direction ?? metricDirection(m);
    const allowed = (pop) => {
      if (!relative) return tolerance;
      const champ = pop.point.get(m)?.champion?.value;
      return champ === null || champ === void 0 ? null : tolerance * Math.abs(champ);
    };
    const what = relative ? `${tolerance * 100}%` : `${tolerance}`;
    checks2.push({
      name: `${m} ${direction === "higher" ? "drop" : "rise"} vs champion \u2264 ${what}`,
      type: "change",
      metric: m,
      side: direction === "higher" ? "above" : "below",
      threshold: (pop) => {
        const a = allowed(pop);
        return a === null ? null : direction === "higher" ? -a : a;
      },
      uses: "delta"
    });
  }
  return checks2;
}
function meets(value2, side, threshold) {
  return side === "above" ? value2 >= threshold : value2 <= threshold;
}
function describe(check, value2) {
  return check.uses === "delta" ? `change ${value2 >= 0 ? "+" : ""}${f(value2)}` : `${check.metric} ${f(value2)}`;
}
function decide(check, pop, mode, level, hasChampion, scope) {
  const metric = pop.metrics.find((m) => m.name === check.metric);
  if (!metric) {
    return {
      status: "skip",
      observed: null,
      threshold: null,
      decidedOn: mode,
      reason: `${check.metric} is not computed for this task`
    };
  }
  if (check.uses === "delta" && !hasChampion) {
    return {
      status: "skip",
      observed: null,
      threshold: null,
      decidedOn: mode,
      reason: "no champion (first model): change gates do not apply"
    };
  }
  const estimate = check.uses === "delta" ? metric.delta : metric.candidate;
  const threshold = check.threshold(pop);
  if (estimate.value === null || threshold === null) {
    return {
      status: "skip",
      observed: null,
      threshold,
      decidedOn: mode,
      reason: `not computable: ${estimate.reason ?? "the champion value is undefined"}`
    };
  }
  const replicates = pop.replicates.get(check.metric);
  const reps = check.uses === "delta" ? replicates?.delta : replicates?.candidate;
  const pointOk = meets(estimate.value, check.side, threshold);
  if (mode === "point" || estimate.lower === null || estimate.upper === null || !reps) {
    const note = mode === "bound" ? " (point estimate: no confidence interval)" : "";
    return {
      status: pointOk ? "pass" : "fail",
      observed: estimate.value,
      threshold,
      decidedOn: "point",
      reason: `${describe(check, estimate.value)} ${pointOk ? "meets" : "violates"} ${check.side === "above" ? "\u2265" : "\u2264"} ${f(threshold)}${note}`
    };
  }
  const pct = `${Math.round(level * 100)}%`;
  const pValue = bootstrapPValue(reps, threshold, check.side);
  if (check.type === "value" && scope === "overall") {
    const bound = check.side === "above" ? estimate.lower : estimate.upper;
    const ok = meets(bound, check.side, threshold);
    const why = ok ? `${pct} interval [${f(estimate.lower)}, ${f(estimate.upper)}] lies on the right side of ${f(threshold)}` : pointOk ? `point estimate ${f(estimate.value)} meets ${f(threshold)}, but the ${pct} interval [${f(estimate.lower)}, ${f(estimate.upper)}] reaches past it: not enough evidence` : `${check.metric} ${f(estimate.value)}, ${pct} interval [${f(estimate.lower)}, ${f(estimate.upper)}], is past ${f(threshold)}`;
    return { status: ok ? "pass" : "fail", observed: bound, threshold, pValue, decidedOn: "bound", reason: why };
  }
  const optimistic = check.side === "above" ? estimate.upper : estimate.lower;
  const significant = pValue !== null && pValue < (1 - level) / 2;
  return {
    status: significant ? "fail" : "pass",
    observed: optimistic,
    threshold,
    pValue,
    decidedOn: "bound",
    reason: significant ? `${describe(check, estimate.value)}; the whole ${pct} interval [${f(estimate.lower)}, ${f(estimate.upper)}] is past ${f(threshold)}` : `${describe(check, estimate.value)}; ${pct} interval [${f(estimate.lower)}, ${f(estimate.upper)}] ${pointOk ? "is consistent with" : "overlaps"} the limit ${f(threshold)}${pointOk ? "" : ", so the violation is not significant"}`
  };
}
function decideGates(inputs) {
  const { config } = inputs;
  const level = config.bootstrap.level;
  const alpha = (1 - level) / 2;
  const results = [];
  inputs.gates.forEach((gate, index) => {
    const mode = gate.decideOn ?? config.decideOn;
    const line = inputs.lineOf?.(["evaluate", "gates", index]);
    for (const check of checksOf(gate)) {
      const base = { type: check.type, metric: check.metric, severity: gate.severity, ...line ? { line } : {} };
      const overall = decide(check, inputs.overall, mode, level, inputs.hasChampion, "overall");
      results.push({ ...base, name: check.name, slice: null, ...overall });
      if (!gate.slices) continue;
      const decided = inputs.slices.map((s) => ({
        slice: s,
        result: s.gated ? decide(check, s.result, mode, level, inputs.hasChampion, "slice") : {
          status: "skip",
          observed: null,
          threshold: null,
          decidedOn: mode,
          reason: `not gated: ${s.rows} rows < minSliceSupport ${config.minSliceSupport}`
        }
      }));
      const tested = decided.filter((d) => d.result.decidedOn === "bound" && d.result.pValue != null);
      const adjusted = holm(tested.map((d) => d.result.pValue));
      tested.forEach((d, i) => {
        const significant = adjusted[i] < alpha;
        const wasFail = d.result.status === "fail";
        d.result = {
          ...d.result,
          status: significant ? "fail" : "pass",
          adjustedPValue: adjusted[i],
          reason: wasFail && !significant ? `${d.result.reason}, but not after Holm correction across ${tested.length} slices (adjusted p ${f(adjusted[i])})` : d.result.reason
        };
      });
      for (const d of decided) {
        results.push({ ...base, name: `${check.name} [${d.slice.label}]`, slice: d.slice.label, ...d.result });
      }
    }
  });
  const budgets = config.latency;
  const lat = inputs.latency;
  const latencyChecks = [
    ["p50RowMs", "p50 latency per row", lat.perRowMs.p50],
    ["p95RowMs", "p95 latency per row", lat.perRowMs.p95],
    ["p50BatchMs", `p50 latency per batch of ${lat.batchSize}`, lat.perBatchMs.p50],
    ["p95BatchMs", `p95 latency per batch of ${lat.batchSize}`, lat.perBatchMs.p95]
  ];
  for (const [key, name, observed] of latencyChecks) {
    const budget = budgets[key];
    if (budget === void 0) continue;
    const ok = observed <= budget;
    results.push({
      name: `${name} \u2264 ${budget} ms`,
      type: "latency",
      metric: key,
      slice: null,
      status: ok ? "pass" : "fail",
      severity: "error",
      decidedOn: "point",
      observed,
      threshold: budget,
      reason: `measured ${f(observed)} ms ${ok ? "within" : "over"} the ${budget} ms budget`
    });
  }
  if (config.maxModelMegabytes !== void 0) {
    const mb = inputs.sizeBytes / 1e6;
    const ok = mb <= config.maxModelMegabytes;
    results.push({
      name: `model size \u2264 ${config.maxModelMegabytes} MB`,
      type: "size",
      metric: "size",
      slice: null,
      status: ok ? "pass" : "fail",
      severity: "error",
      decidedOn: "point",
      observed: mb,
      threshold: config.maxModelMegabytes,
      reason: `${f(mb)} MB ${ok ? "within" : "over"} the budget`
    });
  }
  return results;
}

// src/core/evaluate/latency.ts
function sliceColumn(values, start, end) {
  return values instanceof Float64Array ? values.subarray(start, end) : values.slice(start, end);
}
function sliceBatch(batch, start, end) {
  const columns = {};
  for (const [name, values] of Object.entries(batch.columns)) columns[name] = sliceColumn(values, start, end);
  return { rowCount: end - start, firstRow: batch.firstRow + start, columns };
}
function p(values, q) {
  return quantileSorted(Float64Array.from(values).sort(), q);
}
async function measureLatency(model, plan, sample, streamed, options = {}) {
  const ort = await loadNative("onnxruntime-node");
  const timed = async (batch) => {
    const feeds = feedsFor(ort, plan, batch);
    const start = performance.now();
    await model.run(feeds);
    return performance.now() - start;
  };
  const rows = Math.min(options.singleRows ?? 200, sample.rowCount);
  for (let i = 0; i < Math.min(5, rows); i++) await timed(sliceBatch(sample, i, i + 1));
  const perRow = [];
  for (let i = 0; i < rows; i++) perRow.push(await timed(sliceBatch(sample, i, i + 1)));
  const perBatch = [];
  await timed(sample);
  for (let r = 0; r < (options.batchRuns ?? 10); r++) perBatch.push(await timed(sample));
  const totalMillis = streamed.batchMillis.reduce((a, b) => a + b, 0);
  return {
    batchSize: sample.rowCount,
    batches: streamed.batchMillis.length,
    rows: streamed.rows,
    perRowMs: { p50: p(perRow, 0.5), p95: p(perRow, 0.95) },
    perBatchMs: { p50: p(perBatch, 0.5), p95: p(perBatch, 0.95) },
    rowsPerSecond: totalMillis > 0 ? streamed.rows / totalMillis * 1e3 : 0
  };
}

// src/core/stats/random.ts
var Random = class {
  a;
  b;
  c;
  d;
  constructor(seed) {
    let s = seed >>> 0;
    const next = () => {
      s = s + 2654435769 >>> 0;
      let z = s;
      z = Math.imul(z ^ z >>> 16, 2246822507);
      z = Math.imul(z ^ z >>> 13, 3266489909);
      return (z ^ z >>> 16) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }
  /** A uniform 32-bit unsigned integer. */
  nextUint32() {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }
  /** Uniform in [0, 1) with 53 random bits. */
  next() {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }
  /** Unbiased uniform integer in [0, n) (Lemire's method; exact in doubles for n < 2^21). */
  int(n) {
    if (n <= 0) throw new RangeError("n must be positive");
    if (n >= 2097152) return Math.floor(this.next() * n);
    let m = this.nextUint32() * n;
    let low = m % 4294967296;
    if (low < n) {
      const threshold = (4294967296 - n) % n;
      while (low < threshold) {
        m = this.nextUint32() * n;
        low = m % 4294967296;
      }
    }
    return Math.floor(m / 4294967296);
  }
  /**
   * Multinomial counts of n draws with replacement from n rows (a bootstrap replicate): out[i] = times row i
   * was drawn. The generator is inlined here because this loop dominates the cost of a bootstrap.
   */
  drawCounts(n, out) {
    out.fill(0, 0, n);
    if (n >= 2097152) {
      for (let k = 0; k < n; k++) out[this.int(n)]++;
      return;
    }
    let { a, b, c, d } = this;
    const threshold = (4294967296 - n) % n;
    for (let k = 0; k < n; k++) {
      let index;
      for (; ; ) {
        const u = a + d >>> 0;
        const t = b << 9;
        c ^= a;
        d ^= b;
        b ^= c;
        a ^= d;
        c ^= t;
        d = d << 11 | d >>> 21;
        const m = u * n;
        index = Math.floor(m * 23283064365386963e-26);
        if (m - index * 4294967296 >= threshold) break;
      }
      out[index]++;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }
  /** A standard normal draw (Box-Muller). */
  normal() {
    let u = 0;
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
};
function rotl(x, k) {
  return x << k | x >>> 32 - k;
}

// src/core/evaluate/population.ts
function toPredictions(task, data, positive, order) {
  if (task === "regression") {
    const d = data;
    return { task, data: { yTrue: d.yTrue, yPred: d.yPred } };
  }
  const input = order ? permuteClassification(data, order) : data;
  return { task, data: prepareClassification(input, positive) };
}
function estimateOf(point, replicates, level) {
  if (point.value === null) return { value: null, lower: null, upper: null, reason: point.reason };
  if (!replicates || replicates.length === 0) return { value: point.value, lower: null, upper: null };
  const interval2 = percentileInterval(replicates, level);
  if (!interval2) {
    return {
      value: point.value,
      lower: null,
      upper: null,
      reason: "interval not computable: the metric is undefined on more than 10% of the resamples"
    };
  }
  return { value: point.value, lower: interval2.lower, upper: interval2.upper };
}
function hashString(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
function evaluatePopulation(input, names, settings, streamName) {
  const n = input.candidate.yTrue.length;
  let order = null;
  const cand = input.candidate;
  if (input.task === "binary" && cand.proba) order = descendingOrder(cand.proba, 2, input.positive, n);
  const candidate = toPredictions(input.task, input.candidate, input.positive, order);
  const champion = input.champion ? toPredictions(input.task, input.champion, input.positive, order) : null;
  const candPoint = computeMetrics(candidate, names);
  const champPoint = champion ? computeMetrics(champion, names) : null;
  const k = names.length;
  let reps = [];
  if (settings.resamples > 0 && n > 0) {
    const out = new Float64Array(champion ? 3 * k : k);
    const rng = new Random((settings.seed ^ hashString(streamName)) >>> 0);
    reps = bootstrapReplicates(n, out.length, settings.resamples, rng, (counts2) => {
      const c = computeMetrics(candidate, names, counts2);
      const h = champion ? computeMetrics(champion, names, counts2) : null;
      for (let j = 0; j < k; j++) {
        const cv = c[names[j]].value ?? Number.NaN;
        out[j] = cv;
        if (h) {
          const hv = h[names[j]].value ?? Number.NaN;
          out[k + j] = hv;
          out[2 * k + j] = cv - hv;
        }
      }
      return out;
    });
  }
  const metrics = [];
  const replicates = /* @__PURE__ */ new Map();
  const point = /* @__PURE__ */ new Map();
  names.forEach((name, j) => {
    const cp = candPoint[name];
    const hp = champPoint ? champPoint[name] : null;
    const candReps = reps[j] ?? null;
    const deltaReps = champion ? reps[2 * k + j] ?? null : null;
    let delta = null;
    if (hp) {
      const dPoint = cp.value !== null && hp.value !== null ? { value: cp.value - hp.value } : { value: null, reason: cp.reason ?? hp.reason ?? "not computable" };
      delta = estimateOf(dPoint, deltaReps, settings.level);
    }
    metrics.push({
      name,
      direction: metricDirection(name),
      candidate: estimateOf(cp, candReps, settings.level),
      champion: hp ? estimateOf(hp, reps[k + j] ?? null, settings.level) : null,
      delta
    });
    if (candReps) replicates.set(name, { candidate: candReps, delta: deltaReps });
    point.set(name, { candidate: cp, champion: hp });
  });
  return { n, metrics, replicates, point };
}

// src/core/evaluate/slices.ts
function groupRows(keys) {
  const groups = /* @__PURE__ */ new Map();
  keys.forEach((key, i) => {
    let list = groups.get(key);
    if (!list) {
      list = [];
      groups.set(key, list);
    }
    list.push(i);
  });
  return groups;
}
function sliceRows(segments, columns, combinations) {
  const out = [];
  for (const column of columns) {
    const values = segments[column];
    const groups = [...groupRows(values)].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    for (const [value2, rows] of groups) {
      out.push({
        segment: column,
        values: { [column]: value2 },
        label: `${column}=${value2}`,
        rows: Int32Array.from(rows)
      });
    }
  }
  for (const combo of combinations) {
    const n = segments[combo.columns[0]].length;
    const keys = Array.from({ length: n }, (_, i) => JSON.stringify(combo.columns.map((c) => segments[c][i])));
    const groups = [...groupRows(keys)].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    for (const [key, rows] of groups) {
      const parts = JSON.parse(key);
      const values = Object.fromEntries(combo.columns.map((c, j) => [c, parts[j]]));
      out.push({
        segment: combo.name ?? combo.columns.join(" \xD7 "),
        values,
        label: combo.columns.map((c, j) => `${c}=${parts[j]}`).join(", "),
        rows: Int32Array.from(rows)
      });
    }
  }
  return out;
}
function subsetClassification(input, rows) {
  const C = input.classes.length;
  const n = rows.length;
  const proba = input.proba ? new Float64Array(n * C) : null;
  const yTrue = new Int32Array(n);
  const yPred = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = rows[k];
    yTrue[k] = input.yTrue[i];
    yPred[k] = input.yPred[i];
    if (proba) for (let c = 0; c < C; c++) proba[k * C + c] = input.proba[i * C + c];
  }
  return { classes: input.classes, yTrue, yPred, proba };
}
function subsetRegression(input, rows) {
  const yTrue = new Float64Array(rows.length);
  const yPred = new Float64Array(rows.length);
  rows.forEach((i, k) => {
    yTrue[k] = input.yTrue[i];
    yPred[k] = input.yPred[i];
  });
  return { yTrue, yPred };
}

// src/core/evaluate/evaluate.ts
function defaultGates(task) {
  return [
    { metric: primaryMetric(task), change: { tolerance: 0.01, relative: false }, slices: true, severity: "error" }
  ];
}
function columnError(kind, name, source, hint) {
  return new MlopsError(`The ${kind} column "${name}" is not in the evaluation data.`, {
    kind: "input",
    where: { file: source.source, field: name },
    expected: `a column named "${name}"`,
    found: source.columns.map((c) => c.name).join(", ") || "(no columns)",
    hint
  });
}
function summary(ref, model, mapping, nonFinite) {
  return {
    ref: ref.ref,
    path: ref.path,
    sha256: model.sha256,
    sizeBytes: model.sizeBytes,
    ...ref.version ? { version: ref.version } : {},
    inputs: model.inputs,
    outputs: model.outputs,
    inputMapping: mapping,
    nonFiniteRows: nonFinite
  };
}
function validateMetricNames(names, task, where) {
  const allowed = metricsFor(task);
  const unknown = names.filter((n) => !allowed.includes(n));
  if (unknown.length > 0) {
    throw new MlopsError(`Unknown metric${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} in ${where}.`, {
      kind: "config",
      where: { path: where },
      expected: `one of ${allowed.join(", ")} (task ${task})`,
      found: unknown.join(", "),
      hint: "Use the metric names listed above; they follow scikit-learn."
    });
  }
}
function alignClasses(champion, predicted, from, to) {
  if (from.join("\0") === to.join("\0")) return { proba: champion, predicted };
  const map = from.map((c) => to.indexOf(c));
  const C = to.length;
  const n = predicted.length;
  const remapped = Int32Array.from(predicted, (k) => map[k]);
  if (!champion) return { proba: null, predicted: remapped };
  const proba = new Float64Array(n * C);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < from.length; c++) proba[i * C + map[c]] = champion[i * from.length + c];
  return { proba, predicted: remapped };
}
async function evaluateCandidate(request) {
  const { source, config } = request;
  const label = request.model.label;
  const names = new Set(source.columns.map((c) => c.name));
  if (!names.has(label)) {
    throw columnError(
      "label",
      label,
      source,
      "Set model.label in mlops.yaml to the target column of the evaluation data."
    );
  }
  for (const s of request.model.segments) {
    if (!names.has(s)) throw columnError("segment", s, source, "Fix model.segments in mlops.yaml.");
  }
  for (const combo of config.combinations) {
    for (const c of combo.columns) {
      if (!names.has(c)) throw columnError("segment", c, source, "Fix evaluate.combinations in mlops.yaml.");
    }
  }
  const candidate = await loadModel(request.candidate.path);
  const champion = request.champion ? await loadModel(request.champion.path) : null;
  try {
    const planOptions = {
      task: request.model.task,
      features: request.model.features,
      classes: request.model.classes,
      label
    };
    const candPlan = planInference(candidate, source.columns, planOptions);
    const champPlan = champion ? planInference(champion, source.columns, planOptions) : null;
    const task = candPlan.outputs.task;
    const classes = candPlan.outputs.classes;
    if (champPlan && champPlan.outputs.task !== task) {
      throw new MlopsError(`The champion is a ${champPlan.outputs.task} model, the candidate a ${task} model.`, {
        kind: "input",
        where: { file: request.champion.path },
        hint: "Compare models of the same task, or pass the right champion."
      });
    }
    if (champPlan && task !== "regression") {
      const a = [...classes].sort().join(", ");
      const b = [...champPlan.outputs.classes].sort().join(", ");
      if (a !== b) {
        throw new MlopsError("The champion and the candidate predict different classes.", {
          kind: "input",
          expected: a,
          found: b,
          hint: "A change of classes is a new model: evaluate it without a champion (champion: none)."
        });
      }
    }
    const positive = config.positiveClass === void 0 ? 1 : classes.indexOf(config.positiveClass);
    if (task !== "regression" && positive < 0) {
      throw new MlopsError(`evaluate.positiveClass "${config.positiveClass}" is not one of the model's classes.`, {
        kind: "config",
        expected: classes.join(", "),
        found: config.positiveClass
      });
    }
    const metricNames = config.metrics ?? metricsFor(task);
    validateMetricNames(metricNames, task, "evaluate.metrics");
    const gates = config.gates ?? defaultGates(task);
    validateMetricNames(
      gates.map((g) => g.metric),
      task,
      "evaluate.gates"
    );
    const computedNames = [.../* @__PURE__ */ new Set([...metricNames, ...gates.map((g) => g.metric)])];
    const models = [{ model: candidate, plan: candPlan }];
    if (champion && champPlan) models.push({ model: champion, plan: champPlan });
    const collected = await collectPredictions(source, models, {
      label,
      task,
      classes,
      segments: [.../* @__PURE__ */ new Set([...request.model.segments, ...config.combinations.flatMap((c) => c.columns)])],
      batchSize: config.batchSize
    });
    if (collected.n === 0) {
      throw new MlopsError(
        collected.rowsRead === 0 ? "The evaluation set is empty." : `None of the ${collected.rowsRead} evaluation rows can be scored (${collected.missingLabels} without a label, the rest with non-finite model outputs).`,
        {
          kind: "input",
          where: { file: source.source },
          expected: "at least one row with a label",
          found: `${collected.rowsRead} rows`,
          hint: "Point data (or data.eval in mlops.yaml) at the held-out evaluation data."
        }
      );
    }
    const inputs = populationInputs(collected, task, classes, champPlan?.outputs.classes ?? classes, positive);
    const bootstrap = config.bootstrap;
    const overall = evaluatePopulation(inputs.all, computedNames, bootstrap, "overall");
    const specs = sliceRows(collected.segments, request.model.segments, config.combinations);
    const slicePops = specs.map((spec) => ({
      spec,
      label: spec.label,
      rows: spec.rows.length,
      gated: spec.rows.length >= config.minSliceSupport,
      result: evaluatePopulation(inputs.subset(spec.rows), computedNames, bootstrap, `slice:${spec.label}`)
    }));
    const latency = await measureLatency(candidate, candPlan, collected.sampleBatch, {
      rows: collected.rowsRead,
      batchMillis: collected.models[0].batchMillis
    });
    const hasChampion = champion !== null;
    const gateResults = decideGates({
      config,
      gates,
      overall,
      slices: slicePops,
      hasChampion,
      latency,
      sizeBytes: candidate.sizeBytes,
      lineOf: request.lineOf
    });
    const warnings = [];
    if (collected.missingLabels > 0) {
      warnings.push(`${collected.missingLabels} rows have no label and were left out.`);
    }
    collected.models.forEach((m, i) => {
      if (m.nonFiniteRows > 0) {
        warnings.push(
          `${m.nonFiniteRows} rows got non-finite outputs (not a number or infinite) from the ${i === 0 ? "candidate" : "champion"} and were left out of every metric.`
        );
      }
    });
    const small = slicePops.filter((s) => !s.gated);
    if (small.length > 0) {
      warnings.push(
        `${small.length} slice${small.length > 1 ? "s have" : " has"} fewer than ${config.minSliceSupport} rows and ${small.length > 1 ? "are" : "is"} reported but not gated: ${small.map((s) => s.label).join(", ")}.`
      );
    }
    const classificationAll = inputs.all.candidate;
    const fairness = task !== "regression" && config.fairness && request.model.segments.length > 0 ? fairnessGaps(classificationAll, specs, positive, config.minSliceSupport) : [];
    let mcnemarResult = null;
    if (hasChampion && task !== "regression") {
      const champ = inputs.all.champion;
      let b = 0;
      let c = 0;
      for (let i = 0; i < collected.n; i++) {
        const candRight = classificationAll.yPred[i] === classificationAll.yTrue[i];
        const champRight = champ.yPred[i] === champ.yTrue[i];
        if (candRight && !champRight) b++;
        else if (champRight && !candRight) c++;
      }
      const test = mcnemar(b, c);
      mcnemarResult = { candidateOnlyCorrect: b, championOnlyCorrect: c, ...test };
    }
    const failed = gateResults.filter((g) => g.status === "fail" && g.severity === "error");
    const verdict = failed.length > 0 ? "fail" : "pass";
    const slices = slicePops.map((s) => ({
      segment: s.spec.segment,
      values: s.spec.values,
      label: s.label,
      rows: s.rows,
      gated: s.gated,
      ...s.gated ? {} : { note: `fewer than ${config.minSliceSupport} rows: reported, not gated` },
      metrics: s.result.metrics
    }));
    return {
      ...envelope("EvaluationReport"),
      verdict,
      headline: headline(verdict, gateResults, hasChampion),
      task,
      label,
      classes: task === "regression" ? null : classes,
      data: { source: source.source, rows: collected.rowsRead, evaluatedRows: collected.n },
      candidate: summary(request.candidate, candidate, candPlan.inputs.kind, collected.models[0].nonFiniteRows),
      champion: champion && request.champion && champPlan ? summary(request.champion, champion, champPlan.inputs.kind, collected.models[1].nonFiniteRows) : null,
      ...request.championNote ? { championNote: request.championNote } : {},
      settings: {
        bootstrap,
        decideOn: config.decideOn,
        minSliceSupport: config.minSliceSupport,
        segments: request.model.segments
      },
      metrics: overall.metrics,
      confusionMatrix: task === "regression" ? null : { labels: classes, matrix: confusionMatrixOf(classificationAll) },
      mcnemar: mcnemarResult,
      slices,
      fairness,
      gates: gateResults,
      latency,
      warnings
    };
  } finally {
    await candidate.release();
    await champion?.release();
  }
}
function headline(verdict, gates, hasChampion) {
  const failed = gates.filter((g) => g.status === "fail" && g.severity === "error");
  const decided = gates.filter((g) => g.status !== "skip");
  const first = hasChampion ? "" : " (first model: no champion, only value gates apply)";
  if (verdict === "fail") {
    const shown = failed.slice(0, 3).map((g) => g.name);
    const more = failed.length > 3 ? ` and ${failed.length - 3} more` : "";
    return `Blocked: ${failed.length} gate${failed.length > 1 ? "s" : ""} failed: ${shown.join("; ")}${more}${first}.`;
  }
  const warned = gates.filter((g) => g.status === "fail").length;
  return `Passed: ${decided.length - warned} of ${decided.length} gates passed${warned > 0 ? `, ${warned} warning${warned > 1 ? "s" : ""}` : ""}${first}.`;
}
function populationInputs(collected, task, classes, championClasses, positive) {
  const [cand, champ] = collected.models;
  if (task === "regression") {
    const yTrue2 = collected.yTrue;
    const candidate2 = { yTrue: yTrue2, yPred: cand.prediction };
    const champion2 = champ ? { yTrue: yTrue2, yPred: champ.prediction } : null;
    return {
      all: { task, candidate: candidate2, champion: champion2, positive },
      subset: (rows) => ({
        task,
        candidate: subsetRegression(candidate2, rows),
        champion: champion2 ? subsetRegression(champion2, rows) : null,
        positive
      })
    };
  }
  const yTrue = collected.yTrue;
  const candidate = { classes, yTrue, yPred: cand.predicted, proba: cand.proba };
  let champion = null;
  if (champ) {
    const aligned = alignClasses(champ.proba, champ.predicted, championClasses, classes);
    champion = { classes, yTrue, yPred: aligned.predicted, proba: aligned.proba };
  }
  return {
    all: { task, candidate, champion, positive },
    subset: (rows) => ({
      task,
      candidate: subsetClassification(candidate, rows),
      champion: champion ? subsetClassification(champion, rows) : null,
      positive
    })
  };
}

// src/core/evaluate/run.ts
async function runEvaluation(run) {
  const { config, lineOf } = run.loaded;
  const model = config.model;
  if (!model) {
    throw new MlopsError("mlops.yaml has no `model:` section, so the label column is unknown.", {
      kind: "config",
      where: { file: "mlops.yaml" },
      expected: "model: { name, task, label }",
      hint: "Add a model section naming at least the label column (see schemas/mlops.schema.json)."
    });
  }
  const data = run.data ?? config.data.eval;
  if (!data) {
    throw new MlopsError("No evaluation data given.", {
      kind: "usage",
      hint: "Set the `data` input, or data.eval in mlops.yaml, to the held-out evaluation data."
    });
  }
  const resolved = await resolveChampion(run.champion ?? config.evaluate.champion, {
    cwd: run.cwd,
    // The store the registry was configured with (registry.store), as register-model used it.
    platform: { artifacts: artifactStoreFor(run.platform, config.registry, run.cwd).store },
    modelName: model.name,
    downloadDir: resolve2(run.outDir, "champion")
  });
  const source = /^[a-z][a-z0-9+.-]*:\/\//i.test(data) ? data : resolve2(run.cwd, data);
  try {
    const dataset = await openDataset(source);
    return await evaluateCandidate({
      candidate: { ref: run.model, path: resolve2(run.cwd, run.model) },
      champion: resolved.champion,
      championNote: resolved.note,
      source: {
        source: data,
        columns: dataset.columns,
        batches: (columns, options) => dataset.batches(columns, options),
        // Parquet knows its row count from metadata; counting CSV rows would read the file twice.
        ...dataset.format === "parquet" ? { rowCount: () => dataset.rowCount() } : {}
      },
      model: {
        task: model.task,
        label: model.label,
        segments: model.segments,
        features: model.features,
        classes: model.classes
      },
      config: config.evaluate,
      lineOf
    });
  } finally {
    await closeEngine();
  }
}

// src/actions/evaluate-gate.ts
var evaluateGateAction = defineAction({
  name: "evaluate-gate",
  title: "Evaluate and gate",
  description: "Run the candidate ONNX model on held-out data, compute metrics overall and per slice with bootstrap confidence intervals, compare with the production champion and pass or block.",
  icon: "shield",
  color: "purple",
  inputs: {
    ...commonInputs,
    model: { description: "Candidate ONNX model.", required: true },
    data: { description: "Evaluation data. Default: `data.eval` from mlops.yaml." },
    champion: {
      description: "Champion model: a path, or a registry reference such as `churn#production`, or `none`. Default: the model's production stage."
    },
    "fail-on": failOnInput
  },
  outputs: {
    passed: { description: "`true` when every gate passed." },
    report: { description: "Path of the EvaluationReport JSON." }
  },
  async run({ platform, inputs, cwd, outDir, config }) {
    const report = await runEvaluation({
      platform,
      cwd,
      outDir,
      loaded: await config(),
      model: inputs.string("model"),
      data: inputs.optional("data"),
      champion: inputs.optional("champion")
    });
    const written = await writeReport(outDir, evaluationRenderer, report);
    const failOn = inputs.choice("fail-on");
    const failed = report.gates.filter((g) => g.status === "fail");
    const blocking = failOn === "never" ? [] : failOn === "warning" ? failed : failed.filter((g) => g.severity === "error");
    const annotated = [
      ...failed.filter((g) => g.slice === null),
      ...failed.filter((g) => g.slice !== null).slice(0, 5)
    ];
    for (const gate of annotated) {
      const where = gate.line ? { file: "mlops.yaml", line: gate.line, title: gate.name } : { title: gate.name };
      if (gate.severity === "error") platform.log.error(`${gate.name}: ${gate.reason}`, where);
      else platform.log.warning(`${gate.name}: ${gate.reason}`, where);
    }
    return {
      exitCode: blocking.length > 0 ? ExitCode.Failed : ExitCode.Passed,
      outputs: { passed: String(report.verdict === "pass"), report: written.json },
      summary: renderMarkdown(evaluationRenderer, report, "summary"),
      headline: report.headline
    };
  }
});

export {
  evaluateGateAction
};
//# sourceMappingURL=chunk-LQGUB3RJ.js.map
