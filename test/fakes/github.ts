/**
 * A fake GitHub REST API for one repository. Every request is checked against GitHub's published route table
 * (github-routes.ts): an unknown method+path is recorded in `rejections` and answered 404 like GitHub. Bodies of
 * the routes it serves are validated by zod schemas typed against GitHub's OpenAPI (github-schemas.ts): a wrong
 * shape gets 422. It keeps state (comments, issues, pull requests, releases and assets, deployments, dispatches), paginates with
 * Link headers like GitHub, requires the token (401), and can be told to fail (see HttpFake.fail).
 * Asset downloads redirect (302) to a separate "storage" server that refuses an Authorization header, like
 * GitHub's signed storage URLs do.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { type GitHubRoute, matchGitHubRoute } from './github-routes.js';
import { type GitHubBodyRoute, githubBodies } from './github-schemas.js';
import { type FakeReply, HttpFake, jsonBody, type RecordedRequest } from './http-fake.js';

/** Who wrote a comment or opened an issue, as GitHub shows it in `user`. */
export interface GitHubAuthor {
  login: string;
  id: number;
  type: 'Bot' | 'User';
}
/** GITHUB_TOKEN's identity: what an installation token's comments and issues are written as. */
export const ACTIONS_BOT: GitHubAuthor = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
/** The identity behind a personal access token (ghp_/github_pat_) in this fake. */
export const TOKEN_USER: GitHubAuthor = { login: 'release-engineer', id: 5150, type: 'User' };

interface Comment {
  id: number;
  issue: number;
  body: string;
  created_at: string;
  updated_at: string;
  author: GitHubAuthor;
}
interface Issue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  pull_request: boolean;
  created: number;
  author?: GitHubAuthor;
  /** Pull requests: the branches (head without the owner prefix). */
  head?: string;
  base?: string;
  /** Pull requests, once merged: the commit the merge made on the base branch. */
  mergeCommit?: string;
}
interface Release {
  id: number;
  tag_name: string;
  name: string;
  body: string;
  target_commitish: string;
  make_latest: string;
}
interface Asset {
  id: number;
  release_id: number;
  name: string;
  data: Buffer;
}
interface Deployment {
  id: number;
  ref: string;
  environment: string;
  description: string | null;
  statuses: { state: string; description: string; environment_url?: string; log_url?: string }[];
}

export interface FakeGitHubOptions {
  owner?: string;
  repo?: string;
  token?: string;
}

const DOCS = 'https://docs.github.com/rest';

export class FakeGitHub {
  readonly owner: string;
  readonly repo: string;
  readonly token: string;
  readonly api: HttpFake;
  readonly storage: HttpFake;
  private nextId = 1000;
  private clock = Date.parse('2026-01-01T00:00:00Z');
  readonly comments: Comment[] = [];
  /** Pull-request reviews, in submission order: what GitHub records as approvals. */
  readonly reviews: {
    id: number;
    pull: number;
    user: GitHubAuthor;
    state: string;
    association: string;
    /** The pull request's head commit when the review was given (every pull request's head is 'b' x 40 here). */
    commit: string;
  }[] = [];
  readonly issues: Issue[] = [];
  readonly releases: Release[] = [];
  readonly assets: Asset[] = [];
  readonly deployments: Deployment[] = [];
  readonly dispatches: { event_type: string; client_payload: unknown }[] = [];
  readonly workflowDispatches: { workflow: string; ref: string; inputs: unknown }[] = [];
  /** Routes that exist in GitHub's API but this fake does not implement: a test-visible gap, never a silent 200. */
  readonly unimplemented: string[] = [];
  /** The repository setting "Allow GitHub Actions to create and approve pull requests" (off: POST /pulls is 403). */
  actionsCanCreatePullRequests = true;
  /** Overwrites asset bytes as served (not as stored): simulates tampering in storage or transit. */
  tamper: ((name: string, data: Buffer) => Buffer) | undefined;

