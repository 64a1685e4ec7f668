/**
 * The bootstrap replicates of one population: for replicate r, multinomial counts from a generator seeded by
 * (seed, r) (forEachReplicate) weight every metric of the candidate, the champion and their paired difference. Seeding each
 * replicate on its own makes the result the same whether the replicates run in one thread or are split across
 * worker threads (bootstrap-pool.ts), and whatever the split.
 */
import { forEachReplicate } from '../stats/bootstrap.js';
import { computeMetrics, type Predictions } from './metrics.js';

export interface ReplicateJob {
  candidate: Predictions;
  champion: Predictions | null;
  names: string[];
  n: number;
  seed: number;
}

/** Values per replicate: the metrics of the candidate, then (with a champion) the champion's and the deltas. */
export function replicateWidth(job: ReplicateJob): number {
  return job.champion ? 3 * job.names.length : job.names.length;
}

/** Replicates [from, to) into out, row-major: out[(r - from) * width + j]; NaN where a metric is undefined. */
export function runReplicates(job: ReplicateJob, from: number, to: number, out: Float64Array): void {
  const k = job.names.length;
  const width = replicateWidth(job);
  forEachReplicate(job.n, from, to, job.seed, (counts, r) => {
    const c = computeMetrics(job.candidate, job.names, counts);
    const h = job.champion ? computeMetrics(job.champion, job.names, counts) : null;
    const row = (r - from) * width;
    for (let j = 0; j < k; j++) {
      const cv = c[job.names[j]!]!.value ?? Number.NaN;
      out[row + j] = cv;
      if (h) {
        const hv = h[job.names[j]!]!.value ?? Number.NaN;
        out[row + k + j] = hv;
        out[row + 2 * k + j] = cv - hv;
      }
    }
  });
}
