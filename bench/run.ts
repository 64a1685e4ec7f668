/**
 * Runs the benchmarks one after another (never in parallel: they measure wall time and memory).
 * Usage: npm run bench [-- validate-data train evaluate serve drift] [-- --quick]
 * Each bench prints its ratio against a baseline run in the same script and writes bench/<name>/RESULTS.md;
 * BENCHMARKS.md summarises the latest figures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ALL = ['validate-data', 'train', 'evaluate', 'serve', 'drift'];
const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('--'));
const selected = names.length > 0 ? names : ALL;

let failed = 0;
for (const name of selected) {
  const script = join(import.meta.dirname, name, 'run.ts');
  if (!existsSync(script)) {
    console.error(`unknown benchmark "${name}"; choose from ${ALL.join(', ')}`);
    process.exitCode = 2;
    continue;
  }
  console.log(`\n=== bench/${name} ===`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...passThrough], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
if (failed > 0) process.exitCode = 1;
