import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  fingerprintInput
} from "./chunk-SG4DEFAW.js";
import {
  displaySource
} from "./chunk-OAHJURSF.js";
import {
  EngineOutOfMemory,
  closeEngine,
  isNumericType,
  openDataset,
  quoteIdent,
  readHead,
  sqlString
} from "./chunk-CYF5FZX4.js";
import {
  barChart,
  code,
  codeBlock,
  commonInputs,
  defineAction,
  details,
  envelope,
  failOnInput,
  fmt,
  formatPath,
  heading,
  percent,
  require_dist,
  statusIcon,
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
  MlopsError,
  messageOf,
  usageError
} from "./chunk-FZ3ZHXNS.js";
import {
  __toESM
} from "./chunk-K5WE2JX7.js";

// src/actions/validate-data.ts
import { relative as relative2, resolve as resolve2 } from "node:path";

// src/core/validate/render.ts
var ORDER = { fail: 0, warn: 1, skip: 2, pass: 3 };
function where(check) {
  if (!check.rule) return "";
  return check.rule.line ? `${check.rule.file}:${check.rule.line}` : check.rule.file;
}
function samplesTable(check) {
  if (check.samples.length === 0) return "";
  const columns = [...new Set(check.samples.flatMap((s) => Object.keys(s.values)))];
  return table(
    ["row", ...columns],
    check.samples.map((s) => [s.row, ...columns.map((c) => s.values[c] === null ? "(missing)" : s.values[c])]),
    ["right", ...columns.map(() => "left")]
  );
}
function quantile(p, q) {
  return p.quantiles?.find((x) => Math.abs(x.q - q) < 1e-9)?.value;
}
function profileRow(p) {
  const numeric = p.mean !== void 0;
  const top = (p.topValues ?? []).slice(0, 3).map((v) => `${v.value} (${v.count})`).join(", ");
  return [
    code(p.name),
    p.type,
    `${fmt(p.nulls)} (${percent(p.nullShare)})`,
    fmt(p.distinct),
    numeric ? fmt(p.min) : "",
    numeric ? fmt(p.mean) : "",
    numeric ? fmt(p.std) : "",
    numeric ? `${fmt(quantile(p, 0.05))} / ${fmt(quantile(p, 0.5))} / ${fmt(quantile(p, 0.95))}` : "",
    numeric ? fmt(p.max) : "",
    numeric ? "" : top
  ];
}
function charts(report, limit) {
  const out = [];
  for (const p of report.columns) {
    if (out.length >= limit) break;
    if (p.histogram) {
      const labels = p.histogram.counts.map((_, k) => fmt(p.histogram.edges[k], 3));
      out.push(barChart(`${p.name} (bins from)`, labels, p.histogram.counts, "rows"));
    } else if (p.topValues && p.topValues.length > 1) {
      const top = p.topValues.slice(0, 8);
      out.push(
        barChart(
          p.name,
          top.map((v) => v.value),
          top.map((v) => v.count),
          "rows"
        )
      );
    }
  }
  return out.join("\n\n");
}
function checkLine(c) {
  return [
    `${statusIcon[c.status]} ${c.status}`,
    c.name,
    c.message,
    c.expected ?? "",
    c.found ?? "",
    where(c) ? code(where(c)) : ""
  ];
}
function markdown(report, target) {
  const out = [];
  const d = report.dataset;
  if (report.mode === "infer") {
    out.push(heading(2, `Data schema inferred: ${code(report.schema.file)}`));
    const verb = {
      created: "Written. Review it and commit it; validate-data will then check new data against it.",
      unchanged: "The committed schema already matches the data.",
      changed: "The data no longer matches the committed schema. The file was NOT overwritten; the diff below shows what re-inference would change (run with --update to write it).",
      updated: "The committed schema differed and was overwritten; the diff below shows the change."
    };
    out.push(
      `${d.rows.toLocaleString("en-US")} rows \xD7 ${d.columns} columns from ${code(d.source)}. ${verb[report.schema.status] ?? ""}`
    );
    if (report.schema.diff) out.push(codeBlock(report.schema.diff, "diff"));
  } else {
    const failed = report.checks.filter((c) => c.status === "fail");
    const warned = report.checks.filter((c) => c.status === "warn");
    const verdict = report.passed ? "\u2705 Data validation passed" : "\u274C Data validation failed";
    out.push(heading(2, `${verdict}: ${code(d.name)}`));
    out.push(
      `${d.rows.toLocaleString("en-US")} rows \xD7 ${d.columns} columns from ${code(d.source)}, checked against ${code(report.schema.file)}: ${report.summary.checks} checks, ${failed.length} failed, ${warned.length} warning(s) (fail-on: ${report.failOn}).`
    );
    const problems = [...failed, ...warned];
    if (problems.length > 0) {
      out.push(heading(3, "Failed checks"));
      out.push(table(["status", "check", "what", "expected", "found", "rule"], problems.map(checkLine)));
      const withSamples = problems.filter((c) => c.samples.length > 0);
      for (const c of withSamples.slice(0, target === "comment" ? 10 : 50)) {
        out.push(
          details(
            `Sample rows: ${c.name} (${c.failingRows ?? c.samples.length} failing)`,
            samplesTable(c),
            target === "cli"
          )
        );
      }
    }
    const passed = report.checks.filter((c) => c.status === "pass" || c.status === "skip");
    passed.sort((a, b) => ORDER[a.status] - ORDER[b.status]);
    if (passed.length > 0 && target !== "cli") {
      out.push(
        details(
          `${passed.length} passed checks`,
          table(["status", "check", "what", "expected", "found", "rule"], passed.map(checkLine))
        )
      );
    }
    if (report.skew) {
      const rows = report.skew.columns.map((c) => [
        c.flagged ? "\u26A0\uFE0F" : "\u2705",
        code(c.column),
        c.metric,
        fmt(c.distance, 3),
        fmt(c.threshold),
        `${percent(c.referenceNullShare)} \u2192 ${percent(c.currentNullShare)}`,
        c.reasons.join("; ")
      ]);
      out.push(heading(3, `Skew against ${code(report.skew.reference)}`));
      out.push(table(["", "column", "metric", "distance", "threshold", "nulls", "why"], rows));
    }
  }
  out.push(heading(3, "Column profile"));
  out.push(
    table(
      ["column", "type", "missing", "distinct", "min", "mean", "std", "p5 / p50 / p95", "max", "top values"],
      report.columns.map(profileRow),
      ["left", "left", "right", "right", "right", "right", "right", "right", "right", "left"]
    )
  );
  out.push(
    report.columns.some((c) => c.approximate) ? "std: sample standard deviation (ddof = 1). Large data (above validate.exactStatisticsMaxRows): quantiles read from a 2,000-bin histogram (off by at most (max \u2212 min) / 2000), distinct counts of numbers not computed (\u2014), of text estimated unless it has at most 10,000 values." : "std: sample standard deviation (ddof = 1); quantiles by linear interpolation (exact)."
  );
  if (target !== "cli") {
    const chartText = charts(report, target === "comment" ? 4 : 16);
    if (chartText) out.push(details("Distributions", chartText));
  }
  return out.join("\n\n");
}
function checks(report) {
  return report.checks.map((c) => ({
    suite: c.suite,
    name: c.name,
    status: c.status,
    message: c.message,
    details: [
      c.expected && `expected: ${c.expected}`,
      c.found && `found: ${c.found}`,
      ...c.samples.map((s) => `row ${s.row}: ${JSON.stringify(s.values)}`)
    ].filter(Boolean).join("\n") || void 0,
    file: c.rule?.file,
    line: c.rule?.line
  }));
}
var validationRenderer = {
  kind: "ValidationReport",
  title: "Data validation",
  markdown,
  checks
};

// src/core/validate/run.ts
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";

