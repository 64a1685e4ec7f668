/** The fake GitHub is not a rubber stamp: requests outside GitHub's published API, or wrongly shaped, fail. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FakeGitHub } from '../fakes/github.js';
import { githubRoutes } from '../fakes/github-routes.js';

const fake = new FakeGitHub();
before(async () => {
  await fake.start();
  fake.addPullRequest(1);
});
after(() => fake.stop());

async function call(method: string, path: string, body?: unknown, token: string | null = fake.token) {
  const response = await fetch(`${fake.baseUrl}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      ...(token ? { authorization: `token ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

const repo = () => `/repos/${fake.owner}/${fake.repo}`;

describe('fake GitHub rejects what GitHub would reject', () => {
  it('reads the whole published route table', () => {
    assert.ok(githubRoutes.length > 900, `only ${githubRoutes.length} routes`);
    assert.ok(
      githubRoutes.some(
        (r) => r.method === 'PATCH' && r.template === '/repos/{owner}/{repo}/issues/comments/{comment_id}',
      ),
    );
  });

  it('rejects a path that is not in the API', async () => {
    const before = fake.rejections.length;
    const response = await call('GET', `${repo()}/issue/1/comments`);
    assert.equal(response.status, 404);
    assert.equal(response.body.message, 'Not Found');
    assert.equal(fake.rejections.length, before + 1);
    assert.match(fake.rejections.at(-1)!.reason, /not in the published GitHub REST route table/);
  });

  it('rejects a method the path does not have', async () => {
    const response = await call('PUT', `${repo()}/issues/1/comments`, { body: 'x' });
    assert.equal(response.status, 404);
    assert.equal(fake.rejections.at(-1)?.method, 'PUT');
  });

  it('rejects wrongly shaped bodies with 422', async () => {
    const cases: [string, string, unknown, RegExp][] = [
      ['POST', `${repo()}/issues/1/comments`, { text: 'misnamed field' }, /body/],
      ['POST', `${repo()}/issues`, { title: 'x', labels: 'mlops,drift' }, /labels/],
      ['POST', `${repo()}/issues`, { body: 'no title' }, /title/],
      ['POST', `${repo()}/deployments`, { environment: 'prod' }, /ref/],
      ['POST', `${repo()}/deployments/1/statuses`, { state: 'ok' }, /state/],
      [
        'POST',
        `${repo()}/dispatches`,
        { event_type: 'x', client_payload: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i])) },
        /10 top-level/,
      ],
      ['POST', `${repo()}/actions/workflows/retrain.yml/dispatches`, { ref: 'main', inputs: {}, extra: true }, /extra/],
      ['POST', `${repo()}/pulls`, { title: 'x', base: 'main' }, /head/],
      ['POST', `${repo()}/pulls`, { title: 'x', head: 'b', base: 'main', labels: ['mlops'] }, /labels/],
      ['PATCH', `${repo()}/pulls/1`, { description: 'GitLab field name' }, /description/],
      ['POST', `${repo()}/issues/1/labels`, { labels: 'mlops' }, /labels/],
    ];
    for (const [method, path, body, field] of cases) {
      const before = fake.rejections.length;
      const response = await call(method, path, body);
      assert.equal(response.status, 422, `${method} ${path} ${JSON.stringify(body)}`);
      assert.match(String(response.body.message), /^Invalid request/);
      assert.equal(fake.rejections.length, before + 1);
      assert.match(fake.rejections.at(-1)!.reason, field);
    }
    assert.equal(fake.comments.length, 0);
    assert.equal(fake.issues.filter((i) => !i.pull_request).length, 0);
  });

  it('keeps pull requests: 422 for a second open one from the same head, and flags a head filter without owner:', async () => {
    const opened = await call('POST', `${repo()}/pulls`, { title: 'Promote', head: 'mlops/p', base: 'main' });
    assert.equal(opened.status, 201);
    assert.equal((opened.body.head as { ref: string }).ref, 'mlops/p');
    const duplicate = await call('POST', `${repo()}/pulls`, {
      title: 'Again',
      head: `${fake.owner}:mlops/p`,
      base: 'main',
    });
    assert.equal(duplicate.status, 422);
    assert.match(JSON.stringify(duplicate.body.errors), /A pull request already exists for octo-org:mlops\/p/);
    const listed = await call('GET', `${repo()}/pulls?head=${fake.owner}:mlops/p&base=main`);
    assert.deepEqual(
      (listed.body as unknown as { number: number }[]).map((p) => p.number),
      [opened.body.number],
    );
    const before = fake.rejections.length;
    await call('GET', `${repo()}/pulls?head=mlops/p`);
    assert.equal(fake.rejections.length, before + 1);
    assert.match(fake.rejections.at(-1)!.reason, /owner: prefix/);
    fake.api.rejections.pop();
  });

  it('rejects a body that is not JSON with 400', async () => {
    const response = await call('POST', `${repo()}/issues/1/comments`, '{"body": ');
    assert.equal(response.status, 400);
    assert.equal(response.body.message, 'Problems parsing JSON');
  });

  it('requires a valid token', async () => {
    assert.equal((await call('GET', `${repo()}/issues`, undefined, null)).status, 401);
    const wrong = await call('GET', `${repo()}/issues`, undefined, 'ghp_wrong');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.message, 'Bad credentials');
  });

  it('answers 404 for another repository', async () => {
    assert.equal((await call('GET', '/repos/someone/else/issues')).status, 404);
  });

  it('flags published routes it does not implement instead of pretending', async () => {
    const response = await call('GET', `${repo()}/branches`);
    assert.equal(response.status, 501);
    assert.deepEqual(fake.unimplemented, ['GET /repos/{owner}/{repo}/branches']);
  });

  it('paginates with Link headers like GitHub', async () => {
    for (let i = 0; i < 45; i++) fake.addComment(1, `c${i}`);
    const first = await call('GET', `${repo()}/issues/1/comments?per_page=20`);
    assert.equal((first.body as unknown as unknown[]).length, 20);
    const link = first.headers.get('link') ?? '';
    assert.match(link, /<[^>]*[?&]page=2[^>]*>; rel="next"/);
    assert.match(link, /<[^>]*[?&]page=3[^>]*>; rel="last"/);
    const last = await call('GET', `${repo()}/issues/1/comments?per_page=20&page=3`);
    assert.equal((last.body as unknown as unknown[]).length, 5);
    assert.doesNotMatch(last.headers.get('link') ?? '', /rel="next"/);
    assert.match(last.headers.get('link') ?? '', /rel="prev"/);
    const capped = await call('GET', `${repo()}/issues/1/comments?per_page=500`);
    assert.equal((capped.body as unknown as unknown[]).length, 45);
  });
});
