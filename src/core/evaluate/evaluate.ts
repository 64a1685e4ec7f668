/**
 * evaluate-gate's core: run the candidate (and the champion) over the evaluation data, measure every metric
 * with bootstrap intervals overall and per slice, compare with the champion on the same rows, decide the
 * gates and assemble the EvaluationReport.
 */

import { displaySource } from '../display-source.js';
import { MlopsError } from '../errors.js';
import { planInference } from '../model/inference.js';
import { type LoadedModel, loadModel } from '../model/session.js';
import { envelope } from '../report/envelope.js';
import { mcnemar } from '../stats/mcnemar.js';
import { type CollectedRows, collectPredictions, type EvaluationSource } from './collect.js';
import type { EvaluateConfig, GateConfig } from './config.js';
import { fairnessGaps } from './fairness.js';
import { decideGates, type SlicePopulation } from './gates.js';
import { measureLatency } from './latency.js';
import { metricsFor, primaryMetric, type Task } from './metrics.js';
import { type ClassificationInput, confusionMatrixOf } from './metrics-classification.js';
import { evaluatePopulation, type PopulationInput } from './population.js';
import type { EvaluationReport, GateResult, ModelSummary, SliceResult } from './report.js';
import { sliceRows, subsetClassification, subsetRegression } from './slices.js';

export interface ModelRef {
  /** What the user gave: a path or a registry reference. */
  ref: string;
  path: string;
  version?: string;
}

export interface EvaluateRequest {
  candidate: ModelRef;
  champion: ModelRef | null;
  /** Why there is no champion, or where it came from. */
  championNote?: string;
  source: EvaluationSource;
  model: { task?: Task; label: string; segments: string[]; features?: string[]; classes?: string[] };
  config: EvaluateConfig;
  lineOf?: (path: (string | number)[]) => number | undefined;
}

export function defaultGates(task: Task): GateConfig[] {
  return [
    { metric: primaryMetric(task), change: { tolerance: 0.01, relative: false }, slices: true, severity: 'error' },
  ];
}

function columnError(kind: string, name: string, source: EvaluationSource, hint: string): MlopsError {
  return new MlopsError(`The ${kind} column "${name}" is not in the evaluation data.`, {
    kind: 'input',
    where: { file: source.source, field: name },
    expected: `a column named "${name}"`,
    found: source.columns.map((c) => c.name).join(', ') || '(no columns)',
    hint,
  });
}

function summary(
  ref: ModelRef,
  model: LoadedModel,
  mapping: 'per-column' | 'feature-matrix',
  nonFinite: number,
): ModelSummary {
  return {
    ref: ref.ref,
    path: ref.path,
    sha256: model.sha256,
    sizeBytes: model.sizeBytes,
    ...(ref.version ? { version: ref.version } : {}),
    inputs: model.inputs,
    outputs: model.outputs,
    inputMapping: mapping,
    nonFiniteRows: nonFinite,
  };
}

function validateMetricNames(names: readonly string[], task: Task, where: string): void {
  const allowed = metricsFor(task);
  const unknown = names.filter((n) => !allowed.includes(n));
  if (unknown.length > 0) {
    throw new MlopsError(`Unknown metric${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} in ${where}.`, {
      kind: 'config',
      where: { path: where },
      expected: `one of ${allowed.join(', ')} (task ${task})`,
      found: unknown.join(', '),
      hint: 'Use the metric names listed above; they follow scikit-learn.',
    });
  }
}

/** Champion probabilities in the candidate's class order (models may list classes differently). */
function alignClasses(
  champion: Float64Array | null,
  predicted: Int32Array,
  from: string[],
  to: string[],
): { proba: Float64Array | null; predicted: Int32Array } {
  if (from.join('\u0000') === to.join('\u0000')) return { proba: champion, predicted };
  const map = from.map((c) => to.indexOf(c));
  const C = to.length;
  const n = predicted.length;
  const remapped = Int32Array.from(predicted, (k) => map[k]!);
  if (!champion) return { proba: null, predicted: remapped };
  const proba = new Float64Array(n * C);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < from.length; c++) proba[i * C + map[c]!] = champion[i * from.length + c]!;
  return { proba, predicted: remapped };
}

