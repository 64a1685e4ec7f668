/**
 * Column typing and profiling as SQL aggregates: one pass decides the types of text columns, one pass computes
 * counts, nulls, distinct, min/max/mean/std and quantiles for every column at once, and one pass builds the
 * histograms and top values. Nothing is loaded into JavaScript but the aggregates.
 */
import { EngineOutOfMemory, isNumericType, quoteIdent } from '../data/engine.js';
import type { Dataset, LogicalType } from '../data/types.js';
import { messageOf } from '../errors.js';
import type { ColumnProfile } from './report.js';

export const QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];
const TOP_VALUES = 10;

export type ValueType = Exclude<LogicalType, 'other'> | 'other';

/** A column as validation sees it: its raw text (or native value) and the expression typed as the schema says. */
export interface TypedColumn {
  name: string;
  type: ValueType;
  engineType: string;
  /** The value as VARCHAR (for category checks, samples and type violations). */
  raw: string;
  /** The value in its type (numeric as DOUBLE); NULL when missing or when it does not conform. */
  typed: string;
  /** true when a non-null raw value fails to be of the type. */
  violation: string;
  /** The column itself, for counting non-null values without converting them to text. */
  present?: string;
}

export function num(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : Number(value ?? 0);
}

export function numOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = num(value);
  return Number.isFinite(n) ? n : null;
}

function textAs(raw: string, type: ValueType): string {
  // One conversion per value: DuckDB evaluates each expression of a projection once, but repeats a repeated one.
  switch (type) {
    case 'integer':
      // A whole number written without a decimal point ("7", "-3", "1e3"); "7.0" is a number, not an integer.
      return `CAST(TRY_CAST(CASE WHEN NOT contains(${raw}, '.') THEN ${raw} END AS BIGINT) AS DOUBLE)`;
    case 'number':
      return `TRY_CAST(${raw} AS DOUBLE)`;
    case 'boolean':
      return `TRY_CAST(${raw} AS BOOLEAN)`;
    case 'date':
      return `TRY_CAST(${raw} AS DATE)`;
    case 'timestamp':
      return `TRY_CAST(${raw} AS TIMESTAMP)`;
    default:
      return raw;
  }
}

/** How to read a column of the dataset as `type` (the schema's, or the engine's own when there is no schema). */
export function typedColumn(dataset: Dataset, name: string, type: ValueType): TypedColumn {
  const info = dataset.columns.find((c) => c.name === name)!;
  const q = quoteIdent(name);
  const raw = info.engineType === 'VARCHAR' ? q : `CAST(${q} AS VARCHAR)`;
  const native = info.type === type || (type === 'number' && info.type === 'integer');
  let typed: string;
  if (native) typed = isNumericType(info.type) ? `CAST(${q} AS DOUBLE)` : q;
  else if (type === 'integer' && info.type === 'number')
    typed = `(CASE WHEN ${q} = trunc(${q}) THEN CAST(${q} AS DOUBLE) END)`;
  else typed = textAs(raw, type);
  const violation = native ? 'false' : `(${q} IS NOT NULL AND ${typed} IS NULL)`;
  return { name, type, engineType: info.engineType, raw, typed, violation, present: q };
}

/**
 * Types of text columns from every value: the narrowest of boolean, integer, number, date, timestamp that all
 * non-null values fit, else string. Native (Parquet, JSON) types are kept as they are.
 */
