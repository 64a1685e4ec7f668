/** Fills the model card from the run's reports and the repository's card template. */
import type { ModelSignature, StoredModelArtifact } from '../registry/schema.js';
import type { CardInputs } from './inputs.js';
import type { ModelCard, PerformanceMetric } from './schema.js';
import type { CardTemplate } from './template.js';

export interface CardSubject {
  name: string;
  /** Registered version, or a label such as "candidate (PR #12)". */
  version: string;
  date: string;
  signature?: ModelSignature;
  artifact?: Pick<StoredModelArtifact, 'sha256' | 'size'> & { uri?: string };
  versioning?: { previous: string | null; bump: string; reason: string };
  /** Stages the model may be promoted to (registry.stages). */
  stages: string[];
  path?: string;
}

function paragraphs(text: string | undefined): { description: string }[] {
  if (!text) return [];
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((description) => ({ description }));
}

function lines(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split('\n')
    .map((l) => l.replace(/^\s*[-*]\s+/, '').trim())
    .filter(Boolean);
}

export function buildModelCard(subject: CardSubject, inputs: CardInputs, template: CardTemplate): ModelCard {
  const { trainRun: run, evaluation: ev, validation } = inputs;
  const missing: string[] = [];
  if (!run) missing.push('TrainRun (lineage, parameters)');
  if (!ev) missing.push('EvaluationReport (metrics, gates, slices)');
  if (!validation) missing.push('ValidationReport (data checks)');
  if (!template.file) missing.push('card template (intended use, limitations, ethical considerations)');

  const metrics: PerformanceMetric[] = [];
  for (const m of ev?.metrics ?? []) {
    metrics.push({
      type: m.name,
      value: m.candidate.value,
      slice: '',
      confidence_interval: { lower_bound: m.candidate.lower, upper_bound: m.candidate.upper },
      ...(m.delta ? { delta: { value: m.delta.value, lower: m.delta.lower, upper: m.delta.upper } } : {}),
      ...(m.champion ? { champion: m.champion.value } : {}),
      ...(m.direction ? { direction: m.direction } : {}),
      ...(m.candidate.reason ? { note: m.candidate.reason } : {}),
    });
  }
  for (const s of ev?.slices ?? []) {
    for (const m of s.metrics) {
      metrics.push({
        type: m.name,
        value: m.candidate.value,
        slice: s.label,
        rows: s.rows,
        confidence_interval: { lower_bound: m.candidate.lower, upper_bound: m.candidate.upper },
        ...(m.delta ? { delta: { value: m.delta.value, lower: m.delta.lower, upper: m.delta.upper } } : {}),
        ...(m.direction ? { direction: m.direction } : {}),
        ...(s.gated === false ? { note: 'below minimum support: reported, not gated' } : {}),
      });
    }
  }

  const signature = subject.signature;
  const inputFormat =
    signature?.inputs.map((i) => ({ key: i.name, value: `${i.type} [${i.shape.join(', ')}]` })) ??
    (ev?.candidate?.inputs ?? []).map((i) => ({ key: i.name, value: `${i.type} [${i.shape.join(', ')}]` }));
  const outputFormat =
    signature?.outputs.map((o) => ({ key: o.name, value: `${o.type} [${o.shape.join(', ')}]` })) ?? [];

  const failedChecks = (validation?.checks ?? []).filter((c) => c.status !== 'pass' && c.status !== 'skip');
  const validationVerdict =
    validation?.passed !== undefined
      ? validation.passed
        ? 'pass'
        : 'fail'
      : (validation?.verdict ??
        validation?.status ??
        (failedChecks.some((c) => c.status === 'fail') ? 'fail' : 'pass'));

  const verdict: ModelCard['mlops']['verdict'] = ev ? ev.verdict : 'unknown';
  const failedGates = (ev?.gates ?? []).filter((g) => g.status === 'fail');
  const headline = ev
    ? ev.headline ||
      (failedGates.length
        ? `${failedGates.length} gate(s) failed: ${failedGates.map((g) => g.name).join(', ')}`
        : `All ${ev.gates.length} gates passed`)
    : 'No evaluation report: gates were not run for this model.';

  return {
    schema_version: '0.0.2',
    model_details: {
      name: subject.name,
      ...(template.overview ? { overview: template.overview } : {}),
      version: { name: subject.version, date: subject.date },
      owners: lines(template.owners).map((name) => ({ name })),
      licenses: template.license ? [{ custom_text: template.license }] : [],
      references: lines(template.references).map((reference) => ({ reference })),
      ...(subject.path ? { path: subject.path } : {}),
    },
    model_parameters: {
      model_architecture: run?.trainer
        ? run.trainer.kind === 'baseline'
          ? `built-in ${run.trainer.baseline ?? 'baseline'} (ONNX)`
          : `user command: ${run.trainer.command ?? 'unknown'} (ONNX)`
        : 'ONNX model',
      ...(run?.model.task || ev?.task ? { task: run?.model.task ?? ev?.task } : {}),
      data: (run?.data ?? []).map((d) => ({
        name: d.role,
        link: d.source,
        sha256: d.sha256,
        ...(d.bytes !== undefined ? { bytes: d.bytes } : {}),
      })),
      input_format_map: inputFormat,
      output_format_map: outputFormat,
      params: run?.params ?? {},
    },
    quantitative_analysis: {
      performance_metrics: metrics,
      ...(ev?.data ? { evaluation_data: `${ev.data.source} (${ev.data.rows} rows)` } : {}),
      ...(ev?.settings?.bootstrap?.level !== undefined ? { confidence_level: ev.settings.bootstrap.level } : {}),
    },
    considerations: {
      users: paragraphs(template.users),
      use_cases: paragraphs(template.intendedUse),
      limitations: paragraphs(template.limitations),
      tradeoffs: paragraphs(template.tradeoffs),
      ethical_considerations: paragraphs(template.ethicalConsiderations).map((p) => ({ name: p.description })),
    },
    mlops: {
      verdict,
      headline,
      gates: (ev?.gates ?? []).map((g) => ({
        name: g.name,
        status: g.status,
        ...(g.severity ? { severity: g.severity } : {}),
        reason: g.reason,
      })),
      champion: ev?.champion
        ? {
            ref: ev.champion.ref ?? 'champion',
            ...(ev.champion.version ? { version: ev.champion.version } : {}),
            ...(ev.championNote ? { note: ev.championNote } : {}),
          }
        : ev?.championNote
          ? { ref: 'none', note: ev.championNote }
          : null,
      fairness: (ev?.fairness ?? []).map((f) => ({
        segment: f.segment,
        metric: f.metric,
        value: f.value,
        groups: f.groups.map((g) => ({ value: g.value, rows: g.rows, rate: g.rate })),
        ...(f.reason ? { reason: f.reason } : {}),
      })),
      validation: validation
        ? {
            verdict: validationVerdict,
            ...((validation.dataset?.rows ?? validation.rows) !== undefined
              ? { rows: validation.dataset?.rows ?? validation.rows }
              : {}),
            checks: validation.checks.length,
            failed: failedChecks.map((c) => ({ name: c.name, status: c.status, message: c.message ?? '' })),
          }
        : null,
      lineage: {
        commit: run?.code?.commit ?? null,
        runId: run?.runId ?? null,
        ...(run?.trainer?.command ? { command: run.trainer.command } : {}),
        ...(run?.trainer ? { trainer: run.trainer.baseline ?? run.trainer.kind } : {}),
        ...(run?.paramsHash ? { paramsHash: run.paramsHash } : {}),
        ...(run?.environment ? { environment: run.environment } : {}),
        ...(run?.durationMs !== undefined ? { durationMs: run.durationMs } : {}),
      },
      artifact: subject.artifact
        ? {
            sha256: subject.artifact.sha256,
            size: subject.artifact.size,
            ...(subject.artifact.uri ? { uri: subject.artifact.uri } : {}),
          }
        : run?.artifact
          ? { sha256: run.artifact.sha256, size: run.artifact.bytes ?? 0 }
          : null,
      latency: ev?.latency?.perRowMs
        ? {
            p50Ms: ev.latency.perRowMs.p50,
            p95Ms: ev.latency.perRowMs.p95,
            ...(ev.latency.rowsPerSecond !== undefined ? { rowsPerSecond: ev.latency.rowsPerSecond } : {}),
          }
        : null,
      ...(subject.versioning ? { versioning: subject.versioning } : {}),
      missing,
      extraSections: template.extra,
      stages: subject.stages,
    },
  };
}
