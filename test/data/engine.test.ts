import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { closeEngine, doubleItems, openDataset } from '../../src/core/data/engine.js';
import type { Dataset } from '../../src/core/data/types.js';
import { MlopsError } from '../../src/core/errors.js';
import { tempDir } from '../helpers/tmp.js';

const PENGUINS = join(import.meta.dirname, '../../examples/penguins/train.csv');
const dir = tempDir('mlops-engine-');
const parquet = join(dir, 'penguins.parquet');

async function rejects(promise: Promise<unknown>, check: (e: MlopsError) => void): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof MlopsError, `expected MlopsError, got ${String(error)}`);
    check(error);
    return true;
  });
}

/** The CSV parsed independently (no quotes in this file) for comparisons. */
function parsePenguins(): { header: string[]; rows: string[][] } {
  const lines = readFileSync(PENGUINS, 'utf8').trim().split('\n');
  return { header: lines[0]!.split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

describe('data engine', () => {
  before(async () => {
    const ds = await openDataset(PENGUINS);
    await ds.query(`COPY (SELECT * FROM ${ds.relation}) TO '${parquet}' (FORMAT parquet)`);
  });
  after(() => closeEngine());

  it('reads the penguins CSV with logical types, row count and batches in file order', async () => {
    const ds = await openDataset(PENGUINS);
    const { header, rows } = parsePenguins();
    assert.equal(ds.format, 'csv');
    assert.deepEqual(
      ds.columns.map((c) => c.name),
      header,
    );
    const types = Object.fromEntries(ds.columns.map((c) => [c.name, c.type]));
    assert.equal(types.species, 'string');
    assert.equal(types.bill_length_mm, 'number');
    assert.equal(types.flipper_length_mm, 'integer');
    assert.equal(await ds.rowCount(), rows.length);
    let seen = 0;
    for await (const batch of ds.batches(['bill_length_mm', 'species'], { batchSize: 50 })) {
      assert.equal(batch.firstRow, seen + 1);
      const bill = batch.columns.bill_length_mm as Float64Array;
      const species = batch.columns.species as (string | null)[];
      for (let i = 0; i < batch.rowCount; i++) {
        const row = rows[seen + i]!;
        if (row[2] === '') assert.ok(Number.isNaN(bill[i]!), `row ${seen + i + 1} should be NaN`);
        else assert.equal(bill[i], Number(row[2]));
        assert.equal(species[i], row[0]);
      }
      seen += batch.rowCount;
    }
    assert.equal(seen, rows.length);
  });

  it('copies numbers across many chunks in blocks, missing ones as NaN', async () => {
    const path = join(dir, 'many.parquet');
    const probe = await openDataset(PENGUINS);
    await probe.query(
      `COPY (SELECT i, CASE WHEN i % 7 = 3 THEN NULL ELSE i * 0.5 END AS x, CAST(i % 5 AS VARCHAR) AS s FROM range(10000) t(i)) TO '${path}' (FORMAT parquet)`,
    );
    const ds = await openDataset(path);
    const all = await ds.readAll(['x', 's', 'i']);
    assert.equal(all.rowCount, 10000);
    const x = all.columns.x as Float64Array;
    const ids = all.columns.i as Float64Array;
    for (let i = 0; i < 10000; i++) {
      assert.equal(ids[i], i);
      if (i % 7 === 3) assert.ok(Number.isNaN(x[i]!), `row ${i + 1} is missing`);
      else assert.equal(x[i], i * 0.5);
    }
    assert.equal((all.columns.s as string[])[9999], '4');
    let seen = 0;
    for await (const batch of ds.batches(['x'], { batchSize: 3000 })) {
      assert.equal(batch.firstRow, seen + 1);
      // Batches start at rows 0, 3000, 6000, 9000, none of them missing (i % 7 != 3).
      assert.equal((batch.columns.x as Float64Array)[0], seen * 0.5);
      seen += batch.rowCount;
    }
    assert.equal(seen, 10000);
    // The block copy relies on how @duckdb/node-api holds a DOUBLE vector; a version that changes it must be noticed.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const chunk = await (await connection.run('SELECT 1.5::DOUBLE AS x FROM range(3)')).fetchChunk();
    assert.deepEqual([...doubleItems(chunk!.getColumnVector(0))!], [1.5, 1.5, 1.5]);
    connection.closeSync();
  });

  it('materialize: a text file parsed once into a temporary Parquet copy gives the same data, removed on close', async () => {
    const plain = await openDataset(PENGUINS);
    const parsed = await openDataset(PENGUINS, { materialize: true });
    assert.deepEqual(parsed.columns, plain.columns);
    const columns = plain.columns.map((c) => c.name);
    assert.deepEqual(await parsed.readAll(columns), await plain.readAll(columns));
    const [copy] = await parsed.query<{ file: string }>(
      `SELECT file FROM duckdb_views() v, LATERAL (SELECT regexp_extract(v.sql, '''([^'']+\\.parquet)''', 1) AS file) WHERE view_name = '${parsed.relation}'`,
    );
    assert.ok(copy?.file && existsSync(copy.file), `the Parquet copy exists while the engine is open: ${copy?.file}`);
    await closeEngine();
    assert.equal(existsSync(copy.file), false, 'closeEngine removes the copy');
  });

  it('reads the same data from Parquet, gzip, TSV, JSON Lines, a glob and an HTTP URL', async () => {
    const csv = await openDataset(PENGUINS);
    const reference = await csv.readAll(['body_mass_g', 'sex']);
    const tsv = join(dir, 'penguins.tsv');
    writeFileSync(tsv, readFileSync(PENGUINS, 'utf8').replace(/,/g, '\t'));
    const gz = join(dir, 'penguins.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(PENGUINS)));
    const jsonl = join(dir, 'penguins.jsonl');
    await csv.query(`COPY (SELECT * FROM ${csv.relation}) TO '${jsonl}' (FORMAT json)`);
    const server = createServer((_req, res) => res.end(readFileSync(PENGUINS)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      for (const source of [
        parquet,
        gz,
        tsv,
        jsonl,
        join(dir, 'penguins.p*quet'),
        `http://127.0.0.1:${port}/data/train.csv`,
      ]) {
        const ds = await openDataset(source);
        const all = await ds.readAll(['body_mass_g', 'sex']);
        assert.equal(all.rowCount, reference.rowCount, source);
        assert.deepEqual(
          Array.from(all.columns.body_mass_g as Float64Array),
          Array.from(reference.columns.body_mass_g as Float64Array),
          source,
        );
        assert.deepEqual(all.columns.sex, reference.columns.sex, source);
      }
    } finally {
      server.close();
    }
  });

  it('detects a file without header (first line all numbers) and semicolon delimiters', async () => {
    const headerless = join(dir, 'headerless.csv');
    writeFileSync(headerless, '1,2.5,3\n4,5.5,6\n');
    const ds = await openDataset(headerless);
    assert.deepEqual(
      ds.columns.map((c) => `${c.name}:${c.type}`),
      ['column1:integer', 'column2:number', 'column3:integer'],
    );
    assert.equal(await ds.rowCount(), 2);
    const semicolons = join(dir, 'semicolons.csv');
    writeFileSync(semicolons, 'a;b\n"x;y";2\nz;3\n');
    const semi = await openDataset(semicolons);
    assert.deepEqual(
      semi.columns.map((c) => c.name),
      ['a', 'b'],
    );
    assert.deepEqual((await semi.readAll(['a'])).columns.a, ['x;y', 'z']);
  });

  it('a value past the type-detection sample that does not fit is read after detecting types from every row', async () => {
    const path = join(dir, 'late-text.csv');
    const rows = Array.from({ length: 30_000 }, (_, i) => `${i},${i % 7}`);
    rows.push('30000,n/a');
    writeFileSync(path, `id,x\n${rows.join('\n')}\n`);
    const all = await openDataset(path);
    assert.equal(all.columns.find((c) => c.name === 'x')?.engineType, 'BIGINT', 'the sample says integers');
    const read = await all.readAll(['id', 'x']);
    assert.equal(read.rowCount, 30_001);
    assert.equal((read.columns.x as string[])[30_000], 'n/a');
    assert.equal((read.columns.id as Float64Array)[30_000], 30_000);
    assert.equal(all.columns.find((c) => c.name === 'x')?.engineType, 'VARCHAR');

    const streamed = await openDataset(path);
    const values: (string | null)[] = [];
    for await (const batch of streamed.batches(['x'], { batchSize: 100_000 })) {
      values.push(...(batch.columns.x as string[]));
    }
    assert.equal(values.length, 30_001);
    assert.deepEqual([values[0], values[30_000]], ['0', 'n/a']);
  });

  it('queries with SQL', async () => {
    const ds: Dataset = await openDataset(parquet);
    const [row] = await ds.query<{ n: number }>(`SELECT count(DISTINCT species) AS n FROM ${ds.relation}`);
    assert.equal(Number(row!.n), 3);
  });

  it('names file, line, expected and found for bad input', async () => {
    const write = (name: string, text: string | Buffer) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    await rejects(openDataset(join(dir, 'missing.csv')), (e) => {
      assert.match(e.message, /does not exist/);
      assert.equal(e.where?.file, join(dir, 'missing.csv'));
    });
    await rejects(openDataset(write('empty.csv', '')), (e) => assert.match(e.message, /empty/));
    await rejects(openDataset(write('ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n')), (e) => {
      assert.equal(e.where?.line, 3);
      assert.equal(e.where?.row, 2);
      assert.match(e.found ?? '', /2 fields: "4,5"/);
    });
    await rejects(
      openDataset(write('quote.csv', 'a,b,c\n1,2,3\n4,"x,5\n6,7,8\n')).then((ds) => ds.rowCount()),
      (e) => {
        assert.equal(e.where?.line, 3);
        assert.match(e.message, /quoted value is never closed/);
      },
    );
    await rejects(
      openDataset(
        write('latin1.csv', Buffer.concat([Buffer.from('a,b\n1,caf'), Buffer.from([0xe9]), Buffer.from('\n2,x\n')])),
      ),
      (e) => {
        assert.equal(e.where?.line, 2);
        assert.match(e.message, /UTF-8/);
      },
    );
    await rejects(openDataset(write('data.xyz', 'hello')), (e) => assert.match(e.message, /Cannot tell the format/));
    await rejects(openDataset(join(dir, 'nothing-*.csv')), (e) => assert.match(e.message, /matches no files/));
    write('parts-1.csv', 'a,b\n1,x\n2,y\n');
    write('parts-2.csv', 'a,c\n3,z\n');
    await rejects(openDataset(join(dir, 'parts-*.csv')), (e) => {
      assert.match(e.message, /parts-2\.csv has other columns than .*parts-1\.csv, the first file of the pattern/);
      assert.equal(e.where?.line, 1);
      assert.equal(e.expected, 'a, b');
      assert.equal(e.found, 'a, c');
    });
    write('parts-2.csv', '3,4\n');
    await rejects(openDataset(join(dir, 'parts-*.csv')), (e) =>
      assert.equal(e.found, 'no header: 2 fields (the first line is data)'),
    );
    write('parts-2.csv', 'a,b\n3,z\n');
    write('parts-3.csv', ''); // an empty partition reads as no rows
    assert.equal(await (await openDataset(join(dir, 'parts-*.csv'))).rowCount(), 3);
    // A header longer than the first 64 KB read of a later file is read in full.
    const wide = Array.from({ length: 6000 }, (_, i) => `feature_${String(i).padStart(5, '0')}`);
    write('wide-1.csv', `${wide.join(',')}\n${wide.map(() => '1').join(',')}\n`);
    write('wide-2.csv', `${wide.join(',')}\n${wide.map(() => '2').join(',')}\n`);
    assert.equal(await (await openDataset(join(dir, 'wide-*.csv'))).rowCount(), 2);
    // Headerless files: only the number of fields counts, a text value on a later file's first line is data.
    write('bare-1.csv', '1,2\n3,4\n');
    write('bare-2.csv', '5,z\n');
    assert.equal(await (await openDataset(join(dir, 'bare-*.csv'))).rowCount(), 3);
    write('bare-2.csv', '5,6,7\n');
    await rejects(openDataset(join(dir, 'bare-*.csv')), (e) => {
      assert.equal(e.expected, 'no header: 2 fields (the first line is data)');
      assert.equal(e.found, '3 fields on the first line');
    });
  });
});
