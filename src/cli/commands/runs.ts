import { resolve } from 'node:path';
import type { Command } from 'commander';
import { listRuns } from '../../core/train/history.js';
import { renderRunsTable } from '../../core/train/runs-table.js';

export function registerRunsCommand(program: Command): void {
  program
    .command('runs')
    .description('List the recorded training runs (.mlops/runs/), newest first, with status, lineage and metrics.')
    .option('-C, --dir <path>', 'the project directory', '.')
    .option('--model <name>', 'only runs of this model')
    .option('--limit <n>', 'how many runs to show', '20')
    .option('--metrics <names>', 'comma-separated metric columns (default: the most common ones)')
    .option('--json', 'print the runs as JSON (TrainRun records)')
    .action(async (options: { dir: string; model?: string; limit: string; metrics?: string; json?: boolean }) => {
      const { runs, skipped } = await listRuns(resolve(options.dir));
      const limit = Number.parseInt(options.limit, 10);
      if (options.json) {
        const selected = (options.model ? runs.filter((r) => r.model.name === options.model) : runs).reverse();
        process.stdout.write(`${JSON.stringify(selected.slice(0, limit), null, 2)}\n`);
        return;
      }
      const metrics = options.metrics
        ?.split(',')
        .map((m) => m.trim())
        .filter(Boolean);
      process.stdout.write(`${renderRunsTable(runs, { limit, model: options.model, metrics })}\n`);
      if (skipped.length > 0) process.stderr.write(`warning: unreadable run records skipped: ${skipped.join(', ')}\n`);
    });
}
