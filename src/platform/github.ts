/**
 * GitHub Actions: inputs/outputs/summary/annotations through @actions/core, the REST API through Octokit
 * (comments, issues, pull requests, release assets, deployments, dispatches), the cache through @actions/cache.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { MlopsError } from '../core/errors.js';
import { createOctokit, githubApiError, githubCall, githubToken, type Octokit, statusOf } from './github-api.js';
import { ReleaseAssetStore } from './github-artifacts.js';
import type { RetryPolicy } from './http.js';
import { fitBody, type MarkedComment, upsertMarkedComment } from './marker-upsert.js';
import {
  type Annotation,
  type CacheStore,
  type CommentOptions,
  type CommentRef,
  type DeploymentState,
  type DeploymentsApi,
  type EventName,
  hiddenMarker,
  type IssueContent,
  type IssueRef,
  type Logger,
  type MergedPullRequest,
  type Platform,
  type PullRequestRef,
  type PullRequestRequest,
  type RunContext,
  type TriggerRequest,
} from './types.js';

/** Where GitHub keeps the switch that lets workflow tokens open pull requests. */
export const PULL_REQUEST_SETTING =
  'Settings > Actions > General > Workflow permissions > "Allow GitHub Actions to create and approve pull requests"';

/** A 403 on a pull request call: GitHub's own message, the repository setting and the permissions it needs. */
function pullRequestForbidden(error: unknown): unknown {
  if (!(error instanceof MlopsError) || statusOf(error.cause) !== 403) return error;
  return new MlopsError(error.message, {
    kind: 'api',
    where: error.where,
    hint:
      `Enable ${PULL_REQUEST_SETTING} (in the organization's settings too, when the repository belongs to one), ` +
      'and grant the workflow `pull-requests: write` (plus `contents: write` for the branch push) under `permissions:`.',
    cause: error.cause,
  });
}

function toAnnotation(a: Annotation | undefined): core.AnnotationProperties | undefined {
  if (!a) return undefined;
  return { title: a.title, file: a.file, startLine: a.line, endLine: a.endLine, startColumn: a.column };
}

export class GitHubLogger implements Logger {
  info(message: string): void {
    core.info(message);
  }
  warning(message: string, annotation?: Annotation): void {
    core.warning(message, toAnnotation(annotation));
  }
  error(message: string, annotation?: Annotation): void {
    core.error(message, toAnnotation(annotation));
  }
  debug(message: string): void {
    core.debug(message);
  }
  group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    return core.group(title, fn);
  }
}

function eventName(name: string | undefined): EventName {
  switch (name) {
    case 'push':
      return 'push';
    case 'pull_request':
    case 'pull_request_target':
      return 'pull_request';
    case 'schedule':
      return 'schedule';
    case 'workflow_dispatch':
    case 'repository_dispatch':
      return 'dispatch';
    case 'workflow_run':
      return 'workflow_run';
    default:
      return 'other';
  }
}

export function githubContext(env: NodeJS.ProcessEnv): RunContext {
  const eventPath = env.GITHUB_EVENT_PATH;
  let payload: {
    pull_request?: { number?: number; base?: { ref?: string } };
    repository?: { default_branch?: string };
  } = {};
  if (eventPath) {
    try {
      payload = JSON.parse(readFileSync(eventPath, 'utf8'));
    } catch (error) {
      throw new MlopsError(`Cannot read the event payload at ${eventPath}.`, { kind: 'input', cause: error });
    }
  }
  const pr = payload.pull_request;
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    platform: 'github',
    repository: env.GITHUB_REPOSITORY ?? '',
    workspace,
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    defaultBranch: payload.repository?.default_branch ?? 'main',
    event: eventName(env.GITHUB_EVENT_NAME),
    pullRequest: pr?.number,
    baseRef: pr?.base?.ref ?? env.GITHUB_BASE_REF,
    runUrl: env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
    actor: env.GITHUB_ACTOR,
  };
}

/** GitHub rejects comment and issue bodies over 65,536 characters. */
const MAX_BODY = 65_536;
/** Issues we open carry this label so that finding them is one filtered listing, not a search. */
export const ISSUE_LABEL = 'mlops';

export interface GitHubPlatformOptions {
  retry?: RetryPolicy;
  logger?: Logger;
}

