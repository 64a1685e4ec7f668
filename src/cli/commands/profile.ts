import type { Command } from 'commander';
import { closeEngine, openDataset } from '../../core/data/engine.js';
import { describeError, ExitCode } from '../../core/errors.js';
import {
  buildReferenceProfile,
  DEFAULT_MAX_CATEGORIES,
  DEFAULT_QUANTILES,
  mergeReferenceProfiles,
  type ReferenceProfile,
  readReferenceProfile,
  writeReferenceProfile,
} from '../../core/profile/index.js';

/** `mlops profile <data>` builds a reusable reference profile; `--merge` combines profiles of partitions. */
export function registerProfileCommand(program: Command): void {
  program
    .command('profile')
    .description('Build a reference profile (the compact, diffable drift baseline) from data, or merge profiles.')
    .argument('<inputs...>', 'data (path, glob, URL) to profile, or profile JSON files with --merge')
    .requiredOption('--out <file>', 'where to write the profile JSON')
    .option('--columns <list>', 'comma-separated columns (default: all)')
    .option('--quantiles <n>', 'knots per numeric column', String(DEFAULT_QUANTILES))
    .option('--max-categories <n>', 'categories kept per column', String(DEFAULT_MAX_CATEGORIES))
    .option('--merge', 'merge the given profile files instead of reading data')
    .action(
      async (
        inputs: string[],
        options: { out: string; columns?: string; quantiles: string; maxCategories: string; merge?: boolean },
      ) => {
        try {
          let profile: ReferenceProfile;
          if (options.merge) {
            const profiles = await Promise.all(inputs.map((p) => readReferenceProfile(p)));
            profile = profiles.reduce((a, b) => mergeReferenceProfiles(a, b));
          } else {
            const [source] = inputs;
            profile = await buildReferenceProfile(await openDataset(source!), {
              columns: options.columns?.split(',').map((c) => c.trim()),
              quantiles: Number(options.quantiles),
              maxCategories: Number(options.maxCategories),
            });
          }
          await writeReferenceProfile(options.out, profile);
          process.stdout.write(
            `Wrote ${options.out}: ${profile.rows} rows, ${Object.keys(profile.columns).length} columns.\n`,
          );
        } catch (error) {
          process.stderr.write(`error: ${describeError(error)}\n`);
          process.exitCode = ExitCode.Error;
        } finally {
          await closeEngine();
        }
      },
    );
}
