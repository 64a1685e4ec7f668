import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  DirectoryArtifactStore
} from "./chunk-ZJTTXSAO.js";
import {
  readOnnxModelInfo
} from "./chunk-VBXKJTJT.js";
import {
  commitFiles,
  currentBranch,
  fastForwardCheckout,
  identityEnv,
  revParse
} from "./chunk-7RY4YAIK.js";
import {
  bumpSemver,
  commitTree,
  compareSemver,
  fetchBranchAndTags,
  firstLines,
  formatTagMessage,
  gitOk,
  gitRaw,
  hasRemote,
  isGtoName,
  isSemver,
  listTags,
  readVersions,
  versionDir,
  versionTagName,
  workingTree
} from "./chunk-RHXVXVBD.js";
import {
  barChart,
  code,
  codeBlock,
  details,
  envelope,
  escapeCell,
  fmt,
  heading,
  limitBytes,
  percent,
  signed,
  statusIcon,
  table
} from "./chunk-XTHX7C6R.js";
import {
  sha256,
  sha256File
} from "./chunk-5AAGF42O.js";
import {
  MlopsError
} from "./chunk-FZ3ZHXNS.js";

// src/core/card/render.ts
var CARD_COMMENT_LIMIT = 6e4;
var MAX_ROWS = 150;
function capped(rows, what) {
  if (rows.length <= MAX_ROWS) return { rows, note: "" };
  return {
    rows: rows.slice(0, MAX_ROWS),
    note: `

_${rows.length - MAX_ROWS} more ${what} are in card.json._`
  };
}
function interval(m) {
  const ci = m.confidence_interval;
  if (!ci || ci.lower_bound === null || ci.upper_bound === null) return "\u2014";
  return `[${fmt(ci.lower_bound)}, ${fmt(ci.upper_bound)}]`;
}
function deltaCell(m) {
  if (!m.delta || m.delta.value === null) return "\u2014";
  const { value, lower, upper } = m.delta;
  const better = m.direction && lower !== null && upper !== null ? m.direction === "higher" ? lower > 0 ? " \u25B2" : upper < 0 ? " \u25BC" : "" : upper < 0 ? " \u25B2" : lower > 0 ? " \u25BC" : "" : "";
  const ci = lower !== null && upper !== null ? ` [${signed(lower)}, ${signed(upper)}]` : "";
  return `${signed(value)}${ci}${better}`;
}
function badness(m) {
  if (!m || m.value === null) return Number.NEGATIVE_INFINITY;
  return m.direction === "lower" ? m.value : -m.value;
}
function keyMetrics(overall, sliced, gates) {
  const names = [...new Set([...overall, ...sliced].map((p) => p.type))];
  const gated = names.filter((n) => gates.some((g) => new RegExp(`(^|[^a-z_])${n}([^a-z_]|$)`).test(g.name)));
  return [.../* @__PURE__ */ new Set([names[0], ...gated])].slice(0, 4);
}
function sliceSection(overall, sliced, gates) {
  const metrics = keyMetrics(overall, sliced, gates);
  const primary = metrics[0];
  const bySlice = /* @__PURE__ */ new Map();
  for (const p of sliced) {
    if (!bySlice.has(p.slice)) bySlice.set(p.slice, /* @__PURE__ */ new Map());
    bySlice.get(p.slice).set(p.type, p);
  }
  const slices = [...bySlice.entries()].sort(([, a], [, b]) => badness(b.get(primary)) - badness(a.get(primary)));
  const shown = capped(slices, "slices");
  const chartRows = slices.slice(0, 20);
  const chart = barChart(
    `${primary} by slice`,
    chartRows.map(([label]) => label),
    chartRows.map(([, ms]) => ms.get(primary)?.value ?? Number.NaN),
    primary
  );
  const rows = shown.rows.map(([label, ms]) => {
    const any = [...ms.values()][0];
    const cell = (name) => {
      const p = ms.get(name);
      if (!p) return "\u2014";
      const ci = interval(p);
      return ci === "\u2014" ? fmt(p.value) : `${fmt(p.value)} ${ci}`;
    };
    const first = ms.get(primary);
    return [label, fmt(any.rows ?? null), ...metrics.map(cell), first ? deltaCell(first) : "\u2014", any.note ?? ""];
  });
  const sliceTable = table(["Slice", "Rows", ...metrics, `\u0394 ${primary} vs champion`, "Note"], rows, [
    "left",
    "right",
    ...metrics.map(() => "right"),
    "right",
    "left"
  ]);
  return details(`Slices (${slices.length}, worst ${primary} first)`, `${chart}

${sliceTable}${shown.note}`);
}
function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
function placeholder(what, file = ".mlops/card-template.md") {
  return `_Not written yet: add a \`## ${what}\` section to ${code(file)}._`;
}
function renderCard(card, options) {
  const d = card.model_details;
  const m = card.mlops;
  const out = [];
  const icon = m.verdict === "pass" ? "\u2705" : m.verdict === "fail" ? "\u274C" : "\u26AA";
  out.push(heading(2, `${icon} Model card: ${d.name} ${d.version.name}`));
  out.push(`**${escapeCell(m.headline)}**`);
  if (m.missing.length) out.push(`> Not available for this card: ${m.missing.join("; ")}.`);
  if (m.gates.length) {
    const order = { fail: 0, warn: 1, pass: 2, skip: 3 };
    const gates = [...m.gates].sort((a, b) => (order[a.status] ?? 9) - (order[b.status] ?? 9));
    const shownGates = capped(gates, "gates");
    const rows = shownGates.rows.map((g) => [
      `${statusIcon[g.status] ?? ""} ${g.status}`,
      g.name,
      g.severity ?? "",
      g.reason
    ]);
    const gateTable = table(["Verdict", "Gate", "Severity", "Why"], rows) + shownGates.note;
    out.push(heading(3, "Gates"));
    out.push(gates.length > 12 ? details(`${gates.length} gates`, gateTable, m.verdict === "fail") : gateTable);
  }
  const overall = card.quantitative_analysis.performance_metrics.filter((p) => p.slice === "");
  const sliced = card.quantitative_analysis.performance_metrics.filter((p) => p.slice !== "");
  out.push(heading(3, "Quantitative analysis"));
  if (overall.length) {
    const level = card.quantitative_analysis.confidence_level;
    const champ = m.champion?.version ?? (m.champion && m.champion.ref !== "none" ? m.champion.ref : void 0);
    out.push(
      table(
        [
          "Metric",
          "Value",
          level ? `${percent(level, 0)} interval` : "Interval",
          champ ? `Champion (${champ})` : "Champion",
          "\u0394 vs champion"
        ],
        overall.map((p) => [p.type, fmt(p.value), interval(p), fmt(p.champion ?? null), deltaCell(p)]),
        ["left", "right", "right", "right", "right"]
      )
    );
    const deltas = overall.filter((p) => p.delta && p.delta.value !== null).slice(0, 8);
    if (deltas.length) {
      out.push(
        details(
          "Change against the champion (chart)",
          barChart(
            "candidate \u2212 champion",
            deltas.map((p) => p.type),
            deltas.map((p) => p.delta.value),
            "difference"
          )
        )
      );
    }
    if (card.quantitative_analysis.evaluation_data) {
      out.push(`Evaluated on ${code(card.quantitative_analysis.evaluation_data)}.`);
    }
    if (m.champion?.note) out.push(`_${escapeCell(m.champion.note)}_`);
  } else {
    out.push("_No metrics: the evaluate-gate step did not run for this model._");
  }
  if (sliced.length) out.push(sliceSection(overall, sliced, m.gates));
  if (m.fairness.length) {
    const shownFairness = capped(m.fairness, "fairness rows");
    const rows = shownFairness.rows.map((f) => [
      f.segment,
      f.metric,
      f.value === null ? f.reason ?? "not computable" : fmt(f.value),
      f.groups.map((g) => `${g.value}: ${g.rate === null ? "\u2014" : percent(g.rate)} (n=${g.rows})`).join(", ")
    ]);
    out.push(
      details("Fairness", `${table(["Segment", "Metric", "Gap (max \u2212 min)", "Groups"], rows)}${shownFairness.note}`)
    );
  }
  out.push(heading(3, "Data validation"));
  if (m.validation) {
    const v = m.validation;
    out.push(
      `${statusIcon[v.verdict] ?? ""} ${v.verdict}: ${v.checks} checks${v.rows !== void 0 ? ` on ${fmt(v.rows)} rows` : ""}, ${v.failed.length} not passed.`
    );
    if (v.failed.length) {
      out.push(
        details(
          `Checks not passed (${v.failed.length})`,
          table(
            ["Status", "Check", "Message"],
            capped(v.failed, "checks").rows.map((c2) => [
              `${statusIcon[c2.status] ?? ""} ${c2.status}`,
              c2.name,
              c2.message
            ])
          ) + capped(v.failed, "checks").note
        )
      );
    }
  } else {
    out.push("_No validation report for this run._");
  }
  out.push(heading(3, "Model details"));
  const detailRows = [
    ["Name", d.name],
    ["Version", d.version.name],
    ["Date", d.version.date],
    ["Architecture", card.model_parameters.model_architecture]
  ];
  if (card.model_parameters.task) detailRows.push(["Task", card.model_parameters.task]);
  if (m.versioning) {
    detailRows.push(["Versioning", `${m.versioning.bump} (${m.versioning.reason})`]);
  }
  if (d.owners.length) detailRows.push(["Owners", d.owners.map((o) => o.name).join(", ")]);
  if (d.licenses.length) detailRows.push(["License", d.licenses.map((l2) => l2.custom_text).join("; ")]);
  if (m.artifact) {
    detailRows.push(["Size", bytes(m.artifact.size)]);
    detailRows.push(["sha256", code(m.artifact.sha256)]);
    if (m.artifact.uri) detailRows.push(["Artifact", m.artifact.uri]);
  }
  if (m.latency) {
    detailRows.push([
      "Latency per row",
      `p50 ${fmt(m.latency.p50Ms)} ms, p95 ${fmt(m.latency.p95Ms)} ms${m.latency.rowsPerSecond ? `, ${fmt(Math.round(m.latency.rowsPerSecond))} rows/s` : ""}`
    ]);
  }
  out.push(table(["", ""], detailRows));
  if (d.overview) out.push(d.overview);
  if (card.model_parameters.input_format_map.length) {
    out.push(
      details(
        `Inputs (${card.model_parameters.input_format_map.length}) and outputs`,
        table(
          ["Tensor", "Type and shape"],
          [
            ...card.model_parameters.input_format_map.map((e) => [`in: ${e.key}`, e.value]),
            ...card.model_parameters.output_format_map.map((e) => [`out: ${e.key}`, e.value])
          ]
        )
      )
    );
  }
  if (Object.keys(card.model_parameters.params).length) {
    out.push(details("Parameters", codeBlock(JSON.stringify(card.model_parameters.params, null, 2), "json")));
  }
  const l = m.lineage;
  const lineageRows = [];
  if (l.commit) lineageRows.push(["Code commit", code(l.commit)]);
  if (l.runId) lineageRows.push(["Training run", code(l.runId)]);
  if (l.trainer) lineageRows.push(["Trainer", l.trainer]);
  if (l.command) lineageRows.push(["Command", code(l.command)]);
  if (l.paramsHash) lineageRows.push(["Parameters hash", code(l.paramsHash.slice(0, 16))]);
  if (l.durationMs !== void 0) lineageRows.push(["Training time", `${fmt(l.durationMs / 1e3, 3)} s`]);
  for (const data of card.model_parameters.data) {
    lineageRows.push([`Data: ${data.name}`, `${code(data.link)} sha256 ${code(data.sha256.slice(0, 16))}`]);
  }
  if (lineageRows.length || l.environment) {
    const env = l.environment ? `

${codeBlock(JSON.stringify(l.environment, null, 2), "json")}` : "";
    out.push(details("Lineage", `${table(["", ""], lineageRows)}${env}`));
  }
  const c = card.considerations;
  out.push(heading(3, "Considerations"));
  out.push(`**Intended use.** ${c.use_cases.map((u) => u.description).join("\n\n") || placeholder("Intended use")}`);
  if (c.users.length) out.push(`**Users.** ${c.users.map((u) => u.description).join("\n\n")}`);
  out.push(`**Limitations.** ${c.limitations.map((u) => u.description).join("\n\n") || placeholder("Limitations")}`);
  if (c.tradeoffs.length) out.push(`**Trade-offs.** ${c.tradeoffs.map((u) => u.description).join("\n\n")}`);
  out.push(
    `**Ethical considerations.** ${c.ethical_considerations.map((u) => u.name).join("\n\n") || placeholder("Ethical considerations")}`
  );
  for (const extra of m.extraSections) out.push(details(extra.title, extra.body));
  out.push(heading(3, "How to promote"));
  const stage = m.stages.at(-1) ?? "production";
  if (options.registered) {
    out.push(
      [
        `Open a promotion pull request (it changes ${code(`.mlops/registry/${d.name}/stages.yaml`)}; merging it is the approval):`,
        codeBlock(`mlops promote ${d.name} ${d.version.name} ${stage}`, "sh"),
        `or run the register-model action with \`mode: promote\`, \`version: ${d.version.name}\`, \`stage: ${stage}\`. Stages: ${m.stages.map((s) => code(s)).join(", ")}.`
      ].join("\n\n")
    );
  } else {
    out.push(
      `Merging this pull request registers the model as the next version of ${code(d.name)}; promote it afterwards with ${code(`mlops promote ${d.name} <version> ${stage}`)}.`
    );
  }
  if (options.runUrl) out.push(`[The run that produced this card](${options.runUrl})`);
  return limitBytes(out.join("\n\n"), CARD_COMMENT_LIMIT - 200);
}

