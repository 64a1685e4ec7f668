/** DriftReport -> Markdown (verdict first, drifted columns first, before/after charts) and JUnit checks. */
import type { CheckResult } from '../report/envelope.js';
import { code, details, escapeCell, fmt, heading, percent, table } from '../report/markdown.js';
import type { ReportRenderer } from '../report/render.js';
import type { ColumnDrift, DistributionChart, DriftReport } from './report.js';

const TEST_LABEL: Record<string, string> = {
  ks: 'KS',
  wasserstein: 'Wasserstein/σ',
  psi: 'PSI',
  chisquare: 'χ²',
  jensenshannon: 'Jensen-Shannon',
  linf: 'L∞',
};

function mermaidText(text: string, max = 24): string {
  return `"${text.replace(/"/g, "'").slice(0, max)}"`;
}

/** Reference shares as bars, current shares as a line, on one Mermaid xychart. */
export function distributionChart(title: string, chart: DistributionChart): string {
  const max = Math.max(...chart.reference, ...chart.current, 0.01);
  const pct = (v: number) => Number((v * 100).toPrecision(4)).toString();
  return [
    '```mermaid',
    'xychart-beta',
    `  title ${mermaidText(`${title}: reference (bars) vs current (line), %`, 80)}`,
    `  x-axis [${chart.labels.map((l) => mermaidText(l)).join(', ')}]`,
    `  y-axis "share %" 0 --> ${pct(Math.min(1, max * 1.1))}`,
    `  bar [${chart.reference.map(pct).join(', ')}]`,
    `  line [${chart.current.map(pct).join(', ')}]`,
    '```',
  ].join('\n');
}

function age(days: number | null): string {
  if (days === null) return 'unknown';
  if (days < 1 / 24) return `${Math.round(days * 1440)} min`;
  if (days < 2) return `${(days * 24).toFixed(1)} h`;
  return `${days.toFixed(1)} days`;
}

function decisive(c: ColumnDrift) {
  return c.statistics.find((s) => s.test === c.decision);
}

function statisticCell(c: ColumnDrift): string {
  const s = decisive(c);
  if (!s) return '—';
  if (c.rule === 'test') {
    const p = s.adjustedPValue ?? s.pValue;
    return `${fmt(s.statistic)} (p ${fmt(p ?? null, 3)})`;
  }
  return s.bound > 0 ? `${fmt(s.statistic)} ± ${fmt(s.bound, 2)}` : fmt(s.statistic);
}

function otherStats(c: ColumnDrift): string {
  return c.statistics
    .filter((s) => s.test !== c.decision)
    .map((s) => `${TEST_LABEL[s.test]} ${fmt(s.statistic, 3)}`)
    .join(', ');
}

/** Why a column counts as drifted: its statistic, its missing values, or categories never seen before. */
export function driftCauses(c: ColumnDrift): string[] {
  const causes: string[] = [];
  const s = decisive(c);
  if (
    s &&
    (c.rule === 'test' ? (s.adjustedPValue ?? s.pValue ?? 1) < c.threshold : (s.statistic ?? 0) >= c.threshold)
  ) {
    causes.push(TEST_LABEL[c.decision]!);
  }
  if (c.nullShare.drifted) causes.push('missing values');
  if (c.drifted && c.newCategories.length > 0 && causes.length === 0) causes.push('new categories');
  return causes;
}

function columnRows(columns: ColumnDrift[]): unknown[][] {
  return columns.map((c) => [
    `${c.drifted ? '❌' : '✅'} ${c.column}${c.drifted ? ` (${driftCauses(c).join(', ')})` : ''}`,
    c.kind,
    TEST_LABEL[c.decision],
    statisticCell(c),
    c.rule === 'test' ? `p < ${fmt(c.threshold)}` : `≥ ${fmt(c.threshold)}`,
    c.rule === 'test' ? 'test (small sample)' : 'distance (large sample)',
    `${percent(c.nullShare.reference)} → ${percent(c.nullShare.current)}`,
    otherStats(c),
  ]);
}

function verdictLine(r: DriftReport): string {
  if (r.verdict.drifted) return `❌ **Drift detected**: ${r.verdict.reasons.join('; ')}.`;
  if (r.verdict.stale) return `⚠️ **No data drift, but the model is stale**: ${r.verdict.reasons.join('; ')}.`;
  const n = r.verdict.driftedColumns.length;
  return `✅ **No dataset drift**: ${n} of ${r.columns.length} columns drifted (${percent(r.verdict.driftedShare, 0)} < ${percent(r.settings.driftShare, 0)})${r.prediction ? `, predictions ${r.prediction.drifted ? 'drifted' : 'stable'}` : ''}.`;
}

