/**
 * drift-check vs pandas + scipy.stats (ks_2samp / chisquare per column) on 2M reference + 2M current rows,
 * 16 columns (10 float, 2 integer, 4 categorical; the current data has a mean shift, a variance change, a new
 * category and missing values). Both read the same CSV files. mlops runs twice: against the stored reference
 * profile (built once, as register-model does) and against the full reference data (exact statistics).
 * Wall time and peak RSS of each process come from /usr/bin/time -v.
 *
 *   node --import tsx bench/drift/run.ts [--rows 2000000]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { closeEngine, openDataset } from '../../src/core/data/engine.js';
import { buildReferenceProfile, writeReferenceProfile } from '../../src/core/profile/index.js';

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '2000000' }, repeat: { type: 'string', default: '3' } },
});
const repeat = Math.max(1, Number(args.repeat));
const rows = Number(args.rows);
const root = resolve(import.meta.dirname, '..', '..');
const dir = join(root, 'bench', '.data', `drift-${rows}`);
const refCsv = join(dir, 'reference.csv');
const curCsv = join(dir, 'current.csv');
const profilePath = join(dir, 'reference-profile.json');
const PYTHON = '/usr/bin/python3';

/** Deterministic data from DuckDB's hash of (row, column): the same files on every machine. */
function columnsSql(offset: number, current: boolean): string {
  const u = (k: number) => `((hash(i + ${offset}, ${k}) % 2147483647)::DOUBLE + 0.5) / 2147483647.0`;
  const g = (k: number) => `(sqrt(-2 * ln(${u(k)})) * cos(2 * pi() * ${u(k + 100)}))`;
  const cols: string[] = [];
  for (let j = 0; j < 10; j++) {
    let expr = `${j * 10} + ${1 + j} * ${g(j)}`;
    if (current && j === 0) expr = `${j * 10} + ${1 + j} * (${g(j)} + 0.3)`;
    if (current && j === 1) expr = `${j * 10} + ${1 + j} * 1.5 * ${g(j)}`;
    cols.push(`${expr} AS n${j}`);
  }
  cols.push(`floor(${u(20)} * 100)::INTEGER AS i0`);
  cols.push(
    current
      ? `CASE WHEN ${u(22)} < 0.05 THEN NULL ELSE floor(${u(21)} * 1000)::INTEGER END AS i1`
      : `floor(${u(21)} * 1000)::INTEGER AS i1`,
  );
  const cat = (k: number, n: number, name: string, extra = '') =>
    `${extra}'${name}_' || CAST(floor(pow(${u(k)}, 2) * ${n}) AS INTEGER)${extra ? ' END' : ''} AS ${name}`;
  cols.push(cat(30, 5, 'c0', current ? `CASE WHEN ${u(35)} < 0.05 THEN 'c0_new' ELSE ` : ''));
  cols.push(cat(31, 12, 'c1'));
  cols.push(cat(32, 3, 'c2'));
  cols.push(cat(33, 50, 'c3'));
  return cols.join(', ');
}

async function generate(): Promise<void> {
  if (existsSync(refCsv) && existsSync(curCsv)) return;
  mkdirSync(dir, { recursive: true });
  const probe = join(dir, 'probe.csv');
  writeFileSync(probe, 'x\n1\n');
  const ds = await openDataset(probe);
  for (const [path, offset, current] of [
    [refCsv, 0, false],
    [curCsv, 100_000_000, true],
  ] as const) {
    console.log(`generating ${path}`);
    await ds.query(
      `COPY (SELECT ${columnsSql(offset, current)} FROM range(${rows}) t(i)) TO '${path}' (HEADER, DELIMITER ',')`,
    );
  }
}

interface Measured {
  wallSeconds: number;
  /** User + system CPU seconds (all threads): less sensitive than wall time to other load on the machine. */
  cpuSeconds: number;
  maxRssMb: number;
  stdout: string;
}

/** Median wall and CPU time, largest peak memory, output of the median run. */
function median(runs: Measured[]): Measured {
  const sorted = [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds);
  const cpu = runs.map((r) => r.cpuSeconds).sort((a, b) => a - b);
  const middle = sorted[Math.floor(sorted.length / 2)]!;
  return {
    ...middle,
    cpuSeconds: cpu[Math.floor(cpu.length / 2)]!,
    maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)),
  };
}

