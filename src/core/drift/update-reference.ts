/**
 * Accepting a new normal: the reference profile is rebuilt from the current data and committed on a new branch,
 * so the change of baseline is reviewed in a pull request like any other change (the profile is diffable JSON).
 */
import { execFileSync } from 'node:child_process';
import { relative, resolve } from 'node:path';
import type { Dataset } from '../data/types.js';
import { MlopsError } from '../errors.js';
import { buildReferenceProfile } from '../profile/build.js';
import { writeReferenceProfile } from '../profile/io.js';
import type { ReferenceProfile } from '../profile/schema.js';

export interface ReferenceUpdate {
  branch: string;
  path: string;
  commit: string;
  pushed: boolean;
  profile: ReferenceProfile;
}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new MlopsError(`git ${args[0]} failed: ${stderr.trim().split('\n').slice(-2).join(' ')}`, {
      kind: 'internal',
      where: { file: cwd },
      hint: 'The reference update needs a git checkout with a configured user (git config user.name / user.email).',
    });
  }
}

export async function updateReference(options: {
  cwd: string;
  model: string;
  /** The stored profile to replace (repository path). */
  profilePath: string;
  current: Dataset;
  columns: string[];
  quantiles: number;
  maxCategories: number;
  now?: Date;
}): Promise<ReferenceUpdate> {
  const { cwd } = options;
  const profile = await buildReferenceProfile(options.current, {
    columns: options.columns,
    quantiles: options.quantiles,
    maxCategories: options.maxCategories,
  });
  const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const branch = `mlops/reference/${options.model}-${stamp}`;
  const start = git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']);
  git(cwd, ['checkout', '-q', '-b', branch]);
  try {
    const path = resolve(cwd, options.profilePath);
    await writeReferenceProfile(path, profile);
    const rel = relative(cwd, path);
    git(cwd, ['add', '--', rel]);
    git(cwd, [
      'commit',
      '-q',
      '-m',
      `drift: accept the current data as ${options.model}'s new reference\n\nRebuilt ${rel} from ${options.current.source} (${profile.rows} rows). Merging this pull request makes it the baseline of future drift checks.`,
    ]);
    const commit = git(cwd, ['rev-parse', 'HEAD']);
    let pushed = false;
    if (git(cwd, ['remote']).split('\n').includes('origin')) {
      git(cwd, ['push', '-q', 'origin', `${branch}:${branch}`]);
      pushed = true;
    }
    return { branch, path: rel, commit, pushed, profile };
  } finally {
    git(cwd, ['checkout', '-q', start]);
  }
}