// src/core/validate/profile.ts
var QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];
var TOP_VALUES = 10;
function num(value) {
  return typeof value === "bigint" ? Number(value) : Number(value ?? 0);
}
function numOrNull(value) {
  if (value === null || value === void 0) return null;
  const n = num(value);
  return Number.isFinite(n) ? n : null;
}
function textAs(raw, type) {
  switch (type) {
    case "integer":
      return `CAST(TRY_CAST(CASE WHEN NOT contains(${raw}, '.') THEN ${raw} END AS BIGINT) AS DOUBLE)`;
    case "number":
      return `TRY_CAST(${raw} AS DOUBLE)`;
    case "boolean":
      return `TRY_CAST(${raw} AS BOOLEAN)`;
    case "date":
      return `TRY_CAST(${raw} AS DATE)`;
    case "timestamp":
      return `TRY_CAST(${raw} AS TIMESTAMP)`;
    default:
      return raw;
  }
}
function typedColumn(dataset, name, type) {
  const info = dataset.columns.find((c) => c.name === name);
  const q = quoteIdent(name);
  const raw = info.engineType === "VARCHAR" ? q : `CAST(${q} AS VARCHAR)`;
  const native = info.type === type || type === "number" && info.type === "integer";
  let typed;
  if (native) typed = isNumericType(info.type) ? `CAST(${q} AS DOUBLE)` : q;
  else if (type === "integer" && info.type === "number")
    typed = `(CASE WHEN ${q} = trunc(${q}) THEN CAST(${q} AS DOUBLE) END)`;
  else typed = textAs(raw, type);
  const violation = native ? "false" : `(${q} IS NOT NULL AND ${typed} IS NULL)`;
  return { name, type, engineType: info.engineType, raw, typed, violation, present: q };
}
async function inferTypes(dataset) {
  const types = {};
  const text = dataset.columns.filter((c) => c.engineType === "VARCHAR");
  for (const c of dataset.columns) if (c.engineType !== "VARCHAR") types[c.name] = c.type;
  if (text.length === 0) return types;
  const parts = [];
  text.forEach((c, i) => {
    const v = quoteIdent(c.name);
    parts.push(
      `count(${v}) AS n${i}`,
      `count(*) FILTER (WHERE lower(trim(${v})) IN ('true', 'false')) AS b${i}`,
      `count(*) FILTER (WHERE regexp_full_match(trim(${v}), '[+-]?[0-9]+')) AS i${i}`,
      `count(*) FILTER (WHERE isfinite(TRY_CAST(${v} AS DOUBLE))) AS f${i}`,
      `count(*) FILTER (WHERE regexp_full_match(trim(${v}), '[0-9]{4}-[0-9]{2}-[0-9]{2}') AND TRY_CAST(${v} AS DATE) IS NOT NULL) AS d${i}`,
      `count(*) FILTER (WHERE regexp_full_match(trim(${v}), '[0-9]{4}-[0-9]{2}-[0-9]{2}[ T].+') AND TRY_CAST(${v} AS TIMESTAMP) IS NOT NULL) AS t${i}`
    );
  });
  const [row] = await dataset.query(`SELECT ${parts.join(", ")} FROM ${dataset.relation}`);
  text.forEach((c, i) => {
    const n = num(row?.[`n${i}`]);
    const all = (k) => n > 0 && num(row?.[`${k}${i}`]) === n;
    types[c.name] = all("b") ? "boolean" : all("i") ? "integer" : all("f") ? "number" : all("d") ? "date" : all("t") ? "timestamp" : "string";
  });
  return types;
}
var FINE_BINS = 2e3;
var MAX_COUNTED_DISTINCT = 1e4;
async function profileColumns(dataset, columns, relation = dataset.relation, extra = [], exact = true, exactDistinct = /* @__PURE__ */ new Set()) {
  const projected = columns.map((c, i) => ({
    ...c,
    typed: `__t${i}`,
    raw: `__r${i}`,
    present: `__p${i}`
  }));
  const projection = columns.map((c, i) => {
    const textual = !isNumericType(c.type);
    return [
      `${c.typed} AS __t${i}`,
      `${c.present ?? c.raw} AS __p${i}`,
      ...textual ? [`${c.raw} AS __r${i}`] : []
    ].join(", ");
  }).join(", ");
  const source = `(SELECT *${projection ? `, ${projection}` : ""} FROM ${relation})`;
  const sql = (finite, shifts2 = []) => {
    const parts = ["count(*) AS rows", ...extra];
    projected.forEach((c, i) => {
      const precise = exact || exactDistinct.has(c.name);
      const distinct = (e) => precise ? `count(DISTINCT ${e})` : `approx_count_distinct(${e})`;
      parts.push(`count(${c.present}) AS nonnull${i}`, `count(${c.typed}) AS valid${i}`);
      if (isNumericType(c.type)) {
        if (precise) parts.push(`count(DISTINCT ${c.typed}) AS distinct${i}`);
        const shift = shifts2[i] ?? 0;
        const moment = finite ? `CASE WHEN isfinite(${c.typed}) THEN ${c.typed} END` : c.typed;
        const scaled = shift === 0 ? moment : `${moment} * ${2 ** -shift}`;
        parts.push(
          `min(${c.typed}) AS min${i}`,
          `max(${c.typed}) AS max${i}`,
          `avg(${scaled}) AS mean${i}`,
          `stddev_samp(${scaled}) AS std${i}`
        );
        if (exact) parts.push(`quantile_cont(${c.typed}, [${QUANTILES.join(", ")}]) AS q${i}`);
      } else {
        parts.push(
          `${distinct(c.raw)} AS distinct${i}`,
          `min(length(${c.raw})) AS minlen${i}`,
          `max(length(${c.raw})) AS maxlen${i}`
        );
      }
    });
    return `SELECT ${parts.join(", ")} FROM ${source}`;
  };
  let shifts = [];
  let row;
  try {
    [row = {}] = await dataset.query(sql(false));
  } catch (error) {
    if (!/STDDEV_SAMP is out of range/i.test(messageOf(error))) throw error;
    shifts = await stdShifts(dataset, source, projected);
    [row = {}] = await dataset.query(sql(true, shifts));
  }
  const rows = num(row.rows);
  const profiles = columns.map((c, i) => {
    const count = num(row[`nonnull${i}`]);
    const base = {
      name: c.name,
      type: c.type,
      engineType: c.engineType,
      count,
      nulls: rows - count,
      nullShare: rows > 0 ? (rows - count) / rows : 0,
      distinct: row[`distinct${i}`] === void 0 ? null : num(row[`distinct${i}`])
    };
    if (!exact) base.approximate = true;
    if (isNumericType(c.type)) {
      const q = row[`q${i}`] ?? [];
      return {
        ...base,
        min: numOrNull(row[`min${i}`]),
        max: numOrNull(row[`max${i}`]),
        mean: unscaled(row[`mean${i}`], shifts[i]),
        std: unscaled(row[`std${i}`], shifts[i]),
        quantiles: QUANTILES.map((p, k) => ({ q: p, value: exact ? numOrNull(q[k]) : null }))
      };
    }
    return { ...base, minLength: numOrNull(row[`minlen${i}`]), maxLength: numOrNull(row[`maxlen${i}`]) };
  });
  return { rows, columns: profiles, row };
}
function unscaled(value, shift = 0) {
  return numOrNull(num(value ?? Number.NaN) * 2 ** shift);
}
async function stdShifts(dataset, source, columns) {
  const numeric = columns.map((c, i) => ({ c, i })).filter(({ c }) => isNumericType(c.type));
  if (numeric.length === 0) return [];
  const [row = {}] = await dataset.query(
    `SELECT ${numeric.map(({ c, i }) => `max(abs(${c.typed})) FILTER (WHERE isfinite(${c.typed})) AS m${i}`).join(", ")} FROM ${source}`
  );
  const shifts = [];
  for (const { i } of numeric) {
    const largest = numOrNull(row[`m${i}`]) ?? 0;
    shifts[i] = largest > 2 ** 480 ? Math.ceil(Math.log2(largest)) - 480 : 0;
  }
  return shifts;
}
function quantileFromBins(counts, bins, q) {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * (total - 1);
  let before = 0;
  for (let k = 0; k < counts.length; k++) {
    const n = counts[k];
    if (n > 0 && rank < before + n) {
      const within = n === 1 ? 0.5 : (rank - before) / (n - 1);
      return Math.min(bins.max, Math.max(bins.min, binEdge(bins, k + within)));
    }
    before += n;
  }
  return bins.max;
}
function binsOver(min, max) {
  const halved = !Number.isFinite(max - min);
  const span = halved ? max / 2 - min / 2 : max - min;
  return { min, max, width: max > min ? span / FINE_BINS : 1, halved };
}
function binSql(value, bins) {
  return bins.halved ? `floor((${value} / 2 - ${bins.min / 2}) / ${bins.width})::INTEGER` : `floor((${value} - ${bins.min}) / ${bins.width})::INTEGER`;
}
function binEdge(bins, position) {
  if (!bins.halved) return bins.min + position * bins.width;
  const t = position / FINE_BINS;
  return bins.min * (1 - t) + bins.max * t;
}
function groupingSql(relation, sets, valueSets, chosen) {
  const alias = (g, l) => `g${g}_${l}`;
  const values = chosen.filter((g) => g < valueSets);
  const keySets = chosen.filter((g) => g >= valueSets);
  const which = `CASE ${chosen.map((g) => `WHEN grouping(${alias(g, 0)}) = 0 THEN ${g}`).join(" ")} END`;
  const having = keySets.length ? ` HAVING ${keySets.map((g) => {
    const set = sets[g].map((_, l) => alias(g, l));
    return `(grouping(${set[0]}) = 1 OR (count(*) > 1 AND ${set.map((a) => `${a} IS NOT NULL`).join(" AND ")}))`;
  }).join(" AND ")}` : "";
  const key = values.length ? `coalesce(${values.map((g) => `CAST(${alias(g, 0)} AS VARCHAR)`).join(", ")})` : "NULL";
  const inner = `SELECT ${which} AS which, ${key} AS k, count(*) AS n FROM (SELECT ${chosen.flatMap((g) => sets[g].map((e, l) => `${e} AS ${alias(g, l)}`)).join(", ")} FROM ${relation}) GROUP BY GROUPING SETS (${chosen.map((g) => `(${sets[g].map((_, l) => alias(g, l)).join(", ")})`).join(", ")})${having}`;
  if (keySets.length === 0) return inner;
  return `SELECT which, k, sum(n) AS n, count(*) AS groups FROM (${inner}) GROUP BY ALL`;
}
async function groupedInParts(dataset, relation, sets, valueSets, chosen) {
  try {
    return await dataset.query(groupingSql(relation, sets, valueSets, chosen));
  } catch (error) {
    if (!(error instanceof EngineOutOfMemory) || chosen.length < 2) throw error;
    const half = Math.ceil(chosen.length / 2);
    const first = await groupedInParts(dataset, relation, sets, valueSets, chosen.slice(0, half));
    return [...first, ...await groupedInParts(dataset, relation, sets, valueSets, chosen.slice(half))];
  }
}
async function addDistributions(dataset, columns, profiles, relation = dataset.relation) {
  return (await addDistributionsAndDuplicates(dataset, columns, profiles, [], relation)).counts;
}
async function addDistributionsAndDuplicates(dataset, columns, profiles, keySets, relation = dataset.relation) {
  const all = {};
  const keys = [];
  const plans = [];
  columns.forEach((c, i) => {
    const p = profiles[i];
    if (p.count === 0) return;
    if (isNumericType(c.type)) {
      if (p.min === null || p.max === null || p.min === void 0 || p.max === void 0) return;
      const bins = binsOver(p.min, p.max);
      keys.push(binSql(c.typed, bins));
      plans.push({ index: i, bins });
    } else if (p.distinct !== null && p.distinct <= MAX_COUNTED_DISTINCT) {
      keys.push(c.raw);
      plans.push({ index: i });
    }
  });
  const duplicates = keySets.map(() => ({ rows: 0, groups: 0 }));
  if (keys.length === 0 && keySets.length === 0) return { counts: all, duplicates };
  const sets = [...keys.map((k) => [k]), ...keySets];
  const result = await groupedInParts(dataset, relation, sets, keys.length, [...sets.keys()]);
  const grouped = plans.map(() => []);
  for (const r of result) {
    const k = num(r.which);
    if (k >= keys.length) {
      duplicates[k - keys.length] = { rows: num(r.n), groups: num(r.groups) };
      continue;
    }
    const key = r.k;
    if (key === null || key === void 0) continue;
    grouped[k].push({ key: String(key), count: num(r.n) });
  }
  plans.forEach((plan, k) => {
    const profile = profiles[plan.index];
    if (plan.bins) {
      const bins = plan.bins;
      const fine = new Array(FINE_BINS).fill(0);
      for (const g of grouped[k]) fine[Math.max(0, Math.min(FINE_BINS - 1, Number(g.key)))] += g.count;
      const chartBins = 10;
      const per = FINE_BINS / chartBins;
      const counts = Array.from(
        { length: chartBins },
        (_, b) => fine.slice(b * per, (b + 1) * per).reduce((x, y) => x + y, 0)
      );
      const edges = Array.from({ length: chartBins + 1 }, (_, b) => binEdge(bins, b * per));
      profile.histogram = { edges, counts };
      if (profile.approximate && profile.quantiles) {
        profile.quantiles = profile.quantiles.map((q) => ({
          q: q.q,
          value: quantileFromBins(fine, bins, q.q)
        }));
      }
    } else {
      const counts = grouped[k].map((g) => ({ value: g.key, count: g.count })).sort(
        (a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)
      );
      all[profile.name] = counts;
      profile.topValues = counts.slice(0, TOP_VALUES);
      profile.distinct = counts.length;
    }
  });
  return { counts: all, duplicates };
}

