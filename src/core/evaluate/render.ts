/** EvaluationReport -> Markdown (verdict and deciding gates first) and checks for JUnit. */
import type { CheckResult } from '../report/envelope.js';
import { barChart, code, details, escapeCell, fmt, heading, signed, statusIcon, table } from '../report/markdown.js';
import type { RenderTarget, ReportRenderer } from '../report/render.js';
import type { Estimate, EvaluationReport, GateResult, MetricResult } from './report.js';

function bytes(n: number): string {
  if (n < 1e3) return `${n} bytes`;
  if (n < 1e6) return `${fmt(n / 1e3, 3)} kB`;
  return `${fmt(n / 1e6, 3)} MB`;
}

function value(e: Estimate | null | undefined): string {
  if (!e) return '—';
  if (e.value === null) return `not computable${e.reason ? ` (${e.reason})` : ''}`;
  return fmt(e.value);
}

function interval(e: Estimate | null | undefined, withSign = false): string {
  if (!e || e.value === null) return '—';
  if (e.lower === null || e.upper === null) return e.reason ? 'not computable' : '—';
  const f = withSign ? signed : fmt;
  return `[${f(e.lower)}, ${f(e.upper)}]`;
}

function gateIcon(g: GateResult): string {
  if (g.status === 'fail') return g.severity === 'warning' ? statusIcon.warn! : statusIcon.fail!;
  return statusIcon[g.status]!;
}

function gateRows(gates: GateResult[]): unknown[][] {
  return gates.map((g) => [
    gateIcon(g),
    g.name,
    g.observed === null ? '—' : fmt(g.observed),
    g.threshold === null ? '—' : fmt(g.threshold),
    g.decidedOn,
    g.adjustedPValue != null
      ? `${fmt(g.pValue)} → ${fmt(g.adjustedPValue)} (Holm)`
      : g.pValue != null
        ? fmt(g.pValue)
        : '—',
    g.reason,
  ]);
}

// The compared value is the point estimate or the confidence bound named in "Decided on", not always the estimate.
const GATE_HEADERS = ['', 'Gate', 'Value compared', 'Threshold', 'Decided on', 'p (H₀: gate holds)', 'Why'];

function metricsTable(metrics: MetricResult[], level: number, hasChampion: boolean): string {
  const pct = `${Math.round(level * 100)}% CI`;
  const headers = hasChampion
    ? ['Metric', 'Candidate', pct, 'Champion', 'Δ vs champion', `Δ ${pct}`]
    : ['Metric', 'Candidate', pct];
  const rows = metrics.map((m) => {
    const name = `${m.name} ${m.direction === 'higher' ? '↑' : '↓'}`;
    const base = [name, value(m.candidate), interval(m.candidate)];
    if (!hasChampion) return base;
    const delta = m.delta?.value === null || !m.delta ? value(m.delta) : signed(m.delta.value);
    return [...base, value(m.champion), delta, interval(m.delta, true)];
  });
  return table(headers, rows, ['left', 'right', 'right', 'right', 'right', 'right']);
}

function slicesSection(report: EvaluationReport): string {
  if (report.slices.length === 0) return '';
  const gated = [
    ...new Set(report.gates.filter((g) => g.type === 'value' || g.type === 'change').map((g) => g.metric)),
  ];
  const shown = gated.length > 0 ? gated : [report.metrics[0]!.name];
  const hasChampion = report.champion !== null;
  const headers = ['Slice', 'Rows', 'Gated'];
  for (const m of shown) {
    headers.push(m, `${m} CI`);
    if (hasChampion) headers.push(`Δ ${m}`);
  }
  const failing = new Set(report.gates.filter((g) => g.status === 'fail' && g.slice).map((g) => g.slice));
  const rows = report.slices.map((s) => {
    const cells: unknown[] = [
      `${failing.has(s.label) ? `${statusIcon.fail} ` : ''}${s.label}`,
      s.rows,
      s.gated ? 'yes' : `no (< ${report.settings.minSliceSupport})`,
    ];
    for (const name of shown) {
      const m = s.metrics.find((x) => x.name === name);
      cells.push(value(m?.candidate), interval(m?.candidate));
      if (hasChampion) cells.push(m?.delta?.value != null ? signed(m.delta.value) : value(m?.delta));
    }
    return cells;
  });
  const primary = shown[0]!;
  const chartSlices = report.slices.filter((s) => s.metrics.find((m) => m.name === primary)?.candidate.value != null);
  const chart = barChart(
    `${primary} per slice (candidate)`,
    chartSlices.map((s) => s.label),
    chartSlices.map((s) => s.metrics.find((m) => m.name === primary)!.candidate.value!),
    primary,
  );
  return [heading(3, 'Slices'), table(headers, rows), '', chart].join('\n');
}

function confusionSection(report: EvaluationReport): string {
  const cm = report.confusionMatrix;
  if (!cm) return '';
  const rows = cm.labels.map((label, i) => [
    `**${label}**`,
    ...cm.matrix[i]!.map((v, j) => (j === i ? `**${v}**` : v)),
  ]);
  return [heading(3, 'Confusion matrix (rows: true class, columns: predicted)'), table(['', ...cm.labels], rows)].join(
    '\n',
  );
}

function fairnessSection(report: EvaluationReport): string {
  if (report.fairness.length === 0) return '';
  const rows = report.fairness.map((f) => [
    f.segment,
    f.metric.replace(/_/g, ' '),
    f.positiveClass,
    f.value === null ? `not computable (${f.reason})` : fmt(f.value),
    f.groups.map((g) => `${g.value}: ${g.rate === null ? '—' : fmt(g.rate, 3)} (n=${g.rows})`).join('; '),
  ]);
  return [
    heading(3, 'Fairness gaps (max − min across groups)'),
    table(['Segment', 'Gap', 'Positive class', 'Value', 'Groups'], rows),
  ].join('\n');
}