export async function inferTypes(dataset: Dataset): Promise<Record<string, ValueType>> {
  const types: Record<string, ValueType> = {};
  const text = dataset.columns.filter((c) => c.engineType === 'VARCHAR');
  for (const c of dataset.columns) if (c.engineType !== 'VARCHAR') types[c.name] = c.type;
  if (text.length === 0) return types;
  const parts: string[] = [];
  text.forEach((c, i) => {
    const v = quoteIdent(c.name);
    parts.push(
      `count(${v}) AS n${i}`,
      `count(*) FILTER (WHERE lower(trim(${v})) IN ('true', 'false')) AS b${i}`,
      `count(*) FILTER (WHERE regexp_full_match(trim(${v}), '[+-]?[0-9]+')) AS i${i}`,
      `count(*) FILTER (WHERE isfinite(TRY_CAST(${v} AS DOUBLE))) AS f${i}`,
      `count(*) FILTER (WHERE regexp_full_match(trim(${v}), '[0-9]{4}-[0-9]{2}-[0-9]{2}') AND TRY_CAST(${v} AS DATE) IS NOT NULL) AS d${i}`,
      `count(*) FILTER (WHERE regexp_full_match(trim(${v}), '[0-9]{4}-[0-9]{2}-[0-9]{2}[ T].+') AND TRY_CAST(${v} AS TIMESTAMP) IS NOT NULL) AS t${i}`,
    );
  });
  const [row] = await dataset.query(`SELECT ${parts.join(', ')} FROM ${dataset.relation}`);
  text.forEach((c, i) => {
    const n = num(row?.[`n${i}`]);
    const all = (k: string) => n > 0 && num(row?.[`${k}${i}`]) === n;
    types[c.name] = all('b')
      ? 'boolean'
      : all('i')
        ? 'integer'
        : all('f')
          ? 'number'
          : all('d')
            ? 'date'
            : all('t')
              ? 'timestamp'
              : 'string';
  });
  return types;
}

export interface ProfileResult {
  rows: number;
  columns: ColumnProfile[];
  /** The aggregate row, including any extra aggregates asked for (by alias). */
  row: Record<string, unknown>;
}

/**
 * Statistics are exact up to this many rows; above, distinct counts of numeric columns come from HyperLogLog and
 * quantiles from a 2,000-bin histogram (error at most (max - min) / 2000), which keeps every pass streaming.
 */
export const DEFAULT_EXACT_MAX_ROWS = 100_000;
const FINE_BINS = 2000;
/** Columns with more distinct values than this get no value counts (free text, identifiers). */
export const MAX_COUNTED_DISTINCT = 10_000;

/**
 * Pass 1: counts, nulls, distinct, min/max/mean/sample std (ddof = 1) and, when exact, quantiles by linear
 * interpolation (quantile_cont, pandas' default) for every column at once, plus any extra aggregates.
 */
