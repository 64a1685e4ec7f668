/**
 * Metrics of one population (the whole evaluation set or one slice) with percentile bootstrap intervals for
 * the candidate, the champion and their paired difference: one set of multinomial counts per replicate is
 * applied to both models, so the difference is measured on the same resampled rows. Large populations run
 * their replicates on worker threads (bootstrap-pool.ts) with the same result.
 */
import { type BootstrapSettings, percentileInterval } from '../stats/bootstrap.js';
import { bootstrapMatrix } from './bootstrap-pool.js';
import { type ReplicateJob, replicateWidth } from './bootstrap-replicates.js';
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
  /** Threads the replicates ran on (1: the main thread). */
  threads: number;
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

export async function evaluatePopulation(
  input: PopulationInput,
  names: readonly string[],
  settings: BootstrapSettings,
  streamName: string,
  /** Worker threads for the replicates (tests force them on small data). */
  options: { threads?: number; minWork?: number } = {},
): Promise<PopulationResult> {
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
  let threads = 1;
  if (settings.resamples > 0 && n > 0) {
    const job: ReplicateJob = {
      candidate,
      champion,
      names: [...names],
      n,
      seed: (settings.seed ^ hashString(streamName)) >>> 0,
    };
    const width = replicateWidth(job);
    const computed = await bootstrapMatrix(job, settings.resamples, options);
    const matrix = computed.matrix;
    threads = computed.threads;
    reps = Array.from({ length: width }, (_, j) =>
      Float64Array.from({ length: settings.resamples }, (_, r) => matrix[r * width + j]!),
    );
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
  return { n, metrics, replicates, point, threads };
}
