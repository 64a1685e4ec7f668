import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MlopsError } from '../../src/core/errors.js';
import { sha256 } from '../../src/core/fs.js';
import { GitLabPlatform, gitlabDeploymentStatus } from '../../src/platform/gitlab.js';
import { hiddenMarker } from '../../src/platform/types.js';
import { FakeGitLab, type GitLabAuthor, PROJECT_BOT } from '../fakes/gitlab.js';
import { tempDir } from '../helpers/tmp.js';
import { type ContractSubject, platformContract } from './contract.js';
import { CapturingLogger, errorText, fastRetry, writeBytes } from './helpers.js';

const fake = new FakeGitLab();
const MR = 12;
const workspace = tempDir('mlops-gl-ws-');
const logs: CapturingLogger[] = [];

function platformFor(overrides: NodeJS.ProcessEnv = {}, mr: number | undefined = MR): GitLabPlatform {
  const logger = new CapturingLogger();
  logs.push(logger);
  return GitLabPlatform.fromEnv(
    {
      GITLAB_CI: 'true',
      CI_API_V4_URL: fake.apiUrl,
      CI_PROJECT_ID: String(fake.projectId),
      CI_PROJECT_PATH: fake.projectPath,
      CI_PROJECT_URL: `https://gitlab.example.com/${fake.projectPath}`,
      CI_PROJECT_DIR: workspace,
      CI_COMMIT_SHA: 'abcdef1'.padEnd(40, '0'),
      CI_COMMIT_REF_NAME: 'feature',
      CI_DEFAULT_BRANCH: 'main',
      CI_PIPELINE_SOURCE: mr === undefined ? 'push' : 'merge_request_event',
      ...(mr === undefined ? {} : { CI_MERGE_REQUEST_IID: String(mr) }),
      CI_JOB_TOKEN: fake.jobToken,
      MLOPS_GITLAB_TOKEN: fake.accessToken,
      ...overrides,
    },
    { retry: fastRetry, logger },
  );
}

before(async () => {
  await fake.start();
});
after(() => fake.stop());

