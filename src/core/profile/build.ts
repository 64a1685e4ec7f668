/**
 * Builds a reference profile with SQL aggregates through the data engine, in at most three scans:
 * 1. counts, nulls, min/max/mean/std and approximate distinct counts of every column;
 * 2. exact value counts of categorical and low-cardinality numeric columns, approximate quantiles of the others;
 * 3. exact counts at and between those quantile knots (histogram with boundaries).
 */
import type { ColumnInfo, Dataset, LogicalType } from '../data/types.js';
import { MlopsError } from '../errors.js';
import {
  type ColumnProfile,
  DEFAULT_MAX_CATEGORIES,
  DEFAULT_QUANTILES,
  type Knot,
  type ProfileOptions,
  type ReferenceProfile,
} from './schema.js';
import { ident, knotBoundaries, list, num } from './sql.js';

export type ColumnKind = 'numeric' | 'categorical';

/** Dates and timestamps are not profiled: they index the data (prediction log windows) rather than describe it. */
export function columnKind(type: LogicalType): ColumnKind | undefined {
  if (type === 'integer' || type === 'number') return 'numeric';
  if (type === 'string' || type === 'boolean' || type === 'other') return 'categorical';
  return undefined;
}

/**
 * A numeric column's values for statistics: finite numbers only. Infinities and NaN are present values (counted as
 * such) but have no place on a distribution: DuckDB's stddev fails on them, and a distance with an infinite value
 * is not a number.
 */
export function numericExpr(name: string): string {
  const x = `CAST(${ident(name)} AS DOUBLE)`;
  return `(CASE WHEN isfinite(${x}) THEN ${x} END)`;
}

export function categoricalExpr(name: string): string {
  return `CAST(${ident(name)} AS VARCHAR)`;
}

function whereClause(where: string | undefined): string {
  return where ? ` WHERE ${where}` : '';
}

export function selectColumns(dataset: Dataset, names: string[] | undefined): ColumnInfo[] {
  const all = dataset.columns.filter((c) => columnKind(c.type) !== undefined);
  if (!names) return all;
  return names.map((name) => {
    const info = dataset.columns.find((c) => c.name === name);
    if (!info) {
      throw new MlopsError(`Column "${name}" is not in ${dataset.source}.`, {
        kind: 'input',
        where: { file: dataset.source, field: name },
        expected: `one of ${dataset.columns.map((c) => c.name).join(', ')}`,
        hint: 'Check the column list in mlops.yaml (model.features) against the data.',
      });
    }
    return info;
  });
}

