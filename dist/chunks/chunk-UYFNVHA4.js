import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  isSemver,
  readModel,
  versionDir
} from "./chunk-RHXVXVBD.js";
import {
  sha256File
} from "./chunk-5AAGF42O.js";
import {
  MlopsError
} from "./chunk-FZ3ZHXNS.js";

// src/core/registry/fetch.ts
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
async function fetchModelArtifact(platform, version, dest) {
  const { artifact } = version;
  const existedBefore = existsSync(dest);
  try {
    await platform.artifacts.get(version.name, version.version, artifact.name, dest, artifact.sha256);
  } catch (error) {
    if (!existedBefore) await rm(dest, { force: true });
    throw error;
  }
  const actual = await sha256File(dest);
  if (actual !== artifact.sha256) {
    await rm(dest, { force: true });
    throw new MlopsError(`The artifact of ${version.tag} does not match its registered sha256.`, {
      kind: "input",
      where: { file: artifact.uri },
      expected: `sha256 ${artifact.sha256}`,
      found: `sha256 ${actual}`,
      hint: "The stored file was changed after registration. Do not deploy it; re-register the model from a trusted build."
    });
  }
  return { path: dest, sha256: actual, size: artifact.size };
}

// src/core/registry/resolve.ts
import { join } from "node:path";
function parseModelRef(ref) {
  const text = ref.trim();
  let m = /^([a-z0-9][a-z0-9._-]*)#([a-z0-9][a-z0-9._-]*)$/.exec(text);
  if (m) return { name: m[1], kind: "stage", stage: m[2] };
  m = /^([a-z0-9][a-z0-9._-]*)(?:[@:](latest|greatest))?$/.exec(text);
  if (m) return { name: m[1], kind: "latest" };
  m = /^([a-z0-9][a-z0-9._-]*)[@:]v?(.+)$/.exec(text);
  if (m && isSemver(m[2])) return { name: m[1], kind: "version", version: m[2] };
  throw new MlopsError(`"${ref}" is not a model reference.`, {
    kind: "usage",
    expected: "<name>@v<version> (penguins@v1.2.0), <name>#<stage> (penguins#production) or <name>:latest",
    found: JSON.stringify(ref)
  });
}
async function resolveModelRef(repoDir, ref) {
  const parsed = parseModelRef(ref);
  const model = await readModel(repoDir, parsed.name);
  const known = model.versions.map((v) => v.version);
  if (known.length === 0) {
    throw new MlopsError(`Model "${parsed.name}" has no registered versions in ${repoDir}.`, {
      kind: "input",
      where: { file: join(repoDir, ".mlops/registry", parsed.name) },
      hint: "Register one first (mlops register / the register-model action), or fetch the registry: git fetch --tags."
    });
  }
  let found;
  if (parsed.kind === "version") {
    found = model.versions.find((v) => v.version === parsed.version);
    if (!found) {
      throw new MlopsError(`Model ${parsed.name} has no version ${parsed.version}.`, {
        kind: "input",
        expected: `one of ${known.join(", ")}`,
        found: parsed.version
      });
    }
  } else if (parsed.kind === "stage") {
    const holder = model.stages.stages[parsed.stage];
    found = holder ? model.versions.find((v) => v.version === holder) : void 0;
    if (!found) {
      const held = Object.entries(model.stages.stages).map(([s, v]) => `${s}=${v}`);
      throw new MlopsError(`No version of ${parsed.name} is in stage "${parsed.stage}".`, {
        kind: "input",
        expected: held.length ? `one of the assigned stages: ${held.join(", ")}` : "a promoted version",
        found: holder ? `stages.yaml names ${holder}, which is not registered` : "no assignment",
        hint: `Promote a version: mlops promote ${parsed.name} <version> ${parsed.stage}`
      });
    }
  } else {
    const live = model.versions.filter((v) => !v.deprecated);
    found = live.at(-1) ?? model.versions.at(-1);
  }
  return { version: found, dir: join(repoDir, versionDir(found.name, found.version)) };
}

export {
  fetchModelArtifact,
  resolveModelRef
};
//# sourceMappingURL=chunk-UYFNVHA4.js.map
