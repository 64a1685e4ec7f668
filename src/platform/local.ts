/**
 * The local platform: a developer's terminal. Comments, issues, deployments and triggers are recorded as
 * JSON files under .mlops/local/ so that `mlops demo` (and a curious user) can see what CI would have done.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { writeFileAtomic } from '../core/fs.js';
import { DirectoryArtifactStore, DirectoryCache } from './local-store.js';
import { ConsoleLogger } from './logger.js';
import { progressWanted, TerminalProgress } from './progress.js';
import {
  type CommentOptions,
  type CommentRef,
  type DeploymentState,
  hiddenMarker,
  type IssueContent,
  type IssueRef,
  type Logger,
  type Platform,
  type PullRequestRef,
  type PullRequestRequest,
  type RunContext,
  type TriggerRequest,
} from './types.js';

interface LocalState {
  comments: { id: number; body: string; updatedAt: string; pullRequest?: number }[];
  issues: {
    number: number;
    title: string;
    body: string;
    labels: string[];
    state: 'open' | 'closed';
    comments: string[];
  }[];
  deployments: {
    id: number;
    environment: string;
    ref: string;
    description: string;
    statuses: { state: DeploymentState; description: string; at: string }[];
  }[];
  triggers: (TriggerRequest & { at: string })[];
  /** Pull requests CI would have opened (absent in files written before they were recorded). */
  pullRequests?: (Required<PullRequestRequest> & { number: number; state: 'open'; updatedAt: string })[];
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function localContext(workspace: string): RunContext {
  const sha = git(workspace, ['rev-parse', 'HEAD']) ?? '0'.repeat(40);
  const branch = git(workspace, ['rev-parse', '--abbrev-ref', 'HEAD']) ?? 'main';
  return {
    platform: 'local',
    repository: basename(workspace),
    workspace,
    sha,
    ref: `refs/heads/${branch}`,
    defaultBranch: git(workspace, ['config', 'init.defaultBranch']) || 'main',
    event: 'dispatch',
    actor: process.env.USER,
  };
}

export interface LocalPlatformOptions {
  workspace?: string;
  inputs?: Record<string, string | undefined>;
  verbose?: boolean;
  logger?: Logger;
  /** Where summaries go; default: the logger. */
  onSummary?: (markdown: string) => void;
  /** Show a spinner with elapsed time during long work when stderr is a terminal (the CLI sets this). */
  progress?: boolean;
}

export class LocalPlatform implements Platform {
  readonly name = 'local' as const;
  readonly context: RunContext;
  readonly log: Logger;
  readonly outputs: Record<string, string> = {};
  readonly summaries: string[] = [];
  readonly artifacts: DirectoryArtifactStore;
  readonly cache: DirectoryCache;
  private readonly stateFile: string;
  private readonly progress: TerminalProgress | undefined;

  constructor(private readonly options: LocalPlatformOptions = {}) {
    const workspace = resolve(options.workspace ?? process.cwd());
    this.context = localContext(workspace);
    this.progress =
      options.progress && progressWanted(process.stderr) ? new TerminalProgress(process.stderr) : undefined;
    this.log =
      options.logger ??
      new ConsoleLogger({ verbose: options.verbose, color: process.stdout.isTTY, progress: this.progress });
    this.artifacts = new DirectoryArtifactStore(
      resolve(process.env.MLOPS_ARTIFACT_DIR ?? join(workspace, '.mlops', 'artifacts')),
    );
    this.cache = new DirectoryCache(
      resolve(process.env.MLOPS_CACHE_DIR ?? join(homedir(), '.cache', 'mlops-actions', 'cache')),
      workspace,
    );
    this.stateFile = join(workspace, '.mlops', 'local', 'platform.json');
  }

  /** Runs fn with a spinner (label and elapsed time) on a terminal; plain otherwise. */
  async withProgress<T>(label: string, fn: () => Promise<T>): Promise<T> {
    if (!this.progress) return fn();
    this.progress.start(label);
    try {
      return await fn();
    } finally {
      this.progress.stop();
    }
  }

  getInput(name: string): string | undefined {
    const value = this.options.inputs?.[name] ?? process.env[`MLOPS_INPUT_${name.replace(/[- ]/g, '_').toUpperCase()}`];
    return value === '' ? undefined : value;
  }

  setOutput(name: string, value: string): void {
    this.outputs[name] = value;
  }

  async appendSummary(markdown: string): Promise<void> {
    this.summaries.push(markdown);
    if (this.options.onSummary) this.options.onSummary(markdown);
  }

  private async state(): Promise<LocalState> {
    if (!existsSync(this.stateFile)) return { comments: [], issues: [], deployments: [], triggers: [] };
    return JSON.parse(await readFile(this.stateFile, 'utf8')) as LocalState;
  }