export async function evaluateCandidate(request: EvaluateRequest): Promise<EvaluationReport> {
  const { source, config } = request;
  const label = request.model.label;
  const names = new Set(source.columns.map((c) => c.name));
  if (!names.has(label)) {
    throw columnError(
      'label',
      label,
      source,
      'Set model.label in mlops.yaml to the target column of the evaluation data.',
    );
  }
  for (const s of request.model.segments) {
    if (!names.has(s)) throw columnError('segment', s, source, 'Fix model.segments in mlops.yaml.');
  }
  for (const combo of config.combinations) {
    for (const c of combo.columns) {
      if (!names.has(c)) throw columnError('segment', c, source, 'Fix evaluate.combinations in mlops.yaml.');
    }
  }
  const candidate = await loadModel(request.candidate.path);
  const champion = request.champion ? await loadModel(request.champion.path) : null;
  try {
    const planOptions = {
      task: request.model.task,
      features: request.model.features,
      classes: request.model.classes,
      label,
    };
    const candPlan = planInference(candidate, source.columns, planOptions);
    const champPlan = champion ? planInference(champion, source.columns, planOptions) : null;
    const task = candPlan.outputs.task;
    const classes = candPlan.outputs.classes;
    if (champPlan && champPlan.outputs.task !== task) {
      throw new MlopsError(`The champion is a ${champPlan.outputs.task} model, the candidate a ${task} model.`, {
        kind: 'input',
        where: { file: request.champion!.path },
        hint: 'Compare models of the same task, or pass the right champion.',
      });
    }
    if (champPlan && task !== 'regression') {
      const a = [...classes].sort().join(', ');
      const b = [...champPlan.outputs.classes].sort().join(', ');
      if (a !== b) {
        throw new MlopsError('The champion and the candidate predict different classes.', {
          kind: 'input',
          expected: a,
          found: b,
          hint: 'A change of classes is a new model: evaluate it without a champion (champion: none).',
        });
      }
    }
    const positive = config.positiveClass === undefined ? 1 : classes.indexOf(config.positiveClass);
    if (task !== 'regression' && positive < 0) {
      throw new MlopsError(`evaluate.positiveClass "${config.positiveClass}" is not one of the model's classes.`, {
        kind: 'config',
        expected: classes.join(', '),
        found: config.positiveClass,
      });
    }
    const metricNames = config.metrics ?? metricsFor(task);
    validateMetricNames(metricNames, task, 'evaluate.metrics');
    const gates = config.gates ?? defaultGates(task);
    validateMetricNames(
      gates.map((g) => g.metric),
      task,
      'evaluate.gates',
    );
    const computedNames = [...new Set([...metricNames, ...gates.map((g) => g.metric)])];

    const models = [{ model: candidate, plan: candPlan }];
    if (champion && champPlan) models.push({ model: champion, plan: champPlan });
    const collected = await collectPredictions(source, models, {
      label,
      task,
      classes,
      segments: [...new Set([...request.model.segments, ...config.combinations.flatMap((c) => c.columns)])],
      batchSize: config.batchSize,
    });
    if (collected.n === 0) {
      throw new MlopsError(
        collected.rowsRead === 0
          ? 'The evaluation set is empty.'
          : `None of the ${collected.rowsRead} evaluation rows can be scored (${collected.missingLabels} without a label, the rest with non-finite model outputs).`,
        {
          kind: 'input',
          where: { file: source.source },
          expected: 'at least one row with a label',
          found: `${collected.rowsRead} rows`,
          hint: 'Point data (or data.eval in mlops.yaml) at the held-out evaluation data.',
        },
      );
    }
    const inputs = populationInputs(collected, task, classes, champPlan?.outputs.classes ?? classes, positive);
    const bootstrap = config.bootstrap;
    const overall = await evaluatePopulation(inputs.all, computedNames, bootstrap, 'overall');
    const specs = sliceRows(collected.segments, request.model.segments, config.combinations);
    const slicePops: (SlicePopulation & { spec: (typeof specs)[number] })[] = [];
    for (const spec of specs) {
      slicePops.push({
        spec,
        label: spec.label,
        rows: spec.rows.length,
        gated: spec.rows.length >= config.minSliceSupport,
        result: await evaluatePopulation(inputs.subset(spec.rows), computedNames, bootstrap, `slice:${spec.label}`),
      });
    }

    const latency = await measureLatency(candidate, candPlan, collected.sampleBatch!, {
      rows: collected.rowsRead,
      batchMillis: collected.models[0]!.batchMillis,
    });
    const hasChampion = champion !== null;
    const gateResults = decideGates({
      config,
      gates,
      overall,
      slices: slicePops,
      hasChampion,
      latency,
      sizeBytes: candidate.sizeBytes,
      outputs: {
        labelledRows: collected.rowsRead - collected.missingLabels,
        nonFiniteRows: collected.models[0]!.nonFiniteRows,
      },
      lineOf: request.lineOf,
    });

    const warnings: string[] = [];
    if (collected.missingLabels > 0) {
      warnings.push(`${collected.missingLabels} rows have no label and were left out.`);
    }
    collected.models.forEach((m, i) => {
      if (m.nonFiniteRows > 0) {
        warnings.push(
          `${m.nonFiniteRows} rows got non-finite outputs (not a number or infinite) from the ${i === 0 ? 'candidate' : 'champion'} and were left out of every metric.`,
        );
      }
    });
    const small = slicePops.filter((s) => !s.gated);
    if (small.length > 0) {
      warnings.push(
        `${small.length} slice${small.length > 1 ? 's have' : ' has'} fewer than ${config.minSliceSupport} rows and ${small.length > 1 ? 'are' : 'is'} reported but not gated: ${small.map((s) => s.label).join(', ')}.`,
      );
    }
    const classificationAll = inputs.all.candidate as ClassificationInput;
    const fairness =
      task !== 'regression' && config.fairness && request.model.segments.length > 0
        ? fairnessGaps(classificationAll, specs, positive, config.minSliceSupport)
        : [];
    let mcnemarResult: EvaluationReport['mcnemar'] = null;
    if (hasChampion && task !== 'regression') {
      const champ = inputs.all.champion as ClassificationInput;
      let b = 0;
      let c = 0;
      for (let i = 0; i < collected.n; i++) {
        const candRight = classificationAll.yPred[i] === classificationAll.yTrue[i];
        const champRight = champ.yPred[i] === champ.yTrue[i];
        if (candRight && !champRight) b++;
        else if (champRight && !candRight) c++;
      }
      const test = mcnemar(b, c);
      mcnemarResult = { candidateOnlyCorrect: b, championOnlyCorrect: c, ...test };
    }

    const failed = gateResults.filter((g) => g.status === 'fail' && g.severity === 'error');
    const verdict = failed.length > 0 ? 'fail' : 'pass';
    const slices: SliceResult[] = slicePops.map((s) => ({
      segment: s.spec.segment,
      values: s.spec.values,
      label: s.label,
      rows: s.rows,
      gated: s.gated,
      ...(s.gated ? {} : { note: `fewer than ${config.minSliceSupport} rows: reported, not gated` }),
      metrics: s.result.metrics,
    }));
    return {
      ...envelope('EvaluationReport'),
      verdict,
      headline: headline(verdict, gateResults, hasChampion),
      task,
      label,
      classes: task === 'regression' ? null : classes,
      data: { source: displaySource(source.source), rows: collected.rowsRead, evaluatedRows: collected.n },
      candidate: summary(request.candidate, candidate, candPlan.inputs.kind, collected.models[0]!.nonFiniteRows),
      champion:
        champion && request.champion && champPlan
          ? summary(request.champion, champion, champPlan.inputs.kind, collected.models[1]!.nonFiniteRows)
          : null,
      ...(request.championNote ? { championNote: request.championNote } : {}),
      settings: {
        bootstrap: { ...bootstrap, threads: overall.threads },
        decideOn: config.decideOn,
        minSliceSupport: config.minSliceSupport,
        segments: request.model.segments,
      },
      metrics: overall.metrics,
      confusionMatrix: task === 'regression' ? null : { labels: classes, matrix: confusionMatrixOf(classificationAll) },
      mcnemar: mcnemarResult,
      slices,
      fairness,
      gates: gateResults,
      latency,
      warnings,
    };
  } finally {
    await candidate.release();
    await champion?.release();
  }
}