// src/core/registry/service.ts
import { readFile as readFile3 } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";

// src/core/card/build.ts
function paragraphs(text) {
  if (!text) return [];
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((description) => ({ description }));
}
function lines(text) {
  if (!text) return [];
  return text.split("\n").map((l) => l.replace(/^\s*[-*]\s+/, "").trim()).filter(Boolean);
}
function buildModelCard(subject, inputs, template) {
  const { trainRun: run, evaluation: ev, validation } = inputs;
  const missing = [];
  if (!run) missing.push("TrainRun (lineage, parameters)");
  if (!ev) missing.push("EvaluationReport (metrics, gates, slices)");
  if (!validation) missing.push("ValidationReport (data checks)");
  if (!template.file) missing.push("card template (intended use, limitations, ethical considerations)");
  const metrics = [];
  for (const m of ev?.metrics ?? []) {
    metrics.push({
      type: m.name,
      value: m.candidate.value,
      slice: "",
      confidence_interval: { lower_bound: m.candidate.lower, upper_bound: m.candidate.upper },
      ...m.delta ? { delta: { value: m.delta.value, lower: m.delta.lower, upper: m.delta.upper } } : {},
      ...m.champion ? { champion: m.champion.value } : {},
      ...m.direction ? { direction: m.direction } : {},
      ...m.candidate.reason ? { note: m.candidate.reason } : {}
    });
  }
  for (const s of ev?.slices ?? []) {
    for (const m of s.metrics) {
      metrics.push({
        type: m.name,
        value: m.candidate.value,
        slice: s.label,
        rows: s.rows,
        confidence_interval: { lower_bound: m.candidate.lower, upper_bound: m.candidate.upper },
        ...m.delta ? { delta: { value: m.delta.value, lower: m.delta.lower, upper: m.delta.upper } } : {},
        ...m.direction ? { direction: m.direction } : {},
        ...s.gated === false ? { note: "below minimum support: reported, not gated" } : {}
      });
    }
  }
  const signature = subject.signature;
  const inputFormat = signature?.inputs.map((i) => ({ key: i.name, value: `${i.type} [${i.shape.join(", ")}]` })) ?? (ev?.candidate?.inputs ?? []).map((i) => ({ key: i.name, value: `${i.type} [${i.shape.join(", ")}]` }));
  const outputFormat = signature?.outputs.map((o) => ({ key: o.name, value: `${o.type} [${o.shape.join(", ")}]` })) ?? [];
  const failedChecks = (validation?.checks ?? []).filter((c) => c.status !== "pass" && c.status !== "skip");
  const validationVerdict = validation?.passed !== void 0 ? validation.passed ? "pass" : "fail" : validation?.verdict ?? validation?.status ?? (failedChecks.some((c) => c.status === "fail") ? "fail" : "pass");
  const verdict = ev ? ev.verdict : "unknown";
  const failedGates = (ev?.gates ?? []).filter((g) => g.status === "fail");
  const headline = ev ? ev.headline || (failedGates.length ? `${failedGates.length} gate(s) failed: ${failedGates.map((g) => g.name).join(", ")}` : `All ${ev.gates.length} gates passed`) : "No evaluation report: gates were not run for this model.";
  return {
    schema_version: "0.0.2",
    model_details: {
      name: subject.name,
      ...template.overview ? { overview: template.overview } : {},
      version: { name: subject.version, date: subject.date },
      owners: lines(template.owners).map((name) => ({ name })),
      licenses: template.license ? [{ custom_text: template.license }] : [],
      references: lines(template.references).map((reference) => ({ reference })),
      ...subject.path ? { path: subject.path } : {}
    },
    model_parameters: {
      model_architecture: run?.trainer ? run.trainer.kind === "baseline" ? `built-in ${run.trainer.baseline ?? "baseline"} (ONNX)` : `user command: ${run.trainer.command ?? "unknown"} (ONNX)` : "ONNX model",
      ...run?.model.task || ev?.task ? { task: run?.model.task ?? ev?.task } : {},
      data: (run?.data ?? []).map((d) => ({
        name: d.role,
        link: d.source,
        sha256: d.sha256,
        ...d.bytes !== void 0 ? { bytes: d.bytes } : {}
      })),
      input_format_map: inputFormat,
      output_format_map: outputFormat,
      params: run?.params ?? {}
    },
    quantitative_analysis: {
      performance_metrics: metrics,
      ...ev?.data ? { evaluation_data: `${ev.data.source} (${ev.data.rows} rows)` } : {},
      ...ev?.settings?.bootstrap?.level !== void 0 ? { confidence_level: ev.settings.bootstrap.level } : {}
    },
    considerations: {
      users: paragraphs(template.users),
      use_cases: paragraphs(template.intendedUse),
      limitations: paragraphs(template.limitations),
      tradeoffs: paragraphs(template.tradeoffs),
      ethical_considerations: paragraphs(template.ethicalConsiderations).map((p) => ({ name: p.description }))
    },
    mlops: {
      verdict,
      headline,
      gates: (ev?.gates ?? []).map((g) => ({
        name: g.name,
        status: g.status,
        ...g.severity ? { severity: g.severity } : {},
        reason: g.reason
      })),
      champion: ev?.champion ? {
        ref: ev.champion.ref ?? "champion",
        ...ev.champion.version ? { version: ev.champion.version } : {},
        ...ev.championNote ? { note: ev.championNote } : {}
      } : ev?.championNote ? { ref: "none", note: ev.championNote } : null,
      fairness: (ev?.fairness ?? []).map((f) => ({
        segment: f.segment,
        metric: f.metric,
        value: f.value,
        groups: f.groups.map((g) => ({ value: g.value, rows: g.rows, rate: g.rate })),
        ...f.reason ? { reason: f.reason } : {}
      })),
      validation: validation ? {
        verdict: validationVerdict,
        ...(validation.dataset?.rows ?? validation.rows) !== void 0 ? { rows: validation.dataset?.rows ?? validation.rows } : {},
        checks: validation.checks.length,
        failed: failedChecks.map((c) => ({ name: c.name, status: c.status, message: c.message ?? "" }))
      } : null,
      lineage: {
        commit: run?.code?.commit ?? null,
        runId: run?.runId ?? null,
        ...run?.trainer?.command ? { command: run.trainer.command } : {},
        ...run?.trainer ? { trainer: run.trainer.baseline ?? run.trainer.kind } : {},
        ...run?.paramsHash ? { paramsHash: run.paramsHash } : {},
        ...run?.environment ? { environment: run.environment } : {},
        ...run?.durationMs !== void 0 ? { durationMs: run.durationMs } : {}
      },
      artifact: subject.artifact ? {
        sha256: subject.artifact.sha256,
        size: subject.artifact.size,
        ...subject.artifact.uri ? { uri: subject.artifact.uri } : {}
      } : run?.artifact ? { sha256: run.artifact.sha256, size: run.artifact.bytes ?? 0 } : null,
      latency: ev?.latency?.perRowMs ? {
        p50Ms: ev.latency.perRowMs.p50,
        p95Ms: ev.latency.perRowMs.p95,
        ...ev.latency.rowsPerSecond !== void 0 ? { rowsPerSecond: ev.latency.rowsPerSecond } : {}
      } : null,
      ...subject.versioning ? { versioning: subject.versioning } : {},
      missing,
      extraSections: template.extra,
      stages: subject.stages
    }
  };
}

