/**
 * Promotion, demotion and deprecation are changes to stages.yaml proposed as a pull request: the branch holds
 * one commit changing the file, and the PR body carries the card and the comparison with the current holder.
 * Merging is the approval; apply-stages then records it in GTO stage tags.
 */
import { MlopsError } from '../errors.js';
import { commitFiles, currentBranch, identityEnv, revParse } from './commit.js';
import type { RegistryConfig } from './config.js';
import { fetchBranchAndTags, firstLines, gitRaw, hasRemote } from './git.js';
import { commitTree, readModel, workingTree } from './read.js';
import { type ModelVersion, stagesFile } from './schema.js';
import { formatStages, type StageChange, type StagesDocument } from './stages.js';

export type PromoteAction = 'assign' | 'unassign' | 'deprecate';

export interface PromoteRequest {
  repoDir: string;
  name: string;
  version: string;
  /** Required for assign/unassign. */
  stage?: string;
  action: PromoteAction;
  config: RegistryConfig;
  branch?: string;
  /** The base branch when the checkout is detached. */
  fallbackBranch?: string;
  remote?: string;
  requestedBy?: string;
  /** Push the promotion branch to the remote (true in CI; the CLI pushes when a remote exists). */
  push?: boolean;
}

export interface PromotionPlan {
  name: string;
  action: PromoteAction;
  stage?: string;
  version: ModelVersion;
  /** Holder of the stage before the change (for the comparison). */
  current?: ModelVersion;
  change: StageChange;
  before: StagesDocument;
  after: StagesDocument;
  /** The branch with the change, e.g. mlops/promote/penguins-1.2.0-production. */
  head: string;
  base: string;
  commit: string;
  pushed: boolean;
  title: string;
}

export async function planPromotion(request: PromoteRequest): Promise<PromotionPlan> {
  const { repoDir, name, version, config, action } = request;
  if (action !== 'deprecate') {
    if (!request.stage)
      throw new MlopsError('A stage is required.', { kind: 'usage', expected: config.stages.join(', ') });
    if (!config.stages.includes(request.stage)) {
      throw new MlopsError(`Stage "${request.stage}" is not allowed.`, {
        kind: 'usage',
        expected: `one of ${config.stages.join(', ')} (registry.stages in mlops.yaml)`,
        found: request.stage,
        hint: 'Use an allowed stage, or add it to registry.stages in mlops.yaml (in its own reviewed change).',
      });
    }
  }
  const remote = request.remote ?? 'origin';
  const useRemote = await hasRemote(repoDir, remote);
  const base = request.branch ?? config.branch ?? (await currentBranch(repoDir)) ?? request.fallbackBranch ?? 'main';
  let baseCommit: string | undefined;
  if (useRemote) {
    const fetched = await fetchBranchAndTags(repoDir, remote, base);
    if (fetched.code === 0) baseCommit = await revParse(repoDir, `refs/remotes/${remote}/${base}`);
  }
  baseCommit ??= await revParse(repoDir, 'HEAD');
  if (!baseCommit) throw new MlopsError('The repository has no commits.', { kind: 'input', where: { file: repoDir } });
  const model = await readModel(repoDir, name, baseCommit ? commitTree(repoDir, baseCommit) : workingTree(repoDir));
  const target = model.versions.find((v) => v.version === version);
  if (!target) {
    throw new MlopsError(`${name} ${version} is not registered.`, {
      kind: 'input',
      expected: model.versions.length
        ? `one of ${model.versions.map((v) => v.version).join(', ')}`
        : 'a registered version',
      found: version,
      hint: `See the versions with: mlops registry show ${name}`,
    });
  }
  const before = model.stages;
  const after: StagesDocument = { model: name, stages: { ...before.stages }, deprecated: [...before.deprecated] };
  let change: StageChange;
  let title: string;
  const stage = request.stage!;
  if (action === 'assign') {
    if (target.deprecated) {
      throw new MlopsError(`${name} ${version} is deprecated and cannot be promoted.`, {
        kind: 'input',
        found: version,
      });
    }
    if (before.stages[stage] === version) {
      throw new MlopsError(`${name} ${version} already holds stage ${stage}.`, {
        kind: 'input',
        hint: 'Nothing to change.',
      });
    }
    after.stages[stage] = version;
    change = { kind: 'assign', stage, version, ...(before.stages[stage] ? { previous: before.stages[stage] } : {}) };
    title = `Promote ${name} ${version} to ${stage}`;
  } else if (action === 'unassign') {
    if (before.stages[stage] !== version) {
      throw new MlopsError(`${name} ${version} does not hold stage ${stage}.`, {
        kind: 'input',
        found: before.stages[stage] ? `${stage} is held by ${before.stages[stage]}` : `${stage} is not assigned`,
      });
    }
    delete after.stages[stage];
    change = { kind: 'unassign', stage, version };
    title = `Demote ${name} ${version} from ${stage}`;
  } else {
    if (before.deprecated.includes(version)) {
      throw new MlopsError(`${name} ${version} is already deprecated.`, { kind: 'input' });
    }
    after.deprecated.push(version);
    for (const [s, v] of Object.entries(after.stages)) if (v === version) delete after.stages[s];
    change = { kind: 'deprecate', version };
    title = `Deprecate ${name} ${version}`;
  }
  const current =
    action === 'assign' && before.stages[stage]
      ? model.versions.find((v) => v.version === before.stages[stage])
      : undefined;
  const head = `mlops/${action === 'assign' ? 'promote' : action === 'unassign' ? 'demote' : 'deprecate'}/${name}-${version}${action === 'deprecate' ? '' : `-${stage}`}`;
  const env = await identityEnv(repoDir);
  const commit = await commitFiles(
    repoDir,
    baseCommit,
    { [stagesFile(name)]: formatStages(after) },
    `${title}\n\nRequested-by: ${request.requestedBy ?? 'unknown'}\n`,
    env,
  );
  const branched = await gitRaw(repoDir, ['branch', '--force', head, commit]);
  if (branched.code !== 0) {
    throw new MlopsError(`Cannot create branch ${head}: ${firstLines(branched.stderr)}`, { kind: 'internal' });
  }
  let pushed = false;
  if (useRemote && request.push !== false) {
    const result = await gitRaw(repoDir, ['push', '--force', '--porcelain', remote, `${commit}:refs/heads/${head}`]);
    if (result.code !== 0) {
      throw new MlopsError(`Cannot push the promotion branch ${head}: ${firstLines(result.stderr)}`, {
        kind: 'api',
        hint: 'The job needs permission to push branches (GitHub: permissions: contents: write).',
      });
    }
    pushed = true;
  }
  return {
    name,
    action,
    ...(action === 'deprecate' ? {} : { stage }),
    version: target,
    ...(current ? { current } : {}),
    change,
    before,
    after,
    head,
    base,
    commit,
    pushed,
    title,
  };
}
