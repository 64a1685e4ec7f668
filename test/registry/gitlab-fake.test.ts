/**
 * The registry through the GitLab platform against the fake GitLab API: register into a generic package with
 * only CI_JOB_TOKEN (GitLab allows that), and a card note on the merge request, which needs a project token: with
 * only CI_JOB_TOKEN the error names MLOPS_GITLAB_TOKEN.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { registerModelAction } from '../../src/actions/register-model.js';
import { executeAction } from '../../src/actions/runner.js';
import { fetchModelArtifact, resolveModelRef } from '../../src/core/registry/report.js';
import { GitLabPlatform } from '../../src/platform/gitlab.js';
import { FakeGitLab } from '../fakes/gitlab.js';
import { git } from '../helpers/tmp.js';
import { CapturingLogger, fastRetry } from '../platform/helpers.js';
import { FEATURES, writeModel } from './fixtures.js';
import { registryRepo } from './helpers.js';

const fake = new FakeGitLab();
before(async () => {
  await fake.start();
});
after(() => fake.stop());

function platformFor(workspace: string, env: NodeJS.ProcessEnv, inputs: Record<string, string>) {
  const full: NodeJS.ProcessEnv = {
    GITLAB_CI: 'true',
    CI_API_V4_URL: fake.apiUrl,
    CI_PROJECT_ID: String(fake.projectId),
    CI_PROJECT_PATH: fake.projectPath,
    CI_PROJECT_URL: `https://gitlab.example.com/${fake.projectPath}`,
    CI_PROJECT_DIR: workspace,
    CI_COMMIT_SHA: git(workspace, 'rev-parse', 'HEAD'),
    CI_DEFAULT_BRANCH: 'main',
    CI_JOB_TOKEN: fake.jobToken,
    GITLAB_USER_LOGIN: 'maintainer',
    ...env,
  };
  for (const [k, v] of Object.entries(inputs)) full[`MLOPS_INPUT_${k.replace(/-/g, '_').toUpperCase()}`] = v;
  const logger = new CapturingLogger();
  return { platform: GitLabPlatform.fromEnv(full, { retry: fastRetry, logger }), logger };
}

test('register on a push with only CI_JOB_TOKEN: generic package upload, verified fetch', async () => {
  const { work } = registryRepo();
  writeFileSync(join(work, 'mlops.yaml'), 'model:\n  name: penguins\n  task: regression\n  label: body_mass_g\n');
  git(work, 'commit', '-q', '-am', 'store artifacts on GitLab');
  git(work, 'push', '-q', 'origin', 'main');
  writeModel(join(work, 'model.onnx'), FEATURES, 9);
  const { platform, logger } = platformFor(
    work,
    { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_REF_NAME: 'main', CI_COMMIT_BRANCH: 'main' },
    { mode: 'register', model: 'model.onnx' },
  );
  assert.equal(await executeAction(registerModelAction, platform), 0, JSON.stringify(logger));
  assert.equal(fake.files.length, 1, 'one generic package file');
  const { version } = await resolveModelRef(work, 'penguins@v1.0.0');
  assert.equal(version.artifact.store, 'gitlab-package');
  const dest = join(work, 'fetched.onnx');
  await fetchModelArtifact(platform, version, dest);
  assert.deepEqual(readFileSync(dest), readFileSync(join(work, 'model.onnx')));
  assert.deepEqual(fake.rejections, []);
});

test('card note on a merge request with only CI_JOB_TOKEN fails clearly, naming MLOPS_GITLAB_TOKEN', async () => {
  const { work } = registryRepo();
  const mr = { CI_PIPELINE_SOURCE: 'merge_request_event', CI_MERGE_REQUEST_IID: '5', CI_COMMIT_REF_NAME: 'feature' };
  const jobOnly = platformFor(work, mr, { mode: 'comment' });
  assert.equal(await executeAction(registerModelAction, jobOnly.platform), 2);
  assert.match(JSON.stringify(jobOnly.logger), /MLOPS_GITLAB_TOKEN/);
  assert.equal(fake.notes.length, 0);

  const withToken = platformFor(work, { ...mr, MLOPS_GITLAB_TOKEN: fake.accessToken }, { mode: 'comment' });
  assert.equal(await executeAction(registerModelAction, withToken.platform), 0, JSON.stringify(withToken.logger));
  const again = platformFor(work, { ...mr, MLOPS_GITLAB_TOKEN: fake.accessToken }, { mode: 'comment' });
  assert.equal(await executeAction(registerModelAction, again.platform), 0);
  assert.equal(fake.notes.length, 1, 'one note, updated in place');
  assert.match(fake.notes[0]!.body, /Model card: penguins candidate \(!5\)/);
});
