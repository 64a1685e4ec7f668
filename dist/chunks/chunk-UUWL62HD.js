import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  artifactStoreFor
} from "./chunk-BV7X4BMN.js";
import {
  binomialCdf,
  chiSquareSf
} from "./chunk-PFRV2C25.js";
import {
  MatrixBuffers,
  OutputFetches,
  feedsFor,
  holm,
  loadModel,
  planInference,
  readOutputs
} from "./chunk-CJI7CXOH.js";
import {
  displaySource
} from "./chunk-OAHJURSF.js";
import {
  closeEngine,
  openDataset
} from "./chunk-CYF5FZX4.js";
import {
  fetchModelArtifact,
  resolveModelRef
} from "./chunk-UYFNVHA4.js";
import {
  readModel
} from "./chunk-RHXVXVBD.js";
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
} from "./chunk-XTHX7C6R.js";
import {
  loadNative
} from "./chunk-CAKWGMZF.js";
import {
  ExitCode,
  MlopsError
} from "./chunk-FZ3ZHXNS.js";
import {
  bootstrapPValue,
  computeMetrics,
  confusionMatrixOf,
  descendingOrder,
  metricDirection,
  metricsFor,
  percentileInterval,
  permuteClassification,
  prepareClassification,
  primaryMetric,
  quantileSorted,
  replicateWidth,
  runReplicates
} from "./chunk-GMQP4BWT.js";

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
    suite: g.type === "latency" || g.type === "size" || g.type === "outputs" ? "budgets" : g.slice ? "slice gates" : "gates",
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
    const model = await readModel(ctx.cwd, ctx.modelName);
    if (!model.stages.stages.production) {
      return { champion: null, note: `no production version of ${ctx.modelName} in the registry yet (first model)` };
    }
    return { champion: await fromRegistry(ref, ctx), note: `${ref} from the registry` };
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
function everyRowKept(labels, results, n, regression) {
  for (const r of results) for (let i = 0; i < n; i++) if (!r.finite[i]) return false;
  if (labels instanceof Float64Array) {
    if (regression) {
      for (let i = 0; i < n; i++) if (!Number.isFinite(labels[i])) return false;
    } else {
      for (let i = 0; i < n; i++) if (Number.isNaN(labels[i])) return false;
    }
  } else {
    for (let i = 0; i < n; i++) if (labels[i] === null || labels[i] === "") return false;
    if (regression) {
      for (let i = 0; i < n; i++) if (!Number.isFinite(Number(labels[i]))) return false;
    }
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
function classLookup(classes) {
  const byText = new Map(classes.map((c, i) => [c, i]));
  const byNumber = /* @__PURE__ */ new Map();
  classes.forEach((c, i) => {
    if (c !== "" && String(Number(c)) === c && !byNumber.has(Number(c))) byNumber.set(Number(c), i);
  });
  return {
    text: (text) => {
      if (classes.length > 8) return byText.get(text);
      for (let c = 0; c < classes.length; c++) if (classes[c] === text) return c;
      return void 0;
    },
    number: (value2) => byNumber.get(value2)
  };
}
async function collectPredictions(source, models, options) {
  const ort = await loadNative("onnxruntime-node");
  const classification = options.task !== "regression";
  const classOf = classLookup(options.classes);
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
  const matrices = models.map(() => new MatrixBuffers());
  const runAll = async (batch) => Promise.all(
    models.map(async ({ model, plan }, m) => {
      const feeds = feedsFor(ort, plan, batch, matrices[m]);
      const start = performance.now();
      const outputs = await model.run(feeds, fetches[m].names());
      const millis = performance.now() - start;
      matrices[m].give(feeds);
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
    if (everyRowKept(labels, results, n, !classification)) {
      for (let m = 0; m < outs.length; m++) {
        const r = results[m];
        const o = outs[m];
        if (o.proba && r.probabilities) o.proba.append(r.probabilities);
        if (o.predicted && r.predicted) o.predicted.append(r.predicted);
        if (o.prediction && r.prediction) o.prediction.append(r.prediction);
      }
      if (classification && numericLabels) {
        let lastValue = Number.NaN;
        let lastClass2 = -1;
        for (let i = 0; i < n; i++) {
          const v = numericLabels[i];
          const k = v === lastValue ? lastClass2 : classOf.number(v);
          if (k === void 0) throw unknownLabel(batch, i, String(v), options);
          lastValue = v;
          lastClass2 = k;
          yTrue.push(k);
        }
      } else if (classification) {
        let lastText2 = null;
        let lastClass2 = -1;
        for (let i = 0; i < n; i++) {
          const text = labelText(labels, i);
          const k = text === lastText2 ? lastClass2 : classOf.text(text);
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
      const value2 = classification ? 0 : numericLabels ? numericLabels[i] : Number(text);
      if (text === null || !Number.isFinite(value2)) {
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
        yTrue.push(value2);
      } else {
        const k = text === lastText ? lastClass : classOf.text(text);
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
      status: scope === "overall" ? "fail" : "skip",
      observed: null,
      threshold,
      decidedOn: mode,
      reason: `not computable: ${estimate.reason ?? "the champion value is undefined"}${scope === "overall" ? "; a gate that cannot be decided does not pass" : ""}`
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
  const outputs = inputs.outputs;
  if (outputs && outputs.nonFiniteRows > 0) {
    const share = outputs.nonFiniteRows / Math.max(1, outputs.labelledRows);
    const ok = share <= config.maxNonFiniteShare;
    results.push({
      name: `non-finite candidate outputs \u2264 ${f(config.maxNonFiniteShare * 100)}% of rows`,
      type: "outputs",
      metric: "non_finite_share",
      slice: null,
      status: ok ? "pass" : "fail",
      severity: "error",
      decidedOn: "point",
      observed: share,
      threshold: config.maxNonFiniteShare,
      reason: `${outputs.nonFiniteRows} of ${outputs.labelledRows} rows (${f(share * 100)}%) got non-finite outputs (not a number or infinite) and are left out of every metric${ok ? "" : "; raise evaluate.maxNonFiniteShare only if the model is meant to abstain on such rows"}`
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

// src/core/evaluate/bootstrap-pool.ts
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
var PARALLEL_MIN_WORK = 2e7;
var MAX_THREADS = 4;
function workerUrl() {
  const here = import.meta.url;
  return here.endsWith(".ts") ? new URL("./bootstrap-worker.ts", here) : new URL("../workers/bootstrap.js", here);
}
function runOnWorker(job, from, to) {
  return new Promise((resolve3, reject) => {
    const url = workerUrl();
    const worker = url.pathname.endsWith(".ts") ? new Worker(
      `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`,
      { eval: true }
    ) : new Worker(url);
    const done = (error, out) => {
      worker.removeAllListeners();
      void worker.terminate();
      if (error) reject(error);
      else resolve3(out);
    };
    worker.once(
      "message",
      (m) => m.out ? done(void 0, m.out) : done(new Error(m.error ?? "no result"))
    );
    worker.once("error", (error) => done(error));
    worker.once("exit", (code2) => done(new Error(`bootstrap worker exited with code ${code2}`)));
    worker.postMessage({ job, from, to });
  });
}
async function bootstrapMatrix(job, resamples, options = {}) {
  const width = replicateWidth(job);
  const matrix = new Float64Array(resamples * width);
  const forced = Number(process.env.MLOPS_BOOTSTRAP_THREADS);
  const threads = options.threads ?? (forced >= 1 ? Math.floor(forced) : Math.min(MAX_THREADS, availableParallelism()));
  const minWork = options.minWork ?? (forced >= 1 ? 0 : PARALLEL_MIN_WORK);
  const parts = Math.min(threads, resamples);
  if (parts < 2 || job.n * resamples < minWork) {
    runReplicates(job, 0, resamples, matrix);
    return { matrix, threads: 1 };
  }
  const bounds = Array.from({ length: parts + 1 }, (_, p2) => Math.round(p2 * resamples / parts));
  try {
    const results = await Promise.all(bounds.slice(0, -1).map((from, p2) => runOnWorker(job, from, bounds[p2 + 1])));
    for (const [p2, part] of results.entries()) matrix.set(part, bounds[p2] * width);
    return { matrix, threads: parts };
  } catch {
    runReplicates(job, 0, resamples, matrix);
    return { matrix, threads: 1 };
  }
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
async function evaluatePopulation(input, names, settings, streamName, options = {}) {
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
  let threads = 1;
  if (settings.resamples > 0 && n > 0) {
    const job = {
      candidate,
      champion,
      names: [...names],
      n,
      seed: (settings.seed ^ hashString(streamName)) >>> 0
    };
    const width = replicateWidth(job);
    const computed = await bootstrapMatrix(job, settings.resamples, options);
    const matrix = computed.matrix;
    threads = computed.threads;
    reps = Array.from(
      { length: width },
      (_, j) => Float64Array.from({ length: settings.resamples }, (_2, r) => matrix[r * width + j])
    );
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
  return { n, metrics, replicates, point, threads };
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
    const overall = await evaluatePopulation(inputs.all, computedNames, bootstrap, "overall");
    const specs = sliceRows(collected.segments, request.model.segments, config.combinations);
    const slicePops = [];
    for (const spec of specs) {
      slicePops.push({
        spec,
        label: spec.label,
        rows: spec.rows.length,
        gated: spec.rows.length >= config.minSliceSupport,
        result: await evaluatePopulation(inputs.subset(spec.rows), computedNames, bootstrap, `slice:${spec.label}`)
      });
    }
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
      outputs: {
        labelledRows: collected.rowsRead - collected.missingLabels,
        nonFiniteRows: collected.models[0].nonFiniteRows
      },
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
      data: { source: displaySource(source.source), rows: collected.rowsRead, evaluatedRows: collected.n },
      candidate: summary(request.candidate, candidate, candPlan.inputs.kind, collected.models[0].nonFiniteRows),
      champion: champion && request.champion && champPlan ? summary(request.champion, champion, champPlan.inputs.kind, collected.models[1].nonFiniteRows) : null,
      ...request.championNote ? { championNote: request.championNote } : {},
      settings: {
        bootstrap: { ...bootstrap, threads: overall.threads },
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
//# sourceMappingURL=chunk-UUWL62HD.js.map
