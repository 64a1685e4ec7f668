import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  replicateWidth,
  runReplicates
} from "../chunks/chunk-GMQP4BWT.js";
import "../chunks/chunk-K5WE2JX7.js";

// src/core/evaluate/bootstrap-worker.ts
import { parentPort } from "node:worker_threads";
parentPort?.on("message", (task) => {
  try {
    const out = new Float64Array((task.to - task.from) * replicateWidth(task.job));
    runReplicates(task.job, task.from, task.to, out);
    parentPort.postMessage({ out }, [out.buffer]);
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
});
//# sourceMappingURL=bootstrap.js.map
