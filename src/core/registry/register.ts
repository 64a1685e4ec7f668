/**
 * Registration: choose the next version, upload the model, write model.json + card, commit, tag
 * <model>@v<version> and push branch and tag in one atomic push. When someone else pushed first, fetch,
 * recompute the version on the new tip and try again (bounded). Re-registering the same model bytes from the
 * same training run finds the existing version and changes nothing.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { ArtifactStore, Logger } from '../../platform/types.js';
import { MlopsError } from '../errors.js';
import { sha256File } from '../fs.js';
import { commitFiles, currentBranch, fastForwardCheckout, identityEnv, revParse } from './commit.js';
import type { RegistryConfig } from './config.js';
import { fetchBranchAndTags, firstLines, gitOk, gitRaw, hasRemote, listTags } from './git.js';
import { commitTree, readVersions, workingTree } from './read.js';
import { type ModelSignature, type ModelVersion, type StoredModelArtifact, versionDir } from './schema.js';
import { type Bump, bumpSemver, compareSemver, isSemver } from './semver.js';
import { readOnnxFacts } from './signature.js';
import { formatTagMessage } from './tag-message.js';
import { isGtoName, versionTagName } from './tags.js';

export interface Versioning {
  rule: string;
  previous: string | null;
  bump: 'initial' | 'major' | 'minor' | 'patch' | 'explicit';
  reason: string;
}

export interface BuildContext {
  version: string;
  tag: string;
  previous: ModelVersion | undefined;
  artifact: StoredModelArtifact;
  signature: ModelSignature;
  metadata: Record<string, string>;
  versioning: Versioning;
}

export interface RegisterRequest {
  repoDir: string;
  name: string;
  modelFile: string;
  store: ArtifactStore;
  /** github-release | gitlab-package | local */
  storeKind: string;
  config: RegistryConfig;
  /** Register exactly this version (fails when it exists). */
  version?: string;
  /** Bump told by the user, overriding the rule. */
  bump?: Bump;
  /** The training run that produced the model: with the sha256 it makes a registration idempotent. */
  trainRunId?: string;
  /**
   * Whether a registered version came from the same training run as this model (default: same trainRunId).
   * Together with an equal sha256 that makes the registration a re-run that registers nothing.
   */
  sameRun?: (version: ModelVersion) => boolean;
  branch?: string;
  /** The branch when the checkout is detached (GitLab CI, some GitHub events): the run's ref or default branch. */
  fallbackBranch?: string;
  remote?: string;
  requestedBy?: string;
  log?: Pick<Logger, 'info' | 'debug' | 'warning'>;
  /** Builds model.json and the other files of the version once its number is known. */
  build(ctx: BuildContext): Promise<{ modelVersion: ModelVersion; files: Record<string, string> }>;
}

export interface RegisterResult {
  status: 'registered' | 'existing';
  version: ModelVersion;
  tag: string;
  commit: string | undefined;
  attempts: number;
  /** False when the local checkout could not be moved to the registration commit (it diverged). */
  checkoutUpdated: boolean;
}

export function chooseVersion(
  versions: ModelVersion[],
  signature: ModelSignature,
  config: RegistryConfig,
  told: { version?: string; bump?: Bump },
  takenTags: Set<string>,
): { version: string; versioning: Versioning; previous: ModelVersion | undefined } {
  const previous = versions.at(-1);
  const rule =
    config.bump === 'auto' ? 'auto: major when the input signature changes, minor otherwise' : `always ${config.bump}`;
  if (told.version) {
    return {
      version: told.version,
      previous,
      versioning: { rule, previous: previous?.version ?? null, bump: 'explicit', reason: 'version given explicitly' },
    };
  }
  if (!previous) {
    // A tag without registry files (deregistered, pushed by hand, or GTO's own) still owns its number.
    let version = config.initialVersion;
    while (takenTags.has(version)) version = bumpSemver(version, 'minor');
    return {
      version,
      previous,
      versioning: { rule, previous: null, bump: 'initial', reason: 'first registration of this model' },
    };
  }
  let bump: Bump;
  let reason: string;
  if (told.bump) {
    bump = told.bump;
    reason = `${bump} bump requested`;
  } else if (config.bump === 'auto') {
    const changed = previous.signature.inputsHash !== signature.inputsHash;
    bump = changed ? 'major' : 'minor';
    reason = changed
      ? `input signature changed since ${previous.version}: ${describeSignatureChange(previous.signature, signature)}`
      : `same input signature as ${previous.version}`;
  } else {
    bump = config.bump;
    reason = `registry.bump is ${config.bump}`;
  }
  let version = bumpSemver(previous.version, bump);
  // A tag without registry files (deregistered, or pushed by hand) still owns its number.
  while (takenTags.has(version)) version = bumpSemver(version, bump === 'major' ? 'major' : 'minor');
  return { version, previous, versioning: { rule, previous: previous.version, bump, reason } };
}

