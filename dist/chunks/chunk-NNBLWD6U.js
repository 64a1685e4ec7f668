import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  external_exports
} from "./chunk-2342GB6D.js";
import {
  writeFileAtomic
} from "./chunk-5AAGF42O.js";
import {
  MlopsError
} from "./chunk-FZ3ZHXNS.js";

// src/core/profile/sql.ts
function ident(name) {
  return `"${name.replace(/"/g, '""')}"`;
}
function stringLiteral(s) {
  return `'${s.replace(/'/g, "''")}'`;
}
function num(value) {
  if (value === null || value === void 0) return Number.NaN;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string") {
    if (value === "Infinity" || value === "inf") return Number.POSITIVE_INFINITY;
    if (value === "-Infinity" || value === "-inf") return Number.NEGATIVE_INFINITY;
    return Number(value);
  }
  if (typeof value === "object" && "valueOf" in value) return Number(value.valueOf());
  return Number(value);
}
function list(value) {
  if (value === null || value === void 0) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return JSON.parse(value.replace(/-?Infinity|NaN/g, (m) => `"${m}"`));
  const items = value.items;
  if (Array.isArray(items)) return items;
  return JSON.parse(String(value));
}
function previousDouble(x) {
  if (Number.isNaN(x) || x === Number.NEGATIVE_INFINITY) return x;
  if (x === 0) return -Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, x > 0 ? bits - 1n : bits + 1n);
  return buf.getFloat64(0);
}
function knotBoundaries(knots) {
  const boundaries = [];
  const atBin = [];
  const betweenBin = [];
  for (let j = 0; j < knots.length; j++) {
    const a = knots[j];
    const p = previousDouble(a);
    if (j === 0 || p > knots[j - 1]) {
      boundaries.push(p);
      betweenBin.push(boundaries.length - 1);
    } else {
      betweenBin.push(-1);
    }
    boundaries.push(a);
    atBin.push(boundaries.length - 1);
  }
  return { boundaries, atBin, betweenBin };
}

// src/core/profile/schema.ts
var knot = external_exports.tuple([external_exports.number(), external_exports.number().int().nonnegative(), external_exports.number().int().nonnegative()]);
var numericSketch = external_exports.object({
  min: external_exports.number(),
  max: external_exports.number(),
  mean: external_exports.number(),
  /** Population standard deviation (ddof = 0), the spread Wasserstein distances are normalised by. */
  std: external_exports.number(),
  /** True when every distinct value is a knot: all statistics computed from it are exact. */
  exact: external_exports.boolean(),
  /**
   * Upper bound on the absolute error of the cumulative counts at the knots, as a fraction of the count.
   * 0 for a profile built from data; positive after merging two approximate profiles.
   */
  rankError: external_exports.number().nonnegative(),
  knots: external_exports.array(knot)
});
var categoricalSketch = external_exports.object({
  /** [value, count], most frequent first, at most `maxCategories` entries. */
  categories: external_exports.array(external_exports.tuple([external_exports.string(), external_exports.number().int().nonnegative()])),
  /** Rows whose value is not among `categories` (only when there were more than `maxCategories`). */
  otherCount: external_exports.number().int().nonnegative(),
  distinct: external_exports.number().int().nonnegative()
});
var columnProfile = external_exports.object({
  kind: external_exports.enum(["numeric", "categorical"]),
  /** The engine's type name when profiled (e.g. DOUBLE, BIGINT, VARCHAR), to detect type changes. */
  engineType: external_exports.string(),
  /** Non-null values. */
  count: external_exports.number().int().nonnegative(),
  nulls: external_exports.number().int().nonnegative(),
  numeric: numericSketch.optional(),
  categorical: categoricalSketch.optional()
});
var referenceProfile = external_exports.object({
  kind: external_exports.literal("ReferenceProfile"),
  schemaVersion: external_exports.literal(1),
  createdAt: external_exports.string(),
  /** What the profile was built from (path, glob or URL; several when merged). */
  sources: external_exports.array(external_exports.string()),
  rows: external_exports.number().int().nonnegative(),
  settings: external_exports.object({
    /** Knots per numeric column when it has more distinct values than that (quantiles at ranks i/quantiles). */
    quantiles: external_exports.number().int().positive(),
    maxCategories: external_exports.number().int().positive()
  }),
  columns: external_exports.record(external_exports.string(), columnProfile)
});
var DEFAULT_QUANTILES = 1e3;
var DEFAULT_MAX_CATEGORIES = 1e3;