function markdown(report: EvaluationReport, target: RenderTarget): string {
  const out: string[] = [];
  const pass = report.verdict === 'pass';
  out.push(heading(2, `${pass ? statusIcon.pass : statusIcon.fail} Evaluation gate: ${pass ? 'passed' : 'blocked'}`));
  out.push(report.headline);
  out.push('');
  const cand = report.candidate;
  const champ = report.champion;
  out.push(
    `**Candidate** ${code(cand.ref)} (sha256 ${cand.sha256.slice(0, 12)}, ${bytes(cand.sizeBytes)}) · ` +
      (champ
        ? `**champion** ${code(champ.ref)}${champ.version ? ` (${champ.version})` : ''} (sha256 ${champ.sha256.slice(0, 12)})`
        : `**no champion**${report.championNote ? `: ${escapeCell(report.championNote)}` : ''} — only value gates apply`),
  );
  out.push(
    `Data ${code(report.data.source)}: ${fmt(report.data.evaluatedRows)} of ${fmt(report.data.rows)} rows evaluated · task ${report.task} · label ${code(report.label)} · ${report.settings.bootstrap.resamples} bootstrap resamples, ${Math.round(report.settings.bootstrap.level * 100)}% intervals, decided on the ${report.settings.decideOn}`,
  );
  out.push('');
  const decided = report.gates.filter((g) => g.status !== 'skip');
  const order = (g: GateResult) => (g.status === 'fail' ? (g.severity === 'error' ? 0 : 1) : 2);
  const sorted = [...decided].sort((a, b) => order(a) - order(b));
  const skipped = report.gates.filter((g) => g.status === 'skip');
  out.push(heading(3, 'Gates'));
  if (sorted.length > 0) out.push(table(GATE_HEADERS, gateRows(sorted)));
  else out.push('_No gate could be decided._');
  if (skipped.length > 0) {
    out.push('');
    out.push(
      details(`${skipped.length} gate${skipped.length > 1 ? 's' : ''} skipped`, table(GATE_HEADERS, gateRows(skipped))),
    );
  }
  out.push('');
  out.push(heading(3, 'Metrics'));
  out.push(metricsTable(report.metrics, report.settings.bootstrap.level, champ !== null));
  if (report.mcnemar) {
    const m = report.mcnemar;
    out.push('');
    out.push(
      `McNemar's test on accuracy (${m.method === 'exact' ? 'exact binomial' : 'χ² with continuity correction'}): candidate alone right on ${m.candidateOnlyCorrect} rows, champion alone on ${m.championOnlyCorrect}; statistic ${fmt(m.statistic)}, p = ${fmt(m.pValue)}.`,
    );
  }
  out.push('');
  const slices = slicesSection(report);
  if (slices) out.push(target === 'comment' ? details('Slices', slices, true) : slices, '');
  const confusion = confusionSection(report);
  if (confusion) out.push(confusion, '');
  const fairness = fairnessSection(report);
  if (fairness) out.push(fairness, '');
  const lat = report.latency;
  out.push(heading(3, 'Latency and size'));
  out.push(
    table(
      ['Measure', 'p50', 'p95'],
      [
        ['per row (single-row calls)', `${fmt(lat.perRowMs.p50, 3)} ms`, `${fmt(lat.perRowMs.p95, 3)} ms`],
        [
          `per batch of ${fmt(lat.batchSize)} rows`,
          `${fmt(lat.perBatchMs.p50, 3)} ms`,
          `${fmt(lat.perBatchMs.p95, 3)} ms`,
        ],
      ],
    ),
  );
  out.push(
    `Throughput over the evaluation pass: ${fmt(Math.round(lat.rowsPerSecond))} rows/s in ${lat.batches} batch${lat.batches === 1 ? '' : 'es'}. Model size ${bytes(cand.sizeBytes)}.`,
  );
  if (cand.nonFiniteRows > 0 || (champ && champ.nonFiniteRows > 0)) {
    out.push(
      `Non-finite outputs: candidate ${cand.nonFiniteRows} rows${champ ? `, champion ${champ.nonFiniteRows} rows` : ''} (left out of every metric).`,
    );
  }
  if (report.warnings.length > 0) {
    out.push('', heading(3, 'Warnings'), ...report.warnings.map((w) => `- ${statusIcon.warn} ${escapeCell(w)}`));
  }
  return out.join('\n');
}

function checks(report: EvaluationReport): CheckResult[] {
  return report.gates.map((g) => ({
    suite:
      g.type === 'latency' || g.type === 'size' || g.type === 'outputs' ? 'budgets' : g.slice ? 'slice gates' : 'gates',
    name: g.name,
    status: g.status === 'fail' ? (g.severity === 'warning' ? 'warn' : 'fail') : g.status,
    message: g.reason,
    details: `observed ${fmt(g.observed)}, threshold ${fmt(g.threshold)}, decided on the ${g.decidedOn}${g.pValue != null ? `, p ${fmt(g.pValue)}` : ''}${g.adjustedPValue != null ? `, Holm-adjusted p ${fmt(g.adjustedPValue)}` : ''}`,
    ...(g.line ? { file: 'mlops.yaml', line: g.line } : {}),
  }));
}

export const evaluationRenderer: ReportRenderer<EvaluationReport> = {
  kind: 'EvaluationReport',
  title: 'Evaluation gate',
  markdown,
  checks,
};
