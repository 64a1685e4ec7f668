/**
 * Checks data against a committed schema. Per-column rules, row count and user SQL checks are aggregates of one
 * pass over a typed view; distributions are a second; failing checks get up to 5 sample rows (their row numbers
 * from one more pass with `min(row, 5)` per check, then the rows themselves).
 */

import type { LoadedConfig } from '../config.js';
import { isNumericType, quoteIdent, sqlString } from '../data/engine.js';
import type { Dataset, LogicalType } from '../data/types.js';
import { MlopsError, messageOf } from '../errors.js';
import type { SqlCheckConfig, ValidateConfig } from './config.js';
import {
  addDistributionsAndDuplicates,
  MAX_COUNTED_DISTINCT,
  num,
  type ProfileResult,
  profileColumns,
  type TypedColumn,
  typedColumn,
  type ValueCounts,
} from './profile.js';
import type { ColumnProfile, SampleRow, ValidationCheck } from './report.js';
import type { LoadedSchema } from './schema.js';

export interface CheckOptions {
  config: ValidateConfig;
  label?: string;
  segments: string[];
  /** Exact distinct counts and quantiles (default); false above validate.exactStatisticsMaxRows. */
  exact?: boolean;
  /** mlops.yaml, for the lines of SQL checks. */
  mlops?: LoadedConfig;
  mlopsFile?: string;
}

export interface CheckOutcome {
  checks: ValidationCheck[];
  profile: ProfileResult;
  counts: ValueCounts;
  typed: TypedColumn[];
}

interface Pending {
  check: ValidationCheck;
  /** SQL predicate over the typed view selecting failing rows (for samples). */
  predicate?: string;
  sampleColumns: string[];
}

const share = (n: number, d: number) => (d > 0 ? n / d : 0);
const pct = (x: number) => `${Number((x * 100).toPrecision(3))}%`;

let viewCounter = 0;