function describeSignatureChange(before: ModelSignature, after: ModelSignature): string {
  const a = new Map(before.inputs.map((i) => [i.name, i.type]));
  const b = new Map(after.inputs.map((i) => [i.name, i.type]));
  const added = [...b.keys()].filter((k) => !a.has(k));
  const removed = [...a.keys()].filter((k) => !b.has(k));
  const retyped = [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k));
  const parts = [];
  if (added.length) parts.push(`added ${added.join(', ')}`);
  if (removed.length) parts.push(`removed ${removed.join(', ')}`);
  if (retyped.length) parts.push(`type changed: ${retyped.join(', ')}`);
  return parts.join('; ') || 'input order or rank changed';
}

/**
 * A push that lost a race (the branch moved, the tag was taken, the lease went stale), as opposed to a refusal by
 * the remote's rules (protected branch, rulesets, hooks) or auth and network failures, which no retry will fix.
 * Reads `git push --porcelain`: a refused ref is `!<TAB>src:dst<TAB>[rejected] (fetch first)`; in an atomic push
 * the other refs then say `[remote rejected] (atomic push failed)`.
 */
export function isRaceRejection(output: string): boolean {
  const raced =
    /^(fetch first|non-fast-forward|already exists|stale info|cannot lock ref|failed to update ref|incorrect old value)/;
  // A ref that moved between the remote's check and its update: the transaction fails for every ref, and only
  // the remote's stderr says why.
  let race = /cannot lock ref '[^']*': (is at [0-9a-f]+ but expected|reference already exists)/.test(output);
  for (const line of output.split('\n')) {
    const refused = /\[(remote )?rejected\] \(([^)]*)\)/.exec(line);
    if (!refused) continue;
    const reason = refused[2]!.trim();
    if (raced.test(reason)) race = true;
    else if (reason !== 'atomic push failed' && reason !== 'atomic transaction failed') return false;
  }
  return race;
}

/** Versions that annotated tags own (GTO counts only annotated tags; GitHub's release tags are lightweight). */
async function registeredTags(repoDir: string, name: string): Promise<Set<string>> {
  const versions = new Set<string>();
  for (const tag of await listTags(repoDir, `${name}@v*`)) {
    const v = tag.name.slice(name.length + 2).replace(/!.*$/, '');
    if (tag.annotated && isSemver(v)) versions.add(v);
  }
  return versions;
}

type RemoteTag = { state: 'absent' } | { state: 'placeholder'; sha: string } | { state: 'taken'; sha: string };

/**
 * What the remote holds under the version tag. GitHub creates a lightweight tag when the artifact store makes the
 * version's release; such a tag on a commit without the version's model.json is a placeholder that the
 * registration may replace (with a lease on exactly that value, so a real registration is never overwritten).
 */
async function remoteTag(repoDir: string, remote: string, tag: string, modelJson: string): Promise<RemoteTag> {
  const listed = await gitRaw(repoDir, ['ls-remote', '--tags', remote, `refs/tags/${tag}`]);
  const sha = listed.stdout.split(/\s/)[0];
  if (listed.code !== 0 || !sha) return { state: 'absent' };
  if (!(await gitOk(repoDir, ['cat-file', '-e', sha]))) {
    await gitRaw(repoDir, ['fetch', '--quiet', remote, `refs/tags/${tag}`]);
  }
  const type = (await gitRaw(repoDir, ['cat-file', '-t', sha])).stdout.trim();
  if (type !== 'commit') return { state: 'taken', sha };
  return (await gitOk(repoDir, ['cat-file', '-e', `${sha}:${modelJson}`]))
    ? { state: 'taken', sha }
    : { state: 'placeholder', sha };
}

