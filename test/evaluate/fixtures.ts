/**
 * Real inputs for evaluation tests: CSV files read into column batches, and ONNX models trained by the
 * project's own baselines (exported by the training engineer's ONNX exporter) and run by onnxruntime-node.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnBatch, ColumnInfo, ColumnValues } from '../../src/core/data/types.js';
import type { EvaluationSource } from '../../src/core/evaluate/collect.js';
import { exportBaselineOnnx } from '../../src/core/model/onnx-linear.js';
import { type TrainBaselineOptions, trainBaseline } from '../../src/core/train/baseline.js';

export const PENGUINS_TRAIN = join(import.meta.dirname, '../../examples/penguins/train.csv');
export const PENGUINS_EVAL = join(import.meta.dirname, '../../examples/penguins/eval.csv');

export interface Table {
  columns: ColumnInfo[];
  rowCount: number;
  values: Record<string, ColumnValues>;
}

/** A small CSV reader for test fixtures (no quoted separators): numeric columns as Float64Array with NaN. */
export function readCsv(path: string): Table {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  return tableFromRows(header, rows);
}

export function tableFromRows(header: string[], rows: string[][]): Table {
  const values: Record<string, ColumnValues> = {};
  const columns: ColumnInfo[] = header.map((name, j) => {
    const raw = rows.map((r) => r[j] ?? '');
    const numeric = raw.length > 0 && raw.every((v) => v === '' || Number.isFinite(Number(v)));
    values[name] = numeric
      ? Float64Array.from(raw, (v) => (v === '' ? Number.NaN : Number(v)))
      : raw.map((v) => (v === '' ? null : v));
    return { name, type: numeric ? 'number' : 'string', engineType: numeric ? 'DOUBLE' : 'VARCHAR' };
  });
  return { columns, rowCount: rows.length, values };
}

export function tableSource(table: Table, source = 'memory.csv'): EvaluationSource {
  return {
    source,
    columns: table.columns,
    async *batches(columns: string[], options?: { batchSize?: number }): AsyncIterable<ColumnBatch> {
      const size = options?.batchSize ?? 8192;
      for (let start = 0; start < table.rowCount; start += size) {
        const end = Math.min(table.rowCount, start + size);
        const cols: Record<string, ColumnValues> = {};
        for (const c of columns) {
          const v = table.values[c]!;
          cols[c] = v instanceof Float64Array ? v.subarray(start, end) : v.slice(start, end);
        }
        yield { rowCount: end - start, firstRow: start + 1, columns: cols };
      }
    },
  };
}

/** Trains a baseline on a table and writes its ONNX export; returns the path. */
export function trainModel(table: Table, dir: string, name: string, options: TrainBaselineOptions): string {
  const { model } = trainBaseline({ rowCount: table.rowCount, columns: table.values }, options);
  const path = join(dir, `${name}.onnx`);
  writeFileSync(path, exportBaselineOnnx(model));
  return path;
}