/** The author of a comment or an issue, as the API gives it. */
type Author = { login?: string; type?: string } | null | undefined;

interface IssueItem {
  number: number;
  body?: string | null;
  user?: Author;
  state: string;
  html_url: string;
  pull_request?: unknown;
  labels: (string | { name?: string })[];
}

/** The Actions cache; a save the service refuses is a warning, never a failed job. */
class ActionsCache implements CacheStore {
  constructor(
    private readonly log: Logger,
    private readonly workspace: string,
  ) {}

  /** @actions/cache resolves relative paths against the process cwd; ours are relative to the workspace. */
  private absolute(paths: string[]): string[] {
    return paths.map((p) => resolve(this.workspace, p));
  }

  async restore(paths: string[], key: string, restoreKeys: string[] = []): Promise<string | undefined> {
    const cache = await import('@actions/cache');
    if (!cache.isFeatureAvailable()) {
      this.log.warning('The GitHub Actions cache service is not available to this step; continuing without cache.');
      return undefined;
    }
    try {
      return await cache.restoreCache(this.absolute(paths), key, restoreKeys);
    } catch (error) {
      this.log.warning(`Cache restore for ${key} failed: ${(error as Error).message}; continuing without cache.`);
      return undefined;
    }
  }

  async save(paths: string[], key: string): Promise<boolean> {
    const cache = await import('@actions/cache');
    if (!cache.isFeatureAvailable()) {
      this.log.warning(`The GitHub Actions cache service is not available to this step; ${key} is not saved.`);
      return false;
    }
    try {
      if ((await cache.saveCache(this.absolute(paths), key)) !== -1) return true;
      // @actions/cache has already logged why (key taken by another job, size cap, read-only token).
      this.log.warning(`The cache service did not store ${key}; the job continues.`);
      return false;
    } catch (error) {
      this.log.warning(`Cache save for ${key} failed: ${(error as Error).message}; the job continues.`);
      return false;
    }
  }
}

function shortRef(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, '');
}

export class GitHubPlatform implements Platform {
  readonly name = 'github' as const;
  readonly log: Logger;
  readonly cache: CacheStore;
  readonly artifacts: ReleaseAssetStore;
  readonly deployments: DeploymentsApi;
  private client: Octokit | undefined;

  constructor(
    readonly context: RunContext,
    private readonly env: NodeJS.ProcessEnv,
    private readonly options: GitHubPlatformOptions = {},
  ) {
    this.log = options.logger ?? new GitHubLogger();
    this.cache = new ActionsCache(this.log, context.workspace);
    this.artifacts = new ReleaseAssetStore(() => this.octokit(), this.owner, this.repo, context.sha, this.log);
    this.deployments = {
      create: (environment, ref, description) => this.createDeployment(environment, ref, description),
      setStatus: (id, state, description, environmentUrl) =>
        this.setDeploymentStatus(id, state, description, environmentUrl),
    };
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env, options: GitHubPlatformOptions = {}): GitHubPlatform {
    return new GitHubPlatform(githubContext(env), env, options);
  }

  private get owner(): string {
    return this.context.repository.split('/')[0] ?? '';
  }

  private get repo(): string {
    return this.context.repository.split('/')[1] ?? '';
  }

  private authorCheck: Promise<(author: Author) => boolean> | undefined;

  /**
   * Whether a marked comment or issue was written by this job's token, so that a marker anyone can paste into a
   * pull-request comment (or another bot can quote) never makes us update (and hand our report to) or delete
   * somebody else's comment. GraphQL's `viewer` names the token's account for every kind of token: a person for
   * a personal access token, `github-actions[bot]` or `<app>[bot]` for installation tokens (which GET /user
   * refuses).
   */
  private writtenByUs(): Promise<(author: Author) => boolean> {
    this.authorCheck ??= (async () => {
      try {
        const { viewer } = await this.octokit().graphql<{ viewer: { login: string } }>('query { viewer { login } }');
        return (author: Author) => author?.login === viewer.login;
      } catch (error) {
        this.authorCheck = undefined;
        throw githubApiError(error, 'find out which account the token writes as (GraphQL viewer)', 'contents: read');
      }
    })();
    return this.authorCheck;
  }

