import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { deployConfig } from '../../src/core/deploy/config.js';
import type { Deployment } from '../../src/core/deploy/report.js';
import { deployCanary } from '../../src/core/deploy/run.js';
import { type ModelServer, startModelServer } from '../../src/core/serve/server.js';
import { writeToyModel } from '../../src/demo/steps/deploy-data.js';
import { startTraffic } from '../../src/demo/steps/deploy-traffic.js';
import { LocalPlatform } from '../../src/platform/local.js';
import { git, repoWithRemote, tempDir } from '../helpers/tmp.js';

const TOKEN = 'rollout-test-token';
const env = { ...process.env, MLOPS_ADMIN_TOKEN: TOKEN };

const config = deployConfig.parse({
  environment: 'production',
  steps: [
    { weight: 25, duration: 1.2 },
    { weight: 50, duration: 1.2 },
    { weight: 100, duration: 0 },
  ],
  // A loaded CI machine may deliver traffic slowly: keep analysing an inconclusive step rather than pausing.
  analysis: { interval: 0.4, failureLimit: 1, minRequests: 40, inconclusiveLimit: 100 },
  checks: { quality: { minFeedback: 40, maxDrop: 0.05 }, latency: { maxRatio: 3 } },
});

function quietPlatform(workspace: string) {
  const lines: string[] = [];
  const log = {
    info: (m: string) => lines.push(m),
    warning: (m: string) => lines.push(m),
    error: (m: string) => lines.push(m),
    debug: () => {},
    group: <T>(_t: string, fn: () => Promise<T>) => fn(),
  };
  return new LocalPlatform({ workspace, logger: log });
}

/** GTO registration tags for a version (what register-model writes), so stage tags can point at them. */
function tagVersion(work: string, name: string, version: string) {
  git(work, 'commit', '-q', '--allow-empty', '-m', `register ${name} ${version}`);
  git(work, 'tag', '-a', `${name}@v${version}`, '-m', `Register ${name} ${version}\n\nversion: ${version}`);
  git(work, 'push', '-q', 'origin', 'main', `${name}@v${version}`);
}