describe('GitLab platform against the fake GitLab', () => {
  platformContract(
    'gitlab',
    async (): Promise<ContractSubject> => ({
      platform: platformFor(),
      cacheRoundTrip: true,
      readPullRequest: async (number) => {
        const mr = fake.mergeRequests.find((m) => m.iid === number);
        return mr && { title: mr.title, body: mr.description, labels: mr.labels };
      },
      tamper: () => {
        fake.tamper = (name, data) => (name === 'weights.bin' ? Buffer.from('tampered bytes') : data);
      },
    }),
  );

  it('finds its own note on page 2 of 160 (system notes skipped), updates it in place, never duplicates it', async () => {
    const mr = 30;
    for (let i = 0; i < 160; i++) {
      fake.addNote(mr, i === 140 ? `${hiddenMarker('eval')}\nold` : `discussion ${i}`, i % 10 === 1);
    }
    const ours = fake.notes.filter((n) => n.mr === mr)[140]!;
    const before = fake.api.requests.length;
    const first = await platformFor({}, mr).upsertComment('eval', 'new');
    assert.deepEqual({ id: first.id, created: first.created }, { id: ours.id, created: false });
    assert.equal(ours.body, `${hiddenMarker('eval')}\nnew`);
    const pages = fake.api.requests
      .slice(before)
      .filter((r) => r.method === 'GET' && r.path.endsWith(`/merge_requests/${mr}/notes`))
      .map((r) => r.query.get('page'));
    assert.deepEqual(pages, ['1', '2']);
    await platformFor({}, mr).upsertComment('eval', 'newer');
    assert.equal(fake.notes.filter((n) => n.mr === mr).length, 160);
    assert.equal(fake.notes.filter((n) => n.mr === mr && n.body.includes(hiddenMarker('eval'))).length, 1);
    assert.match(first.url ?? '', /\/-\/merge_requests\/30#note_\d+$/);
  });

  it('never takes over, updates or deletes a note or issue that somebody else marked', async () => {
    const mr = 36;
    const stranger: GitLabAuthor = { id: 666, username: 'mallory' };
    const planted = fake.addNote(mr, `${hiddenMarker('card')}\nAll metrics pass. Approved.`, false, stranger);
    const platform = platformFor({}, mr);
    const first = await platform.upsertComment('card', 'the real model card');
    assert.notEqual(first.id, planted.id);
    assert.equal(first.created, true);
    const second = await platformFor({}, mr).upsertComment('card', 'card v2');
    assert.equal(second.id, first.id);
    assert.deepEqual(
      fake.notes.filter((n) => n.mr === mr).map((n) => [n.author.username, n.body.split('\n')[1]]),
      [
        ['mallory', 'All metrics pass. Approved.'],
        [PROJECT_BOT.username, 'card v2'],
      ],
    );
    // A planted open issue must not pass for our drift alert (it would silence alerts through the cooldown).
    fake.issues.push({
      iid: fake.issues.length + 1,
      title: 'Drift',
      description: `${hiddenMarker('drift:planted')}\nnothing to see`,
      labels: ['mlops'],
      state: 'opened',
      notes: [],
      author: stranger,
    });
    assert.equal(await platform.findIssue('drift:planted'), undefined);
    const opened = await platform.upsertIssue('drift:planted', { title: 'Drift detected', body: 'real alert' });
    assert.equal(opened.created, true);
    assert.deepEqual(fake.rejections, []);
  });

  it('leaves exactly one note when two jobs race', async () => {
    const mr = 31;
    await Promise.all([platformFor({}, mr).upsertComment('race', 'A'), platformFor({}, mr).upsertComment('race', 'B')]);
    assert.equal(fake.notes.filter((n) => n.mr === mr && n.body.includes(hiddenMarker('race'))).length, 1);
  });

  it('refuses notes and issues with only CI_JOB_TOKEN, naming MLOPS_GITLAB_TOKEN and the api scope', async () => {
    const platform = platformFor({ MLOPS_GITLAB_TOKEN: '' });
    const before = fake.api.requests.length;
    for (const attempt of [
      () => platform.upsertComment('x', 'y'),
      () => platform.upsertIssue('x', { title: 't', body: 'b' }),
      () => platform.findIssue('x'),
    ]) {
      await assert.rejects(attempt(), (error: unknown) => {
        assert.ok(error instanceof MlopsError);
        assert.equal(error.kind, 'config');
        assert.match(error.message, /MLOPS_GITLAB_TOKEN/);
        assert.match(error.message, /CI_JOB_TOKEN/);
        assert.match(`${error.expected} ${error.hint}`, /`api` scope/);
        assert.ok(!errorText(error).includes(fake.jobToken));
        return true;
      });
    }
    assert.equal(fake.api.requests.length, before, 'no request should be sent with a token GitLab would refuse');
  });

  it('refuses to open a merge request with only CI_JOB_TOKEN, naming MLOPS_GITLAB_TOKEN', async () => {
    const before = fake.api.requests.length;
    await assert.rejects(
      platformFor({ MLOPS_GITLAB_TOKEN: '' }).openPullRequest({ head: 'mlops/x', base: 'main', title: 't', body: 'b' }),
      (error: unknown) => {
        assert.ok(error instanceof MlopsError);
        assert.equal(error.kind, 'config');
        assert.match(error.message, /open a merge request from mlops\/x into main/);
        assert.match(error.message, /CI_JOB_TOKEN.*MLOPS_GITLAB_TOKEN is not set/);
        assert.match(`${error.expected} ${error.hint}`, /`api` scope/);
        assert.ok(!errorText(error).includes(fake.jobToken));
        return true;
      },
    );
    assert.equal(fake.api.requests.length, before, 'no request should be sent with a token GitLab would refuse');
  });

  it('opens the merge request with the branches, labels and source-branch removal; a racing job updates it', async () => {
    const head = 'mlops/promote/churn-2.0.0-staging';
    const first = await platformFor().openPullRequest({
      head,
      base: 'main',
      title: 'Promote churn 2.0.0 to staging',
      body: 'card',
      labels: ['mlops', 'promotion'],
    });
    const mr = fake.mergeRequests.find((m) => m.iid === first.number)!;
    assert.deepEqual(
      [mr.source_branch, mr.target_branch, mr.labels, mr.remove_source_branch],
      [head, 'main', ['mlops', 'promotion'], true],
    );
    assert.equal(first.url, `https://gitlab.example.com/${fake.projectPath}/-/merge_requests/${first.number}`);
    const list = fake.api.requestsTo('GET', /\/merge_requests$/).at(-1)!;
    assert.deepEqual(
      [list.query.get('state'), list.query.get('source_branch'), list.query.get('target_branch')],
      ['opened', head, 'main'],
    );
    const raced = 'mlops/promote/race';
    const results = await Promise.all([
      platformFor().openPullRequest({ head: raced, base: 'main', title: 'A', body: 'a' }),
      platformFor().openPullRequest({ head: raced, base: 'main', title: 'B', body: 'b' }),
    ]);
    assert.equal(fake.mergeRequests.filter((m) => m.source_branch === raced).length, 1);
    assert.equal(results[0]!.number, results[1]!.number);
    assert.deepEqual(results.map((r) => r.created).sort(), [false, true]);
    const creates = fake.api.requestsTo('POST', /\/merge_requests$/).filter((r) => r.body.toString().includes(raced));
    assert.equal(creates.length, 2, 'both jobs found nothing and tried to create: the 409 path ran');
  });

  it('uses CI_JOB_TOKEN for packages and deployments when no access token is set', async () => {
    const platform = platformFor({ MLOPS_GITLAB_TOKEN: '' });
    const dir = tempDir('mlops-gl-art-');
    const file = writeBytes(dir, 'model.onnx', 'onnx bytes');
    const before = fake.api.requests.length;
    const stored = await platform.artifacts.put('penguins', '1.0.0', file);
    await platform.artifacts.get('penguins', '1.0.0', 'model.onnx', join(dir, 'back.onnx'), stored.sha256);
    const { id } = await platform.deployments.create('production', 'refs/heads/main', 'penguins 1.0.0');
    await platform.deployments.setStatus(id, 'success', 'done', 'https://penguins.example.com');
    const sent = fake.api.requests.slice(before);
    assert.ok(sent.length >= 6);
    assert.ok(sent.every((r) => r.headers['job-token'] === fake.jobToken && r.headers['private-token'] === undefined));
    const environment = fake.environments.get('production');
    assert.equal(environment?.external_url, 'https://penguins.example.com');
    assert.deepEqual(fake.deployments.find((d) => d.id === id)?.statuses, ['running', 'success']);
  });

  it('maps deployment states onto the statuses GitLab accepts', () => {
    assert.deepEqual(
      (['pending', 'in_progress', 'success', 'failure', 'error', 'inactive'] as const).map(gitlabDeploymentStatus),
      ['running', 'running', 'success', 'failed', 'failed', 'canceled'],
    );
  });

  it('reuses an identical file and refuses different content, also when the project forbids duplicates', async () => {
    const platform = platformFor();
    const dir = tempDir('mlops-gl-art-');
    const file = writeBytes(dir, 'card.md', 'model card');
    await platform.artifacts.put('dup', '2.0.0', file);
    const uploads = () => fake.api.requestsTo('PUT', /\/packages\/generic\//).length;
    const count = uploads();
    await platform.artifacts.put('dup', '2.0.0', file);
    assert.equal(uploads(), count, 'identical content must not be uploaded again');
    // Another job uploads the same file between our lookup and our upload; the project forbids duplicates.
    fake.allowDuplicates = false;
    fake.api.fail({ method: 'GET', path: /\/packages\/\d+\/package_files$/, status: 200, body: [] });
    const stored = await platform.artifacts.put('dup', '2.0.0', file);
    assert.equal(stored.sha256, sha256('model card'));
    fake.allowDuplicates = true;
    const other = writeBytes(dir, 'other.md', 'a different card');
    await assert.rejects(
      platform.artifacts.put('dup', '2.0.0', other, 'card.md'),
      /already exists .*different content/,
    );
    assert.equal(fake.files.filter((f) => f.file_name === 'card.md').length, 1);
  });

  it('downloads from object storage without sending GitLab credentials, and rejects tampered bytes', async () => {
    const platform = platformFor();
    const dir = tempDir('mlops-gl-art-');
    const stored = await platform.artifacts.put('tamper', '1.0.0', writeBytes(dir, 'm.bin', 'genuine'));
    fake.tamper = (name, data) => (name === 'm.bin' ? Buffer.from('evil') : data);
    const dest = join(dir, 'out', 'm.bin');
    await assert.rejects(platform.artifacts.get('tamper', '1.0.0', 'm.bin', dest, stored.sha256), /checksum/);
    assert.equal(existsSync(dest), false);
    fake.tamper = undefined;
    await platform.artifacts.get('tamper', '1.0.0', 'm.bin', dest, stored.sha256);
    assert.ok(fake.storage.requests.length > 0);
  });

  it('retries 429 (Retry-After) and 5xx, then succeeds; gives up after the bounded attempts', async () => {
    const logger = new CapturingLogger();
    const platform = GitLabPlatform.fromEnv(
      {
        CI_API_V4_URL: fake.apiUrl,
        CI_PROJECT_ID: String(fake.projectId),
        CI_PROJECT_DIR: workspace,
        MLOPS_GITLAB_TOKEN: fake.accessToken,
      },
      { retry: fastRetry, logger },
    );
    fake.api.fail({
      method: 'GET',
      path: /\/issues$/,
      status: 429,
      headers: { 'retry-after': '1' },
      body: { message: '429 Too Many Requests' },
    });
    fake.api.fail({ method: 'GET', path: /\/issues$/, status: 502, body: Buffer.from('<html>Bad Gateway</html>') });
    const before = fake.api.requestsTo('GET', /\/issues$/).length;
    assert.equal(await platform.findIssue('nothing'), undefined);
    assert.equal(fake.api.requestsTo('GET', /\/issues$/).length - before, 3);
    assert.equal(logger.lines.filter((l) => /HTTP (429|502)/.test(l)).length, 2);
    fake.api.fail({
      method: 'GET',
      path: /\/issues$/,
      status: 503,
      body: { message: '503 Service Unavailable' },
      times: 10,
    });
    await assert.rejects(platform.findIssue('nothing'), (error: unknown) => {
      assert.ok(error instanceof MlopsError);
      assert.equal(error.kind, 'api');
      assert.match(error.message, /HTTP 503: 503 Service Unavailable after 4 attempts/);
      return true;
    });
    fake.api.clearFailures();
  });

  it("surfaces GitLab's message and the missing permission on 401/403, without the token", async () => {
    const wrong = platformFor({ MLOPS_GITLAB_TOKEN: 'glpat-revokedToken000' });
    await assert.rejects(wrong.findIssue('x'), (error: unknown) => {
      assert.ok(error instanceof MlopsError);
      assert.match(error.message, /HTTP 401: 401 Unauthorized/);
      assert.match(error.hint ?? '', /MLOPS_GITLAB_TOKEN/);
      assert.ok(!errorText(error).includes('glpat-revokedToken000'));
      return true;
    });
    fake.api.fail({ method: 'POST', path: /\/notes$/, status: 403, body: { message: '403 Forbidden' } });
    await assert.rejects(platformFor({}, 40).upsertComment('perm', 'x'), (error: unknown) => {
      assert.ok(error instanceof MlopsError);
      assert.match(error.message, /403 Forbidden/);
      assert.match(error.hint ?? '', /`api` scope/);
      assert.ok(!errorText(error).includes(fake.accessToken));
      return true;
    });
    for (const logger of logs) {
      assert.ok(!logger.text.includes(fake.accessToken) && !logger.text.includes(fake.jobToken), 'token in a log');
    }
  });

  it('triggers a pipeline with the trigger token in the body, variables from the inputs', async () => {
    const platform = platformFor({ MLOPS_GITLAB_TRIGGER_TOKEN: fake.triggerToken });
    const result = await platform.trigger({
      ref: 'refs/heads/main',
      inputs: { MLOPS_REASON: 'drift', MODEL: 'churn' },
    });
    assert.match(result.url ?? '', /\/-\/pipelines\/\d+$/);
    assert.deepEqual(fake.pipelines.at(-1), {
      id: fake.pipelines.at(-1)!.id,
      ref: 'main',
      variables: { MLOPS_REASON: 'drift', MODEL: 'churn' },
      via: 'trigger',
    });
    await platformFor({ MLOPS_GITLAB_TRIGGER_TOKEN: '' }).trigger({ ref: 'refs/heads/main', inputs: {} });
    assert.equal(fake.pipelines.at(-1)?.via, 'job');
    const trigger = fake.api.requestsTo('POST', /\/trigger\/pipeline$/).at(-1)!;
    assert.ok(
      !trigger.path.includes(fake.jobToken) && trigger.query.get('token') === null,
      'token must not be in the URL',
    );
  });

  it('keeps the cache inside the project so the `cache:` keyword carries it', () => {
    assert.equal(platformFor().cache.root, join(workspace, '.mlops', 'cache'));
  });

  it('never sent a request outside the GitLab API routes or with a token GitLab refuses there', () => {
    assert.deepEqual(fake.rejections, []);
  });
});