export function renderDriftMarkdown(r: DriftReport): string {
  const out: string[] = [];
  out.push(
    heading(2, `Drift check${r.model ? `: ${r.model.name}${r.model.version ? ` v${r.model.version}` : ''}` : ''}`),
  );
  out.push(verdictLine(r));
  const errors = r.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) out.push(errors.map((f) => `- ❌ ${escapeCell(f.message)}`).join('\n'));
  out.push(
    `Reference: ${code(r.reference.source)} (${r.reference.mode === 'profile' ? 'reference profile' : 'full reference data'}, ${fmt(r.reference.rows)} rows; ${r.reference.approximation}). ` +
      `Current: ${code(r.current.source)} (${fmt(r.current.rows)} rows${r.current.window ? `, ${r.current.window.column} from ${r.current.window.from} to ${r.current.window.to}` : ''}). ` +
      `Tests at α = ${r.settings.alpha} with ${r.settings.correction === 'none' ? 'no' : r.settings.correction === 'holm' ? 'Holm' : 'Benjamini-Hochberg'} correction for samples ≤ ${fmt(r.settings.sampleSizeThreshold)}; distances above.`,
  );
  const special = [r.prediction, r.label].filter((c): c is ColumnDrift => c !== undefined);
  if (special.length > 0) {
    out.push(heading(3, 'Predictions and labels'));
    out.push(
      table(
        ['column', 'kind', 'decided by', 'statistic', 'threshold', 'rule', 'missing', 'other statistics'],
        columnRows(special).map((row, i) => [`${row[0]} (${special[i]!.role})`, ...row.slice(1)]),
      ),
    );
  }
  if (r.staleness) {
    const s = r.staleness;
    out.push(
      `${s.stale ? '⚠️' : '✅'} Staleness: model ${s.modelVersion ?? ''} is ${age(s.modelAgeDays)} old, its training data ${age(s.dataAgeDays)} (max ${s.maxAgeDays === null ? 'not set' : age(s.maxAgeDays)}).`,
    );
  }
  out.push(heading(3, 'Columns, most drifted first'));
  out.push(
    table(
      ['column', 'kind', 'decided by', 'statistic', 'threshold', 'rule', 'missing', 'other statistics'],
      columnRows(r.columns),
    ) || '_No columns could be compared._',
  );
  const top = [...(r.prediction?.drifted ? [r.prediction] : []), ...r.columns.filter((c) => c.drifted)].slice(0, 3);
  for (const c of top) {
    if (c.chart && c.chart.labels.length > 0) out.push(distributionChart(c.column, c.chart));
  }
  const notes = r.findings.filter((f) => f.severity !== 'error');
  if (notes.length > 0) {
    out.push(
      details(
        `Findings (${notes.length})`,
        notes.map((f) => `- ${f.severity === 'warning' ? '⚠️' : 'ℹ️'} ${escapeCell(f.message)}`).join('\n'),
      ),
    );
  }
  if (r.alert?.issue || r.alert?.retrain || r.referenceUpdate) {
    const lines: string[] = [];
    if (r.referenceUpdate) {
      const u = r.referenceUpdate;
      lines.push(
        `- New reference proposed: ${code(u.path)} on branch ${code(u.branch)}${u.pullRequest ? `, pull request #${u.pullRequest.number}${u.pullRequest.url ? ` (${u.pullRequest.url})` : ''}` : ''}`,
      );
    }
    const issue = r.alert?.issue;
    if (issue) lines.push(`- Issue #${issue.number}: ${issue.action}${issue.url ? ` (${issue.url})` : ''}`);
    const retrain = r.alert?.retrain;
    if (retrain) lines.push(`- Retraining: ${retrain.triggered ? 'triggered' : 'not triggered'} (${retrain.reason})`);
    out.push(heading(3, 'Actions'), lines.join('\n'));
  }
  return out.join('\n\n');
}

export const driftRenderer: ReportRenderer<DriftReport> = {
  kind: 'DriftReport',
  title: 'Drift check',
  markdown: (report) => renderDriftMarkdown(report),
  checks(report): CheckResult[] {
    const rows = [
      ...report.columns,
      ...(report.prediction ? [report.prediction] : []),
      ...(report.label ? [report.label] : []),
    ];
    const checks: CheckResult[] = rows.map((c) => ({
      suite: 'drift',
      name: `${c.role} ${c.column}`,
      status: c.drifted ? (c.role === 'label' ? 'warn' : 'fail') : 'pass',
      message: `${TEST_LABEL[c.decision]} ${statisticCell(c)} (threshold ${fmt(c.threshold)}, ${c.ruleReason})`,
    }));
    for (const f of report.findings.filter((x) => x.severity === 'error')) {
      checks.push({ suite: 'drift', name: `${f.code} ${f.column ?? ''}`.trim(), status: 'fail', message: f.message });
    }
    if (report.staleness) {
      checks.push({
        suite: 'drift',
        name: 'staleness',
        status: report.staleness.stale ? 'warn' : 'pass',
        message: `model ${age(report.staleness.modelAgeDays)}, data ${age(report.staleness.dataAgeDays)}, max ${age(report.staleness.maxAgeDays)}`,
      });
    }
    return checks;
  },
};
