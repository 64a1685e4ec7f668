/**
 * Latency measured on the evaluation data with a warm session: single rows (as an online server sees them)
 * and full batches, run one after another so that the numbers are not inflated by overlapping work.
 */
import type { ColumnBatch, ColumnValues } from '../data/types.js';
import { feedsFor, type InferencePlan } from '../model/inference.js';
import type { LoadedModel } from '../model/session.js';
import { loadNative } from '../native.js';
import { quantileSorted } from '../stats/bootstrap.js';
import type { LatencyResult } from './report.js';

function sliceColumn(values: ColumnValues, start: number, end: number): ColumnValues {
  return values instanceof Float64Array ? values.subarray(start, end) : values.slice(start, end);
}

export function sliceBatch(batch: ColumnBatch, start: number, end: number): ColumnBatch {
  const columns: Record<string, ColumnValues> = {};
  for (const [name, values] of Object.entries(batch.columns)) columns[name] = sliceColumn(values, start, end);
  return { rowCount: end - start, firstRow: batch.firstRow + start, columns };
}

function p(values: number[], q: number): number {
  return quantileSorted(Float64Array.from(values).sort(), q);
}

export async function measureLatency(
  model: LoadedModel,
  plan: InferencePlan,
  sample: ColumnBatch,
  streamed: { rows: number; batchMillis: number[] },
  options: { singleRows?: number; batchRuns?: number } = {},
): Promise<LatencyResult> {
  const ort = await loadNative('onnxruntime-node');
  const timed = async (batch: ColumnBatch) => {
    const feeds = feedsFor(ort, plan, batch);
    const start = performance.now();
    await model.run(feeds);
    return performance.now() - start;
  };
  const rows = Math.min(options.singleRows ?? 200, sample.rowCount);
  for (let i = 0; i < Math.min(5, rows); i++) await timed(sliceBatch(sample, i, i + 1));
  const perRow: number[] = [];
  for (let i = 0; i < rows; i++) perRow.push(await timed(sliceBatch(sample, i, i + 1)));
  const perBatch: number[] = [];
  await timed(sample);
  for (let r = 0; r < (options.batchRuns ?? 10); r++) perBatch.push(await timed(sample));
  const totalMillis = streamed.batchMillis.reduce((a, b) => a + b, 0);
  return {
    batchSize: sample.rowCount,
    batches: streamed.batchMillis.length,
    rows: streamed.rows,
    perRowMs: { p50: p(perRow, 0.5), p95: p(perRow, 0.95) },
    perBatchMs: { p50: p(perBatch, 0.5), p95: p(perBatch, 0.95) },
    rowsPerSecond: totalMillis > 0 ? (streamed.rows / totalMillis) * 1000 : 0,
  };
}
