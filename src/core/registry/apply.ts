/**
 * Applies merged stage changes: compares each model's stages.yaml with the state its GTO tags record and
 * creates the missing tags (<model>#<stage>#<n>, <model>#<stage>!#<n>, <model>@v<version>!#<n>) on the
 * version's registration commit, with who requested and who approved it in the tag message. Idempotent: a
 * second run finds nothing to do.
 */
import type { MergedPullRequest } from '../../platform/types.js';
import { MlopsError } from '../errors.js';
import { identityEnv } from './commit.js';
import { firstLines, git, gitRaw, hasRemote, listTags } from './git.js';
import { commitTree, listModels, readModel, workingTree } from './read.js';
import { isRaceRejection } from './register.js';
import { stagesFile } from './schema.js';
import { formatTagMessage, type TagFacts } from './tag-message.js';
import { formatTag, parseTag, type TagEvent } from './tags.js';

export interface AppliedChange {
  model: string;
  kind: 'assign' | 'unassign' | 'deprecate';
  stage?: string;
  version: string;
  tag: string;
  requestedBy?: string;
  approvedBy: string[];
  pullRequest?: number;
}

export interface Approval {
  commit: string;
  requestedBy?: string;
  approvedBy: string[];
  pullRequest?: number;
}

/**
 * Who asked and who approved, from the commit that last changed stages.yaml: GitHub merge commits ("Merge pull
 * request #12 from alice/branch"), squash merges ("Title (#12)"), GitLab ("See merge request group/p!12"), and
 * Approved-by / Reviewed-by trailers. The person who merged (the push's actor) approved it too. All of it is
 * text the requester can write: on GitHub and GitLab applyStages replaces it with the platform's own record
 * (mergedPullRequest); it stands only where there is none (local runs).
 */