export async function checkDataset(
  dataset: Dataset,
  loaded: LoadedSchema,
  options: CheckOptions,
): Promise<CheckOutcome> {
  const { schema, file } = loaded;
  const rule = (path: (string | number)[]) => ({ file, line: loaded.lineOf(path), path: path.join('.') });
  const pending: Pending[] = [];
  const add = (
    check: Omit<ValidationCheck, 'samples' | 'status'> & { failed: boolean },
    predicate?: string,
    sampleColumns: string[] = [],
  ) => {
    const { failed, ...rest } = check;
    const status = !failed ? 'pass' : rest.severity === 'error' ? 'fail' : 'warn';
    pending.push({ check: { ...rest, status, samples: [] }, predicate, sampleColumns });
  };
  const present = new Set(dataset.columns.map((c) => c.name));
  const context = [...schema.keys, ...(options.label ? [options.label] : [])].filter((c) => present.has(c));

  // Columns: missing and extra.
  for (const name of Object.keys(schema.columns)) {
    if (!present.has(name)) {
      add({
        id: `column-present:${name}`,
        suite: 'schema',
        name: `column ${name} is present`,
        column: name,
        severity: 'error',
        failed: true,
        message: `Column "${name}" is missing from the data.`,
        expected: `a column named "${name}"`,
        found: `columns: ${[...present].join(', ')}`,
        rule: rule(['columns', name]),
      });
    }
  }
  const extra = [...present].filter((c) => !(c in schema.columns));
  add({
    id: 'columns-known',
    suite: 'schema',
    name: 'no columns outside the schema',
    severity: schema.strictColumns ? 'error' : 'warning',
    failed: extra.length > 0,
    message: extra.length > 0 ? `Column(s) not in the schema: ${extra.join(', ')}.` : 'Every column is in the schema.',
    expected: 'only the columns listed in the schema',
    found: extra.length > 0 ? extra.join(', ') : undefined,
    rule: rule(['columns']),
  });

  // The typed view: each schema column under its own name in its schema type, its raw text beside it.
  const checked = Object.entries(schema.columns).filter(([name]) => present.has(name));
  const base = checked.map(([name, col]) => typedColumn(dataset, name, col.type));
  viewCounter += 1;
  const view = `${dataset.relation}_typed_${viewCounter}`;
  const rawName = (i: number) => `__raw_${i}`;
  // A column already stored in its numeric schema type (Parquet, JSON) keeps its native values as "raw": turning
  // millions of numbers into text only to count the non-null ones was most of the cost of a check on Parquet.
  const rawOf = (c: TypedColumn) => (c.violation === 'false' && isNumeric(c.type) ? c.present! : c.raw);
  const selects = [
    ...base.map((c, i) => `${c.typed} AS ${quoteIdent(c.name)}, ${rawOf(c)} AS ${quoteIdent(rawName(i))}`),
    ...extra.map((c) => quoteIdent(c)),
  ];
  await dataset.query(
    `CREATE OR REPLACE TEMP VIEW ${view} AS SELECT ${selects.join(', ') || '1 AS __none'} FROM ${dataset.relation}`,
  );
  const typed: TypedColumn[] = base.map((c, i) => {
    const r = quoteIdent(rawName(i));
    const t = quoteIdent(c.name);
    return {
      ...c,
      raw: r,
      typed: t,
      present: r,
      violation: c.violation === 'false' ? 'false' : `(${r} IS NOT NULL AND ${t} IS NULL)`,
    };
  });

  // Pass 1: profile + every aggregate rule.
  const extraAggregates: string[] = [];
  const predicates: Record<string, string> = {};
  typed.forEach((c, i) => {
    const col = schema.columns[c.name]!;
    predicates[`type${i}`] = c.violation;
    if (col.min !== undefined || col.max !== undefined) {
      const parts = [];
      if (col.min !== undefined) parts.push(`${c.typed} < ${col.min}`);
      if (col.max !== undefined) parts.push(`${c.typed} > ${col.max}`);
      predicates[`range${i}`] = `(${parts.join(' OR ')})`;
    }
    if (col.categories) {
      predicates[`cat${i}`] = unseenCategory(c, col.categories);
    }
    predicates[`null${i}`] = `(${c.raw} IS NULL)`;
  });
  const sqlChecks: SqlCheckConfig[] = options.config.checks;
  sqlChecks.forEach((s, k) => {
    predicates[`sql${k}`] = `(NOT coalesce((${s.sql}), true))`;
  });
  await assertSqlChecksRun(dataset, view, sqlChecks, predicates, options);
  // Nulls and type violations follow from count(raw) and count(typed), which the profile computes anyway; ranges
  // and categories from min/max and the value counts (below), unless those show a violation to count.
  for (const [alias, predicate] of Object.entries(predicates)) {
    if (predicate !== 'false' && !/^(null|type|range|cat)\d/.test(alias)) {
      extraAggregates.push(`count(*) FILTER (WHERE ${predicate}) AS ${alias}`);
    }
  }
  const exact = options.exact ?? true;
  const profile = await profileColumns(dataset, typed, view, extraAggregates, exact);
  const row = profile.row;
  typed.forEach((c, i) => {
    const nonnull = num(row[`nonnull${i}`]);
    row[`null${i}`] = profile.rows - nonnull;
    row[`type${i}`] = c.violation === 'false' ? 0 : nonnull - num(row[`valid${i}`]);
  });
  const rows = profile.rows;
  // Uniqueness and keys, only for the columns that declare it: counted in the distributions pass.
  const keySets: { cols: string[]; path: (string | number)[]; id: string }[] = [];
  for (const c of typed)
    if (schema.columns[c.name]!.unique)
      keySets.push({ cols: [c.name], path: ['columns', c.name, 'unique'], id: `unique:${c.name}` });
  const keyCols = schema.keys.filter((k) => present.has(k) && k in schema.columns);
  if (keyCols.length > 0 && !(keyCols.length === 1 && schema.columns[keyCols[0]!]!.unique)) {
    keySets.push({ cols: keyCols, path: ['keys'], id: `keys:${keyCols.join(',')}` });
  }
  const { counts, duplicates } = await addDistributionsAndDuplicates(
    dataset,
    typed,
    profile.columns,
    keySets.map((set) => set.cols.map(quoteIdent)),
    view,
  );
  const recount = countedFromProfile(typed, schema, profile.columns, counts, row);
  if (recount.length > 0) {
    const [again = {}] = await dataset.query(
      `SELECT ${recount.map((alias) => `count(*) FILTER (WHERE ${predicates[alias]}) AS ${alias}`).join(', ')} FROM ${view}`,
    );
    for (const alias of recount) row[alias] = again[alias];
  }

  add({
    id: 'row-count',
    suite: 'dataset',
    name: 'row count within range',
    severity: 'error',
    failed:
      (schema.rows.min !== undefined && rows < schema.rows.min) ||
      (schema.rows.max !== undefined && rows > schema.rows.max),
    message: `${rows} rows.`,
    expected: `${schema.rows.min ?? 0} to ${schema.rows.max ?? '∞'} rows`,
    found: String(rows),
    rule: rule(['rows']),
  });

  typed.forEach((c, i) => {
    const col = schema.columns[c.name]!;
    const path = ['columns', c.name];
    const sample = [c.name, ...context.filter((x) => x !== c.name)];
    const bad = num(row[`type${i}`]);
    add(
      {
        id: `type:${c.name}`,
        suite: 'column',
        name: `${c.name} is ${col.type}`,
        column: c.name,
        severity: 'error',
        failed: bad > 0,
        message: bad > 0 ? `${bad} value(s) of "${c.name}" are not ${col.type}.` : `Every value is ${col.type}.`,
        expected: col.type,
        found: bad > 0 ? `${bad} non-${col.type} value(s)` : undefined,
        failingRows: bad,
        failingShare: share(bad, rows),
        rule: rule([...path, 'type']),
      },
      c.violation,
      sample,
    );
    const nulls = num(row[`null${i}`]);
    const nullShare = share(nulls, rows);
    add(
      {
        id: `nulls:${c.name}`,
        suite: 'column',
        name: `${c.name} null share ≤ ${pct(col.maxNullShare)}`,
        column: c.name,
        severity: 'error',
        failed: nullShare > col.maxNullShare + 1e-12,
        message: `${nulls} missing value(s) (${pct(nullShare)}).`,
        expected: `at most ${pct(col.maxNullShare)} missing`,
        found: pct(nullShare),
        failingRows: nulls,
        failingShare: nullShare,
        rule: rule([...path, 'maxNullShare']),
      },
      predicates[`null${i}`],
      sample,
    );
    if (predicates[`range${i}`]) {
      const out = num(row[`range${i}`]);
      const p = profile.columns[i]!;
      add(
        {
          id: `range:${c.name}`,
          suite: 'column',
          name: `${c.name} within [${col.min ?? '−∞'}, ${col.max ?? '∞'}]`,
          column: c.name,
          severity: 'error',
          failed: out > 0,
          message: out > 0 ? `${out} value(s) out of range (seen ${p.min} to ${p.max}).` : 'Every value is in range.',
          expected: `${col.min ?? '−∞'} ≤ ${c.name} ≤ ${col.max ?? '∞'}`,
          found: out > 0 ? `min ${p.min}, max ${p.max}` : undefined,
          failingRows: out,
          failingShare: share(out, rows),
          rule: rule([
            ...path,
            col.min !== undefined && p.min !== null && p.min !== undefined && p.min < col.min ? 'min' : 'max',
          ]),
        },
        predicates[`range${i}`],
        sample,
      );
    }
    if (predicates[`cat${i}`]) {
      const out = num(row[`cat${i}`]);
      const known = new Set(col.categories);
      const unseen = (counts[c.name] ?? []).filter((v) => !known.has(v.value)).map((v) => v.value);
      add(
        {
          id: `categories:${c.name}`,
          suite: 'column',
          name: `${c.name} has only known categories`,
          column: c.name,
          severity: 'error',
          failed: out > 0,
          message:
            out > 0
              ? `${out} value(s) are not among the ${known.size} known categories.`
              : 'Every value is a known category.',
          expected: `one of ${[...known].slice(0, 10).join(', ')}${known.size > 10 ? ', …' : ''}`,
          found:
            out > 0 ? (unseen.length > 0 ? unseen.slice(0, 10).join(', ') : 'values outside the domain') : undefined,
          failingRows: out,
          failingShare: share(out, rows),
          rule: rule([...path, 'categories']),
        },
        predicates[`cat${i}`],
        sample,
      );
    }
  });

  keySets.forEach((set, j) => {
    const cols = set.cols.map(quoteIdent).join(', ');
    const notNull = set.cols.map((c) => `${quoteIdent(c)} IS NOT NULL`).join(' AND ');
    const dup = duplicates[j]!;
    const dupRows = dup.rows;
    add(
      {
        id: set.id,
        suite: 'dataset',
        name: `${set.cols.join(' + ')} ${set.cols.length > 1 ? 'are' : 'is'} unique`,
        column: set.cols.length === 1 ? set.cols[0] : undefined,
        severity: 'error',
        failed: dupRows > 0,
        message: dupRows > 0 ? `${dupRows} rows share ${dup.groups} duplicated value(s).` : 'No duplicates.',
        expected: 'no duplicated values',
        found: dupRows > 0 ? `${dupRows} rows in ${dup.groups} duplicate group(s)` : undefined,
        failingRows: dupRows,
        failingShare: share(dupRows, rows),
        rule: rule(set.path),
      },
      `((${cols}) IN (SELECT (${cols}) FROM ${view} WHERE ${notNull} GROUP BY ${cols} HAVING count(*) > 1))`,
      [...set.cols, ...context.filter((x) => !set.cols.includes(x))],
    );
  });

  sqlChecks.forEach((s, k) => {
    const out = num(row[`sql${k}`]);
    const failingShare = share(out, rows);
    add(
      {
        id: `sql:${s.name}`,
        suite: 'sql',
        name: s.name,
        severity: s.severity,
        failed: failingShare > s.maxFailingShare,
        message: `${out} row(s) (${pct(failingShare)}) break \`${s.sql}\`.`,
        expected: `at most ${pct(s.maxFailingShare)} of rows break it`,
        found: pct(failingShare),
        failingRows: out,
        failingShare,
        rule: {
          file: options.mlopsFile ?? 'mlops.yaml',
          line: options.mlops?.lineOf(['validate', 'checks', k]),
          path: `validate.checks[${k}]`,
        },
      },
      predicates[`sql${k}`],
      [...sqlColumns(s.sql, [...present]), ...context],
    );
  });

  await countNumericLabel(dataset, view, typed, options, counts);
  labelChecks(options, present, rows, counts, row, typed, add);
  const failedOverall = new Set(pending.filter((p) => p.check.status !== 'pass').map((p) => p.check.id));
  await sliceChecks(dataset, view, typed, loaded, options, add, failedOverall);
  await attachSamples(dataset, view, typed, pending);
  return { checks: pending.map((p) => p.check), profile, counts, typed };
}

