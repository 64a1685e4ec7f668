import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MlopsError } from '../../src/core/errors.js';
import { sha256 } from '../../src/core/fs.js';
import { GitHubPlatform } from '../../src/platform/github.js';
import { hiddenMarker } from '../../src/platform/types.js';
import { FakeActionsCache } from '../fakes/actions-cache.js';
import { ACTIONS_BOT, FakeGitHub, type GitHubAuthor, TOKEN_USER } from '../fakes/github.js';
import { HttpFake } from '../fakes/http-fake.js';
import { tempDir } from '../helpers/tmp.js';
import { type ContractSubject, platformContract } from './contract.js';
import { CapturingLogger, errorText, fastRetry, writeBytes } from './helpers.js';

const fake = new FakeGitHub();
const cacheService = new FakeActionsCache();
const PR = 42;
const logs: CapturingLogger[] = [];
const workspace = tempDir('mlops-gh-ws-');

function platformFor(overrides: NodeJS.ProcessEnv = {}, pr = PR): GitHubPlatform {
  const eventPath = join(workspace, `event-${pr}.json`);
  writeFileSync(eventPath, JSON.stringify({ pull_request: { number: pr, base: { ref: 'main' } } }));
  const logger = new CapturingLogger();
  logs.push(logger);
  return GitHubPlatform.fromEnv(
    {
      GITHUB_ACTIONS: 'true',
      GITHUB_API_URL: fake.baseUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_SHA: 'c0ffee'.padEnd(40, '0'),
      GITHUB_REF: `refs/pull/${pr}/merge`,
      GITHUB_RUN_ID: '777',
      GITHUB_WORKSPACE: workspace,
      GITHUB_TOKEN: fake.token,
      ...overrides,
    },
    { retry: fastRetry, logger },
  );
}

const processEnv = { ...process.env };
before(async () => {
  await fake.start();
  await cacheService.start();
  fake.addPullRequest(PR);
  fake.addPullRequest(9001);
  // @actions/cache reads the runner's variables from process.env, not from the platform's env.
  process.env.ACTIONS_CACHE_URL = cacheService.url;
  process.env.ACTIONS_RUNTIME_TOKEN = cacheService.runtimeToken;
  delete process.env.ACTIONS_CACHE_SERVICE_V2;
});
after(async () => {
  process.env = processEnv;
  await fake.stop();
  await cacheService.stop();
});