// src/core/validate/check.ts
var share = (n, d) => d > 0 ? n / d : 0;
var pct = (x) => `${Number((x * 100).toPrecision(3))}%`;
var viewCounter = 0;
async function checkDataset(dataset, loaded, options) {
  const { schema, file } = loaded;
  const rule = (path) => ({ file, line: loaded.lineOf(path), path: path.join(".") });
  const pending = [];
  const add = (check, predicate, sampleColumns = []) => {
    const { failed, ...rest } = check;
    const status = !failed ? "pass" : rest.severity === "error" ? "fail" : "warn";
    pending.push({ check: { ...rest, status, samples: [] }, predicate, sampleColumns });
  };
  const present = new Set(dataset.columns.map((c) => c.name));
  const context = [...schema.keys, ...options.label ? [options.label] : []].filter((c) => present.has(c));
  for (const name of Object.keys(schema.columns)) {
    if (!present.has(name)) {
      add({
        id: `column-present:${name}`,
        suite: "schema",
        name: `column ${name} is present`,
        column: name,
        severity: "error",
        failed: true,
        message: `Column "${name}" is missing from the data.`,
        expected: `a column named "${name}"`,
        found: `columns: ${[...present].join(", ")}`,
        rule: rule(["columns", name])
      });
    }
  }
  const extra = [...present].filter((c) => !(c in schema.columns));
  add({
    id: "columns-known",
    suite: "schema",
    name: "no columns outside the schema",
    severity: schema.strictColumns ? "error" : "warning",
    failed: extra.length > 0,
    message: extra.length > 0 ? `Column(s) not in the schema: ${extra.join(", ")}.` : "Every column is in the schema.",
    expected: "only the columns listed in the schema",
    found: extra.length > 0 ? extra.join(", ") : void 0,
    rule: rule(["columns"])
  });
  const checked = Object.entries(schema.columns).filter(([name]) => present.has(name));
  const base = checked.map(([name, col]) => typedColumn(dataset, name, col.type));
  viewCounter += 1;
  const view = `${dataset.relation}_typed_${viewCounter}`;
  const rawName = (i) => `__raw_${i}`;
  const rawOf = (c) => c.violation === "false" && isNumeric(c.type) ? c.present : c.raw;
  const selects = [
    ...base.map((c, i) => `${c.typed} AS ${quoteIdent(c.name)}, ${rawOf(c)} AS ${quoteIdent(rawName(i))}`),
    ...extra.map((c) => quoteIdent(c))
  ];
  await dataset.query(
    `CREATE OR REPLACE TEMP VIEW ${view} AS SELECT ${selects.join(", ") || "1 AS __none"} FROM ${dataset.relation}`
  );
  const typed = base.map((c, i) => {
    const r = quoteIdent(rawName(i));
    const t = quoteIdent(c.name);
    return {
      ...c,
      raw: r,
      typed: t,
      present: r,
      violation: c.violation === "false" ? "false" : `(${r} IS NOT NULL AND ${t} IS NULL)`
    };
  });
  const extraAggregates = [];
  const predicates = {};
  typed.forEach((c, i) => {
    const col = schema.columns[c.name];
    predicates[`type${i}`] = c.violation;
    if (col.min !== void 0 || col.max !== void 0) {
      const parts = [];
      if (col.min !== void 0) parts.push(`${c.typed} < ${col.min}`);
      if (col.max !== void 0) parts.push(`${c.typed} > ${col.max}`);
      predicates[`range${i}`] = `(${parts.join(" OR ")})`;
    }
    if (col.categories) {
      predicates[`cat${i}`] = unseenCategory(c, col.categories);
    }
    predicates[`null${i}`] = `(${c.raw} IS NULL)`;
  });
  const sqlChecks = options.config.checks;
  sqlChecks.forEach((s, k) => {
    predicates[`sql${k}`] = `(NOT coalesce((${s.sql}), true))`;
  });
  await assertSqlChecksRun(dataset, view, sqlChecks, predicates, options);
  for (const [alias, predicate] of Object.entries(predicates)) {
    if (predicate !== "false" && !/^(null|type|range|cat)\d/.test(alias)) {
      extraAggregates.push(`count(*) FILTER (WHERE ${predicate}) AS ${alias}`);
    }
  }
  const exact = options.exact ?? true;
  const profile = await profileColumns(dataset, typed, view, extraAggregates, exact);
  const row = profile.row;
  typed.forEach((c, i) => {
    const nonnull = num(row[`nonnull${i}`]);
    row[`null${i}`] = profile.rows - nonnull;
    row[`type${i}`] = c.violation === "false" ? 0 : nonnull - num(row[`valid${i}`]);
  });
  const rows = profile.rows;
  const keySets = [];
  for (const c of typed)
    if (schema.columns[c.name].unique)
      keySets.push({ cols: [c.name], path: ["columns", c.name, "unique"], id: `unique:${c.name}` });
  const keyCols = schema.keys.filter((k) => present.has(k) && k in schema.columns);
  if (keyCols.length > 0 && !(keyCols.length === 1 && schema.columns[keyCols[0]].unique)) {
    keySets.push({ cols: keyCols, path: ["keys"], id: `keys:${keyCols.join(",")}` });
  }
  const { counts, duplicates } = await addDistributionsAndDuplicates(
    dataset,
    typed,
    profile.columns,
    keySets.map((set) => set.cols.map(quoteIdent)),
    view
  );
  const recount = countedFromProfile(typed, schema, profile.columns, counts, row);
  if (recount.length > 0) {
    const [again = {}] = await dataset.query(
      `SELECT ${recount.map((alias) => `count(*) FILTER (WHERE ${predicates[alias]}) AS ${alias}`).join(", ")} FROM ${view}`
    );
    for (const alias of recount) row[alias] = again[alias];
  }
  add({
    id: "row-count",
    suite: "dataset",
    name: "row count within range",
    severity: "error",
    failed: schema.rows.min !== void 0 && rows < schema.rows.min || schema.rows.max !== void 0 && rows > schema.rows.max,
    message: `${rows} rows.`,
    expected: `${schema.rows.min ?? 0} to ${schema.rows.max ?? "\u221E"} rows`,
    found: String(rows),
    rule: rule(["rows"])
  });
  typed.forEach((c, i) => {
    const col = schema.columns[c.name];
    const path = ["columns", c.name];
    const sample = [c.name, ...context.filter((x) => x !== c.name)];
    const bad = num(row[`type${i}`]);
    add(
      {
        id: `type:${c.name}`,
        suite: "column",
        name: `${c.name} is ${col.type}`,
        column: c.name,
        severity: "error",
        failed: bad > 0,
        message: bad > 0 ? `${bad} value(s) of "${c.name}" are not ${col.type}.` : `Every value is ${col.type}.`,
        expected: col.type,
        found: bad > 0 ? `${bad} non-${col.type} value(s)` : void 0,
        failingRows: bad,
        failingShare: share(bad, rows),
        rule: rule([...path, "type"])
      },
      c.violation,
      sample
    );
    const nulls = num(row[`null${i}`]);
    const nullShare = share(nulls, rows);
    add(
      {
        id: `nulls:${c.name}`,
        suite: "column",
        name: `${c.name} null share \u2264 ${pct(col.maxNullShare)}`,
        column: c.name,
        severity: "error",
        failed: nullShare > col.maxNullShare + 1e-12,
        message: `${nulls} missing value(s) (${pct(nullShare)}).`,
        expected: `at most ${pct(col.maxNullShare)} missing`,
        found: pct(nullShare),
        failingRows: nulls,
        failingShare: nullShare,
        rule: rule([...path, "maxNullShare"])
      },
      predicates[`null${i}`],
      sample
    );
    if (predicates[`range${i}`]) {
      const out = num(row[`range${i}`]);
      const p = profile.columns[i];
      add(
        {
          id: `range:${c.name}`,
          suite: "column",
          name: `${c.name} within [${col.min ?? "\u2212\u221E"}, ${col.max ?? "\u221E"}]`,
          column: c.name,
          severity: "error",
          failed: out > 0,
          message: out > 0 ? `${out} value(s) out of range (seen ${p.min} to ${p.max}).` : "Every value is in range.",
          expected: `${col.min ?? "\u2212\u221E"} \u2264 ${c.name} \u2264 ${col.max ?? "\u221E"}`,
          found: out > 0 ? `min ${p.min}, max ${p.max}` : void 0,
          failingRows: out,
          failingShare: share(out, rows),
          rule: rule([
            ...path,
            col.min !== void 0 && p.min !== null && p.min !== void 0 && p.min < col.min ? "min" : "max"
          ])
        },
        predicates[`range${i}`],
        sample
      );
    }
    if (predicates[`cat${i}`]) {
      const out = num(row[`cat${i}`]);
      const known = new Set(col.categories);
      const unseen = (counts[c.name] ?? []).filter((v) => !known.has(v.value)).map((v) => v.value);
      add(
        {
          id: `categories:${c.name}`,
          suite: "column",
          name: `${c.name} has only known categories`,
          column: c.name,
          severity: "error",
          failed: out > 0,
          message: out > 0 ? `${out} value(s) are not among the ${known.size} known categories.` : "Every value is a known category.",
          expected: `one of ${[...known].slice(0, 10).join(", ")}${known.size > 10 ? ", \u2026" : ""}`,
          found: out > 0 ? unseen.length > 0 ? unseen.slice(0, 10).join(", ") : "values outside the domain" : void 0,
          failingRows: out,
          failingShare: share(out, rows),
          rule: rule([...path, "categories"])
        },
        predicates[`cat${i}`],
        sample
      );
    }
  });
  keySets.forEach((set, j) => {
    const cols = set.cols.map(quoteIdent).join(", ");
    const notNull = set.cols.map((c) => `${quoteIdent(c)} IS NOT NULL`).join(" AND ");
    const dup = duplicates[j];
    const dupRows = dup.rows;
    add(
      {
        id: set.id,
        suite: "dataset",
        name: `${set.cols.join(" + ")} ${set.cols.length > 1 ? "are" : "is"} unique`,
        column: set.cols.length === 1 ? set.cols[0] : void 0,
        severity: "error",
        failed: dupRows > 0,
        message: dupRows > 0 ? `${dupRows} rows share ${dup.groups} duplicated value(s).` : "No duplicates.",
        expected: "no duplicated values",
        found: dupRows > 0 ? `${dupRows} rows in ${dup.groups} duplicate group(s)` : void 0,
        failingRows: dupRows,
        failingShare: share(dupRows, rows),
        rule: rule(set.path)
      },
      `((${cols}) IN (SELECT (${cols}) FROM ${view} WHERE ${notNull} GROUP BY ${cols} HAVING count(*) > 1))`,
      [...set.cols, ...context.filter((x) => !set.cols.includes(x))]
    );
  });
  sqlChecks.forEach((s, k) => {
    const out = num(row[`sql${k}`]);
    const failingShare = share(out, rows);
    add(
      {
        id: `sql:${s.name}`,
        suite: "sql",
        name: s.name,
        severity: s.severity,
        failed: failingShare > s.maxFailingShare,
        message: `${out} row(s) (${pct(failingShare)}) break \`${s.sql}\`.`,
        expected: `at most ${pct(s.maxFailingShare)} of rows break it`,
        found: pct(failingShare),
        failingRows: out,
        failingShare,
        rule: {
          file: options.mlopsFile ?? "mlops.yaml",
          line: options.mlops?.lineOf(["validate", "checks", k]),
          path: `validate.checks[${k}]`
        }
      },
      predicates[`sql${k}`],
      [...sqlColumns(s.sql, [...present]), ...context]
    );
  });
  await countNumericLabel(dataset, view, typed, options, counts);
  labelChecks(options, present, rows, counts, row, typed, add);
  const failedOverall = new Set(pending.filter((p) => p.check.status !== "pass").map((p) => p.check.id));
  await sliceChecks(dataset, view, typed, loaded, options, add, failedOverall);
  await attachSamples(dataset, view, typed, pending);
  return { checks: pending.map((p) => p.check), profile, counts, typed };
}
function sqlColumns(sql, columns) {
  return columns.filter((c) => new RegExp(`(^|[^\\w"])"?${c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"?([^\\w"]|$)`).test(sql)).slice(0, 6);
}
async function countNumericLabel(dataset, view, typed, options, counts) {
  const label = options.label;
  const { minClassShare, maxClassShare } = options.config.label;
  if (!label || counts[label] || minClassShare === void 0 && maxClassShare === void 0) return;
  const column = typed.find((c) => c.name === label);
  if (!column) return;
  const found = await dataset.query(
    `SELECT ${column.raw} AS v, count(*) AS n FROM ${view} WHERE ${column.typed} IS NOT NULL GROUP BY 1 ORDER BY n DESC, v LIMIT ${MAX_COUNTED_DISTINCT}`
  );
  counts[label] = found.map((r) => ({ value: String(r.v), count: num(r.n) }));
}
function labelChecks(options, present, rows, counts, row, typed, add) {
  const label = options.label;
  if (!label) return;
  const severity = options.config.label.severity;
  const labelRule = {
    file: options.mlopsFile ?? "mlops.yaml",
    line: options.mlops?.lineOf(["model", "label"]),
    path: "model.label"
  };
  const index = typed.findIndex((c) => c.name === label);
  const nulls = index >= 0 ? num(row[`null${index}`]) : 0;
  add(
    {
      id: "label-present",
      suite: "label",
      name: `label ${label} present in every row`,
      column: label,
      severity,
      failed: !present.has(label) || nulls > 0,
      message: !present.has(label) ? `The label column "${label}" is missing.` : nulls > 0 ? `${nulls} row(s) have no label.` : "Every row has a label.",
      expected: `a value of "${label}" in every row`,
      found: !present.has(label) ? "no such column" : nulls > 0 ? `${nulls} missing` : void 0,
      failingRows: nulls,
      failingShare: share(nulls, rows),
      rule: labelRule
    },
    index >= 0 ? `(${typed[index].raw} IS NULL)` : void 0,
    [label]
  );
  const { minClassShare, maxClassShare } = options.config.label;
  const classes = counts[label];
  if (!classes || minClassShare === void 0 && maxClassShare === void 0) return;
  const labelled = classes.reduce((n, c) => n + c.count, 0);
  const offenders = classes.filter((c) => {
    const s = share(c.count, labelled);
    return minClassShare !== void 0 && s < minClassShare || maxClassShare !== void 0 && s > maxClassShare;
  });
  add({
    id: "label-balance",
    suite: "label",
    name: `class balance of ${label}`,
    column: label,
    severity,
    failed: offenders.length > 0,
    message: classes.map((c) => `${c.value} ${pct(share(c.count, labelled))}`).join(", "),
    expected: `every class between ${pct(minClassShare ?? 0)} and ${pct(maxClassShare ?? 1)} of rows`,
    found: offenders.length > 0 ? offenders.map((c) => `${c.value}: ${pct(share(c.count, labelled))}`).join(", ") : void 0,
    rule: {
      file: options.mlopsFile ?? "mlops.yaml",
      line: options.mlops?.lineOf(["validate", "label"]),
      path: "validate.label"
    }
  });
}
async function sliceChecks(dataset, view, typed, loaded, options, add, failedOverall) {
  const segments = (options.config.slices.columns ?? options.segments).filter((s) => typed.some((c) => c.name === s));
  if (segments.length === 0) return;
  const minRows = options.config.slices.minRows;
  const aggregates = ["count(*) AS n"];
  typed.forEach((c, i) => {
    const col = loaded.schema.columns[c.name];
    aggregates.push(`count(*) FILTER (WHERE ${c.raw} IS NULL) AS null${i}`);
    const bad = [c.violation];
    if (col.min !== void 0) bad.push(`${c.typed} < ${col.min}`);
    if (col.max !== void 0) bad.push(`${c.typed} > ${col.max}`);
    if (col.categories) bad.push(unseenCategory(c, col.categories));
    aggregates.push(`count(*) FILTER (WHERE ${bad.join(" OR ")}) AS bad${i}`);
  });
  const keyOf = segments.map((s, k) => `CASE WHEN grouping(${quoteIdent(s)}) = 0 THEN ${k} END`);
  const sql = `SELECT coalesce(${keyOf.join(", ")}) AS seg, ${segments.map((s) => `CAST(${quoteIdent(s)} AS VARCHAR) AS ${quoteIdent(`v_${s}`)}`).join(
    ", "
  )}, ${aggregates.join(", ")} FROM ${view} GROUP BY GROUPING SETS (${segments.map((s) => `(${quoteIdent(s)})`).join(", ")}) ORDER BY seg, n DESC`;
  const result = await dataset.query(sql);
  const small = {};
  for (const r of result) {
    const segment = segments[num(r.seg)];
    const value = r[`v_${segment}`] === null ? "(missing)" : String(r[`v_${segment}`]);
    const n = num(r.n);
    if (n < minRows) {
      small[segment] = [...small[segment] ?? [], `${value} (${n})`];
      continue;
    }
    const problems = [];
    let firstRule;
    typed.forEach((c, i) => {
      if (c.name === segment) return;
      const col = loaded.schema.columns[c.name];
      const nulls = num(r[`null${i}`]);
      const limit = n * col.maxNullShare + 3 * Math.sqrt(n * col.maxNullShare * (1 - col.maxNullShare));
      if (nulls > limit + 1e-9 && !failedOverall.has(`nulls:${c.name}`)) {
        firstRule ??= ["columns", c.name, "maxNullShare"];
        problems.push(
          `${c.name}: ${pct(share(nulls, n))} missing (allowed ${pct(col.maxNullShare)}, at most ${Math.floor(limit + 1e-9)} of ${n} rows)`
        );
      }
      const bad = num(r[`bad${i}`]);
      const ruleFailed = ["type", "range", "categories"].some((k) => failedOverall.has(`${k}:${c.name}`));
      if (bad > 0 && !ruleFailed) {
        firstRule ??= ["columns", c.name];
        problems.push(`${c.name}: ${bad} value(s) break type/range/category rules`);
      }
    });
    add(
      {
        id: `slice:${segment}=${value}`,
        suite: "slice",
        name: `slice ${segment} = ${value}`,
        slice: { column: segment, value },
        severity: "error",
        failed: problems.length > 0,
        message: problems.length > 0 ? problems.join("; ") : `${n} rows: no rule fails here that does not fail overall.`,
        expected: "the column rules hold within the slice",
        found: problems.length > 0 ? problems.join("; ") : void 0,
        rule: {
          file: loaded.file,
          line: loaded.lineOf(firstRule ?? ["columns"]),
          path: (firstRule ?? ["columns"]).join(".")
        }
      },
      void 0
    );
  }
  for (const [segment, values] of Object.entries(small)) {
    smallSlices(add, segment, values, minRows, options);
  }
}
function smallSlices(add, segment, values, minRows, options) {
  add({
    id: `slice-small:${segment}`,
    suite: "slice",
    name: `slices of ${segment} below ${minRows} rows`,
    severity: "warning",
    failed: false,
    message: `Not checked (fewer than ${minRows} rows): ${values.join(", ")}.`,
    rule: {
      file: options.mlopsFile ?? "mlops.yaml",
      line: options.mlops?.lineOf(["validate", "slices"]),
      path: "validate.slices.minRows"
    }
  });
}
async function attachSamples(dataset, view, typed, pending) {
  const failing = pending.filter((p) => p.check.status !== "pass" && p.predicate && p.predicate !== "false");
  if (failing.length === 0) return;
  const numbered = `(SELECT row_number() OVER () AS __row, * FROM ${view})`;
  const firsts = failing.map((p, k) => `min(__row, 5) FILTER (WHERE ${p.predicate}) AS s${k}`);
  const [found] = await dataset.query(`SELECT ${firsts.join(", ")} FROM ${numbered}`);
  const wanted = /* @__PURE__ */ new Set();
  const perCheck = failing.map((_, k) => (found?.[`s${k}`] ?? []).map(num).sort((a, b) => a - b));
  for (const list of perCheck) for (const r of list) wanted.add(r);
  if (wanted.size === 0) return;
  const rawOf = new Map(typed.map((c) => [c.name, asText(c.raw)]));
  const columns = [...new Set(failing.flatMap((p) => p.sampleColumns))].filter((c) => rawOf.has(c));
  const select = columns.map((c) => `${rawOf.get(c)} AS ${quoteIdent(c)}`).join(", ");
  const rows = await dataset.query(
    `SELECT __row${select ? `, ${select}` : ""} FROM ${numbered} WHERE __row IN (${[...wanted].join(", ")})`
  );
  const byRow = new Map(rows.map((r) => [num(r.__row), r]));
  failing.forEach((p, k) => {
    p.check.samples = perCheck[k].map((rowNumber) => {
      const r = byRow.get(rowNumber) ?? {};
      const values = {};
      for (const c of p.sampleColumns) if (rawOf.has(c)) values[c] = r[c] ?? null;
      return { row: rowNumber, values };
    });
  });
}
async function assertSqlChecksRun(dataset, view, sqlChecks, predicates, options) {
  if (sqlChecks.length === 0) return;
  const sample = `(SELECT * FROM ${view} LIMIT 100)`;
  await dataset.query(`SELECT count(*) FROM ${sample}`);
  for (const [k, check] of sqlChecks.entries()) {
    try {
      await dataset.query(`SELECT count(*) FILTER (WHERE ${predicates[`sql${k}`]}) FROM ${sample}`);
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      const reason = messageOf(cause).split("\n")[0];
      throw new MlopsError(`The SQL of check "${check.name}" does not run: ${reason}`, {
        kind: "config",
        where: {
          file: options.mlopsFile ?? "mlops.yaml",
          line: options.mlops?.lineOf(["validate", "checks", k, "sql"])
        },
        expected: `a DuckDB SQL condition, true for good rows, over the columns ${dataset.columns.map((c) => c.name).join(", ")}`,
        found: check.sql,
        hint: "Quote column names that are not plain words in double quotes, text values in single quotes."
      });
    }
  }
}
function countedFromProfile(typed, schema, profiles, counts, row) {
  const recount = [];
  typed.forEach((c, i) => {
    const col = schema.columns[c.name];
    const p = profiles[i];
    const valid = num(row[`valid${i}`]);
    if (col.min !== void 0 || col.max !== void 0) {
      const { min, max } = p;
      const inside = valid === 0 || min !== null && min !== void 0 && max !== null && max !== void 0 && (col.min === void 0 || min >= col.min) && (col.max === void 0 || max <= col.max);
      if (inside) row[`range${i}`] = 0;
      else recount.push(`range${i}`);
    }
    if (col.categories) {
      const values = counts[c.name];
      if (c.type === "string" && values) {
        const known = new Set(col.categories);
        row[`cat${i}`] = values.reduce((n, v) => n + (known.has(v.value) ? 0 : v.count), 0);
      } else recount.push(`cat${i}`);
    }
  });
  return recount;
}
function unseenCategory(c, categories) {
  return `(${c.typed} IS NOT NULL AND ${asText(c.raw)} NOT IN (${categories.map(sqlString).join(", ") || "NULL"}))`;
}
function asText(raw) {
  return `CAST(${raw} AS VARCHAR)`;
}
function isNumeric(type) {
  return isNumericType(type);
}