export async function profileColumns(
  dataset: Dataset,
  columns: TypedColumn[],
  relation = dataset.relation,
  extra: string[] = [],
  exact = true,
  /** Columns whose distinct values are counted exactly even when the rest is approximate (key candidates). */
  exactDistinct: ReadonlySet<string> = new Set(),
): Promise<ProfileResult> {
  // Each typed and raw expression computed once per row in a projection; the aggregates read the results.
  const projected = columns.map((c, i) => ({
    ...c,
    typed: `__t${i}`,
    raw: `__r${i}`,
    present: `__p${i}`,
  }));
  const projection = columns
    .map((c, i) => {
      const textual = !isNumericType(c.type as LogicalType);
      return [
        `${c.typed} AS __t${i}`,
        `${c.present ?? c.raw} AS __p${i}`,
        ...(textual ? [`${c.raw} AS __r${i}`] : []),
      ].join(', ');
    })
    .join(', ');
  const source = `(SELECT *${projection ? `, ${projection}` : ''} FROM ${relation})`;
  /**
   * The aggregates. Retried (`finite`) when DuckDB refuses a deviation that is not finite: NaN, infinities or values
   * beyond ±1e154 (sentinels such as 1.8e308). Then the mean and deviation are of the finite values only, and the
   * mean and deviation of column i are taken on values × 2^-shifts[i] (exact) so that sums and squares do not
   * overflow.
   */
  const sql = (finite: boolean, shifts: number[] = []) => {
    const parts = ['count(*) AS rows', ...extra];
    projected.forEach((c, i) => {
      const precise = exact || exactDistinct.has(c.name);
      const distinct = (e: string) => (precise ? `count(DISTINCT ${e})` : `approx_count_distinct(${e})`);
      parts.push(`count(${c.present}) AS nonnull${i}`, `count(${c.typed}) AS valid${i}`);
      if (isNumericType(c.type as LogicalType)) {
        // Distinct numbers are counted only when exact: a HyperLogLog per column costs more than the rest of the pass.
        if (precise) parts.push(`count(DISTINCT ${c.typed}) AS distinct${i}`);
        const shift = shifts[i] ?? 0;
        const moment = finite ? `CASE WHEN isfinite(${c.typed}) THEN ${c.typed} END` : c.typed;
        const scaled = shift === 0 ? moment : `${moment} * ${2 ** -shift}`;
        parts.push(
          `min(${c.typed}) AS min${i}`,
          `max(${c.typed}) AS max${i}`,
          `avg(${scaled}) AS mean${i}`,
          `stddev_samp(${scaled}) AS std${i}`,
        );
        if (exact) parts.push(`quantile_cont(${c.typed}, [${QUANTILES.join(', ')}]) AS q${i}`);
      } else {
        parts.push(
          `${distinct(c.raw)} AS distinct${i}`,
          `min(length(${c.raw})) AS minlen${i}`,
          `max(length(${c.raw})) AS maxlen${i}`,
        );
      }
    });
    return `SELECT ${parts.join(', ')} FROM ${source}`;
  };
  let shifts: number[] = [];
  let row: Record<string, unknown>;
  try {
    [row = {}] = await dataset.query(sql(false));
  } catch (error) {
    if (!/STDDEV_SAMP is out of range/i.test(messageOf(error))) throw error;
    shifts = await stdShifts(dataset, source, projected);
    [row = {}] = await dataset.query(sql(true, shifts));
  }
  const rows = num(row.rows);
  const profiles: ColumnProfile[] = columns.map((c, i) => {
    const count = num(row[`nonnull${i}`]);
    const base: ColumnProfile = {
      name: c.name,
      type: c.type,
      engineType: c.engineType,
      count,
      nulls: rows - count,
      nullShare: rows > 0 ? (rows - count) / rows : 0,
      distinct: row[`distinct${i}`] === undefined ? null : num(row[`distinct${i}`]),
    };
    if (!exact) base.approximate = true;
    if (isNumericType(c.type as LogicalType)) {
      const q = (row[`q${i}`] as unknown[] | null) ?? [];
      return {
        ...base,
        min: numOrNull(row[`min${i}`]),
        max: numOrNull(row[`max${i}`]),
        mean: unscaled(row[`mean${i}`], shifts[i]),
        std: unscaled(row[`std${i}`], shifts[i]),
        quantiles: QUANTILES.map((p, k) => ({ q: p, value: exact ? numOrNull(q[k]) : null })),
      };
    }
    return { ...base, minLength: numOrNull(row[`minlen${i}`]), maxLength: numOrNull(row[`maxlen${i}`]) };
  });
  return { rows, columns: profiles, row };
}

/** A mean or deviation taken on values × 2^-shift, back at the values' scale (null when not finite). */
function unscaled(value: unknown, shift = 0): number | null {
  return numOrNull(num(value ?? Number.NaN) * 2 ** shift);
}

/**
 * Per numeric column, the power of two that brings its largest finite magnitude under 2^480 (0 for ordinary
 * data): scaled by 2^-shift, squared deviations (below 2^962) add up below the largest double for any row count.
 */
async function stdShifts(dataset: Dataset, source: string, columns: TypedColumn[]): Promise<number[]> {
  const numeric = columns.map((c, i) => ({ c, i })).filter(({ c }) => isNumericType(c.type as LogicalType));
  if (numeric.length === 0) return [];
  const [row = {}] = await dataset.query(
    `SELECT ${numeric.map(({ c, i }) => `max(abs(${c.typed})) FILTER (WHERE isfinite(${c.typed})) AS m${i}`).join(', ')} FROM ${source}`,
  );
  const shifts: number[] = [];
  for (const { i } of numeric) {
    const largest = numOrNull(row[`m${i}`]) ?? 0;
    shifts[i] = largest > 2 ** 480 ? Math.ceil(Math.log2(largest)) - 480 : 0;
  }
  return shifts;
}

export type ValueCounts = Record<string, { value: string; count: number }[]>;

/** Quantile q (linear definition) read from equal-width bins: the bin holding the rank, interpolated within it. */
function quantileFromBins(counts: number[], bins: Bins, q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * (total - 1);
  let before = 0;
  for (let k = 0; k < counts.length; k++) {
    const n = counts[k]!;
    if (n > 0 && rank < before + n) {
      const within = n === 1 ? 0.5 : (rank - before) / (n - 1);
      return Math.min(bins.max, Math.max(bins.min, binEdge(bins, k + within)));
    }
    before += n;
  }
  return bins.max;
}

