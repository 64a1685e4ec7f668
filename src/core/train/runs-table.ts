/** The `mlops runs` listing: recorded runs newest first, with their status, lineage and headline metrics. */
import { code, fmt, table } from '../report/markdown.js';
import type { TrainRun } from './report.js';

export interface RunsTableOptions {
  limit?: number;
  model?: string;
  /** Metric columns; default: the most common metrics across the listed runs (up to 4). */
  metrics?: string[];
}

export function selectRuns(runs: TrainRun[], options: RunsTableOptions): TrainRun[] {
  const filtered = options.model ? runs.filter((r) => (r.model.name ?? 'model') === options.model) : runs;
  return [...filtered].reverse().slice(0, options.limit ?? 20);
}

function headlineMetrics(runs: TrainRun[]): string[] {
  const counts = new Map<string, number>();
  for (const run of runs) for (const name of Object.keys(run.metrics)) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([name]) => name !== 'rows')
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 4)
    .map(([name]) => name);
}

export function renderRunsTable(all: TrainRun[], options: RunsTableOptions = {}): string {
  const runs = selectRuns(all, options);
  if (runs.length === 0) {
    return 'No training runs recorded here yet (they are kept in .mlops/runs/ by `mlops train` and the train action).';
  }
  const metrics = options.metrics ?? headlineMetrics(runs);
  const rows = runs.map((run) => [
    code(run.runId),
    run.model.name ?? '',
    run.status === 'failed'
      ? `failed (${run.exitCode})`
      : run.cache.hit
        ? `cache hit (${run.cache.restoredRunId})`
        : 'trained',
    run.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    `${(run.durationMs / 1000).toFixed(1)} s`,
    run.code.commit ? `${run.code.commit.slice(0, 8)}${run.code.dirty ? '+' : ''}` : '',
    run.trainer.kind === 'baseline' ? (run.trainer.baseline ?? 'baseline') : (run.trainer.command ?? ''),
    run.paramsHash.slice(0, 8),
    ...metrics.map((m) => fmt(run.metrics[m])),
  ]);
  const header = ['Run', 'Model', 'Status', 'Started', 'Duration', 'Commit', 'Trainer', 'Params', ...metrics];
  const align = header.map((_, i) => (i >= 8 || i === 4 ? 'right' : 'left') as 'left' | 'right');
  const shown = runs.length < all.length ? `\n\n${runs.length} of ${all.length} runs shown (--limit, --model).` : '';
  return `${table(header, rows, align)}${shown}\n\nA "+" after the commit: the tree had uncommitted changes.`;
}
