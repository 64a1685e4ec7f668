/**
 * Metrics of one population (the whole evaluation set or one slice) with percentile bootstrap intervals for
 * the candidate, the champion and their paired difference: one set of multinomial counts per replicate is
 * applied to both models, so the difference is measured on the same resampled rows.
 */
import { type BootstrapSettings, bootstrapReplicates, percentileInterval } from '../stats/bootstrap.js';
import { Random } from '../stats/random.js';
import type { MetricValue } from './metric-value.js';
import { computeMetrics, metricDirection, type Predictions } from './metrics.js';
import {
  type ClassificationInput,
  descendingOrder,
  permuteClassification,
  prepareClassification,
} from './metrics-classification.js';
import type { Estimate, MetricResult } from './report.js';

export interface PopulationInput {
  task: 'binary' | 'multiclass' | 'regression';
  /** Classifiers: row-aligned candidate and champion outputs over the population's rows. */
  candidate: ClassificationInput | { yTrue: Float64Array; yPred: Float64Array };
  champion: ClassificationInput | { yTrue: Float64Array; yPred: Float64Array } | null;
  positive: number;
}

export interface PopulationResult {
  n: number;
  metrics: MetricResult[];
  /** Bootstrap replicates per metric (NaN where not computable), kept for gate p-values. */
  replicates: Map<string, { candidate: Float64Array; delta: Float64Array | null }>;
  /** Point values, for gates and fairness. */
  point: Map<string, { candidate: MetricValue; champion: MetricValue | null }>;
}

function toPredictions(
  task: PopulationInput['task'],
  data: PopulationInput['candidate'],
  positive: number,
  order: Int32Array | null,
): Predictions {
  if (task === 'regression') {
    const d = data as { yTrue: Float64Array; yPred: Float64Array };
    return { task, data: { yTrue: d.yTrue, yPred: d.yPred } };
  }
  const input = order ? permuteClassification(data as ClassificationInput, order) : (data as ClassificationInput);
  return { task, data: prepareClassification(input, positive) };
}

function estimateOf(point: MetricValue, replicates: Float64Array | null, level: number): Estimate {
  if (point.value === null) return { value: null, lower: null, upper: null, reason: point.reason };
  if (!replicates || replicates.length === 0) return { value: point.value, lower: null, upper: null };
  const interval = percentileInterval(replicates, level);
  if (!interval) {
    return {
      value: point.value,
      lower: null,
      upper: null,
      reason: 'interval not computable: the metric is undefined on more than 10% of the resamples',
    };
  }
  return { value: point.value, lower: interval.lower, upper: interval.upper };
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function evaluatePopulation(
  input: PopulationInput,
  names: readonly string[],
  settings: BootstrapSettings,
  streamName: string,
): PopulationResult {
  const n = input.candidate.yTrue.length;
  // Rows in descending order of the candidate's positive score make the binary ranking passes sequential.
  let order: Int32Array | null = null;
  const cand = input.candidate as ClassificationInput;
  if (input.task === 'binary' && cand.proba) order = descendingOrder(cand.proba, 2, input.positive, n);
  const candidate = toPredictions(input.task, input.candidate, input.positive, order);
  const champion = input.champion ? toPredictions(input.task, input.champion, input.positive, order) : null;

  const candPoint = computeMetrics(candidate, names);
  const champPoint = champion ? computeMetrics(champion, names) : null;
  const k = names.length;
  let reps: Float64Array[] = [];
  if (settings.resamples > 0 && n > 0) {
    const out = new Float64Array(champion ? 3 * k : k);
    const rng = new Random((settings.seed ^ hashString(streamName)) >>> 0);
    reps = bootstrapReplicates(n, out.length, settings.resamples, rng, (counts) => {
      const c = computeMetrics(candidate, names, counts);
      const h = champion ? computeMetrics(champion, names, counts) : null;
      for (let j = 0; j < k; j++) {
        const cv = c[names[j]!]!.value ?? Number.NaN;
        out[j] = cv;
        if (h) {
          const hv = h[names[j]!]!.value ?? Number.NaN;
          out[k + j] = hv;
          out[2 * k + j] = cv - hv;
        }
      }
      return out;
    });
  }
  const metrics: MetricResult[] = [];
  const replicates = new Map<string, { candidate: Float64Array; delta: Float64Array | null }>();
  const point = new Map<string, { candidate: MetricValue; champion: MetricValue | null }>();
  names.forEach((name, j) => {
    const cp = candPoint[name]!;
    const hp = champPoint ? champPoint[name]! : null;
    const candReps = reps[j] ?? null;
    const deltaReps = champion ? (reps[2 * k + j] ?? null) : null;
    let delta: Estimate | null = null;
    if (hp) {
      const dPoint: MetricValue =
        cp.value !== null && hp.value !== null
          ? { value: cp.value - hp.value }
          : { value: null, reason: cp.reason ?? hp.reason ?? 'not computable' };
      delta = estimateOf(dPoint, deltaReps, settings.level);
    }
    metrics.push({
      name,
      direction: metricDirection(name),
      candidate: estimateOf(cp, candReps, settings.level),
      champion: hp ? estimateOf(hp, reps[k + j] ?? null, settings.level) : null,
      delta,
    });
    if (candReps) replicates.set(name, { candidate: candReps, delta: deltaReps });
    point.set(name, { candidate: cp, champion: hp });
  });
  return { n, metrics, replicates, point };
}
