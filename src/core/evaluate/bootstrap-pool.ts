/**
 * Runs the bootstrap replicates of a large population on worker threads, one per core (at most four), each
 * taking a contiguous range of replicates. Small populations run inline: starting workers and sending them the
 * predictions costs more than it saves. Any failure to start or run a worker falls back to running inline, so
 * the result (the same either way, see bootstrap-replicates.ts) never depends on threads being available.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ReplicateJob, replicateWidth, runReplicates } from './bootstrap-replicates.js';

/** Rows x replicates below which replicates run inline. */
const PARALLEL_MIN_WORK = 20_000_000;
const MAX_THREADS = 4;

/** The worker's module: the TypeScript source under tsx, the bundled entry in dist/ (dist/workers/). */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('./bootstrap-worker.ts', here) : new URL('../workers/bootstrap.js', here);
}

function runOnWorker(job: ReplicateJob, from: number, to: number): Promise<Float64Array> {
  return new Promise((resolve, reject) => {
    const url = workerUrl();
    // From source (tests, development) the worker registers the TypeScript loader first: Node 20 does not apply
    // an --import loader to a worker's own entry module.
    const worker = url.pathname.endsWith('.ts')
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`,
          { eval: true },
        )
      : new Worker(url);
    const done = (error?: Error, out?: Float64Array) => {
      worker.removeAllListeners();
      void worker.terminate();
      if (error) reject(error);
      else resolve(out!);
    };
    worker.once('message', (m: { out?: Float64Array; error?: string }) =>
      m.out ? done(undefined, m.out) : done(new Error(m.error ?? 'no result')),
    );
    worker.once('error', (error) => done(error));
    worker.once('exit', (code) => done(new Error(`bootstrap worker exited with code ${code}`)));
    worker.postMessage({ job, from, to });
  });
}

/**
 * All replicates, row-major (resamples x replicateWidth(job)), and how many threads computed them (1: inline).
 * MLOPS_BOOTSTRAP_THREADS=N sets the thread count whatever the size (1 keeps everything on the main thread).
 */
export async function bootstrapMatrix(
  job: ReplicateJob,
  resamples: number,
  options: { threads?: number; minWork?: number } = {},
): Promise<{ matrix: Float64Array; threads: number }> {
  const width = replicateWidth(job);
  const matrix = new Float64Array(resamples * width);
  const forced = Number(process.env.MLOPS_BOOTSTRAP_THREADS);
  const threads = options.threads ?? (forced >= 1 ? Math.floor(forced) : Math.min(MAX_THREADS, availableParallelism()));
  const minWork = options.minWork ?? (forced >= 1 ? 0 : PARALLEL_MIN_WORK);
  const parts = Math.min(threads, resamples);
  if (parts < 2 || job.n * resamples < minWork) {
    runReplicates(job, 0, resamples, matrix);
    return { matrix, threads: 1 };
  }
  const bounds = Array.from({ length: parts + 1 }, (_, p) => Math.round((p * resamples) / parts));
  try {
    const results = await Promise.all(bounds.slice(0, -1).map((from, p) => runOnWorker(job, from, bounds[p + 1]!)));
    for (const [p, part] of results.entries()) matrix.set(part, bounds[p]! * width);
    return { matrix, threads: parts };
  } catch {
    runReplicates(job, 0, resamples, matrix);
    return { matrix, threads: 1 };
  }
}
