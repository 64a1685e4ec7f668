/**
 * Promote mode opens the pull/merge request through the platform: on the fake GitHub and the fake GitLab one
 * PR/MR from the promotion branch carries the card, and a re-run updates it instead of opening another; locally
 * the PR is recorded in .mlops/local/platform.json. A GitLab job with only CI_JOB_TOKEN still pushes the branch
 * and hands over the merge request form, with a warning naming MLOPS_GITLAB_TOKEN.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { registerModelAction } from '../../src/actions/register-model.js';
import { executeAction } from '../../src/actions/runner.js';
import { resolveModelRef } from '../../src/core/registry/report.js';
import { GitHubPlatform } from '../../src/platform/github.js';
import { GitLabPlatform } from '../../src/platform/gitlab.js';
import { FakeGitHub } from '../fakes/github.js';
import { FakeGitLab } from '../fakes/gitlab.js';
import { git } from '../helpers/tmp.js';
import { CapturingLogger, fastRetry } from '../platform/helpers.js';
import { FEATURES, writeModel } from './fixtures.js';
import { mergeBranch, registryRepo, runRegister } from './helpers.js';

const github = new FakeGitHub();
const gitlab = new FakeGitLab();
before(async () => {
  await github.start();
  await gitlab.start();
});
after(async () => {
  await github.stop();
  await gitlab.stop();
});

const BRANCH = 'mlops/promote/penguins-1.0.0-production';
const PROMOTE = { mode: 'promote', version: '1.0.0', stage: 'production' };

/** A repository with penguins 1.0.0 registered (local artifact store) and pushed. */
async function registered(): Promise<{ work: string; remote: string }> {
  const repo = registryRepo();
  writeModel(join(repo.work, 'a.onnx'), FEATURES, 1);
  const run = await runRegister(repo.work, { mode: 'register', model: 'a.onnx' });
  assert.equal(run.exitCode, 0, run.log);
  return repo;
}

