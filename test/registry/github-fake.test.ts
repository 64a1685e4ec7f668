/**
 * The registry through the GitHub platform against the fake GitHub API: the card comment among 160 others is
 * created once and updated in place, the model goes to a release asset of its version, and a fetch verifies it
 * (a tampered download is refused and leaves no file).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { registerModelAction } from '../../src/actions/register-model.js';
import { executeAction } from '../../src/actions/runner.js';
import { fetchModelArtifact, resolveModelRef } from '../../src/core/registry/report.js';
import { GitHubPlatform } from '../../src/platform/github.js';
import { hiddenMarker } from '../../src/platform/types.js';
import { sampleEvaluation, sampleTrainRun } from '../card/samples.js';
import { FakeGitHub } from '../fakes/github.js';
import { git } from '../helpers/tmp.js';
import { CapturingLogger, fastRetry } from '../platform/helpers.js';
import { FEATURES, writeModel } from './fixtures.js';
import { registryRepo, snapshot } from './helpers.js';

const fake = new FakeGitHub();
const PR = 42;
before(async () => {
  await fake.start();
  fake.addPullRequest(PR);
});
after(() => fake.stop());

function platformFor(workspace: string, event: 'pull_request' | 'push', inputs: Record<string, string>) {
  const eventPath = join(workspace, '..', `event-${event}.json`);
  writeFileSync(
    eventPath,
    JSON.stringify(
      event === 'pull_request'
        ? { pull_request: { number: PR, base: { ref: 'main' } } }
        : { ref: 'refs/heads/main', repository: { default_branch: 'main' } },
    ),
  );
  const env: NodeJS.ProcessEnv = {
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: fake.baseUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`,
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: git(workspace, 'rev-parse', 'HEAD'),
    GITHUB_REF: event === 'pull_request' ? `refs/pull/${PR}/merge` : 'refs/heads/main',
    GITHUB_RUN_ID: '777',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKSPACE: workspace,
    GITHUB_TOKEN: fake.token,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const logger = new CapturingLogger();
  return { platform: GitHubPlatform.fromEnv(env, { retry: fastRetry, logger }), logger };
}

test('comment mode: one model card comment among 160 others, updated in place on the next push', async () => {
  const { work } = registryRepo();
  for (let i = 0; i < 160; i++) fake.addComment(PR, `review chatter ${i}`);
  writeFileSync(join(work, '.mlops-train.json'), JSON.stringify(sampleTrainRun()));
  writeFileSync(join(work, '.mlops-eval.json'), JSON.stringify(sampleEvaluation(300)));
  const inputs = { mode: 'auto', 'train-run': '.mlops-train.json', evaluation: '.mlops-eval.json' };
  const first = platformFor(work, 'pull_request', inputs);
  assert.equal(await executeAction(registerModelAction, first.platform), 0, JSON.stringify(first.logger));
  const second = platformFor(work, 'pull_request', inputs);
  assert.equal(await executeAction(registerModelAction, second.platform), 0);
  const ours = fake.comments.filter((c) => c.issue === PR && c.body.includes(hiddenMarker('model-card:penguins')));
  assert.equal(ours.length, 1, 'never duplicated');
  assert.ok(ours[0]!.body.length < 65_536, `${ours[0]!.body.length} characters`);
  assert.match(ours[0]!.body, /Model card: penguins candidate \(#42\)/);
  assert.equal(fake.comments.filter((c) => c.issue === PR).length, 161);
  assert.deepEqual(fake.rejections, []);
});

test('register mode: the model goes to the version’s release asset; fetch verifies it, tampering is refused', async () => {
  const { work, remote } = registryRepo();
  writeFileSync(join(work, 'mlops.yaml'), 'model:\n  name: penguins\n  task: regression\n  label: body_mass_g\n');
  git(work, 'commit', '-q', '-am', 'store artifacts on GitHub');
  git(work, 'push', '-q', 'origin', 'main');
  writeModel(join(work, 'model.onnx'), FEATURES, 5);
  const { platform, logger } = platformFor(work, 'push', { mode: 'register', model: 'model.onnx' });
  assert.equal(await executeAction(registerModelAction, platform), 0, JSON.stringify(logger));
  const release = fake.releases.find((r) => r.tag_name === 'penguins@v1.0.0');
  assert.ok(release, 'release of the version');
  const assets = fake.assets.filter((a) => a.release_id === release.id);
  assert.equal(assets.length, 1);
  assert.deepEqual(assets[0]!.data, readFileSync(join(work, 'model.onnx')));
  assert.equal(git(remote, 'cat-file', '-t', 'penguins@v1.0.0'), 'tag');

  const again = platformFor(work, 'push', { mode: 'register', model: 'model.onnx' });
  assert.equal(await executeAction(registerModelAction, again.platform), 0);
  assert.equal(fake.assets.filter((a) => a.release_id === release.id).length, 1, 're-run uploads nothing');

  const { version } = await resolveModelRef(work, 'penguins:latest');
  assert.equal(version.artifact.store, 'github-release');
  const dest = join(work, 'fetched.onnx');
  await fetchModelArtifact(platform, version, dest);
  assert.deepEqual(readFileSync(dest), readFileSync(join(work, 'model.onnx')));

  fake.tamper = (_name, data) => Buffer.concat([data, Buffer.from('x')]);
  const dest2 = join(work, 'tampered.onnx');
  await assert.rejects(fetchModelArtifact(platform, version, dest2), /sha256|checksum|does not match/i);
  assert.equal(existsSync(dest2), false);
  fake.tamper = undefined;

  // The repository does not let Actions open pull requests: the branch is pushed and the form link given instead.
  fake.actionsCanCreatePullRequests = false;
  const refused = platformFor(work, 'push', { mode: 'promote', version: '1.0.0', stage: 'production' });
  assert.equal(await executeAction(registerModelAction, refused.platform), 0, JSON.stringify(refused.logger));
  fake.actionsCanCreatePullRequests = true;
  assert.match(
    refused.logger.text,
    /warning: .*not permitted to create or approve pull requests.*Allow GitHub Actions/,
  );
  const promotion = JSON.parse(readFileSync(join(work, '.mlops', 'out', 'Promotion.json'), 'utf8'));
  assert.equal(
    promotion.newPullRequestUrl,
    'https://github.com/octo-org/models/compare/main...mlops%2Fpromote%2Fpenguins-1.0.0-production?quick_pull=1&title=Promote%20penguins%201.0.0%20to%20production',
  );
  assert.ok(git(remote, 'rev-parse', 'refs/heads/mlops/promote/penguins-1.0.0-production'));
  assert.equal(fake.pulls.filter((p) => p.head === 'mlops/promote/penguins-1.0.0-production').length, 0);
  assert.deepEqual(fake.rejections, []);
});

test('fork pull requests: the PR run only writes ModelCard.json; a workflow_run job validates and posts it', async () => {
  const { work } = registryRepo();
  const PR2 = 77;
  fake.addPullRequest(PR2);
  writeFileSync(join(work, '.mlops-eval.json'), JSON.stringify(sampleEvaluation()));
  const before = fake.comments.length;
  const untrusted = platformFor(work, 'pull_request', { mode: 'card', evaluation: '.mlops-eval.json' });
  assert.equal(await executeAction(registerModelAction, untrusted.platform), 0, JSON.stringify(untrusted.logger));
  assert.equal(fake.comments.length, before, 'nothing posted by the fork run');
  const cardFile = join(work, '.mlops', 'out', 'ModelCard.json');
  const uploaded = join(work, '..', 'artifact-ModelCard.json');
  writeFileSync(uploaded, readFileSync(cardFile));

  const trusted = platformFor(work, 'pull_request', { mode: 'comment', card: uploaded, 'pull-request': String(PR2) });
  // A workflow_run event carries no pull request of its own.
  Object.assign(trusted.platform.context, { event: 'workflow_run', pullRequest: undefined });
  assert.equal(await executeAction(registerModelAction, trusted.platform), 0, JSON.stringify(trusted.logger));
  const posted = fake.comments.filter((c) => c.issue === PR2);
  assert.equal(posted.length, 1);
  assert.equal(trusted.platform.context.pullRequest, undefined, 'the number is passed to the comment, not patched in');
  assert.match(posted[0]!.body, /Model card: penguins candidate/);

  writeFileSync(uploaded, JSON.stringify({ kind: 'ModelCard', markdown: '<script>', card: {} }));
  const forged = platformFor(work, 'pull_request', { mode: 'comment', card: uploaded, 'pull-request': String(PR2) });
  assert.equal(await executeAction(registerModelAction, forged.platform), 2);
  assert.match(JSON.stringify(forged.logger), /is not a ModelCard report/);
  assert.equal(fake.comments.filter((c) => c.issue === PR2).length, 1);
});

test('an upload the API refuses (403) fails the registration clearly and leaves repository and remote unchanged', async () => {
  const { work, remote } = registryRepo();
  writeFileSync(join(work, 'mlops.yaml'), 'model:\n  name: fraud\n  task: regression\n  label: y\n');
  git(work, 'commit', '-q', '-am', 'fraud model');
  git(work, 'push', '-q', 'origin', 'main');
  writeModel(join(work, 'model.onnx'), FEATURES, 11);
  const before = snapshot(work, remote);
  fake.api.fail({
    method: 'POST',
    path: /\/releases\/\d+\/assets/,
    status: 403,
    body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' },
  });
  const { platform, logger } = platformFor(work, 'push', { mode: 'register', model: 'model.onnx' });
  assert.equal(await executeAction(registerModelAction, platform), 2);
  const log = JSON.stringify(logger);
  assert.match(log, /Resource not accessible by integration/);
  assert.match(log, /contents: write/);
  assert.equal(snapshot(work, remote), before, 'no commit, no tag');
  fake.api.clearFailures();
});