  /** Created on first use, so steps that never call the API need no token. */
  private octokit(): Octokit {
    if (this.client) return this.client;
    const token = githubToken(this.env);
    if (!token) {
      throw new MlopsError('No GitHub token: this step calls the GitHub API.', {
        kind: 'config',
        expected: 'the `token` input or the GITHUB_TOKEN environment variable',
        hint: "Keep the action's `token` input at its default (the workflow token) or pass a token, and grant the permissions it lists.",
      });
    }
    if (!this.context.repository.includes('/')) {
      throw new MlopsError('GITHUB_REPOSITORY is not set to "owner/name".', { kind: 'config' });
    }
    core.setSecret(token);
    this.client = createOctokit({
      token,
      baseUrl: this.env.GITHUB_API_URL ?? 'https://api.github.com',
      log: this.log,
      retry: this.options.retry,
    });
    return this.client;
  }

  getInput(name: string): string | undefined {
    const value = this.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
    return value === undefined || value.trim() === '' ? undefined : value;
  }

  setOutput(name: string, value: string): void {
    core.setOutput(name, value);
  }

  async appendSummary(markdown: string): Promise<void> {
    if (!this.env.GITHUB_STEP_SUMMARY) {
      this.log.info(markdown);
      return;
    }
    await core.summary.addRaw(markdown, true).write();
  }

  async upsertComment(marker: string, body: string, options: CommentOptions = {}): Promise<CommentRef> {
    const issue_number = options.pullRequest ?? this.context.pullRequest;
    if (issue_number === undefined) {
      throw new MlopsError('There is no pull request to comment on in this run.', {
        kind: 'usage',
        found: `event ${this.context.event}`,
        hint: 'Run the step on `pull_request` events, or turn the comment off for other events.',
      });
    }
    const { owner, repo } = this;
    const permission = 'pull-requests: write';
    const toComment = (c: { id: number; body?: string | null; html_url: string }): MarkedComment => ({
      id: c.id,
      body: c.body ?? '',
      url: c.html_url,
    });
    const ours = await this.writtenByUs();
    return upsertMarkedComment(
      {
        list: () =>
          githubCall(`list the comments of pull request #${issue_number}`, permission, async () =>
            (
              await this.octokit().paginate(this.octokit().rest.issues.listComments, {
                owner,
                repo,
                issue_number,
                per_page: 100,
              })
            )
              .filter((c) => ours(c.user))
              .map(toComment),
          ),
        create: (text) =>
          githubCall(`comment on pull request #${issue_number}`, permission, async () =>
            toComment((await this.octokit().rest.issues.createComment({ owner, repo, issue_number, body: text })).data),
          ),
        update: (comment_id, text) =>
          githubCall(`update our comment on pull request #${issue_number}`, permission, async () =>
            toComment((await this.octokit().rest.issues.updateComment({ owner, repo, comment_id, body: text })).data),
          ),
        remove: (comment_id) =>
          githubCall(`delete a duplicate comment on pull request #${issue_number}`, permission, async () => {
            await this.octokit().rest.issues.deleteComment({ owner, repo, comment_id });
          }),
      },
      marker,
      body,
      MAX_BODY,
    );
  }

  async openPullRequest(request: PullRequestRequest): Promise<PullRequestRef> {
    try {
      return await this.upsertPullRequest(request);
    } catch (error) {
      throw pullRequestForbidden(error);
    }
  }

  private async openPullRequestFrom(head: string, base: string): Promise<{ number: number } | undefined> {
    const { data } = await githubCall(
      `look for an open pull request from ${head} into ${base}`,
      'pull-requests: write',
      () =>
        this.octokit().rest.pulls.list({
          owner: this.owner,
          repo: this.repo,
          state: 'open',
          head: `${this.owner}:${head}`,
          base,
          per_page: 100,
        }),
    );
    return data[0];
  }