export async function approvalOf(repoDir: string, file: string, mergedBy?: string, rev = 'HEAD'): Promise<Approval> {
  // First-parent history finds the merge commit on the branch, not the promotion commit inside the PR.
  const out = await git(repoDir, ['log', '-1', '--first-parent', '--format=%H%x1f%an%x1f%P%x1f%B', rev, '--', file]);
  const [commit = '', author = '', parents = '', mergeBody = ''] = out.split('\x1f');
  const second = parents.split(' ')[1];
  const proposal = second ? await git(repoDir, ['log', '-1', '--format=%B', second, '--', file]) : '';
  const body = `${mergeBody}\n${proposal}`;
  const approval: Approval = { commit, approvedBy: [] };
  const github = /Merge pull request #(\d+) from ([^/\s]+)\//.exec(body);
  const gitlab = /See merge request \S*!(\d+)/.exec(body);
  const squash = /\(#(\d+)\)\s*$/.exec(body.split('\n')[0] ?? '');
  if (github) {
    approval.pullRequest = Number(github[1]);
    approval.requestedBy = github[2];
  } else if (gitlab) {
    approval.pullRequest = Number(gitlab[1]);
  } else if (squash) {
    approval.pullRequest = Number(squash[1]);
  }
  const requested = /^Requested-by:\s*(.+)$/im.exec(body);
  if (requested && !approval.requestedBy) approval.requestedBy = requested[1]!.trim();
  approval.requestedBy ??= author;
  for (const t of body.matchAll(/^(?:Approved-by|Reviewed-by):\s*(.+)$/gim)) {
    const who = t[1]!.replace(/\s*<[^>]*>/, '').trim();
    if (who && !approval.approvedBy.includes(who)) approval.approvedBy.push(who);
  }
  if (mergedBy && !approval.approvedBy.includes(mergedBy)) approval.approvedBy.push(mergedBy);
  return approval;
}

/**
 * Who asked and who approved, from the platform's record of the pull request merged as the commit (never from
 * commit text: a squash commit lists the requester's own messages, so "Merge pull request #5" or an
 * Approved-by line in them would borrow another pull request's approvals). No pull request merged as the
 * commit: a direct push, requested and approved by whoever pushed. A platform that keeps no such record
 * (local runs) leaves the approval read from the commit as it is.
 */
async function verifiedApproval(request: ApplyRequest, approval: Approval): Promise<Approval> {
  const merger = request.mergedBy ? [request.mergedBy] : [];
  const direct: Approval = {
    commit: approval.commit,
    approvedBy: merger,
    ...(request.mergedBy ? { requestedBy: request.mergedBy } : {}),
  };
  let merged: MergedPullRequest | null | undefined;
  try {
    merged = await request.mergedPullRequest!(approval.commit);
  } catch (error) {
    request.warn?.(
      `Could not read which pull request merged ${approval.commit.slice(0, 12)} and who approved it (${(error as Error).message}); the stage tag records only who merged.`,
    );
    return direct;
  }
  if (merged === undefined) return approval;
  if (merged === null) return direct;
  return {
    commit: approval.commit,
    pullRequest: merged.number,
    ...(merged.author ? { requestedBy: merged.author } : {}),
    approvedBy: [...new Set([...merged.approvedBy, ...merger])],
  };
}

export interface ApplyRequest {
  repoDir: string;
  remote?: string;
  /** Who merged (the push event's actor). */
  mergedBy?: string;
  maxAttempts?: number;
  /** registry.stages: a merged stages.yaml naming another stage is refused before any tag is made. */
  allowedStages?: string[];
  /** The branch this run is for (the push's branch): stages are applied only from its current tip. */
  branch?: string;
  /**
   * The platform's own record of the pull request merged as a commit (number, author, approvers). When given,
   * the stage tag takes who asked and who approved from it and never from commit text, which the requester
   * writes; without it (local runs) the merge message and Approved-by / Reviewed-by trailers are all there is.
   */
  mergedPullRequest?: (commit: string) => Promise<MergedPullRequest | null | undefined>;
  /** Told when the platform could not be asked, so the tag records only who merged. */
  warn?: (message: string) => void;
}

export interface ApplyResult {
  changes: AppliedChange[];
  /** Set when the checkout was behind the branch: the stages were read from the branch tip instead. */
  plannedFrom?: { branch: string; checkout: string; tip: string };
}

/**
 * Where the stages to apply are read from: the branch tip when the checkout is behind it, else the checkout.
 * A re-run of an old job (or an old pipeline that ran late) would otherwise tag an old stages.yaml and roll a
 * stage back, and a job behind only because its own pipeline pushed a registration commit still applies.
 */
async function planSource(
  repoDir: string,
  remote: string,
  branch: string,
): Promise<ApplyResult['plannedFrom'] | undefined> {
  const tracking = `refs/remotes/${remote}/${branch}`;
  const fetched = await gitRaw(repoDir, ['fetch', '--quiet', '--force', remote, `+refs/heads/${branch}:${tracking}`]);
  if (fetched.code !== 0) return undefined;
  const [tip, checkout] = await Promise.all([
    git(repoDir, ['rev-parse', tracking]),
    git(repoDir, ['rev-parse', 'HEAD']),
  ]);
  if (!tip || !checkout || tip === checkout) return undefined;
  const behind = await gitRaw(repoDir, ['merge-base', '--is-ancestor', checkout, tip]);
  return behind.code === 0 ? { branch, checkout, tip } : undefined;
}

export async function applyStages(request: ApplyRequest): Promise<ApplyResult> {
  const { repoDir } = request;
  const remote = request.remote ?? 'origin';
  const useRemote = await hasRemote(repoDir, remote);
  const attempts = request.maxAttempts ?? 5;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (useRemote) await gitRaw(repoDir, ['fetch', '--quiet', '--force', remote, '+refs/tags/*:refs/tags/*']);
    const plannedFrom = useRemote && request.branch ? await planSource(repoDir, remote, request.branch) : undefined;
    const planned = await planTags(request, plannedFrom?.tip);
    if (planned.length === 0) return { changes: [], ...(plannedFrom ? { plannedFrom } : {}) };
    const env = await identityEnv(repoDir);
    const created: string[] = [];
    let clash = false;
    for (const p of planned) {
      const r = await gitRaw(repoDir, ['tag', '-a', p.change.tag, p.commit, '-F', '-'], { env, input: p.message });
      if (r.code !== 0) {
        clash = true;
        break;
      }
      created.push(p.change.tag);
    }
    if (!clash && useRemote) {
      const pushed = await gitRaw(repoDir, [
        'push',
        '--atomic',
        '--porcelain',
        remote,
        ...created.map((t) => `refs/tags/${t}`),
      ]);
      if (pushed.code !== 0) {
        clash = true;
        if (!isRaceRejection(`${pushed.stdout}\n${pushed.stderr}`)) {
          for (const t of created) await gitRaw(repoDir, ['tag', '-d', t]);
          throw new MlopsError(`Cannot push stage tags: ${firstLines(pushed.stderr)}`, {
            kind: 'api',
            hint: 'The job needs permission to push tags (GitHub: permissions: contents: write), and no tag rule (ruleset, protected tags) may forbid <model>#<stage>#<n> tags.',
          });
        }
      }
    }
    if (!clash) return { changes: planned.map((p) => p.change), ...(plannedFrom ? { plannedFrom } : {}) };
    for (const t of created) await gitRaw(repoDir, ['tag', '-d', t]);
  }
  throw new MlopsError('Could not apply stage changes: another job kept creating stage tags at the same time.', {
    kind: 'api',
    hint: 'Run the job again; it only creates the tags that are still missing.',
  });
}