// src/core/validate/infer.ts
function nullAllowance(observed) {
  if (observed === 0) return 0;
  return Math.min(1, Math.ceil(observed * 2 * 100) / 100);
}
var ID_NAME = /(^|[_\s.-])(id|key|uuid)$/i;
var NUMBER_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
var INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
var DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
var TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
var SAMPLE_ROWS = 5e3;
async function candidateTypes(dataset) {
  const types = {};
  const keys = /* @__PURE__ */ new Set();
  const text = dataset.columns.filter((c) => c.engineType === "VARCHAR");
  for (const c of dataset.columns) if (c.engineType !== "VARCHAR") types[c.name] = c.type;
  const sample = await dataset.query(
    `SELECT ${dataset.columns.map((c) => `CAST(${quoteIdent(c.name)} AS VARCHAR) AS ${quoteIdent(c.name)}`).join(", ")} FROM ${dataset.relation} LIMIT ${SAMPLE_ROWS}`
  );
  for (const c of dataset.columns) {
    const values = sample.map((r) => r[c.name]).filter((v) => typeof v === "string");
    if (values.length === sample.length && values.length >= 2 && new Set(values).size === values.length)
      keys.add(c.name);
  }
  for (const c of text) {
    const values = sample.map((r) => r[c.name]).filter((v) => typeof v === "string");
    const all = (test) => values.length > 0 && values.every(test);
    types[c.name] = all((v) => /^(true|false)$/i.test(v.trim())) ? "boolean" : all((v) => INTEGER_TEXT.test(v)) ? "integer" : all((v) => NUMBER_TEXT.test(v)) ? "number" : all((v) => DATE_TEXT.test(v.trim())) ? "date" : all((v) => TIMESTAMP_TEXT.test(v.trim())) ? "timestamp" : "string";
  }
  return { types, keys };
}
async function profileAsInferred(dataset, exact) {
  const { types: candidates, keys } = await candidateTypes(dataset);
  let columns = dataset.columns.map((c) => typedColumn(dataset, c.name, candidates[c.name] ?? "string"));
  const profile = await profileColumns(dataset, columns, dataset.relation, [], exact);
  const broken = [];
  columns = columns.map((c, i) => {
    const p = profile.columns[i];
    if (c.engineType !== "VARCHAR" || c.type === "string" || p.count === num(profile.row[`valid${i}`])) return c;
    broken.push(i);
    return typedColumn(dataset, c.name, c.type === "integer" ? "number" : "string");
  });
  for (let round = 0; round < 2 && broken.length > 0; round++) {
    const again = await profileColumns(
      dataset,
      broken.map((i) => columns[i]),
      dataset.relation,
      [],
      exact
    );
    const still = [];
    broken.forEach((i, k) => {
      profile.columns[i] = again.columns[k];
      if (columns[i].type !== "string" && again.columns[k].count !== num(again.row[`valid${k}`])) {
        still.push(i);
        columns[i] = typedColumn(dataset, columns[i].name, "string");
      }
    });
    broken.splice(0, broken.length, ...still);
  }
  return { profile, columns, keys };
}
function keyCandidates(columns, profile, keys) {
  return columns.map((c, i) => ({ c, i })).filter(
    ({ c, i }) => keys.has(c.name) && (c.type === "integer" || c.type === "string") && profile.columns[i].count === profile.rows
  );
}
async function inferSchema(dataset, name, config, exact = true) {
  const { profile, columns, keys } = await profileAsInferred(dataset, exact);
  const candidates = exact ? [] : keyCandidates(columns, profile, keys);
  const { counts, duplicates } = await addDistributionsAndDuplicates(
    dataset,
    columns,
    profile.columns,
    candidates.map(({ c }) => [c.typed])
  );
  if (!exact) {
    keys.clear();
    candidates.forEach(({ c, i }, k) => {
      if (duplicates[k].rows > 0) return;
      keys.add(c.name);
      profile.columns[i].distinct = profile.columns[i].count;
    });
  }
  const schemaColumns = {};
  const notes = {};
  const uniqueColumns = [];
  for (const p of profile.columns) {
    const column = { type: p.type, maxNullShare: nullAllowance(p.nullShare) };
    const note = { observedNullShare: p.nullShare, distinct: p.distinct ?? 0 };
    if (p.type === "integer" || p.type === "number") {
      if (p.min !== null && p.min !== void 0) column.min = p.min;
      if (p.max !== null && p.max !== void 0) column.max = p.max;
    }
    if (p.type === "string" || p.type === "boolean") {
      const values = counts[p.name];
      if (values && p.distinct !== null && p.distinct <= config.maxCategories && p.distinct < p.count) {
        column.categories = values.map((v) => v.value).sort();
      } else if (p.type === "string") {
        const estimated = !exact && !keys.has(p.name) && !values;
        note.freeText = p.count === 0 ? "empty" : p.distinct === p.count && !estimated ? "all-different" : "many";
        if (estimated) note.distinctEstimated = true;
      }
    }
    const counted = exact || keys.has(p.name);
    const unique = counted && p.count === profile.rows && p.distinct === p.count && profile.rows >= 2;
    if (unique && (p.type === "integer" || p.type === "string")) {
      column.unique = true;
      uniqueColumns.push(p.name);
    }
    schemaColumns[p.name] = column;
    notes[p.name] = note;
  }
  const key = uniqueColumns.find((c) => ID_NAME.test(c));
  const schema = {
    version: 1,
    dataset: name,
    rows: { min: Math.max(1, Math.floor(profile.rows / 10)), max: profile.rows * 10 },
    keys: key ? [key] : [],
    strictColumns: true,
    columns: schemaColumns
  };
  return { schema, notes, profile, counts };
}

