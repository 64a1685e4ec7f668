/**
 * The data engine's contract. Validation, training, evaluation and drift read data only through it.
 * Implementation: DuckDB (src/core/data/engine.ts). Numeric columns come back as Float64Array with NaN for
 * null; everything else as (string | null)[].
 */

export type DataFormat = 'csv' | 'parquet' | 'jsonl';

export type LogicalType = 'integer' | 'number' | 'boolean' | 'string' | 'date' | 'timestamp' | 'other';

export interface ColumnInfo {
  name: string;
  type: LogicalType;
  /** The engine's own type name, e.g. BIGINT, DOUBLE, VARCHAR. */
  engineType: string;
}

export type ColumnValues = Float64Array | (string | null)[];

export interface ColumnBatch {
  rowCount: number;
  /** 1-based data row number (as a person counts rows below the header) of the batch's first row. */
  firstRow: number;
  columns: Record<string, ColumnValues>;
}

export interface Dataset {
  /** What the user gave: path, glob or URL. */
  readonly source: string;
  readonly format: DataFormat;
  readonly columns: ColumnInfo[];
  /** A SQL relation name (a view) usable in query(), e.g. `SELECT count(*) FROM ${dataset.relation}`. */
  readonly relation: string;
  rowCount(): Promise<number>;
  query<T extends Record<string, unknown> = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Streams the named columns in batches; numeric types as Float64Array (NaN = null), others as strings. */
  batches(columns: string[], options?: { batchSize?: number }): AsyncIterable<ColumnBatch>;
  /** All rows of the named columns at once (training, small evaluation sets). */
  readAll(columns: string[]): Promise<ColumnBatch>;
}

export interface OpenOptions {
  format?: DataFormat;
  /** CSV delimiter when detection should be overridden. */
  delimiter?: string;
  /** CSV: strings read as null (default: only the empty field). */
  nullValues?: string[];
  /** CSV: every column as VARCHAR, so that a caller (validation) decides types itself and no value can fail. */
  allVarchar?: boolean;
  /** How to name the input in errors and Dataset.source (e.g. the path as the user wrote it); default: source. */
  displayName?: string;
  /**
   * Parse a text file once, into a temporary Parquet file that every later query reads, instead of parsing the
   * text again for each query: for callers that scan the same file several times. Removed by closeEngine().
   */
  materialize?: boolean;
  /**
   * 'any': the caller only computes order-independent statistics, so a materialized copy may hold the rows in
   * any order (converted faster, with less memory). Default 'file': batches come in file order.
   */
  rowOrder?: 'file' | 'any';
}