/** FINE_BINS equal bins over [min, max]; `halved`: the range overflows a double, so bins are on values / 2. */
interface Bins {
  min: number;
  max: number;
  width: number;
  halved: boolean;
}

function binsOver(min: number, max: number): Bins {
  // Sentinels such as ±1.8e308 make max - min infinite; halving every value keeps the bins finite.
  const halved = !Number.isFinite(max - min);
  const span = halved ? max / 2 - min / 2 : max - min;
  return { min, max, width: max > min ? span / FINE_BINS : 1, halved };
}

/** SQL: the bin of a value (may fall outside 0..FINE_BINS-1 when the value is outside [min, max]). */
function binSql(value: string, bins: Bins): string {
  return bins.halved
    ? `floor((${value} / 2 - ${bins.min / 2}) / ${bins.width})::INTEGER`
    : `floor((${value} - ${bins.min}) / ${bins.width})::INTEGER`;
}

/** The value at a bin position (0 = min, FINE_BINS = max). */
function binEdge(bins: Bins, position: number): number {
  if (!bins.halved) return bins.min + position * bins.width;
  const t = position / FINE_BINS;
  return bins.min * (1 - t) + bins.max * t;
}

/** Rows and groups of duplicated values of one key set (a group: one value shared by more than one row). */
export interface Duplicates {
  rows: number;
  groups: number;
}

/**
 * One GROUPING SETS query over the chosen sets (indices into `sets`; the first `valueSets` count values, the rest
 * are key sets of which only duplicated, fully non-null values are kept and folded into one row per set). Rows:
 * `which` (the set's index), `k` (the value, for value sets), `n` and `groups`.
 */
function groupingSql(relation: string, sets: string[][], valueSets: number, chosen: number[]): string {
  const alias = (g: number, l: number) => `g${g}_${l}`;
  const values = chosen.filter((g) => g < valueSets);
  const keySets = chosen.filter((g) => g >= valueSets);
  const which = `CASE ${chosen.map((g) => `WHEN grouping(${alias(g, 0)}) = 0 THEN ${g}`).join(' ')} END`;
  const having = keySets.length
    ? ` HAVING ${keySets
        .map((g) => {
          const set = sets[g]!.map((_, l) => alias(g, l));
          return `(grouping(${set[0]}) = 1 OR (count(*) > 1 AND ${set.map((a) => `${a} IS NOT NULL`).join(' AND ')}))`;
        })
        .join(' AND ')}`
    : '';
  // One key column for all value sets (the others are NULL in a set's rows): a row of 20 mostly NULL columns per
  // group cost 130 ms of conversion to JavaScript for the 20,000 groups of the benchmark table.
  const key = values.length ? `coalesce(${values.map((g) => `CAST(${alias(g, 0)} AS VARCHAR)`).join(', ')})` : 'NULL';
  const inner =
    `SELECT ${which} AS which, ${key} AS k, count(*) AS n ` +
    `FROM (SELECT ${chosen.flatMap((g) => sets[g]!.map((e, l) => `${e} AS ${alias(g, l)}`)).join(', ')} FROM ${relation}) ` +
    `GROUP BY GROUPING SETS (${chosen.map((g) => `(${sets[g]!.map((_, l) => alias(g, l)).join(', ')})`).join(', ')})${having}`;
  if (keySets.length === 0) return inner;
  return `SELECT which, k, sum(n) AS n, count(*) AS groups FROM (${inner}) GROUP BY ALL`;
}

/**
 * All sets in one scan when DuckDB's memory limit allows; a GROUPING SETS query keeps a hash table per set and
 * cannot spill below a floor that grows with their number, so when it runs out of memory the sets are split in
 * halves, each one more scan, down to single sets (which spill like any aggregate).
 */
async function groupedInParts(
  dataset: Dataset,
  relation: string,
  sets: string[][],
  valueSets: number,
  chosen: number[],
): Promise<Record<string, unknown>[]> {
  try {
    return await dataset.query(groupingSql(relation, sets, valueSets, chosen));
  } catch (error) {
    if (!(error instanceof EngineOutOfMemory) || chosen.length < 2) throw error;
    const half = Math.ceil(chosen.length / 2);
    const first = await groupedInParts(dataset, relation, sets, valueSets, chosen.slice(0, half));
    return [...first, ...(await groupedInParts(dataset, relation, sets, valueSets, chosen.slice(half)))];
  }
}