describe('GitHub platform against the fake GitHub', () => {
  platformContract('github', async (): Promise<ContractSubject> => {
    let tampered = false;
    return {
      platform: platformFor(),
      cacheRoundTrip: true,
      readPullRequest: async (number) => {
        const pull = fake.pulls.find((p) => p.number === number);
        return pull && { title: pull.title, body: pull.body, labels: pull.labels };
      },
      tamper: () => {
        tampered = true;
        fake.tamper = (name, data) => (tampered && name === 'weights.bin' ? Buffer.from('tampered bytes') : data);
      },
    };
  });

  it('finds its own comment on page 3 of 250, updates it in place, and never duplicates it', async () => {
    const pr = 101;
    fake.addPullRequest(pr);
    for (let i = 0; i < 250; i++) {
      fake.addComment(pr, i === 230 ? `${hiddenMarker('eval-report')}\nold report` : `review comment ${i}`);
    }
    const ours = fake.comments.filter((c) => c.issue === pr)[230]!;
    const before = fake.api.requests.length;
    const result = await platformFor({}, pr).upsertComment('eval-report', 'new report');
    assert.deepEqual({ id: result.id, created: result.created }, { id: ours.id, created: false });
    assert.equal(fake.comments.filter((c) => c.issue === pr).length, 250);
    assert.equal(ours.body, `${hiddenMarker('eval-report')}\nnew report`);
    const lists = fake.api.requests
      .slice(before)
      .filter((r) => r.method === 'GET' && r.path.endsWith(`/issues/${pr}/comments`));
    assert.deepEqual(
      lists.map((r) => [r.query.get('per_page'), r.query.get('page') ?? '1']),
      [
        ['100', '1'],
        ['100', '2'],
        ['100', '3'],
      ],
    );
    const again = await platformFor({}, pr).upsertComment('eval-report', 'newer report');
    assert.equal(again.id, ours.id);
    assert.equal(fake.comments.filter((c) => c.issue === pr && c.body.includes(hiddenMarker('eval-report'))).length, 1);
    assert.equal(fake.comments.filter((c) => c.issue === pr).length, 250);
  });

  it('leaves exactly one comment when two jobs race to create it', async () => {
    const pr = 102;
    fake.addPullRequest(pr);
    for (let i = 0; i < 120; i++) fake.addComment(pr, `chatter ${i}`);
    const results = await Promise.all([
      platformFor({}, pr).upsertComment('race', 'from job A'),
      platformFor({}, pr).upsertComment('race', 'from job B'),
    ]);
    const marked = fake.comments.filter((c) => c.issue === pr && c.body.includes(hiddenMarker('race')));
    assert.equal(marked.length, 1);
    assert.deepEqual(new Set(results.map((r) => r.id)), new Set([marked[0]!.id]));
  });

  it('cleans up duplicates left by an earlier race, keeping the oldest', async () => {
    const pr = 103;
    fake.addPullRequest(pr);
    const oldest = fake.addComment(pr, `${hiddenMarker('dup')}\nA`);
    fake.addComment(pr, `${hiddenMarker('dup')}\nB`);
    const result = await platformFor({}, pr).upsertComment('dup', 'C');
    assert.equal(result.id, oldest.id);
    assert.deepEqual(
      fake.comments.filter((c) => c.issue === pr).map((c) => c.body),
      [`${hiddenMarker('dup')}\nC`],
    );
  });

  it('never takes over, updates or deletes a comment or issue that somebody else marked', async () => {
    const pr = 107;
    fake.addPullRequest(pr);
    const stranger: GitHubAuthor = { login: 'mallory', id: 666, type: 'User' };
    const planted = fake.addComment(pr, `${hiddenMarker('card')}\nAll metrics pass. Approved.`, stranger);
    // Another app's bot quoting our comment is not us either.
    const quoting: GitHubAuthor = { login: 'ai-reviewer[bot]', id: 777, type: 'Bot' };
    const quoted = fake.addComment(pr, `> ${hiddenMarker('card')}\n> quoted card`, quoting);
    const result = await platformFor({}, pr).upsertComment('card', 'the real model card');
    assert.notEqual(result.id, planted.id);
    assert.equal(result.created, true);
    const onPr = fake.comments.filter((c) => c.issue === pr);
    assert.deepEqual(
      onPr.map((c) => [c.author.login, c.body]),
      [
        ['mallory', `${hiddenMarker('card')}\nAll metrics pass. Approved.`],
        ['ai-reviewer[bot]', quoted.body],
        [ACTIONS_BOT.login, `${hiddenMarker('card')}\nthe real model card`],
      ],
    );
    // The next push updates ours, still leaving the planted one alone.
    const again = await platformFor({}, pr).upsertComment('card', 'card v2');
    assert.equal(again.id, result.id);
    assert.equal(
      fake.comments.find((c) => c.id === planted.id)?.body,
      `${hiddenMarker('card')}\nAll metrics pass. Approved.`,
    );
    // A planted open issue must not pass for our drift alert (it would silence alerts through the cooldown).
    fake.addIssue({
      title: 'Drift',
      body: `${hiddenMarker('drift:planted')}\nnothing to see`,
      labels: ['mlops'],
      author: stranger,
    });
    const platform = platformFor({}, pr);
    assert.equal(await platform.findIssue('drift:planted'), undefined);
    const opened = await platform.upsertIssue('drift:planted', { title: 'Drift detected', body: 'real alert' });
    assert.equal(opened.created, true);
    assert.equal(fake.issues.find((i) => i.number === opened.number)?.author?.login, ACTIONS_BOT.login);
  });

  it("with a personal access token, only that user's marked comments are ours, not another bot's", async () => {
    const pat = new FakeGitHub({ token: 'ghp_personalTokenValue1234567890' });
    await pat.start();
    try {
      const pr = 5;
      pat.addPullRequest(pr);
      const otherBot = pat.addComment(pr, `${hiddenMarker('card')}\nfrom another workflow`, ACTIONS_BOT);
      const platform = platformFor({ GITHUB_API_URL: pat.baseUrl, GITHUB_TOKEN: pat.token }, pr);
      const first = await platform.upsertComment('card', 'ours');
      assert.notEqual(first.id, otherBot.id);
      const second = await platform.upsertComment('card', 'ours, updated');
      assert.equal(second.id, first.id);
      assert.deepEqual(
        pat.comments.filter((c) => c.issue === pr).map((c) => [c.author.login, c.body.split('\n')[1]]),
        [
          [ACTIONS_BOT.login, 'from another workflow'],
          [TOKEN_USER.login, 'ours, updated'],
        ],
      );
      assert.deepEqual(pat.rejections, []);
    } finally {
      await pat.stop();
    }
  });

  it('retries 429 with retry-after and 403 rate limits, then succeeds', async () => {
    const pr = 104;
    fake.addPullRequest(pr);
    const logger = new CapturingLogger();
    const platform = GitHubPlatform.fromEnv(
      {
        GITHUB_API_URL: fake.baseUrl,
        GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`,
        GITHUB_TOKEN: fake.token,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: (() => {
          const p = join(workspace, 'rl.json');
          writeFileSync(p, JSON.stringify({ pull_request: { number: pr } }));
          return p;
        })(),
      },
      { retry: fastRetry, logger },
    );
    const commentsPath = new RegExp(`/issues/${pr}/comments$`);
    fake.api.fail({
      method: 'GET',
      path: commentsPath,
      status: 429,
      headers: { 'retry-after': '1' },
      body: { message: 'Too many requests' },
    });
    fake.api.fail({
      method: 'POST',
      path: commentsPath,
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 2) },
      body: { message: 'API rate limit exceeded for installation ID 1.', documentation_url: 'https://docs.github.com' },
    });
    const before = fake.api.requestsTo('POST', commentsPath).length;
    const result = await platform.upsertComment('rl', 'body');
    assert.equal(result.created, true);
    assert.equal(fake.api.requestsTo('POST', commentsPath).length - before, 2);
    assert.equal(logger.lines.filter((l) => /rate limit \(HTTP (429|403)\)/.test(l)).length, 2);
  });

  it('gives up after the bounded attempts with the API message and a rate-limit hint', async () => {
    fake.api.fail({
      method: 'GET',
      path: /\/issues$/,
      status: 429,
      headers: { 'retry-after': '0' },
      body: { message: 'slow down' },
      times: 10,
    });
    const before = fake.api.requestsTo('GET', /\/issues$/).length;
    await assert.rejects(platformFor().findIssue('x'), (error: unknown) => {
      assert.ok(error instanceof MlopsError);
      assert.equal(error.kind, 'api');
      assert.match(error.message, /HTTP 429: slow down/);
      assert.match(error.hint ?? '', /rate limit/);
      return true;
    });
    assert.equal(fake.api.requestsTo('GET', /\/issues$/).length - before, fastRetry.attempts);
    fake.api.clearFailures();
  });

  it('does not wait when the rate limit resets beyond the policy limit', async () => {
    const platform = GitHubPlatform.fromEnv(
      { GITHUB_API_URL: fake.baseUrl, GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`, GITHUB_TOKEN: fake.token },
      { retry: { ...fastRetry, maxWaitMs: 1_000 }, logger: new CapturingLogger() },
    );
    fake.api.fail({
      method: 'GET',
      path: /\/issues$/,
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600) },
      body: { message: 'API rate limit exceeded' },
    });
    const before = fake.api.requestsTo('GET', /\/issues$/).length;
    await assert.rejects(platform.findIssue('x'), /rate limit exceeded/);
    fake.api.clearFailures();
    assert.equal(fake.api.requestsTo('GET', /\/issues$/).length - before, 1);
  });

  it('names the missing permission on 403 and keeps the token out of errors and logs', async () => {
    fake.api.fail({
      method: 'POST',
      path: /\/issues\/\d+\/comments$/,
      status: 403,
      body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' },
    });
    const platform = platformFor();
    await assert.rejects(platform.upsertComment('perm', 'x'), (error: unknown) => {
      assert.ok(error instanceof MlopsError);
      assert.equal(error.kind, 'api');
      assert.match(error.message, /Resource not accessible by integration/);
      assert.match(error.hint ?? '', /`pull-requests: write`/);
      assert.ok(!errorText(error).includes(fake.token));
      return true;
    });
    fake.api.clearFailures();
    const bad = platformFor({ GITHUB_TOKEN: 'ghp_wrongToken000000000000000' });
    await assert.rejects(bad.findIssue('x'), (error: unknown) => {
      assert.ok(error instanceof MlopsError);
      assert.match(error.message, /HTTP 401: Bad credentials/);
      assert.match(error.hint ?? '', /token/);
      assert.ok(!errorText(error).includes('ghp_wrongToken000000000000000'));
      return true;
    });
    const none = platformFor({ GITHUB_TOKEN: '', INPUT_TOKEN: '' });
    await assert.rejects(none.upsertComment('x', 'y'), (error: unknown) => {
      assert.ok(error instanceof MlopsError);
      assert.equal(error.kind, 'config');
      assert.match(`${error.message} ${error.expected}`, /GITHUB_TOKEN/);
      return true;
    });
    for (const logger of logs) assert.ok(!logger.text.includes(fake.token), 'token leaked into a log');
  });

  it('prefers INPUT_TOKEN over GITHUB_TOKEN', async () => {
    const platform = platformFor({ INPUT_TOKEN: fake.token, GITHUB_TOKEN: 'ghp_notTheRightOne' });
    assert.equal(await platform.findIssue('nothing-here'), undefined);
  });

  it('keeps model releases out of "latest", uploads via upload_url and downloads from storage without the token', async () => {
    const platform = platformFor();
    const dir = tempDir('mlops-gh-art-');
    const file = writeBytes(dir, 'card.md', '# churn 3.0.0');
    const stored = await platform.artifacts.put('churn', '3.0.0', file);
    const release = fake.releases.find((r) => r.tag_name === 'churn@v3.0.0');
    assert.equal(release?.make_latest, 'false');
    assert.equal(release?.target_commitish, 'c0ffee'.padEnd(40, '0'));
    const uploads = fake.api.requestsTo('POST', /^\/uploads\/repos\/.*\/releases\/\d+\/assets$/);
    assert.equal(uploads.at(-1)?.query.get('name'), 'card.md');
    await platform.artifacts.get('churn', '3.0.0', 'card.md', join(dir, 'back.md'), stored.sha256);
    const downloads = fake.storage.requests.filter((r) => r.path.startsWith('/release-assets/'));
    assert.ok(downloads.length > 0);
    assert.ok(downloads.every((r) => r.headers.authorization === undefined));
  });

  it('treats an asset uploaded concurrently (422 already_exists) as stored when the bytes match', async () => {
    const platform = platformFor();
    const dir = tempDir('mlops-gh-art-');
    const file = writeBytes(dir, 'model.onnx', 'same bytes');
    await platform.artifacts.put('race', '1.0.0', file);
    // The next listing misses the asset, as if the other job's upload landed right after it.
    fake.api.fail({ method: 'GET', path: /\/releases\/\d+\/assets$/, status: 200, body: [] });
    const uploadsBefore = fake.api.requestsTo('POST', /^\/uploads\//).length;
    const stored = await platform.artifacts.put('race', '1.0.0', file);
    assert.equal(stored.sha256, sha256('same bytes'));
    assert.equal(fake.api.requestsTo('POST', /^\/uploads\//).length - uploadsBefore, 1);
    assert.equal(fake.assets.filter((a) => a.name === 'model.onnx' && a.data.toString() === 'same bytes').length, 1);
  });

  it('treats 409 on upload like 422: looks again and reuses identical bytes', async () => {
    const platform = platformFor();
    const dir = tempDir('mlops-gh-art-');
    const file = writeBytes(dir, 'scaler.json', '{"mean": 1}');
    await platform.artifacts.put('conflict', '1.0.0', file);
    fake.api.fail({ method: 'GET', path: /\/releases\/\d+\/assets$/, status: 200, body: [] });
    fake.api.fail({ method: 'POST', path: /^\/uploads\//, status: 409, body: { message: 'Conflict' } });
    const stored = await platform.artifacts.put('conflict', '1.0.0', file);
    assert.equal(stored.sha256, sha256('{"mean": 1}'));
  });

  it('says which release is missing and what to do on 404', async () => {
    const platform = platformFor();
    const dir = tempDir('mlops-gh-art-');
    await assert.rejects(
      platform.artifacts.get('unknown-model', '0.0.1', 'model.onnx', join(dir, 'm'), sha256('x')),
      (error: unknown) => {
        assert.ok(error instanceof MlopsError);
        assert.match(error.message, /unknown-model@v0\.0\.1\/model\.onnx is not stored on GitHub/);
        assert.match(error.hint ?? '', /Register the version first/);
        return true;
      },
    );
    fake.api.fail({ method: 'GET', path: /\/issues\/\d+\/comments$/, status: 404, body: { message: 'Not Found' } });
    await assert.rejects(platformFor().upsertComment('gone', 'x'), (error: unknown) => {
      assert.ok(error instanceof MlopsError);
      assert.match(error.message, /HTTP 404: Not Found/);
      assert.match(error.hint ?? '', /`pull-requests: write`/);
      return true;
    });
  });

  it('records deployments with statuses and both kinds of dispatch', async () => {
    const platform = platformFor();
    const { id } = await platform.deployments.create('production', 'refs/heads/main', 'churn 1.2.0');
    await platform.deployments.setStatus(id, 'in_progress', 'canary 10%');
    await platform.deployments.setStatus(id, 'failure', 'error rate too high');
    const deployment = fake.deployments.find((d) => d.id === id);
    assert.equal(deployment?.ref, 'main');
    assert.deepEqual(
      deployment?.statuses.map((s) => [s.state, s.log_url]),
      [
        ['in_progress', `https://github.com/${fake.owner}/${fake.repo}/actions/runs/777`],
        ['failure', `https://github.com/${fake.owner}/${fake.repo}/actions/runs/777`],
      ],
    );
    const run = await platform.trigger({ workflow: 'retrain.yml', ref: 'refs/heads/main', inputs: { model: 'churn' } });
    assert.match(run.url ?? '', /\/actions\/runs\/\d+$/);
    assert.deepEqual(fake.workflowDispatches.at(-1), {
      workflow: 'retrain.yml',
      ref: 'main',
      inputs: { model: 'churn' },
    });
    await platform.trigger({ eventType: 'retrain', ref: 'refs/heads/main', inputs: { model: 'churn' } });
    assert.deepEqual(fake.dispatches.at(-1), {
      event_type: 'retrain',
      client_payload: { ref: 'main', inputs: { model: 'churn' } },
    });
  });

  it('skips pull requests and unlabelled issues when looking for its issue', async () => {
    const tag = hiddenMarker('drift:churn');
    fake.addIssue({ title: 'not ours: no label', body: `${tag}\n` });
    const platform = platformFor();
    assert.equal(await platform.findIssue('drift:churn'), undefined);
    const opened = await platform.upsertIssue('drift:churn', {
      title: 'Drift in churn',
      body: 'psi 0.3',
      labels: ['drift'],
    });
    const issue = fake.issues.find((i) => i.number === opened.number);
    assert.deepEqual(issue?.labels, ['drift', 'mlops']);
  });

  it('never answers a request outside the published API', () => {
    assert.deepEqual(fake.rejections, []);
    assert.deepEqual(fake.unimplemented, []);
  });
});

describe('GitHub cache through @actions/cache', () => {
  /** Save, refuse a taken key, restore exactly and by prefix, miss: the same steps over either protocol. */
  async function roundTrip(platform: GitHubPlatform, rel: string, prefix: string, content: string): Promise<void> {
    mkdirSync(join(workspace, rel), { recursive: true });
    writeFileSync(join(workspace, rel, 'features.bin'), content);
    assert.equal(await platform.cache.save([rel], `${prefix}abc`), true);
    assert.equal(await platform.cache.save([rel], `${prefix}abc`), false, 'the key is taken: refused, not thrown');
    rmSync(join(workspace, rel), { recursive: true });
    assert.equal(await platform.cache.restore([rel], `${prefix}abc`), `${prefix}abc`);
    assert.equal(readFileSync(join(workspace, rel, 'features.bin'), 'utf8'), content);
    rmSync(join(workspace, rel), { recursive: true });
    assert.equal(await platform.cache.restore([rel], `${prefix}zzz`, [prefix]), `${prefix}abc`);
    assert.equal(readFileSync(join(workspace, rel, 'features.bin'), 'utf8'), content);
    assert.equal(await platform.cache.restore([rel], 'other-key'), undefined);
  }

  it('saves and restores paths by key (exact and by prefix) against the cache service', async () => {
    const platform = GitHubPlatform.fromEnv({ GITHUB_WORKSPACE: workspace }, { logger: new CapturingLogger() });
    await roundTrip(platform, 'features-cache', 'features-v1-', 'cached features');
    assert.deepEqual(cacheService.server.rejections, []);
  });

  it('does the same over cache service v2 (Twirp + blob upload), the protocol of github.com runners', async () => {
    const v2 = await new FakeActionsCache().start();
    const saved = { ...process.env };
    process.env.ACTIONS_CACHE_SERVICE_V2 = 'true';
    process.env.ACTIONS_RESULTS_URL = v2.resultsUrl;
    process.env.ACTIONS_RUNTIME_TOKEN = v2.runtimeToken;
    delete process.env.ACTIONS_CACHE_URL;
    try {
      const logger = new CapturingLogger();
      const platform = GitHubPlatform.fromEnv({ GITHUB_WORKSPACE: workspace }, { logger });
      await roundTrip(platform, 'features-cache-v2', 'features-v2-', 'cached over v2');
      assert.deepEqual(v2.server.rejections, []);
      const methods = v2.server.requests.map((r) => `${r.method} ${r.path.replace(/\?.*$/, '').replace(/.*\//, '')}`);
      assert.ok(methods.includes('POST CreateCacheEntry') && methods.includes('POST FinalizeCacheEntryUpload'));
      assert.ok(methods.includes('POST GetCacheEntryDownloadURL'));
      assert.equal(v2.entries.filter((e) => e.committed).length, 1);
      assert.ok(!logger.lines.join('\n').includes(v2.runtimeToken), 'the runtime token never reaches the log');
    } finally {
      process.env = saved;
      await v2.stop();
    }
  });

  it('without a cache service, saving returns false with a warning and restoring is a miss', async () => {
    const saved = { ...process.env };
    delete process.env.ACTIONS_CACHE_URL;
    delete process.env.ACTIONS_RESULTS_URL;
    try {
      const logger = new CapturingLogger();
      const platform = GitHubPlatform.fromEnv({ GITHUB_WORKSPACE: workspace }, { logger });
      writeFileSync(join(workspace, 'alone.txt'), 'x');
      assert.equal(await platform.cache.save(['alone.txt'], 'k2'), false);
      assert.equal(await platform.cache.restore(['alone.txt'], 'k2'), undefined);
      assert.equal(logger.lines.filter((l) => l.startsWith('warning: ') && /cache service/i.test(l)).length, 2);
    } finally {
      process.env = saved;
    }
  });

  it('names the repository setting when GitHub refuses to let Actions open pull requests', async () => {
    fake.actionsCanCreatePullRequests = false;
    try {
      const before = fake.pulls.length;
      await assert.rejects(
        platformFor().openPullRequest({ head: 'mlops/reference/penguins', base: 'main', title: 't', body: 'b' }),
        (error: unknown) => {
          assert.ok(error instanceof MlopsError);
          assert.equal(error.kind, 'api');
          assert.match(error.message, /HTTP 403: GitHub Actions is not permitted to create or approve pull requests/);
          assert.match(error.hint ?? '', /Allow GitHub Actions to create and approve pull requests/);
          assert.match(error.hint ?? '', /pull-requests: write/);
          assert.match(error.hint ?? '', /contents: write/);
          assert.ok(!errorText(error).includes(fake.token));
          return true;
        },
      );
      assert.equal(fake.pulls.length, before);
    } finally {
      fake.actionsCanCreatePullRequests = true;
    }
  });

  it('lists pull requests filtered by owner:head and base, and labels the one it opens', async () => {
    const before = fake.api.requests.length;
    const opened = await platformFor().openPullRequest({
      head: 'mlops/reference/fraud-20260101T000000',
      base: 'main',
      title: 'Accept the new reference',
      body: 'profile diff',
      labels: ['mlops', 'drift'],
    });
    assert.equal(opened.created, true);
    assert.equal(opened.url, `https://github.com/${fake.owner}/${fake.repo}/pull/${opened.number}`);
    const lists = fake.api.requestsTo('GET', /\/pulls$/).filter((r) => fake.api.requests.indexOf(r) >= before);
    assert.deepEqual(
      lists.map((r) => [r.query.get('head'), r.query.get('base'), r.query.get('state')]),
      [[`${fake.owner}:mlops/reference/fraud-20260101T000000`, 'main', 'open']],
    );
    assert.deepEqual(fake.pulls.find((p) => p.number === opened.number)?.labels, ['mlops', 'drift']);
  });

  it('updates the pull request another job opened between its look-up and its create (GitHub answers 422)', async () => {
    const head = 'mlops/promote/race';
    const results = await Promise.all([
      platformFor().openPullRequest({ head, base: 'main', title: 'A', body: 'from job A' }),
      platformFor().openPullRequest({ head, base: 'main', title: 'B', body: 'from job B' }),
    ]);
    const open = fake.pulls.filter((p) => p.head === head);
    assert.equal(open.length, 1);
    assert.deepEqual(new Set(results.map((r) => r.number)), new Set([open[0]!.number]));
    assert.deepEqual(results.map((r) => r.created).sort(), [false, true]);
    const creates = fake.api.requestsTo('POST', /\/pulls$/).filter((r) => r.body.toString().includes(head));
    assert.equal(creates.length, 2, 'both jobs found nothing and tried to create: the 422 path ran');
  });

  it('saving never fails the job when the cache service errors, and restore degrades to a miss', async () => {
    const broken = await new HttpFake(() => ({ status: 500, body: { message: 'cache service down' } })).start();
    const saved = { ...process.env };
    process.env.ACTIONS_CACHE_URL = `${broken.baseUrl}/`;
    process.env.ACTIONS_RUNTIME_TOKEN = 'runtime-token';
    delete process.env.ACTIONS_CACHE_SERVICE_V2;
    try {
      const logger = new CapturingLogger();
      const platform = GitHubPlatform.fromEnv({ GITHUB_WORKSPACE: workspace }, { retry: fastRetry, logger });
      writeFileSync(join(workspace, 'cached.txt'), 'x');
      assert.equal(await platform.cache.save([join(workspace, 'cached.txt')], 'k1'), false);
      assert.equal(await platform.cache.restore([join(workspace, 'cached.txt')], 'k1'), undefined);
      assert.ok(broken.requests.length > 0, 'the cache service was never called');
    } finally {
      process.env = saved;
      await broken.stop();
    }
  });
});
