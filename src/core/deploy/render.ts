/** Markdown and checks for a Deployment: outcome first, then failed checks, the steps and the last analysis. */
import type { CheckResult } from '../report/envelope.js';
import { barChart, code, fmt, heading, table } from '../report/markdown.js';
import type { ReportRenderer } from '../report/render.js';
import type { AnalysisCheck, AnalysisRun, Deployment } from './report.js';

const OUTCOME: Record<Deployment['outcome'], string> = {
  promoted: '✅ promoted',
  'rolled-back': '❌ rolled back',
  'in-progress': '⏳ in progress',
};
const VERDICT: Record<AnalysisCheck['verdict'], string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  inconclusive: '❔ inconclusive',
};

function value(check: AnalysisCheck, v: number | null): string {
  if (v === null) return '—';
  if (check.name === 'error-rate' || check.name === 'rejected-requests' || (check.name === 'live-quality' && v <= 1))
    return `${(v * 100).toFixed(2)}%`;
  if (check.name === 'latency-p95') return `${fmt(v, 3)} ms`;
  return fmt(v);
}

function checksTable(run: AnalysisRun): string {
  const order = { fail: 0, inconclusive: 1, pass: 2 } as const;
  const rows = [...run.checks]
    .sort((a, b) => order[a.verdict] - order[b.verdict])
    .map((c) => [
      c.name,
      VERDICT[c.verdict],
      value(c, c.stable),
      value(c, c.canary),
      c.pValue === undefined || c.pValue === null ? '—' : fmt(c.pValue, 3),
      `${c.samples.stable} / ${c.samples.canary}`,
      c.message,
    ]);
  return table(['Check', 'Verdict', 'Stable', 'Canary', 'p-value', 'Samples (stable / canary)', 'Why'], rows);
}

function lastAnalysis(d: Deployment): { step: number; run: AnalysisRun } | undefined {
  for (let i = d.steps.length - 1; i >= 0; i--) {
    const run = d.steps[i]!.analyses.at(-1);
    if (run) return { step: i, run };
  }
  return undefined;
}

function markdown(d: Deployment): string {
  const out: string[] = [];
  const baseline = d.baseline ? `${d.baseline.version}` : 'nothing';
  out.push(heading(2, `Deployment of ${d.model} ${d.version.version} to ${d.environment}: ${OUTCOME[d.outcome]}`));
  out.push(d.reason);
  out.push(
    `Mode ${code(d.mode)} on ${d.target.kind} ${code(d.target.address)}; judged against ${code(baseline)}; failure limit ${d.plan.failureLimit}, analysis every ${d.plan.intervalSeconds} s.`,
  );
  const last = lastAnalysis(d);
  if (last) {
    out.push(heading(3, `Analysis at step ${last.step + 1} (${last.run.verdict})`));
    out.push(checksTable(last.run));
  }
  out.push(heading(3, 'Steps'));
  out.push(
    table(
      ['Step', 'Weight', 'Status', 'Analyses', 'Failed', 'Started', 'Finished'],
      d.steps.map((s) => [
        s.index + 1,
        `${s.weight}%`,
        s.status,
        s.analyses.length,
        s.failures,
        s.startedAt ?? '—',
        s.finishedAt ?? '—',
      ]),
      ['right', 'right', 'left', 'right', 'right', 'left', 'left'],
    ),
  );
  const reached = d.steps.filter((s) => s.status !== 'pending');
  if (reached.length > 1) {
    out.push(
      barChart(
        'Canary traffic per step',
        reached.map((s) => `step ${s.index + 1}`),
        reached.map((s) => s.weight),
        '%',
      ),
    );
  }
  if (d.git.stageTag || d.git.commit) {
    out.push(
      `Recorded in Git: commit ${code(d.git.commit ?? '—')}${d.git.stageTag ? `, stage tag ${code(d.git.stageTag)}` : ''}.`,
    );
  }
  return out.join('\n\n');
}

function checks(d: Deployment): CheckResult[] {
  const results: CheckResult[] = d.steps.map((s) => ({
    suite: 'deployment',
    name: `step ${s.index + 1} (${s.weight}%)`,
    status:
      s.status === 'failed' ? 'fail' : s.status === 'passed' ? 'pass' : s.status === 'inconclusive' ? 'warn' : 'skip',
    message: `${s.status}; ${s.analyses.length} analyses, ${s.failures} failed`,
    details: s.analyses
      .at(-1)
      ?.checks.map((c) => `${c.name}: ${c.verdict}: ${c.message}`)
      .join('\n'),
  }));
  results.push({
    suite: 'deployment',
    name: 'outcome',
    status: d.outcome === 'rolled-back' ? 'fail' : d.outcome === 'promoted' ? 'pass' : 'warn',
    message: d.reason,
  });
  return results;
}

export const deploymentRenderer: ReportRenderer<Deployment> = {
  kind: 'Deployment',
  title: 'Deployment',
  markdown: (d) => markdown(d),
  checks,
};
