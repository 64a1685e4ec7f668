import type { Command } from 'commander';
import { runDemo } from '../../demo/run.js';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Run the whole loop on shipped example data in a fresh temporary git repository.')
    .option('--dir <path>', 'where to create the demo repository (default: a new temp dir)')
    .option('--keep', 'keep the demo repository (always kept when --dir is given)')
    .action(async (options: { dir?: string; keep?: boolean }) => {
      process.exitCode = await runDemo({ dir: options.dir, verbose: Boolean(program.opts().verbose) });
    });
}
