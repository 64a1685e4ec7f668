/**
 * GitLab REST API v4 over the shared HttpClient. Which token goes where follows GitLab's rules:
 * CI_JOB_TOKEN (header JOB-TOKEN) only reaches the endpoints GitLab opens to job tokens (packages,
 * deployments, environments, pipeline triggers); merge requests, their notes and issues need a project or personal
 * access token with the `api` scope in MLOPS_GITLAB_TOKEN (header PRIVATE-TOKEN).
 */
import { z } from 'zod';
import { MlopsError } from '../core/errors.js';
import { HttpClient, type HttpRequest, type RetryPolicy } from './http.js';
import type { Logger } from './types.js';

/** Which kind of token an endpoint accepts. */
export type GitLabAccess = 'job-token-allowed' | 'access-token-only';

export interface GitLabTokens {
  /** MLOPS_GITLAB_TOKEN: project/personal access token, scope `api`. */
  access?: string;
  /** CI_JOB_TOKEN. */
  job?: string;
}

export function gitlabTokens(env: NodeJS.ProcessEnv): GitLabTokens {
  return { access: env.MLOPS_GITLAB_TOKEN?.trim() || undefined, job: env.CI_JOB_TOKEN?.trim() || undefined };
}

export interface GitLabRequest extends Omit<HttpRequest, 'path'> {
  /** Path below /projects/:id, e.g. "/merge_requests/3/notes". */
  path: string;
  access: GitLabAccess;
}

const TOKEN_HINT =
  'Create a project access token (Settings > Access tokens) with the `api` scope and at least the Reporter role ' +
  '(Developer for packages, deployments and merge requests), and store it as a masked CI/CD variable named MLOPS_GITLAB_TOKEN.';

export class GitLabApi {
  private readonly http: HttpClient;

  constructor(
    readonly baseUrl: string,
    readonly projectId: string,
    private readonly tokens: GitLabTokens,
    log: Logger,
    retry?: RetryPolicy,
  ) {
    this.http = new HttpClient({
      service: 'GitLab',
      baseUrl,
      retry,
      log,
      headers: (request) => this.authHeaders(request),
      hint: (status, request) => this.hint(status, request),
    });
  }

  private tokenKind(request: HttpRequest): 'access' | 'job' | 'none' {
    return request.credential === 'access' || request.credential === 'job' ? request.credential : 'none';
  }

  private authHeaders(request: HttpRequest): Record<string, string> {
    const kind = this.tokenKind(request);
    if (kind === 'access') return { 'PRIVATE-TOKEN': this.tokens.access! };
    if (kind === 'job') return { 'JOB-TOKEN': this.tokens.job! };
    return {};
  }

  private hint(status: number, request: HttpRequest): string | undefined {
    const kind = this.tokenKind(request);
    const token = kind === 'access' ? 'MLOPS_GITLAB_TOKEN' : kind === 'job' ? 'CI_JOB_TOKEN' : 'the trigger token';
    switch (status) {
      case 401:
        return kind === 'job'
          ? `GitLab refused CI_JOB_TOKEN here. ${TOKEN_HINT}`
          : `GitLab refused ${token}: it is invalid, expired or revoked. ${TOKEN_HINT}`;
      case 403:
        return `${token} lacks the permission: it needs the \`api\` scope and a high enough role. ${TOKEN_HINT}`;
      case 404:
        return `Check CI_PROJECT_ID and that ${token} can see the project (GitLab answers 404 for projects a token cannot read).`;
      default:
        return status >= 500 ? 'GitLab had a server error; retry the job.' : undefined;
    }
  }

  /** Fails early, with what to do, when the endpoint needs a token we do not have. */
  private credentialFor(access: GitLabAccess, what: string): 'access' | 'job' {
    if (this.tokens.access) return 'access';
    if (access === 'job-token-allowed' && this.tokens.job) return 'job';
    const onlyJob = this.tokens.job !== undefined;
    throw new MlopsError(
      onlyJob
        ? `Cannot ${what}: GitLab does not accept CI_JOB_TOKEN for this API, and MLOPS_GITLAB_TOKEN is not set.`
        : `Cannot ${what}: no GitLab token (MLOPS_GITLAB_TOKEN or CI_JOB_TOKEN) is set.`,
      {
        kind: 'config',
        expected: 'MLOPS_GITLAB_TOKEN: a project or personal access token with the `api` scope',
        found: onlyJob ? 'only CI_JOB_TOKEN' : 'no token',
        hint: TOKEN_HINT,
      },
    );
  }

  private prepare(request: GitLabRequest): HttpRequest {
    return {
      ...request,
      path: `/projects/${encodeURIComponent(this.projectId)}${request.path}`,
      credential: this.credentialFor(request.access, request.what),
    };
  }

  send(request: GitLabRequest): Promise<Response> {
    return this.http.send(this.prepare(request));
  }

  json<T>(request: GitLabRequest, parse: (data: unknown) => T): Promise<{ data: T; response: Response }> {
    return this.http.json(this.prepare(request), parse);
  }

  /** Every item of a paginated list, following x-next-page. */
  async all<T>(request: GitLabRequest, parse: (data: unknown) => T[]): Promise<T[]> {
    const items: T[] = [];
    let page: string | undefined = '1';
    for (let guard = 0; page && guard < 10_000; guard++) {
      const { data, response }: { data: T[]; response: Response } = await this.json(
        { ...request, method: 'GET', query: { ...request.query, per_page: 100, page } },
        parse,
      );
      items.push(...data);
      page = response.headers.get('x-next-page') || undefined;
    }
    return items;
  }

  /** The account the access token acts as (GET /user: a project access token's bot user, or a person). */
  async tokenUser(): Promise<{ id: number; username: string }> {
    const what = 'find out which account MLOPS_GITLAB_TOKEN writes as';
    const { data } = await this.http.json(
      { method: 'GET', path: '/user', credential: this.credentialFor('access-token-only', what), what },
      (d) => z.object({ id: z.number(), username: z.string() }).parse(d),
    );
    return data;
  }

  /** A request with no token header at all (pipeline triggers carry their token in the body). */
  async unauthenticated<T>(request: Omit<GitLabRequest, 'access'>, parse: (data: unknown) => T): Promise<T> {
    const { data } = await this.http.json(
      { ...request, path: `/projects/${encodeURIComponent(this.projectId)}${request.path}`, credential: 'none' },
      parse,
    );
    return data;
  }
}