function sqlColumns(sql: string, columns: string[]): string[] {
  return columns
    .filter((c) => new RegExp(`(^|[^\\w"])"?${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?([^\\w"]|$)`).test(sql))
    .slice(0, 6);
}

type Add = (
  check: Omit<ValidationCheck, 'samples' | 'status'> & { failed: boolean },
  predicate?: string,
  sampleColumns?: string[],
) => void;

/**
 * Class counts of a numeric label (0/1, 1-5): the distributions pass counts values of text columns only and
 * bins numbers, so without this the class-balance bounds of a numeric label were never checked.
 */
async function countNumericLabel(
  dataset: Dataset,
  view: string,
  typed: TypedColumn[],
  options: CheckOptions,
  counts: ValueCounts,
): Promise<void> {
  const label = options.label;
  const { minClassShare, maxClassShare } = options.config.label;
  if (!label || counts[label] || (minClassShare === undefined && maxClassShare === undefined)) return;
  const column = typed.find((c) => c.name === label);
  if (!column) return;
  const found = await dataset.query(
    `SELECT ${column.raw} AS v, count(*) AS n FROM ${view} WHERE ${column.typed} IS NOT NULL GROUP BY 1 ORDER BY n DESC, v LIMIT ${MAX_COUNTED_DISTINCT}`,
  );
  counts[label] = found.map((r) => ({ value: String(r.v), count: num(r.n) }));
}

