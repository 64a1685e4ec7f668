/** The fake GitLab is not a rubber stamp: unknown endpoints, wrong bodies and misused tokens fail like on GitLab. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FakeGitLab } from '../fakes/gitlab.js';

const fake = new FakeGitLab();
before(async () => {
  await fake.start();
});
after(() => fake.stop());

async function call(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${fake.apiUrl}/projects/${fake.projectId}${path}`, {
    method,
    headers: {
      'PRIVATE-TOKEN': fake.accessToken,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

describe('fake GitLab rejects what GitLab would reject', () => {
  it('rejects an endpoint that is not in the API', async () => {
    const response = await call('GET', '/merge_request/1/notes');
    assert.equal(response.status, 404);
    assert.match(fake.rejections.at(-1)!.reason, /not an endpoint/);
  });

  it('rejects a method the endpoint does not have', async () => {
    const response = await call('PATCH', '/merge_requests/1/notes/5', { body: { body: 'x' } });
    assert.equal(response.status, 404);
    assert.equal(fake.rejections.at(-1)?.method, 'PATCH');
  });

  it('rejects wrongly shaped bodies with 400', async () => {
    const cases: [string, string, unknown][] = [
      ['POST', '/merge_requests/1/notes', { note: 'misnamed' }],
      ['POST', '/issues', { description: 'no title' }],
      ['POST', '/issues', { title: 'x', labels: ['mlops'] }],
      ['PUT', '/issues/1', { state: 'closed' }],
      ['POST', '/deployments', { environment: 'prod', sha: 'abc1234', ref: 'main', tag: false, status: 'created' }],
      ['POST', '/deployments', { environment: 'prod', ref: 'main', tag: false, status: 'running' }],
      ['POST', '/merge_requests', { target_branch: 'main', title: 'x' }],
      ['POST', '/merge_requests', { source_branch: 'b', target_branch: 'main', title: 'x', body: 'GitHub name' }],
      ['PUT', '/merge_requests/1', { state_event: 'merge' }],
    ];
    for (const [method, path, body] of cases) {
      const before = fake.rejections.length;
      const response = await call(method, path, { body });
      assert.equal(response.status, 400, `${method} ${path} ${JSON.stringify(body)}`);
      assert.equal(fake.rejections.length, before + 1);
    }
    assert.equal(fake.notes.length + fake.issues.length + fake.deployments.length + fake.mergeRequests.length, 0);
  });

  it('refuses CI_JOB_TOKEN on notes and issues but accepts it on packages', async () => {
    const job = { 'JOB-TOKEN': fake.jobToken };
    const response = await fetch(`${fake.apiUrl}/projects/${fake.projectId}/merge_requests/1/notes`, {
      headers: job,
    });
    assert.equal(response.status, 401);
    assert.match(fake.rejections.at(-1)!.reason, /job token used where GitLab does not accept it/);
    const issues = await fetch(`${fake.apiUrl}/projects/${fake.projectId}/issues`, { headers: job });
    assert.equal(issues.status, 401);
    const mergeRequests = await fetch(`${fake.apiUrl}/projects/${fake.projectId}/merge_requests`, { headers: job });
    assert.equal(mergeRequests.status, 401);
    const packages = await fetch(`${fake.apiUrl}/projects/${fake.projectId}/packages?package_type=generic`, {
      headers: job,
    });
    assert.equal(packages.status, 200);
  });

  it('answers 409 to a second open merge request from the same source into the same target', async () => {
    const body = { source_branch: 'mlops/p', target_branch: 'main', title: 'Promote' };
    const first = await call('POST', '/merge_requests', { body });
    assert.equal(first.status, 201);
    const second = await call('POST', '/merge_requests', { body: { ...body, title: 'Again' } });
    assert.equal(second.status, 409);
    assert.match(JSON.stringify(second.body), /Another open merge request already exists for this source branch: !1/);
    const listed = await call('GET', '/merge_requests?state=opened&source_branch=mlops/p&target_branch=main');
    assert.deepEqual(
      (listed.body as { iid: number }[]).map((m) => m.iid),
      [1],
    );
    const labelled = await call('PUT', '/merge_requests/1', { body: { add_labels: 'mlops,drift' } });
    assert.deepEqual((labelled.body as { labels: string[] }).labels, ['mlops', 'drift']);
    fake.mergeRequests.length = 0;
  });

  it('requires a valid token and the right project', async () => {
    assert.equal((await fetch(`${fake.apiUrl}/projects/${fake.projectId}/issues`)).status, 401);
    assert.equal((await call('GET', '/issues', { headers: { 'PRIVATE-TOKEN': 'glpat-wrong' } })).status, 401);
    const other = await fetch(`${fake.apiUrl}/projects/999/issues`, { headers: { 'PRIVATE-TOKEN': fake.accessToken } });
    assert.equal(other.status, 404);
  });

  it('refuses an invalid deployment transition', async () => {
    const created = await call('POST', '/deployments', {
      body: { environment: 'prod', sha: 'abc1234', ref: 'main', tag: false, status: 'success' },
    });
    const id = (created.body as { id: number }).id;
    const back = await call('PUT', `/deployments/${id}`, { body: { status: 'running' } });
    assert.equal(back.status, 400);
    fake.api.rejections.pop();
  });

  it('paginates with x-page / x-next-page / x-total', async () => {
    for (let i = 0; i < 45; i++) fake.addNote(3, `n${i}`);
    const first = await call('GET', '/merge_requests/3/notes?per_page=20');
    assert.equal((first.body as unknown[]).length, 20);
    assert.equal(first.headers.get('x-next-page'), '2');
    assert.equal(first.headers.get('x-total'), '45');
    assert.equal(first.headers.get('x-total-pages'), '3');
    const last = await call('GET', '/merge_requests/3/notes?per_page=20&page=3');
    assert.equal((last.body as unknown[]).length, 5);
    assert.equal(last.headers.get('x-next-page'), '');
    assert.equal(last.headers.get('x-prev-page'), '2');
    const defaultPage = await call('GET', '/merge_requests/3/notes');
    assert.equal((defaultPage.body as unknown[]).length, 20);
  });
});
