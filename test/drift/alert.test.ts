/** Closing the loop: one issue per model, retraining with a cooldown, "drift is gone" when it is. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { closeTheLoop } from '../../src/core/drift/alert.js';
import { driftConfig } from '../../src/core/drift/config.js';
import { type DriftReport, driftReport } from '../../src/core/drift/report.js';
import { envelope } from '../../src/core/report/envelope.js';
import { GitHubPlatform } from '../../src/platform/github.js';
import { GitLabPlatform } from '../../src/platform/gitlab.js';
import { LocalPlatform } from '../../src/platform/local.js';
import { DirectoryCache } from '../../src/platform/local-store.js';
import { hiddenMarker, type Platform } from '../../src/platform/types.js';
import { FakeGitHub } from '../fakes/github.js';
import { FakeGitLab } from '../fakes/gitlab.js';
import { tempDir } from '../helpers/tmp.js';
import { CapturingLogger, fastRetry } from '../platform/helpers.js';

function report(drifted: boolean): DriftReport {
  return driftReport.parse({
    ...envelope('DriftReport'),
    model: { name: 'penguins', version: '1.0.0' },
    reference: { source: 'reference-profile.json', mode: 'profile', rows: 248, approximation: 'exact' },
    current: { source: 'current.csv', rows: 100 },
    settings: { correction: 'holm', alpha: 0.05, sampleSizeThreshold: 1000, driftShare: 0.5 },
    verdict: {
      drifted,
      driftedShare: drifted ? 0.75 : 0,
      driftedColumns: drifted ? ['bill_length_mm', 'body_mass_g', 'island'] : [],
      predictionDrifted: false,
      stale: false,
      reasons: drifted ? ['3 of 4 feature columns drifted (75% >= 50%)'] : [],
    },
    columns: [],
    findings: [],
  });
}

const HOUR = 3_600_000;
const config = driftConfig.parse({ retrain: { enabled: true, cooldownHours: 24 } });

async function scenario(platform: Platform, cwd: string, openIssues: () => number, triggers: () => number) {
  const t0 = new Date('2026-03-01T06:00:00Z');
  const first = await closeTheLoop(report(true), { platform, cwd, model: 'penguins', config, retrain: true, now: t0 });
  assert.equal(first.issue?.action, 'opened');
  assert.equal(first.retrain?.triggered, true);
  assert.equal(triggers(), 1);

  // Persistent drift the next morning: same issue updated, no second trigger inside the cooldown.
  const second = await closeTheLoop(report(true), {
    platform,
    cwd,
    model: 'penguins',
    config,
    retrain: true,
    now: new Date(t0.getTime() + 6 * HOUR),
  });
  assert.equal(second.issue?.action, 'updated');
  assert.equal(second.issue?.number, first.issue?.number);
  assert.equal(second.retrain?.triggered, false);
  assert.match(second.retrain?.reason ?? '', /cooldown: last triggered 6\.0 h ago/);
  assert.equal(triggers(), 1, 'no retraining storm');
  assert.equal(openIssues(), 1, 'one issue per model, not one per run');

  // After the cooldown a still-drifting model may be retrained again.
  const third = await closeTheLoop(report(true), {
    platform,
    cwd,
    model: 'penguins',
    config,
    retrain: true,
    now: new Date(t0.getTime() + 25 * HOUR),
  });
  assert.equal(third.retrain?.triggered, true);
  assert.equal(triggers(), 2);

  // Drift gone: the issue is closed with a comment saying so.
  const gone = await closeTheLoop(report(false), {
    platform,
    cwd,
    model: 'penguins',
    config,
    retrain: true,
    now: new Date(t0.getTime() + 48 * HOUR),
  });
  assert.equal(gone.issue?.action, 'resolved');
  assert.equal(gone.retrain, undefined);
  assert.equal(openIssues(), 0);

  // Drift back: the same issue is reopened rather than a new one.
  const back = await closeTheLoop(report(true), {
    platform,
    cwd,
    model: 'penguins',
    config,
    retrain: false,
    now: new Date(t0.getTime() + 72 * HOUR),
  });
  assert.equal(back.issue?.number, first.issue?.number);
  assert.equal(back.retrain?.triggered, false);
  assert.equal(back.retrain?.reason, 'retrain is off');
  assert.equal(triggers(), 2);
}

describe('drift alerts through the local platform', () => {
  it('upserts one issue, triggers with a cooldown kept in the cache, resolves when drift is gone', async () => {
    const cwd = tempDir('mlops-drift-alert-');
    process.env.MLOPS_CACHE_DIR = join(cwd, 'cache');
    const platform = new LocalPlatform({ workspace: cwd, logger: new CapturingLogger() });
    delete process.env.MLOPS_CACHE_DIR;
    const state = () => JSON.parse(readFileSync(join(cwd, '.mlops/local/platform.json'), 'utf8'));
    await scenario(
      platform,
      cwd,
      () => state().issues.filter((i: { state: string }) => i.state === 'open').length,
      () => state().triggers.length,
    );
    const final = state();
    assert.equal(final.issues.length, 1);
    assert.ok(final.issues[0].body.includes(hiddenMarker('drift:penguins')));
    assert.ok(final.issues[0].comments.some((c: string) => /Drift is gone/.test(c)));
    assert.equal(final.triggers[0].workflow, 'train.yml');
    assert.equal(final.triggers[0].inputs.model, 'penguins', 'local and GitLab triggers carry the context');
  });
});

describe('drift alerts through the GitHub platform (fake GitHub API)', () => {
  const fake = new FakeGitHub();
  before(() => fake.start().then(() => undefined));
  after(() => fake.stop());

  it('opens, updates, closes one issue and dispatches the training workflow once per cooldown', async () => {
    const workspace = tempDir('mlops-drift-gh-');
    const eventPath = join(workspace, 'event.json');
    writeFileSync(eventPath, JSON.stringify({ schedule: '0 6 * * *' }));
    const platform = GitHubPlatform.fromEnv(
      {
        GITHUB_ACTIONS: 'true',
        GITHUB_API_URL: fake.baseUrl,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`,
        GITHUB_EVENT_NAME: 'schedule',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_SHA: 'c0ffee'.padEnd(40, '0'),
        GITHUB_REF: 'refs/heads/main',
        GITHUB_RUN_ID: '4242',
        GITHUB_WORKSPACE: workspace,
        GITHUB_TOKEN: fake.token,
      },
      { retry: fastRetry, logger: new CapturingLogger() },
    );
    // The Actions cache service is not part of the REST API the fake serves; a directory stands in for it.
    Object.defineProperty(platform, 'cache', { value: new DirectoryCache(join(workspace, 'cache'), workspace) });
    await scenario(
      platform,
      workspace,
      () => fake.issues.filter((i) => i.state === 'open' && !i.pull_request).length,
      () => fake.workflowDispatches.length,
    );
    assert.deepEqual(fake.rejections, []);
    assert.equal(fake.issues.filter((i) => !i.pull_request).length, 1);
    assert.equal(fake.workflowDispatches[0]!.workflow, 'train.yml');
    assert.match(fake.issues[0]!.body, /runs\/4242/);
  });
});

describe('drift alerts through the GitLab platform (fake GitLab API)', () => {
  const fake = new FakeGitLab();
  before(() => fake.start().then(() => undefined));
  after(() => fake.stop());

  it('opens, updates, closes one issue and triggers the training pipeline once per cooldown', async () => {
    const workspace = tempDir('mlops-drift-gl-');
    const platform = GitLabPlatform.fromEnv(
      {
        GITLAB_CI: 'true',
        CI_API_V4_URL: fake.apiUrl,
        CI_PROJECT_ID: String(fake.projectId),
        CI_PROJECT_PATH: fake.projectPath,
        CI_PROJECT_URL: `https://gitlab.example.com/${fake.projectPath}`,
        CI_PROJECT_DIR: workspace,
        CI_COMMIT_SHA: 'abcdef1'.padEnd(40, '0'),
        CI_COMMIT_REF_NAME: 'main',
        CI_DEFAULT_BRANCH: 'main',
        CI_PIPELINE_SOURCE: 'schedule',
        CI_PIPELINE_URL: `https://gitlab.example.com/${fake.projectPath}/-/pipelines/99`,
        CI_JOB_TOKEN: fake.jobToken,
        MLOPS_GITLAB_TOKEN: fake.accessToken,
        MLOPS_GITLAB_TRIGGER_TOKEN: fake.triggerToken,
      },
      { retry: fastRetry, logger: new CapturingLogger() },
    );
    await scenario(
      platform,
      workspace,
      () => fake.issues.filter((i) => i.state === 'opened').length,
      () => fake.pipelines.filter((p) => p.via === 'trigger').length,
    );
    assert.deepEqual(fake.rejections, []);
    assert.equal(fake.issues.length, 1);
    const pipeline = fake.pipelines.find((p) => p.via === 'trigger')!;
    assert.equal(pipeline.ref, 'main');
    assert.equal(pipeline.variables.model, 'penguins');
    assert.match(pipeline.variables.reason ?? '', /feature columns drifted/);
  });
});
