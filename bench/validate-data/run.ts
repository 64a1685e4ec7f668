/**
 * validate-data vs pandas on a generated table (12 numeric, 4 categorical columns): `mlops validate-data --infer`
 * then `mlops validate-data` (two CLI processes, as in CI) against one pandas script doing the same profile and
 * checks (read_csv, describe, value_counts, nunique, null counts, range/category/key checks). Wall time and peak
 * RSS of every child process come from /usr/bin/time. Also: scaling over row counts, and a run with a DuckDB
 * memory_limit far below the data size (DuckDB spills to disk).
 *
 *   node --import tsx bench/validate-data/run.ts [--rows 2000000] [--scaling 250000,500000,1000000,2000000,4000000]
 *     [--memory-limit 256MB] [--limit-rows 4000000]
 *
 * Writes bench/validate-data/RESULTS.md. The CLI is dist/cli/index.js when built (npm run build), else src via tsx.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseSchema } from '../../src/core/validate/schema.js';
import { DATA_DIR, type GeneratedFiles, generate } from './generate.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '2000000' },
    scaling: { type: 'string', default: '250000,500000,1000000,2000000,4000000' },
    'memory-limit': { type: 'string', default: '256MB' },
    'limit-rows': { type: 'string', default: '4000000' },
  },
});

const ROOT = join(import.meta.dirname, '..', '..');
const PYTHON = '/usr/bin/python3';
const TIME = '/usr/bin/time';
/** The CLI bundled from the current sources into bench/.data (the shared dist/ may be rebuilt meanwhile). */
const BUNDLE_DIR = join(DATA_DIR, 'dist');
const cli = {
  command: process.execPath,
  args: [join(BUNDLE_DIR, 'cli', 'index.js')],
  label: 'the CLI bundled by scripts/build.ts',
};

interface Measured {
  seconds: number;
  maxRssMb: number;
  exitCode: number;
  output: string;
}