// src/core/card/template.ts
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
var KEYS = [
  [/^(overview|description|summary)$/i, "overview"],
  [/^owners?$/i, "owners"],
  [/^licen[cs]es?$/i, "license"],
  [/^references?$/i, "references"],
  [/^(intended use|intended uses|use cases?)$/i, "intendedUse"],
  [/^(users|intended users)$/i, "users"],
  [/^(limitations?|known limitations)$/i, "limitations"],
  [/^(trade-?offs)$/i, "tradeoffs"],
  [/^(ethical considerations|ethics|risks)$/i, "ethicalConsiderations"]
];
function parseCardTemplate(text, file) {
  const out = { extra: [], file };
  const sections = text.split(/^##\s+/m).slice(1);
  for (const section of sections) {
    const newline = section.indexOf("\n");
    const title = (newline < 0 ? section : section.slice(0, newline)).trim();
    const body = (newline < 0 ? "" : section.slice(newline + 1)).replace(/<!--[\s\S]*?-->/g, "").trim();
    if (!body) continue;
    const key = KEYS.find(([re]) => re.test(title))?.[1];
    if (key) out[key] = body;
    else out.extra.push({ title, body });
  }
  return out;
}
async function readCardTemplate(path) {
  if (!existsSync(path)) return { extra: [] };
  return parseCardTemplate(await readFile(path, "utf8"), path);
}
var DEFAULT_CARD_TEMPLATE = `# Model card template
<!-- The human-written parts of the model card. Each "## " section is copied into every card of this model. -->

## Overview
<!-- One paragraph: what the model predicts and from what. -->

## Owners
<!-- Team or people, and how to reach them. -->

## License

## Intended use
<!-- What the model is for, and who should use it. -->

## Limitations
<!-- Data or situations where it should not be trusted. -->

## Ethical considerations
<!-- Risks, affected groups, mitigations. -->
`;

// src/core/registry/register.ts
import { existsSync as existsSync2 } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, extname } from "node:path";

