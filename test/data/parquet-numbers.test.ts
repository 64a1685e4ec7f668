import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { closeEngine, openDataset, parquetChunksSql, parquetSchemaSql } from '../../src/core/data/engine.js';
import {
  decodeHybrid,
  type NumericColumnLayout,
  numericLayouts,
  type ParquetChunkRow,
  type ParquetSchemaRow,
  readNumericColumn,
  UnsupportedParquet,
} from '../../src/core/data/parquet-numbers.js';
import type { Dataset } from '../../src/core/data/types.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('mlops-parquet-numbers-');
const ROWS = 70_001;

/**
 * A CSV whose numeric columns cover what the copy can hold: doubles with many and with few distinct values
 * (plain and dictionary pages), integers beyond 2^53, small integers, and missing values in runs and alone,
 * including across page and row-group boundaries.
 */
function writeCsv(): string {
  const path = join(dir, 'numbers.csv');
  const lines = ['wide,few,big,small,label'];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < ROWS; i++) {
    const missingRun = i >= 29_990 && i < 30_020;
    const wide = missingRun || i % 97 === 0 ? '' : ((random() - 0.5) * 1e6).toString();
    const few = i % 13 === 0 ? '' : [0.5, -1.25, 3, 1e-300][i % 4]!.toString();
    const big = i % 11 === 0 ? '' : (i % 2 === 0 ? '9007199254740993' : '-9223372036854775807').toString();
    const small = i % 5 === 0 ? '' : String((i % 200) - 100);
    lines.push(`${wide},${few},${i === 3 ? '' : big},${small},${i % 3 === 0 ? 'a' : 'b'}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function layoutsOf(ds: Dataset, file: string): Promise<Map<string, NumericColumnLayout | string>> {
  const schema = await ds.query<ParquetSchemaRow>(parquetSchemaSql(file));
  const chunks = await ds.query<ParquetChunkRow>(parquetChunksSql(file));
  return numericLayouts(schema, chunks, ds.columns);
}

function assertSameValues(actual: Float64Array, expected: Float64Array, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i]))
      assert.fail(`${label}: row ${i} is ${actual[i]}, DuckDB says ${expected[i]}`);
  }
}

describe('direct Parquet reading of numeric columns', () => {
  after(() => closeEngine());
  const csv = writeCsv();

  it("reads every numeric type from the engine's V1 pages exactly as DuckDB's CAST to DOUBLE does", async () => {
    const source = await openDataset(csv);
    const file = join(dir, 'typed-v1.parquet');
    await source.query(
      `COPY (SELECT CAST(wide AS DOUBLE) AS d, CAST(wide AS FLOAT) AS f, CAST(few AS DOUBLE) AS few,
        big AS i64, CAST(small AS INTEGER) AS i32, CAST(small AS SMALLINT) AS i16, CAST(small AS TINYINT) AS i8,
        CAST(small * 1000000 AS INTEGER) AS i32wide, label
       FROM ${source.relation}) TO '${file}'
       (FORMAT parquet, COMPRESSION uncompressed, PARQUET_VERSION V1, ROW_GROUP_SIZE 20000)`,
    );
    const ds = await openDataset(file);
    const layouts = await layoutsOf(ds, file);
    const names = ['d', 'f', 'few', 'i64', 'i32', 'i16', 'i8', 'i32wide'];
    const expected = await ds.readAll(names);
    for (const name of names) {
      const layout = layouts.get(name);
      assert.equal(typeof layout, 'object', `${name}: ${String(layout)}`);
      const chunks = (layout as NumericColumnLayout).chunks;
      assert.ok(chunks.length >= 4, `${name} spans several row groups`);
      assertSameValues(
        await readNumericColumn(file, layout as NumericColumnLayout),
        expected.columns[name] as Float64Array,
        name,
      );
    }
    assert.equal(typeof layouts.get('label'), 'string', 'text columns are not read directly');
    // The columns really hold what the test is about: missing values, dictionary pages, values beyond 2^53.
    const [stats] = await ds.query<{ missing: bigint; encodings: string; big: string }>(
      `SELECT (SELECT count(*) FROM '${file}' WHERE d IS NULL) AS missing,
        (SELECT string_agg(DISTINCT encodings, ' ') FROM parquet_metadata('${file}') WHERE path_in_schema = 'few') AS encodings,
        (SELECT max(i64)::VARCHAR FROM '${file}') AS big`,
    );
    assert.ok(Number(stats!.missing) > 700);
    assert.match(stats!.encodings, /DICTIONARY/);
    assert.equal(stats!.big, '9007199254740993');
  });

  it('reads what the V2 writer dictionary-encodes and refuses the encodings it does not decode', async () => {
    const source = await openDataset(csv);
    const file = join(dir, 'typed-v2.parquet');
    await source.query(
      `COPY (SELECT CAST(wide AS DOUBLE) AS d, CAST(few AS DOUBLE) AS few FROM ${source.relation}) TO '${file}'
       (FORMAT parquet, COMPRESSION uncompressed, PARQUET_VERSION V2, ROW_GROUP_SIZE 20000)`,
    );
    const ds = await openDataset(file);
    const layouts = await layoutsOf(ds, file);
    const expected = await ds.readAll(['few']);
    assertSameValues(
      await readNumericColumn(file, layouts.get('few') as NumericColumnLayout),
      expected.columns.few as Float64Array,
      'few',
    );
    // DuckDB's V2 writer still writes version-1 data pages, but many-valued doubles as BYTE_STREAM_SPLIT: the
    // engine pins V1 for its copies.
    await assert.rejects(readNumericColumn(file, layouts.get('d') as NumericColumnLayout), /value encoding 9/);
  });

  it('refuses a column chunk whose pages do not add up instead of returning numbers', async () => {
    const source = await openDataset(csv);
    const file = join(dir, 'bounds.parquet');
    await source.query(
      `COPY (SELECT CAST(wide AS DOUBLE) AS d, CAST(few AS DOUBLE) AS few FROM ${source.relation}) TO '${file}'
       (FORMAT parquet, COMPRESSION uncompressed, PARQUET_VERSION V1, ROW_GROUP_SIZE 20000)`,
    );
    const ds = await openDataset(file);
    const layouts = await layoutsOf(ds, file);
    for (const name of ['d', 'few']) {
      const layout = layouts.get(name) as NumericColumnLayout;
      const [first, ...rest] = layout.chunks;
      for (const change of [-1, 8]) {
        const changed = { ...layout, chunks: [{ ...first!, length: first!.length + change }, ...rest] };
        await assert.rejects(readNumericColumn(file, changed), UnsupportedParquet, `${name}, chunk length ${change}`);
      }
      const shifted = { ...layout, chunks: [{ ...first!, start: first!.start + 1 }, ...rest] };
      await assert.rejects(readNumericColumn(file, shifted), UnsupportedParquet, `${name}, start + 1`);
    }
  });

  it('says which columns it cannot read, and refuses compressed pages instead of misreading them', async () => {
    const source = await openDataset(csv);
    const file = join(dir, 'snappy.parquet');
    await source.query(
      `COPY (SELECT CAST(wide AS DOUBLE) AS d, CAST(wide AS DECIMAL(18, 3)) AS dec, CAST(abs(small) AS UINTEGER) AS u
       FROM ${source.relation}) TO '${file}' (FORMAT parquet, COMPRESSION snappy)`,
    );
    const ds = await openDataset(file);
    const layouts = await layoutsOf(ds, file);
    assert.match(String(layouts.get('dec')), /DECIMAL/);
    assert.match(String(layouts.get('u')), /UINTEGER/);
    await assert.rejects(readNumericColumn(file, layouts.get('d') as NumericColumnLayout), UnsupportedParquet);
  });

  it("the engine reads a converted text file's numbers from the copy's pages, the same values as through SQL", async () => {
    const parsed = await openDataset(csv, { materialize: true });
    const plain = await openDataset(csv);
    const names = plain.columns.filter((c) => c.type === 'integer' || c.type === 'number').map((c) => c.name);
    assert.deepEqual(names, ['wide', 'few', 'big', 'small']);
    const traced: string[] = [];
    const write = process.stderr.write;
    const previous = process.env.MLOPS_TRACE_SQL;
    process.env.MLOPS_TRACE_SQL = '1';
    process.stderr.write = ((chunk: string) => traced.push(String(chunk)) > 0) as typeof process.stderr.write;
    let direct: Awaited<ReturnType<Dataset['readAll']>>;
    try {
      direct = await parsed.readAll(names);
    } finally {
      process.stderr.write = write;
      if (previous === undefined) delete process.env.MLOPS_TRACE_SQL;
      else process.env.MLOPS_TRACE_SQL = previous;
    }
    assert.ok(
      traced.some((line) => line.includes('direct read of wide, few, big, small')),
      `read from the pages: ${traced.join('')}`,
    );
    const expected = await plain.readAll(names);
    assert.equal(direct.rowCount, ROWS);
    for (const name of names) {
      assertSameValues(direct.columns[name] as Float64Array, expected.columns[name] as Float64Array, name);
    }
  });

  it('decodes RLE runs and bit-packed groups of the hybrid encoding', () => {
    // An RLE run of 5 x value 6 (header 5 << 1, one value byte), then one bit-packed group of 8 three-bit values
    // 0..7 (header 1 << 1 | 1), packed least significant bit first.
    const bytes = new Uint8Array([10, 6, 3, 0b10001000, 0b11000110, 0b11111010]);
    const out = new Int32Array(12);
    const end = decodeHybrid(bytes, 0, bytes.length, 3, 12, out);
    assert.deepEqual([...out], [6, 6, 6, 6, 6, 0, 1, 2, 3, 4, 5, 6]);
    assert.equal(end, bytes.length);
    assert.throws(() => decodeHybrid(bytes, 0, 2, 3, 12, out), UnsupportedParquet);
  });
});
