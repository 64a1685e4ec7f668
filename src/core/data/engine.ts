/**
 * The data engine: DuckDB (loaded with loadNative) reading CSV/TSV (gzip too), Parquet and JSON Lines from a
 * path, a glob or an HTTP(S) URL. A dataset is a SQL view; statistics are SQL aggregates over it and rows reach
 * JavaScript only in streamed batches, so files larger than memory work (DuckDB spills to its temp directory).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection, DuckDBInstance, DuckDBVector } from '@duckdb/node-api';
import { MlopsError, messageOf } from '../errors.js';
import { loadNative } from '../native.js';
import { readerError } from './errors.js';
import {
  type NumericColumnLayout,
  numericLayouts,
  type ParquetChunkRow,
  type ParquetSchemaRow,
  readNumericColumn,
  UnsupportedParquet,
} from './parquet-numbers.js';
import { type CsvDialect, firstLineFields, formatFromContent, formatFromName, readHead, sniffCsv } from './sniff.js';
import type { ColumnBatch, ColumnInfo, ColumnValues, DataFormat, Dataset, LogicalType, OpenOptions } from './types.js';

export interface EngineSettings {
  /** DuckDB memory_limit, e.g. '512MB'; beyond it DuckDB spills to tempDirectory. Env: MLOPS_DUCKDB_MEMORY_LIMIT. */
  memoryLimit?: string;
  /** Worker threads; default: all cores. Env: MLOPS_DUCKDB_THREADS. */
  threads?: number;
  /** Where DuckDB spills; default: a directory under the OS temp dir. */
  tempDirectory?: string;
}

let settings: EngineSettings = {};
let instance: Promise<DuckDBInstance> | undefined;
const temporaryDirs = new Set<string>();
let viewCounter = 0;

/** Engine settings for the next instance; closes the current one so that they take effect. */
export async function configureEngine(next: EngineSettings): Promise<void> {
  await closeEngine();
  settings = { ...next };
}

async function getInstance(): Promise<DuckDBInstance> {
  if (!instance) {
    instance = (async () => {
      const duckdb = await loadNative('@duckdb/node-api');
      const options: Record<string, string> = {};
      const memoryLimit = settings.memoryLimit ?? process.env.MLOPS_DUCKDB_MEMORY_LIMIT;
      const threads =
        settings.threads ?? (process.env.MLOPS_DUCKDB_THREADS ? Number(process.env.MLOPS_DUCKDB_THREADS) : undefined);
      if (memoryLimit) options.memory_limit = memoryLimit;
      if (threads) options.threads = String(threads);
      // DuckDB's allocator keeps freed memory for reuse; background threads hand it back to the system once idle.
      // A full-mode drift check peaked at 277-286 MB instead of 311-337 MB: what parsing the CSV files left
      // behind is returned while the column comparisons run.
      options.allocator_background_threads = 'true';
      options.temp_directory = settings.tempDirectory ?? join(tmpdir(), `mlops-duckdb-${process.pid}`);
      return duckdb.DuckDBInstance.create(':memory:', options);
    })();
    instance.catch(() => {
      instance = undefined;
    });
  }
  return instance;
}

/**
 * Closes DuckDB and removes downloaded copies of URL inputs and parsed copies of text files; the next openDataset
 * starts a new instance.
 */
export async function closeEngine(): Promise<void> {
  const current = instance;
  instance = undefined;
  try {
    if (current) {
      const db = await current.catch(() => undefined);
      db?.closeSync();
    }
  } finally {
    for (const dir of temporaryDirs) await rm(dir, { recursive: true, force: true });
    temporaryDirs.clear();
  }
}

/**
 * A directory for temporary copies of the data being read (a filtered copy, a downloaded file), next to DuckDB's
 * spill files when a place is configured; closeEngine removes it.
 */
export async function makeTemporaryDir(prefix: string): Promise<string> {
  const base = settings.tempDirectory ?? tmpdir();
  await mkdir(base, { recursive: true });
  const dir = await mkdtemp(join(base, prefix));
  temporaryDirs.add(dir);
  return dir;
}

/**
 * MLOPS_TRACE_SQL=1: every query with its duration and its end (ms since the process started) on stderr, to see
 * where a slow step spends its time and what runs between queries.
 */
