/**
 * Every profile statistic against pandas (Debian's python3-pandas) on generated data, from CSV and Parquet:
 * counts, nulls, distinct (nunique), min, max, mean, std (both ddof = 1) to 1e-9; quantiles with linear
 * interpolation (DuckDB quantile_cont = pandas' default `linear`) to 1e-9; value counts exactly.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { closeEngine, openDataset } from '../../src/core/data/engine.js';
import { validateConfig } from '../../src/core/validate/config.js';
import { inferSchema } from '../../src/core/validate/infer.js';
import type { ColumnProfile } from '../../src/core/validate/report.js';
import { requirePython, runPythonJson } from '../helpers/python.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('mlops-profile-');
const csv = join(dir, 'generated.csv');
const parquet = join(dir, 'generated.parquet');

/** Mulberry32: a small seeded PRNG so that the data is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(rows: number): void {
  const rand = prng(42);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const colors = ['red', 'green', 'blue', 'amber', 'violet'];
  const lines = ['id,height,income,count,tiny,color,city_code,flag'];
  for (let i = 0; i < rows; i++) {
    const height = rand() < 0.03 ? '' : (170 + 10 * normal()).toFixed(3);
    const income = rand() < 0.1 ? '' : String(Math.exp(10 + normal()));
    const count = String(Math.floor(rand() * 50) - 10);
    const tiny = (1e-7 * normal()).toExponential(6);
    const color = rand() < 0.02 ? '' : colors[Math.floor(rand() ** 2 * colors.length)]!;
    const city = `C${Math.floor(rand() * 400)}`;
    const flag = rand() < 0.3 ? 'true' : 'false';
    lines.push([i + 1, height, income, count, tiny, color, city, flag].join(','));
  }
  writeFileSync(csv, `${lines.join('\n')}\n`);
}

const PANDAS = `
import json, sys
import pandas as pd
args = json.load(sys.stdin)
df = pd.read_csv(args['path'], keep_default_na=False, na_values=[''], dtype={'color': str, 'city_code': str, 'flag': str})
qs = args['quantiles']
out = {'rows': len(df), 'columns': {}}
for name in df.columns:
    s = df[name]
    c = {'count': int(s.count()), 'nulls': int(s.isna().sum()), 'distinct': int(s.nunique())}
    if name in args['numeric']:
        s = s.astype('float64')
        c.update(min=float(s.min()), max=float(s.max()), mean=float(s.mean()), std=float(s.std(ddof=1)),
                 quantiles=[float(s.quantile(q, interpolation='linear')) for q in qs])
    else:
        vc = s.value_counts()
        c['values'] = {str(k): int(v) for k, v in vc.items()} if len(vc) <= 1000 else None
    out['columns'][name] = c
print(json.dumps(out))
`;

interface PandasColumn {
  count: number;
  nulls: number;
  distinct: number;
  min?: number;
  max?: number;
  mean?: number;
  std?: number;
  quantiles?: number[];
  values?: Record<string, number> | null;
}

function close(actual: number | null | undefined, expected: number, what: string): void {
  assert.ok(actual !== null && actual !== undefined, `${what}: missing`);
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs pandas ${expected}`);
}

function compare(profile: ColumnProfile, expected: PandasColumn, label: string): void {
  const what = `${label} ${profile.name}`;
  assert.equal(profile.count, expected.count, `${what} count`);
  assert.equal(profile.nulls, expected.nulls, `${what} nulls`);
  assert.equal(profile.distinct, expected.distinct, `${what} distinct`);
  if (expected.mean !== undefined) {
    close(profile.min, expected.min!, `${what} min`);
    close(profile.max, expected.max!, `${what} max`);
    close(profile.mean, expected.mean, `${what} mean`);
    close(profile.std, expected.std!, `${what} std (ddof=1)`);
    for (const [k, q] of profile.quantiles!.entries()) {
      close(q.value, expected.quantiles![k]!, `${what} quantile ${q.q}`);
    }
  } else if (expected.values) {
    const top = profile.topValues!;
    for (const v of top) assert.equal(v.count, expected.values[v.value], `${what} value ${v.value}`);
    const sorted = Object.values(expected.values).sort((a, b) => b - a);
    assert.deepEqual(
      top.map((v) => v.count),
      sorted.slice(0, top.length),
      `${what} top value counts`,
    );
  }
}

describe('profile statistics equal pandas', () => {
  after(() => closeEngine());
  generate(40_000);

  it('from CSV and from Parquet', async (t) => {
    const python = requirePython(t, ['pandas']);
    if (!python) return;
    const config = validateConfig.parse({});
    const fromCsv = await inferSchema(await openDataset(csv, { allVarchar: true }), 'generated', config);
    const numeric = fromCsv.profile.columns.filter((c) => c.mean !== undefined).map((c) => c.name);
    assert.deepEqual(numeric, ['id', 'height', 'income', 'count', 'tiny']);
    assert.equal(fromCsv.schema.columns.flag!.type, 'boolean');
    assert.equal(fromCsv.schema.columns.count!.type, 'integer');
    const expected = runPythonJson<{ rows: number; columns: Record<string, PandasColumn> }>(python, PANDAS, {
      path: csv,
      numeric,
      quantiles: fromCsv.profile.columns[1]!.quantiles!.map((q) => q.q),
    });
    assert.equal(fromCsv.profile.rows, expected.rows);
    for (const p of fromCsv.profile.columns) compare(p, expected.columns[p.name]!, 'csv');

    // Above validate.exactStatisticsMaxRows: quantiles from a 2,000-bin histogram, within one bin width of pandas.
    const approximate = await inferSchema(await openDataset(csv, { allVarchar: true }), 'generated', config, false);
    for (const p of approximate.profile.columns) {
      const e = expected.columns[p.name]!;
      if (e.mean === undefined) continue;
      assert.equal(p.approximate, true);
      close(p.mean, e.mean, `approximate ${p.name} mean`);
      assert.equal(
        p.histogram!.counts.reduce((a, b) => a + b, 0),
        e.count,
        `${p.name}: the histogram holds every non-null value, and only those`,
      );
      const binWidth = (e.max! - e.min!) / 2000;
      for (const [k, q] of p.quantiles!.entries()) {
        const error = Math.abs(q.value! - e.quantiles![k]!);
        assert.ok(
          error <= binWidth * 1.0001,
          `approximate ${p.name} q${q.q}: ${q.value} vs ${e.quantiles![k]} (bin ${binWidth})`,
        );
      }
    }
    assert.deepEqual(approximate.schema.keys, ['id']);

    const typed = await openDataset(csv);
    await typed.query(`COPY (SELECT * FROM ${typed.relation}) TO '${parquet}' (FORMAT parquet)`);
    const fromParquet = await inferSchema(await openDataset(parquet), 'generated', config);
    assert.equal(fromParquet.profile.rows, expected.rows);
    for (const p of fromParquet.profile.columns) compare(p, expected.columns[p.name]!, 'parquet');
  });
});
