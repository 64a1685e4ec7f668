/**
 * Data stored in its own types (Parquet) takes a faster route than CSV text: ranges and categories are settled
 * from min/max and the value counts, duplicate keys are counted in the distributions pass. The same anomalies
 * must come out the same from both formats, and a clean file must pass from both.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { closeEngine, openDataset } from '../../src/core/data/engine.js';
import { validateConfig } from '../../src/core/validate/config.js';
import { inferSchema } from '../../src/core/validate/infer.js';
import type { ValidationCheck } from '../../src/core/validate/report.js';
import { cleanTable, toCsv, validate, workspace } from './helpers.js';

const dir = workspace();

async function writeBoth(mutate: (t: { header: string[]; rows: string[][] }) => void): Promise<void> {
  const table = cleanTable();
  mutate(table);
  writeFileSync(join(dir, 'data.csv'), toCsv(table.header, table.rows));
  const typed = await openDataset(join(dir, 'data.csv'));
  await typed.query(`COPY (SELECT * FROM ${typed.relation}) TO '${join(dir, 'data.parquet')}' (FORMAT parquet)`);
  await closeEngine();
}

function failures(checks: ValidationCheck[]): { id: string; rows?: number; samples: number[] }[] {
  return checks
    .filter((c) => c.status !== 'pass' && c.status !== 'skip')
    .map((c) => ({ id: c.id, rows: c.failingRows, samples: c.samples.map((s) => s.row) }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

const col = (t: { header: string[] }, name: string) => t.header.indexOf(name);

describe('validate-data on natively typed data (Parquet) agrees with CSV', () => {
  before(async () => {
    await writeBoth(() => undefined);
    const inferred = await validate(dir, { infer: 'true', schema: '.mlops/schema/data.yaml' });
    assert.equal(inferred.exitCode, 0, inferred.logger.lines.join('\n'));
  });

  it('clean data passes from both formats', async () => {
    for (const data of ['data.csv', 'data.parquet']) {
      const run = await validate(dir, { data, schema: '.mlops/schema/data.yaml' });
      assert.equal(run.exitCode, 0, `${data}: ${run.logger.lines.join('\n')}`);
      assert.deepEqual(failures(run.report!.checks), [], data);
    }
  });

  it('out of range, unseen category and duplicate key: same checks, counts and rows from both', async () => {
    await writeBoth((t) => {
      t.rows[9]![col(t, 'body_mass_g')] = '9000';
      t.rows[20]![col(t, 'body_mass_g')] = '100';
      t.rows[99]![col(t, 'island')] = 'Atlantis';
      t.rows[5]![col(t, 'penguin_id')] = '3';
    });
    const fromCsv = await validate(dir, { data: 'data.csv', schema: '.mlops/schema/data.yaml' });
    const fromParquet = await validate(dir, { data: 'data.parquet', schema: '.mlops/schema/data.yaml' });
    assert.equal(fromCsv.exitCode, 1);
    assert.equal(fromParquet.exitCode, 1);
    // The key is penguin_id alone and it is declared unique, so the uniqueness check covers it.
    assert.deepEqual(failures(fromCsv.report!.checks), [
      { id: 'categories:island', rows: 1, samples: [100] },
      { id: 'range:body_mass_g', rows: 2, samples: [10, 21] },
      { id: 'sql:body mass plausible', rows: 1, samples: [21] },
      { id: 'unique:penguin_id', rows: 2, samples: [3, 6] },
    ]);
    assert.deepEqual(failures(fromParquet.report!.checks), failures(fromCsv.report!.checks));
    const range = fromParquet.report!.checks.find((c) => c.id === 'range:body_mass_g')!;
    // Sample values are text whatever the storage type.
    assert.deepEqual(
      range.samples.map((s) => s.values.body_mass_g),
      ['9000', '100'],
    );
  });

  it('large-data inference (approximate statistics) declares a key only when no value repeats', async () => {
    const config = validateConfig.parse({});
    const rows = 12_000;
    const ids = Array.from({ length: rows }, (_, i) => String(i + 1));
    const write = (name: string, values: string[]) =>
      writeFileSync(join(dir, name), `id,code\n${values.map((v, i) => `${v},c${i % 7}`).join('\n')}\n`);
    write('unique.csv', ids);
    // The repeat sits past the rows that choose the key candidates, so only the full pass can see it.
    write(
      'repeated.csv',
      ids.map((v, i) => (i === rows - 1 ? '1' : v)),
    );
    const unique = await inferSchema(
      await openDataset(join(dir, 'unique.csv'), { allVarchar: true }),
      'u',
      config,
      false,
    );
    const repeated = await inferSchema(
      await openDataset(join(dir, 'repeated.csv'), { allVarchar: true }),
      'r',
      config,
      false,
    );
    await closeEngine();
    assert.deepEqual(unique.schema.keys, ['id']);
    assert.equal(unique.schema.columns.id!.unique, true);
    assert.equal(unique.profile.columns[0]!.distinct, rows);
    assert.deepEqual(repeated.schema.keys, []);
    assert.equal(repeated.schema.columns.id!.unique, undefined);
    // Category value counts come from the same pass.
    assert.deepEqual(unique.schema.columns.code!.categories, ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  });
});
