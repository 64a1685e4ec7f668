import type { Command } from 'commander';
import { DOCTOR_TARGETS, type DoctorTarget, runDoctor } from '../../core/doctor.js';
import { usageError } from '../../core/errors.js';
import { nativeCacheRoot, persistNativeCacheWith } from '../../core/native.js';
import { TOOL_VERSION } from '../../core/report/envelope.js';
import { detectPlatform } from '../../platform/detect.js';

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description(
      'Check that the native engines (DuckDB, ONNX Runtime) load and run here; installs the pinned versions into the tool cache when they are not in node_modules.',
    )
    .option('--only <names>', `comma-separated subset of: ${Object.keys(DOCTOR_TARGETS).join(', ')}`)
    .option('--json', 'print the result as JSON')
    .action(async (options: { only?: string; json?: boolean }) => {
      const targets = (options.only ?? Object.keys(DOCTOR_TARGETS).join(','))
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const t of targets) {
        if (!(t in DOCTOR_TARGETS)) throw usageError(`Unknown --only entry "${t}".`, 'Use duckdb, onnx or both.');
      }
      if (process.env.GITHUB_ACTIONS === 'true') {
        const platform = await detectPlatform();
        persistNativeCacheWith(platform.cache);
      }
      const checks = await runDoctor(targets as DoctorTarget[]);
      const ok = checks.every((c) => c.ok);
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ tool: TOOL_VERSION, node: process.version, checks }, null, 2)}\n`);
      } else {
        process.stdout.write(
          `mlops-actions ${TOOL_VERSION} on Node ${process.version} ${process.platform}-${process.arch}\n`,
        );
        process.stdout.write(`native tool cache: ${nativeCacheRoot()}\n`);
        for (const c of checks) {
          const from =
            c.origin.source === 'node_modules'
              ? 'node_modules'
              : `tool cache${c.origin.installed ? ', just installed' : c.origin.restored ? ', restored from the CI cache' : ''}`;
          process.stdout.write(`${c.ok ? '✅' : '❌'} ${c.package} ${c.version} (pinned ${c.pinned}; from ${from})\n`);
          process.stdout.write(`   ${c.probe}\n   ${c.origin.path}\n`);
        }
      }
      process.exitCode = ok ? 0 : 2;
    });
}
