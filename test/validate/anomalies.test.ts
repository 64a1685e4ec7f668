/**
 * Every kind of anomaly injected into a real CSV (the penguins data with an id column) is found at the right
 * row and column, its annotation points at the schema line of the rule, and the clean data passes.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { ValidationCheck } from '../../src/core/validate/report.js';
import { cleanTable, MLOPS_YAML, toCsv, validate, workspace } from './helpers.js';

const dir = workspace();
let schemaText: string;

function inject(mutate: (t: { header: string[]; rows: string[][] }) => void, name = 'data.csv'): void {
  const table = cleanTable();
  mutate(table);
  writeFileSync(join(dir, name), toCsv(table.header, table.rows));
}

function failed(checks: ValidationCheck[]): ValidationCheck[] {
  return checks.filter((c) => c.status === 'fail' || c.status === 'warn');
}

/** 1-based line of the first schema line matching `pattern` after the line of column `column:`. */
function schemaLine(column: string, pattern: RegExp): number {
  const lines = schemaText.split('\n');
  const start = lines.indexOf(`  ${column}:`);
  const offset = lines.slice(start).findIndex((l) => pattern.test(l));
  return start + offset + 1;
}

const col = (t: { header: string[] }, name: string) => t.header.indexOf(name);

describe('validate-data finds injected anomalies', () => {
  before(async () => {
    const inferred = await validate(dir, { infer: 'true' });
    assert.equal(inferred.exitCode, 0, inferred.logger.lines.join('\n'));
    schemaText = readFileSync(join(dir, '.mlops/schema/data.yaml'), 'utf8');
  });

  it('infers a reviewable schema with types, domains, ranges, uniqueness and keys', () => {
    assert.match(schemaText, /^# Data schema for "data"/);
    assert.match(schemaText, /keys: \[penguin_id\]/);
    assert.match(schemaText, / {2}penguin_id:\n {4}type: integer\n/);
    assert.match(schemaText, /unique: true/);
    assert.match(
      schemaText,
      / {2}island:\n {4}type: string\n {4}maxNullShare: 0 {2}# observed 0\n {4}categories:.*\n {6}- Biscoe\n {6}- Dream\n {6}- Torgersen\n/,
    );
    assert.match(
      schemaText,
      / {2}body_mass_g:\n {4}type: integer\n {4}maxNullShare: 0 {2}# observed 0\n {4}min: 2700 .*\n {4}max: 6300 /,
    );
    assert.match(schemaText, / {2}bill_length_mm:\n {4}type: number\n/);
  });

  it('clean data passes with exit 0 and no annotations', async () => {
    inject(() => undefined);
    const run = await validate(dir);
    assert.equal(run.exitCode, 0, run.summary);
    assert.equal(run.outputs.passed, 'true');
    assert.equal(run.outputs['failed-checks'], '0');
    assert.deepEqual(run.logger.annotations, []);
    assert.ok(run.report!.checks.length > 20);
  });

  it('a value of the wrong type: row and column, annotation at the type line', async () => {
    inject((t) => {
      t.rows[16]![col(t, 'bill_length_mm')] = 'abc';
    });
    const run = await validate(dir);
    assert.equal(run.exitCode, 1);
    const [check] = failed(run.report!.checks);
    assert.equal(check!.id, 'type:bill_length_mm');
    assert.equal(check!.failingRows, 1);
    assert.deepEqual(
      check!.samples.map((s) => [s.row, s.values.bill_length_mm, s.values.penguin_id]),
      [[17, 'abc', '17']],
    );
    assert.equal(check!.rule!.line, schemaLine('bill_length_mm', /type:/));
    const annotation = run.logger.annotations.find((a) => a.annotation?.title?.includes('bill_length_mm is number'));
    assert.equal(annotation?.annotation?.file, '.mlops/schema/data.yaml');
    assert.equal(annotation?.annotation?.line, check!.rule!.line);
    assert.match(run.summary, /Failed checks[\s\S]*bill_length_mm is number[\s\S]*\| 17 \| abc \| 17 \|/);
  });

  it('values out of range, unseen categories, missing values: each at its rows', async () => {
    inject((t) => {
      t.rows[41]![col(t, 'body_mass_g')] = '99999';
      t.rows[99]![col(t, 'island')] = 'Atlantis';
      t.rows[4]![col(t, 'bill_depth_mm')] = '';
      t.rows[7]![col(t, 'bill_depth_mm')] = '';
    });
    const run = await validate(dir);
    assert.equal(run.exitCode, 1);
    const byId = new Map(failed(run.report!.checks).map((c) => [c.id, c]));
    assert.deepEqual([...byId.keys()].filter((k) => !k.startsWith('slice')).sort(), [
      'categories:island',
      'nulls:bill_depth_mm',
      'range:body_mass_g',
    ]);
    const range = byId.get('range:body_mass_g')!;
    assert.deepEqual(
      range.samples.map((s) => [s.row, s.values.body_mass_g]),
      [[42, '99999']],
    );
    assert.equal(range.rule!.line, schemaLine('body_mass_g', /max:/));
    const category = byId.get('categories:island')!;
    assert.equal(category.found, 'Atlantis');
    assert.deepEqual(
      category.samples.map((s) => s.row),
      [100],
    );
    assert.equal(category.rule!.line, schemaLine('island', /categories:/));
    const nulls = byId.get('nulls:bill_depth_mm')!;
    assert.deepEqual(
      nulls.samples.map((s) => s.row),
      [5, 8],
    );
    assert.equal(nulls.failingRows, 2);
    assert.equal(nulls.rule!.line, schemaLine('bill_depth_mm', /maxNullShare:/));
  });

  it('duplicate keys, a missing and an extra column, row count and the SQL check', async () => {
    inject((t) => {
      t.rows[19]![0] = '10';
      t.header.push('comment');
      for (const r of t.rows) r.push('x');
      const sex = col(t, 'sex');
      t.header.splice(sex, 1);
      for (const r of t.rows) r.splice(sex, 1);
      t.rows[6]![col(t, 'body_mass_g')] = '2400';
    });
    const run = await validate(dir);
    const byId = new Map(failed(run.report!.checks).map((c) => [c.id, c]));
    assert.ok(byId.has('column-present:sex'));
    assert.equal(byId.get('columns-known')!.found, 'comment');
    const unique = byId.get('unique:penguin_id')!;
    assert.deepEqual(
      unique.samples.map((s) => s.row),
      [10, 20],
    );
    assert.equal(unique.failingRows, 2);
    const sql = byId.get('sql:body mass plausible')!;
    assert.deepEqual(
      sql.samples.map((s) => [s.row, s.values.body_mass_g]),
      [[7, '2400']],
    );
    assert.equal(sql.rule!.file, 'mlops.yaml');
    assert.equal(
      sql.rule!.line,
      MLOPS_YAML.split('\n').findIndex((l) => l.includes('- name: body mass plausible')) + 1,
    );

    inject((t) => {
      t.rows = t.rows.slice(0, 10);
    });
    const small = await validate(dir);
    const rows = small.report!.checks.find((c) => c.id === 'row-count')!;
    assert.equal(rows.status, 'fail');
    assert.equal(rows.found, '10');
    assert.equal(rows.rule!.line, schemaText.split('\n').findIndex((l) => l.startsWith('rows:')) + 1);
  });

  it('label presence, class balance and a slice that is worse than the whole', async () => {
    writeFileSync(
      join(dir, 'mlops.yaml'),
      MLOPS_YAML.replace('  slices:', '  label:\n    minClassShare: 0.25\n  slices:'),
    );
    inject((t) => {
      t.rows[2]![col(t, 'species')] = '';
    });
    const run = await validate(dir);
    const byId = new Map(failed(run.report!.checks).map((c) => [c.id, c]));
    assert.deepEqual(
      byId.get('label-present')!.samples.map((s) => s.row),
      [3],
    );
    assert.match(byId.get('label-balance')!.found!, /Chinstrap: 19\.\d%/);
    writeFileSync(join(dir, 'mlops.yaml'), MLOPS_YAML);
    // bill_depth_mm allows no nulls; make the Dream slice lose 30% of them and tolerate it overall.
    schemaText = schemaText.replace(/( {2}bill_depth_mm:\n {4}type: number\n {4}maxNullShare: )0/, '$10.15');
    writeFileSync(join(dir, '.mlops/schema/data.yaml'), schemaText);
    inject((t) => {
      let n = 0;
      for (const r of t.rows) if (r[col(t, 'island')] === 'Dream' && n++ < 30) r[col(t, 'bill_depth_mm')] = '';
    });
    const sliced = await validate(dir);
    const slices = failed(sliced.report!.checks).map((c) => c.id);
    assert.deepEqual(slices, ['slice:island=Dream']);
  });

  it('skew against a reference: a shifted column and a new category are flagged, unchanged ones are not', async () => {
    // The reference has no sex column: that column is said to be not compared.
    inject((t) => {
      const sex = col(t, 'sex');
      t.header.splice(sex, 1);
      for (const r of t.rows) r.splice(sex, 1);
    }, 'reference.csv');
    inject((t) => {
      for (const r of t.rows) r[col(t, 'flipper_length_mm')] = String(Number(r[col(t, 'flipper_length_mm')]) + 25);
      for (const r of t.rows.slice(0, 60)) r[col(t, 'island')] = 'Anvers';
    });
    schemaText = schemaText.replace(/( {2}island:\n(?:.*\n)*? {4}categories:.*\n)/, '$1      - Anvers\n');
    schemaText = schemaText.replace(/max: 231 /, 'max: 400 ');
    writeFileSync(join(dir, '.mlops/schema/data.yaml'), schemaText);
    const run = await validate(dir, { reference: 'reference.csv' });
    const flipper = run.report!.skew!.columns.find((c) => c.column === 'flipper_length_mm')!;
    assert.equal(flipper.flagged, true);
    assert.ok(flipper.distance! > 0.5, String(flipper.distance));
    const island = run.report!.skew!.columns.find((c) => c.column === 'island')!;
    assert.deepEqual(island.newCategories, ['Anvers']);
    assert.equal(island.flagged, true);
    assert.equal(island.metric, 'jensen-shannon');
    const mass = run.report!.skew!.columns.find((c) => c.column === 'body_mass_g')!;
    assert.equal(mass.flagged, false);
    assert.equal(mass.distance, 0);
    const sex = run.report!.checks.find((c) => c.id === 'skew:sex')!;
    assert.equal(sex.status, 'skip');
    assert.match(sex.message, /"sex" is not a column of the reference: not compared/);
    assert.equal(run.exitCode, 0, 'skew is a warning by default');
    assert.match(run.summary, /Skew against/);
  });

  it('re-inference shows the diff instead of overwriting the committed schema', async () => {
    inject((t) => {
      t.rows[0]![col(t, 'island')] = 'Atlantis';
    });
    const before = readFileSync(join(dir, '.mlops/schema/data.yaml'), 'utf8');
    const run = await validate(dir, { infer: 'true' });
    assert.equal(run.exitCode, 0);
    assert.equal(run.report!.schema.status, 'changed');
    assert.match(run.report!.schema.diff!, /^\+ {6}- Atlantis$/m);
    assert.equal(readFileSync(join(dir, '.mlops/schema/data.yaml'), 'utf8'), before);
    const updated = await validate(dir, { infer: 'true', update: 'true' });
    assert.equal(updated.report!.schema.status, 'updated');
    assert.match(readFileSync(join(dir, '.mlops/schema/data.yaml'), 'utf8'), /- Atlantis/);
    assert.ok(existsSync(join(dir, '.mlops/out/ValidationReport.json')));
  });
});

describe('a numeric label', () => {
  it('has its class balance checked like a text label', async () => {
    const numeric = workspace(
      'version: 1\nmodel:\n  name: churn\n  task: binary\n  label: churn\ndata:\n  train: data.csv\nvalidate:\n  label:\n    minClassShare: 0.2\n',
    );
    const rows = Array.from({ length: 400 }, (_, i) => `${i},${(i * 37) % 101},${i % 50 === 0 ? 1 : 0}`);
    writeFileSync(join(numeric, 'data.csv'), `id,tenure,churn\n${rows.join('\n')}\n`);
    const inferred = await validate(numeric, { infer: 'true' });
    assert.equal(inferred.exitCode, 0, inferred.logger.lines.join('\n'));
    const run = await validate(numeric);
    const balance = run.report!.checks.find((c) => c.id === 'label-balance');
    assert.ok(balance, 'the class-balance check runs for a 0/1 label');
    assert.equal(balance.status, 'fail');
    assert.equal(balance.found, '1: 2%');
    assert.equal(run.exitCode, 1);
  });
});
