/**
 * GitLab CI: inputs from MLOPS_INPUT_* variables (the includable template maps spec inputs onto them),
 * outputs as a dotenv report, the summary as a Markdown file, the REST API v4 with CI_JOB_TOKEN where GitLab
 * allows it and a project token (MLOPS_GITLAB_TOKEN) where it does not (merge requests and their notes, issues).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { MlopsError } from '../core/errors.js';
import { GitLabApi, gitlabTokens } from './gitlab-api.js';
import { GenericPackageStore } from './gitlab-artifacts.js';
import type { RetryPolicy } from './http.js';
import { DirectoryCache } from './local-store.js';
import { ConsoleLogger } from './logger.js';
import { type MarkedComment, upsertMarkedComment } from './marker-upsert.js';
import {
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

function eventName(source: string | undefined): EventName {
  switch (source) {
    case 'push':
      return 'push';
    case 'merge_request_event':
      return 'pull_request';
    case 'schedule':
      return 'schedule';
    case 'web':
    case 'api':
    case 'trigger':
    case 'pipeline':
      return 'dispatch';
    default:
      return 'other';
  }
}

export function gitlabContext(env: NodeJS.ProcessEnv): RunContext {
  const mr = env.CI_MERGE_REQUEST_IID ? Number(env.CI_MERGE_REQUEST_IID) : undefined;
  return {
    platform: 'gitlab',
    repository: env.CI_PROJECT_PATH ?? '',
    workspace: env.CI_PROJECT_DIR ?? process.cwd(),
    sha: env.CI_COMMIT_SHA ?? '',
    ref: env.CI_COMMIT_TAG ? `refs/tags/${env.CI_COMMIT_TAG}` : `refs/heads/${env.CI_COMMIT_REF_NAME ?? ''}`,
    defaultBranch: env.CI_DEFAULT_BRANCH ?? 'main',
    event: eventName(env.CI_PIPELINE_SOURCE),
    pullRequest: mr,
    baseRef: env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME,
    runUrl: env.CI_JOB_URL ?? env.CI_PIPELINE_URL,
    actor: env.GITLAB_USER_LOGIN,
  };
}

/** GitLab rejects note and description bodies over 1,000,000 characters. */
const MAX_BODY = 1_000_000;
export const ISSUE_LABEL = 'mlops';
/** The cache directory; the CI template lists it under `cache: paths:` so GitLab's runner carries it. */
export const GITLAB_CACHE_DIR = '.mlops/cache';

export interface GitLabPlatformOptions {
  retry?: RetryPolicy;
  logger?: Logger;
}

const authorSchema = z.object({ id: z.number() }).nullish();
const noteSchema = z.object({
  id: z.number(),
  body: z.string(),
  system: z.boolean().optional(),
  author: authorSchema,
});
const issueSchema = z.object({
  iid: z.number(),
  author: authorSchema,
  description: z.string().nullish(),
  state: z.string(),
  web_url: z.string().optional(),
  labels: z.array(z.string()).optional(),
});
type GitLabIssue = z.infer<typeof issueSchema>;
const deploymentSchema = z.object({
  id: z.number(),
  status: z.string().optional(),
  environment: z.object({ id: z.number(), name: z.string() }).partial().optional(),
});
const mergeRequestSchema = z.object({ iid: z.number(), web_url: z.string().optional() });
const pipelineSchema = z.object({ id: z.number(), web_url: z.string().optional() });

/** GitLab deployment statuses that the API lets a client set. */
type GitLabDeploymentStatus = 'running' | 'success' | 'failed' | 'canceled';

export function gitlabDeploymentStatus(state: DeploymentState): GitLabDeploymentStatus {
  switch (state) {
    case 'pending':
    case 'in_progress':
      return 'running';
    case 'success':
      return 'success';
    case 'failure':
    case 'error':
      return 'failed';
    case 'inactive':
      return 'canceled';
  }
}

function shortRef(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, '');
}