// src/core/registry/signature.ts
import { readFile as readFile2 } from "node:fs/promises";
var ELEM_TYPES = {
  1: "float",
  2: "uint8",
  3: "int8",
  4: "uint16",
  5: "int16",
  6: "int32",
  7: "int64",
  8: "string",
  9: "bool",
  10: "float16",
  11: "double",
  12: "uint32",
  13: "uint64",
  16: "bfloat16"
};
function signatureHash(inputs) {
  const canonical = inputs.map((i) => `${i.name}:${i.type}:${i.shape.length}`).join("\n");
  return sha256(canonical);
}
async function readOnnxFacts(file) {
  const info = readOnnxModelInfo(await readFile2(file), file);
  const map = (s) => ({
    name: s.name,
    type: ELEM_TYPES[s.elemType] ?? `type${s.elemType}`,
    shape: s.dims
  });
  const inputs = info.inputs.map(map);
  return {
    signature: { inputs, outputs: info.outputs.map(map), inputsHash: signatureHash(inputs) },
    metadata: info.metadata
  };
}

// src/core/registry/register.ts
function chooseVersion(versions, signature, config, told, takenTags) {
  const previous = versions.at(-1);
  const rule = config.bump === "auto" ? "auto: major when the input signature changes, minor otherwise" : `always ${config.bump}`;
  if (told.version) {
    return {
      version: told.version,
      previous,
      versioning: { rule, previous: previous?.version ?? null, bump: "explicit", reason: "version given explicitly" }
    };
  }
  if (!previous) {
    let version2 = config.initialVersion;
    while (takenTags.has(version2)) version2 = bumpSemver(version2, "minor");
    return {
      version: version2,
      previous,
      versioning: { rule, previous: null, bump: "initial", reason: "first registration of this model" }
    };
  }
  let bump;
  let reason;
  if (told.bump) {
    bump = told.bump;
    reason = `${bump} bump requested`;
  } else if (config.bump === "auto") {
    const changed = previous.signature.inputsHash !== signature.inputsHash;
    bump = changed ? "major" : "minor";
    reason = changed ? `input signature changed since ${previous.version}: ${describeSignatureChange(previous.signature, signature)}` : `same input signature as ${previous.version}`;
  } else {
    bump = config.bump;
    reason = `registry.bump is ${config.bump}`;
  }
  let version = bumpSemver(previous.version, bump);
  while (takenTags.has(version)) version = bumpSemver(version, bump === "major" ? "major" : "minor");
  return { version, previous, versioning: { rule, previous: previous.version, bump, reason } };
}
function describeSignatureChange(before, after) {
  const a = new Map(before.inputs.map((i) => [i.name, i.type]));
  const b = new Map(after.inputs.map((i) => [i.name, i.type]));
  const added = [...b.keys()].filter((k) => !a.has(k));
  const removed = [...a.keys()].filter((k) => !b.has(k));
  const retyped = [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k));
  const parts = [];
  if (added.length) parts.push(`added ${added.join(", ")}`);
  if (removed.length) parts.push(`removed ${removed.join(", ")}`);
  if (retyped.length) parts.push(`type changed: ${retyped.join(", ")}`);
  return parts.join("; ") || "input order or rank changed";
}
function isRaceRejection(output) {
  const raced = /^(fetch first|non-fast-forward|already exists|stale info|cannot lock ref|failed to update ref|incorrect old value)/;
  let race = /cannot lock ref '[^']*': (is at [0-9a-f]+ but expected|reference already exists)/.test(output);
  for (const line of output.split("\n")) {
    const refused = /\[(remote )?rejected\] \(([^)]*)\)/.exec(line);
    if (!refused) continue;
    const reason = refused[2].trim();
    if (raced.test(reason)) race = true;
    else if (reason !== "atomic push failed" && reason !== "atomic transaction failed") return false;
  }
  return race;
}
async function registeredTags(repoDir, name) {
  const versions = /* @__PURE__ */ new Set();
  for (const tag of await listTags(repoDir, `${name}@v*`)) {
    const v = tag.name.slice(name.length + 2).replace(/!.*$/, "");
    if (tag.annotated && isSemver(v)) versions.add(v);
  }
  return versions;
}
async function remoteTag(repoDir, remote, tag, modelJson) {
  const listed = await gitRaw(repoDir, ["ls-remote", "--tags", remote, `refs/tags/${tag}`]);
  const sha = listed.stdout.split(/\s/)[0];
  if (listed.code !== 0 || !sha) return { state: "absent" };
  if (!await gitOk(repoDir, ["cat-file", "-e", sha])) {
    await gitRaw(repoDir, ["fetch", "--quiet", remote, `refs/tags/${tag}`]);
  }
  const type = (await gitRaw(repoDir, ["cat-file", "-t", sha])).stdout.trim();
  if (type !== "commit") return { state: "taken", sha };
  return await gitOk(repoDir, ["cat-file", "-e", `${sha}:${modelJson}`]) ? { state: "taken", sha } : { state: "placeholder", sha };
}
async function artifactAtRemoteTag(repoDir, remote, tag, modelJson) {
  const held = await remoteTag(repoDir, remote, tag, modelJson);
  if (held.state !== "taken") return void 0;
  const shown = await gitRaw(repoDir, ["show", `${held.sha}:${modelJson}`]);
  if (shown.code !== 0) return void 0;
  try {
    return JSON.parse(shown.stdout).artifact?.name;
  } catch {
    return void 0;
  }
}
function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
async function registerModel(request) {
  const { repoDir, name, config } = request;
  const log = request.log;
  if (!existsSync2(request.modelFile)) {
    throw new MlopsError(`Model file ${request.modelFile} does not exist.`, {
      kind: "input",
      where: { file: request.modelFile },
      hint: "Run the train step first, or point the `model` input at the .onnx file to register."
    });
  }
  if (request.version !== void 0 && !isSemver(request.version)) {
    throw new MlopsError(`Version "${request.version}" is not a semantic version.`, {
      kind: "usage",
      expected: "MAJOR.MINOR.PATCH, e.g. 2.0.0",
      found: request.version
    });
  }
  const [digest, size, facts] = await Promise.all([
    sha256File(request.modelFile),
    stat(request.modelFile).then((s) => s.size),
    readOnnxFacts(request.modelFile)
  ]);
  if (!isGtoName(name)) {
    log?.warning(
      `Model name "${name}" is not a GTO name (a lower-case letter first, then letters, digits, "-" or "/"): mlops reads its tags, \`gto show\` will not.`
    );
  }
  const remote = request.remote ?? "origin";
  const useRemote = await hasRemote(repoDir, remote);
  const branch = request.branch ?? config.branch ?? await currentBranch(repoDir) ?? request.fallbackBranch ?? "main";
  const env = await identityEnv(repoDir);
  const extension = extname(request.modelFile) || ".onnx";
  const artifactName = `${name}-${digest.slice(0, 12)}${extension}`;
  for (let attempt = 1; attempt <= config.maxAttempts; attempt++) {
    let base;
    if (useRemote) {
      const fetched = await fetchBranchAndTags(repoDir, remote, branch);
      if (fetched.code !== 0 && !/couldn't find remote ref/i.test(fetched.stderr)) {
        throw new MlopsError(`Cannot fetch ${branch} from ${remote}: ${firstLines(fetched.stderr)}`, {
          kind: "api",
          hint: "The job needs read and write access to the repository (GitHub: permissions: contents: write)."
        });
      }
      base = fetched.code === 0 ? await revParse(repoDir, `refs/remotes/${remote}/${branch}`) : void 0;
      base ??= await revParse(repoDir, "HEAD");
    } else {
      base = await revParse(repoDir, "HEAD");
    }
    const source = base ? commitTree(repoDir, base) : workingTree(repoDir);
    const versions = await readVersions(source, name);
    const sameRun = request.sameRun ?? ((v) => (v.lineage.trainRun?.runId ?? void 0) === request.trainRunId);
    const existing = versions.find((v) => v.artifact.sha256 === digest && sameRun(v));
    if (existing) {
      log?.info(`${name} ${existing.version} already holds this model (sha256 ${digest.slice(0, 12)}); nothing to do.`);
      const updated = base ? await fastForwardCheckout(repoDir, base) : true;
      return {
        status: "existing",
        version: existing,
        tag: existing.tag,
        commit: base,
        attempts: attempt,
        checkoutUpdated: updated
      };
    }
    const taken = await registeredTags(repoDir, name);
    if (request.version && (taken.has(request.version) || versions.some((v) => v.version === request.version))) {
      throw new MlopsError(`${name} ${request.version} is already registered.`, {
        kind: "input",
        expected: "a version that does not exist yet",
        found: `tag ${versionTagName(name, request.version)}`,
        hint: `Versions are immutable. Leave the version out to get the next one (${versions.length ? bumpSemver(versions.at(-1).version, "minor") : config.initialVersion}), or give a new one.`
      });
    }
    const choice = chooseVersion(versions, facts.signature, config, request, taken);
    if (request.version && choice.previous && compareSemver(request.version, choice.previous.version) < 0 && log) {
      log.warning(`${request.version} is lower than the latest version ${choice.previous.version}.`);
    }
    const tag = versionTagName(name, choice.version);
    const stored = await request.store.put(name, choice.version, request.modelFile, artifactName);
    if (stored.sha256 !== digest) {
      throw new MlopsError(`The artifact store returned a different sha256 for ${artifactName}.`, {
        kind: "api",
        expected: digest,
        found: stored.sha256
      });
    }
    let registered = false;
    const discardOrphan = async () => {
      if (registered || !stored.created || !useRemote) return;
      const held = await artifactAtRemoteTag(repoDir, remote, tag, `${versionDir(name, choice.version)}/model.json`);
      if (held === void 0 || held === artifactName) return;
      if (await request.store.discard(name, choice.version, artifactName)) {
        log?.debug(`Removed ${artifactName} from ${name} ${choice.version}: another registration holds that version.`);
      }
    };
    try {
      const artifact = {
        name: artifactName,
        uri: stored.url,
        sha256: digest,
        size,
        store: request.storeKind
      };
      const built = await request.build({
        version: choice.version,
        tag,
        previous: choice.previous,
        artifact,
        signature: facts.signature,
        metadata: facts.metadata,
        versioning: choice.versioning
      });
      const message = `Register ${name} ${choice.version} [skip ci]

model: ${basename(request.modelFile)}
sha256: ${digest}
${request.trainRunId ? `train-run: ${request.trainRunId}
` : ""}`;
      const commit = await commitFiles(repoDir, base, built.files, message, env);
      const tagMessage = formatTagMessage(`Registering ${name} version ${choice.version}`, {
        version: choice.version,
        sha256: digest,
        requestedBy: request.requestedBy,
        approvedBy: []
      });
      let lease;
      if (useRemote) {
        const held = await remoteTag(repoDir, remote, tag, `${versionDir(name, choice.version)}/model.json`);
        if (held.state === "taken") {
          if (request.version)
            throw new MlopsError(`Tag ${tag} already exists on ${remote}.`, { kind: "input", found: tag });
          log?.info(`${tag} was registered by someone else meanwhile (attempt ${attempt}); recomputing the version.`);
          await sleep(backoff(attempt));
          continue;
        }
        if (held.state === "placeholder") lease = held.sha;
      }
      const local = (await listTags(repoDir, tag)).find((t) => t.name === tag);
      if (local && !local.annotated) await gitRaw(repoDir, ["tag", "-d", tag]);
      const tagged = await gitRaw(repoDir, ["tag", "-a", tag, commit, "-F", "-"], { env, input: tagMessage });
      if (tagged.code !== 0) {
        if (request.version) throw new MlopsError(`Tag ${tag} already exists.`, { kind: "input", found: tag });
        log?.debug(`tag ${tag} is taken locally; retrying (${firstLines(tagged.stderr)})`);
        await sleep(backoff(attempt));
        continue;
      }
      let published;
      let failure = "";
      if (useRemote) {
        const pushed = await gitRaw(repoDir, [
          "push",
          "--atomic",
          "--porcelain",
          ...lease ? [`--force-with-lease=refs/tags/${tag}:${lease}`] : [],
          remote,
          `${commit}:refs/heads/${branch}`,
          `refs/tags/${tag}`
        ]);
        published = pushed.code === 0;
        failure = `${pushed.stdout}
${pushed.stderr}`;
        if (!published && !isRaceRejection(failure)) {
          await gitRaw(repoDir, ["tag", "-d", tag]);
          throw new MlopsError(
            `Cannot push the registration of ${name} ${choice.version}: ${firstLines(pushed.stderr)}`,
            {
              kind: "api",
              hint: `The job needs permission to push commits and tags (GitHub: permissions: contents: write; GitLab: a project token with write_repository), and registration pushes straight to ${branch}: branch protection or a ruleset must let this job push there. Nothing was registered.`
            }
          );
        }
      } else {
        const branchNow = await currentBranch(repoDir);
        published = branchNow === branch ? await fastForwardCheckout(repoDir, commit) : await gitOk(repoDir, ["update-ref", `refs/heads/${branch}`, commit, base ?? ""]);
        failure = "the branch moved while registering";
      }
      if (published) {
        registered = true;
        const updated = useRemote ? await fastForwardCheckout(repoDir, commit) : true;
        if (!updated) {
          log?.warning(
            `Registered ${tag}, but the checkout has local commits; run \`git pull\` to see ${built.modelVersion.card.markdown}.`
          );
        }
        return {
          status: "registered",
          version: built.modelVersion,
          tag,
          commit,
          attempts: attempt,
          checkoutUpdated: updated
        };
      }
      await gitRaw(repoDir, ["tag", "-d", tag]);
      if (request.version) {
        throw new MlopsError(`${name} ${request.version} was registered by someone else at the same time.`, {
          kind: "input",
          found: firstLines(failure)
        });
      }
      log?.info(`Another registration was pushed first (attempt ${attempt}); recomputing the version.`);
      await sleep(backoff(attempt));
    } finally {
      await discardOrphan();
    }
  }
  throw new MlopsError(
    `Could not register ${name}: other registrations kept pushing first for ${config.maxAttempts} attempts.`,
    {
      kind: "api",
      hint: "Nothing was registered by this run. Run it again, or raise registry.maxAttempts in mlops.yaml."
    }
  );
}
function backoff(attempt) {
  return Math.min(1e3, 25 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random());
}