// src/core/profile/build.ts
function columnKind(type) {
  if (type === "integer" || type === "number") return "numeric";
  if (type === "string" || type === "boolean" || type === "other") return "categorical";
  return void 0;
}
function numericExpr(name) {
  const x = `CAST(${ident(name)} AS DOUBLE)`;
  return `(CASE WHEN isfinite(${x}) THEN ${x} END)`;
}
function categoricalExpr(name) {
  return `CAST(${ident(name)} AS VARCHAR)`;
}
function whereClause(where) {
  return where ? ` WHERE ${where}` : "";
}
function selectColumns(dataset, names) {
  const all = dataset.columns.filter((c) => columnKind(c.type) !== void 0);
  if (!names) return all;
  return names.map((name) => {
    const info = dataset.columns.find((c) => c.name === name);
    if (!info) {
      throw new MlopsError(`Column "${name}" is not in ${dataset.source}.`, {
        kind: "input",
        where: { file: dataset.source, field: name },
        expected: `one of ${dataset.columns.map((c) => c.name).join(", ")}`,
        hint: "Check the column list in mlops.yaml (model.features) against the data."
      });
    }
    return info;
  });
}
async function buildReferenceProfile(dataset, options = {}) {
  const quantiles = options.quantiles ?? DEFAULT_QUANTILES;
  const maxCategories = options.maxCategories ?? DEFAULT_MAX_CATEGORIES;
  const columns = selectColumns(dataset, options.columns);
  const from = `${dataset.relation}${whereClause(options.where)}`;
  const aggregates = ['count(*) AS "rows"'];
  columns.forEach((c, i) => {
    aggregates.push(`count(${ident(c.name)}) AS "n${i}"`);
    if (columnKind(c.type) === "numeric") {
      const x = numericExpr(c.name);
      aggregates.push(
        `min(${x}) AS "min${i}"`,
        `max(${x}) AS "max${i}"`,
        `avg(${x}) AS "mean${i}"`,
        `stddev_pop(${x}) AS "std${i}"`
      );
      if (options.sketchNumeric !== false) aggregates.push(`approx_count_distinct(${x}) AS "d${i}"`);
    } else {
      aggregates.push(`approx_count_distinct(${categoricalExpr(c.name)}) AS "d${i}"`);
    }
  });
  const [basic] = await dataset.query(`SELECT ${aggregates.join(", ")} FROM ${from}`);
  const rows = num(basic?.rows ?? 0);
  const second = [];
  const plan = columns.map((c, i) => {
    const kind = columnKind(c.type);
    const distinct = num(basic?.[`d${i}`]);
    const count = num(basic?.[`n${i}`]);
    if (kind === "categorical") {
      if (distinct <= maxCategories * 1.5) {
        const h = `histogram(${categoricalExpr(c.name)})`;
        second.push(`to_json(map_keys(${h})) AS "k${i}"`, `to_json(map_values(${h})) AS "v${i}"`);
        return { kind, mode: "values" };
      }
      return { kind, mode: "top" };
    }
    if (count === 0) return { kind, mode: "empty" };
    if (options.sketchNumeric === false) return { kind, mode: "moments" };
    if (distinct <= quantiles) {
      const h = `histogram(${numericExpr(c.name)})`;
      second.push(`to_json(map_keys(${h})) AS "k${i}"`, `to_json(map_values(${h})) AS "v${i}"`);
      return { kind, mode: "values" };
    }
    const ranks = Array.from({ length: quantiles + 1 }, (_, r) => r / quantiles);
    second.push(`to_json(approx_quantile(${numericExpr(c.name)}, [${ranks.join(",")}])) AS "q${i}"`);
    return { kind, mode: "quantiles" };
  });
  const [exact] = second.length > 0 ? await dataset.query(`SELECT ${second.join(", ")} FROM ${from}`) : [{}];
  const third = [];
  const knotsOf = /* @__PURE__ */ new Map();
  plan.forEach((p, i) => {
    if (p.mode !== "quantiles") return;
    const ends = [num(basic?.[`min${i}`]), num(basic?.[`max${i}`])];
    const knots = [.../* @__PURE__ */ new Set([...ends, ...list(exact?.[`q${i}`]).map(num)])].filter((v) => v >= ends[0] && v <= ends[1]).sort((a, b) => a - b);
    const bins = knotBoundaries(knots);
    knotsOf.set(i, { knots, bins });
    third.push(
      `to_json(map_values(histogram(${numericExpr(columns[i].name)}, [${bins.boundaries.map((b) => b.toExponential()).join(",")}]::DOUBLE[]))) AS "h${i}"`
    );
  });
  const [hist] = third.length > 0 ? await dataset.query(`SELECT ${third.join(", ")} FROM ${from}`) : [{}];
  const profiled = {};
  for (const [i, c] of columns.entries()) {
    const p = plan[i];
    const count = num(basic?.[`n${i}`]);
    const base = { kind: p.kind, engineType: c.engineType, count, nulls: rows - count };
    if (p.kind === "categorical") {
      const pairs = p.mode === "values" ? zipCounts(list(exact?.[`k${i}`]).map(String), list(exact?.[`v${i}`]).map(num)) : await topCategories(dataset, c.name, from, maxCategories);
      pairs.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const kept = pairs.slice(0, maxCategories);
      const keptCount = kept.reduce((s, [, n]) => s + n, 0);
      profiled[c.name] = {
        ...base,
        categorical: {
          categories: kept,
          otherCount: count - keptCount,
          distinct: p.mode === "values" ? pairs.length : Math.max(pairs.length, num(basic?.[`d${i}`]))
        }
      };
      continue;
    }
    if (p.mode === "empty") {
      profiled[c.name] = base;
      continue;
    }
    let knots = [];
    if (p.mode === "values") {
      knots = zipCounts(list(exact?.[`k${i}`]).map(num), list(exact?.[`v${i}`]).map(num)).sort((a, b) => a[0] - b[0]).map(([value, n]) => [value, n, 0]);
    } else if (p.mode === "quantiles") {
      const { knots: values, bins } = knotsOf.get(i);
      const counts = list(hist?.[`h${i}`]).map(num);
      knots = values.map((value, j) => {
        const between = bins.betweenBin[j] >= 0 && j > 0 ? counts[bins.betweenBin[j]] ?? 0 : 0;
        return [value, counts[bins.atBin[j]] ?? 0, between];
      });
    }
    profiled[c.name] = {
      ...base,
      numeric: {
        min: num(basic?.[`min${i}`]),
        max: num(basic?.[`max${i}`]),
        mean: num(basic?.[`mean${i}`]),
        std: num(basic?.[`std${i}`]),
        exact: p.mode === "values",
        rankError: 0,
        knots
      }
    };
  }
  return {
    kind: "ReferenceProfile",
    schemaVersion: 1,
    createdAt: (/* @__PURE__ */ new Date()).toISOString(),
    sources: [dataset.source],
    rows,
    settings: { quantiles, maxCategories },
    columns: profiled
  };
}
function zipCounts(keys, counts) {
  return keys.map((k, j) => [k, counts[j] ?? 0]);
}
async function topCategories(dataset, name, from, limit) {
  const rows = await dataset.query(
    `SELECT ${categoricalExpr(name)} AS v, count(*) AS n FROM ${from} ${from.includes(" WHERE ") ? "AND" : "WHERE"} ${ident(name)} IS NOT NULL GROUP BY 1 ORDER BY n DESC, v LIMIT ${limit}`
  );
  return rows.map((r) => [String(r.v), num(r.n)]);
}

