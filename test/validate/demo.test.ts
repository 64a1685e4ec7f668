/** The demo step end to end in a fresh demo repository: schema inferred and committed, clean data passes, the corrupted batch fails. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DemoContext } from '../../src/demo/context.js';
import { corruptPenguins, validateStep } from '../../src/demo/steps/validate.js';
import { tempDir } from '../helpers/tmp.js';

test('demo: validate step', { timeout: 120_000 }, async () => {
  const dir = join(tempDir('mlops-validate-demo-'), 'repo');
  const ctx = await DemoContext.create(dir, false);
  const said: string[] = [];
  ctx.say = (text: string) => {
    said.push(text);
  };
  await validateStep.run(ctx);
  assert.ok(existsSync(join(dir, '.mlops/schema/train.yaml')));
  assert.match(ctx.git('log', '--oneline', '-1'), /Data schema for the training data/);
  const text = said.join('\n');
  assert.match(text, /✅ Data validation passed/);
  assert.match(text, /exit code 1 \(expected 1/);
  const latest = JSON.parse(readFileSync(join(dir, '.mlops/out/ValidationReport.json'), 'utf8'));
  assert.equal(latest.passed, true, 'the report left for training is the training data one');
  assert.equal(latest.dataset.source, 'data/train.csv');
  const report = await import('../../src/core/validate/run.js').then(async ({ runValidation }) => {
    const { loadConfig } = await import('../../src/core/config.js');
    const { report } = await runValidation({
      cwd: dir,
      loaded: await loadConfig('mlops.yaml', dir),
      data: 'data/incoming.csv',
      schema: '.mlops/schema/train.yaml',
      infer: false,
      failOn: 'error',
    });
    return report;
  });
  const failed = report.checks.filter((c: { status: string }) => c.status === 'fail').map((c: { id: string }) => c.id);
  assert.deepEqual(failed.sort(), [
    'categories:island',
    'label-present',
    'nulls:species',
    'slice:island=Torgersen',
    'type:bill_length_mm',
    'type:body_mass_g',
  ]);
  const corrupted = corruptPenguins(readFileSync(join(dir, 'data/train.csv'), 'utf8')).split('\n');
  assert.match(corrupted[77]!, /Atlantis/, 'row 77 is line 78 (after the header)');
});