// src/core/registry/version-record.ts
function buildModelVersion(input) {
  const { name, build: ctx, context } = input;
  const run = input.inputs.trainRun;
  const ev = input.inputs.evaluation;
  const dir = versionDir(name, ctx.version);
  const now = input.registeredAt;
  const classes = run?.model.classes ?? ev?.classes ?? jsonArray(ctx.metadata["mlops.classes"]);
  const task = run?.model.task ?? ev?.task ?? ctx.metadata["mlops.task"];
  const modelVersion = {
    ...envelope("ModelVersion"),
    name,
    version: ctx.version,
    tag: ctx.tag,
    ...task && ["binary", "multiclass", "regression"].includes(task) ? { task } : {},
    ...classes ? { classes } : {},
    artifact: ctx.artifact,
    signature: ctx.signature,
    versioning: ctx.versioning,
    lineage: {
      commit: run?.code?.commit ?? context.sha ?? null,
      trainRun: run ? {
        runId: run.runId,
        ...originOf(run) !== run.runId ? { originRunId: originOf(run) } : {},
        commit: run.code?.commit ?? null,
        ...run.code?.dirty !== void 0 ? { dirty: run.code.dirty } : {},
        ...run.trainer ? { trainer: run.trainer.baseline ?? run.trainer.kind } : {},
        ...run.trainer?.command ? { command: run.trainer.command } : {},
        params: run.params,
        ...run.paramsHash ? { paramsHash: run.paramsHash } : {},
        ...run.durationMs !== void 0 ? { durationMs: run.durationMs } : {},
        metrics: run.metrics,
        ...run.environment ? { environment: run.environment } : {}
      } : null,
      evaluation: ev ? {
        verdict: ev.verdict,
        headline: ev.headline,
        ...ev.data ? { data: ev.data.source, rows: ev.data.rows } : {},
        metrics: ev.metrics.map((m) => ({
          name: m.name,
          value: m.candidate.value,
          lower: m.candidate.lower,
          upper: m.candidate.upper,
          delta: m.delta?.value ?? null
        })),
        gates: ev.gates.map((g) => ({ name: g.name, status: g.status, reason: g.reason })),
        champion: ev.champion?.version ?? ev.champion?.ref ?? null,
        ...ev.latency?.perRowMs ? { latencyP95Ms: ev.latency.perRowMs.p95 } : {}
      } : null,
      data: (run?.data ?? []).map((d) => ({
        role: d.role,
        source: d.source,
        sha256: d.sha256,
        ...d.bytes !== void 0 ? { bytes: d.bytes } : {}
      }))
    },
    registeredAt: now,
    ...context.actor ? { registeredBy: context.actor } : {},
    card: { markdown: `${dir}/card.md`, json: `${dir}/card.json` },
    ...input.hasReferenceProfile ? { referenceProfile: `${dir}/reference-profile.json` } : {},
    stages: [],
    currentStages: [],
    deprecated: false
  };
  return modelVersion;
}
function originOf(run) {
  return run.cache?.restoredRunId ?? run.runId;
}
function sameTrainingRun(version, run) {
  const registered = version.lineage.trainRun;
  if (!registered) return false;
  const origin = originOf(run);
  if ([registered.runId, registered.originRunId].some((id) => id !== void 0 && (id === run.runId || id === origin))) {
    return true;
  }
  const sameInputs = registered.commit !== null && registered.commit === (run.code?.commit ?? null) && registered.paramsHash !== void 0 && registered.paramsHash === run.paramsHash;
  const dataOf = (d) => d.map((x) => `${x.role}:${x.sha256}`).sort().join(",");
  return sameInputs && dataOf(version.lineage.data) === dataOf(run.data);
}
function jsonArray(text) {
  if (!text) return void 0;
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) && v.every((x) => typeof x === "string") ? v : void 0;
  } catch {
    return void 0;
  }
}