function labelChecks(
  options: CheckOptions,
  present: Set<string>,
  rows: number,
  counts: ValueCounts,
  row: Record<string, unknown>,
  typed: TypedColumn[],
  add: Add,
): void {
  const label = options.label;
  if (!label) return;
  const severity = options.config.label.severity;
  const labelRule = {
    file: options.mlopsFile ?? 'mlops.yaml',
    line: options.mlops?.lineOf(['model', 'label']),
    path: 'model.label',
  };
  const index = typed.findIndex((c) => c.name === label);
  const nulls = index >= 0 ? num(row[`null${index}`]) : 0;
  add(
    {
      id: 'label-present',
      suite: 'label',
      name: `label ${label} present in every row`,
      column: label,
      severity,
      failed: !present.has(label) || nulls > 0,
      message: !present.has(label)
        ? `The label column "${label}" is missing.`
        : nulls > 0
          ? `${nulls} row(s) have no label.`
          : 'Every row has a label.',
      expected: `a value of "${label}" in every row`,
      found: !present.has(label) ? 'no such column' : nulls > 0 ? `${nulls} missing` : undefined,
      failingRows: nulls,
      failingShare: share(nulls, rows),
      rule: labelRule,
    },
    index >= 0 ? `(${typed[index]!.raw} IS NULL)` : undefined,
    [label],
  );
  const { minClassShare, maxClassShare } = options.config.label;
  const classes = counts[label];
  if (!classes || (minClassShare === undefined && maxClassShare === undefined)) return;
  const labelled = classes.reduce((n, c) => n + c.count, 0);
  const offenders = classes.filter((c) => {
    const s = share(c.count, labelled);
    return (minClassShare !== undefined && s < minClassShare) || (maxClassShare !== undefined && s > maxClassShare);
  });
  add({
    id: 'label-balance',
    suite: 'label',
    name: `class balance of ${label}`,
    column: label,
    severity,
    failed: offenders.length > 0,
    message: classes.map((c) => `${c.value} ${pct(share(c.count, labelled))}`).join(', '),
    expected: `every class between ${pct(minClassShare ?? 0)} and ${pct(maxClassShare ?? 1)} of rows`,
    found:
      offenders.length > 0
        ? offenders.map((c) => `${c.value}: ${pct(share(c.count, labelled))}`).join(', ')
        : undefined,
    rule: {
      file: options.mlopsFile ?? 'mlops.yaml',
      line: options.mlops?.lineOf(['validate', 'label']),
      path: 'validate.label',
    },
  });
}