export async function buildReferenceProfile(dataset: Dataset, options: ProfileOptions = {}): Promise<ReferenceProfile> {
  const quantiles = options.quantiles ?? DEFAULT_QUANTILES;
  const maxCategories = options.maxCategories ?? DEFAULT_MAX_CATEGORIES;
  const columns = selectColumns(dataset, options.columns);
  const from = `${dataset.relation}${whereClause(options.where)}`;

  // Scan 1: basic aggregates.
  const aggregates: string[] = ['count(*) AS "rows"'];
  columns.forEach((c, i) => {
    aggregates.push(`count(${ident(c.name)}) AS "n${i}"`);
    if (columnKind(c.type) === 'numeric') {
      const x = numericExpr(c.name);
      aggregates.push(
        `min(${x}) AS "min${i}"`,
        `max(${x}) AS "max${i}"`,
        `avg(${x}) AS "mean${i}"`,
        `stddev_pop(${x}) AS "std${i}"`,
      );
      // Distinct numbers only choose between value counts and a quantile sketch; without a sketch they are not
      // needed, and a HyperLogLog per column costs more than the rest of the pass.
      if (options.sketchNumeric !== false) aggregates.push(`approx_count_distinct(${x}) AS "d${i}"`);
    } else {
      aggregates.push(`approx_count_distinct(${categoricalExpr(c.name)}) AS "d${i}"`);
    }
  });
  const [basic] = await dataset.query(`SELECT ${aggregates.join(', ')} FROM ${from}`);
  const rows = num(basic?.rows ?? 0);

  // Scan 2: exact value counts for small cardinalities, exact quantiles otherwise.
  const second: string[] = [];
  const plan = columns.map((c, i) => {
    const kind = columnKind(c.type)!;
    const distinct = num(basic?.[`d${i}`]);
    const count = num(basic?.[`n${i}`]);
    if (kind === 'categorical') {
      if (distinct <= maxCategories * 1.5) {
        const h = `histogram(${categoricalExpr(c.name)})`;
        second.push(`to_json(map_keys(${h})) AS "k${i}"`, `to_json(map_values(${h})) AS "v${i}"`);
        return { kind, mode: 'values' as const };
      }
      return { kind, mode: 'top' as const };
    }
    if (count === 0) return { kind, mode: 'empty' as const };
    if (options.sketchNumeric === false) return { kind, mode: 'moments' as const };
    if (distinct <= quantiles) {
      const h = `histogram(${numericExpr(c.name)})`;
      second.push(`to_json(map_keys(${h})) AS "k${i}"`, `to_json(map_values(${h})) AS "v${i}"`);
      return { kind, mode: 'values' as const };
    }
    const ranks = Array.from({ length: quantiles + 1 }, (_, r) => r / quantiles);
    // Knots at approximate quantiles (t-digest): exact order statistics cost a sort per rank in DuckDB, and the
    // knots only need to be spread evenly; the counts at and between them (scan 3) are exact either way.
    second.push(`to_json(approx_quantile(${numericExpr(c.name)}, [${ranks.join(',')}])) AS "q${i}"`);
    return { kind, mode: 'quantiles' as const };
  });
  const [exact] = second.length > 0 ? await dataset.query(`SELECT ${second.join(', ')} FROM ${from}`) : [{}];

  // Scan 3: exact counts at and between quantile knots.
  const third: string[] = [];
  const knotsOf = new Map<number, { knots: number[]; bins: ReturnType<typeof knotBoundaries> }>();
  plan.forEach((p, i) => {
    if (p.mode !== 'quantiles') return;
    const ends = [num(basic?.[`min${i}`]), num(basic?.[`max${i}`])];
    const knots = [...new Set([...ends, ...list(exact?.[`q${i}`]).map(num)])]
      .filter((v) => v >= ends[0]! && v <= ends[1]!)
      .sort((a, b) => a - b);
    const bins = knotBoundaries(knots);
    knotsOf.set(i, { knots, bins });
    third.push(
      `to_json(map_values(histogram(${numericExpr(columns[i]!.name)}, [${bins.boundaries.map((b) => b.toExponential()).join(',')}]::DOUBLE[]))) AS "h${i}"`,
    );
  });
  const [hist] = third.length > 0 ? await dataset.query(`SELECT ${third.join(', ')} FROM ${from}`) : [{}];

  const profiled: Record<string, ColumnProfile> = {};
  for (const [i, c] of columns.entries()) {
    const p = plan[i]!;
    const count = num(basic?.[`n${i}`]);
    const base = { kind: p.kind, engineType: c.engineType, count, nulls: rows - count };
    if (p.kind === 'categorical') {
      const pairs =
        p.mode === 'values'
          ? zipCounts(list(exact?.[`k${i}`]).map(String), list(exact?.[`v${i}`]).map(num))
          : await topCategories(dataset, c.name, from, maxCategories);
      pairs.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const kept = pairs.slice(0, maxCategories);
      const keptCount = kept.reduce((s, [, n]) => s + n, 0);
      profiled[c.name] = {
        ...base,
        categorical: {
          categories: kept,
          otherCount: count - keptCount,
          distinct: p.mode === 'values' ? pairs.length : Math.max(pairs.length, num(basic?.[`d${i}`])),
        },
      };
      continue;
    }
    if (p.mode === 'empty') {
      profiled[c.name] = base;
      continue;
    }
    let knots: Knot[] = [];
    if (p.mode === 'values') {
      knots = zipCounts(list(exact?.[`k${i}`]).map(num), list(exact?.[`v${i}`]).map(num))
        .sort((a, b) => a[0] - b[0])
        .map(([value, n]) => [value, n, 0] as Knot);
    } else if (p.mode === 'quantiles') {
      const { knots: values, bins } = knotsOf.get(i)!;
      const counts = list(hist?.[`h${i}`]).map(num);
      knots = values.map((value, j) => {
        const between = bins.betweenBin[j]! >= 0 && j > 0 ? (counts[bins.betweenBin[j]!] ?? 0) : 0;
        return [value, counts[bins.atBin[j]!] ?? 0, between] as Knot;
      });
    }
    profiled[c.name] = {
      ...base,
      numeric: {
        min: num(basic?.[`min${i}`]),
        max: num(basic?.[`max${i}`]),
        mean: num(basic?.[`mean${i}`]),
        std: num(basic?.[`std${i}`]),
        exact: p.mode === 'values',
        rankError: 0,
        knots,
      },
    };
  }
  return {
    kind: 'ReferenceProfile',
    schemaVersion: 1,
    createdAt: new Date().toISOString(),
    sources: [dataset.source],
    rows,
    settings: { quantiles, maxCategories },
    columns: profiled,
  };
}

function zipCounts<K>(keys: K[], counts: number[]): [K, number][] {
  return keys.map((k, j) => [k, counts[j] ?? 0]);
}

async function topCategories(dataset: Dataset, name: string, from: string, limit: number): Promise<[string, number][]> {
  const rows = await dataset.query(
    `SELECT ${categoricalExpr(name)} AS v, count(*) AS n FROM ${from} ${from.includes(' WHERE ') ? 'AND' : 'WHERE'} ${ident(name)} IS NOT NULL GROUP BY 1 ORDER BY n DESC, v LIMIT ${limit}`,
  );
  return rows.map((r) => [String(r.v), num(r.n)]);
}
