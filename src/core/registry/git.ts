/** The git CLI, run without a shell. Errors carry git's own message so users see what git refused. */
import { execFile } from 'node:child_process';
import { MlopsError } from '../errors.js';

export interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface GitOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
}

/** Runs git and resolves with its exit code; never throws for a non-zero exit. */
export function gitRaw(cwd: string, args: string[], options: GitOptions = {}): Promise<GitResult> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      'git',
      args,
      { cwd, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && typeof (error as NodeJS.ErrnoException).code === 'string') {
          reject(
            new MlopsError(`Cannot run git: ${error.message}`, {
              kind: 'internal',
              hint: 'Install git and make sure it is on PATH.',
            }),
          );
          return;
        }
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolvePromise({ stdout, stderr, code: typeof code === 'number' ? code : 1 });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Runs git and returns trimmed stdout; a non-zero exit becomes an MlopsError quoting git. */
export async function git(cwd: string, args: string[], options: GitOptions = {}): Promise<string> {
  const result = await gitRaw(cwd, args, options);
  if (result.code !== 0) {
    throw new MlopsError(`git ${args[0]} failed: ${firstLines(result.stderr || result.stdout)}`, {
      kind: 'internal',
      where: { file: cwd },
      found: `git ${args.join(' ')} exited with ${result.code}`,
    });
  }
  return result.stdout.replace(/\n$/, '');
}

export async function gitOk(cwd: string, args: string[], options: GitOptions = {}): Promise<boolean> {
  return (await gitRaw(cwd, args, options)).code === 0;
}

export function firstLines(text: string, n = 4): string {
  return text.trim().split('\n').slice(0, n).join(' / ');
}

/** Tags whose names start with prefix, with object type and target commit: only annotated tags count (GTO). */
export interface TagInfo {
  name: string;
  annotated: boolean;
  commit: string;
  taggerName: string;
  taggerEmail: string;
  date: string;
  message: string;
}

const FIELD = '\u001f';
const RECORD = '\u001e';

export async function listTags(cwd: string, pattern?: string): Promise<TagInfo[]> {
  const format = [
    '%(refname:strip=2)',
    '%(objecttype)',
    '%(tag)',
    '%(*objectname)',
    '%(objectname)',
    '%(taggername)',
    '%(taggeremail:trim)',
    '%(taggerdate:iso-strict)',
    '%(contents)',
  ].join(FIELD);
  const args = ['for-each-ref', `--format=${format}${RECORD}`, pattern ? `refs/tags/${pattern}` : 'refs/tags'];
  const out = await git(cwd, args);
  const tags: TagInfo[] = [];
  for (const record of out.split(RECORD)) {
    const trimmed = record.replace(/^\n/, '');
    if (!trimmed) continue;
    const [
      name = '',
      type = '',
      tagName = '',
      peeled = '',
      object = '',
      taggerName = '',
      taggerEmail = '',
      date = '',
      message = '',
    ] = trimmed.split(FIELD);
    tags.push({
      name,
      // A lightweight tag that points at another tag's object is still lightweight: the object names that tag.
      annotated: type === 'tag' && tagName === name,
      commit: type === 'tag' ? peeled : object,
      taggerName,
      taggerEmail,
      date,
      message: message.trim(),
    });
  }
  return tags;
}

/** Fetches branch into refs/remotes/<remote>/<branch> and every tag, forced so that moved stage tags arrive too. */
export function fetchBranchAndTags(cwd: string, remote: string, branch: string): Promise<GitResult> {
  return gitRaw(cwd, [
    'fetch',
    '--quiet',
    '--force',
    remote,
    `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`,
    '+refs/tags/*:refs/tags/*',
  ]);
}

export async function hasRemote(cwd: string, remote = 'origin'): Promise<boolean> {
  return gitOk(cwd, ['remote', 'get-url', remote]);
}

/** The content of path at a commit, or undefined when the file does not exist there. */
export async function showFile(cwd: string, commit: string, path: string): Promise<string | undefined> {
  const result = await gitRaw(cwd, ['show', `${commit}:${path}`]);
  return result.code === 0 ? result.stdout : undefined;
}

/** Paths under dir at commit (recursive). */
export async function listTree(cwd: string, commit: string, dir: string): Promise<string[]> {
  const result = await gitRaw(cwd, ['ls-tree', '-r', '--name-only', commit, '--', dir]);
  if (result.code !== 0) return [];
  return result.stdout.split('\n').filter(Boolean);
}

/**
 * Reads many files of a commit with one `git cat-file --batch` process (one `git show` per file costs seconds
 * for a registry with a thousand versions). Missing paths are absent from the result.
 */
export function showFiles(cwd: string, commit: string, paths: string[]): Promise<Map<string, string>> {
  return new Promise((resolvePromise, reject) => {
    if (paths.length === 0) {
      resolvePromise(new Map());
      return;
    }
    const child = execFile(
      'git',
      ['cat-file', '--batch'],
      { cwd, encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024 },
      (error, stdout) => {
        if (error) {
          reject(new MlopsError(`git cat-file failed: ${error.message}`, { kind: 'internal', where: { file: cwd } }));
          return;
        }
        const out = new Map<string, string>();
        let pos = 0;
        for (const path of paths) {
          const eol = stdout.indexOf(10, pos);
          if (eol < 0) break;
          const header = stdout.subarray(pos, eol).toString('utf8');
          pos = eol + 1;
          const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
          if (!m) continue; // "<name> missing"
          const size = Number(m[2]);
          if (m[1] === 'blob') out.set(path, stdout.subarray(pos, pos + size).toString('utf8'));
          pos += size + 1;
        }
        resolvePromise(out);
      },
    );
    child.stdin?.end(`${paths.map((p) => `${commit}:${p}`).join('\n')}\n`);
  });
}