/** Runs a command under /usr/bin/time and returns wall seconds and peak RSS of that process. */
function timed(command: string, commandArgs: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Measured {
  const stats = join(DATA_DIR, `time-${process.pid}.txt`);
  const result = spawnSync(TIME, ['-f', '%e %M', '-o', stats, command, ...commandArgs], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const [seconds, kb] = readFileSync(stats, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  rmSync(stats, { force: true });
  return {
    seconds: seconds!,
    maxRssMb: kb! / 1024,
    exitCode: result.status ?? -1,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}`,
  };
}

function workspace(name: string, data: string): string {
  const dir = join(DATA_DIR, `ws-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'mlops.yaml'), `version: 1\ndata:\n  train: ${data}\n`);
  return dir;
}

interface ToolRun {
  infer: Measured;
  check: Measured;
  seconds: number;
  maxRssMb: number;
  schemaFile: string;
}

function runMlops(name: string, data: string, env: NodeJS.ProcessEnv = {}): ToolRun {
  const dir = workspace(name, data);
  const infer = timed(cli.command, [...cli.args, 'validate-data', '--infer'], dir, env);
  if (infer.exitCode !== 0) throw new Error(`infer failed on ${data}:\n${infer.output.slice(-2000)}`);
  const check = timed(cli.command, [...cli.args, 'validate-data'], dir, env);
  if (check.exitCode !== 0)
    throw new Error(`check failed on ${data} (exit ${check.exitCode}):\n${check.output.slice(-3000)}`);
  const schemaDir = join(dir, '.mlops', 'schema');
  const schemaFile = join(schemaDir, execFileSync('ls', [schemaDir], { encoding: 'utf8' }).trim().split('\n')[0]!);
  return {
    infer,
    check,
    seconds: infer.seconds + check.seconds,
    maxRssMb: Math.max(infer.maxRssMb, check.maxRssMb),
    schemaFile,
  };
}

function runPandas(csv: string, schemaFile: string): Measured {
  const loaded = parseSchema(readFileSync(schemaFile, 'utf8'), schemaFile);
  const json = join(DATA_DIR, 'schema-for-pandas.json');
  writeFileSync(json, JSON.stringify(loaded.schema));
  const run = timed(PYTHON, [join(import.meta.dirname, 'pandas_baseline.py'), csv, json], ROOT);
  if (run.exitCode !== 0) throw new Error(`pandas failed:\n${run.output.slice(-2000)}`);
  const failed = (JSON.parse(run.output.trim().split('\n').pop()!) as { failed: string[] }).failed;
  if (failed.length > 0) throw new Error(`pandas found failures on clean data: ${failed.join(', ')}`);
  return run;
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

/**
 * The least any DuckDB-based command takes here (bench/validate-data/floor.mjs, best of 3 plain-node processes):
 * loading Node and DuckDB, then the cheapest measured way to get value counts, histograms with known bins and
 * moments. Infer and check are two commands, so each has half of pandas' time divided by the target.
 */
type FloorPart = 'loaded' | 'scan' | 'group' | 'moments' | 'fused' | 'loadedMb' | 'scanMb' | 'groupMb';

function floors(
  say: (line?: string) => void,
  files: GeneratedFiles,
  schemaFile: string,
  pandasSeconds: number,
  pandasMb: number,
): void {
  const memory: string[] = [];
  const loaded = parseSchema(readFileSync(schemaFile, 'utf8'), schemaFile).schema;
  const bounds = Object.fromEntries(
    Object.entries(loaded.columns).map(([name, c]) => [
      name,
      c.type === 'integer' || c.type === 'number' ? { min: c.min ?? 0, max: c.max ?? 0 } : null,
    ]),
  );
  const boundsFile = join(DATA_DIR, 'floor-bounds.json');
  writeFileSync(boundsFile, JSON.stringify(bounds));
  say('## Floor on this machine');
  say();
  say(
    'Best of 3 runs of `node bench/validate-data/floor.mjs` (plain node; numeric CSV columns read as DOUBLE, the fastest CSV path): Node + DuckDB loaded and `SELECT 1` answered; one scan reading every column; "counts": one GROUPING SETS scan giving only the value counts of the 4 text columns and 2,000-bin histograms of the 12 numeric ones, bins given; "moments": one scan with count, min, max, mean and std of each column; "fused": both in one plain aggregate (histogram() beside the moments). Each of infer and check needs at least counts and moments (and also null shares, type checks, quantiles, the key check, and bins it must first find), so its floor is loaded + the cheaper of counts + moments and fused.',
  );
  say();
  say(
    '| file | loaded s | one scan s | counts s | moments s | fused s | floor per command s | budget per command s | floor within budget |',
  );
  say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const [label, data, target] of [
    ['CSV', files.csv, 3],
    ['Parquet', files.parquet, 10],
  ] as const) {
    const runs = [1, 2, 3].map(() => {
      const out = execFileSync(process.execPath, [join(import.meta.dirname, 'floor.mjs'), data, boundsFile], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      return JSON.parse(out.trim().split('\n').pop()!) as Record<FloorPart, number>;
    });
    const best = (key: FloorPart) => Math.min(...runs.map((r) => r[key])) / 1000;
    const floor = best('loaded') + Math.min(best('group') + best('moments'), best('fused'));
    const budget = pandasSeconds / target / 2;
    say(
      `| ${label} | ${f2(best('loaded'))} | ${f2(best('scan'))} | ${f2(best('group'))} | ${f2(best('moments'))} | ${f2(best('fused'))} | ${f2(floor)} | ${f2(budget)} (pandas ${f1(pandasSeconds)} s / ${target} / 2) | ${floor <= budget ? 'yes' : 'no'} |`,
    );
    memory.push(
      `| ${label} | ${best('loadedMb') * 1000} | ${best('scanMb') * 1000} | ${best('groupMb') * 1000} | ${(pandasMb / 4).toFixed(0)} |`,
    );
  }
  say();
  say("Peak memory of the same processes (best of 3, MB), against a quarter of pandas' peak:");
  say();
  say('| file | loaded | after the scan | after the counts scan | budget |');
  say('| --- | ---: | ---: | ---: | ---: |');
  for (const line of memory) say(line);
  say();
}

async function main(): Promise<void> {
  if (!existsSync(TIME)) throw new Error('/usr/bin/time is missing: apt-get install -y time');
  mkdirSync(DATA_DIR, { recursive: true });
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'build.ts'), '--outdir', BUNDLE_DIR], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const rows = Number(args.rows);
  const lines: string[] = [];
  const say = (line = '') => {
    process.stdout.write(`${line}\n`);
    lines.push(line);
  };
  const command = `node --import tsx bench/validate-data/run.ts ${process.argv.slice(2).join(' ')}`.trim();
  const pandasVersion = execFileSync(PYTHON, ['-c', 'import pandas; print(pandas.__version__)'], { encoding: 'utf8' });
  say('# validate-data benchmark');
  say();
  say(`Command: \`${command}\` (CLI: \`${cli.label}\`; pandas ${pandasVersion.trim()} from Debian, /usr/bin/python3).`);
  say(
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM. Times are wall clock, memory is peak RSS per process (/usr/bin/time).`,
  );
  say(
    `Load average at the start: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')} (1/5/15 min); other jobs share this machine, so absolute times are noisy.`,
  );
  say();
  say('mlops = `mlops validate-data --infer` + `mlops validate-data` (two processes; time summed, memory the larger).');
  say(
    'pandas = one script (bench/validate-data/pandas_baseline.py): read_csv, describe (with 1/5/25/50/75/95/99% quantiles), value_counts, nunique, null counts, type/null/range/category/key/row-count checks against the same schema.',
  );
  say(
    'pandas cannot read Parquet on this machine (neither pyarrow nor fastparquet is packaged in Debian), so the Parquet row compares mlops reading Parquet with pandas reading the same table as CSV.',
  );
  say();

  const files = await generate(rows);
  say(
    `## ${rows.toLocaleString('en-US')} rows × 16 columns (CSV ${mb(statSync(files.csv).size)}, Parquet ${mb(statSync(files.parquet).size)})`,
  );
  say();
  const csv = runMlops('csv', files.csv);
  const parquet = runMlops('parquet', files.parquet);
  const pandas = runPandas(files.csv, csv.schemaFile);
  say(
    '| run | infer s | check s | total s | peak RSS MB | pandas s | pandas peak MB | speed-up | memory ratio | check alone: speed-up |',
  );
  say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [label, run] of [
    ['CSV', csv],
    ['Parquet (pandas: CSV)', parquet],
  ] as const) {
    say(
      `| ${label} | ${f1(run.infer.seconds)} | ${f1(run.check.seconds)} | ${f1(run.seconds)} | ${run.maxRssMb.toFixed(0)} | ${f1(pandas.seconds)} | ${pandas.maxRssMb.toFixed(0)} | ${f2(pandas.seconds / run.seconds)}x | ${f2(run.maxRssMb / pandas.maxRssMb)} | ${f2(pandas.seconds / run.check.seconds)}x |`,
    );
  }
  say();
  say('Targets: speed-up ≥ 3x on CSV and ≥ 10x on Parquet, memory ratio ≤ 0.25.');
  say(
    '"check alone" is `mlops validate-data` by itself against the same pandas run: like pandas, it computes the whole profile and checks it against the schema.',
  );
  say();
  floors(say, files, csv.schemaFile, pandas.seconds, pandas.maxRssMb);

  say('## Scaling');
  say();
  say('| rows | CSV MB | mlops CSV s | mlops Parquet s | pandas s | mlops CSV peak MB | pandas peak MB |');
  say('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const n of args.scaling.split(',').map(Number)) {
    const g = await generate(n);
    const c = runMlops(`scale-csv-${n}`, g.csv);
    const p = runMlops(`scale-parquet-${n}`, g.parquet);
    const pd = runPandas(g.csv, c.schemaFile);
    say(
      `| ${n.toLocaleString('en-US')} | ${(statSync(g.csv).size / 1e6).toFixed(0)} | ${f1(c.seconds)} | ${f1(p.seconds)} | ${f1(pd.seconds)} | ${c.maxRssMb.toFixed(0)} | ${pd.maxRssMb.toFixed(0)} |`,
    );
  }

  const limitRows = Number(args['limit-rows']);
  const g = await generate(limitRows);
  const limit = args['memory-limit'];
  say();
  say('## Memory limit below the data size');
  say();
  const limited = runMlops(`limited-${limitRows}`, g.csv, { MLOPS_DUCKDB_MEMORY_LIMIT: limit });
  say(
    `DuckDB memory_limit=${limit} (MLOPS_DUCKDB_MEMORY_LIMIT) on ${limitRows.toLocaleString('en-US')} rows (CSV ${mb(statSync(g.csv).size)}): infer + check completed in ${f1(limited.seconds)} s, peak RSS ${limited.maxRssMb.toFixed(0)} MB.`,
  );
  const tight = runMlops(`tight-${rows}`, files.csv, { MLOPS_DUCKDB_MEMORY_LIMIT: '64MB' });
  say();
  say(
    `DuckDB memory_limit=64MB on the ${rows.toLocaleString('en-US')}-row CSV: infer + check completed in ${f1(tight.seconds)} s, peak RSS ${tight.maxRssMb.toFixed(0)} MB (pandas: ${pandas.maxRssMb.toFixed(0)} MB). What DuckDB's limit does not cover (Node, allocations outside DuckDB's buffer pool) keeps the process above a quarter of pandas.`,
  );
  say();
  say(
    `Load average at the end: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')}.`,
  );
  writeFileSync(join(import.meta.dirname, 'RESULTS.md'), `${lines.join('\n')}\n`);
  process.stdout.write(`\nWrote ${join(import.meta.dirname, 'RESULTS.md')}\n`);
}

await main();