export class GitLabPlatform implements Platform {
  readonly name = 'gitlab' as const;
  readonly log: Logger;
  readonly cache: DirectoryCache;
  readonly deployments: DeploymentsApi;
  private client: GitLabApi | undefined;
  private store: GenericPackageStore | undefined;
  /** Deployment id -> environment id and last status, to set the environment URL and skip no-op transitions. */
  private readonly deploymentState = new Map<number, { environmentId?: number; status?: string }>();

  constructor(
    readonly context: RunContext,
    private readonly env: NodeJS.ProcessEnv,
    private readonly options: GitLabPlatformOptions = {},
  ) {
    this.log =
      options.logger ?? new ConsoleLogger({ verbose: env.CI_DEBUG_TRACE === 'true', color: true, sections: 'gitlab' });
    this.cache = new DirectoryCache(join(context.workspace, GITLAB_CACHE_DIR), context.workspace);
    this.deployments = {
      create: (environment, ref, description) => this.createDeployment(environment, ref, description),
      setStatus: (id, state, description, environmentUrl) =>
        this.setDeploymentStatus(id, state, description, environmentUrl),
    };
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env, options: GitLabPlatformOptions = {}): GitLabPlatform {
    return new GitLabPlatform(gitlabContext(env), env, options);
  }

  private api(): GitLabApi {
    if (this.client) return this.client;
    const baseUrl = this.env.CI_API_V4_URL ?? (this.env.CI_SERVER_URL ? `${this.env.CI_SERVER_URL}/api/v4` : undefined);
    const projectId = this.env.CI_PROJECT_ID ?? this.env.CI_PROJECT_PATH;
    if (!baseUrl || !projectId) {
      throw new MlopsError('The GitLab API location is unknown: CI_API_V4_URL and CI_PROJECT_ID are not set.', {
        kind: 'config',
        hint: 'Run inside a GitLab CI job, or set CI_API_V4_URL and CI_PROJECT_ID.',
      });
    }
    this.client = new GitLabApi(baseUrl, projectId, gitlabTokens(this.env), this.log, this.options.retry);
    return this.client;
  }

  get artifacts(): GenericPackageStore {
    this.store ??= new GenericPackageStore(this.api(), this.log);
    return this.store;
  }

  getInput(name: string): string | undefined {
    const value = this.env[`MLOPS_INPUT_${name.replace(/[- ]/g, '_').toUpperCase()}`];
    return value === undefined || value.trim() === '' ? undefined : value;
  }

  /** Outputs go to a dotenv file (MLOPS_OUTPUT_FILE, default .mlops/out/outputs.env) for `artifacts: reports: dotenv`. */
  setOutput(name: string, value: string): void {
    const file = resolve(this.context.workspace, this.env.MLOPS_OUTPUT_FILE ?? '.mlops/out/outputs.env');
    mkdirSync(dirname(file), { recursive: true });
    const key = `MLOPS_${name.replace(/[- ]/g, '_').toUpperCase()}`;
    appendFileSync(file, `${key}=${value.replace(/\n/g, ' ')}\n`);
  }