function traceSql(sql: string, started: number): void {
  if (process.env.MLOPS_TRACE_SQL !== '1') return;
  const text = sql.length > 300 ? `${sql.slice(0, 300)}…` : sql;
  const now = performance.now();
  process.stderr.write(`[sql ${(now - started).toFixed(0)} ms, at ${now.toFixed(0)} ms] ${text}\n`);
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The rows numericLayouts() expects, from DuckDB's description of a Parquet file. */
export function parquetSchemaSql(file: string): string {
  return `SELECT name, type, repetition_type, num_children, duckdb_type FROM parquet_schema(${sqlString(file)})`;
}

export function parquetChunksSql(file: string): string {
  return `SELECT column_id, row_group_num_rows AS rows, total_compressed_size AS length, compression,
      CASE WHEN dictionary_page_offset > 0 AND dictionary_page_offset < data_page_offset
        THEN dictionary_page_offset ELSE data_page_offset END AS start
    FROM parquet_metadata(${sqlString(file)}) ORDER BY row_group_id, column_id`;
}

export function logicalType(engineType: string): LogicalType {
  const t = engineType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(t))
    return 'integer';
  if (/^(FLOAT|DOUBLE|REAL)$/.test(t) || t.startsWith('DECIMAL')) return 'number';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'VARCHAR' || t.startsWith('ENUM')) return 'string';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  return 'other';
}

export function isNumericType(type: LogicalType): boolean {
  return type === 'integer' || type === 'number';
}

const GLOB_CHARS = /[*?[\]{}]/;

async function download(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new MlopsError(`Cannot download ${url}: ${(error as Error).message}`, {
      kind: 'input',
      where: { file: url },
      hint: 'Check the URL and that the runner can reach it.',
    });
  }
  if (!response.ok || !response.body) {
    throw new MlopsError(`Cannot download ${url}: HTTP ${response.status} ${response.statusText}.`, {
      kind: 'input',
      where: { file: url },
      expected: 'HTTP 200 with the data file',
      found: `HTTP ${response.status}`,
    });
  }
  const dir = join(tmpdir(), `mlops-download-${randomUUID()}`);
  await mkdir(dir, { recursive: true });
  temporaryDirs.add(dir);
  const name = basename(new URL(url).pathname) || 'data';
  const path = join(dir, name);
  // Streamed to disk: a large file never sits in JavaScript memory.
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), createWriteStream(path));
  return path;
}

