/**
 * A fake GitLab REST API v4 for one project. Its route table is written by hand from GitLab's API docs
 * (notes, issues, merge requests, packages + generic packages, deployments, environments, pipeline triggers) and is the only
 * thing it answers: anything else is recorded in `rejections` and gets 404 like GitLab. Token rules follow
 * GitLab: PRIVATE-TOKEN works everywhere listed; JOB-TOKEN only on packages, deployments and environments
 * (401 elsewhere, notably notes and issues); the trigger endpoint takes its token in the body. Lists paginate
 * with x-page/x-next-page/x-total headers. Package downloads redirect to a storage server that refuses
 * GitLab credentials.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type FakeReply, HttpFake, type RecordedRequest, routePattern } from './http-fake.js';

type Auth = 'access' | 'job' | 'trigger';

interface Route {
  name: string;
  method: string;
  template: string;
  pattern: RegExp;
  /** Which credentials GitLab accepts here. */
  auth: Auth[];
  body?: z.ZodType;
}

const noteBody = z.strictObject({ body: z.string().min(1), internal: z.boolean().optional() });
const issueCreate = z.strictObject({
  title: z.string().min(1),
  description: z.string().optional(),
  labels: z.string().optional(),
  confidential: z.boolean().optional(),
});
const issueUpdate = z.strictObject({
  title: z.string().min(1).optional(),
  description: z.string().optional(),
  labels: z.string().optional(),
  state_event: z.enum(['close', 'reopen']).optional(),
});
const labelList = z.union([z.string(), z.array(z.string())]);
const mergeRequestCreate = z.strictObject({
  source_branch: z.string().min(1),
  target_branch: z.string().min(1),
  title: z.string().min(1),
  description: z.string().max(1_048_576).optional(),
  labels: labelList.optional(),
  remove_source_branch: z.boolean().optional(),
  squash: z.boolean().optional(),
  assignee_id: z.number().int().optional(),
});
const mergeRequestUpdate = z.strictObject({
  title: z.string().min(1).optional(),
  description: z.string().max(1_048_576).optional(),
  labels: labelList.optional(),
  add_labels: labelList.optional(),
  remove_labels: labelList.optional(),
  target_branch: z.string().min(1).optional(),
  state_event: z.enum(['close', 'reopen']).optional(),
  remove_source_branch: z.boolean().optional(),
});
const deploymentCreate = z.strictObject({
  environment: z.string().min(1),
  sha: z.string().regex(/^[0-9a-f]{7,64}$/),
  ref: z.string().min(1),
  tag: z.boolean(),
  status: z.enum(['running', 'success', 'failed', 'canceled']),
});
const deploymentUpdate = z.strictObject({ status: z.enum(['running', 'success', 'failed', 'canceled']) });
const environmentUpdate = z.strictObject({
  name: z.string().optional(),
  external_url: z.string().url().optional(),
  tier: z.enum(['production', 'staging', 'testing', 'development', 'other']).optional(),
});

/** GitLab takes labels as a comma-separated string or an array. */
function labelNames(labels: string | string[] | undefined): string[] {
  return (Array.isArray(labels) ? labels : (labels ?? '').split(',')).map((l) => l.trim()).filter(Boolean);
}

function route(method: string, template: string, auth: Auth[], name: string, body?: z.ZodType): Route {
  return { name, method, template, pattern: routePattern(template), auth, body };
}

const P = '/api/v4/projects/{id}';
const ACCESS: Auth[] = ['access'];
const JOB_OR_ACCESS: Auth[] = ['access', 'job'];

