/** File-backed artifact store and cache used by the local platform (and by tests of other platforms' callers). */

import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { MlopsError } from '../core/errors.js';
import { sha256File } from '../core/fs.js';
import { ArtifactConflict } from './artifact-conflict.js';
import type { ArtifactStore, CacheStore, StoredArtifact } from './types.js';

export class DirectoryArtifactStore implements ArtifactStore {
  constructor(readonly root: string) {}

  async put(namespace: string, version: string, file: string, name = basename(file)): Promise<StoredArtifact> {
    const dest = join(this.root, namespace, version, name);
    const digest = await sha256File(file);
    const size = (await stat(file)).size;
    if (existsSync(dest)) {
      const existing = await sha256File(dest);
      if (existing === digest) return { url: dest, sha256: digest, size };
      throw new ArtifactConflict(`${namespace}/${version}/${name}`, { file: dest }, digest, existing);
    }
    await mkdir(dirname(dest), { recursive: true });
    const tmp = `${dest}.${process.pid}.tmp`;
    await copyFile(file, tmp);
    const stored = await sha256File(tmp);
    if (stored !== digest) {
      await rm(tmp, { force: true });
      throw new MlopsError(`Artifact copy to ${dest} is corrupt.`, { kind: 'input', expected: digest, found: stored });
    }
    await rename(tmp, dest);
    return { url: dest, sha256: digest, size, created: true };
  }

  async discard(namespace: string, version: string, name: string): Promise<boolean> {
    const file = join(this.root, namespace, version, name);
    if (!existsSync(file)) return false;
    await rm(file, { force: true });
    return true;
  }

  async get(namespace: string, version: string, name: string, dest: string, sha256: string): Promise<void> {
    const source = join(this.root, namespace, version, name);
    if (!existsSync(source)) {
      throw new MlopsError(`Artifact ${namespace}/${version}/${name} is not in the store at ${this.root}.`, {
        kind: 'input',
        where: { file: source },
        hint: 'Check MLOPS_ARTIFACT_DIR, or register the version first.',
      });
    }
    await verifiedCopy(source, dest, sha256);
  }
}

/** Copy then check the digest; on mismatch nothing is left at dest. */
export async function verifiedCopy(source: string, dest: string, sha256: string): Promise<void> {
  await mkdir(dirname(resolve(dest)), { recursive: true });
  const tmp = `${dest}.${process.pid}.tmp`;
  await copyFile(source, tmp);
  const actual = await sha256File(tmp);
  if (actual !== sha256) {
    await rm(tmp, { force: true });
    throw new MlopsError(`Artifact ${source} failed its checksum: it was changed after it was registered.`, {
      kind: 'input',
      where: { file: source },
      expected: `sha256 ${sha256}`,
      found: `sha256 ${actual}`,
      hint: 'Do not use this file. Re-register the model from a trusted build.',
    });
  }
  await rename(tmp, dest);
}

/** A cache directory: each key is a folder holding the saved paths relative to cwd. */
export class DirectoryCache implements CacheStore {
  constructor(
    readonly root: string,
    readonly cwd: string,
  ) {}

  private dirOf(key: string): string {
    return join(this.root, key.replace(/[^A-Za-z0-9._-]/g, '_'));
  }

  async restore(paths: string[], key: string, restoreKeys: string[] = []): Promise<string | undefined> {
    let hit: string | undefined = existsSync(this.dirOf(key)) ? key : undefined;
    if (!hit && restoreKeys.length > 0 && existsSync(this.root)) {
      const entries = await readdir(this.root);
      for (const prefix of restoreKeys) {
        const safe = prefix.replace(/[^A-Za-z0-9._-]/g, '_');
        const match = entries
          .filter((e) => e.startsWith(safe))
          .sort()
          .pop();
        if (match) {
          hit = match;
          break;
        }
      }
    }
    if (!hit) return undefined;
    const dir = existsSync(this.dirOf(hit)) ? this.dirOf(hit) : join(this.root, hit);
    for (const p of paths) {
      const rel = relative(this.cwd, resolve(this.cwd, p));
      const src = join(dir, rel);
      if (existsSync(src)) await cp(src, resolve(this.cwd, rel), { recursive: true, force: true });
    }
    return hit;
  }

  async save(paths: string[], key: string): Promise<boolean> {
    const dir = this.dirOf(key);
    if (existsSync(dir)) return true;
    const tmp = `${dir}.${process.pid}.tmp`;
    await rm(tmp, { recursive: true, force: true });
    for (const p of paths) {
      const rel = relative(this.cwd, resolve(this.cwd, p));
      if (rel.startsWith('..')) continue;
      const src = resolve(this.cwd, rel);
      if (existsSync(src)) await cp(src, join(tmp, rel), { recursive: true });
    }
    await mkdir(tmp, { recursive: true });
    try {
      await rename(tmp, dir);
    } catch {
      await rm(tmp, { recursive: true, force: true });
    }
    return true;
  }
}
