/**
 * Writes a rollout's outcome back to Git: the Deployment record under .mlops/deployments/<environment>/, and,
 * once it ends, the stage moved to the promoted version or restored to the stable one, both in stages.yaml and
 * as a GTO stage tag <model>#<stage>#<n> (annotated, on the commit of the version's <model>@v<version> tag).
 * Only our own paths are committed (`git commit --only`), so a user's other changes are never swept in.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MlopsError } from '../errors.js';
import { writeFileAtomic } from '../fs.js';
import { identityEnv } from '../registry/commit.js';
import { git, gitOk, gitRaw, hasRemote, listTags } from '../registry/git.js';
import { stagesFile } from '../registry/schema.js';
import { emptyStages, formatStages, parseStages } from '../registry/stages.js';
import { formatTagMessage, parseTagMessage } from '../registry/tag-message.js';
import { formatTag, parseTag, versionTagName } from '../registry/tags.js';
import { recordPath } from './record.js';
import type { Deployment } from './report.js';

export interface WriteBackResult {
  commit?: string;
  stageTag?: string;
  pushed: boolean;
  /** Why the stage was not moved, when it was not. */
  note?: string;
}

/** The version the newest annotated <model>#<stage>#<n> tag assigns, and the next counter. */
async function currentStageTag(repoDir: string, model: string, stage: string) {
  const tags = await listTags(repoDir, `${model}[@#]*`);
  const versionOfCommit = new Map<string, string>();
  for (const t of tags) {
    const e = parseTag(t.name);
    if (e?.kind === 'register' && e.name === model && t.annotated) versionOfCommit.set(t.commit, e.version);
  }
  let latest: { n: number; version: string | undefined; assigned: boolean } | undefined;
  let maxN = 0;
  for (const t of tags) {
    const e = parseTag(t.name);
    if (!t.annotated || !e || e.name !== model || (e.kind !== 'assign' && e.kind !== 'unassign') || e.stage !== stage)
      continue;
    const n = e.counter ?? 0;
    maxN = Math.max(maxN, n);
    if (!latest || n >= latest.n) {
      latest = {
        n,
        version: parseTagMessage(t.message).version ?? versionOfCommit.get(t.commit),
        assigned: e.kind === 'assign',
      };
    }
  }
  return { latest, next: maxN + 1 };
}

async function moveStage(repoDir: string, record: Deployment, stage: string, version: string, env: NodeJS.ProcessEnv) {
  const files: string[] = [];
  const file = stagesFile(record.model);
  const abs = join(repoDir, file);
  const doc = existsSync(abs)
    ? parseStages(await readFile(abs, 'utf8'), file, record.model)
    : emptyStages(record.model);
  if (doc.stages[stage] !== version) {
    doc.stages[stage] = version;
    await writeFileAtomic(abs, formatStages(doc));
    files.push(file);
  }
  const versionTag = versionTagName(record.model, version);
  const target = await gitRaw(repoDir, ['rev-parse', '--verify', '--quiet', `refs/tags/${versionTag}^{commit}`]);
  if (target.code !== 0) return { files, tag: undefined, note: `no tag ${versionTag}, so no stage tag was written` };
  const { latest, next } = await currentStageTag(repoDir, record.model, stage);
  if (latest?.assigned && latest.version === version) return { files, tag: undefined };
  const tag = formatTag({ kind: 'assign', name: record.model, stage, counter: next });
  const verb = record.outcome === 'promoted' ? 'promoted to' : 'restored in';
  const message = formatTagMessage(`${record.model} ${version} ${verb} ${stage} by deploy-canary (${record.id})`, {
    version,
    approvedBy: [],
    requestedBy: 'deploy-canary',
  });
  await git(repoDir, ['tag', '-a', tag, target.stdout.trim(), '-F', '-'], { env, input: message });
  return { files, tag };
}

export async function writeBack(repoDir: string, record: Deployment, stage: string): Promise<WriteBackResult> {
  const path = recordPath(record.environment, record.id);
  const isRepo = await gitOk(repoDir, ['rev-parse', '--git-dir']);
  const env = isRepo ? await identityEnv(repoDir) : {};
  const paths = [path];
  let note: string | undefined;
  const holder =
    record.outcome === 'promoted'
      ? record.version.version
      : record.outcome === 'rolled-back'
        ? record.baseline?.version
        : undefined;
  if (holder && isRepo) {
    const moved = await moveStage(repoDir, record, stage, holder, env);
    paths.push(...moved.files);
    if (moved.tag) record.git = { ...record.git, stageTag: moved.tag };
    note = moved.note;
  }
  await writeFileAtomic(join(repoDir, path), `${JSON.stringify(record, null, 2)}\n`);
  if (!isRepo) return { pushed: false, note: 'not a git repository; the record was written but not committed' };
  const stageTag = record.git.stageTag;
  await git(repoDir, ['add', '--', ...paths], { env });
  const subject =
    record.outcome === 'in-progress'
      ? `deploy(${record.environment}): ${record.model} ${record.version.version} step ${record.currentStep + 1}/${record.steps.length}`
      : `deploy(${record.environment}): ${record.model} ${record.version.version} ${record.outcome}`;
  const commitResult = await gitRaw(
    repoDir,
    ['commit', '--only', '-q', '-m', subject, '-m', record.reason, '--', ...paths],
    { env },
  );
  if (
    commitResult.code !== 0 &&
    !/nothing (added )?to commit|no changes added/.test(commitResult.stdout + commitResult.stderr)
  ) {
    throw new MlopsError(
      `Could not commit the Deployment record: ${(commitResult.stderr || commitResult.stdout).trim()}`,
      {
        kind: 'internal',
        where: { file: path },
      },
    );
  }
  const commit = await git(repoDir, ['rev-parse', 'HEAD']);
  let pushed = false;
  if (await hasRemote(repoDir)) {
    const branch = (await gitRaw(repoDir, ['symbolic-ref', '--quiet', '--short', 'HEAD'])).stdout.trim();
    const refs = [...(branch ? [`HEAD:refs/heads/${branch}`] : []), ...(stageTag ? [`refs/tags/${stageTag}`] : [])];
    if (refs.length > 0) {
      const push = await gitRaw(repoDir, ['push', '--atomic', '-q', 'origin', ...refs], { env });
      if (push.code !== 0) {
        throw new MlopsError(
          `The rollout ended (${record.outcome}) but pushing its record failed: ${push.stderr.trim()}`,
          {
            kind: 'api',
            where: { file: path },
            hint: 'Give the job permission to push (contents: write) and re-run; the record and tag are in the local clone.',
          },
        );
      }
      pushed = true;
    }
  }
  return { commit, stageTag, pushed, note };
}