/** From docs.gitlab.com/api: notes.md, issues.md, merge_requests.md, merge_request_approvals.md, commits.md, packages.md, user/packages/generic_packages, deployments.md, environments.md, pipeline_triggers.md, users.md (GET /user). */
export const gitlabRoutes: readonly Route[] = [
  route('GET', '/api/v4/user', ACCESS, 'user.current'),
  route('GET', `${P}/merge_requests/{iid}/notes`, ACCESS, 'notes.list'),
  route('POST', `${P}/merge_requests/{iid}/notes`, ACCESS, 'notes.create', noteBody),
  route('PUT', `${P}/merge_requests/{iid}/notes/{note_id}`, ACCESS, 'notes.update', noteBody),
  route('DELETE', `${P}/merge_requests/{iid}/notes/{note_id}`, ACCESS, 'notes.delete'),
  route('GET', `${P}/issues`, ACCESS, 'issues.list'),
  route('POST', `${P}/issues`, ACCESS, 'issues.create', issueCreate),
  route('PUT', `${P}/issues/{issue_iid}`, ACCESS, 'issues.update', issueUpdate),
  route('POST', `${P}/issues/{issue_iid}/notes`, ACCESS, 'issueNotes.create', noteBody),
  route('GET', `${P}/merge_requests`, ACCESS, 'mergeRequests.list'),
  route('POST', `${P}/merge_requests`, ACCESS, 'mergeRequests.create', mergeRequestCreate),
  route('PUT', `${P}/merge_requests/{merge_request_iid}`, ACCESS, 'mergeRequests.update', mergeRequestUpdate),
  route('GET', `${P}/merge_requests/{merge_request_iid}/approvals`, ACCESS, 'mergeRequests.approvals'),
  route('GET', `${P}/repository/commits/{sha}/merge_requests`, ACCESS, 'commits.mergeRequests'),
  route('GET', `${P}/packages`, JOB_OR_ACCESS, 'packages.list'),
  route('GET', `${P}/packages/{package_id}/package_files`, JOB_OR_ACCESS, 'packages.files'),
  route('DELETE', `${P}/packages/{package_id}/package_files/{package_file_id}`, ACCESS, 'packages.deleteFile'),
  route('PUT', `${P}/packages/generic/{name}/{version}/{file}`, JOB_OR_ACCESS, 'generic.upload'),
  route('GET', `${P}/packages/generic/{name}/{version}/{file}`, JOB_OR_ACCESS, 'generic.download'),
  route('POST', `${P}/deployments`, JOB_OR_ACCESS, 'deployments.create', deploymentCreate),
  route('PUT', `${P}/deployments/{deployment_id}`, JOB_OR_ACCESS, 'deployments.update', deploymentUpdate),
  route('PUT', `${P}/environments/{environment_id}`, JOB_OR_ACCESS, 'environments.update', environmentUpdate),
  route('POST', `${P}/trigger/pipeline`, ['trigger'], 'trigger.pipeline'),
];

/** A GitLab account as notes and issues show it in `author`. */
export interface GitLabAuthor {
  id: number;
  username: string;
}
/** The bot user behind the fake's project access token: what the client's notes and issues are written as. */
export const PROJECT_BOT: GitLabAuthor = { id: 1, username: 'project_4242_bot' };

interface Note {
  id: number;
  mr: number;
  body: string;
  system: boolean;
  author: GitLabAuthor;
}
interface Issue {
  author?: GitLabAuthor;
  iid: number;
  title: string;
  description: string;
  labels: string[];
  state: 'opened' | 'closed';
  notes: string[];
}
interface MergeRequest {
  iid: number;
  source_branch: string;
  target_branch: string;
  title: string;
  description: string;
  labels: string[];
  state: 'opened' | 'closed' | 'merged';
  remove_source_branch: boolean;
  /** Once merged: the commit the merge made on the target branch, and who opened the merge request. */
  merge_commit_sha?: string;
  author?: GitLabAuthor;
}
interface PackageFile {
  id: number;
  package_id: number;
  file_name: string;
  data: Buffer;
}
interface Package {
  id: number;
  name: string;
  version: string;
}
interface Deployment {
  id: number;
  environment: string;
  environmentId: number;
  sha: string;
  ref: string;
  tag: boolean;
  statuses: string[];
}

export interface FakeGitLabOptions {
  projectId?: number;
  projectPath?: string;
  accessToken?: string;
  jobToken?: string;
  triggerToken?: string;
}

/** Transitions GitLab's deployment state machine allows through the API. */
const TRANSITIONS: Record<string, string[]> = {
  running: ['success', 'failed', 'canceled'],
  success: [],
  failed: [],
  canceled: [],
};