describe('deploy-canary against the built-in server', () => {
  const models = tempDir('mlops-rollout-models-');
  const weak = writeToyModel(models, 'weak');
  const good = writeToyModel(models, 'good');
  const { work, remote } = repoWithRemote('mlops-rollout-');
  let server: ModelServer;

  before(async () => {
    tagVersion(work, 'toy', '1.0.0');
    tagVersion(work, 'toy', '2.0.0');
    tagVersion(work, 'toy', '3.0.0');
    server = await startModelServer({
      models: [{ name: 'toy', version: '1.0.0', ...weak }],
      adminToken: TOKEN,
    });
  });
  after(() => server.close());

  async function rollout(
    version: string,
    file: { path: string; sha256: string },
    stepMode: 'all' | 'one' = 'all',
    mode?: 'canary' | 'shadow' | 'ab',
  ) {
    const platform = quietPlatform(work);
    const result = await deployCanary({
      platform,
      cwd: work,
      outDir: join(work, '.mlops', 'out'),
      config,
      version: `toy@v${version}`,
      modelFile: file.path,
      sha256: file.sha256,
      targetUrl: server.url,
      stepMode,
      mode,
      env,
    });
    return { ...result, platform };
  }

  test('a better canary is promoted, recorded in Git and the stage tag moved', async () => {
    const traffic = startTraffic(server.url, 'toy', { concurrency: 4, seed: 11 });
    const { record, recordFile } = await rollout('2.0.0', good);
    const stats = await traffic.stop();
    assert.equal(record.outcome, 'promoted', record.reason);
    assert.deepEqual(
      record.steps.map((s) => s.status),
      ['passed', 'passed', 'passed'],
    );
    const quality = record.steps[1]!.analyses.at(-1)!.checks.find((c) => c.name === 'live-quality')!;
    assert.equal(quality.verdict, 'pass');
    assert.ok(quality.canary! > quality.stable!, 'the canary was measured better on feedback');
    assert.ok(stats.byVersion['2.0.0']! > 0 && stats.byVersion['1.0.0']! > 0);
    const state = (await (
      await fetch(`${server.url}/admin/v1/models`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).json()) as {
      models: { stable: { version: string }; canary: unknown }[];
    };
    assert.equal(state.models[0]?.stable.version, '2.0.0');
    assert.equal(state.models[0]?.canary, null);
    // Git: the record is committed and pushed, the stage tag points at toy@v2.0.0's commit.
    const committed = JSON.parse(
      git(work, 'show', `origin/main:.mlops/deployments/production/${record.id}.json`),
    ) as Deployment;
    assert.equal(committed.outcome, 'promoted');
    assert.equal(committed.git.stageTag, 'toy#production#1');
    assert.equal(
      git(remote, 'rev-parse', 'toy#production#1^{commit}'),
      git(remote, 'rev-parse', 'toy@v2.0.0^{commit}'),
    );
    assert.equal(git(remote, 'cat-file', '-t', 'toy#production#1'), 'tag');
    assert.match(git(work, 'show', 'origin/main:.mlops/registry/toy/stages.yaml'), /production: 2\.0\.0/);
    assert.equal(JSON.parse(readFileSync(recordFile, 'utf8')).id, record.id);
  });

  test('a worse canary is rolled back within the failure limit, with an issue and the stage restored', async () => {
    // The promotion PR for 3.0.0 was merged (GTO flow): stages.yaml and the stage tag already name it.
    git(work, 'pull', '-q', 'origin', 'main');
    const stages = join(work, '.mlops', 'registry', 'toy', 'stages.yaml');
    writeFileSync(stages, readFileSync(stages, 'utf8').replace('production: 2.0.0', 'production: 3.0.0'));
    git(work, 'commit', '-q', '-am', 'promote toy 3.0.0 to production');
    git(work, 'tag', '-a', 'toy#production#2', 'toy@v3.0.0^{commit}', '-m', 'Assign production\n\nversion: 3.0.0');
    git(work, 'push', '-q', 'origin', 'main', 'toy#production#2');
    const traffic = startTraffic(server.url, 'toy', { concurrency: 4, seed: 12 });
    const { record, platform } = await rollout('3.0.0', weak);
    await traffic.stop();
    assert.equal(record.outcome, 'rolled-back', record.reason);
    const failures = record.steps.reduce((n, s) => n + s.failures, 0);
    assert.equal(failures, config.analysis.failureLimit + 1);
    const failedStep = record.steps.findIndex((s) => s.status === 'failed');
    assert.ok(failedStep >= 0);
    for (const s of record.steps.slice(failedStep + 1)) assert.equal(s.status, 'pending');
    const quality = record.steps[failedStep]!.analyses.at(-1)!.checks.find((c) => c.name === 'live-quality')!;
    assert.equal(quality.verdict, 'fail');
    assert.match(record.reason, /live-quality/);
    // The server serves the previous version again.
    const res = await fetch(`${server.url}/v1/models/toy:predict`, {
      method: 'POST',
      body: JSON.stringify({ instances: [{ a: 1, b: 1 }] }),
    });
    assert.equal(res.headers.get('x-mlops-model-version'), '2.0.0');
    await res.arrayBuffer();
    // The platform saw the deployment fail and an issue carries the analysis.
    const local = JSON.parse(readFileSync(join(work, '.mlops', 'local', 'platform.json'), 'utf8')) as {
      issues: { title: string; body: string }[];
      deployments: { id: number; statuses: { state: string }[] }[];
    };
    assert.ok(record.issue);
    const issue = local.issues.find((i) => i.title.includes('3.0.0'))!;
    assert.match(issue.body, /live-quality/);
    const dep = local.deployments.find((d) => d.id === record.platformDeploymentId)!;
    assert.equal(dep.statuses.at(-1)?.state, 'failure');
    assert.ok(dep.statuses.some((s) => s.state === 'in_progress'));
    assert.ok(platform);
    // The stage is restored to 2.0.0: stages.yaml in the record's commit and a new GTO tag on 2.0.0's commit.
    assert.match(git(work, 'show', 'origin/main:.mlops/registry/toy/stages.yaml'), /production: 2\.0\.0/);
    assert.equal(record.git.stageTag, 'toy#production#3');
    assert.equal(
      git(remote, 'rev-parse', 'toy#production#3^{commit}'),
      git(remote, 'rev-parse', 'toy@v2.0.0^{commit}'),
    );
    assert.match(git(remote, 'tag', '-l', '--format=%(contents)', 'toy#production#3'), /restored in production/);
    const log = git(remote, 'log', '--format=%s', 'main');
    assert.match(log, /deploy\(production\): toy 3\.0\.0 rolled-back/);
  });

  test('one step per invocation: state lives in the committed record and the rollout resumes', async () => {
    const traffic = startTraffic(server.url, 'toy', { concurrency: 3, seed: 13 });
    const good2 = writeToyModel(models, 'good', 'good-again.onnx');
    const outcomes: string[] = [];
    let record: Deployment | undefined;
    for (let i = 0; i < 40; i++) {
      const result = await rollout('4.0.0', good2, 'one');
      record = result.record;
      outcomes.push(`${record.currentStep}:${record.steps[record.currentStep]?.status ?? 'end'}`);
      if (record.outcome !== 'in-progress') break;
      await new Promise((r) => setTimeout(r, 300));
    }
    await traffic.stop();
    assert.equal(record?.outcome, 'promoted', record?.reason);
    assert.ok(outcomes.length >= 4, `invocations: ${outcomes.join(' ')}`);
    // Each invocation committed the record; the same id was resumed throughout.
    const commits = git(work, 'log', '--format=%s', 'main')
      .split('\n')
      .filter((s) => s.includes('toy 4.0.0'));
    assert.ok(commits.length >= outcomes.length - 1, commits.join('\n'));
  });

  test('shadow mode: a worse model is judged on mirrored traffic and rolled back; users only ever get stable answers', async () => {
    const traffic = startTraffic(server.url, 'toy', { concurrency: 4, seed: 14 });
    const { record } = await rollout('5.0.0', weak, 'all', 'shadow');
    const stats = await traffic.stop();
    assert.equal(record.mode, 'shadow');
    assert.equal(record.outcome, 'rolled-back', record.reason);
    const quality = record.steps
      .find((s) => s.status === 'failed')!
      .analyses.at(-1)!
      .checks.find((c) => c.name === 'live-quality')!;
    assert.equal(quality.verdict, 'fail');
    // Both variants were scored on the same (mirrored) requests.
    assert.ok(quality.samples.canary > 0 && quality.samples.stable >= quality.samples.canary);
    // Every answer came from the stable version: the shadow canary never answered a user.
    assert.deepEqual(Object.keys(stats.byVersion), ['4.0.0']);
  });
});

describe('deploy-canary when the target goes away', () => {
  const models = tempDir('mlops-rollout-down-');
  const weak = writeToyModel(models, 'weak');
  const good = writeToyModel(models, 'good');
  const { work } = repoWithRemote('mlops-rollout-down-');

  test('the record keeps the in-progress state and says why; the error is readable', async () => {
    const server = await startModelServer({ models: [{ name: 'toy', version: '1.0.0', ...weak }], adminToken: TOKEN });
    const request = () =>
      deployCanary({
        platform: quietPlatform(work),
        cwd: work,
        outDir: join(work, '.mlops', 'out'),
        config,
        version: 'toy@v2.0.0',
        modelFile: good.path,
        targetUrl: server.url,
        stepMode: 'one',
        env,
      });
    const first = await request();
    assert.equal(first.record.steps[0]?.status, 'running');
    await server.close();
    await new Promise((r) => setTimeout(r, 450));
    await assert.rejects(request(), /Cannot reach the model server/);
    const saved = JSON.parse(readFileSync(first.recordFile, 'utf8')) as Deployment;
    assert.equal(saved.outcome, 'in-progress');
    assert.match(saved.reason, /Interrupted at step 1: Cannot reach the model server/);
    assert.match(git(work, 'log', '--format=%s', '-n', '1'), /toy 2\.0\.0 step 1\/3/);
  });
  test('a canary changed outside the rollout stops the next step, and the target is left alone', async () => {
    const server = await startModelServer({ models: [{ name: 'toy', version: '1.0.0', ...weak }], adminToken: TOKEN });
    const { work: repo } = repoWithRemote('mlops-rollout-changed-');
    try {
      const request = () =>
        deployCanary({
          platform: quietPlatform(repo),
          cwd: repo,
          outDir: join(repo, '.mlops', 'out'),
          config,
          version: 'toy@v6.0.0',
          modelFile: good.path,
          targetUrl: server.url,
          stepMode: 'one',
          env,
        });
      const first = await request();
      assert.equal(first.record.steps[0]?.status, 'running');
      // Between two scheduled runs someone loads another canary by hand.
      const other = writeToyModel(models, 'weak', 'other.onnx');
      const load = await fetch(`${server.url}/admin/v1/models/toy/load`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ version: '6.0.1', ...other, as: 'canary', weight: 7 }),
      });
      assert.equal(load.status, 200);
      await assert.rejects(request(), /canary of toy on .* is 6\.0\.1, not 6\.0\.0: the target changed outside/);
      const state = (await (
        await fetch(`${server.url}/admin/v1/models`, { headers: { authorization: `Bearer ${TOKEN}` } })
      ).json()) as { models: { weight: number; canary: { version: string } | null }[] };
      assert.equal(state.models[0]?.canary?.version, '6.0.1');
      assert.equal(state.models[0]?.weight, 7, 'neither promoted, rolled back nor re-weighted');
      const saved = JSON.parse(readFileSync(first.recordFile, 'utf8')) as Deployment;
      assert.equal(saved.outcome, 'in-progress');
      assert.match(saved.reason, /changed outside this rollout/);
    } finally {
      await server.close();
    }
  });
});
