/**
 * Worker thread entry (dist/workers/bootstrap.js in the bundle): runs a range of bootstrap replicates and sends
 * back their values.
 */
import { parentPort } from 'node:worker_threads';
import { type ReplicateJob, replicateWidth, runReplicates } from './bootstrap-replicates.js';

interface Task {
  job: ReplicateJob;
  from: number;
  to: number;
}

parentPort?.on('message', (task: Task) => {
  try {
    const out = new Float64Array((task.to - task.from) * replicateWidth(task.job));
    runReplicates(task.job, task.from, task.to, out);
    parentPort!.postMessage({ out }, [out.buffer]);
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
