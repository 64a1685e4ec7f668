/**
 * validate-data as a GitHub runner runs it: dist/validate-data/index.js under Node 24 from a checkout-like copy
 * (DuckDB from the tool cache), with INPUT_*, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY; and the `mlops` CLI bundle.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runAction, runBundle } from '../harness/runner.js';
import { tempDir } from '../helpers/tmp.js';
import { cleanTable, MLOPS_YAML, toCsv } from './helpers.js';

test('infer, pass, fail with annotations at the schema lines, bad input', { timeout: 300_000 }, async () => {
  const workspace = tempDir('mlops-validate-runner-');
  const { header, rows } = cleanTable();
  writeFileSync(join(workspace, 'data.csv'), toCsv(header, rows));
  writeFileSync(join(workspace, 'mlops.yaml'), MLOPS_YAML);

  const inferred = await runAction('validate-data', { inputs: { infer: true }, workspace });
  assert.equal(inferred.exitCode, 0, inferred.stdout + inferred.stderr);
  assert.ok(existsSync(join(workspace, '.mlops/schema/data.yaml')));
  assert.match(inferred.summary, /Data schema inferred/);

  const clean = await runAction('validate-data', { workspace });
  assert.equal(clean.exitCode, 0, clean.stdout + clean.stderr);
  assert.equal(clean.outputs.passed, 'true');
  assert.equal(clean.outputs['failed-checks'], '0');
  assert.match(clean.summary, /✅ Data validation passed/);

  const island = header.indexOf('island');
  rows[99]![island] = 'Atlantis';
  writeFileSync(join(workspace, 'data.csv'), toCsv(header, rows));
  const failed = await runAction('validate-data', { workspace });
  assert.equal(failed.exitCode, 1, failed.stdout + failed.stderr);
  assert.equal(failed.outputs.passed, 'false');
  assert.equal(failed.outputs['failed-checks'], '1');
  const schemaLines = readFileSync(join(workspace, '.mlops/schema/data.yaml'), 'utf8').split('\n');
  const errors = failed.annotations.filter((a) => a.level === 'error' && a.file === '.mlops/schema/data.yaml');
  assert.equal(errors.length, 1, JSON.stringify(failed.annotations));
  assert.match(schemaLines[errors[0]!.line! - 1]!, /^ {4}categories:/);
  assert.match(failed.summary, /island has only known categories[\s\S]*\| 100 \| Atlantis \|/);
  const report = JSON.parse(readFileSync(failed.outputs.report!, 'utf8'));
  assert.equal(report.kind, 'ValidationReport');

  const warnOnly = await runAction('validate-data', { inputs: { 'fail-on': 'never' }, workspace });
  assert.equal(warnOnly.exitCode, 0);

  writeFileSync(join(workspace, 'ragged.csv'), 'a,b\n1,2\n3\n');
  const broken = await runAction('validate-data', { inputs: { data: 'ragged.csv', infer: true }, workspace });
  assert.equal(broken.exitCode, 2);
  assert.ok(
    broken.annotations.some((a) => a.level === 'error' && a.file === 'ragged.csv' && a.line === 3),
    JSON.stringify(broken.annotations),
  );

  const cli = await runBundle('dist/cli/index.js', { args: ['validate-data', '--fail-on', 'warning'], workspace });
  assert.equal(cli.exitCode, 1, cli.stdout + cli.stderr);
  assert.match(cli.stdout + cli.stderr, /Atlantis/);
});