/** The column rules per value of each segment column, in one GROUPING SETS pass. */
async function sliceChecks(
  dataset: Dataset,
  view: string,
  typed: TypedColumn[],
  loaded: LoadedSchema,
  options: CheckOptions,
  add: Add,
  failedOverall: Set<string>,
): Promise<void> {
  const segments = (options.config.slices.columns ?? options.segments).filter((s) => typed.some((c) => c.name === s));
  if (segments.length === 0) return;
  const minRows = options.config.slices.minRows;
  const aggregates: string[] = ['count(*) AS n'];
  typed.forEach((c, i) => {
    const col = loaded.schema.columns[c.name]!;
    aggregates.push(`count(*) FILTER (WHERE ${c.raw} IS NULL) AS null${i}`);
    const bad: string[] = [c.violation];
    if (col.min !== undefined) bad.push(`${c.typed} < ${col.min}`);
    if (col.max !== undefined) bad.push(`${c.typed} > ${col.max}`);
    if (col.categories) bad.push(unseenCategory(c, col.categories));
    aggregates.push(`count(*) FILTER (WHERE ${bad.join(' OR ')}) AS bad${i}`);
  });
  const keyOf = segments.map((s, k) => `CASE WHEN grouping(${quoteIdent(s)}) = 0 THEN ${k} END`);
  const sql = `SELECT coalesce(${keyOf.join(', ')}) AS seg, ${segments
    .map((s) => `CAST(${quoteIdent(s)} AS VARCHAR) AS ${quoteIdent(`v_${s}`)}`)
    .join(
      ', ',
    )}, ${aggregates.join(', ')} FROM ${view} GROUP BY GROUPING SETS (${segments.map((s) => `(${quoteIdent(s)})`).join(', ')}) ORDER BY seg, n DESC`;
  const result = await dataset.query(sql);
  const small: Record<string, string[]> = {};
  for (const r of result) {
    const segment = segments[num(r.seg)]!;
    const value = r[`v_${segment}`] === null ? '(missing)' : String(r[`v_${segment}`]);
    const n = num(r.n);
    if (n < minRows) {
      small[segment] = [...(small[segment] ?? []), `${value} (${n})`];
      continue;
    }
    const problems: string[] = [];
    let firstRule: (string | number)[] | undefined;
    typed.forEach((c, i) => {
      // A slice reports what the whole data does not already fail: the segment column itself and rules failing
      // overall (whose rows are in the samples already) would only repeat.
      if (c.name === segment) return;
      const col = loaded.schema.columns[c.name]!;
      const nulls = num(r[`null${i}`]);
      // A small slice scatters around the allowed share by chance: fail only beyond 3 binomial standard deviations.
      const limit = n * col.maxNullShare + 3 * Math.sqrt(n * col.maxNullShare * (1 - col.maxNullShare));
      if (nulls > limit + 1e-9 && !failedOverall.has(`nulls:${c.name}`)) {
        firstRule ??= ['columns', c.name, 'maxNullShare'];
        problems.push(
          `${c.name}: ${pct(share(nulls, n))} missing (allowed ${pct(col.maxNullShare)}, at most ${Math.floor(limit + 1e-9)} of ${n} rows)`,
        );
      }
      const bad = num(r[`bad${i}`]);
      const ruleFailed = ['type', 'range', 'categories'].some((k) => failedOverall.has(`${k}:${c.name}`));
      if (bad > 0 && !ruleFailed) {
        firstRule ??= ['columns', c.name];
        problems.push(`${c.name}: ${bad} value(s) break type/range/category rules`);
      }
    });
    add(
      {
        id: `slice:${segment}=${value}`,
        suite: 'slice',
        name: `slice ${segment} = ${value}`,
        slice: { column: segment, value },
        severity: 'error',
        failed: problems.length > 0,
        message:
          problems.length > 0 ? problems.join('; ') : `${n} rows: no rule fails here that does not fail overall.`,
        expected: 'the column rules hold within the slice',
        found: problems.length > 0 ? problems.join('; ') : undefined,
        rule: {
          file: loaded.file,
          line: loaded.lineOf(firstRule ?? ['columns']),
          path: (firstRule ?? ['columns']).join('.'),
        },
      },
      undefined,
    );
  }
  for (const [segment, values] of Object.entries(small)) {
    smallSlices(add, segment, values, minRows, options);
  }
}

