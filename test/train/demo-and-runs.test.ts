/** The demo's train step (baseline, then a cache hit) and `mlops runs` over the history it leaves. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { DemoContext } from '../../src/demo/context.js';
import { trainStep } from '../../src/demo/steps/train.js';
import { tempDir } from '../helpers/tmp.js';
import { REPO } from './helpers.js';

test('demo: trains the baseline, then shows the cache hit; mlops runs lists both runs', async (t) => {
  const root = tempDir('mlops-train-demo-');
  process.env.MLOPS_CACHE_DIR = join(root, 'cache');
  t.after(() => {
    delete process.env.MLOPS_CACHE_DIR;
  });
  const ctx = await DemoContext.create(join(root, 'demo'), false);
  const said: string[] = [];
  ctx.say = (text: string) => {
    said.push(text);
  };
  await trainStep.run(ctx);
  const text = said.join('\n');
  assert.match(text, /Training run/);
  assert.match(text, /cache-hit: true/);
  assert.match(text, /Cache hit: code, data, parameters and environment are unchanged/);

  const cli = (...args: string[]) =>
    execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli', 'index.ts'), ...args], {
      cwd: REPO,
      encoding: 'utf8',
    });
  const listing = cli('runs', '-C', join(root, 'demo'));
  const rows = listing.split('\n').filter((l) => l.startsWith('| `'));
  assert.equal(rows.length, 2);
  assert.match(rows[0]!, /cache hit/);
  assert.match(rows[1]!, /\| trained \|/);
  const firstRunId = /`([^`]+)`/.exec(rows[1]!)![1]!;
  assert.ok(rows[0]!.includes(`cache hit (${firstRunId})`), 'the second run restored the first one');
  assert.match(listing, /\| accuracy \|/);
  const json = JSON.parse(cli('runs', '-C', join(root, 'demo'), '--json', '--limit', '1')) as { kind: string }[];
  assert.equal(json.length, 1);
  assert.equal(json[0]!.kind, 'TrainRun');
  assert.match(cli('runs', '-C', root), /No training runs recorded/);
});