interface PlannedTag {
  change: AppliedChange;
  commit: string;
  message: string;
}

async function planTags(request: ApplyRequest, commit?: string): Promise<PlannedTag[]> {
  const { repoDir, mergedBy, allowedStages } = request;
  const planned: PlannedTag[] = [];
  const source = commit ? commitTree(repoDir, commit) : workingTree(repoDir);
  for (const name of await listModels(source)) {
    const model = await readModel(repoDir, name, source);
    const tags = await listTags(repoDir, `${name}[@#]*`);
    const versionCommit = new Map<string, string>();
    let counter = 0;
    const applied: Record<string, string> = {};
    const deregistered = new Set<string>();
    for (const tag of tags) {
      const event = parseTag(tag.name);
      if (!tag.annotated || !event || event.name !== name) continue;
      counter = Math.max(counter, event.counter ?? 0);
      if (event.kind === 'register') versionCommit.set(event.version, tag.commit);
      if (event.kind === 'deregister') deregistered.add(event.version);
    }
    for (const h of model.history) {
      if (h.action === 'assign') applied[h.stage] = h.version;
      else if (applied[h.stage] === h.version) delete applied[h.stage];
    }
    const desired = model.stages;
    const unknown = Object.keys(desired.stages).filter((stage) => allowedStages && !allowedStages.includes(stage));
    if (unknown.length) {
      throw new MlopsError(`${stagesFile(name)} assigns stage "${unknown[0]}", which is not allowed.`, {
        kind: 'input',
        where: { file: stagesFile(name), path: `stages.${unknown[0]}` },
        expected: `one of ${allowedStages!.join(', ')} (registry.stages in mlops.yaml)`,
        found: unknown.join(', '),
        hint: 'Fix stages.yaml in a new pull request; no stage tag was created.',
      });
    }
    const changes: { kind: AppliedChange['kind']; stage?: string; version: string }[] = [];
    for (const stage of Object.keys({ ...applied, ...desired.stages }).sort()) {
      const want = desired.stages[stage];
      const have = applied[stage];
      if (want === have) continue;
      if (want) changes.push({ kind: 'assign', stage, version: want });
      else if (have) changes.push({ kind: 'unassign', stage, version: have });
    }
    for (const v of desired.deprecated) if (!deregistered.has(v)) changes.push({ kind: 'deprecate', version: v });
    if (changes.length === 0) continue;
    const parsed = await approvalOf(repoDir, stagesFile(name), mergedBy, commit);
    const approval = request.mergedPullRequest ? await verifiedApproval(request, parsed) : parsed;
    for (const c of changes) {
      const commit = versionCommit.get(c.version);
      if (!commit) {
        throw new MlopsError(
          `stages.yaml of ${name} names version ${c.version}, which has no ${name}@v${c.version} tag.`,
          {
            kind: 'input',
            where: { file: stagesFile(name) },
            hint: 'Promote only registered versions (mlops registry show). Fetch tags first in CI (fetch-depth: 0 / fetch-tags: true).',
          },
        );
      }
      counter += 1;
      const event: TagEvent =
        c.kind === 'assign'
          ? { kind: 'assign', name, stage: c.stage!, counter }
          : c.kind === 'unassign'
            ? { kind: 'unassign', name, stage: c.stage!, counter }
            : { kind: 'deregister', name, version: c.version, counter };
      const tag = formatTag(event);
      const facts: TagFacts = {
        version: c.version,
        approvedBy: approval.approvedBy,
        commit: approval.commit,
        ...(approval.requestedBy ? { requestedBy: approval.requestedBy } : {}),
        ...(approval.pullRequest !== undefined ? { pullRequest: approval.pullRequest } : {}),
      };
      const subject =
        c.kind === 'assign'
          ? `Assigning stage ${c.stage} to ${name} version ${c.version}`
          : c.kind === 'unassign'
            ? `Unassigning stage ${c.stage} from ${name} version ${c.version}`
            : `Deregistering ${name} version ${c.version}`;
      planned.push({
        change: {
          model: name,
          kind: c.kind,
          ...(c.stage ? { stage: c.stage } : {}),
          version: c.version,
          tag,
          approvedBy: approval.approvedBy,
          ...(approval.requestedBy ? { requestedBy: approval.requestedBy } : {}),
          ...(approval.pullRequest !== undefined ? { pullRequest: approval.pullRequest } : {}),
        },
        commit,
        message: formatTagMessage(subject, facts),
      });
    }
  }
  return planned;
}