function onGitHub(workspace: string, inputs: Record<string, string>) {
  const eventPath = join(workspace, '..', 'event-dispatch.json');
  writeFileSync(eventPath, JSON.stringify({ repository: { default_branch: 'main' } }));
  const env: NodeJS.ProcessEnv = {
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: github.baseUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: `${github.owner}/${github.repo}`,
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: git(workspace, 'rev-parse', 'HEAD'),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '778',
    GITHUB_ACTOR: 'alice',
    GITHUB_WORKSPACE: workspace,
    GITHUB_TOKEN: github.token,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const logger = new CapturingLogger();
  return { platform: GitHubPlatform.fromEnv(env, { retry: fastRetry, logger }), logger };
}

function onGitLab(workspace: string, inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  const full: NodeJS.ProcessEnv = {
    GITLAB_CI: 'true',
    CI_API_V4_URL: gitlab.apiUrl,
    CI_PROJECT_ID: String(gitlab.projectId),
    CI_PROJECT_PATH: gitlab.projectPath,
    CI_PROJECT_URL: `https://gitlab.example.com/${gitlab.projectPath}`,
    CI_JOB_URL: `https://gitlab.example.com/${gitlab.projectPath}/-/jobs/91`,
    CI_PROJECT_DIR: workspace,
    CI_COMMIT_SHA: git(workspace, 'rev-parse', 'HEAD'),
    CI_COMMIT_REF_NAME: 'main',
    CI_DEFAULT_BRANCH: 'main',
    CI_PIPELINE_SOURCE: 'web',
    CI_JOB_TOKEN: gitlab.jobToken,
    MLOPS_GITLAB_TOKEN: gitlab.accessToken,
    GITLAB_USER_LOGIN: 'alice',
    ...env,
  };
  for (const [k, v] of Object.entries(inputs)) full[`MLOPS_INPUT_${k.replace(/-/g, '_').toUpperCase()}`] = v;
  const logger = new CapturingLogger();
  return { platform: GitLabPlatform.fromEnv(full, { retry: fastRetry, logger }), logger };
}

const promotionReport = (work: string) =>
  JSON.parse(readFileSync(join(work, '.mlops', 'out', 'Promotion.json'), 'utf8')) as {
    pullRequest?: { number: number; url?: string };
    newPullRequestUrl?: string;
    body: string;
  };

test('promote on GitHub opens one pull request carrying the card; a re-run updates it', async () => {
  const { work, remote } = await registered();
  const first = onGitHub(work, PROMOTE);
  assert.equal(await executeAction(registerModelAction, first.platform), 0, first.logger.text);
  const pulls = github.pulls.filter((p) => p.head === BRANCH);
  assert.equal(pulls.length, 1);
  const pull = pulls[0]!;
  assert.equal(pull.base, 'main');
  assert.equal(pull.title, 'Promote penguins 1.0.0 to production');
  assert.match(pull.body, /<summary>Model card<\/summary>/);
  assert.match(pull.body, /stages\.yaml/);
  const card = readFileSync(join(work, '.mlops', 'registry', 'penguins', '1.0.0', 'card.md'), 'utf8');
  const cardLine = card.split('\n').find((l) => l.startsWith('|'));
  assert.ok(cardLine && pull.body.includes(cardLine), 'the card table is in the body');
  assert.ok(git(remote, 'rev-parse', `refs/heads/${BRANCH}`), 'the branch is pushed before the PR is opened');
  const report = promotionReport(work);
  assert.deepEqual(report.pullRequest, {
    number: pull.number,
    url: `https://github.com/${github.owner}/${github.repo}/pull/${pull.number}`,
  });
  assert.equal(report.newPullRequestUrl, undefined);
  assert.match(first.logger.text, new RegExp(`opened https://github\\.com/.*/pull/${pull.number}`));

  pull.body = 'edited by someone';
  const again = onGitHub(work, PROMOTE);
  assert.equal(await executeAction(registerModelAction, again.platform), 0, again.logger.text);
  assert.equal(github.pulls.filter((p) => p.head === BRANCH).length, 1, 'never a second PR');
  assert.equal(promotionReport(work).pullRequest?.number, pull.number);
  assert.match(pull.body, /<summary>Model card<\/summary>/);
  assert.deepEqual(github.rejections, []);
});

test('promote on GitLab opens one merge request; with only CI_JOB_TOKEN it pushes and links the form', async () => {
  const { work } = await registered();
  const jobOnly = onGitLab(work, PROMOTE, { MLOPS_GITLAB_TOKEN: '' });
  assert.equal(await executeAction(registerModelAction, jobOnly.platform), 0, jobOnly.logger.text);
  assert.match(jobOnly.logger.text, /warning: Cannot open a merge request .*MLOPS_GITLAB_TOKEN is not set/);
  assert.equal(gitlab.mergeRequests.length, 0);
  assert.match(
    promotionReport(work).newPullRequestUrl ?? '',
    /^https:\/\/gitlab\.example\.com\/ml-team\/churn\/-\/merge_requests\/new\?merge_request%5Bsource_branch%5D=mlops%2Fpromote/,
  );

  for (let run = 0; run < 2; run++) {
    const { platform, logger } = onGitLab(work, PROMOTE);
    assert.equal(await executeAction(registerModelAction, platform), 0, logger.text);
  }
  assert.equal(gitlab.mergeRequests.length, 1);
  const mr = gitlab.mergeRequests[0]!;
  assert.deepEqual([mr.source_branch, mr.target_branch, mr.remove_source_branch], [BRANCH, 'main', true]);
  assert.match(mr.description, /<summary>Model card<\/summary>/);
  assert.equal(promotionReport(work).pullRequest?.number, mr.iid);
  assert.deepEqual(gitlab.rejections, []);
});

test('apply-stages records who asked and approved from the platform, never from commit text', async () => {
  const head = (work: string) => git(work, 'rev-parse', 'HEAD');
  const requester = { login: 'alice', id: 1, type: 'User' as const };
  // GitHub: the pull request merged as the commit decides; a reviewer's latest verdict counts, only from
  // accounts with write access, and only an approval of the merged head; the requester's trailer is ignored.
  {
    const { work } = await registered();
    const promote = onGitHub(work, PROMOTE);
    assert.equal(await executeAction(registerModelAction, promote.platform), 0, promote.logger.text);
    const pull = github.pulls.find((p) => p.head === BRANCH && p.mergeCommit === undefined)!;
    github.addReview(pull.number, 'bob', 'APPROVED');
    github.addReview(pull.number, 'dave', 'APPROVED');
    github.addReview(pull.number, 'erin', 'COMMENTED');
    github.addReview(pull.number, 'dave', 'CHANGES_REQUESTED');
    github.addReview(pull.number, 'sockpuppet', 'APPROVED', 'NONE');
    github.addReview(pull.number, 'frank', 'APPROVED', 'MEMBER', 'a'.repeat(40)); // before the last push
    mergeBranch(
      work,
      BRANCH,
      `Merge pull request #${pull.number} from alice/${BRANCH}\n\nApproved-by: The CTO <cto@example.com>`,
    );
    github.markMerged(pull.number, head(work), requester);
    const apply = onGitHub(work, { mode: 'apply-stages' });
    assert.equal(await executeAction(registerModelAction, apply.platform), 0, apply.logger.text);
    const stage = (await resolveModelRef(work, 'penguins#production')).version.stages.at(-1)!;
    assert.deepEqual(
      [stage.requestedBy, stage.approvedBy, stage.pullRequest],
      ['alice', ['bob', 'alice'], pull.number],
    );
    assert.deepEqual(github.rejections, []);

    // A stage change pushed straight to main whose message claims that approved pull request borrows nothing.
    const demote = onGitHub(work, { ...PROMOTE, change: 'unassign' });
    assert.equal(await executeAction(registerModelAction, demote.platform), 0, demote.logger.text);
    const demotion = github.pulls.filter((p) => p.head !== BRANCH).at(-1)!;
    mergeBranch(work, demotion.head!, `Merge pull request #${pull.number} from alice/x\n\nApproved-by: bob`);
    const forged = onGitHub(work, { mode: 'apply-stages' });
    assert.equal(await executeAction(registerModelAction, forged.platform), 0, forged.logger.text);
    const unassigned = (await resolveModelRef(work, 'penguins@1.0.0')).version.stages.at(-1)!;
    assert.deepEqual(
      [unassigned.action, unassigned.approvedBy, unassigned.pullRequest],
      ['unassign', ['alice'], undefined],
    );

    // A token that cannot read pull requests: the tag records who merged, and the log says why.
    const again = onGitHub(work, PROMOTE);
    assert.equal(await executeAction(registerModelAction, again.platform), 0, again.logger.text);
    const repromotion = github.pulls.at(-1)!;
    mergeBranch(work, repromotion.head!, `Merge pull request #${repromotion.number} from alice/y`);
    github.markMerged(repromotion.number, head(work), requester);
    github.api.fail({
      method: 'GET',
      path: /\/pulls$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const unverified = onGitHub(work, { mode: 'apply-stages' });
    assert.equal(await executeAction(registerModelAction, unverified.platform), 0, unverified.logger.text);
    assert.match(
      unverified.logger.text,
      /Could not read which pull request merged [0-9a-f]{12} .*records only who merged/,
    );
    const reassigned = (await resolveModelRef(work, 'penguins#production')).version.stages.at(-1)!;
    assert.deepEqual([reassigned.approvedBy, reassigned.pullRequest], [['alice'], undefined]);
  }
  // GitLab: the merge request merged as the commit and its approvals decide.
  {
    const { work } = await registered();
    const promote = onGitLab(work, PROMOTE);
    assert.equal(await executeAction(registerModelAction, promote.platform), 0, promote.logger.text);
    const mr = gitlab.mergeRequests.at(-1)!;
    gitlab.approvals.set(mr.iid, ['carol']);
    mergeBranch(
      work,
      BRANCH,
      `Merge branch '${BRANCH}' into 'main'\n\nApproved-by: The CTO\n\nSee merge request ${gitlab.projectPath}!${mr.iid}`,
    );
    mr.state = 'merged';
    mr.merge_commit_sha = head(work);
    mr.author = { id: 5, username: 'alice' };
    const apply = onGitLab(work, { mode: 'apply-stages' });
    assert.equal(await executeAction(registerModelAction, apply.platform), 0, apply.logger.text);
    const stage = (await resolveModelRef(work, 'penguins#production')).version.stages.at(-1)!;
    assert.deepEqual([stage.requestedBy, stage.approvedBy, stage.pullRequest], ['alice', ['carol', 'alice'], mr.iid]);
    assert.deepEqual(gitlab.rejections, []);
  }
});

test('promote locally records the pull request in .mlops/local/platform.json, once', async () => {
  const { work } = await registered();
  for (let run = 0; run < 2; run++) {
    const result = await runRegister(work, PROMOTE, 'alice');
    assert.equal(result.exitCode, 0, result.log);
    assert.match(result.log, new RegExp(`pushed branch ${BRANCH} \\(pull request #1 recorded`));
  }
  const state = JSON.parse(readFileSync(join(work, '.mlops', 'local', 'platform.json'), 'utf8'));
  assert.equal(state.pullRequests.length, 1);
  assert.deepEqual([state.pullRequests[0].head, state.pullRequests[0].base], [BRANCH, 'main']);
  assert.match(state.pullRequests[0].body, /<summary>Model card<\/summary>/);
});
