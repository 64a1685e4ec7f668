/**
 * The model card as GitHub-flavoured Markdown (also renders on GitLab): verdict and failures first, then the
 * Model Card Toolkit sections; long tables folded in <details>; always under the comment size limit.
 */
import {
  barChart,
  code,
  codeBlock,
  details,
  escapeCell,
  fmt,
  heading,
  limitBytes,
  percent,
  signed,
  statusIcon,
  table,
} from '../report/markdown.js';
import type { ModelCard, PerformanceMetric } from './schema.js';

/** PR/MR comment bodies are limited to 65,536 characters; keep a margin for the hidden marker. */
export const CARD_COMMENT_LIMIT = 60_000;

/** Rows shown per table; the rest stay in card.json, so the sections after a long table are never cut off. */
const MAX_ROWS = 150;

function capped<T>(rows: T[], what: string): { rows: T[]; note: string } {
  if (rows.length <= MAX_ROWS) return { rows, note: '' };
  return {
    rows: rows.slice(0, MAX_ROWS),
    note: `\n\n_${rows.length - MAX_ROWS} more ${what} are in card.json._`,
  };
}

export interface CardRenderOptions {
  /** A promotion command is shown for a registered version; a PR candidate shows how it gets registered. */
  registered: boolean;
  /** Link to the run that produced the card. */
  runUrl?: string;
}

function interval(m: PerformanceMetric): string {
  const ci = m.confidence_interval;
  if (!ci || ci.lower_bound === null || ci.upper_bound === null) return '—';
  return `[${fmt(ci.lower_bound)}, ${fmt(ci.upper_bound)}]`;
}

function deltaCell(m: PerformanceMetric): string {
  if (!m.delta || m.delta.value === null) return '—';
  const { value, lower, upper } = m.delta;
  const better =
    m.direction && lower !== null && upper !== null
      ? m.direction === 'higher'
        ? lower > 0
          ? ' ▲'
          : upper < 0
            ? ' ▼'
            : ''
        : upper < 0
          ? ' ▲'
          : lower > 0
            ? ' ▼'
            : ''
      : '';
  const ci = lower !== null && upper !== null ? ` [${signed(lower)}, ${signed(upper)}]` : '';
  return `${signed(value)}${ci}${better}`;
}

/** Larger is worse; a slice whose metric could not be computed sorts last. */
function badness(m: PerformanceMetric | undefined): number {
  if (!m || m.value === null) return Number.NEGATIVE_INFINITY;
  return m.direction === 'lower' ? m.value : -m.value;
}

/** The primary metric, then the metrics the gates decide on, at most four columns. */
function keyMetrics(overall: PerformanceMetric[], sliced: PerformanceMetric[], gates: { name: string }[]): string[] {
  const names = [...new Set([...overall, ...sliced].map((p) => p.type))];
  const gated = names.filter((n) => gates.some((g) => new RegExp(`(^|[^a-z_])${n}([^a-z_]|$)`).test(g.name)));
  return [...new Set([names[0]!, ...gated])].slice(0, 4);
}