  private async upsertPullRequest(request: PullRequestRequest): Promise<PullRequestRef> {
    const { owner, repo } = this;
    const { head, base, title } = request;
    const body = fitBody(request.body, MAX_BODY);
    const permission = 'pull-requests: write';
    let number = (await this.openPullRequestFrom(head, base))?.number;
    let created = false;
    let url: string | undefined;
    if (number === undefined) {
      try {
        const { data } = await this.octokit().rest.pulls.create({ owner, repo, head, base, title, body });
        ({ number, html_url: url } = data);
        created = true;
      } catch (error) {
        // Another job opened it between our look-up and our create: GitHub answers 422; update that one.
        number = statusOf(error) === 422 ? (await this.openPullRequestFrom(head, base))?.number : undefined;
        if (number === undefined)
          throw githubApiError(error, `open a pull request from ${head} into ${base}`, permission);
      }
    }
    if (!created) {
      const pull_number = number;
      const { data } = await githubCall(`update pull request #${pull_number}`, permission, () =>
        this.octokit().rest.pulls.update({ owner, repo, pull_number, title, body }),
      );
      url = data.html_url;
    }
    const labels = request.labels ?? [];
    if (labels.length > 0) {
      await githubCall(`label pull request #${number}`, permission, () =>
        this.octokit().rest.issues.addLabels({ owner, repo, issue_number: number, labels }),
      );
    }
    return { number, url, created };
  }

  /** Our issues carrying marker, newest first; pull requests (which the issues API also lists) are skipped. */
  private async markedIssues(marker: string, state: 'open' | 'all'): Promise<IssueItem[]> {
    const tag = hiddenMarker(marker);
    const items = await githubCall('list issues', 'issues: write', () =>
      this.octokit().paginate(this.octokit().rest.issues.listForRepo, {
        owner: this.owner,
        repo: this.repo,
        labels: ISSUE_LABEL,
        state,
        sort: 'created',
        direction: 'desc',
        per_page: 100,
      }),
    );
    const ours = await this.writtenByUs();
    return (items as IssueItem[]).filter((i) => !i.pull_request && (i.body ?? '').includes(tag) && ours(i.user));
  }

  private static ref(issue: IssueItem, created: boolean): IssueRef {
    return { number: issue.number, url: issue.html_url, created, state: issue.state === 'closed' ? 'closed' : 'open' };
  }

  async findIssue(marker: string): Promise<IssueRef | undefined> {
    const [issue] = await this.markedIssues(marker, 'open');
    return issue ? GitHubPlatform.ref(issue, false) : undefined;
  }

  async upsertIssue(marker: string, content: IssueContent, options: { reopen?: boolean } = {}): Promise<IssueRef> {
    const candidates = await this.markedIssues(marker, 'all');
    const target = candidates.find((i) => i.state === 'open') ?? (options.reopen ? candidates[0] : undefined);
    const body = fitIssueBody(marker, content.body);
    const labels = [...new Set([...(content.labels ?? []), ISSUE_LABEL])];
    if (target) {
      const { data } = await githubCall(`update issue #${target.number}`, 'issues: write', () =>
        this.octokit().rest.issues.update({
          owner: this.owner,
          repo: this.repo,
          issue_number: target.number,
          title: content.title,
          body,
          labels,
          state: 'open',
        }),
      );
      return GitHubPlatform.ref(data as IssueItem, false);
    }
    const { data } = await githubCall('open an issue', 'issues: write', () =>
      this.octokit().rest.issues.create({ owner: this.owner, repo: this.repo, title: content.title, body, labels }),
    );
    return GitHubPlatform.ref(data as IssueItem, true);
  }

  async mergedPullRequest(commit: string): Promise<MergedPullRequest | null> {
    const { owner, repo } = this;
    const pulls = await githubCall(
      `find the pull request merged as ${commit.slice(0, 12)}`,
      'pull-requests: read',
      () =>
        this.octokit().paginate(this.octokit().rest.repos.listPullRequestsAssociatedWithCommit, {
          owner,
          repo,
          commit_sha: commit,
          per_page: 100,
        }),
    );
    // Commit text names pull requests too, but only the platform's own record says which one this commit merged.
    const pull = pulls.find((p) => p.merged_at && p.merge_commit_sha === commit);
    if (!pull) return null;
    const reviews = await githubCall(`list the reviews of pull request #${pull.number}`, 'pull-requests: read', () =>
      this.octokit().paginate(this.octokit().rest.pulls.listReviews, {
        owner,
        repo,
        pull_number: pull.number,
        per_page: 100,
      }),
    );
    // A reviewer's latest verdict counts (a later "changes requested" or a dismissal takes an approval back),
    // only from accounts with write access (anyone can review a public repository's pull request), and an
    // approval only of the commit that was merged: one given before later pushes approved other content.
    const approves = new Map<string, boolean>();
    for (const review of reviews) {
      const login = review.user?.login;
      if (!login || !['OWNER', 'MEMBER', 'COLLABORATOR'].includes(review.author_association)) continue;
      if (!['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED'].includes(review.state)) continue;
      approves.set(login, review.state === 'APPROVED' && review.commit_id === pull.head.sha);
    }
    return {
      number: pull.number,
      ...(pull.user?.login ? { author: pull.user.login } : {}),
      approvedBy: [...approves].filter(([, approved]) => approved).map(([login]) => login),
    };
  }

