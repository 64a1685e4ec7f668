/**
 * ValidationReport -> Markdown: verdict, failed checks first (with up to 5 sample rows each), then the
 * per-column profile and small distribution charts; and -> JUnit checks.
 */
import type { CheckResult } from '../report/envelope.js';
import { barChart, code, codeBlock, details, fmt, heading, percent, statusIcon, table } from '../report/markdown.js';
import type { RenderTarget, ReportRenderer } from '../report/render.js';
import type { ColumnProfile, ValidationCheck, ValidationReport } from './report.js';

const ORDER: Record<string, number> = { fail: 0, warn: 1, skip: 2, pass: 3 };

function where(check: ValidationCheck): string {
  if (!check.rule) return '';
  return check.rule.line ? `${check.rule.file}:${check.rule.line}` : check.rule.file;
}

function samplesTable(check: ValidationCheck): string {
  if (check.samples.length === 0) return '';
  const columns = [...new Set(check.samples.flatMap((s) => Object.keys(s.values)))];
  return table(
    ['row', ...columns],
    check.samples.map((s) => [s.row, ...columns.map((c) => (s.values[c] === null ? '(missing)' : s.values[c]))]),
    ['right', ...columns.map(() => 'left' as const)],
  );
}

function quantile(p: ColumnProfile, q: number): number | null | undefined {
  return p.quantiles?.find((x) => Math.abs(x.q - q) < 1e-9)?.value;
}

function profileRow(p: ColumnProfile): unknown[] {
  const numeric = p.mean !== undefined;
  const top = (p.topValues ?? [])
    .slice(0, 3)
    .map((v) => `${v.value} (${v.count})`)
    .join(', ');
  return [
    code(p.name),
    p.type,
    `${fmt(p.nulls)} (${percent(p.nullShare)})`,
    fmt(p.distinct),
    numeric ? fmt(p.min) : '',
    numeric ? fmt(p.mean) : '',
    numeric ? fmt(p.std) : '',
    numeric ? `${fmt(quantile(p, 0.05))} / ${fmt(quantile(p, 0.5))} / ${fmt(quantile(p, 0.95))}` : '',
    numeric ? fmt(p.max) : '',
    numeric ? '' : top,
  ];
}

function charts(report: ValidationReport, limit: number): string {
  const out: string[] = [];
  for (const p of report.columns) {
    if (out.length >= limit) break;
    if (p.histogram) {
      const labels = p.histogram.counts.map((_, k) => fmt(p.histogram!.edges[k]!, 3));
      out.push(barChart(`${p.name} (bins from)`, labels, p.histogram.counts, 'rows'));
    } else if (p.topValues && p.topValues.length > 1) {
      const top = p.topValues.slice(0, 8);
      out.push(
        barChart(
          p.name,
          top.map((v) => v.value),
          top.map((v) => v.count),
          'rows',
        ),
      );
    }
  }
  return out.join('\n\n');
}

function checkLine(c: ValidationCheck): unknown[] {
  return [
    `${statusIcon[c.status]} ${c.status}`,
    c.name,
    c.message,
    c.expected ?? '',
    c.found ?? '',
    where(c) ? code(where(c)) : '',
  ];
}