// src/core/profile/io.ts
import { readFile } from "node:fs/promises";
function formatProfile(profile) {
  return `${format(profile, "")}
`;
}
function format(value, indent) {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((v) => v === null || typeof v !== "object"))
      return `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
    const inner = `${indent}  `;
    return `[
${value.map((v) => inner + format(v, inner)).join(",\n")}
${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== void 0);
    if (entries.length === 0) return "{}";
    const inner = `${indent}  `;
    return `{
${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(",\n")}
${indent}}`;
  }
  return JSON.stringify(value);
}
async function writeReferenceProfile(path, profile) {
  await writeFileAtomic(path, formatProfile(referenceProfile.parse(profile)));
}
function parseReferenceProfile(text, source) {
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new MlopsError(`${source} is not valid JSON: ${error.message}`, {
      kind: "input",
      where: { file: source },
      hint: "Rebuild it with `mlops drift-check --update-reference` or restore it from git."
    });
  }
  const parsed = referenceProfile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MlopsError(`${source} is not a reference profile: ${issue.message}`, {
      kind: "input",
      where: { file: source, path: issue.path.join(".") },
      expected: "a ReferenceProfile (kind: ReferenceProfile, schemaVersion: 1)",
      hint: "Rebuild it with `mlops drift-check --update-reference` or restore it from git."
    });
  }
  return parsed.data;
}
async function readReferenceProfile(path) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new MlopsError(`Cannot read the reference profile ${path}: ${error.message}`, {
      kind: "input",
      where: { file: path },
      hint: "Register the model version (it stores reference-profile.json) or pass reference data with --reference."
    });
  }
  return parseReferenceProfile(text, path);
}

export {
  DEFAULT_QUANTILES,
  DEFAULT_MAX_CATEGORIES,
  ident,
  stringLiteral,
  num,
  list,
  knotBoundaries,
  columnKind,
  numericExpr,
  categoricalExpr,
  buildReferenceProfile,
  formatProfile,
  writeReferenceProfile,
  readReferenceProfile
};
//# sourceMappingURL=chunk-NNBLWD6U.js.map