// src/core/validate/schema.ts
var import_yaml = __toESM(require_dist(), 1);
var schemaColumn = external_exports.strictObject({
  type: external_exports.enum(["integer", "number", "boolean", "string", "date", "timestamp", "other"]),
  maxNullShare: external_exports.number().min(0).max(1).default(0),
  min: external_exports.number().optional(),
  max: external_exports.number().optional(),
  categories: external_exports.array(external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean()]).transform(String)).optional(),
  unique: external_exports.boolean().optional()
});
var dataSchema = external_exports.strictObject({
  version: external_exports.literal(1),
  dataset: external_exports.string(),
  rows: external_exports.strictObject({ min: external_exports.number().int().min(0).optional(), max: external_exports.number().int().min(0).optional() }).default({}),
  keys: external_exports.array(external_exports.string()).default([]),
  /** true: columns not listed here are an error; false: they are reported as a warning. */
  strictColumns: external_exports.boolean().default(true),
  columns: external_exports.record(external_exports.string(), schemaColumn)
});
function parseSchema(text, file) {
  const lineCounter = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = lineCounter.linePos(yamlError.pos[0]);
    throw new MlopsError(`Schema file ${file} is not valid YAML: ${yamlError.message.split("\n")[0]}`, {
      kind: "config",
      where: { file, line: pos.line, column: pos.col },
      expected: "YAML as written by `mlops validate-data --infer`",
      found: text.split("\n")[pos.line - 1]?.trim() ?? "",
      hint: "Fix the YAML at that line, or delete the file and infer it again."
    });
  }
  const lineOf = (path) => {
    for (let depth = path.length; depth > 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true);
      const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1), true);
      const pair = parent?.items?.find((p) => p.key?.value === path[depth - 1]);
      const range = pair?.key?.range ?? node?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    return void 0;
  };
  const parsed = dataSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = formatPath(issue.path);
    throw new MlopsError(`Schema file ${file}: ${path}: ${issue.message}`, {
      kind: "config",
      where: { file, line: lineOf(issue.path), path },
      expected: issue.code === "invalid_type" ? issue.expected : void 0,
      hint: "Each column takes type, maxNullShare, min, max, categories, unique; see `mlops validate-data --infer`."
    });
  }
  return { schema: parsed.data, file, lineOf };
}
function yamlScalar(value) {
  if (typeof value !== "string") return String(value);
  return /^[A-Za-z_][\w .-]*$/.test(value) && !/^(true|false|yes|no|on|off|null|~)$/i.test(value) && !/\s$/.test(value) ? value : JSON.stringify(value);
}
function yamlKey(key) {
  return /^[A-Za-z_][\w.-]*$/.test(key) ? key : JSON.stringify(key);
}
var share2 = (x) => x === 0 ? "0" : x < 1e-4 ? x.toExponential(2) : String(Number(x.toPrecision(3)));
function renderSchemaYaml(schema, notes) {
  const out = [
    `# Data schema for "${schema.dataset}", inferred by \`mlops validate-data --infer\` from ${notes.source} (${notes.rows} rows).`,
    "# Review it and commit it: validate-data checks new data against these rules. Loosen what is too strict",
    "# (ranges, maxNullShare, categories) before merging; re-inference shows a diff instead of overwriting this file.",
    "version: 1",
    `dataset: ${yamlScalar(schema.dataset)}`,
    `rows:  # observed ${notes.rows}`
  ];
  if (schema.rows.min !== void 0) out.push(`  min: ${schema.rows.min}`);
  if (schema.rows.max !== void 0) out.push(`  max: ${schema.rows.max}`);
  out.push(
    `keys: [${schema.keys.map(yamlScalar).join(", ")}]  # columns whose combined values must be unique`,
    `strictColumns: ${schema.strictColumns}  # columns not listed below are an error (false: a warning)`,
    "columns:"
  );
  for (const [name, column] of Object.entries(schema.columns)) {
    const note = notes.columns[name];
    out.push(`  ${yamlKey(name)}:`);
    out.push(`    type: ${column.type}`);
    out.push(
      `    maxNullShare: ${share2(column.maxNullShare)}${note ? `  # observed ${share2(note.observedNullShare)}` : ""}`
    );
    if (column.min !== void 0) out.push(`    min: ${column.min}  # observed minimum`);
    if (column.max !== void 0) out.push(`    max: ${column.max}  # observed maximum`);
    if (column.categories) {
      out.push(`    categories:  # ${column.categories.length} values seen; others are "unseen categories"`);
      for (const c of column.categories) out.push(`      - ${yamlScalar(c)}`);
    } else if (note?.freeText) {
      const why = {
        empty: "no values seen",
        "all-different": `every one of the ${note.distinct} values differs: an identifier or free text`,
        many: `${note.distinctEstimated ? "about " : ""}${note.distinct} distinct values (> ${notes.maxCategories}): free text or an identifier`
      }[note.freeText];
      out.push(`    # ${why}, no domain`);
    }
    if (column.unique !== void 0) out.push(`    unique: ${column.unique}  # every non-null value differs`);
  }
  return `${out.join("\n")}
`;
}
function diffLines(before, after, name) {
  const a = before.split("\n");
  const b = after.split("\n");
  const lcs = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i2 = a.length - 1; i2 >= 0; i2--) {
    for (let j2 = b.length - 1; j2 >= 0; j2--) {
      lcs[i2][j2] = a[i2] === b[j2] ? lcs[i2 + 1][j2 + 1] + 1 : Math.max(lcs[i2 + 1][j2], lcs[i2][j2 + 1]);
    }
  }
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ op: " ", text: a[i] });
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
      ops.push({ op: "+", text: b[j] });
      j++;
    } else {
      ops.push({ op: "-", text: a[i] });
      i++;
    }
  }
  const keep = ops.map((o, k) => o.op !== " " || ops.slice(Math.max(0, k - 2), k + 3).some((n) => n.op !== " "));
  const lines = [`--- ${name} (committed)`, `+++ ${name} (inferred now)`];
  let skipped = false;
  ops.forEach((o, k) => {
    if (keep[k]) {
      lines.push(`${o.op}${o.text}`);
      skipped = false;
    } else if (!skipped) {
      lines.push("@@");
      skipped = true;
    }
  });
  return lines.join("\n");
}