function markdown(report: ValidationReport, target: RenderTarget): string {
  const out: string[] = [];
  const d = report.dataset;
  if (report.mode === 'infer') {
    out.push(heading(2, `Data schema inferred: ${code(report.schema.file)}`));
    const verb: Record<string, string> = {
      created: 'Written. Review it and commit it; validate-data will then check new data against it.',
      unchanged: 'The committed schema already matches the data.',
      changed:
        'The data no longer matches the committed schema. The file was NOT overwritten; the diff below shows what re-inference would change (run with --update to write it).',
      updated: 'The committed schema differed and was overwritten; the diff below shows the change.',
    };
    out.push(
      `${d.rows.toLocaleString('en-US')} rows × ${d.columns} columns from ${code(d.source)}. ${verb[report.schema.status] ?? ''}`,
    );
    if (report.schema.diff) out.push(codeBlock(report.schema.diff, 'diff'));
  } else {
    const failed = report.checks.filter((c) => c.status === 'fail');
    const warned = report.checks.filter((c) => c.status === 'warn');
    const verdict = report.passed ? '✅ Data validation passed' : '❌ Data validation failed';
    out.push(heading(2, `${verdict}: ${code(d.name)}`));
    out.push(
      `${d.rows.toLocaleString('en-US')} rows × ${d.columns} columns from ${code(d.source)}, checked against ${code(report.schema.file)}: ` +
        `${report.summary.checks} checks, ${failed.length} failed, ${warned.length} warning(s) (fail-on: ${report.failOn}).`,
    );
    const problems = [...failed, ...warned];
    if (problems.length > 0) {
      out.push(heading(3, 'Failed checks'));
      out.push(table(['status', 'check', 'what', 'expected', 'found', 'rule'], problems.map(checkLine)));
      const withSamples = problems.filter((c) => c.samples.length > 0);
      for (const c of withSamples.slice(0, target === 'comment' ? 10 : 50)) {
        out.push(
          details(
            `Sample rows: ${c.name} (${c.failingRows ?? c.samples.length} failing)`,
            samplesTable(c),
            target === 'cli',
          ),
        );
      }
    }
    const passed = report.checks.filter((c) => c.status === 'pass' || c.status === 'skip');
    passed.sort((a, b) => ORDER[a.status]! - ORDER[b.status]!);
    if (passed.length > 0 && target !== 'cli') {
      out.push(
        details(
          `${passed.length} passed checks`,
          table(['status', 'check', 'what', 'expected', 'found', 'rule'], passed.map(checkLine)),
        ),
      );
    }
    if (report.skew) {
      const rows = report.skew.columns.map((c) => [
        c.flagged ? '⚠️' : '✅',
        code(c.column),
        c.metric,
        fmt(c.distance, 3),
        fmt(c.threshold),
        `${percent(c.referenceNullShare)} → ${percent(c.currentNullShare)}`,
        c.reasons.join('; '),
      ]);
      out.push(heading(3, `Skew against ${code(report.skew.reference)}`));
      out.push(table(['', 'column', 'metric', 'distance', 'threshold', 'nulls', 'why'], rows));
    }
  }
  out.push(heading(3, 'Column profile'));
  out.push(
    table(
      ['column', 'type', 'missing', 'distinct', 'min', 'mean', 'std', 'p5 / p50 / p95', 'max', 'top values'],
      report.columns.map(profileRow),
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
  );
  out.push(
    report.columns.some((c) => c.approximate)
      ? 'std: sample standard deviation (ddof = 1). Large data (above validate.exactStatisticsMaxRows): quantiles read from a 2,000-bin histogram (off by at most (max − min) / 2000), distinct counts of numbers not computed (—), of text estimated unless it has at most 10,000 values.'
      : 'std: sample standard deviation (ddof = 1); quantiles by linear interpolation (exact).',
  );
  if (target !== 'cli') {
    const chartText = charts(report, target === 'comment' ? 4 : 16);
    if (chartText) out.push(details('Distributions', chartText));
  }
  return out.join('\n\n');
}

function checks(report: ValidationReport): CheckResult[] {
  return report.checks.map((c) => ({
    suite: c.suite,
    name: c.name,
    status: c.status,
    message: c.message,
    details:
      [
        c.expected && `expected: ${c.expected}`,
        c.found && `found: ${c.found}`,
        ...c.samples.map((s) => `row ${s.row}: ${JSON.stringify(s.values)}`),
      ]
        .filter(Boolean)
        .join('\n') || undefined,
    file: c.rule?.file,
    line: c.rule?.line,
  }));
}

export const validationRenderer: ReportRenderer<ValidationReport> = {
  kind: 'ValidationReport',
  title: 'Data validation',
  markdown,
  checks,
};
