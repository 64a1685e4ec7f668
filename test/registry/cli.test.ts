/** The `mlops` commands for the registry, run as a user would in a clone: register, promote, apply, list, show, fetch. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { GIT_ENV } from '../helpers/tmp.js';
import { FEATURES, writeModel } from './fixtures.js';
import { mergeBranch, registryRepo } from './helpers.js';

const CLI = resolve(import.meta.dirname, '../../src/cli/index.ts');
const TSX = import.meta.resolve('tsx');

function mlops(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV, USER: 'alice' },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

test('mlops register / promote / apply-stages / registry list|show|fetch', () => {
  const { work } = registryRepo();
  writeModel(join(work, 'a.onnx'), FEATURES, 1);
  const reg = mlops(work, 'register', 'a.onnx');
  assert.equal(reg.code, 0, reg.out);
  assert.match(reg.out, /Registered penguins@v1\.0\.0/);

  const promote = mlops(work, 'promote', 'penguins', 'v1.0.0', 'production');
  assert.equal(promote.code, 0, promote.out);
  assert.match(promote.out, /pushed branch mlops\/promote\/penguins-1\.0\.0-production/);
  mergeBranch(work, 'mlops/promote/penguins-1.0.0-production', 'Merge pull request #2 from alice/promote');
  const apply = mlops(work, 'apply-stages');
  assert.equal(apply.code, 0, apply.out);
  assert.match(apply.out, /penguins#production#1/);

  const list = mlops(work, 'registry', 'list');
  assert.match(list.out, /\| penguins \| 1 \| 1\.0\.0 \| production: 1\.0\.0 \|/);
  const show = mlops(work, 'registry', 'show', 'penguins');
  assert.match(show.out, /assign production \| 1\.0\.0 \| alice/);

  const fetched = mlops(work, 'registry', 'fetch', 'penguins#production', '-o', 'prod.onnx');
  assert.equal(fetched.code, 0, fetched.out);
  assert.match(fetched.out, /sha256 [0-9a-f]{64} verified/);
  assert.deepEqual(readFileSync(join(work, 'prod.onnx')), readFileSync(join(work, 'a.onnx')));

  const missing = mlops(work, 'registry', 'fetch', 'penguins@v9.9.9');
  assert.equal(missing.code, 2);
  assert.match(missing.out, /penguins has no version 9\.9\.9/);
  const template = mlops(work, 'registry', 'card-template');
  assert.equal(template.code, 0, template.out);
  assert.match(readFileSync(join(work, '.mlops', 'card-template.md'), 'utf8'), /## Intended use/);
  assert.equal(mlops(work, 'registry', 'card-template').code, 2, 'never overwrites');
  const badStage = mlops(work, 'promote', 'penguins', '1.0.0', 'qa');
  assert.equal(badStage.code, 2);
  assert.match(badStage.out, /Stage "qa" is not allowed/);
});