// src/core/registry/service.ts
function artifactStoreFor(platform, config, repoDir) {
  if (config.store === "local") {
    const dir = config.storeDir ?? process.env.MLOPS_ARTIFACT_DIR ?? ".mlops/artifacts";
    return { store: new DirectoryArtifactStore(isAbsolute(dir) ? dir : resolve(repoDir, dir)), kind: "local" };
  }
  const kind = platform.name === "github" ? "github-release" : platform.name === "gitlab" ? "gitlab-package" : "local";
  return { store: platform.artifacts, kind };
}
function runBranch(platform) {
  const ref = platform.context.ref;
  const branch = ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : "";
  return branch && branch !== "HEAD" ? branch : platform.context.defaultBranch;
}
function modelNameOf(config, inputs, given) {
  const name = given ?? config.model?.name ?? inputs.trainRun?.model.name;
  if (!name) {
    throw new MlopsError("Which model? No model name is configured.", {
      kind: "config",
      where: { file: "mlops.yaml", path: "model.name" },
      hint: "Set model.name in mlops.yaml."
    });
  }
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(name)) {
    throw new MlopsError(`Model name "${name}" cannot be used in registry paths and tags.`, {
      kind: "config",
      expected: 'lower-case letters, digits, ".", "_" and "-", starting with a letter or digit',
      found: name
    });
  }
  return name;
}
async function registerWithCard(input) {
  const { repoDir, platform, config, name, inputs } = input;
  const registry = config.registry;
  const template = await readCardTemplate(resolve(repoDir, registry.cardTemplate));
  const { store, kind } = artifactStoreFor(platform, registry, repoDir);
  let card;
  let markdown = "";
  const run = inputs.trainRun;
  const _ev = inputs.evaluation;
  const result = await registerModel({
    repoDir,
    name,
    modelFile: input.modelFile,
    store,
    storeKind: kind,
    config: registry,
    ...input.version ? { version: input.version } : {},
    ...input.bump ? { bump: input.bump } : {},
    ...run ? { trainRunId: run.runId, sameRun: (v) => sameTrainingRun(v, run) } : {},
    fallbackBranch: runBranch(platform),
    ...platform.context.actor ? { requestedBy: platform.context.actor } : {},
    log: platform.log,
    async build(ctx) {
      const dir = versionDir(name, ctx.version);
      const now = (/* @__PURE__ */ new Date()).toISOString();
      card = buildModelCard(
        {
          name,
          version: ctx.version,
          date: now.slice(0, 10),
          signature: ctx.signature,
          artifact: { sha256: ctx.artifact.sha256, size: ctx.artifact.size, uri: ctx.artifact.uri },
          versioning: ctx.versioning,
          stages: registry.stages,
          path: dir
        },
        inputs,
        template
      );
      markdown = renderCard(card, {
        registered: true,
        ...platform.context.runUrl ? { runUrl: platform.context.runUrl } : {}
      });
      const modelVersion = buildModelVersion({
        name,
        build: ctx,
        inputs,
        context: platform.context,
        registeredAt: now,
        hasReferenceProfile: Boolean(input.referenceProfile)
      });
      const files = {
        [`${dir}/model.json`]: `${JSON.stringify(modelVersion, null, 2)}
`,
        [`${dir}/card.md`]: `${markdown}
`,
        [`${dir}/card.json`]: `${JSON.stringify(card, null, 2)}
`
      };
      if (input.referenceProfile) files[`${dir}/reference-profile.json`] = input.referenceProfile;
      return { modelVersion, files };
    }
  });
  if (!card) {
    const dir = join(repoDir, versionDir(name, result.version.version));
    try {
      card = JSON.parse(await readFile3(join(dir, "card.json"), "utf8"));
      markdown = await readFile3(join(dir, "card.md"), "utf8");
    } catch {
      card = buildModelCard(
        {
          name,
          version: result.version.version,
          date: result.version.registeredAt.slice(0, 10),
          stages: registry.stages
        },
        inputs,
        template
      );
      markdown = renderCard(card, { registered: true });
    }
  }
  return { ...result, card, markdown };
}
async function candidateCard(repoDir, config, name, inputs, label, runUrl) {
  const template = await readCardTemplate(resolve(repoDir, config.registry.cardTemplate));
  const card = buildModelCard(
    {
      name,
      version: label,
      date: (/* @__PURE__ */ new Date()).toISOString().slice(0, 10),
      stages: config.registry.stages,
      ...inputs.trainRun?.artifact ? { artifact: { sha256: inputs.trainRun.artifact.sha256, size: inputs.trainRun.artifact.bytes ?? 0 } } : {}
    },
    inputs,
    template
  );
  return { card, markdown: renderCard(card, { registered: false, ...runUrl ? { runUrl } : {} }) };
}
function cardMarker(name) {
  return `model-card:${name}`;
}

export {
  renderCard,
  DEFAULT_CARD_TEMPLATE,
  isRaceRejection,
  artifactStoreFor,
  runBranch,
  modelNameOf,
  registerWithCard,
  candidateCard,
  cardMarker
};
//# sourceMappingURL=chunk-BV7X4BMN.js.map
