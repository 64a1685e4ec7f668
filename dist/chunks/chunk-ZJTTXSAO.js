import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  ArtifactConflict
} from "./chunk-JIVY64QC.js";
import {
  sha256File
} from "./chunk-5AAGF42O.js";
import {
  MlopsError
} from "./chunk-FZ3ZHXNS.js";

// src/platform/local-store.ts
import { existsSync } from "node:fs";
import { copyFile, cp, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
var DirectoryArtifactStore = class {
  constructor(root) {
    this.root = root;
  }
  root;
  async put(namespace, version, file, name = basename(file)) {
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
      throw new MlopsError(`Artifact copy to ${dest} is corrupt.`, { kind: "input", expected: digest, found: stored });
    }
    await rename(tmp, dest);
    return { url: dest, sha256: digest, size, created: true };
  }
  async discard(namespace, version, name) {
    const file = join(this.root, namespace, version, name);
    if (!existsSync(file)) return false;
    await rm(file, { force: true });
    return true;
  }
  async get(namespace, version, name, dest, sha256) {
    const source = join(this.root, namespace, version, name);
    if (!existsSync(source)) {
      throw new MlopsError(`Artifact ${namespace}/${version}/${name} is not in the store at ${this.root}.`, {
        kind: "input",
        where: { file: source },
        hint: "Check MLOPS_ARTIFACT_DIR, or register the version first."
      });
    }
    await verifiedCopy(source, dest, sha256);
  }
};
async function verifiedCopy(source, dest, sha256) {
  await mkdir(dirname(resolve(dest)), { recursive: true });
  const tmp = `${dest}.${process.pid}.tmp`;
  await copyFile(source, tmp);
  const actual = await sha256File(tmp);
  if (actual !== sha256) {
    await rm(tmp, { force: true });
    throw new MlopsError(`Artifact ${source} failed its checksum: it was changed after it was registered.`, {
      kind: "input",
      where: { file: source },
      expected: `sha256 ${sha256}`,
      found: `sha256 ${actual}`,
      hint: "Do not use this file. Re-register the model from a trusted build."
    });
  }
  await rename(tmp, dest);
}
var DirectoryCache = class {
  constructor(root, cwd) {
    this.root = root;
    this.cwd = cwd;
  }
  root;
  cwd;
  dirOf(key) {
    return join(this.root, key.replace(/[^A-Za-z0-9._-]/g, "_"));
  }
  async restore(paths, key, restoreKeys = []) {
    let hit = existsSync(this.dirOf(key)) ? key : void 0;
    if (!hit && restoreKeys.length > 0 && existsSync(this.root)) {
      const entries = await readdir(this.root);
      for (const prefix of restoreKeys) {
        const safe = prefix.replace(/[^A-Za-z0-9._-]/g, "_");
        const match = entries.filter((e) => e.startsWith(safe)).sort().pop();
        if (match) {
          hit = match;
          break;
        }
      }
    }
    if (!hit) return void 0;
    const dir = existsSync(this.dirOf(hit)) ? this.dirOf(hit) : join(this.root, hit);
    for (const p of paths) {
      const rel = relative(this.cwd, resolve(this.cwd, p));
      const src = join(dir, rel);
      if (existsSync(src)) await cp(src, resolve(this.cwd, rel), { recursive: true, force: true });
    }
    return hit;
  }
  async save(paths, key) {
    const dir = this.dirOf(key);
    if (existsSync(dir)) return true;
    const tmp = `${dir}.${process.pid}.tmp`;
    await rm(tmp, { recursive: true, force: true });
    for (const p of paths) {
      const rel = relative(this.cwd, resolve(this.cwd, p));
      if (rel.startsWith("..")) continue;
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
};

export {
  DirectoryArtifactStore,
  DirectoryCache
};
//# sourceMappingURL=chunk-ZJTTXSAO.js.map
