/**
 * The one seam between the core and a CI system. Core code never imports @actions/* or calls a
 * platform API directly; it receives a Platform. github.ts, gitlab.ts and local.ts implement it and
 * all pass the same contract test (test/platform/contract.test.ts).
 */
import type { Location } from '../core/errors.js';

export type PlatformName = 'github' | 'gitlab' | 'local';

export type EventName = 'push' | 'pull_request' | 'schedule' | 'dispatch' | 'workflow_run' | 'tag' | 'other';

export interface RunContext {
  platform: PlatformName;
  /** "owner/name" on GitHub, "group/project" path on GitLab, directory name locally. */
  repository: string;
  /** Absolute path of the checked-out repository. */
  workspace: string;
  sha: string;
  /** Full ref, e.g. refs/heads/main. */
  ref: string;
  defaultBranch: string;
  event: EventName;
  /** Pull request (GitHub) or merge request (GitLab) number when the run is for one. */
  pullRequest?: number;
  /** The base branch of that PR/MR. */
  baseRef?: string;
  /** A link people can open to see this run. */
  runUrl?: string;
  /** Who started the run. */
  actor?: string;
}

export interface Annotation extends Location {
  title?: string;
}

export interface Logger {
  info(message: string): void;
  warning(message: string, annotation?: Annotation): void;
  error(message: string, annotation?: Annotation): void;
  /** Shown only with RUNNER_DEBUG=1 / --verbose. */
  debug(message: string): void;
  /** A collapsible group in CI logs (::group:: on GitHub, section markers on GitLab). */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

export interface CommentRef {
  id: number;
  url?: string;
  /** true when a new comment was created, false when our existing one was updated. */
  created: boolean;
}

export interface IssueRef {
  number: number;
  url?: string;
  created: boolean;
  state: 'open' | 'closed';
}

export interface IssueContent {
  title: string;
  body: string;
  labels?: string[];
}

export interface PullRequestRequest {
  /** The branch with the changes (already pushed). */
  head: string;
  /** The branch to merge into. */
  base: string;
  title: string;
  body: string;
  labels?: string[];
}

export interface PullRequestRef {
  /** PR number on GitHub, MR iid on GitLab. */
  number: number;
  url?: string;
  /** true when a new PR/MR was opened, false when the open one from head to base was updated. */
  created: boolean;
}

export interface CommentOptions {
  /** The PR/MR to comment on when it is not this run's own (a workflow_run job posting for a pull request). */
  pullRequest?: number;
}

export interface StoredArtifact {
  /** Where the artifact can be downloaded from (release asset URL, package URL, file path). */
  url: string;
  sha256: string;
  size: number;
  /** True when this call stored it; false when identical content was already there. */
  created?: boolean;
}

export interface ArtifactStore {
  /**
   * Store a file under a namespace (model name) and version, e.g. ("churn", "1.2.0", "model.onnx").
   * Verifies the stored bytes by sha256. Storing identical content again is a no-op that returns the
   * existing artifact; different content under an existing name is an error.
   */
  put(namespace: string, version: string, file: string, name?: string): Promise<StoredArtifact>;
  /** Download to dest and verify the sha256; a mismatch is an error and leaves no file at dest. */
  get(namespace: string, version: string, name: string, dest: string, sha256: string): Promise<void>;
  /**
   * Removes an artifact this job stored under a version number that another job then took: best effort, it
   * never throws; false when the store refused or nothing was there.
   */
  discard(namespace: string, version: string, name: string): Promise<boolean>;
}

export interface CacheStore {
  /** Restores paths; returns the key that matched (exact or by prefix), or undefined on a miss. */
  restore(paths: string[], key: string, restoreKeys?: string[]): Promise<string | undefined>;
  /** Saves paths under key. Never fails the job when the cache service refuses; returns false then. */
  save(paths: string[], key: string): Promise<boolean>;
}

export type DeploymentState = 'pending' | 'in_progress' | 'success' | 'failure' | 'error' | 'inactive';

export interface DeploymentsApi {
  create(environment: string, ref: string, description: string): Promise<{ id: number; url?: string }>;
  setStatus(id: number, state: DeploymentState, description: string, environmentUrl?: string): Promise<void>;
}

export interface TriggerRequest {
  /** GitHub: workflow file name (workflow_dispatch) or an event type (repository_dispatch). GitLab: ignored. */
  workflow?: string;
  eventType?: string;
  ref: string;
  inputs: Record<string, string>;
}

export interface MergedPullRequest {
  number: number;
  author?: string;
  approvedBy: string[];
}

export interface Platform {
  readonly name: PlatformName;
  readonly context: RunContext;
  readonly log: Logger;

  /** An action input (INPUT_* on GitHub, MLOPS_INPUT_* / CLI flags elsewhere); undefined when unset or empty. */
  getInput(name: string): string | undefined;
  setOutput(name: string, value: string): void;
  appendSummary(markdown: string): Promise<void>;

  /** Create or update (never duplicate) our comment on the current PR/MR (or options.pullRequest), found by a hidden marker. */
  upsertComment(marker: string, body: string, options?: CommentOptions): Promise<CommentRef>;
  /**
   * Open a pull request (GitHub) / merge request (GitLab) from head into base; idempotent: when one is already
   * open from head to base, its title and body are updated and it is returned with created false.
   */
  openPullRequest(request: PullRequestRequest): Promise<PullRequestRef>;
  /** Open or update the one issue carrying marker; reopens a closed one when reopen is true. */
  upsertIssue(marker: string, content: IssueContent, options?: { reopen?: boolean }): Promise<IssueRef>;
  /** The open issue carrying marker, if any. */
  findIssue(marker: string): Promise<IssueRef | undefined>;
  commentOnIssue(issue: number, body: string): Promise<void>;
  closeIssue(issue: number, comment?: string): Promise<void>;
  /**
   * The pull (merge) request that the platform merged as `commit`, with its author and approvers (GitHub:
   * reviews whose latest verdict is an approval, by accounts with write access; GitLab: the approvals API).
   * null when no pull request was merged as that commit (a direct push); undefined where the platform keeps no
   * such record (local runs).
   */
  mergedPullRequest(commit: string): Promise<MergedPullRequest | null | undefined>;

  readonly artifacts: ArtifactStore;
  readonly cache: CacheStore;
  readonly deployments: DeploymentsApi;
  /** Start the retraining workflow/pipeline. */
  trigger(request: TriggerRequest): Promise<{ url?: string }>;
}

/** The hidden marker embedded in comments and issues; versioned so the format can change safely. */
export function hiddenMarker(marker: string): string {
  return `<!-- mlops-actions:v1:${marker} -->`;
}