function measure(cmd: string[], cwd: string): Measured {
  const run = spawnSync('/usr/bin/time', ['-v', ...cmd], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const err = run.stderr;
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(err);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
  if (!wall || !rss || (run.status !== 0 && run.status !== 1)) {
    throw new Error(`could not measure ${cmd.join(' ')} (exit ${run.status}):\n${err.slice(-2000)}`);
  }
  const wallSeconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  const user = Number(/User time \(seconds\): ([\d.]+)/.exec(err)?.[1] ?? Number.NaN);
  const system = Number(/System time \(seconds\): ([\d.]+)/.exec(err)?.[1] ?? Number.NaN);
  return { wallSeconds, cpuSeconds: user + system, maxRssMb: Number(rss[1]) / 1024, stdout: run.stdout };
}

/** The shipped CLI bundle (scripts/build.ts into bench/.data), as users run it; tsx from source if it cannot be built. */
function mlopsCommand(): string[] {
  const out = join(dir, 'dist');
  try {
    execFileSync('node', ['--import', 'tsx', join(root, 'scripts', 'build.ts'), '--outdir', out], {
      cwd: root,
      stdio: 'pipe',
    });
    return ['node', join(out, 'cli', 'index.js')];
  } catch (error) {
    console.warn(`bundle build failed, running from source: ${(error as Error).message.split('\n')[0]}`);
    return ['node', '--import', 'tsx', join(root, 'src', 'cli', 'index.ts')];
  }
}

function workspace(name: string, yaml: string): string {
  const ws = join(dir, name);
  mkdirSync(ws, { recursive: true });
  writeFileSync(join(ws, 'mlops.yaml'), yaml);
  return ws;
}

let profileSeconds: number | undefined;

async function main(): Promise<void> {
  await generate();
  if (!existsSync(profilePath)) {
    const t = performance.now();
    await writeReferenceProfile(profilePath, await buildReferenceProfile(await openDataset(refCsv)));
    console.log(
      `reference profile built once in ${((performance.now() - t) / 1000).toFixed(1)} s (register-model does this)`,
    );
  }
  await closeEngine();
  const profileBytes = readFileSync(profilePath).length;
  const cliCommand = mlopsCommand();
  const cliLabel = cliCommand.includes('tsx') ? 'source through tsx' : 'the CLI bundle built by scripts/build.ts';
  const cli = [...cliCommand, 'drift-check', '--current', curCsv, '--fail-on', 'never'];

  const loadBefore = loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  const wsProfile = workspace('ws-profile', 'version: 1\ndrift:\n  prediction:\n    enabled: false\n');
  const wsFull = workspace('ws-full', 'version: 1\ndrift:\n  mode: full\n  prediction:\n    enabled: false\n');
  // The three runs interleaved, `repeat` rounds, medians: one round on a shared VM moved by +-25%.
  const rounds: { baseline: Measured; withProfile: Measured; full: Measured }[] = [];
  for (let r = 0; r < repeat; r++) {
    rounds.push({
      baseline: measure([PYTHON, join(root, 'bench', 'drift', 'baseline.py'), refCsv, curCsv], dir),
      withProfile: measure([...cli, '--reference', profilePath], wsProfile),
      full: measure([...cli, '--reference', refCsv], wsFull),
    });
  }
  const baseline = median(rounds.map((r) => r.baseline));
  const withProfile = median(rounds.map((r) => r.withProfile));
  const full = median(rounds.map((r) => r.full));

  const report = JSON.parse(readFileSync(join(wsFull, '.mlops', 'out', 'DriftReport.json'), 'utf8'));
  const scipy = JSON.parse(baseline.stdout) as Record<string, { test: string; statistic: number }>;
  const ksDiff = Math.max(
    ...report.columns
      .filter((c: { kind: string }) => c.kind === 'numeric')
      .map((c: { column: string; statistics: { test: string; statistic: number }[] }) =>
        Math.abs(c.statistics.find((s) => s.test === 'ks')!.statistic - scipy[c.column]!.statistic),
      ),
  );
  const drifted = report.verdict.driftedColumns.join(', ');
  const profileReport = JSON.parse(readFileSync(join(wsProfile, '.mlops', 'out', 'DriftReport.json'), 'utf8'));
  const sameVerdicts = profileReport.verdict.driftedColumns.join(', ') === drifted;

  const line = (name: string, m: Measured) =>
    `| ${name} | ${m.wallSeconds.toFixed(2)} | ${m.cpuSeconds.toFixed(2)} | ${m.maxRssMb.toFixed(0)} | ${(baseline.wallSeconds / m.wallSeconds).toFixed(1)}x | ${(baseline.cpuSeconds / m.cpuSeconds).toFixed(1)}x | ${(m.maxRssMb / baseline.maxRssMb).toFixed(2)} |`;
  const results = [
    '# bench/drift',
    '',
    `${rows.toLocaleString('en-US')} reference + ${rows.toLocaleString('en-US')} current rows, 16 columns (10 float, 2 integer, 4 categorical), CSV; ${execFileSync('nproc').toString().trim()} cores.`,
    'Baseline: pandas.read_csv + scipy.stats.ks_2samp per numeric column + scipy.stats.chisquare per categorical column (/usr/bin/python3, one script).',
    `Wall time and peak RSS per process from /usr/bin/time -v; mlops runs as ${cliLabel} (start-up included).`,
    `${repeat} interleaved rounds: median wall and CPU time, largest peak RSS of the rounds.`,
    '',
    '| run | wall s | CPU s | peak RSS MB | wall speed-up | CPU speed-up | memory vs baseline |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    line('pandas + scipy (baseline)', baseline),
    line('mlops drift-check, stored profile', withProfile),
    line('mlops drift-check, full reference (exact)', full),
    '',
    `Load average on the machine during the run (other jobs share it): ${loadBefore} before, ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} after.`,
    `Stored profile: ${(profileBytes / 1024).toFixed(0)} KiB${profileSeconds ? `, built once from the reference in ${profileSeconds.toFixed(1)} s (at registration, not part of the check)` : ''}. Full-reference KS statistics equal SciPy's within ${ksDiff.toExponential(1)}.`,
    `Drifted columns found: ${drifted} (full reference); the profile run found ${sameVerdicts ? 'the same' : `different ones: ${profileReport.verdict.driftedColumns.join(', ')}`}.`,
    `Profile approximation as stated in its report: ${profileReport.reference.approximation}.`,
    '',
    'Command: `node --import tsx bench/drift/run.ts [--repeat 3]` (data generated once into bench/.data/).',
    '',
  ].join('\n');
  writeFileSync(join(root, 'bench', 'drift', 'RESULTS.md'), results);
  console.log(results);
}

await main();
