/**
 * What no DuckDB-based validate-data command can go below on this machine, for the benchmark table: started by
 * bench/validate-data/run.ts as its own plain `node` process (no tsx), so that loading Node and DuckDB is timed as
 * the CLI pays it.
 *
 *   node bench/validate-data/floor.mjs <data.csv|data.parquet> <bounds.json>
 *
 * Prints one JSON line, times in ms since the process started, and the process' peak memory (MB) after loading,
 * after the scan and after the counts scan:
 * - loaded: Node started, @duckdb/node-api imported, an instance created and `SELECT 1` answered;
 * - scan: one read of every column (count of each), the least a command reading the data does;
 * - group: one GROUPING SETS scan giving only the value counts of the text columns and 2,000-bin histograms of the
 *   numeric ones, with the bins' bounds given (bounds.json: min and max per numeric column, not timed). It is a
 *   strict subset of a profile: no means, deviations, null counts, types, quantiles or key checks, and bins that
 *   a real run must first find.
 * - moments: one scan with count, min, max, mean and standard deviation of each numeric column and the count of
 *   each text column (the rest of a profile's first pass);
 * - fused: counts, histograms and moments in one plain aggregate (histogram() beside the moments), the other way
 *   to get both from one scan.
 * A command needs the histograms and the moments: its floor is loaded + the cheaper of group + moments and fused.
 * Numeric CSV columns are read as DOUBLE (DuckDB's fastest CSV path); validate-data must read text to report bad
 * values, which costs more.
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [file, boundsFile] = process.argv.slice(2);
if (!file || !boundsFile) throw new Error('usage: floor.mjs <data> <bounds.json>');
/** @type {Record<string, {min: number, max: number} | null>} name -> bounds (numeric) or null (text) */
const columns = JSON.parse(readFileSync(boundsFile, 'utf8'));
const names = Object.keys(columns);
const quote = (name) => `"${name.replace(/"/g, '""')}"`;
const literal = (text) => `'${text.replace(/'/g, "''")}'`;

const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
await connection.run('SELECT 1');
const loaded = performance.now();
/** Peak resident memory of this process so far, MB. */
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const loadedMb = peakMb();

const source = file.endsWith('.parquet')
  ? `read_parquet(${literal(file)})`
  : `read_csv(${literal(file)}, header=true, auto_detect=false, delim=',', quote='"', escape='"', nullstr=[''], columns={${names
      .map((n) => `${literal(n)}: '${columns[n] ? 'DOUBLE' : 'VARCHAR'}'`)
      .join(', ')}})`;

let started = performance.now();
await connection.run(`SELECT ${names.map((n) => `count(${quote(n)})`).join(', ')} FROM ${source}`);
const scan = performance.now() - started;
const scanMb = peakMb();

const keys = names.map((n, i) => {
  const bounds = columns[n];
  if (!bounds) return `${quote(n)} AS k${i}`;
  const width = bounds.max > bounds.min ? (bounds.max - bounds.min) / 2000 : 1;
  return `floor((${quote(n)} - ${bounds.min}) / ${width})::INTEGER AS k${i}`;
});
started = performance.now();
const grouped = await connection.runAndReadAll(
  `SELECT count(*) AS n FROM (SELECT ${keys.join(', ')} FROM ${source}) GROUP BY GROUPING SETS (${names.map((_, i) => `(k${i})`).join(', ')})`,
);
const group = performance.now() - started;
const groupMb = peakMb();

const numeric = names.filter((n) => columns[n]);
const momentAggregates = [
  ...numeric.map((n) => {
    const q = quote(n);
    return `count(${q}), min(${q}), max(${q}), avg(${q}), stddev_samp(${q})`;
  }),
  ...names.filter((n) => !columns[n]).map((n) => `count(${quote(n)})`),
];
started = performance.now();
await connection.run(`SELECT ${momentAggregates.join(', ')} FROM ${source}`);
const moments = performance.now() - started;

started = performance.now();
await connection.run(
  `SELECT ${[...momentAggregates, ...names.map((_, i) => `histogram(k${i})`)].join(', ')} FROM (SELECT *, ${keys.join(', ')} FROM ${source})`,
);
const fused = performance.now() - started;
const ms = (x) => Math.round(x);
process.stdout.write(
  `${JSON.stringify({ loaded: ms(loaded), scan: ms(scan), group: ms(group), moments: ms(moments), fused: ms(fused), groups: grouped.currentRowCount, loadedMb, scanMb, groupMb })}\n`,
);
connection.closeSync();
db.closeSync();
