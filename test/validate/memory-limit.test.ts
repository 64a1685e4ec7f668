/**
 * Under a DuckDB memory limit too small for the distributions pass as one GROUPING SETS query, validate-data
 * splits it into smaller queries: the split itself is checked against a dataset whose larger queries fail, and a
 * real run under a small limit must complete with the same schema, profile and checks as without a limit.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { closeEngine, configureEngine, EngineOutOfMemory, openDataset } from '../../src/core/data/engine.js';
import { addDistributionsAndDuplicates, profileColumns, typedColumn } from '../../src/core/validate/profile.js';
import type { ValidationReport } from '../../src/core/validate/report.js';
import { tempDir } from '../helpers/tmp.js';
import { validate } from './helpers.js';

const ROWS = 100_000;
const TEXT_COLUMNS = 12;
const LIMIT = '48MB';

/** id, 12 text columns of up to 5,000 values each, 4 numbers: deterministic, about 9 MB of CSV. */
function writeTable(path: string): void {
  let seed = 1;
  const next = () => {
    // xorshift32: deterministic, and enough for every one of the 5,000 values to occur.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const header = ['id', ...Array.from({ length: TEXT_COLUMNS }, (_, c) => `t${c}`), 'a', 'b', 'c', 'd'];
  const lines = [header.join(',')];
  for (let r = 0; r < ROWS; r++) {
    const text = Array.from({ length: TEXT_COLUMNS }, (_, c) => `v${c}_${Math.floor(next() * 5000)}`);
    const numbers = Array.from({ length: 4 }, () => (next() * 1000).toFixed(3));
    lines.push([r + 1, ...text, ...numbers].join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

const dir = tempDir('mlops-validate-memory-');
writeTable(join(dir, 'data.csv'));
// Above 1,000 rows statistics are approximate: exact distinct counts (count(DISTINCT)) would not spill either.
writeFileSync(
  join(dir, 'mlops.yaml'),
  'version: 1\ndata:\n  train: data.csv\nvalidate:\n  exactStatisticsMaxRows: 1000\n',
);

/**
 * The report without what differs from run to run: durations, and the last digits of means and deviations
 * (DuckDB's threads add up partial sums in any order).
 */
function stable(report: ValidationReport): unknown {
  const { durationMs: _d, createdAt: _c, ...rest } = report;
  return JSON.parse(JSON.stringify(rest), (_key, value) =>
    typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(10)) : value,
  );
}

const SCHEMA = '.mlops/schema/data.yaml';

async function inferAndCheck(): Promise<{ yaml: string; check: ValidationReport }> {
  const schema = SCHEMA;
  rmSync(join(dir, schema), { force: true });
  const inferred = await validate(dir, { infer: 'true', schema });
  assert.equal(inferred.exitCode, 0, inferred.logger.lines.join('\n'));
  const checked = await validate(dir, { schema });
  assert.equal(checked.exitCode, 0, checked.logger.lines.join('\n'));
  return { yaml: readFileSync(join(dir, schema), 'utf8'), check: checked.report! };
}

describe('validate-data under a small DuckDB memory limit', () => {
  after(async () => {
    await configureEngine({});
  });

  it('a distributions pass that runs out of memory is split, and every set keeps its own results', async () => {
    await configureEngine({ threads: 2 });
    const dataset = await openDataset(join(dir, 'data.csv'), { allVarchar: true });
    const columns = dataset.columns.map((c) =>
      typedColumn(dataset, c.name, /^[abcd]$/.test(c.name) ? 'number' : c.name === 'id' ? 'integer' : 'string'),
    );
    const profile = await profileColumns(dataset, columns, dataset.relation, [], false);
    const keySets = [['"id"'], ['"t0"', '"t1"']];
    const whole = await addDistributionsAndDuplicates(dataset, columns, structuredClone(profile.columns), keySets);
    // The same dataset, but any grouping query over more than 3 sets runs out of memory, as DuckDB does under a
    // small limit: the pass must split down to groups of at most 3 and map every row back to its set.
    let queries = 0;
    const tight = new Proxy(dataset, {
      get(target, property) {
        if (property === 'query') {
          return async (sql: string) => {
            if (/GROUPING SETS/.test(sql)) {
              queries += 1;
              if ((sql.match(/WHEN grouping\(/g) ?? []).length > 3) throw new EngineOutOfMemory('data.csv', 'limit');
            }
            return target.query(sql);
          };
        }
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const split = await addDistributionsAndDuplicates(tight, columns, structuredClone(profile.columns), keySets);
    assert.ok(queries > 6, `split into ${queries} queries`);
    assert.deepEqual(split.counts, whole.counts);
    assert.deepEqual(split.duplicates, whole.duplicates);
    assert.deepEqual(whole.duplicates[0], { rows: 0, groups: 0 });
    assert.ok(whole.duplicates[1]!.rows > 0, 'pairs of t0, t1 repeat in 100k rows');
    assert.equal(Object.keys(whole.counts).length, TEXT_COLUMNS);
    await closeEngine();
  });

  it('infers and checks with the same results as without a limit', async () => {
    await configureEngine({ threads: 2 });
    const free = await inferAndCheck();
    await configureEngine({ memoryLimit: LIMIT, threads: 2 });
    const limited = await inferAndCheck();
    assert.equal(limited.yaml, free.yaml);
    assert.equal(limited.check.summary.checks, free.check.summary.checks);
    assert.deepEqual(stable(limited.check), stable(free.check));
    const city = limited.check.columns.find((c) => c.name === 't0')!;
    assert.equal(city.topValues?.length, 10);
    assert.equal(city.distinct, 5000);
  });
});