  async commentOnIssue(issue: number, body: string): Promise<void> {
    await githubCall(`comment on issue #${issue}`, 'issues: write', () =>
      this.octokit().rest.issues.createComment({
        owner: this.owner,
        repo: this.repo,
        issue_number: issue,
        body: body.slice(0, MAX_BODY),
      }),
    );
  }

  async closeIssue(issue: number, comment?: string): Promise<void> {
    if (comment) await this.commentOnIssue(issue, comment);
    await githubCall(`close issue #${issue}`, 'issues: write', () =>
      this.octokit().rest.issues.update({
        owner: this.owner,
        repo: this.repo,
        issue_number: issue,
        state: 'closed',
        state_reason: 'completed',
      }),
    );
  }

  private async createDeployment(
    environment: string,
    ref: string,
    description: string,
  ): Promise<{ id: number; url?: string }> {
    const response = await githubCall(`create a deployment to ${environment}`, 'deployments: write', () =>
      this.octokit().rest.repos.createDeployment({
        owner: this.owner,
        repo: this.repo,
        ref: shortRef(ref) || this.context.sha,
        environment,
        description: description.slice(0, 140),
        auto_merge: false,
        required_contexts: [],
      }),
    );
    const data = response.data as { id?: number; url?: string; message?: string };
    if (response.status !== 201 || data.id === undefined) {
      throw new MlopsError(`GitHub did not create the deployment to ${environment}: ${data.message ?? 'no id'}.`, {
        kind: 'api',
        hint: 'GitHub answered 202 (it tried to merge the default branch into the ref); deploy a ref that is up to date.',
      });
    }
    return {
      id: data.id,
      url: `${this.serverUrl}/${this.context.repository}/deployments/${encodeURIComponent(environment)}`,
    };
  }

  private async setDeploymentStatus(
    id: number,
    state: DeploymentState,
    description: string,
    environmentUrl?: string,
  ): Promise<void> {
    await githubCall(`set the status of deployment ${id}`, 'deployments: write', () =>
      this.octokit().rest.repos.createDeploymentStatus({
        owner: this.owner,
        repo: this.repo,
        deployment_id: id,
        state,
        description: description.slice(0, 140),
        environment_url: environmentUrl,
        log_url: this.context.runUrl,
      }),
    );
  }

  private get serverUrl(): string {
    return (this.env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  }

  async trigger(request: TriggerRequest): Promise<{ url?: string }> {
    const ref = shortRef(request.ref) || this.context.defaultBranch;
    if (request.workflow) {
      const workflow = request.workflow;
      const response = await githubCall(`start the workflow ${workflow}`, 'actions: write', () =>
        this.octokit().rest.actions.createWorkflowDispatch({
          owner: this.owner,
          repo: this.repo,
          workflow_id: workflow,
          ref,
          inputs: request.inputs,
          return_run_details: true,
        }),
      );
      const details = response.data as { html_url?: string } | undefined;
      return { url: details?.html_url ?? `${this.serverUrl}/${this.context.repository}/actions/workflows/${workflow}` };
    }
    const eventType = request.eventType ?? 'mlops-retrain';
    await githubCall(`send the repository_dispatch event ${eventType}`, 'contents: write', () =>
      this.octokit().rest.repos.createDispatchEvent({
        owner: this.owner,
        repo: this.repo,
        event_type: eventType,
        client_payload: { ref, inputs: request.inputs },
      }),
    );
    return { url: `${this.serverUrl}/${this.context.repository}/actions` };
  }
}

function fitIssueBody(marker: string, body: string): string {
  const text = `${hiddenMarker(marker)}\n${body}`;
  return text.length <= MAX_BODY ? text : `${text.slice(0, MAX_BODY - 20)}\n\n…(truncated)`;
}
