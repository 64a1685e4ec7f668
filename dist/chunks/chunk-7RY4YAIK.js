import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  git,
  gitRaw
} from "./chunk-RHXVXVBD.js";

// src/core/registry/commit.ts
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { join } from "node:path";
var FALLBACK = { name: "mlops-actions", email: "mlops-actions@users.noreply.github.com" };
async function identityEnv(repoDir, preferred) {
  const configured = async (key) => {
    const r = await gitRaw(repoDir, ["config", key]);
    return r.code === 0 ? r.stdout.trim() : void 0;
  };
  const name = process.env.GIT_COMMITTER_NAME ?? preferred?.name ?? await configured("user.name") ?? FALLBACK.name;
  const email = process.env.GIT_COMMITTER_EMAIL ?? preferred?.email ?? await configured("user.email") ?? FALLBACK.email;
  return {
    GIT_AUTHOR_NAME: process.env.GIT_AUTHOR_NAME ?? name,
    GIT_AUTHOR_EMAIL: process.env.GIT_AUTHOR_EMAIL ?? email,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email
  };
}
async function commitFiles(repoDir, base, files, message, env) {
  const gitDir = await git(repoDir, ["rev-parse", "--absolute-git-dir"]);
  const indexFile = join(gitDir, `mlops-index-${process.pid}-${randomBytes(4).toString("hex")}`);
  const indexEnv = { ...env, GIT_INDEX_FILE: indexFile };
  try {
    await git(repoDir, base ? ["read-tree", base] : ["read-tree", "--empty"], { env: indexEnv });
    for (const [path, content] of Object.entries(files)) {
      const blob = await git(repoDir, ["hash-object", "-w", "--stdin"], { input: content });
      await git(repoDir, ["update-index", "--add", "--cacheinfo", `100644,${blob},${path}`], { env: indexEnv });
    }
    const tree = await git(repoDir, ["write-tree"], { env: indexEnv });
    return await git(repoDir, ["commit-tree", tree, ...base ? ["-p", base] : [], "-m", message], { env });
  } finally {
    await rm(indexFile, { force: true });
  }
}
async function currentBranch(repoDir) {
  const r = await gitRaw(repoDir, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
  return r.code === 0 ? r.stdout.trim() : void 0;
}
async function revParse(repoDir, rev) {
  const r = await gitRaw(repoDir, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]);
  return r.code === 0 ? r.stdout.trim() : void 0;
}
async function fastForwardCheckout(repoDir, commit) {
  const head = await revParse(repoDir, "HEAD");
  if (head === commit) return true;
  if (head && (await gitRaw(repoDir, ["merge-base", "--is-ancestor", head, commit])).code !== 0) return false;
  return (await gitRaw(repoDir, ["merge", "--ff-only", "--quiet", commit])).code === 0;
}

export {
  identityEnv,
  commitFiles,
  currentBranch,
  revParse,
  fastForwardCheckout
};
//# sourceMappingURL=chunk-7RY4YAIK.js.map