export class FakeGitLab {
  readonly projectId: number;
  readonly projectPath: string;
  readonly accessToken: string;
  readonly jobToken: string;
  readonly triggerToken: string;
  readonly api: HttpFake;
  readonly storage: HttpFake;
  /** GitLab's "Allow duplicate generic packages" project setting (on by default). */
  allowDuplicates = true;
  tamper: ((name: string, data: Buffer) => Buffer) | undefined;
  private nextId = 5000;
  readonly notes: Note[] = [];
  readonly issues: Issue[] = [];
  readonly mergeRequests: MergeRequest[] = [];
  /** Usernames that approved each merge request (by iid), as GitLab's approvals API reports them. */
  readonly approvals = new Map<number, string[]>();
  readonly packages: Package[] = [];
  readonly files: PackageFile[] = [];
  readonly deployments: Deployment[] = [];
  readonly environments = new Map<string, { id: number; external_url?: string }>();
  readonly pipelines: { id: number; ref: string; variables: Record<string, string>; via: 'trigger' | 'job' }[] = [];

  constructor(options: FakeGitLabOptions = {}) {
    this.projectId = options.projectId ?? 4242;
    this.projectPath = options.projectPath ?? 'ml-team/churn';
    this.accessToken = options.accessToken ?? 'glpat-fakeAccessToken123456';
    this.jobToken = options.jobToken ?? 'glcbt-fakeJobToken98765';
    this.triggerToken = options.triggerToken ?? 'glptt-fakeTriggerToken555';
    this.api = new HttpFake((request, url) => this.route(request, url));
    this.storage = new HttpFake((request, url) => this.serveStorage(request, url));
  }

  async start(): Promise<this> {
    await this.api.start();
    await this.storage.start();
    return this;
  }

  async stop(): Promise<void> {
    await this.api.stop();
    await this.storage.stop();
  }

  get apiUrl(): string {
    return `${this.api.baseUrl}/api/v4`;
  }

  get rejections() {
    return [...this.api.rejections, ...this.storage.rejections];
  }

  private id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  /** A note, written by the access token's bot user unless someone else is named. */
  addNote(mr: number, body: string, system = false, author: GitLabAuthor = PROJECT_BOT): Note {
    const note = { id: this.id(), mr, body, system, author };
    this.notes.push(note);
    return note;
  }

  private error(status: number, message: unknown): FakeReply {
    return { status, body: typeof message === 'string' ? { message } : message };
  }

  private credential(request: RecordedRequest): Auth | 'bad' | undefined {
    const privateToken = request.headers['private-token'];
    const jobToken = request.headers['job-token'];
    const bearer = request.headers.authorization?.replace(/^Bearer /, '');
    if (privateToken !== undefined || bearer !== undefined) {
      return privateToken === this.accessToken || bearer === this.accessToken ? 'access' : 'bad';
    }
    if (jobToken !== undefined) return jobToken === this.jobToken ? 'job' : 'bad';
    return undefined;
  }

  private params(request: RecordedRequest): { ok: true; value: Record<string, unknown> } | { ok: false } {
    const type = request.headers['content-type'] ?? '';
    const text = request.body.toString('utf8');
    if (text === '') return { ok: true, value: {} };
    if (type.startsWith('application/json')) {
      try {
        return { ok: true, value: JSON.parse(text) as Record<string, unknown> };
      } catch {
        return { ok: false };
      }
    }
    if (type.startsWith('application/x-www-form-urlencoded')) {
      return { ok: true, value: Object.fromEntries(new URLSearchParams(text)) };
    }
    return { ok: false };
  }