function smallSlices(add: Add, segment: string, values: string[], minRows: number, options: CheckOptions): void {
  add({
    id: `slice-small:${segment}`,
    suite: 'slice',
    name: `slices of ${segment} below ${minRows} rows`,
    severity: 'warning',
    failed: false,
    message: `Not checked (fewer than ${minRows} rows): ${values.join(', ')}.`,
    rule: {
      file: options.mlopsFile ?? 'mlops.yaml',
      line: options.mlops?.lineOf(['validate', 'slices']),
      path: 'validate.slices.minRows',
    },
  });
}

/** Up to 5 failing rows per failed check: row numbers in one pass (min(row, 5) per check), then the rows. */
async function attachSamples(dataset: Dataset, view: string, typed: TypedColumn[], pending: Pending[]): Promise<void> {
  const failing = pending.filter((p) => p.check.status !== 'pass' && p.predicate && p.predicate !== 'false');
  if (failing.length === 0) return;
  const numbered = `(SELECT row_number() OVER () AS __row, * FROM ${view})`;
  const firsts = failing.map((p, k) => `min(__row, 5) FILTER (WHERE ${p.predicate}) AS s${k}`);
  const [found] = await dataset.query(`SELECT ${firsts.join(', ')} FROM ${numbered}`);
  const wanted = new Set<number>();
  const perCheck = failing.map((_, k) => ((found?.[`s${k}`] as unknown[] | null) ?? []).map(num).sort((a, b) => a - b));
  for (const list of perCheck) for (const r of list) wanted.add(r);
  if (wanted.size === 0) return;
  const rawOf = new Map(typed.map((c) => [c.name, asText(c.raw)]));
  const columns = [...new Set(failing.flatMap((p) => p.sampleColumns))].filter((c) => rawOf.has(c));
  const select = columns.map((c) => `${rawOf.get(c)} AS ${quoteIdent(c)}`).join(', ');
  const rows = await dataset.query(
    `SELECT __row${select ? `, ${select}` : ''} FROM ${numbered} WHERE __row IN (${[...wanted].join(', ')})`,
  );
  const byRow = new Map(rows.map((r) => [num(r.__row), r]));
  failing.forEach((p, k) => {
    p.check.samples = perCheck[k]!.map((rowNumber): SampleRow => {
      const r = byRow.get(rowNumber) ?? {};
      const values: SampleRow['values'] = {};
      for (const c of p.sampleColumns) if (rawOf.has(c)) values[c] = (r[c] as string | null | undefined) ?? null;
      return { row: rowNumber, values };
    });
  });
}

