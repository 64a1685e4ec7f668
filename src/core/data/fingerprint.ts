/**
 * Content fingerprints of data (and code) inputs: a file is its streamed sha256; a directory or glob is the
 * sha256 over its files' (relative path, size, sha256) lines in sorted path order, so renaming, adding or
 * changing any file changes it and listing order never does. A URL is fingerprinted by its bytes.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { MlopsError } from '../errors.js';

export interface FileFingerprint {
  /** Path relative to the input's base (the directory, the glob's fixed prefix, or the file name). */
  path: string;
  bytes: number;
  sha256: string;
}

export interface InputFingerprint {
  source: string;
  sha256: string;
  bytes: number;
  files: FileFingerprint[];
}

const GLOB_CHARS = /[*?[\]{}]/;

/** Directories never descended into when hashing a directory or glob. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '__pycache__', '.mlops']);

export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

async function walk(dir: string, base: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) await walk(full, base, out);
    } else if (entry.isFile()) {
      out.push(relative(base, full).split(sep).join('/'));
    }
  }
}

/** A glob (`*`, `**`, `?`, `[...]`, `{a,b}`) as an anchored regular expression over '/'-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        re += '[^/]*';
      }
    } else if (ch === '?') re += '[^/]';
    else if (ch === '{') {
      braces++;
      re += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (ch === ',' && braces > 0) re += '|';
    else if (ch === '[') {
      const end = glob.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, end).replace(/^!/, '^')}]`;
        i = end;
      }
    } else re += ch.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function combine(source: string, files: FileFingerprint[]): InputFingerprint {
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const hash = createHash('sha256');
  let bytes = 0;
  for (const f of files) {
    hash.update(`${f.path}\t${f.bytes}\t${f.sha256}\n`);
    bytes += f.bytes;
  }
  return { source, sha256: hash.digest('hex'), bytes, files };
}

async function hashList(source: string, base: string, relPaths: string[]): Promise<InputFingerprint> {
  const files: FileFingerprint[] = [];
  for (const rel of relPaths) {
    const { sha256, bytes } = await hashFile(join(base, rel));
    files.push({ path: rel, bytes, sha256 });
  }
  return combine(source, files);
}

async function fingerprintUrl(source: string): Promise<InputFingerprint> {
  let response: Response;
  try {
    response = await fetch(source);
  } catch (error) {
    throw new MlopsError(`Cannot download ${source} to fingerprint it: ${(error as Error).message}`, {
      kind: 'input',
      hint: 'Check the URL and that the runner can reach it.',
    });
  }
  if (!response.ok || !response.body) {
    throw new MlopsError(`Cannot download ${source} to fingerprint it: HTTP ${response.status}.`, { kind: 'input' });
  }
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  const sha256 = hash.digest('hex');
  return { source, sha256, bytes, files: [{ path: source, bytes, sha256 }] };
}

/**
 * Fingerprints a path (file or directory), glob or http(s) URL, relative to cwd. A glob that matches nothing
 * and a path that does not exist are errors: a fingerprint of nothing would silently reuse a stale cache.
 */
export async function fingerprintInput(source: string, cwd: string): Promise<InputFingerprint> {
  if (/^https?:\/\//i.test(source)) return fingerprintUrl(source);
  const full = isAbsolute(source) ? source : resolve(cwd, source);
  if (existsSync(full)) {
    const info = await stat(full);
    if (info.isFile()) {
      const { sha256, bytes } = await hashFile(full);
      // A single file is its content: renaming it does not change what was trained on.
      return { source, sha256, bytes, files: [{ path: source, bytes, sha256 }] };
    }
    const rel: string[] = [];
    await walk(full, full, rel);
    return hashList(source, full, rel);
  }
  if (!GLOB_CHARS.test(source)) {
    throw new MlopsError(`Input ${source} does not exist.`, {
      kind: 'input',
      where: { file: source },
      hint: 'Check the path (it is relative to working-directory) or run the step that produces it first.',
    });
  }
  const parts = source.split('/');
  const fixed: string[] = [];
  for (const part of parts) {
    if (GLOB_CHARS.test(part)) break;
    fixed.push(part);
  }
  const baseRel = fixed.join('/');
  const base = isAbsolute(source) ? baseRel || '/' : resolve(cwd, baseRel || '.');
  const pattern = globToRegExp(parts.slice(fixed.length).join('/'));
  const all: string[] = [];
  if (existsSync(base)) await walk(base, base, all);
  const matched = all.filter((p) => pattern.test(p));
  if (matched.length === 0) {
    throw new MlopsError(`The pattern ${source} matches no files.`, {
      kind: 'input',
      where: { file: source },
      hint: 'Check the glob (relative to working-directory); quote it in YAML if it starts with *.',
    });
  }
  return hashList(source, base, matched);
}
