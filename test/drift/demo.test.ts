import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { closeEngine } from '../../src/core/data/engine.js';
import { DemoContext, examplesDir } from '../../src/demo/context.js';
import { driftStep, shiftPenguins } from '../../src/demo/steps/drift.js';
import { tempDir } from '../helpers/tmp.js';

after(() => closeEngine());

test('the shifted penguins are deterministic and shifted as described', () => {
  const train = readFileSync(join(examplesDir(), 'penguins', 'train.csv'), 'utf8');
  const a = shiftPenguins(train);
  assert.equal(a, shiftPenguins(train));
  const rows = (csv: string) =>
    csv
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
  const before = rows(train);
  const after = rows(a);
  assert.equal(after.length, before.length);
  const header = train.split('\n')[0]!.split(',');
  const bill = header.indexOf('bill_length_mm');
  const island = header.indexOf('island');
  const firstWithBill = before.findIndex((r) => r[bill] !== '');
  assert.ok(Math.abs(Number(after[firstWithBill]![bill]) - Number(before[firstWithBill]![bill]) - 4) < 1e-9);
  const anvers = after.filter((r) => r[island] === 'Anvers').length / after.length;
  assert.ok(anvers > 0.1 && anvers < 0.3, `new island share ${anvers}`);
});

test('demo step: drift alert issue and one retraining trigger through the local platform', async () => {
  const dir = tempDir('mlops-drift-demo-');
  process.env.MLOPS_CACHE_DIR = join(dir, '.cache');
  const lines: string[] = [];
  const ctx = await DemoContext.create(join(dir, 'repo'), false);
  ctx.say = (text: string) => {
    lines.push(text);
  };
  try {
    await driftStep.run(ctx);
  } finally {
    delete process.env.MLOPS_CACHE_DIR;
  }
  const state = JSON.parse(readFileSync(ctx.path('.mlops', 'local', 'platform.json'), 'utf8'));
  assert.equal(state.issues.length, 1);
  assert.match(state.issues[0].title, /Drift detected: penguins/);
  assert.equal(state.triggers.length, 1, 'second run held back by the cooldown');
  assert.match(lines.join('\n'), /the 24 h cooldown holds/);
});