function headline(verdict: 'pass' | 'fail', gates: GateResult[], hasChampion: boolean): string {
  const failed = gates.filter((g) => g.status === 'fail' && g.severity === 'error');
  const decided = gates.filter((g) => g.status !== 'skip');
  const first = hasChampion ? '' : ' (first model: no champion, only value gates apply)';
  if (verdict === 'fail') {
    const shown = failed.slice(0, 3).map((g) => g.name);
    const more = failed.length > 3 ? ` and ${failed.length - 3} more` : '';
    return `Blocked: ${failed.length} gate${failed.length > 1 ? 's' : ''} failed: ${shown.join('; ')}${more}${first}.`;
  }
  const warned = gates.filter((g) => g.status === 'fail').length;
  return `Passed: ${decided.length - warned} of ${decided.length} gates passed${warned > 0 ? `, ${warned} warning${warned > 1 ? 's' : ''}` : ''}${first}.`;
}

function populationInputs(
  collected: CollectedRows,
  task: Task,
  classes: string[],
  championClasses: string[],
  positive: number,
): { all: PopulationInput; subset(rows: Int32Array): PopulationInput } {
  const [cand, champ] = collected.models;
  if (task === 'regression') {
    const yTrue = collected.yTrue as Float64Array;
    const candidate = { yTrue, yPred: cand!.prediction! };
    const champion = champ ? { yTrue, yPred: champ.prediction! } : null;
    return {
      all: { task, candidate, champion, positive },
      subset: (rows) => ({
        task,
        candidate: subsetRegression(candidate, rows),
        champion: champion ? subsetRegression(champion, rows) : null,
        positive,
      }),
    };
  }
  const yTrue = collected.yTrue as Int32Array;
  const candidate: ClassificationInput = { classes, yTrue, yPred: cand!.predicted!, proba: cand!.proba };
  let champion: ClassificationInput | null = null;
  if (champ) {
    const aligned = alignClasses(champ.proba, champ.predicted!, championClasses, classes);
    champion = { classes, yTrue, yPred: aligned.predicted, proba: aligned.proba };
  }
  return {
    all: { task, candidate, champion, positive },
    subset: (rows) => ({
      task,
      candidate: subsetClassification(candidate, rows),
      champion: champion ? subsetClassification(champion, rows) : null,
      positive,
    }),
  };
}
