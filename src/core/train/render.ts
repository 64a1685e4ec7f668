/** Markdown and checks for a TrainRun: failures first, then metrics and params next to the base run's. */
import type { CheckResult } from '../report/envelope.js';
import { code, codeBlock, details, fmt, heading, signed, table } from '../report/markdown.js';
import type { ReportRenderer } from '../report/render.js';
import type { TrainRun } from './report.js';

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function paramText(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function metricsTable(run: TrainRun): string {
  const base = run.comparison;
  const names = [...new Set([...Object.keys(run.metrics), ...Object.keys(base?.metrics ?? {})])].sort();
  if (names.length === 0) return '_No metrics were recorded._';
  if (!base)
    return table(
      ['Metric', 'This run'],
      names.map((n) => [n, fmt(run.metrics[n])]),
      ['left', 'right'],
    );
  return table(
    ['Metric', 'This run', `Base ${base.runId}`, 'Δ'],
    names.map((n) => {
      const now = run.metrics[n];
      const then = base.metrics[n];
      const delta = typeof now === 'number' && typeof then === 'number' ? signed(now - then) : '—';
      return [n, fmt(now), fmt(then), delta];
    }),
    ['left', 'right', 'right', 'right'],
  );
}

function paramsTable(run: TrainRun): string {
  const base = run.comparison;
  const names = [...new Set([...Object.keys(run.params), ...Object.keys(base?.params ?? {})])].sort();
  if (names.length === 0) return '_No parameters._';
  if (!base)
    return table(
      ['Parameter', 'This run'],
      names.map((n) => [n, paramText(run.params[n])]),
    );
  return table(
    ['Parameter', 'This run', 'Base', ''],
    names.map((n) => {
      const now = paramText(run.params[n]);
      const then = paramText(base.params[n]);
      return [n, now, then, now === then ? '' : 'changed'];
    }),
  );
}

function lineage(run: TrainRun): string {
  const lines: string[] = [];
  lines.push(
    table(
      ['', ''],
      [
        [
          'Commit',
          run.code.commit
            ? `${run.code.commit.slice(0, 12)}${run.code.dirty ? ' (uncommitted changes)' : ''}`
            : 'not a git repository',
        ],
        ['Trainer', run.trainer.kind === 'baseline' ? `built-in ${run.trainer.baseline}` : (run.trainer.command ?? '')],
        ['Params hash', run.paramsHash.slice(0, 16)],
        ['Cache key', run.cache.key],
        [
          'Environment',
          `${run.environment.os}, ${run.environment.arch}, ${run.environment.cpu.model} (${run.environment.cpu.cores} cores), Node ${run.environment.node}`,
        ],
        ...(run.environment.python
          ? [
              [
                'Python',
                `${run.environment.python.version} (${run.environment.python.executable}), ${Object.keys(run.environment.python.packages).length} packages`,
              ],
            ]
          : []),
      ],
    ),
  );
  if (run.data.length > 0) {
    lines.push(
      '',
      table(
        ['Data', 'Source', 'Files', 'Size', 'sha256'],
        run.data.map((d) => [d.role, d.source, d.files.length, bytes(d.bytes), d.sha256.slice(0, 16)]),
        ['left', 'left', 'right', 'right', 'left'],
      ),
    );
  }
  if (run.code.paths.length > 0) {
    lines.push(
      '',
      table(
        ['Code path', 'sha256'],
        run.code.paths.map((p) => [p.path, p.sha256.slice(0, 16)]),
      ),
    );
  }
  return lines.join('\n');
}

export const trainRunRenderer: ReportRenderer<TrainRun> = {
  kind: 'TrainRun',
  title: 'Training run',
  markdown(run) {
    const out: string[] = [];
    const icon = run.status === 'failed' ? '❌' : run.cache.hit ? '♻️' : '✅';
    out.push(heading(2, `${icon} Training run ${code(run.runId)}${run.model.name ? ` — ${run.model.name}` : ''}`));
    if (run.status === 'failed') {
      out.push(
        `The training command ${code(run.trainer.command ?? '')} failed with exit code ${run.exitCode ?? 'none (killed)'} after ${seconds(run.durationMs)}.`,
      );
      out.push(
        '',
        `Last ${run.logTail?.length ?? 0} lines of its output:`,
        '',
        codeBlock((run.logTail ?? []).join('\n') || '(no output)'),
      );
    } else if (run.cache.hit) {
      out.push(
        `Cache hit: code, data, parameters and environment are unchanged since run ${code(run.cache.restoredRunId ?? '?')}, so its model was restored and training was skipped.`,
      );
    } else {
      out.push(`Trained in ${seconds(run.durationMs)}.`);
    }
    if (run.artifact) {
      out.push(
        '',
        `Model: ${code(run.artifact.path)} (${bytes(run.artifact.bytes)}, sha256 ${code(run.artifact.sha256.slice(0, 16))})${run.model.task ? `, ${run.model.task}` : ''}${run.model.classes ? `, classes ${run.model.classes.join(', ')}` : ''}.`,
      );
    }
    out.push('', heading(3, 'Metrics'));
    if (run.comparison)
      out.push(
        `Compared with the latest run on the base branch: ${code(run.comparison.runId)} (${run.comparison.source}).`,
        '',
      );
    else out.push('No earlier run on the base branch to compare with.', '');
    out.push(
      metricsTable(run),
      '',
      heading(3, 'Parameters'),
      paramsTable(run),
      '',
      details('Lineage: code, data, environment', lineage(run)),
    );
    return out.join('\n');
  },
  checks(run): CheckResult[] {
    return [
      {
        suite: 'train',
        name: 'training',
        status: run.status === 'failed' ? 'fail' : 'pass',
        message:
          run.status === 'failed'
            ? `training command exited with ${run.exitCode}`
            : run.cache.hit
              ? `cache hit: model of run ${run.cache.restoredRunId} restored`
              : `trained in ${seconds(run.durationMs)}`,
        details: run.status === 'failed' ? (run.logTail ?? []).join('\n') : undefined,
      },
    ];
  },
};