// src/core/validate/skew.ts
var PERCENTILES = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);
function jensenShannon(a, b) {
  const keys = /* @__PURE__ */ new Set([...a.keys(), ...b.keys()]);
  const ta = [...a.values()].reduce((s, x) => s + x, 0) || 1;
  const tb = [...b.values()].reduce((s, x) => s + x, 0) || 1;
  let js = 0;
  for (const k of keys) {
    const p = (a.get(k) ?? 0) / ta;
    const q = (b.get(k) ?? 0) / tb;
    const m = (p + q) / 2;
    if (p > 0) js += 0.5 * p * Math.log2(p / m);
    if (q > 0) js += 0.5 * q * Math.log2(q / m);
  }
  return Math.sqrt(Math.max(0, js));
}
async function cdfAt(dataset, exprs, points) {
  const parts = exprs.flatMap(
    (e, i) => points[i].map(
      (p, k) => `avg(CASE WHEN ${e} IS NULL THEN NULL WHEN ${e} <= ${p} THEN 1.0 ELSE 0.0 END) AS c${i}_${k}`
    )
  );
  if (parts.length === 0) return [];
  const [row] = await dataset.query(`SELECT ${parts.join(", ")} FROM ${dataset.relation}`);
  return exprs.map((_, i) => points[i].map((_2, k) => num(row?.[`c${i}_${k}`])));
}
async function compareWithReference(current, reference, types, config, referenceName) {
  const referenceTypes = await inferTypes(reference);
  const currentTypes = await inferTypes(current);
  const names = Object.keys(types).filter(
    (n) => current.columns.some((c) => c.name === n) && reference.columns.some((c) => c.name === n)
  );
  const cur = names.map((n) => typedColumn(current, n, types[n]));
  const ref = names.map((n) => typedColumn(reference, n, types[n]));
  const curProfile = await profileColumns(current, cur);
  const refProfile = await profileColumns(reference, ref);
  const curCounts = await addDistributions(current, cur, curProfile.columns);
  const refCounts = await addDistributions(reference, ref, refProfile.columns);
  const numericIdx = names.map((n, i) => isNumericType(types[n]) ? i : -1).filter((i) => i >= 0);
  const qparts = numericIdx.map((i) => `quantile_disc(${ref[i].typed}, [${PERCENTILES.join(", ")}]) AS q${i}`);
  const [qrow] = qparts.length > 0 ? await reference.query(`SELECT ${qparts.join(", ")} FROM ${reference.relation}`) : [{}];
  const points = numericIdx.map((i) => [...new Set((qrow?.[`q${i}`] ?? []).map(num))]);
  const curCdf = await cdfAt(
    current,
    numericIdx.map((i) => cur[i].typed),
    points
  );
  const refCdf = await cdfAt(
    reference,
    numericIdx.map((i) => ref[i].typed),
    points
  );
  const columns = names.map((name, i) => {
    const reasons = [];
    const referenceType = referenceTypes[name];
    const currentType = currentTypes[name];
    if (referenceType !== currentType) reasons.push(`type changed from ${referenceType} to ${currentType}`);
    const referenceNullShare = refProfile.columns[i].nullShare;
    const currentNullShare = curProfile.columns[i].nullShare;
    if (Math.abs(currentNullShare - referenceNullShare) > config.nullShare) {
      reasons.push(
        `null share moved from ${(referenceNullShare * 100).toFixed(1)}% to ${(currentNullShare * 100).toFixed(1)}%`
      );
    }
    const k = numericIdx.indexOf(i);
    let metric = "none";
    let distance = null;
    let threshold = config.categorical;
    let newCategories = [];
    if (k >= 0) {
      metric = "ks";
      threshold = config.numeric;
      const a = curCdf[k] ?? [];
      const b = refCdf[k] ?? [];
      distance = a.length > 0 ? Math.max(...a.map((x, j) => Math.abs(x - b[j]))) : null;
    } else if (curCounts[name] && refCounts[name]) {
      metric = "jensen-shannon";
      const a = new Map(curCounts[name].map((v) => [v.value, v.count]));
      const b = new Map(refCounts[name].map((v) => [v.value, v.count]));
      distance = jensenShannon(a, b);
      newCategories = [...a.keys()].filter((v) => !b.has(v));
      if (newCategories.length > 0) reasons.push(`new categories: ${newCategories.slice(0, 10).join(", ")}`);
    }
    if (distance !== null && distance > threshold) reasons.push(`${metric} ${distance.toFixed(3)} > ${threshold}`);
    return {
      column: name,
      referenceType,
      currentType,
      newCategories,
      referenceNullShare,
      currentNullShare,
      metric,
      distance,
      threshold,
      flagged: reasons.length > 0,
      reasons
    };
  });
  const checks2 = columns.map((c) => ({
    id: `skew:${c.column}`,
    suite: "skew",
    name: `${c.column} matches the reference`,
    column: c.column,
    severity: config.severity,
    status: c.flagged ? config.severity === "error" ? "fail" : "warn" : "pass",
    message: c.flagged ? c.reasons.join("; ") : `${c.metric === "none" ? "no distance" : `${c.metric} ${c.distance?.toFixed(3)}`} within ${c.threshold}.`,
    expected: `distance \u2264 ${c.threshold}, same type, no new categories, null share within ${config.nullShare}`,
    found: c.flagged ? c.reasons.join("; ") : void 0,
    rule: { file: referenceName },
    samples: []
  }));
  for (const name of Object.keys(types)) {
    if (names.includes(name) || !current.columns.some((c) => c.name === name)) continue;
    checks2.push({
      id: `skew:${name}`,
      suite: "skew",
      name: `${name} matches the reference`,
      column: name,
      severity: config.severity,
      status: "skip",
      message: `"${name}" is not a column of the reference: not compared.`,
      expected: `a column "${name}" in ${referenceName}`,
      found: `columns: ${reference.columns.map((c) => c.name).join(", ")}`,
      rule: { file: referenceName },
      samples: []
    });
  }
  return { columns, checks: checks2 };
}

