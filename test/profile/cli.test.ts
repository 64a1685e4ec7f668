import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { readReferenceProfile } from '../../src/core/profile/index.js';
import { tempDir } from '../helpers/tmp.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const cli = (args: string[]) =>
  spawnSync('node', ['--import', 'tsx', join(ROOT, 'src/cli/index.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

test('mlops profile builds, merges and refuses bad input', async () => {
  const dir = tempDir('mlops-profile-cli-');
  const a = join(dir, 'train.json');
  const b = join(dir, 'eval.json');
  const merged = join(dir, 'all.json');
  for (const [data, out] of [
    ['examples/penguins/train.csv', a],
    ['examples/penguins/eval.csv', b],
  ] as const) {
    const run = cli(['profile', data, '--out', out, '--quantiles', '50']);
    assert.equal(run.status, 0, run.stderr);
  }
  const run = cli(['profile', '--merge', a, b, '--out', merged]);
  assert.equal(run.status, 0, run.stderr);
  const profile = await readReferenceProfile(merged);
  assert.equal(profile.rows, 344);
  assert.deepEqual(Object.fromEntries(profile.columns.species!.categorical!.categories), {
    Adelie: 152,
    Gentoo: 124,
    Chinstrap: 68,
  });
  const bad = cli(['profile', join(dir, 'missing.csv'), '--out', join(dir, 'x.json')]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /does not exist/);
  assert.doesNotMatch(bad.stderr, /\n\s+at /);
});