  constructor(options: FakeGitHubOptions = {}) {
    this.owner = options.owner ?? 'octo-org';
    this.repo = options.repo ?? 'models';
    this.token = options.token ?? 'ghs_fakeTokenValue1234567890';
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

  get baseUrl(): string {
    return this.api.baseUrl;
  }

  /** Everything the client did that GitHub would not accept; tests assert this stays empty. */
  get rejections() {
    return [...this.api.rejections, ...this.storage.rejections];
  }

  private id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  private now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  /** An open pull request (the issues API lists it too, with a pull_request key). */
  addPullRequest(number: number, branches: { head?: string; base?: string } = {}): void {
    this.issues.push({
      number,
      title: `PR ${number}`,
      body: '',
      state: 'open',
      state_reason: null,
      labels: [],
      pull_request: true,
      created: this.clock,
      head: branches.head ?? `feature-${number}`,
      base: branches.base ?? 'main',
    });
  }

  /** Records pull request `number` as merged by `commit` on its base branch (opened by `author`). */
  markMerged(number: number, commit: string, author: GitHubAuthor): void {
    const pull = this.pulls.find((p) => p.number === number)!;
    pull.mergeCommit = commit;
    pull.state = 'closed';
    pull.author = author;
  }

  /** A review of pull request `pull` by `login`: APPROVED, CHANGES_REQUESTED, COMMENTED or DISMISSED. */
  addReview(
    pull: number,
    login: string,
    state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED',
    association = 'MEMBER',
    commit = 'b'.repeat(40),
  ): void {
    const user: GitHubAuthor = { login, id: 7000 + this.reviews.length, type: 'User' };
    this.reviews.push({ id: this.id(), pull, user, state, association, commit });
  }

  /** Pull requests (opened by the client or added by the test). */
  get pulls(): Issue[] {
    return this.issues.filter((i) => i.pull_request);
  }

  /** The account the client's token acts as: the Actions bot for installation tokens, a user for PATs. */
  get identity(): GitHubAuthor {
    return this.token.startsWith('ghs_') ? ACTIONS_BOT : TOKEN_USER;
  }

  /** A comment, written by the token's identity unless someone else is named. */
  addComment(issue: number, body: string, author: GitHubAuthor = this.identity): Comment {
    const at = this.now();
    const comment = { id: this.id(), issue, body, created_at: at, updated_at: at, author };
    this.comments.push(comment);
    return comment;
  }

  addIssue(fields: Partial<Issue> & { title: string; body: string }): Issue {
    const issue: Issue = {
      number: this.nextIssueNumber(),
      state: 'open',
      state_reason: null,
      labels: [],
      pull_request: false,
      created: this.clock,
      ...fields,
    };
    this.clock += 1000;
    this.issues.push(issue);
    return issue;
  }

  private nextIssueNumber(): number {
    return Math.max(0, ...this.issues.map((i) => i.number)) + 1;
  }

  // ---- representations, shaped like GitHub's ----

  private repoUrl(): string {
    return `${this.baseUrl}/repos/${this.owner}/${this.repo}`;
  }

  private commentJson(c: Comment) {
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${this.repoUrl()}/issues/comments/${c.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${this.repoUrl()}/issues/${c.issue}`,
      body: c.body,
      user: c.author,
      author_association: 'NONE',
      created_at: c.created_at,
      updated_at: c.updated_at,
    };
  }

  private issueJson(i: Issue) {
    return {
      id: i.number * 7919,
      node_id: `I_${i.number}`,
      number: i.number,
      url: `${this.repoUrl()}/issues/${i.number}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/${i.pull_request ? 'pull' : 'issues'}/${i.number}`,
      title: i.title,
      body: i.body,
      state: i.state,
      state_reason: i.state_reason,
      labels: i.labels.map((name, n) => ({ id: n + 1, name, color: 'ededed', default: false })),
      user: i.author ?? ACTIONS_BOT,
      comments: this.comments.filter((c) => c.issue === i.number).length,
      ...(i.pull_request ? { pull_request: { url: `${this.repoUrl()}/pulls/${i.number}` } } : {}),
    };
  }

  private pullJson(p: Issue) {
    return {
      id: p.number * 7919,
      node_id: `PR_${p.number}`,
      number: p.number,
      url: `${this.repoUrl()}/pulls/${p.number}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${p.number}`,
      state: p.state,
      title: p.title,
      body: p.body,
      labels: p.labels.map((name, n) => ({ id: n + 1, name, color: 'ededed', default: false })),
      user: p.author ?? ACTIONS_BOT,
      head: { ref: p.head, label: `${this.owner}:${p.head}`, sha: 'b'.repeat(40) },
      base: { ref: p.base, label: `${this.owner}:${p.base}`, sha: 'c'.repeat(40) },
      draft: false,
      merged: p.mergeCommit !== undefined,
      merged_at: p.mergeCommit !== undefined ? '2026-01-02T00:00:00Z' : null,
      merge_commit_sha: p.mergeCommit ?? null,
    };
  }

  private assetJson(a: Asset) {
    return {
      id: a.id,
      node_id: `RA_${a.id}`,
      url: `${this.repoUrl()}/releases/assets/${a.id}`,
      browser_download_url: `https://github.com/${this.owner}/${this.repo}/releases/download/${encodeURIComponent(this.releases.find((r) => r.id === a.release_id)?.tag_name ?? '')}/${a.name}`,
      name: a.name,
      label: null,
      state: 'uploaded',
      content_type: 'application/octet-stream',
      size: a.data.length,
      digest: `sha256:${createHash('sha256').update(a.data).digest('hex')}`,
      download_count: 0,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      uploader: { login: 'github-actions[bot]' },
    };
  }

  private releaseJson(r: Release) {
    return {
      id: r.id,
      node_id: `RE_${r.id}`,
      url: `${this.repoUrl()}/releases/${r.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/releases/tag/${encodeURIComponent(r.tag_name)}`,
      assets_url: `${this.repoUrl()}/releases/${r.id}/assets`,
      upload_url: `${this.baseUrl}/uploads/repos/${this.owner}/${this.repo}/releases/${r.id}/assets{?name,label}`,
      tag_name: r.tag_name,
      target_commitish: r.target_commitish,
      name: r.name,
      body: r.body,
      draft: false,
      prerelease: false,
      assets: this.assets.filter((a) => a.release_id === r.id).map((a) => this.assetJson(a)),
    };
  }

  // ---- request handling ----

  private error(status: number, message: string, extra: Record<string, unknown> = {}): FakeReply {
    return { status, body: { message, documentation_url: DOCS, status: String(status), ...extra } };
  }

  /**
   * GitHub's GraphQL endpoint, for the one query the client sends: `viewer { login }`, the account a token acts
   * as, which also answers for installation tokens (GET /user does not). Anything else is a rejection.
   */
  private graphql(request: RecordedRequest): FakeReply {
    const auth = request.headers.authorization;
    if (auth !== `token ${this.token}` && auth !== `bearer ${this.token}` && auth !== `Bearer ${this.token}`) {
      return {
        status: 401,
        body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/graphql' },
      };
    }
    const parsed = jsonBody(request);
    const query = parsed.ok ? String((parsed.value as { query?: unknown })?.query ?? '') : '';
    if (query.replace(/\s+/g, ' ').trim() !== 'query { viewer { login } }') {
      this.api.reject('POST', '/graphql', `query this fake does not answer: ${query.slice(0, 80)}`);
      return { status: 200, body: { errors: [{ message: 'Field not answered by the fake' }] } };
    }
    return { status: 200, body: { data: { viewer: { login: this.identity.login } } } };
  }

  private route(request: RecordedRequest, url: URL): FakeReply {
    if (request.method === 'POST' && url.pathname === '/graphql') return this.graphql(request);
    const upload = url.pathname.startsWith('/uploads/');
    const path = upload ? url.pathname.slice('/uploads'.length) : url.pathname;
    const matched = matchGitHubRoute(request.method, path, upload);
    if (!matched) {
      this.api.reject(request.method, url.pathname, 'not in the published GitHub REST route table');
      return this.error(404, 'Not Found');
    }
    const auth = request.headers.authorization;
    if (!auth) return this.error(401, 'Requires authentication');
    if (auth !== `token ${this.token}` && auth !== `Bearer ${this.token}`) return this.error(401, 'Bad credentials');
    const { route, params } = matched;
    const repoScoped = route.template.startsWith('/repos/');
    if (repoScoped && (params.owner !== this.owner || params.repo !== this.repo)) return this.error(404, 'Not Found');
    let body: unknown;
    if (route.name in githubBodies) {
      const parsed = jsonBody(request);
      if (!parsed.ok) {
        this.api.reject(request.method, url.pathname, `body is not JSON: ${parsed.error}`);
        return this.error(400, 'Problems parsing JSON');
      }
      const schema = githubBodies[route.name as GitHubBodyRoute] as z.ZodType;
      const result = schema.safeParse(parsed.value ?? {});
      if (!result.success) {
        const problems = result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
        this.api.reject(request.method, url.pathname, `invalid body for ${route.name}: ${problems.join('; ')}`);
        return this.error(422, `Invalid request.\n\n${problems.join('\n')}`);
      }
      body = result.data;
    }
    return this.serve(route, params, request, url, body);
  }

  private page<T>(items: T[], url: URL): { items: T[]; headers: Record<string, string> } {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number) => {
      const target = new URL(url);
      target.searchParams.set('per_page', String(perPage));
      target.searchParams.set('page', String(n));
      return `<${target.toString()}>`;
    };
    const links: string[] = [];
    if (page > 1) links.push(`${link(page - 1)}; rel="prev"`);
    if (page < last) links.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
    if (page > 1) links.push(`${link(1)}; rel="first"`);
    return {
      items: items.slice((page - 1) * perPage, page * perPage),
      headers: links.length > 0 ? { link: links.join(', ') } : {},
    };
  }

