/**
 * Writes a commit that adds files on top of a base commit without touching the working tree or the index
 * (a private index file and plumbing commands), so a registration can be rebuilt on a new remote tip and
 * retried any number of times without leaving anything half-written in the checkout.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { git, gitRaw } from './git.js';

export interface Identity {
  name: string;
  email: string;
}

const FALLBACK: Identity = { name: 'mlops-actions', email: 'mlops-actions@users.noreply.github.com' };

/** Author/committer env: the repository's configured identity, else a bot identity (CI checkouts have none). */
export async function identityEnv(repoDir: string, preferred?: Partial<Identity>): Promise<NodeJS.ProcessEnv> {
  const configured = async (key: string) => {
    const r = await gitRaw(repoDir, ['config', key]);
    return r.code === 0 ? r.stdout.trim() : undefined;
  };
  const name = process.env.GIT_COMMITTER_NAME ?? preferred?.name ?? (await configured('user.name')) ?? FALLBACK.name;
  const email =
    process.env.GIT_COMMITTER_EMAIL ?? preferred?.email ?? (await configured('user.email')) ?? FALLBACK.email;
  return {
    GIT_AUTHOR_NAME: process.env.GIT_AUTHOR_NAME ?? name,
    GIT_AUTHOR_EMAIL: process.env.GIT_AUTHOR_EMAIL ?? email,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
  };
}

export async function commitFiles(
  repoDir: string,
  base: string | undefined,
  files: Record<string, string>,
  message: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const gitDir = await git(repoDir, ['rev-parse', '--absolute-git-dir']);
  const indexFile = join(gitDir, `mlops-index-${process.pid}-${randomBytes(4).toString('hex')}`);
  const indexEnv = { ...env, GIT_INDEX_FILE: indexFile };
  try {
    await git(repoDir, base ? ['read-tree', base] : ['read-tree', '--empty'], { env: indexEnv });
    for (const [path, content] of Object.entries(files)) {
      const blob = await git(repoDir, ['hash-object', '-w', '--stdin'], { input: content });
      await git(repoDir, ['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`], { env: indexEnv });
    }
    const tree = await git(repoDir, ['write-tree'], { env: indexEnv });
    return await git(repoDir, ['commit-tree', tree, ...(base ? ['-p', base] : []), '-m', message], { env });
  } finally {
    await rm(indexFile, { force: true });
  }
}

/** The branch HEAD is on, or undefined when detached. */
export async function currentBranch(repoDir: string): Promise<string | undefined> {
  const r = await gitRaw(repoDir, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

export async function revParse(repoDir: string, rev: string): Promise<string | undefined> {
  const r = await gitRaw(repoDir, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/** Moves the checkout forward to commit when that is a fast-forward; returns false (and changes nothing) otherwise. */
export async function fastForwardCheckout(repoDir: string, commit: string): Promise<boolean> {
  const head = await revParse(repoDir, 'HEAD');
  if (head === commit) return true;
  if (head && (await gitRaw(repoDir, ['merge-base', '--is-ancestor', head, commit])).code !== 0) return false;
  return (await gitRaw(repoDir, ['merge', '--ff-only', '--quiet', commit])).code === 0;
}
