/**
 * End to end through the bundle: dist/register-model/index.js under Node 24 with a GitHub runner environment,
 * registering into a clone whose origin is a bare repository, then promoting and applying the merged change.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { runAction } from '../harness/runner.js';
import { git, tempDir } from '../helpers/tmp.js';
import { FEATURES, writeModel } from './fixtures.js';
import { mergeBranch, registryRepo } from './helpers.js';

const pushEvent = { name: 'push', payload: { ref: 'refs/heads/main', repository: { default_branch: 'main' } } };

test('register-model bundle: register on push, idempotent re-run, promote branch, apply-stages tag', async () => {
  const { work, remote } = registryRepo();
  writeModel(join(work, 'model.onnx'), FEATURES, 3);
  // A fresh HOME: a runner's checkout has no git identity configured.
  const env = { GITHUB_REF: 'refs/heads/main', GITHUB_ACTOR: 'octocat', HOME: tempDir(), GIT_CONFIG_NOSYSTEM: '1' };

  const first = await runAction('register-model', {
    inputs: { mode: 'auto', model: 'model.onnx' },
    workspace: work,
    event: pushEvent,
    env,
  });
  assert.equal(first.exitCode, 0, `${first.stdout}\n${first.stderr}`);
  assert.equal(first.outputs.version, '1.0.0');
  assert.equal(first.outputs.tag, 'penguins@v1.0.0');
  assert.equal(first.outputs.status, 'registered');
  assert.match(first.summary, /Model card: penguins 1\.0\.0/);
  assert.equal(git(remote, 'cat-file', '-t', 'penguins@v1.0.0'), 'tag');
  const author = git(remote, 'log', '-1', '--format=%an <%ae>', 'main');
  assert.match(author, /mlops-actions/, 'a CI checkout without a git identity commits as the bot');

  const again = await runAction('register-model', {
    inputs: { mode: 'register', model: 'model.onnx' },
    workspace: work,
    event: pushEvent,
    env,
  });
  assert.equal(again.exitCode, 0, again.stderr);
  assert.equal(again.outputs.status, 'existing');

  const promote = await runAction('register-model', {
    inputs: { mode: 'promote', version: '1.0.0', stage: 'production' },
    workspace: work,
    event: { name: 'workflow_dispatch', payload: {} },
    env,
  });
  assert.equal(promote.exitCode, 0, `${promote.stdout}\n${promote.stderr}`);
  assert.equal(promote.outputs.branch, 'mlops/promote/penguins-1.0.0-production');
  assert.match(promote.summary, /open a pull request from it into main/);

  mergeBranch(work, promote.outputs.branch!, 'Merge pull request #3 from octocat/promote');
  const apply = await runAction('register-model', {
    inputs: { mode: 'apply-stages' },
    workspace: work,
    event: pushEvent,
    env,
  });
  assert.equal(apply.exitCode, 0, `${apply.stdout}\n${apply.stderr}`);
  assert.equal(apply.outputs.tag, 'penguins#production#1');
  assert.match(git(remote, 'tag', '-n9', '-l', 'penguins#production#1'), /approved-by: octocat/);

  const bad = await runAction('register-model', {
    inputs: { mode: 'promote', version: '1.0.0', stage: 'prod' },
    workspace: work,
    event: pushEvent,
    env,
  });
  assert.equal(bad.exitCode, 2);
  assert.ok(bad.annotations.some((a) => a.level === 'error' && /Stage "prod" is not allowed/.test(a.message)));
});