  private list<T>(items: T[], url: URL): FakeReply {
    const { items: pageItems, headers } = this.page(items, url);
    return { status: 200, headers, body: pageItems };
  }

  private serve(
    route: GitHubRoute,
    params: Record<string, string>,
    request: RecordedRequest,
    url: URL,
    // biome-ignore lint/suspicious/noExplicitAny: validated by the route's zod schema above
    body: any,
  ): FakeReply {
    switch (route.name) {
      case 'issues.listComments': {
        const issue = this.issues.find((i) => i.number === Number(params.issue_number));
        if (!issue) return this.error(404, 'Not Found');
        const items = this.comments.filter((c) => c.issue === issue.number).sort((a, b) => a.id - b.id);
        return this.list(
          items.map((c) => this.commentJson(c)),
          url,
        );
      }
      case 'issues.createComment': {
        const issue = this.issues.find((i) => i.number === Number(params.issue_number));
        if (!issue) return this.error(404, 'Not Found');
        return { status: 201, body: this.commentJson(this.addComment(issue.number, body.body)) };
      }
      case 'issues.updateComment': {
        const comment = this.comments.find((c) => c.id === Number(params.comment_id));
        if (!comment) return this.error(404, 'Not Found');
        comment.body = body.body;
        comment.updated_at = this.now();
        return { status: 200, body: this.commentJson(comment) };
      }
      case 'issues.deleteComment': {
        const index = this.comments.findIndex((c) => c.id === Number(params.comment_id));
        if (index < 0) return this.error(404, 'Not Found');
        this.comments.splice(index, 1);
        return { status: 204 };
      }
      case 'issues.listForRepo': {
        const state = url.searchParams.get('state') ?? 'open';
        const labels = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean);
        const direction = url.searchParams.get('direction') ?? 'desc';
        const items = this.issues
          .filter((i) => state === 'all' || i.state === state)
          .filter((i) => labels.every((l) => i.labels.includes(l)))
          .sort((a, b) => (direction === 'asc' ? a.created - b.created : b.created - a.created));
        return this.list(
          items.map((i) => this.issueJson(i)),
          url,
        );
      }
      case 'repos.listPullRequestsAssociatedWithCommit': {
        const sha = params.commit_sha;
        return this.list(
          this.pulls.filter((p) => p.mergeCommit === sha).map((p) => this.pullJson(p)),
          url,
        );
      }
      case 'pulls.listReviews': {
        const pull = this.pulls.find((p) => p.number === Number(params.pull_number));
        if (!pull) return this.error(404, 'Not Found');
        const items = this.reviews
          .filter((r) => r.pull === pull.number)
          .map((r) => ({
            id: r.id,
            node_id: `PRR_${r.id}`,
            user: r.user,
            body: '',
            state: r.state,
            html_url: `https://github.com/${this.owner}/${this.repo}/pull/${pull.number}#pullrequestreview-${r.id}`,
            pull_request_url: `${this.repoUrl()}/pulls/${pull.number}`,
            submitted_at: this.now(),
            commit_id: r.commit,
            author_association: r.association,
          }));
        return this.list(items, url);
      }
      case 'users.getAuthenticated': {
        // An installation token (GITHUB_TOKEN, a GitHub App) is not a user: GitHub refuses this route for it.
        if (this.token.startsWith('ghs_')) return this.error(403, 'Resource not accessible by integration');
        return { status: 200, body: { ...TOKEN_USER, node_id: `U_${TOKEN_USER.id}`, site_admin: false } };
      }
      case 'issues.create': {
        const issue = this.addIssue({
          title: String(body.title),
          body: body.body ?? '',
          labels: body.labels ?? [],
          author: this.identity,
        });
        return { status: 201, body: this.issueJson(issue) };
      }
      case 'issues.update': {
        const issue = this.issues.find((i) => i.number === Number(params.issue_number) && !i.pull_request);
        if (!issue) return this.error(404, 'Not Found');
        if (body.title !== undefined) issue.title = String(body.title);
        if (body.body !== undefined) issue.body = body.body;
        if (body.labels !== undefined) issue.labels = body.labels;
        if (body.state !== undefined) {
          issue.state = body.state;
          issue.state_reason = body.state === 'closed' ? (body.state_reason ?? 'completed') : 'reopened';
        }
        return { status: 200, body: this.issueJson(issue) };
      }
      case 'pulls.list': {
        const state = url.searchParams.get('state') ?? 'open';
        const head = url.searchParams.get('head');
        const base = url.searchParams.get('base');
        if (head !== null && !head.includes(':')) {
          // GitHub ignores a head filter without the "owner:" prefix and lists every pull request.
          this.api.reject(request.method, url.pathname, 'head filter without the owner: prefix is ignored by GitHub');
        }
        const [headOwner, headRef] = head?.includes(':') ? head.split(':', 2) : [undefined, undefined];
        const items = this.pulls
          .filter((p) => state === 'all' || p.state === state)
          .filter((p) => headRef === undefined || (headOwner === this.owner && p.head === headRef))
          .filter((p) => base === null || p.base === base)
          .sort((a, b) => b.number - a.number);
        return this.list(
          items.map((p) => this.pullJson(p)),
          url,
        );
      }
      case 'pulls.create': {
        if (!this.actionsCanCreatePullRequests) {
          return this.error(403, 'GitHub Actions is not permitted to create or approve pull requests.');
        }
        if (body.title === undefined) {
          return this.error(422, 'Validation Failed', {
            errors: [{ resource: 'PullRequest', code: 'missing_field', field: 'title' }],
          });
        }
        const head = String(body.head).replace(new RegExp(`^${this.owner}:`), '');
        if (this.pulls.some((p) => p.state === 'open' && p.head === head && p.base === body.base)) {
          return this.error(422, 'Validation Failed', {
            errors: [
              {
                resource: 'PullRequest',
                code: 'custom',
                message: `A pull request already exists for ${this.owner}:${head}.`,
              },
            ],
          });
        }
        const pull = this.addIssue({
          title: body.title,
          body: body.body ?? '',
          pull_request: true,
          head,
          base: body.base,
        });
        return { status: 201, body: this.pullJson(pull) };
      }
      case 'pulls.update': {
        const pull = this.pulls.find((p) => p.number === Number(params.pull_number));
        if (!pull) return this.error(404, 'Not Found');
        if (body.title !== undefined) pull.title = body.title;
        if (body.body !== undefined) pull.body = body.body;
        if (body.base !== undefined) pull.base = body.base;
        if (body.state !== undefined) pull.state = body.state;
        return { status: 200, body: this.pullJson(pull) };
      }
      case 'issues.addLabels': {
        const issue = this.issues.find((i) => i.number === Number(params.issue_number));
        if (!issue) return this.error(404, 'Not Found');
        issue.labels = [...new Set([...issue.labels, ...(body.labels ?? [])])];
        return {
          status: 200,
          body: issue.labels.map((name, n) => ({ id: n + 1, name, color: 'ededed', default: false })),
        };
      }
      case 'repos.getReleaseByTag': {
        const release = this.releases.find((r) => r.tag_name === params.tag);
        return release ? { status: 200, body: this.releaseJson(release) } : this.error(404, 'Not Found');
      }
      case 'repos.createRelease': {
        if (this.releases.some((r) => r.tag_name === body.tag_name)) {
          return this.error(422, 'Validation Failed', {
            errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }],
          });
        }
        const release: Release = {
          id: this.id(),
          tag_name: body.tag_name,
          name: body.name ?? body.tag_name,
          body: body.body ?? '',
          target_commitish: body.target_commitish ?? 'main',
          make_latest: body.make_latest ?? 'true',
        };
        this.releases.push(release);
        return { status: 201, body: this.releaseJson(release) };
      }
      case 'repos.listReleaseAssets': {
        const release = this.releases.find((r) => r.id === Number(params.release_id));
        if (!release) return this.error(404, 'Not Found');
        return this.list(
          this.assets.filter((a) => a.release_id === release.id).map((a) => this.assetJson(a)),
          url,
        );
      }
      case 'repos.uploadReleaseAsset': {
        const release = this.releases.find((r) => r.id === Number(params.release_id));
        if (!release) return this.error(404, 'Not Found');
        const name = url.searchParams.get('name');
        if (!name) {
          this.api.reject(request.method, url.pathname, 'upload without ?name=');
          return this.error(422, 'Validation Failed', {
            errors: [{ resource: 'ReleaseAsset', code: 'missing_field', field: 'name' }],
          });
        }
        if (request.headers['content-type'] !== 'application/octet-stream' && !request.headers['content-type']) {
          return this.error(422, 'Validation Failed', {
            errors: [{ resource: 'ReleaseAsset', code: 'missing_field', field: 'content_type' }],
          });
        }
        if (this.assets.some((a) => a.release_id === release.id && a.name === name)) {
          return this.error(422, 'Validation Failed', {
            errors: [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }],
          });
        }
        const asset = { id: this.id(), release_id: release.id, name, data: request.body };
        this.assets.push(asset);
        return { status: 201, body: this.assetJson(asset) };
      }
      case 'repos.deleteReleaseAsset': {
        const index = this.assets.findIndex((a) => a.id === Number(params.asset_id));
        if (index < 0) return this.error(404, 'Not Found');
        this.assets.splice(index, 1);
        return { status: 204 };
      }
      case 'repos.getReleaseAsset': {
        const asset = this.assets.find((a) => a.id === Number(params.asset_id));
        if (!asset) return this.error(404, 'Not Found');
        if (request.headers.accept === 'application/octet-stream') {
          return {
            status: 302,
            headers: { location: `${this.storage.baseUrl}/release-assets/${asset.id}?sig=signed-${asset.id}` },
          };
        }
        return { status: 200, body: this.assetJson(asset) };
      }
      case 'repos.createDeployment': {
        const deployment: Deployment = {
          id: this.id(),
          ref: body.ref,
          environment: body.environment ?? 'production',
          description: body.description ?? null,
          statuses: [],
        };
        this.deployments.push(deployment);
        return {
          status: 201,
          body: {
            id: deployment.id,
            url: `${this.repoUrl()}/deployments/${deployment.id}`,
            ref: deployment.ref,
            sha: 'a'.repeat(40),
            environment: deployment.environment,
            description: deployment.description,
            statuses_url: `${this.repoUrl()}/deployments/${deployment.id}/statuses`,
          },
        };
      }
      case 'repos.createDeploymentStatus': {
        const deployment = this.deployments.find((d) => d.id === Number(params.deployment_id));
        if (!deployment) return this.error(404, 'Not Found');
        deployment.statuses.push({
          state: body.state,
          description: body.description ?? '',
          environment_url: body.environment_url,
          log_url: body.log_url,
        });
        return {
          status: 201,
          body: {
            id: this.id(),
            state: body.state,
            description: body.description ?? '',
            environment: deployment.environment,
          },
        };
      }
      case 'actions.createWorkflowDispatch': {
        this.workflowDispatches.push({ workflow: params.workflow_id!, ref: body.ref, inputs: body.inputs ?? {} });
        if (body.return_run_details) {
          const runId = this.id();
          return {
            status: 200,
            body: {
              workflow_run_id: runId,
              run_url: `${this.repoUrl()}/actions/runs/${runId}`,
              html_url: `https://github.com/${this.owner}/${this.repo}/actions/runs/${runId}`,
            },
          };
        }
        return { status: 204 };
      }
      case 'repos.createDispatchEvent': {
        this.dispatches.push({ event_type: body.event_type, client_payload: body.client_payload ?? {} });
        return { status: 204 };
      }
      default:
        this.unimplemented.push(`${route.method} ${route.template}`);
        this.api.reject(request.method, url.pathname, `published route ${route.name} is not implemented by the fake`);
        return this.error(501, `The fake does not implement ${route.name}`);
    }
  }

  private serveStorage(request: RecordedRequest, url: URL): FakeReply {
    const match = /^\/release-assets\/(\d+)$/.exec(url.pathname);
    const asset = match ? this.assets.find((a) => a.id === Number(match[1])) : undefined;
    if (request.method !== 'GET' || !asset || url.searchParams.get('sig') !== `signed-${asset.id}`) {
      this.storage.reject(request.method, url.pathname, 'not a signed asset URL');
      return { status: 404, body: Buffer.from('Not Found') };
    }
    if (request.headers.authorization) {
      // Signed storage URLs refuse a second credential; sending the API token here is a client bug.
      this.storage.reject(request.method, url.pathname, 'Authorization header sent to storage');
      return { status: 400, body: Buffer.from('Only one auth mechanism allowed') };
    }
    const data = this.tamper ? this.tamper(asset.name, asset.data) : asset.data;
    return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: data };
  }
}