  /** GitLab has no step summary: the Markdown goes to the log and to a file kept as an artifact. */
  async appendSummary(markdown: string): Promise<void> {
    const file = resolve(this.context.workspace, this.env.MLOPS_SUMMARY_FILE ?? '.mlops/out/summary.md');
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${markdown}\n`);
    this.log.info(markdown);
  }

  private tokenUser: Promise<number> | undefined;

  /**
   * Only notes and issues this token wrote carry our reports: a marker pasted into somebody else's note must
   * never make us update (and hand our report to) or delete it.
   */
  private tokenUserId(): Promise<number> {
    this.tokenUser ??= this.api()
      .tokenUser()
      .then(
        (u) => u.id,
        (error: unknown) => {
          this.tokenUser = undefined;
          throw error;
        },
      );
    return this.tokenUser;
  }

  async upsertComment(marker: string, body: string, options: CommentOptions = {}): Promise<CommentRef> {
    const iid = options.pullRequest ?? this.context.pullRequest;
    if (iid === undefined) {
      throw new MlopsError('There is no merge request to comment on in this pipeline.', {
        kind: 'usage',
        found: `pipeline source ${this.env.CI_PIPELINE_SOURCE ?? 'unknown'}`,
        hint: 'Run the job in merge request pipelines (rules: if: $CI_PIPELINE_SOURCE == "merge_request_event").',
      });
    }
    const api = this.api();
    const notes = `/merge_requests/${iid}/notes`;
    const mrUrl = this.env.CI_MERGE_REQUEST_PROJECT_URL ?? this.env.CI_PROJECT_URL;
    const toComment = (n: { id: number; body: string }): MarkedComment => ({
      id: n.id,
      body: n.body,
      url: mrUrl ? `${mrUrl}/-/merge_requests/${iid}#note_${n.id}` : undefined,
    });
    const access = 'access-token-only' as const;
    const ours = await this.tokenUserId();
    return upsertMarkedComment(
      {
        list: async () =>
          (
            await api.all(
              {
                method: 'GET',
                path: notes,
                query: { sort: 'asc', order_by: 'created_at' },
                access,
                what: `list the notes of merge request !${iid}`,
              },
              (data) => z.array(noteSchema).parse(data),
            )
          )
            .filter((n) => !n.system && n.author?.id === ours)
            .map(toComment),
        create: async (text) =>
          toComment(
            (
              await api.json(
                { method: 'POST', path: notes, json: { body: text }, access, what: `comment on merge request !${iid}` },
                (data) => noteSchema.parse(data),
              )
            ).data,
          ),
        update: async (id, text) =>
          toComment(
            (
              await api.json(
                {
                  method: 'PUT',
                  path: `${notes}/${id}`,
                  json: { body: text },
                  access,
                  what: `update our note on merge request !${iid}`,
                },
                (data) => noteSchema.parse(data),
              )
            ).data,
          ),
        remove: async (id) => {
          await api.send({
            method: 'DELETE',
            path: `${notes}/${id}`,
            access,
            what: `delete a duplicate note on merge request !${iid}`,
          });
        },
      },
      marker,
      body,
      MAX_BODY,
    );
  }

  private async openMergeRequestFrom(source: string, target: string, what: string) {
    const [open] = await this.api().all(
      {
        method: 'GET',
        path: '/merge_requests',
        query: { state: 'opened', source_branch: source, target_branch: target },
        access: 'access-token-only',
        what,
      },
      (data) => z.array(mergeRequestSchema).parse(data),
    );
    return open;
  }

  async openPullRequest(request: PullRequestRequest): Promise<PullRequestRef> {
    const { head, base, title } = request;
    const what = `open a merge request from ${head} into ${base}`;
    const description = request.body.slice(0, MAX_BODY);
    const labels = request.labels?.length ? request.labels.join(',') : undefined;
    let existing = await this.openMergeRequestFrom(head, base, what);
    if (!existing) {
      const response = await this.api().send({
        method: 'POST',
        path: '/merge_requests',
        json: {
          source_branch: head,
          target_branch: base,
          title,
          description,
          remove_source_branch: true,
          ...(labels ? { labels } : {}),
        },
        access: 'access-token-only',
        what,
        // 409: another job opened one from this branch between our look-up and our create.
        accept: [409],
      });
      if (response.status !== 409) {
        const created = mergeRequestSchema.parse(await response.json());
        return { number: created.iid, url: created.web_url, created: true };
      }
      await response.body?.cancel();
      existing = await this.openMergeRequestFrom(head, base, what);
      if (!existing) {
        throw new MlopsError(`GitLab API: could not ${what}: another merge request from ${head} conflicts with it.`, {
          kind: 'api',
          hint: `Close or retarget the open merge request from ${head}, then re-run the job.`,
        });
      }
    }
    const { data } = await this.api().json(
      {
        method: 'PUT',
        path: `/merge_requests/${existing.iid}`,
        json: { title, description, ...(labels ? { add_labels: labels } : {}) },
        access: 'access-token-only',
        what: `update merge request !${existing.iid}`,
      },
      (d) => mergeRequestSchema.parse(d),
    );
    return { number: data.iid, url: data.web_url ?? existing.web_url, created: false };
  }

  private async markedIssues(marker: string, state: 'opened' | 'all'): Promise<GitLabIssue[]> {
    const tag = hiddenMarker(marker);
    const issues = await this.api().all(
      {
        method: 'GET',
        path: '/issues',
        query: {
          labels: ISSUE_LABEL,
          state: state === 'all' ? undefined : state,
          order_by: 'created_at',
          sort: 'desc',
        },
        access: 'access-token-only',
        what: 'list issues',
      },
      (data) => z.array(issueSchema).parse(data),
    );
    const ours = await this.tokenUserId();
    return issues.filter((i) => (i.description ?? '').includes(tag) && i.author?.id === ours);
  }

  private static ref(issue: GitLabIssue, created: boolean): IssueRef {
    return { number: issue.iid, url: issue.web_url, created, state: issue.state === 'closed' ? 'closed' : 'open' };
  }

  async findIssue(marker: string): Promise<IssueRef | undefined> {
    const [issue] = await this.markedIssues(marker, 'opened');
    return issue ? GitLabPlatform.ref(issue, false) : undefined;
  }

  async upsertIssue(marker: string, content: IssueContent, options: { reopen?: boolean } = {}): Promise<IssueRef> {
    const candidates = await this.markedIssues(marker, 'all');
    const target = candidates.find((i) => i.state === 'opened') ?? (options.reopen ? candidates[0] : undefined);
    const description = `${hiddenMarker(marker)}\n${content.body}`.slice(0, MAX_BODY);
    const labels = [...new Set([...(content.labels ?? []), ISSUE_LABEL])].join(',');
    if (target) {
      const { data } = await this.api().json(
        {
          method: 'PUT',
          path: `/issues/${target.iid}`,
          json: {
            title: content.title,
            description,
            labels,
            ...(target.state === 'closed' ? { state_event: 'reopen' } : {}),
          },
          access: 'access-token-only',
          what: `update issue #${target.iid}`,
        },
        (d) => issueSchema.parse(d),
      );
      return GitLabPlatform.ref(data, false);
    }
    const { data } = await this.api().json(
      {
        method: 'POST',
        path: '/issues',
        json: { title: content.title, description, labels },
        access: 'access-token-only',
        what: 'open an issue',
      },
      (d) => issueSchema.parse(d),
    );
    return GitLabPlatform.ref(data, true);
  }

  async mergedPullRequest(commit: string): Promise<MergedPullRequest | null> {
    const access = 'access-token-only' as const;
    const requests = await this.api().all(
      {
        method: 'GET',
        path: `/repository/commits/${commit}/merge_requests`,
        access,
        what: `find the merge request merged as ${commit.slice(0, 12)}`,
      },
      (d) =>
        z
          .array(
            z.object({
              iid: z.number(),
              state: z.string(),
              merge_commit_sha: z.string().nullish(),
              squash_commit_sha: z.string().nullish(),
              author: z.object({ username: z.string() }).nullish(),
            }),
          )
          .parse(d),
    );
    // Commit text names merge requests too, but only GitLab's own record says which one this commit merged.
    const merged = requests.find(
      (m) => m.state === 'merged' && (m.merge_commit_sha === commit || m.squash_commit_sha === commit),
    );
    if (!merged) return null;
    const { data } = await this.api().json(
      {
        method: 'GET',
        path: `/merge_requests/${merged.iid}/approvals`,
        access,
        what: `read the approvals of merge request !${merged.iid}`,
      },
      (d) =>
        z.object({ approved_by: z.array(z.object({ user: z.object({ username: z.string() }) })).default([]) }).parse(d),
    );
    return {
      number: merged.iid,
      ...(merged.author?.username ? { author: merged.author.username } : {}),
      approvedBy: data.approved_by.map((a) => a.user.username),
    };
  }

  async commentOnIssue(issue: number, body: string): Promise<void> {
    await this.api().send({
      method: 'POST',
      path: `/issues/${issue}/notes`,
      json: { body: body.slice(0, MAX_BODY) },
      access: 'access-token-only',
      what: `comment on issue #${issue}`,
    });
  }

  async closeIssue(issue: number, comment?: string): Promise<void> {
    if (comment) await this.commentOnIssue(issue, comment);
    await this.api().send({
      method: 'PUT',
      path: `/issues/${issue}`,
      json: { state_event: 'close' },
      access: 'access-token-only',
      what: `close issue #${issue}`,
    });
  }

  private async createDeployment(
    environment: string,
    ref: string,
    description: string,
  ): Promise<{ id: number; url?: string }> {
    const isTag = ref.startsWith('refs/tags/');
    const { data } = await this.api().json(
      {
        method: 'POST',
        path: '/deployments',
        json: {
          environment,
          sha: this.context.sha,
          ref: shortRef(ref) || this.context.defaultBranch,
          tag: isTag,
          status: 'running',
        },
        access: 'job-token-allowed',
        what: `create a deployment to ${environment}`,
      },
      (d) => deploymentSchema.parse(d),
    );
    // GitLab deployments have no description field; keep it in the job log.
    this.log.info(`GitLab deployment ${data.id} to ${environment}: ${description}`);
    this.deploymentState.set(data.id, { environmentId: data.environment?.id, status: data.status ?? 'running' });
    const projectUrl = this.env.CI_PROJECT_URL;
    const environmentId = data.environment?.id;
    return {
      id: data.id,
      url: projectUrl && environmentId !== undefined ? `${projectUrl}/-/environments/${environmentId}` : undefined,
    };
  }

  private async setDeploymentStatus(
    id: number,
    state: DeploymentState,
    description: string,
    environmentUrl?: string,
  ): Promise<void> {
    const status = gitlabDeploymentStatus(state);
    const known = this.deploymentState.get(id);
    if (known?.status !== status) {
      await this.api().send({
        method: 'PUT',
        path: `/deployments/${id}`,
        json: { status },
        access: 'job-token-allowed',
        what: `set deployment ${id} to ${status}`,
      });
      this.deploymentState.set(id, { ...known, status });
    }
    this.log.info(`GitLab deployment ${id}: ${status} (${description})`);
    if (environmentUrl && known?.environmentId !== undefined) {
      await this.api().send({
        method: 'PUT',
        path: `/environments/${known.environmentId}`,
        json: { external_url: environmentUrl },
        access: 'job-token-allowed',
        what: `set the URL of environment ${known.environmentId}`,
      });
    }
  }

  /** Starts a pipeline through the trigger API with MLOPS_GITLAB_TRIGGER_TOKEN, or CI_JOB_TOKEN. */
  async trigger(request: TriggerRequest): Promise<{ url?: string }> {
    const token = this.env.MLOPS_GITLAB_TRIGGER_TOKEN?.trim() || this.env.CI_JOB_TOKEN?.trim();
    if (!token) {
      throw new MlopsError('Cannot start the retraining pipeline: no trigger token.', {
        kind: 'config',
        expected: 'MLOPS_GITLAB_TRIGGER_TOKEN (a pipeline trigger token) or CI_JOB_TOKEN',
        hint: 'Create a pipeline trigger token in Settings > CI/CD > Pipeline trigger tokens and store it as MLOPS_GITLAB_TRIGGER_TOKEN.',
      });
    }
    const form = new URLSearchParams({ token, ref: shortRef(request.ref) || this.context.defaultBranch });
    for (const [key, value] of Object.entries(request.inputs)) form.set(`variables[${key}]`, value);
    const pipeline = await this.api().unauthenticated(
      { method: 'POST', path: '/trigger/pipeline', form, what: 'trigger the retraining pipeline' },
      (d) => pipelineSchema.parse(d),
    );
    return { url: pipeline.web_url };
  }
}