/** One row per slice, worst first by the primary metric, key metrics with intervals as columns. */
function sliceSection(overall: PerformanceMetric[], sliced: PerformanceMetric[], gates: { name: string }[]): string {
  const metrics = keyMetrics(overall, sliced, gates);
  const primary = metrics[0]!;
  const bySlice = new Map<string, Map<string, PerformanceMetric>>();
  for (const p of sliced) {
    if (!bySlice.has(p.slice)) bySlice.set(p.slice, new Map());
    bySlice.get(p.slice)!.set(p.type, p);
  }
  const slices = [...bySlice.entries()].sort(([, a], [, b]) => badness(b.get(primary)) - badness(a.get(primary)));
  const shown = capped(slices, 'slices');
  const chartRows = slices.slice(0, 20);
  const chart = barChart(
    `${primary} by slice`,
    chartRows.map(([label]) => label),
    chartRows.map(([, ms]) => ms.get(primary)?.value ?? Number.NaN),
    primary,
  );
  const rows = shown.rows.map(([label, ms]) => {
    const any = [...ms.values()][0]!;
    const cell = (name: string) => {
      const p = ms.get(name);
      if (!p) return '—';
      const ci = interval(p);
      return ci === '—' ? fmt(p.value) : `${fmt(p.value)} ${ci}`;
    };
    const first = ms.get(primary);
    return [label, fmt(any.rows ?? null), ...metrics.map(cell), first ? deltaCell(first) : '—', any.note ?? ''];
  });
  const sliceTable = table(['Slice', 'Rows', ...metrics, `Δ ${primary} vs champion`, 'Note'], rows, [
    'left',
    'right',
    ...metrics.map(() => 'right' as const),
    'right',
    'left',
  ]);
  return details(`Slices (${slices.length}, worst ${primary} first)`, `${chart}\n\n${sliceTable}${shown.note}`);
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function placeholder(what: string, file = '.mlops/card-template.md'): string {
  return `_Not written yet: add a \`## ${what}\` section to ${code(file)}._`;
}

export function renderCard(card: ModelCard, options: CardRenderOptions): string {
  const d = card.model_details;
  const m = card.mlops;
  const out: string[] = [];
  const icon = m.verdict === 'pass' ? '✅' : m.verdict === 'fail' ? '❌' : '⚪';
  out.push(heading(2, `${icon} Model card: ${d.name} ${d.version.name}`));
  out.push(`**${escapeCell(m.headline)}**`);
  if (m.missing.length) out.push(`> Not available for this card: ${m.missing.join('; ')}.`);

  // Gates: failures first.
  if (m.gates.length) {
    const order = { fail: 0, warn: 1, pass: 2, skip: 3 } as Record<string, number>;
    const gates = [...m.gates].sort((a, b) => (order[a.status] ?? 9) - (order[b.status] ?? 9));
    const shownGates = capped(gates, 'gates');
    const rows = shownGates.rows.map((g) => [
      `${statusIcon[g.status] ?? ''} ${g.status}`,
      g.name,
      g.severity ?? '',
      g.reason,
    ]);
    const gateTable = table(['Verdict', 'Gate', 'Severity', 'Why'], rows) + shownGates.note;
    out.push(heading(3, 'Gates'));
    out.push(gates.length > 12 ? details(`${gates.length} gates`, gateTable, m.verdict === 'fail') : gateTable);
  }

  // Quantitative analysis.
  const overall = card.quantitative_analysis.performance_metrics.filter((p) => p.slice === '');
  const sliced = card.quantitative_analysis.performance_metrics.filter((p) => p.slice !== '');
  out.push(heading(3, 'Quantitative analysis'));
  if (overall.length) {
    const level = card.quantitative_analysis.confidence_level;
    const champ = m.champion?.version ?? (m.champion && m.champion.ref !== 'none' ? m.champion.ref : undefined);
    out.push(
      table(
        [
          'Metric',
          'Value',
          level ? `${percent(level, 0)} interval` : 'Interval',
          champ ? `Champion (${champ})` : 'Champion',
          'Δ vs champion',
        ],
        overall.map((p) => [p.type, fmt(p.value), interval(p), fmt(p.champion ?? null), deltaCell(p)]),
        ['left', 'right', 'right', 'right', 'right'],
      ),
    );
    const deltas = overall.filter((p) => p.delta && p.delta.value !== null).slice(0, 8);
    if (deltas.length) {
      out.push(
        details(
          'Change against the champion (chart)',
          barChart(
            'candidate − champion',
            deltas.map((p) => p.type),
            deltas.map((p) => p.delta!.value!),
            'difference',
          ),
        ),
      );
    }
    if (card.quantitative_analysis.evaluation_data) {
      out.push(`Evaluated on ${code(card.quantitative_analysis.evaluation_data)}.`);
    }
    if (m.champion?.note) out.push(`_${escapeCell(m.champion.note)}_`);
  } else {
    out.push('_No metrics: the evaluate-gate step did not run for this model._');
  }
  if (sliced.length) out.push(sliceSection(overall, sliced, m.gates));
  if (m.fairness.length) {
    const shownFairness = capped(m.fairness, 'fairness rows');
    const rows = shownFairness.rows.map((f) => [
      f.segment,
      f.metric,
      f.value === null ? (f.reason ?? 'not computable') : fmt(f.value),
      f.groups.map((g) => `${g.value}: ${g.rate === null ? '—' : percent(g.rate)} (n=${g.rows})`).join(', '),
    ]);
    out.push(
      details('Fairness', `${table(['Segment', 'Metric', 'Gap (max − min)', 'Groups'], rows)}${shownFairness.note}`),
    );
  }

  // Data validation.
  out.push(heading(3, 'Data validation'));
  if (m.validation) {
    const v = m.validation;
    out.push(
      `${statusIcon[v.verdict] ?? ''} ${v.verdict}: ${v.checks} checks${v.rows !== undefined ? ` on ${fmt(v.rows)} rows` : ''}, ${v.failed.length} not passed.`,
    );
    if (v.failed.length) {
      out.push(
        details(
          `Checks not passed (${v.failed.length})`,
          table(
            ['Status', 'Check', 'Message'],
            capped(v.failed, 'checks').rows.map((c) => [
              `${statusIcon[c.status] ?? ''} ${c.status}`,
              c.name,
              c.message,
            ]),
          ) + capped(v.failed, 'checks').note,
        ),
      );
    }
  } else {
    out.push('_No validation report for this run._');
  }

  // Model details and parameters.
  out.push(heading(3, 'Model details'));
  const detailRows: unknown[][] = [
    ['Name', d.name],
    ['Version', d.version.name],
    ['Date', d.version.date],
    ['Architecture', card.model_parameters.model_architecture],
  ];
  if (card.model_parameters.task) detailRows.push(['Task', card.model_parameters.task]);
  if (m.versioning) {
    detailRows.push(['Versioning', `${m.versioning.bump} (${m.versioning.reason})`]);
  }
  if (d.owners.length) detailRows.push(['Owners', d.owners.map((o) => o.name).join(', ')]);
  if (d.licenses.length) detailRows.push(['License', d.licenses.map((l) => l.custom_text).join('; ')]);
  if (m.artifact) {
    detailRows.push(['Size', bytes(m.artifact.size)]);
    detailRows.push(['sha256', code(m.artifact.sha256)]);
    if (m.artifact.uri) detailRows.push(['Artifact', m.artifact.uri]);
  }
  if (m.latency) {
    detailRows.push([
      'Latency per row',
      `p50 ${fmt(m.latency.p50Ms)} ms, p95 ${fmt(m.latency.p95Ms)} ms${m.latency.rowsPerSecond ? `, ${fmt(Math.round(m.latency.rowsPerSecond))} rows/s` : ''}`,
    ]);
  }
  out.push(table(['', ''], detailRows));
  if (d.overview) out.push(d.overview);
  if (card.model_parameters.input_format_map.length) {
    out.push(
      details(
        `Inputs (${card.model_parameters.input_format_map.length}) and outputs`,
        table(
          ['Tensor', 'Type and shape'],
          [
            ...card.model_parameters.input_format_map.map((e) => [`in: ${e.key}`, e.value]),
            ...card.model_parameters.output_format_map.map((e) => [`out: ${e.key}`, e.value]),
          ],
        ),
      ),
    );
  }
  if (Object.keys(card.model_parameters.params).length) {
    out.push(details('Parameters', codeBlock(JSON.stringify(card.model_parameters.params, null, 2), 'json')));
  }

  // Lineage.
  const l = m.lineage;
  const lineageRows: unknown[][] = [];
  if (l.commit) lineageRows.push(['Code commit', code(l.commit)]);
  if (l.runId) lineageRows.push(['Training run', code(l.runId)]);
  if (l.trainer) lineageRows.push(['Trainer', l.trainer]);
  if (l.command) lineageRows.push(['Command', code(l.command)]);
  if (l.paramsHash) lineageRows.push(['Parameters hash', code(l.paramsHash.slice(0, 16))]);
  if (l.durationMs !== undefined) lineageRows.push(['Training time', `${fmt(l.durationMs / 1000, 3)} s`]);
  for (const data of card.model_parameters.data) {
    lineageRows.push([`Data: ${data.name}`, `${code(data.link)} sha256 ${code(data.sha256.slice(0, 16))}`]);
  }
  if (lineageRows.length || l.environment) {
    const env = l.environment ? `\n\n${codeBlock(JSON.stringify(l.environment, null, 2), 'json')}` : '';
    out.push(details('Lineage', `${table(['', ''], lineageRows)}${env}`));
  }

  // Considerations (human-written).
  const c = card.considerations;
  out.push(heading(3, 'Considerations'));
  out.push(`**Intended use.** ${c.use_cases.map((u) => u.description).join('\n\n') || placeholder('Intended use')}`);
  if (c.users.length) out.push(`**Users.** ${c.users.map((u) => u.description).join('\n\n')}`);
  out.push(`**Limitations.** ${c.limitations.map((u) => u.description).join('\n\n') || placeholder('Limitations')}`);
  if (c.tradeoffs.length) out.push(`**Trade-offs.** ${c.tradeoffs.map((u) => u.description).join('\n\n')}`);
  out.push(
    `**Ethical considerations.** ${c.ethical_considerations.map((u) => u.name).join('\n\n') || placeholder('Ethical considerations')}`,
  );
  for (const extra of m.extraSections) out.push(details(extra.title, extra.body));

  // How to promote.
  out.push(heading(3, 'How to promote'));
  const stage = m.stages.at(-1) ?? 'production';
  if (options.registered) {
    out.push(
      [
        `Open a promotion pull request (it changes ${code(`.mlops/registry/${d.name}/stages.yaml`)}; merging it is the approval):`,
        codeBlock(`mlops promote ${d.name} ${d.version.name} ${stage}`, 'sh'),
        `or run the register-model action with \`mode: promote\`, \`version: ${d.version.name}\`, \`stage: ${stage}\`. Stages: ${m.stages.map((s) => code(s)).join(', ')}.`,
      ].join('\n\n'),
    );
  } else {
    out.push(
      `Merging this pull request registers the model as the next version of ${code(d.name)}; promote it afterwards with ${code(`mlops promote ${d.name} <version> ${stage}`)}.`,
    );
  }
  if (options.runUrl) out.push(`[The run that produced this card](${options.runUrl})`);
  // Margin for the closing tags limitBytes may append.
  return limitBytes(out.join('\n\n'), CARD_COMMENT_LIMIT - 200);
}