/**
 * Each user SQL check run on its own over the first 100 rows, before the pass that counts them all: a typo or a
 * condition that is not true/false (a text column, say) then names its check and line in mlops.yaml instead of
 * failing the whole pass with the generated query. The rows are read once first, so that an error of the data
 * itself is reported as one.
 */
async function assertSqlChecksRun(
  dataset: Dataset,
  view: string,
  sqlChecks: SqlCheckConfig[],
  predicates: Record<string, string>,
  options: CheckOptions,
): Promise<void> {
  if (sqlChecks.length === 0) return;
  const sample = `(SELECT * FROM ${view} LIMIT 100)`;
  await dataset.query(`SELECT count(*) FROM ${sample}`);
  for (const [k, check] of sqlChecks.entries()) {
    try {
      await dataset.query(`SELECT count(*) FILTER (WHERE ${predicates[`sql${k}`]}) FROM ${sample}`);
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      const reason = messageOf(cause).split('\n')[0];
      throw new MlopsError(`The SQL of check "${check.name}" does not run: ${reason}`, {
        kind: 'config',
        where: {
          file: options.mlopsFile ?? 'mlops.yaml',
          line: options.mlops?.lineOf(['validate', 'checks', k, 'sql']),
        },
        expected: `a DuckDB SQL condition, true for good rows, over the columns ${dataset.columns.map((c) => c.name).join(', ')}`,
        found: check.sql,
        hint: 'Quote column names that are not plain words in double quotes, text values in single quotes.',
      });
    }
  }
}

/**
 * Range and category violations read off the profile where it settles them: min and max inside the bounds mean
 * no value is outside; exact value counts of a text column give the unseen categories. Returns the aliases of
 * the checks that still need a counting pass (only when something is wrong, or the counts are not exact).
 */
function countedFromProfile(
  typed: TypedColumn[],
  schema: LoadedSchema['schema'],
  profiles: ColumnProfile[],
  counts: ValueCounts,
  row: Record<string, unknown>,
): string[] {
  const recount: string[] = [];
  typed.forEach((c, i) => {
    const col = schema.columns[c.name]!;
    const p = profiles[i]!;
    const valid = num(row[`valid${i}`]);
    if (col.min !== undefined || col.max !== undefined) {
      const { min, max } = p;
      const inside =
        valid === 0 ||
        (min !== null &&
          min !== undefined &&
          max !== null &&
          max !== undefined &&
          (col.min === undefined || min >= col.min) &&
          (col.max === undefined || max <= col.max));
      if (inside) row[`range${i}`] = 0;
      else recount.push(`range${i}`);
    }
    if (col.categories) {
      const values = counts[c.name];
      if (c.type === 'string' && values) {
        const known = new Set(col.categories);
        row[`cat${i}`] = values.reduce((n, v) => n + (known.has(v.value) ? 0 : v.count), 0);
      } else recount.push(`cat${i}`);
    }
  });
  return recount;
}

/** SQL: a present value that is not one of the schema's categories (compared as the raw text). */
function unseenCategory(c: TypedColumn, categories: string[]): string {
  return `(${c.typed} IS NOT NULL AND ${asText(c.raw)} NOT IN (${categories.map(sqlString).join(', ') || 'NULL'}))`;
}

/** A raw column as text: a no-op for text columns, a conversion for natively numeric ones. */
function asText(raw: string): string {
  return `CAST(${raw} AS VARCHAR)`;
}

export function isNumeric(type: string): boolean {
  return isNumericType(type as LogicalType);
}
