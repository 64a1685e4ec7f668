/** drift-check as a GitHub runner runs it: the bundle under Node 24 from a checkout, against a fake GitHub API. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { NATIVE_PACKAGES } from '../../src/core/native-packages.js';
import { hiddenMarker } from '../../src/platform/types.js';
import { FakeGitHub } from '../fakes/github.js';
import { NODE24, REPO_ROOT, runAction } from '../harness/runner.js';
import { git, tempDir } from '../helpers/tmp.js';
import { makeRows, writeCsv } from './data.js';

/**
 * A runner tool cache that already holds DuckDB (as a restored @actions/cache entry would), copied from this
 * checkout's node_modules, so the test does not depend on the npm registry being fast.
 */
function toolCacheWithDuckDB(): string {
  const cache = tempDir('mlops-drift-toolcache-');
  const target = join(
    cache,
    `@duckdb+node-api@${NATIVE_PACKAGES['@duckdb/node-api']}-${process.platform}-${process.arch}-abi${execFileSync(NODE24, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).trim()}`,
    'node_modules',
    '@duckdb',
  );
  mkdirSync(target, { recursive: true });
  cpSync(join(REPO_ROOT, 'node_modules', '@duckdb'), target, { recursive: true });
  return cache;
}

const fake = new FakeGitHub();
before(() => fake.start().then(() => undefined));
after(() => fake.stop());

test('scheduled drift check on a runner: alert issue, training dispatch, then "drift is gone"', {
  timeout: 240_000,
}, async () => {
  const workspace = tempDir('mlops-drift-runner-');
  writeFileSync(
    join(workspace, 'mlops.yaml'),
    'version: 1\ndata:\n  train: data/train.csv\ndrift:\n  prediction:\n    enabled: false\n  retrain:\n    enabled: true\n    workflow: train.yml\n',
  );
  mkdirSync(join(workspace, 'data'));
  writeCsv(join(workspace, 'data', 'train.csv'), makeRows(71, 3000));
  writeCsv(join(workspace, 'data', 'current.csv'), makeRows(72, 2000, { meanShift: 1, scale: 2, newCategory: 0.3 }));
  git(workspace, 'init', '-q', '-b', 'main');
  const env = {
    MLOPS_NATIVE_CACHE: toolCacheWithDuckDB(),
    GITHUB_API_URL: fake.baseUrl,
    GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`,
    GITHUB_TOKEN: fake.token,
  };
  const event = { name: 'schedule', payload: { schedule: '17 6 * * *' } };

  const drifted = await runAction('drift-check', {
    inputs: { current: 'data/current.csv' },
    workspace,
    env,
    event,
    timeoutMs: 240_000,
  });
  assert.equal(drifted.exitCode, 1, drifted.stdout + drifted.stderr);
  assert.equal(drifted.outputs.drifted, 'true');
  assert.deepEqual(drifted.outputs['drifted-columns']!.split(',').sort(), ['color', 'x1', 'x2']);
  assert.ok(existsSync(drifted.outputs.report!), 'report path output');
  assert.match(drifted.summary, /^## Drift check\n\n❌ \*\*Drift detected\*\*/);
  assert.match(drifted.summary, /xychart-beta/);
  assert.ok(drifted.annotations.some((a) => a.level === 'error' && /Drift/.test(a.message)));
  const issues = fake.issues.filter((i) => !i.pull_request);
  assert.equal(issues.length, 1);
  assert.ok(issues[0]!.body.includes(hiddenMarker('drift:model')));
  assert.equal(fake.workflowDispatches.length, 1);
  assert.equal(fake.workflowDispatches[0]!.workflow, 'train.yml');

  writeCsv(join(workspace, 'data', 'current.csv'), makeRows(73, 2000));
  const calm = await runAction('drift-check', {
    inputs: { current: 'data/current.csv' },
    workspace,
    env,
    event,
    timeoutMs: 240_000,
  });
  assert.equal(calm.exitCode, 0, calm.stdout + calm.stderr);
  assert.equal(calm.outputs.drifted, 'false');
  assert.equal(fake.issues.filter((i) => !i.pull_request)[0]!.state, 'closed');
  assert.equal(fake.workflowDispatches.length, 1);
  assert.deepEqual(fake.rejections, []);

  const broken = await runAction('drift-check', {
    inputs: { current: 'data/missing.csv' },
    workspace,
    env,
    event,
    timeoutMs: 240_000,
  });
  assert.equal(broken.exitCode, 2);
  assert.ok(
    broken.annotations.some((a) => a.level === 'error'),
    broken.stdout,
  );
  assert.doesNotMatch(broken.stdout + broken.stderr, /\n\s+at .+:\d+:\d+\)?\n/, 'no stack trace');
});