// src/core/validate/run.ts
var URL_RE = /^[a-z][a-z0-9+.-]*:\/\//i;
function datasetName(source) {
  const path = source.replace(/[?#].*$/, "");
  const globbed = /[*?[\]{}]/.test(path);
  const base = globbed ? basename(dirname(path.split(/[*?[\]{}]/)[0] + "x")) : basename(path);
  const name = base.replace(/(\.(gz|csv|tsv|txt|tab|parquet|pq|jsonl|ndjson|json))+$/i, "");
  return name.replace(/[^A-Za-z0-9._-]+/g, "-") || "data";
}
function resolveSource(source, cwd) {
  return URL_RE.test(source) || isAbsolute(source) ? source : resolve(cwd, source);
}
async function openForValidation(source, cwd, nullValues) {
  return openDataset(resolveSource(source, cwd), { allVarchar: true, nullValues, displayName: source });
}
async function withinExactLimit(dataset, source, cwd, limit) {
  const path = resolveSource(source, cwd);
  if (dataset.format !== "parquet" && !URL_RE.test(source) && existsSync(path)) {
    const size = (await stat(path)).size;
    const head = await readHead(path, 1 << 20);
    const lines = head.toString("latin1").split("\n").length - 1;
    if (lines > 1 && !/\.gz$/i.test(path)) return size / head.length * lines <= limit;
  }
  return await dataset.rowCount() <= limit;
}
async function sha256Of(source, cwd) {
  if (URL_RE.test(source)) return void 0;
  try {
    return (await fingerprintInput(source, cwd)).sha256;
  } catch {
    return void 0;
  }
}
function passedAt(checks2, failOn) {
  if (failOn === "warning") return checks2.every((c) => c.status === "pass" || c.status === "skip");
  return checks2.every((c) => c.status !== "fail");
}
async function loadSchema(path, display) {
  if (!existsSync(path)) {
    throw new MlopsError(`No schema at ${display}.`, {
      kind: "input",
      where: { file: display },
      expected: "a committed schema file",
      found: "no such file",
      hint: "Infer it first (`mlops validate-data --infer`, or `infer: true` in the workflow), review it and commit it."
    });
  }
  return parseSchema(await readFile(path, "utf8"), display);
}
async function runValidation(request) {
  const started = Date.now();
  const { cwd, loaded } = request;
  const config = loaded.config.validate;
  const source = request.data ?? loaded.config.data.train;
  if (!source) {
    throw usageError(
      "No data to validate.",
      "Give the `data` input (a path, glob or URL) or set data.train in mlops.yaml."
    );
  }
  const name = datasetName(source);
  const schemaRel = request.schema ?? join(config.schemaDir, `${name}.yaml`);
  const schemaPath = resolve(cwd, schemaRel);
  const schemaDisplay = relative(cwd, schemaPath) || schemaRel;
  const mlopsFile = loaded.file ? relative(cwd, loaded.file) || basename(loaded.file) : "mlops.yaml";
  try {
    const loadedSchema = request.infer ? void 0 : await loadSchema(schemaPath, schemaDisplay);
    const dataset = await openForValidation(source, cwd, config.nullValues);
    const hashing = request.infer ? Promise.resolve(void 0) : sha256Of(source, cwd);
    const base = {
      ...envelope("ValidationReport"),
      dataset: {
        name,
        source: displaySource(source),
        format: dataset.format,
        rows: 0,
        columns: dataset.columns.length
      },
      failOn: request.failOn
    };
    const exact = await withinExactLimit(dataset, source, cwd, config.exactStatisticsMaxRows);
    if (request.infer) {
      const inferred = await inferSchema(dataset, name, config, exact);
      if (inferred.profile.rows === 0) {
        throw new MlopsError(`${source} has no data rows to infer a schema from.`, {
          kind: "input",
          where: { file: source },
          expected: "a header line and at least one data row",
          found: `${dataset.columns.length} column(s) and 0 rows`,
          hint: "Infer from a representative sample of the data, not from an empty export."
        });
      }
      const yaml = renderSchemaYaml(inferred.schema, {
        source,
        rows: inferred.profile.rows,
        columns: inferred.notes,
        maxCategories: config.maxCategories
      });
      let status = "created";
      let diff;
      if (existsSync(schemaPath)) {
        const committed = await readFile(schemaPath, "utf8");
        if (committed === yaml) status = "unchanged";
        else {
          diff = diffLines(committed, yaml, schemaDisplay);
          status = request.update ? "updated" : "changed";
        }
      }
      if (status === "created" || status === "updated") await writeFileAtomic(schemaPath, yaml);
      const report2 = {
        ...base,
        mode: "infer",
        dataset: { ...base.dataset, rows: inferred.profile.rows },
        schema: { file: schemaDisplay, status, diff },
        passed: true,
        summary: { checks: 0, failed: 0, warnings: 0 },
        columns: inferred.profile.columns,
        checks: [],
        durationMs: Date.now() - started
      };
      return { report: report2, schemaFile: schemaDisplay };
    }
    const schema = loadedSchema;
    const outcome = await checkDataset(dataset, schema, {
      config,
      label: loaded.config.model?.label,
      segments: loaded.config.model?.segments ?? [],
      mlops: loaded,
      mlopsFile,
      exact
    });
    const checks2 = outcome.checks;
    let skew;
    if (request.reference) {
      const reference = await openForValidation(request.reference, cwd, config.nullValues);
      const types = Object.fromEntries(
        Object.entries(schema.schema.columns).map(([n, c]) => [n, c.type])
      );
      const compared = await compareWithReference(dataset, reference, types, config.skew, request.reference);
      skew = { reference: request.reference, columns: compared.columns };
      checks2.push(...compared.checks);
    }
    const failed = checks2.filter((c) => c.status === "fail").length;
    const warnings = checks2.filter((c) => c.status === "warn").length;
    const report = {
      ...base,
      mode: "check",
      dataset: { ...base.dataset, sha256: await hashing, rows: outcome.profile.rows },
      schema: { file: schemaDisplay, status: "checked" },
      passed: passedAt(checks2, request.failOn),
      summary: { checks: checks2.length, failed, warnings },
      columns: outcome.profile.columns,
      checks: checks2,
      skew,
      durationMs: Date.now() - started
    };
    return { report, schemaFile: schemaDisplay };
  } finally {
    await closeEngine();
  }
}
function exitCodeFor(report) {
  if (report.failOn === "never") return 0;
  return report.passed ? 0 : 1;
}

// src/actions/validate-data.ts
var validateDataAction = defineAction({
  name: "validate-data",
  title: "Validate data",
  description: "Infer a reviewed schema for tabular data (CSV, Parquet, JSON Lines) and check data against it: types, nulls, ranges, categories, keys, row counts, SQL rules, label balance, slices and skew against a reference.",
  icon: "check-square",
  color: "green",
  inputs: {
    ...commonInputs,
    data: { description: "Data to validate: a path, glob or HTTP(S) URL. Default: `data.train` from mlops.yaml." },
    schema: { description: "Schema file. Default: `.mlops/schema/<dataset>.yaml`." },
    infer: {
      description: "Infer the schema and write it (or show the diff against the committed one) instead of checking.",
      default: "false",
      type: "boolean"
    },
    update: {
      description: "With infer: overwrite a committed schema that differs from the data (default: only show the diff).",
      default: "false",
      type: "boolean"
    },
    reference: { description: "Reference dataset (e.g. training data) to compare distributions with (skew)." },
    "fail-on": failOnInput
  },
  outputs: {
    passed: { description: "`true` when no check failed at the fail-on level." },
    report: { description: "Path of the ValidationReport JSON." },
    "failed-checks": { description: "Number of failed checks." }
  },
  async run({ platform, inputs, cwd, outDir, config }) {
    const { report } = await runValidation({
      cwd,
      loaded: await config(),
      data: inputs.optional("data"),
      schema: inputs.optional("schema"),
      infer: inputs.boolean("infer"),
      update: inputs.boolean("update"),
      reference: inputs.optional("reference"),
      failOn: inputs.choice("fail-on")
    });
    for (const check of report.checks.filter((c) => c.status === "fail" || c.status === "warn")) {
      const file = check.rule ? relative2(platform.context.workspace, resolve2(cwd, check.rule.file)) : void 0;
      const annotation = { file, line: check.rule?.line, title: `validate-data: ${check.name}` };
      const text = `${check.message}${check.found ? ` Found: ${check.found}.` : ""}`;
      if (check.status === "fail") platform.log.error(text, annotation);
      else platform.log.warning(text, annotation);
    }
    const written = await writeReport(outDir, validationRenderer, report);
    const failed = report.summary.failed + (report.failOn === "warning" ? report.summary.warnings : 0);
    return {
      exitCode: exitCodeFor(report),
      outputs: { passed: String(report.passed), report: written.json, "failed-checks": String(failed) },
      summary: validationRenderer.markdown(report, "summary"),
      headline: report.mode === "infer" ? `Schema ${report.schema.status}: ${report.schema.file} (${report.dataset.rows} rows, ${report.dataset.columns} columns).` : `${report.passed ? "Passed" : "Failed"}: ${report.summary.failed} failed, ${report.summary.warnings} warning(s) of ${report.summary.checks} checks on ${report.dataset.rows} rows.`
    };
  }
});

export {
  validateDataAction
};
//# sourceMappingURL=chunk-C774JLZV.js.map
