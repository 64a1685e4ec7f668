/**
 * NaN, infinities and sentinels near the largest double are data a validator must report, not crash on: DuckDB
 * refuses a standard deviation that is not finite, and a range of ±1.8e308 overflows the histogram bins. Also the
 * edge cases of text columns: no values at all, every value different.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { closeEngine, openDataset } from '../../src/core/data/engine.js';
import { tempDir } from '../helpers/tmp.js';
import { validate } from './helpers.js';

const dir = tempDir('mlops-validate-extreme-');
writeFileSync(join(dir, 'mlops.yaml'), 'version: 1\ndata:\n  train: data.csv\n');

/** Sample standard deviation (ddof = 1), two-pass. */
function std(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
}

describe('validate-data on extreme values', () => {
  it('NaN and infinity in a Parquet DOUBLE column: profiled over the finite values, no crash', async () => {
    const csv = 'id,x\n1,1.5\n2,NaN\n3,2.5\n4,inf\n5,3.0\n6,4.25\n';
    writeFileSync(join(dir, 'floats.csv'), csv);
    const typed = await openDataset(join(dir, 'floats.csv'));
    await typed.query(
      `COPY (SELECT id, CAST(x AS DOUBLE) AS x FROM ${typed.relation}) TO '${join(dir, 'floats.parquet')}' (FORMAT parquet)`,
    );
    await closeEngine();

    const inferred = await validate(dir, { data: 'floats.parquet', infer: 'true' });
    assert.equal(inferred.exitCode, 0, inferred.logger.lines.join('\n'));
    const x = inferred.report!.columns.find((c) => c.name === 'x')!;
    const finite = [1.5, 2.5, 3.0, 4.25];
    assert.equal(x.count, 6, 'NaN and infinity are present values');
    assert.ok(Math.abs(x.mean! - finite.reduce((a, b) => a + b, 0) / finite.length) < 1e-12);
    assert.ok(Math.abs(x.std! - std(finite)) < 1e-12, `std ${x.std} vs ${std(finite)}`);

    const checked = await validate(dir, { data: 'floats.parquet' });
    assert.equal(checked.exitCode, 0, checked.logger.lines.join('\n'));
  });

  it('sentinels of ±1.8e308 are reported as out of range with their rows', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i + 1},${(i * 7.25).toFixed(2)}`);
    writeFileSync(join(dir, 'data.csv'), `id,amount\n${rows.join('\n')}\n`);
    const inferred = await validate(dir, { infer: 'true' });
    assert.equal(inferred.exitCode, 0, inferred.logger.lines.join('\n'));

    rows[9] = '10,1.7976931348623157e308';
    rows[29] = '30,-1.7976931348623157e308';
    writeFileSync(join(dir, 'data.csv'), `id,amount\n${rows.join('\n')}\n`);
    const checked = await validate(dir);
    assert.equal(checked.exitCode, 1, checked.logger.lines.join('\n'));
    const range = checked.report!.checks.find((c) => c.id === 'range:amount')!;
    assert.equal(range.status, 'fail');
    assert.equal(range.failingRows, 2);
    assert.deepEqual(
      range.samples.map((s) => s.row),
      [10, 30],
    );
    const amount = checked.report!.columns.find((c) => c.name === 'amount')!;
    assert.equal(amount.max, 1.7976931348623157e308);
    assert.equal(amount.min, -1.7976931348623157e308);
    // The deviation is near the largest double: computed on scaled values, not refused.
    const scale = 2 ** 600;
    const expected = std(rows.map((r) => Number(r.split(',')[1]) / scale)) * scale;
    assert.ok(Math.abs(amount.std! / expected - 1) < 1e-9, `std ${amount.std} vs ${expected}`);
    assert.equal(
      amount.histogram?.counts.reduce((a, b) => a + b, 0),
      40,
      'every value in the chart',
    );
  });

  it('values whose sum overflows a double still have a mean and a deviation', async () => {
    const big = 1.7976931348623157e308;
    writeFileSync(join(dir, 'big.csv'), `v\n${big}\n${big}\n1\n`);
    const inferred = await validate(dir, { data: 'big.csv', infer: 'true' });
    assert.equal(inferred.exitCode, 0, inferred.logger.lines.join('\n'));
    const v = inferred.report!.columns.find((c) => c.name === 'v')!;
    const scale = 2 ** 600;
    const scaled = [big / scale, big / scale, 1 / scale];
    const mean = (scaled.reduce((a, b) => a + b, 0) / 3) * scale;
    assert.ok(Math.abs(v.mean! / mean - 1) < 1e-12, `mean ${v.mean} vs ${mean}`);
    assert.ok(Math.abs(v.std! / (std(scaled) * scale) - 1) < 1e-9, `std ${v.std}`);
  });

  it('a text column without a domain says why in the schema', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => `${i + 1},,name ${i},v${i % 60}`);
    writeFileSync(join(dir, 'text.csv'), `id,empty,name,code\n${rows.join('\n')}\n`);
    const inferred = await validate(dir, { data: 'text.csv', infer: 'true' });
    assert.equal(inferred.exitCode, 0, inferred.logger.lines.join('\n'));
    const yaml = readFileSync(join(dir, '.mlops/schema/text.yaml'), 'utf8');
    assert.match(yaml, / {2}empty:\n(?: {4}.*\n)*? {4}# no values seen, no domain\n/);
    assert.match(
      yaml,
      / {2}name:\n(?: {4}.*\n)*? {4}# every one of the 120 values differs: an identifier or free text, no domain\n/,
    );
    assert.match(
      yaml,
      / {2}code:\n(?: {4}.*\n)*? {4}# 60 distinct values \(> 50\): free text or an identifier, no domain\n/,
    );

    // Above the exact-statistics limit and 10,000 values, the count is an estimate and is said to be one.
    const large = tempDir('mlops-validate-estimate-');
    writeFileSync(
      join(large, 'mlops.yaml'),
      'version: 1\ndata:\n  train: big.csv\nvalidate:\n  exactStatisticsMaxRows: 1000\n',
    );
    // Each value twice: not a key candidate (those are counted exactly), 12,000 distinct values, too many to count.
    const emails = Array.from({ length: 24_000 }, (_, i) => `user${Math.floor(i / 2)}@example.org`);
    writeFileSync(join(large, 'big.csv'), `email\n${emails.join('\n')}\n`);
    const estimated = await validate(large, { infer: 'true' });
    assert.equal(estimated.exitCode, 0, estimated.logger.lines.join('\n'));
    const note = readFileSync(join(large, '.mlops/schema/big.yaml'), 'utf8');
    assert.match(note, / {4}# about \d+ distinct values \(> 50\): free text or an identifier, no domain\n/);
  });
});