/** The artifact name in the model.json that the remote's tag holds, when the tag is a registration. */
async function artifactAtRemoteTag(
  repoDir: string,
  remote: string,
  tag: string,
  modelJson: string,
): Promise<string | undefined> {
  const held = await remoteTag(repoDir, remote, tag, modelJson);
  if (held.state !== 'taken') return undefined;
  const shown = await gitRaw(repoDir, ['show', `${held.sha}:${modelJson}`]);
  if (shown.code !== 0) return undefined;
  try {
    return (JSON.parse(shown.stdout) as { artifact?: { name?: string } }).artifact?.name;
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function registerModel(request: RegisterRequest): Promise<RegisterResult> {
  const { repoDir, name, config } = request;
  const log = request.log;
  if (!existsSync(request.modelFile)) {
    throw new MlopsError(`Model file ${request.modelFile} does not exist.`, {
      kind: 'input',
      where: { file: request.modelFile },
      hint: 'Run the train step first, or point the `model` input at the .onnx file to register.',
    });
  }
  if (request.version !== undefined && !isSemver(request.version)) {
    throw new MlopsError(`Version "${request.version}" is not a semantic version.`, {
      kind: 'usage',
      expected: 'MAJOR.MINOR.PATCH, e.g. 2.0.0',
      found: request.version,
    });
  }
  const [digest, size, facts] = await Promise.all([
    sha256File(request.modelFile),
    stat(request.modelFile).then((s) => s.size),
    readOnnxFacts(request.modelFile),
  ]);
  if (!isGtoName(name)) {
    log?.warning(
      `Model name "${name}" is not a GTO name (a lower-case letter first, then letters, digits, "-" or "/"): mlops reads its tags, \`gto show\` will not.`,
    );
  }
  const remote = request.remote ?? 'origin';
  const useRemote = await hasRemote(repoDir, remote);
  const branch = request.branch ?? config.branch ?? (await currentBranch(repoDir)) ?? request.fallbackBranch ?? 'main';
  const env = await identityEnv(repoDir);
  const extension = extname(request.modelFile) || '.onnx';
  const artifactName = `${name}-${digest.slice(0, 12)}${extension}`;

  for (let attempt = 1; attempt <= config.maxAttempts; attempt++) {
    let base: string | undefined;
    if (useRemote) {
      const fetched = await fetchBranchAndTags(repoDir, remote, branch);
      if (fetched.code !== 0 && !/couldn't find remote ref/i.test(fetched.stderr)) {
        throw new MlopsError(`Cannot fetch ${branch} from ${remote}: ${firstLines(fetched.stderr)}`, {
          kind: 'api',
          hint: 'The job needs read and write access to the repository (GitHub: permissions: contents: write).',
        });
      }
      base = fetched.code === 0 ? await revParse(repoDir, `refs/remotes/${remote}/${branch}`) : undefined;
      base ??= await revParse(repoDir, 'HEAD');
    } else {
      base = await revParse(repoDir, 'HEAD');
    }
    const source = base ? commitTree(repoDir, base) : workingTree(repoDir);
    const versions = await readVersions(source, name);

    const sameRun =
      request.sameRun ?? ((v: ModelVersion) => (v.lineage.trainRun?.runId ?? undefined) === request.trainRunId);
    const existing = versions.find((v) => v.artifact.sha256 === digest && sameRun(v));
    if (existing) {
      log?.info(`${name} ${existing.version} already holds this model (sha256 ${digest.slice(0, 12)}); nothing to do.`);
      const updated = base ? await fastForwardCheckout(repoDir, base) : true;
      return {
        status: 'existing',
        version: existing,
        tag: existing.tag,
        commit: base,
        attempts: attempt,
        checkoutUpdated: updated,
      };
    }

    const taken = await registeredTags(repoDir, name);
    if (request.version && (taken.has(request.version) || versions.some((v) => v.version === request.version))) {
      throw new MlopsError(`${name} ${request.version} is already registered.`, {
        kind: 'input',
        expected: 'a version that does not exist yet',
        found: `tag ${versionTagName(name, request.version)}`,
        hint: `Versions are immutable. Leave the version out to get the next one (${
          versions.length ? bumpSemver(versions.at(-1)!.version, 'minor') : config.initialVersion
        }), or give a new one.`,
      });
    }
    const choice = chooseVersion(versions, facts.signature, config, request, taken);
    if (request.version && choice.previous && compareSemver(request.version, choice.previous.version) < 0 && log) {
      log.warning(`${request.version} is lower than the latest version ${choice.previous.version}.`);
    }
    const tag = versionTagName(name, choice.version);
    const stored = await request.store.put(name, choice.version, request.modelFile, artifactName);
    if (stored.sha256 !== digest) {
      throw new MlopsError(`The artifact store returned a different sha256 for ${artifactName}.`, {
        kind: 'api',
        expected: digest,
        found: stored.sha256,
      });
    }
    // A version number that another registration took keeps no artifact of this run's in the store. Only
    // then: while the number is free, or held by the same model, a registration may refer to the artifact.
    let registered = false;
    const discardOrphan = async () => {
      if (registered || !stored.created || !useRemote) return;
      const held = await artifactAtRemoteTag(repoDir, remote, tag, `${versionDir(name, choice.version)}/model.json`);
      if (held === undefined || held === artifactName) return;
      if (await request.store.discard(name, choice.version, artifactName)) {
        log?.debug(`Removed ${artifactName} from ${name} ${choice.version}: another registration holds that version.`);
      }
    };
    // Every way out of this attempt but the successful push (a lost race, an error) discards in the finally.
    try {
      const artifact: StoredModelArtifact = {
        name: artifactName,
        uri: stored.url,
        sha256: digest,
        size,
        store: request.storeKind,
      };
      const built = await request.build({
        version: choice.version,
        tag,
        previous: choice.previous,
        artifact,
        signature: facts.signature,
        metadata: facts.metadata,
        versioning: choice.versioning,
      });
      // [skip ci]: the commit only adds registry files; the job that made it already ran the pipeline.
      const message = `Register ${name} ${choice.version} [skip ci]\n\nmodel: ${basename(request.modelFile)}\nsha256: ${digest}\n${
        request.trainRunId ? `train-run: ${request.trainRunId}\n` : ''
      }`;
      const commit = await commitFiles(repoDir, base, built.files, message, env);
      const tagMessage = formatTagMessage(`Registering ${name} version ${choice.version}`, {
        version: choice.version,
        sha256: digest,
        requestedBy: request.requestedBy,
        approvedBy: [],
      });
      let lease: string | undefined;
      if (useRemote) {
        const held = await remoteTag(repoDir, remote, tag, `${versionDir(name, choice.version)}/model.json`);
        if (held.state === 'taken') {
          if (request.version)
            throw new MlopsError(`Tag ${tag} already exists on ${remote}.`, { kind: 'input', found: tag });
          log?.info(`${tag} was registered by someone else meanwhile (attempt ${attempt}); recomputing the version.`);
          await sleep(backoff(attempt));
          continue;
        }
        if (held.state === 'placeholder') lease = held.sha;
      }
      const local = (await listTags(repoDir, tag)).find((t) => t.name === tag);
      if (local && !local.annotated) await gitRaw(repoDir, ['tag', '-d', tag]);
      const tagged = await gitRaw(repoDir, ['tag', '-a', tag, commit, '-F', '-'], { env, input: tagMessage });
      if (tagged.code !== 0) {
        if (request.version) throw new MlopsError(`Tag ${tag} already exists.`, { kind: 'input', found: tag });
        log?.debug(`tag ${tag} is taken locally; retrying (${firstLines(tagged.stderr)})`);
        await sleep(backoff(attempt));
        continue;
      }

      let published: boolean;
      let failure = '';
      if (useRemote) {
        const pushed = await gitRaw(repoDir, [
          'push',
          '--atomic',
          '--porcelain',
          ...(lease ? [`--force-with-lease=refs/tags/${tag}:${lease}`] : []),
          remote,
          `${commit}:refs/heads/${branch}`,
          `refs/tags/${tag}`,
        ]);
        published = pushed.code === 0;
        failure = `${pushed.stdout}\n${pushed.stderr}`;
        if (!published && !isRaceRejection(failure)) {
          await gitRaw(repoDir, ['tag', '-d', tag]);
          throw new MlopsError(
            `Cannot push the registration of ${name} ${choice.version}: ${firstLines(pushed.stderr)}`,
            {
              kind: 'api',
              hint: `The job needs permission to push commits and tags (GitHub: permissions: contents: write; GitLab: a project token with write_repository), and registration pushes straight to ${branch}: branch protection or a ruleset must let this job push there. Nothing was registered.`,
            },
          );
        }
      } else {
        const branchNow = await currentBranch(repoDir);
        published =
          branchNow === branch
            ? await fastForwardCheckout(repoDir, commit)
            : await gitOk(repoDir, ['update-ref', `refs/heads/${branch}`, commit, base ?? '']);
        failure = 'the branch moved while registering';
      }
      if (published) {
        registered = true;
        const updated = useRemote ? await fastForwardCheckout(repoDir, commit) : true;
        if (!updated) {
          log?.warning(
            `Registered ${tag}, but the checkout has local commits; run \`git pull\` to see ${built.modelVersion.card.markdown}.`,
          );
        }
        return {
          status: 'registered',
          version: built.modelVersion,
          tag,
          commit,
          attempts: attempt,
          checkoutUpdated: updated,
        };
      }
      await gitRaw(repoDir, ['tag', '-d', tag]);
      if (request.version) {
        throw new MlopsError(`${name} ${request.version} was registered by someone else at the same time.`, {
          kind: 'input',
          found: firstLines(failure),
        });
      }
      log?.info(`Another registration was pushed first (attempt ${attempt}); recomputing the version.`);
      await sleep(backoff(attempt));
    } finally {
      await discardOrphan();
    }
  }
  throw new MlopsError(
    `Could not register ${name}: other registrations kept pushing first for ${config.maxAttempts} attempts.`,
    {
      kind: 'api',
      hint: 'Nothing was registered by this run. Run it again, or raise registry.maxAttempts in mlops.yaml.',
    },
  );
}

function backoff(attempt: number): number {
  return Math.min(1000, 25 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random());
}
