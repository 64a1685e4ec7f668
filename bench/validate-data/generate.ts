/** Generates the benchmark table with DuckDB: n rows, 12 numeric and 4 categorical columns, as CSV and Parquet. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadNative } from '../../src/core/native.js';

export const DATA_DIR = join(import.meta.dirname, '..', '.data', 'validate-data');

export interface GeneratedFiles {
  rows: number;
  csv: string;
  parquet: string;
}

function tableSql(rows: number): string {
  const numeric = [
    'i + 1 AS id',
    'CASE WHEN random() < 0.02 THEN NULL ELSE round(170 + 10 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()), 4) END AS height',
    'round(50 + 30 * random(), 6) AS weight',
    'floor(random() * 100)::INTEGER AS age',
    'CASE WHEN random() < 0.05 THEN NULL ELSE round(exp(10 + sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())), 4) END AS income',
    'round(random() * 1000, 4) AS score',
    'floor(random() * 20)::INTEGER AS visits',
    'round(random(), 8) AS ratio',
    'round(-50 + 100 * random(), 5) AS temperature',
    'floor(random() * 5000)::INTEGER AS steps',
    'round(random() * 24, 6) AS hours',
    'round(1000 * random() * random(), 5) AS spend',
  ];
  const categorical = [
    "['red', 'green', 'blue', 'amber', 'violet'][1 + floor(random() * 5)::INTEGER] AS color",
    "'plan_type_' || floor(random() * 20)::INTEGER AS plan",
    "'sales_region_' || floor(random() * 100)::INTEGER AS region",
    "CASE WHEN random() < 0.01 THEN NULL ELSE 'customer_city_' || floor(random() * 1000)::INTEGER END AS city",
  ];
  return `SELECT ${[...numeric, ...categorical].join(', ')} FROM range(${rows}) t(i)`;
}

/** Writes <rows>.csv and <rows>.parquet once (reused when present). */
export async function generate(rows: number): Promise<GeneratedFiles> {
  mkdirSync(DATA_DIR, { recursive: true });
  const csv = join(DATA_DIR, `table-${rows}.csv`);
  const parquet = join(DATA_DIR, `table-${rows}.parquet`);
  if (existsSync(csv) && existsSync(parquet)) return { rows, csv, parquet };
  const duckdb = await loadNative('@duckdb/node-api');
  const db = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  await connection.run('SELECT setseed(0.42)');
  await connection.run(`CREATE TABLE t AS ${tableSql(rows)}`);
  await connection.run(`COPY t TO '${csv}' (FORMAT csv, HEADER)`);
  await connection.run(`COPY t TO '${parquet}' (FORMAT parquet)`);
  connection.closeSync();
  db.closeSync();
  return { rows, csv, parquet };
}