async function resolveFiles(connection: DuckDBConnection, source: string, name: string): Promise<string[]> {
  if (/^https?:\/\//i.test(source)) return [await download(source)];
  try {
    return await resolveLocal(connection, source);
  } catch (error) {
    if (error instanceof MlopsError && name !== source) {
      const message = error.message.split(source).join(name);
      throw new MlopsError(message, {
        kind: error.kind,
        where: { ...error.where, file: name },
        expected: error.expected,
        found: error.found,
        hint: error.hint,
      });
    }
    throw error;
  }
}

async function resolveLocal(connection: DuckDBConnection, source: string): Promise<string[]> {
  if (GLOB_CHARS.test(source) && !existsSync(source)) {
    const reader = await connection.runAndReadAll(`SELECT file FROM glob(${sqlString(source)}) ORDER BY file`);
    const files = reader.getRowObjectsJS().map((r) => String(r.file));
    if (files.length === 0) {
      throw new MlopsError(`The pattern ${source} matches no files.`, {
        kind: 'input',
        where: { file: source },
        expected: 'at least one matching file',
        found: 'no files',
        hint: 'Check the glob (relative to the working directory); quote it in YAML if it starts with *.',
      });
    }
    return files;
  }
  if (!existsSync(source)) {
    throw new MlopsError(`${source} does not exist.`, {
      kind: 'input',
      where: { file: source },
      expected: 'a data file (CSV, TSV, Parquet, JSON Lines), a glob or an http(s) URL',
      found: 'no such file',
      hint: 'Check the path (relative to the working directory) or run the step that produces it first.',
    });
  }
  const info = await stat(source);
  if (info.isDirectory()) {
    throw new MlopsError(`${source} is a directory.`, {
      kind: 'input',
      where: { file: source },
      expected: 'a data file or a glob such as data/*.parquet',
      found: 'a directory',
    });
  }
  return [source];
}

interface ReaderPlan {
  format: DataFormat;
  files: string[];
  dialect?: CsvDialect;
  gzip: boolean;
}

async function plan(source: string, files: string[], options: OpenOptions): Promise<ReaderPlan> {
  const first = files[0]!;
  const info = await stat(first);
  if (info.size === 0) {
    throw new MlopsError(`${files.length > 1 ? first : source} is empty.`, {
      kind: 'input',
      where: { file: files.length > 1 ? first : source },
      expected: 'a header line with column names, then data rows',
      found: 'a file of 0 bytes',
      hint: 'Check the step that writes this file.',
    });
  }
  const head = await readHead(first);
  const raw = await readHead(first, 4);
  const gzip = raw[0] === 0x1f && raw[1] === 0x8b;
  const format = options.format ?? formatFromName(source) ?? formatFromName(first) ?? formatFromContent(head);
  if (!format) {
    throw new MlopsError(`Cannot tell the format of ${source}.`, {
      kind: 'input',
      where: { file: source },
      expected: 'a name ending in .csv, .tsv, .csv.gz, .parquet, .jsonl or .ndjson (or the `format` option)',
      found: `"${basename(first)}", starting with ${JSON.stringify(head.subarray(0, 16).toString('latin1'))}`,
      hint: 'Rename the file or say which format it is.',
    });
  }
  const dialect = format === 'csv' ? sniffCsv(source, head, options.delimiter) : undefined;
  if (dialect) await assertSameHeader(first, files.slice(1), dialect);
  return { format, files, dialect, gzip };
}

/**
 * DuckDB reads the files of a glob with the first file's columns and skips each file's first line, so a file with
 * other columns would have its values read into the wrong columns without a word. Empty files (an empty daily
 * partition) read as no rows and are let through.
 */
async function assertSameHeader(first: string, others: string[], dialect: CsvDialect): Promise<void> {
  const describe = (d: CsvDialect) =>
    d.header ? d.columns.join(', ') : `no header: ${d.columns.length} fields (the first line is data)`;
  for (const file of others) {
    if ((await stat(file)).size === 0) continue;
    // 64 KB holds a header line in practice; a longer one is read again with the first file's 1 MB.
    let head = await readHead(file, 1 << 16);
    if (head.length === 1 << 16 && !head.includes(0x0a)) head = await readHead(file);
    let found: string;
    if (dialect.header) {
      const other = sniffCsv(file, head, dialect.delimiter);
      if (other.header && other.columns.join('\0') === dialect.columns.join('\0')) continue;
      found = describe(other);
    } else {
      // Without a header every line is data: only the number of fields must agree (a text value is no header).
      const fields = firstLineFields(head, dialect.delimiter);
      if (fields === dialect.columns.length) continue;
      found = `${fields} fields on the first line`;
    }
    throw new MlopsError(`${file} has other columns than ${first}, the first file of the pattern.`, {
      kind: 'input',
      where: { file, line: 1 },
      expected: describe(dialect),
      found,
      hint: 'Every file a pattern matches must have the same header; validate the files separately or align them.',
    });
  }
}

/**
 * CSV read buffer: 4 MB instead of DuckDB's default 32 MB per buffer. Measured on 2 threads: a drift check against
 * a stored profile peaks at 172-190 MB instead of 303-323 MB at the same speed, validate-data at 385-394 MB instead
 * of 445-517 MB for about 3% more time, and the one-time conversion (materialize) at 148 MB instead of 311 MB.
 * Lines up to about 4 MB still read (DuckDB's own 2 MB line limit grows with the buffer).
 */
const CSV_BUFFER_BYTES = 4_000_000;
/** Parquet row groups of the converted copy: a writer thread buffers one, so smaller groups mean less memory. */
const CONVERSION_ROW_GROUP_ROWS = 30_000;

function readerSql(p: ReaderPlan, options: OpenOptions, mode: 'detect' | 'full-sample' | 'text'): string {
  const list = `[${p.files.map(sqlString).join(', ')}]`;
  if (p.format === 'parquet') return `read_parquet(${list})`;
  if (p.format === 'jsonl') return `read_json(${list}, format='newline_delimited')`;
  const d = p.dialect!;
  const args = [
    `delim=${sqlString(d.delimiter)}`,
    `quote='"'`,
    `escape='"'`,
    `header=${d.header}`,
    'strict_mode=true',
    'null_padding=false',
    `nullstr=[${(options.nullValues ?? ['']).map(sqlString).join(', ')}]`,
  ];
  if (p.gzip) args.push(`compression='gzip'`);
  args.push(`buffer_size=${CSV_BUFFER_BYTES}`);
  if (!d.header && mode !== 'text') args.push(`names=[${d.columns.map(sqlString).join(', ')}]`);
  if (mode === 'text') {
    args.push('auto_detect=false', `columns={${d.columns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ')}}`);
  } else if (mode === 'full-sample') {
    args.push('sample_size=-1');
  }
  return `read_csv(${list}, ${args.join(', ')})`;
}

function isOutOfMemory(error: unknown): boolean {
  return /Out of Memory Error/i.test(messageOf(error));
}

/** A query needed more than DuckDB's memory limit even with spilling; callers may retry it in smaller parts. */
export class EngineOutOfMemory extends MlopsError {
  constructor(file: string, cause: unknown) {
    const limit = settings.memoryLimit ?? process.env.MLOPS_DUCKDB_MEMORY_LIMIT;
    super(`Reading ${file} needed more memory than DuckDB may use${limit ? ` (memory limit ${limit})` : ''}.`, {
      kind: 'config',
      where: { file },
      found: messageOf(cause).split('\n')[0],
      hint: 'Raise MLOPS_DUCKDB_MEMORY_LIMIT (e.g. 1GB), or run on a machine with more memory.',
      cause,
    });
  }
}

function isConversionError(error: unknown): boolean {
  return /Could not convert|Conversion Error/i.test(messageOf(error));
}

class DuckDataset implements Dataset {
  readonly relation: string;
  columns: ColumnInfo[] = [];
  private retried = false;
  /** The temporary Parquet copy of a converted text file, and where its numeric columns' pages are. */
  private convertedFile: string | undefined;
  private convertedLayouts: Promise<Map<string, NumericColumnLayout | string>> | undefined;

  constructor(
    readonly source: string,
    readonly format: DataFormat,
    private readonly db: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly readerPlan: ReaderPlan,
    private readonly options: OpenOptions,
  ) {
    viewCounter += 1;
    this.relation = `mlops_data_${viewCounter}`;
  }

  async define(mode: 'detect' | 'full-sample' | 'text'): Promise<void> {
    // Parquet is columnar and cheap to scan again; only text formats are worth converting. Into a temporary
    // Parquet file rather than a DuckDB table: later scans read only the columns they need, and memory stays
    // bounded (a table of two 400 MB CSV files held more than pandas did).
    const convert = this.options.materialize && this.format !== 'parquet';
    const reader = readerSql(this.readerPlan, this.options, mode);
    try {
      if (convert) {
        // Next to DuckDB's spill files when a roomier place is configured: the copy is about the data's size.
        const file = join(await makeTemporaryDir('mlops-parsed-'), 'data.parquet');
        // Without the file's row order DuckDB converts faster and with less memory (no order to reassemble).
        // The setting is global to the instance: the previous value is put back, not the default.
        const anyOrder = this.options.rowOrder === 'any';
        let previous: unknown;
        if (anyOrder) {
          const read = await this.connection.runAndReadAll(`SELECT current_setting('preserve_insertion_order') AS v`);
          previous = read.getRowObjectsJS()[0]?.v;
          await this.connection.run('SET preserve_insertion_order = false');
        }
        try {
          // Uncompressed: the copy lives for one command, and compressing it costs more than its bytes on disk.
          // Version 1 pages: plain and dictionary encodings, which readConvertedNumbers decodes directly.
          const copy = `COPY (SELECT * FROM ${reader}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION uncompressed, PARQUET_VERSION V1, ROW_GROUP_SIZE ${CONVERSION_ROW_GROUP_ROWS})`;
          const started = performance.now();
          await this.connection.run(copy);
          traceSql(copy, started);
        } finally {
          if (anyOrder)
            await this.connection.run(`SET preserve_insertion_order = ${previous === false ? 'false' : 'true'}`);
        }
        await this.connection.run(
          `CREATE OR REPLACE VIEW ${this.relation} AS SELECT * FROM read_parquet(${sqlString(file)})`,
        );
        this.convertedFile = file;
        this.convertedLayouts = undefined;
      } else {
        await this.connection.run(`CREATE OR REPLACE VIEW ${this.relation} AS SELECT * FROM ${reader}`);
      }
      const described = await this.connection.runAndReadAll(`DESCRIBE ${this.relation}`);
      this.columns = described.getRowObjectsJS().map((r) => {
        const engineType = String(r.column_type);
        return { name: String(r.column_name), type: logicalType(engineType), engineType };
      });
    } catch (error) {
      if (convert && mode === 'detect' && isConversionError(error) && !this.options.allVarchar) {
        // As in query(): a value past the type-detection sample did not fit; detect from every row, once.
        this.retried = true;
        return this.define('full-sample');
      }
      if (mode !== 'text' && this.format === 'csv') {
        // DuckDB's type sniffer fails as a whole on one bad row; a plain text scan names the line.
        await this.diagnose();
      }
      throw this.readFailure(error);
    }
    const expected = this.readerPlan.dialect?.columns;
    if (expected && expected.length !== this.columns.length) {
      throw new MlopsError(
        `${this.source}: the header has ${expected.length} columns but DuckDB read ${this.columns.length}.`,
        {
          kind: 'input',
          where: { file: this.source, line: 1 },
          expected: expected.join(', '),
          found: this.columns.map((c) => c.name).join(', '),
        },
      );
    }
  }

  /** A reading error of this dataset, as an MlopsError naming the file, line and column when it is recognised. */
  private readFailure(error: unknown): unknown {
    return readerError(error, this.source, this.readerPlan.dialect?.columns);
  }

  /** Scans the file as text to turn a vague sniffing failure into the first bad line. */
  private async diagnose(): Promise<void> {
    try {
      await this.connection.run(`SELECT count(*) FROM ${readerSql(this.readerPlan, this.options, 'text')}`);
    } catch (error) {
      throw this.readFailure(error);
    }
  }

  async rowCount(): Promise<number> {
    const [row] = await this.query<{ n: bigint | number }>(`SELECT count(*) AS n FROM ${this.relation}`);
    return Number(row?.n ?? 0);
  }

  async query<T extends Record<string, unknown> = Record<string, unknown>>(sql: string): Promise<T[]> {
    try {
      const started = performance.now();
      const reader = await this.connection.runAndReadAll(sql);
      traceSql(sql, started);
      return reader.getRowObjectsJS() as T[];
    } catch (error) {
      if (await this.redetectAfter(error)) return this.query<T>(sql);
      if (isOutOfMemory(error)) throw new EngineOutOfMemory(this.source, error);
      if (isConversionError(error) || /CSV Error|Invalid unicode|Parquet|JSON/i.test(String(error))) {
        throw this.readFailure(error);
      }
      throw new MlopsError(`Query on ${this.source} failed: ${(error as Error).message.split('\n')[0]}`, {
        kind: 'internal',
        where: { file: this.source },
        found: sql.length > 400 ? `${sql.slice(0, 400)}…` : sql,
        cause: error,
      });
    }
  }

  /** A value past DuckDB's type-detection sample did not fit: detect the types again from every row, once. */
  private async redetectAfter(error: unknown): Promise<boolean> {
    if (this.format !== 'csv' || this.retried || !isConversionError(error) || this.options.allVarchar) return false;
    this.retried = true;
    await this.define('full-sample');
    return true;
  }

  private selectFor(columns: string[]): { infos: ColumnInfo[]; sql: string } {
    const infos = columns.map((name) => {
      const info = this.columns.find((c) => c.name === name);
      if (!info) {
        throw new MlopsError(`Column "${name}" does not exist in ${this.source}.`, {
          kind: 'input',
          where: { file: this.source, field: name },
          expected: `one of: ${this.columns.map((c) => c.name).join(', ')}`,
          found: name,
        });
      }
      return info;
    });
    const exprs = infos.map((c) => {
      const q = quoteIdent(c.name);
      // Missing numbers arrive as NaN, so a vector has no nulls and is copied to JavaScript in one block.
      if (isNumericType(c.type)) return `coalesce(CAST(${q} AS DOUBLE), 'NaN'::DOUBLE) AS ${q}`;
      if (c.engineType === 'VARCHAR') return q;
      return `CAST(${q} AS VARCHAR) AS ${q}`;
    });
    return { infos, sql: `SELECT ${exprs.join(', ') || '1 AS __none'} FROM ${this.relation}` };
  }

  async *batches(columns: string[], options: { batchSize?: number } = {}): AsyncIterable<ColumnBatch> {
    const batchSize = Math.max(1, options.batchSize ?? 65536);
    const { infos, sql } = this.selectFor(columns);
    // Its own connection: a streaming result is invalidated by any other query on the same connection.
    const connection = await this.db.connect();
    let firstRow = 1;
    const started = performance.now();
    let redetected = false;
    // Before the first batch is out, a value the detected types do not fit is retried with types from every row.
    const failed = async (error: unknown) => {
      if (firstRow === 1 && (await this.redetectAfter(error))) {
        redetected = true;
        return undefined;
      }
      throw this.readFailure(error);
    };
    try {
      const result = await connection.stream(sql).catch(failed);
      let pending = newBuffers(infos);
      for (;;) {
        const chunk = result && (await result.fetchChunk().catch(failed));
        if (redetected) break;
        if (!chunk || chunk.rowCount === 0) break;
        appendChunk(pending, infos, chunk);
        if (pending.rows >= batchSize) {
          const batch = toBatch(pending, infos, firstRow);
          firstRow += batch.rowCount;
          pending = newBuffers(infos);
          yield batch;
        }
      }
      if (!redetected && (pending.rows > 0 || firstRow === 1)) yield toBatch(pending, infos, firstRow);
    } finally {
      traceSql(sql, started);
      connection.closeSync();
    }
    if (redetected) yield* this.batches(columns, options);
  }

  /**
   * The whole result is wanted anyway, so DuckDB materializes it (on all its threads; a streamed query runs
   * several times slower) and its chunks are copied straight into arrays of the final size.
   */
  async readAll(columns: string[]): Promise<ColumnBatch> {
    const { infos, sql } = this.selectFor(columns);
    const direct = await this.readConvertedNumbers(infos);
    if (direct) return direct;
    const connection = await this.db.connect();
    const started = performance.now();
    try {
      let result: Awaited<ReturnType<DuckDBConnection['run']>>;
      try {
        result = await connection.run(sql);
      } catch (error) {
        if (await this.redetectAfter(error)) return this.readAll(columns);
        throw this.readFailure(error);
      }
      const rowCount = result.rowCount;
      const out = infos.map((info) =>
        isNumericType(info.type) ? new Float64Array(rowCount) : new Array<string | null>(rowCount),
      );
      let offset = 0;
      for (let k = 0; k < result.chunkCount; k++) {
        const chunk = result.getChunk(k);
        const n = chunk.rowCount;
        for (let i = 0; i < infos.length; i++) {
          const target = out[i]!;
          if (target instanceof Float64Array) copyNumbers(chunk.getColumnVector(i), n, target, offset);
          else copyText(chunk.getColumnVector(i), n, target, offset);
        }
        offset += n;
      }
      return {
        rowCount,
        firstRow: 1,
        columns: Object.fromEntries(infos.map((info, i) => [info.name, out[i] as ColumnValues])),
      };
    } finally {
      traceSql(sql, started);
      connection.closeSync();
    }
  }
  /**
   * Numeric columns of a converted copy, read from its pages (see parquet-numbers.ts); undefined when the copy has
   * a column that reader does not decode, and the caller then reads through SQL.
   */
  private async readConvertedNumbers(infos: ColumnInfo[]): Promise<ColumnBatch | undefined> {
    const file = this.convertedFile;
    if (!file || infos.length === 0 || !infos.every((info) => isNumericType(info.type))) return undefined;
    const started = performance.now();
    // Only a shortcut: whatever goes wrong here, SQL reads the same values and reports real problems properly.
    try {
      this.convertedLayouts ??= this.numericLayouts(file);
      const layouts = await this.convertedLayouts;
      const columns: Record<string, ColumnValues> = {};
      let rowCount = 0;
      for (const info of infos) {
        const layout = layouts.get(info.name);
        if (typeof layout !== 'object') {
          traceSql(`direct read of ${info.name} not possible (${layout ?? 'no layout'}): through SQL`, started);
          return undefined;
        }
        const values = await readNumericColumn(file, layout);
        columns[info.name] = values;
        rowCount = values.length;
      }
      traceSql(`direct read of ${infos.map((i) => i.name).join(', ')} from ${file}`, started);
      return { rowCount, firstRow: 1, columns };
    } catch (error) {
      if (!(error instanceof UnsupportedParquet)) this.convertedLayouts = undefined;
      traceSql(`direct read stopped (${messageOf(error)}): through SQL`, started);
      return undefined;
    }
  }

  /** Page locations of each numeric column of the copy, or why it cannot be read directly. */
  private async numericLayouts(file: string): Promise<Map<string, NumericColumnLayout | string>> {
    const schema = await this.query<ParquetSchemaRow>(parquetSchemaSql(file));
    const chunks = await this.query<ParquetChunkRow>(parquetChunksSql(file));
    return numericLayouts(schema, chunks, this.columns);
  }
}

interface Buffers {
  rows: number;
  numeric: Float64Array[][];
  text: (string | null)[][];
}

function newBuffers(infos: ColumnInfo[]): Buffers {
  return { rows: 0, numeric: infos.map(() => []), text: infos.map(() => []) };
}

/**
 * The values of a DOUBLE vector without nulls as one Float64Array view, or undefined when this version of
 * @duckdb/node-api keeps them elsewhere (then values are read one by one). The view points into DuckDB's chunk.
 */
export function doubleItems(vector: DuckDBVector): Float64Array | undefined {
  const items = (vector as unknown as { items?: unknown }).items;
  return items instanceof Float64Array && items.length === vector.itemCount ? items : undefined;
}

/** Copies n numbers of a vector into target at offset: in one block when possible; missing ones are NaN. */
function copyNumbers(vector: DuckDBVector, n: number, target: Float64Array, offset: number): void {
  const items = doubleItems(vector);
  if (items) target.set(items.subarray(0, n), offset);
  else for (let r = 0; r < n; r++) target[offset + r] = (vector.getItem(r) as number | null) ?? Number.NaN;
}

/** Copies n values of a vector as text into target at offset; missing ones stay null. */
function copyText(vector: DuckDBVector, n: number, target: (string | null)[], offset: number): void {
  for (let r = 0; r < n; r++) {
    const v = vector.getItem(r);
    target[offset + r] = v === null ? null : String(v);
  }
}

function appendChunk(buffers: Buffers, infos: ColumnInfo[], chunk: import('@duckdb/node-api').DuckDBDataChunk): void {
  const n = chunk.rowCount;
  infos.forEach((info, i) => {
    const vector = chunk.getColumnVector(i);
    if (isNumericType(info.type)) {
      const out = new Float64Array(n);
      copyNumbers(vector, n, out, 0);
      buffers.numeric[i]!.push(out);
    } else {
      const out = buffers.text[i]!;
      copyText(vector, n, out, out.length);
    }
  });
  buffers.rows += n;
}

function concatenate(parts: Float64Array[], length: number): Float64Array {
  if (parts.length === 1 && parts[0]!.length === length) return parts[0]!;
  const all = new Float64Array(length);
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}

function toBatch(buffers: Buffers, infos: ColumnInfo[], firstRow: number): ColumnBatch {
  const columns: Record<string, ColumnValues> = {};
  infos.forEach((info, i) => {
    columns[info.name] = isNumericType(info.type) ? concatenate(buffers.numeric[i]!, buffers.rows) : buffers.text[i]!;
  });
  return { rowCount: buffers.rows, firstRow, columns };
}

/**
 * Opens a path, glob or http(s) URL as a dataset. Errors (missing or empty file, unknown format, ragged rows,
 * broken quoting, bad encoding) are MlopsErrors naming the file, line and what was expected.
 */
export async function openDataset(source: string, options: OpenOptions = {}): Promise<Dataset> {
  const db = await getInstance();
  const connection = await db.connect();
  const name = options.displayName ?? source;
  try {
    const files = await resolveFiles(connection, source, name);
    const readerPlan = await plan(name, files, options);
    const dataset = new DuckDataset(name, readerPlan.format, db, connection, readerPlan, options);
    await dataset.define(options.allVarchar && readerPlan.format === 'csv' ? 'text' : 'detect');
    return dataset;
  } catch (error) {
    connection.closeSync();
    throw error;
  }
}