  private route(request: RecordedRequest, url: URL): FakeReply | Promise<FakeReply> {
    const candidates = gitlabRoutes
      .filter((r) => r.method === request.method)
      .map((r) => ({ r, match: r.pattern.exec(url.pathname) }))
      .filter((c) => c.match);
    const found = candidates[0];
    if (!found?.match) {
      this.api.reject(
        request.method,
        url.pathname,
        'not an endpoint of the GitLab API routes the fake was written from',
      );
      return this.error(404, '404 Not Found');
    }
    const { r } = found;
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(found.match.groups ?? {})) params[key] = decodeURIComponent(value);
    if (r.template.startsWith(P) && params.id !== String(this.projectId) && params.id !== this.projectPath) {
      return this.error(404, '404 Project Not Found');
    }
    if (r.auth.includes('trigger')) return this.trigger(request);
    const credential = this.credential(request);
    if (credential === undefined || credential === 'bad') return this.error(401, '401 Unauthorized');
    if (!r.auth.includes(credential)) {
      // GitLab does not accept a job token on this endpoint: it is as if no credential was given.
      this.api.reject(request.method, url.pathname, `${credential} token used where GitLab does not accept it`);
      return this.error(401, '401 Unauthorized');
    }
    let body: Record<string, unknown> = {};
    if (r.body) {
      const parsed = this.params(request);
      if (!parsed.ok) {
        this.api.reject(request.method, url.pathname, 'body is neither JSON nor form data');
        return this.error(400, { error: 'The provided content-type is not supported' });
      }
      const result = r.body.safeParse(parsed.value);
      if (!result.success) {
        const problem = result.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join(', ');
        this.api.reject(request.method, url.pathname, `invalid body for ${r.name}: ${problem}`);
        return this.error(400, { error: problem });
      }
      body = result.data as Record<string, unknown>;
    }
    return this.serve(r, params, request, url, body);
  }

  private page<T>(items: T[], url: URL): FakeReply {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 20) || 20));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const totalPages = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number, rel: string) => {
      const target = new URL(url);
      target.searchParams.set('page', String(n));
      target.searchParams.set('per_page', String(perPage));
      return `<${target}>; rel="${rel}"`;
    };
    const links = [
      ...(page > 1 ? [link(page - 1, 'prev')] : []),
      ...(page < totalPages ? [link(page + 1, 'next')] : []),
      link(1, 'first'),
      link(totalPages, 'last'),
    ];
    return {
      status: 200,
      headers: {
        'x-page': String(page),
        'x-per-page': String(perPage),
        'x-total': String(items.length),
        'x-total-pages': String(totalPages),
        'x-next-page': page < totalPages ? String(page + 1) : '',
        'x-prev-page': page > 1 ? String(page - 1) : '',
        link: links.join(', '),
      },
      body: items.slice((page - 1) * perPage, page * perPage),
    };
  }

  private noteJson(n: Note) {
    return {
      id: n.id,
      type: null,
      body: n.body,
      author: { ...n.author, name: n.author.username },
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
      system: n.system,
      noteable_id: 77,
      noteable_type: 'MergeRequest',
      noteable_iid: n.mr,
      resolvable: false,
      internal: false,
    };
  }

  private issueJson(i: Issue) {
    return {
      id: i.iid * 31,
      iid: i.iid,
      project_id: this.projectId,
      title: i.title,
      description: i.description,
      state: i.state,
      labels: i.labels,
      author: { ...(i.author ?? PROJECT_BOT), name: (i.author ?? PROJECT_BOT).username },
      web_url: `https://gitlab.example.com/${this.projectPath}/-/issues/${i.iid}`,
      user_notes_count: i.notes.length,
    };
  }

  private mergeRequestJson(m: MergeRequest) {
    return {
      id: m.iid * 37,
      iid: m.iid,
      project_id: this.projectId,
      title: m.title,
      description: m.description,
      state: m.state,
      source_branch: m.source_branch,
      target_branch: m.target_branch,
      labels: m.labels,
      force_remove_source_branch: m.remove_source_branch,
      author: m.author ?? PROJECT_BOT,
      merge_commit_sha: m.merge_commit_sha ?? null,
      squash_commit_sha: null,
      sha: 'd'.repeat(40),
      web_url: `https://gitlab.example.com/${this.projectPath}/-/merge_requests/${m.iid}`,
    };
  }

  private fileJson(f: PackageFile) {
    return {
      id: f.id,
      package_id: f.package_id,
      created_at: '2026-01-01T00:00:00.000Z',
      file_name: f.file_name,
      size: f.data.length,
      file_md5: createHash('md5').update(f.data).digest('hex'),
      file_sha1: createHash('sha1').update(f.data).digest('hex'),
      file_sha256: createHash('sha256').update(f.data).digest('hex'),
      pipelines: [],
    };
  }

  private serve(
    r: Route,
    params: Record<string, string>,
    request: RecordedRequest,
    url: URL,
    // biome-ignore lint/suspicious/noExplicitAny: validated by the route's zod schema
    body: Record<string, any>,
  ): FakeReply {
    switch (r.name) {
      case 'user.current':
        return { status: 200, body: { ...PROJECT_BOT, name: 'mlops bot', state: 'active', bot: true } };
      case 'notes.list': {
        const sort = url.searchParams.get('sort') ?? 'desc';
        const notes = this.notes
          .filter((n) => n.mr === Number(params.iid))
          .sort((a, b) => (sort === 'asc' ? a.id - b.id : b.id - a.id));
        return this.page(
          notes.map((n) => this.noteJson(n)),
          url,
        );
      }
      case 'notes.create':
        return { status: 201, body: this.noteJson(this.addNote(Number(params.iid), body.body)) };
      case 'notes.update': {
        const note = this.notes.find((n) => n.id === Number(params.note_id) && n.mr === Number(params.iid));
        if (!note) return this.error(404, '404 Not found');
        note.body = body.body;
        return { status: 200, body: this.noteJson(note) };
      }
      case 'notes.delete': {
        const index = this.notes.findIndex((n) => n.id === Number(params.note_id) && n.mr === Number(params.iid));
        if (index < 0) return this.error(404, '404 Not found');
        this.notes.splice(index, 1);
        return { status: 204 };
      }
      case 'issues.list': {
        const state = url.searchParams.get('state') ?? 'all';
        const labels = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean);
        const items = this.issues
          .filter((i) => state === 'all' || i.state === state)
          .filter((i) => labels.every((l) => i.labels.includes(l)))
          .sort((a, b) => b.iid - a.iid);
        return this.page(
          items.map((i) => this.issueJson(i)),
          url,
        );
      }
      case 'issues.create': {
        const issue: Issue = {
          iid: this.issues.length + 1,
          title: body.title,
          description: body.description ?? '',
          labels: (body.labels ?? '').split(',').filter(Boolean),
          state: 'opened',
          notes: [],
        };
        this.issues.push(issue);
        return { status: 201, body: this.issueJson(issue) };
      }
      case 'issues.update': {
        const issue = this.issues.find((i) => i.iid === Number(params.issue_iid));
        if (!issue) return this.error(404, '404 Not found');
        if (body.title !== undefined) issue.title = body.title;
        if (body.description !== undefined) issue.description = body.description;
        if (body.labels !== undefined) issue.labels = body.labels.split(',').filter(Boolean);
        if (body.state_event === 'close') issue.state = 'closed';
        if (body.state_event === 'reopen') issue.state = 'opened';
        return { status: 200, body: this.issueJson(issue) };
      }
      case 'issueNotes.create': {
        const issue = this.issues.find((i) => i.iid === Number(params.issue_iid));
        if (!issue) return this.error(404, '404 Not found');
        issue.notes.push(body.body);
        return { status: 201, body: { id: this.id(), body: body.body, system: false } };
      }
      case 'mergeRequests.list': {
        const state = url.searchParams.get('state') ?? 'all';
        const source = url.searchParams.get('source_branch');
        const target = url.searchParams.get('target_branch');
        const items = this.mergeRequests
          .filter((m) => state === 'all' || m.state === state)
          .filter((m) => source === null || m.source_branch === source)
          .filter((m) => target === null || m.target_branch === target)
          .sort((a, b) => b.iid - a.iid);
        return this.page(
          items.map((m) => this.mergeRequestJson(m)),
          url,
        );
      }
      case 'mergeRequests.create': {
        const clash = this.mergeRequests.find(
          (m) =>
            m.state === 'opened' && m.source_branch === body.source_branch && m.target_branch === body.target_branch,
        );
        if (clash) {
          return this.error(409, {
            message: [`Another open merge request already exists for this source branch: !${clash.iid}`],
          });
        }
        const mr: MergeRequest = {
          iid: Math.max(0, ...this.mergeRequests.map((m) => m.iid)) + 1,
          source_branch: body.source_branch,
          target_branch: body.target_branch,
          title: body.title,
          description: body.description ?? '',
          labels: labelNames(body.labels),
          state: 'opened',
          remove_source_branch: body.remove_source_branch ?? false,
        };
        this.mergeRequests.push(mr);
        return { status: 201, body: this.mergeRequestJson(mr) };
      }
      case 'commits.mergeRequests': {
        const items = this.mergeRequests.filter((m) => m.merge_commit_sha === params.sha);
        return this.page(
          items.map((m) => this.mergeRequestJson(m)),
          url,
        );
      }
      case 'mergeRequests.approvals': {
        const iid = Number(params.merge_request_iid);
        const mr = this.mergeRequests.find((m) => m.iid === iid);
        if (!mr) return this.error(404, '404 Not found');
        const approvers = this.approvals.get(iid) ?? [];
        return {
          status: 200,
          body: {
            id: iid * 37,
            iid,
            project_id: this.projectId,
            state: mr.state,
            approved: approvers.length > 0,
            approved_by: approvers.map((username, i) => ({ user: { id: 900 + i, username, name: username } })),
          },
        };
      }
      case 'mergeRequests.update': {
        const mr = this.mergeRequests.find((m) => m.iid === Number(params.merge_request_iid));
        if (!mr) return this.error(404, '404 Not found');
        if (body.title !== undefined) mr.title = body.title;
        if (body.description !== undefined) mr.description = body.description;
        if (body.labels !== undefined) mr.labels = labelNames(body.labels);
        if (body.add_labels !== undefined) mr.labels = [...new Set([...mr.labels, ...labelNames(body.add_labels)])];
        if (body.remove_labels !== undefined) {
          const removed = labelNames(body.remove_labels);
          mr.labels = mr.labels.filter((l) => !removed.includes(l));
        }
        if (body.target_branch !== undefined) mr.target_branch = body.target_branch;
        if (body.state_event === 'close') mr.state = 'closed';
        if (body.state_event === 'reopen') mr.state = 'opened';
        return { status: 200, body: this.mergeRequestJson(mr) };
      }
      case 'packages.list': {
        const type = url.searchParams.get('package_type');
        const name = url.searchParams.get('package_name');
        // GitLab's package_name filter is a partial match.
        const items = this.packages.filter((p) => (!type || type === 'generic') && (!name || p.name.includes(name)));
        return this.page(
          items.map((p) => ({
            id: p.id,
            name: p.name,
            version: p.version,
            package_type: 'generic',
            status: 'default',
          })),
          url,
        );
      }
      case 'packages.files': {
        const pkg = this.packages.find((p) => p.id === Number(params.package_id));
        if (!pkg) return this.error(404, '404 Package Not Found');
        return this.page(
          this.files.filter((f) => f.package_id === pkg.id).map((f) => this.fileJson(f)),
          url,
        );
      }
      case 'packages.deleteFile': {
        const index = this.files.findIndex(
          (f) => f.id === Number(params.package_file_id) && f.package_id === Number(params.package_id),
        );
        if (index < 0) return this.error(404, '404 Not found');
        this.files.splice(index, 1);
        return { status: 204 };
      }
      case 'generic.upload':
        return this.upload(params, request, url);
      case 'generic.download': {
        const pkg = this.packages.find((p) => p.name === params.name && p.version === params.version);
        const file = this.files
          .filter((f) => pkg && f.package_id === pkg.id && f.file_name === params.file)
          .sort((a, b) => b.id - a.id)[0];
        if (!file) return this.error(404, '404 Package Not Found');
        return {
          status: 302,
          headers: { location: `${this.storage.baseUrl}/objects/${file.id}?X-Amz-Signature=s${file.id}` },
        };
      }
      case 'deployments.create': {
        let environment = this.environments.get(body.environment);
        if (!environment) {
          environment = { id: this.id() };
          this.environments.set(body.environment, environment);
        }
        const deployment: Deployment = {
          id: this.id(),
          environment: body.environment,
          environmentId: environment.id,
          sha: body.sha,
          ref: body.ref,
          tag: body.tag,
          statuses: [body.status],
        };
        this.deployments.push(deployment);
        return {
          status: 201,
          body: {
            id: deployment.id,
            iid: this.deployments.length,
            ref: deployment.ref,
            sha: deployment.sha,
            status: body.status,
            environment: { id: environment.id, name: body.environment, external_url: environment.external_url ?? null },
          },
        };
      }
      case 'deployments.update': {
        const deployment = this.deployments.find((d) => d.id === Number(params.deployment_id));
        if (!deployment) return this.error(404, '404 Not found');
        const current = deployment.statuses.at(-1)!;
        if (!TRANSITIONS[current]?.includes(body.status)) {
          this.api.reject(request.method, url.pathname, `deployment transition ${current} -> ${body.status}`);
          return this.error(400, { message: { status: [`cannot transition from ${current} to ${body.status}`] } });
        }
        deployment.statuses.push(body.status);
        return { status: 200, body: { id: deployment.id, status: body.status } };
      }
      case 'environments.update': {
        const entry = [...this.environments.entries()].find(([, e]) => e.id === Number(params.environment_id));
        if (!entry) return this.error(404, '404 Not found');
        if (body.external_url !== undefined) entry[1].external_url = body.external_url;
        return { status: 200, body: { id: entry[1].id, name: entry[0], external_url: entry[1].external_url } };
      }
      default:
        this.api.reject(request.method, url.pathname, `route ${r.name} is listed but not served`);
        return this.error(501, 'not implemented by the fake');
    }
  }

  private upload(params: Record<string, string>, request: RecordedRequest, url: URL): FakeReply {
    const name = params.name!;
    const version = params.version!;
    const fileName = params.file!;
    if (
      !/^[A-Za-z0-9._-]+$/.test(name) ||
      !/^(\.?[\w+-]+\.?)+$/.test(version) ||
      !/^[A-Za-z0-9._~+-]+$/.test(fileName)
    ) {
      this.api.reject(request.method, url.pathname, 'invalid package name, version or file name');
      return this.error(400, { error: 'package_name, package_version or file_name is invalid' });
    }
    let pkg = this.packages.find((p) => p.name === name && p.version === version);
    if (pkg && !this.allowDuplicates && this.files.some((f) => f.package_id === pkg!.id && f.file_name === fileName)) {
      return this.error(403, '403 Forbidden - Duplicate package is not allowed');
    }
    if (!pkg) {
      pkg = { id: this.id(), name, version };
      this.packages.push(pkg);
    }
    const file = { id: this.id(), package_id: pkg.id, file_name: fileName, data: request.body };
    this.files.push(file);
    if (url.searchParams.get('select') === 'package_file') return { status: 201, body: this.fileJson(file) };
    return { status: 201, body: { message: '201 Created' } };
  }

  private trigger(request: RecordedRequest): FakeReply {
    const parsed = this.params(request);
    const fields = parsed.ok ? parsed.value : {};
    if (request.headers['private-token'] || request.headers['job-token']) {
      this.api.reject(request.method, '/trigger/pipeline', 'token header sent to the trigger endpoint');
    }
    const token = fields.token;
    const via = token === this.triggerToken ? 'trigger' : token === this.jobToken ? 'job' : undefined;
    if (!via) return this.error(404, '404 Not Found');
    if (typeof fields.ref !== 'string' || fields.ref === '') return this.error(400, { error: 'ref is missing' });
    const variables: Record<string, string> = {};
    for (const [key, value] of Object.entries(fields)) {
      const match = /^variables\[(.+)\]$/.exec(key);
      if (match) {
        if (!/^[A-Za-z0-9_]+$/.test(match[1]!))
          return this.error(400, { error: `variables key ${match[1]} is invalid` });
        variables[match[1]!] = String(value);
      } else if (key !== 'token' && key !== 'ref') {
        this.api.reject(request.method, '/trigger/pipeline', `unknown trigger parameter ${key}`);
        return this.error(400, { error: `${key} does not have a valid value` });
      }
    }
    const id = this.id();
    this.pipelines.push({ id, ref: fields.ref, variables, via });
    return {
      status: 201,
      body: {
        id,
        ref: fields.ref,
        status: 'created',
        web_url: `https://gitlab.example.com/${this.projectPath}/-/pipelines/${id}`,
      },
    };
  }

  private serveStorage(request: RecordedRequest, url: URL): FakeReply {
    const match = /^\/objects\/(\d+)$/.exec(url.pathname);
    const file = match ? this.files.find((f) => f.id === Number(match[1])) : undefined;
    if (!file || url.searchParams.get('X-Amz-Signature') !== `s${file.id}`) {
      this.storage.reject(request.method, url.pathname, 'not a signed object URL');
      return { status: 403, body: Buffer.from('AccessDenied') };
    }
    if (request.headers['job-token'] || request.headers['private-token'] || request.headers.authorization) {
      this.storage.reject(request.method, url.pathname, 'GitLab credentials sent to object storage');
      return { status: 400, body: Buffer.from('InvalidArgument: Only one auth mechanism allowed') };
    }
    const data = this.tamper ? this.tamper(file.file_name, file.data) : file.data;
    return { status: 200, body: data };
  }
}