/**
 * Pass 2, one GROUPING SETS query: value counts of every column with at most 10,000 distinct values and
 * 2,000-bin histograms of numeric columns (10-bin charts from them; quantiles too when pass 1 was not exact).
 */
export async function addDistributions(
  dataset: Dataset,
  columns: TypedColumn[],
  profiles: ColumnProfile[],
  relation = dataset.relation,
): Promise<ValueCounts> {
  return (await addDistributionsAndDuplicates(dataset, columns, profiles, [], relation)).counts;
}

/**
 * addDistributions plus duplicate counts of key sets (lists of SQL expressions; rows with a NULL key are not
 * counted) in the same query, so that the data is scanned once. Grouped aggregates, unlike count(DISTINCT),
 * spill to disk when the keys do not fit the memory limit.
 */
export async function addDistributionsAndDuplicates(
  dataset: Dataset,
  columns: TypedColumn[],
  profiles: ColumnProfile[],
  keySets: string[][],
  relation = dataset.relation,
): Promise<{ counts: ValueCounts; duplicates: Duplicates[] }> {
  const all: ValueCounts = {};
  const keys: string[] = [];
  /** What each key is: the bins of a numeric column, or (no bins) the values of a text one. */
  const plans: { index: number; bins?: Bins }[] = [];
  columns.forEach((c, i) => {
    const p = profiles[i]!;
    if (p.count === 0) return;
    if (isNumericType(c.type as LogicalType)) {
      if (p.min === null || p.max === null || p.min === undefined || p.max === undefined) return;
      const bins = binsOver(p.min, p.max);
      // No least() here: it ignores NULL and would put missing values into the last bin; JS clamps instead.
      keys.push(binSql(c.typed, bins));
      plans.push({ index: i, bins });
    } else if (p.distinct !== null && p.distinct <= MAX_COUNTED_DISTINCT) {
      keys.push(c.raw);
      plans.push({ index: i });
    }
  });
  const duplicates: Duplicates[] = keySets.map(() => ({ rows: 0, groups: 0 }));
  if (keys.length === 0 && keySets.length === 0) return { counts: all, duplicates };
  // Grouping set g: keys[g] (one value or bin per row), then keySets[g - keys.length] (duplicated keys only).
  const sets = [...keys.map((k) => [k]), ...keySets];
  const result = await groupedInParts(dataset, relation, sets, keys.length, [...sets.keys()]);
  const grouped: { key: string; count: number }[][] = plans.map(() => []);
  for (const r of result) {
    const k = num(r.which);
    if (k >= keys.length) {
      duplicates[k - keys.length] = { rows: num(r.n), groups: num(r.groups) };
      continue;
    }
    const key = r.k;
    if (key === null || key === undefined) continue;
    grouped[k]!.push({ key: String(key), count: num(r.n) });
  }
  plans.forEach((plan, k) => {
    const profile = profiles[plan.index]!;
    if (plan.bins) {
      const bins = plan.bins;
      const fine = new Array<number>(FINE_BINS).fill(0);
      for (const g of grouped[k]!) fine[Math.max(0, Math.min(FINE_BINS - 1, Number(g.key)))]! += g.count;
      const chartBins = 10;
      const per = FINE_BINS / chartBins;
      const counts = Array.from({ length: chartBins }, (_, b) =>
        fine.slice(b * per, (b + 1) * per).reduce((x, y) => x + y, 0),
      );
      const edges = Array.from({ length: chartBins + 1 }, (_, b) => binEdge(bins, b * per));
      profile.histogram = { edges, counts };
      if (profile.approximate && profile.quantiles) {
        profile.quantiles = profile.quantiles.map((q) => ({
          q: q.q,
          value: quantileFromBins(fine, bins, q.q),
        }));
      }
    } else {
      const counts = grouped[k]!.map((g) => ({ value: g.key, count: g.count })).sort(
        (a, b) => b.count - a.count || (a.value < b.value ? -1 : 1),
      );
      all[profile.name] = counts;
      profile.topValues = counts.slice(0, TOP_VALUES);
      // Counted exactly here, so better than the HyperLogLog estimate of pass 1.
      profile.distinct = counts.length;
    }
  });
  return { counts: all, duplicates };
}