  private async save(state: LocalState): Promise<void> {
    await mkdir(join(this.stateFile, '..'), { recursive: true });
    await writeFileAtomic(this.stateFile, `${JSON.stringify(state, null, 2)}\n`);
  }

  async upsertComment(marker: string, body: string, options: CommentOptions = {}): Promise<CommentRef> {
    const state = await this.state();
    const tagged = `${hiddenMarker(marker)}\n${body}`;
    const pullRequest = options.pullRequest ?? this.context.pullRequest;
    const existing = state.comments.find(
      (c) => c.body.startsWith(hiddenMarker(marker)) && c.pullRequest === pullRequest,
    );
    const at = new Date().toISOString();
    if (existing) {
      existing.body = tagged;
      existing.updatedAt = at;
    } else {
      state.comments.push({
        id: state.comments.length + 1,
        body: tagged,
        updatedAt: at,
        ...(pullRequest !== undefined ? { pullRequest } : {}),
      });
    }
    await this.save(state);
    const id = existing?.id ?? state.comments.length;
    return { id, url: `${this.stateFile}#comment-${id}`, created: !existing };
  }

  async openPullRequest(request: PullRequestRequest): Promise<PullRequestRef> {
    const state = await this.state();
    state.pullRequests ??= [];
    const pullRequests = state.pullRequests;
    const existing = pullRequests.find((p) => p.state === 'open' && p.head === request.head && p.base === request.base);
    const updatedAt = new Date().toISOString();
    const fields = { title: request.title, body: request.body, updatedAt };
    let number: number;
    if (existing) {
      Object.assign(existing, fields, request.labels ? { labels: request.labels } : {});
      number = existing.number;
    } else {
      number = pullRequests.length + 1;
      pullRequests.push({
        number,
        head: request.head,
        base: request.base,
        labels: request.labels ?? [],
        state: 'open',
        ...fields,
      });
    }
    await this.save(state);
    return { number, url: `${this.stateFile}#pull-request-${number}`, created: !existing };
  }

  async findIssue(marker: string): Promise<IssueRef | undefined> {
    const state = await this.state();
    const issue = state.issues.find((i) => i.state === 'open' && i.body.includes(hiddenMarker(marker)));
    return issue
      ? { number: issue.number, created: false, state: issue.state, url: `${this.stateFile}#issue-${issue.number}` }
      : undefined;
  }

  async upsertIssue(marker: string, content: IssueContent, options: { reopen?: boolean } = {}): Promise<IssueRef> {
    const state = await this.state();
    const body = `${hiddenMarker(marker)}\n${content.body}`;
    const candidates = state.issues.filter((i) => i.body.includes(hiddenMarker(marker)));
    let issue = candidates.find((i) => i.state === 'open') ?? (options.reopen ? candidates.at(-1) : undefined);
    const created = !issue;
    if (issue) {
      Object.assign(issue, { title: content.title, body, labels: content.labels ?? issue.labels, state: 'open' });
    } else {
      issue = {
        number: state.issues.length + 1,
        title: content.title,
        body,
        labels: content.labels ?? [],
        state: 'open',
        comments: [],
      };
      state.issues.push(issue);
    }
    await this.save(state);
    return { number: issue.number, created, state: 'open', url: `${this.stateFile}#issue-${issue.number}` };
  }

  async mergedPullRequest(): Promise<undefined> {
    return undefined;
  }

  async commentOnIssue(number: number, body: string): Promise<void> {
    const state = await this.state();
    const issue = state.issues.find((i) => i.number === number);
    if (issue) issue.comments.push(body);
    await this.save(state);
  }

  async closeIssue(number: number, comment?: string): Promise<void> {
    const state = await this.state();
    const issue = state.issues.find((i) => i.number === number);
    if (issue) {
      if (comment) issue.comments.push(comment);
      issue.state = 'closed';
    }
    await this.save(state);
  }

  readonly deployments = {
    create: async (environment: string, ref: string, description: string) => {
      const state = await this.state();
      const id = state.deployments.length + 1;
      state.deployments.push({ id, environment, ref, description, statuses: [] });
      await this.save(state);
      return { id };
    },
    setStatus: async (id: number, stateName: DeploymentState, description: string) => {
      const state = await this.state();
      state.deployments
        .find((d) => d.id === id)
        ?.statuses.push({ state: stateName, description, at: new Date().toISOString() });
      await this.save(state);
    },
  };

  async trigger(request: TriggerRequest): Promise<{ url?: string }> {
    const state = await this.state();
    state.triggers.push({ ...request, at: new Date().toISOString() });
    await this.save(state);
    return { url: `${this.stateFile}#trigger-${state.triggers.length}` };
  }
}
