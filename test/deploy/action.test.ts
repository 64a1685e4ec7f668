/** deploy-canary end to end through the runner harness (dist bundle, Node 24) against the built-in server. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type ModelServer, startModelServer } from '../../src/core/serve/server.js';
import { writeToyModel } from '../../src/demo/steps/deploy-data.js';
import { startTraffic } from '../../src/demo/steps/deploy-traffic.js';
import { FakeGitHub } from '../fakes/github.js';
import { REPO_ROOT, runAction } from '../harness/runner.js';
import { git, repoWithRemote } from '../helpers/tmp.js';

const TOKEN = 'harness-admin-token';
const haveDist = existsSync(join(REPO_ROOT, 'dist', 'deploy-canary', 'index.js'));

const MLOPS_YAML = `version: 1
deploy:
  environment: staging
  steps:
    - { weight: 30, duration: 1500ms }
    - { weight: 100, duration: 0 }
  analysis: { interval: 500ms, failureLimit: 1, minRequests: 40, inconclusiveLimit: 60 }
  checks:
    quality: { minFeedback: 40, maxDrop: 0.05 }
    latency: { maxRatio: 3 }
`;

let server: ModelServer;
const github = new FakeGitHub({ owner: 'octo-org', repo: 'ml-project' });
// Temp dirs are created at module level: their cleanup hooks then run when the file ends, not after before().
const { work } = repoWithRemote('mlops-deploy-action-');
mkdirSync(join(work, 'models'));
const weak = writeToyModel(join(work, 'models'), 'weak');
const good = writeToyModel(join(work, 'models'), 'good');

before(async () => {
  await github.start();
  writeFileSync(join(work, 'mlops.yaml'), MLOPS_YAML);
  writeFileSync(join(work, '.gitignore'), 'models/\n.mlops/out/\n.mlops/local/\n');
  git(work, 'add', 'mlops.yaml', '.gitignore');
  git(work, 'commit', '-q', '-m', 'canary plan');
  git(work, 'push', '-q', 'origin', 'main');
  server = await startModelServer({ models: [{ name: 'toy', version: '1.0.0', ...weak }], adminToken: TOKEN });
});
after(() => Promise.all([server?.close(), github.stop()]));

test('the bundled action promotes a better model on the built-in server', {
  skip: !haveDist && 'run npm run build first',
}, async () => {
  const traffic = startTraffic(server.url, 'toy', { concurrency: 4, seed: 31 });
  const run = await runAction('deploy-canary', {
    workspace: work,
    inputs: { version: 'toy@v2.0.0', 'model-file': 'models/good.onnx', sha256: good.sha256, 'target-url': server.url },
    env: { MLOPS_ADMIN_TOKEN: TOKEN, GITHUB_API_URL: github.baseUrl, GITHUB_TOKEN: github.token },
  });
  await traffic.stop();
  assert.equal(run.exitCode, 0, run.stderr + run.stdout);
  assert.equal(run.outputs.outcome, 'promoted');
  assert.match(run.summary, /Deployment of toy 2\.0\.0 to staging: ✅ promoted/);
  assert.match(run.summary, /live-quality/);
  const record = JSON.parse(readFileSync(run.outputs.deployment!, 'utf8')) as { outcome: string; kind: string };
  assert.equal(record.kind, 'Deployment');
  assert.equal(record.outcome, 'promoted');
  assert.match(git(work, 'log', '--format=%s', '-n', '1', 'origin/main'), /deploy\(staging\): toy 2\.0\.0 promoted/);
  // GitHub Deployments API: one deployment for staging, its statuses ending in success; nothing GitHub would reject.
  assert.deepEqual(github.rejections, []);
  const deployment = github.deployments.find((d) => d.environment === 'staging')!;
  assert.ok(deployment.statuses.some((s) => s.state === 'in_progress'));
  assert.equal(deployment.statuses.at(-1)?.state, 'success');
});

test('the bundled action fails with exit code 2 and a readable error without the admin token', {
  skip: !haveDist && 'run npm run build first',
}, async () => {
  const run = await runAction('deploy-canary', {
    workspace: work,
    inputs: { version: 'toy@v3.0.0', 'model-file': 'models/good.onnx', 'target-url': server.url },
    env: { GITHUB_API_URL: github.baseUrl, GITHUB_TOKEN: github.token },
  });
  assert.equal(run.exitCode, 2);
  assert.ok(
    run.annotations.some((a) => a.level === 'error' && /MLOPS_ADMIN_TOKEN/.test(a.message)),
    run.stdout,
  );
});
