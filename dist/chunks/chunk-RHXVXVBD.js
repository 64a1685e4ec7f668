import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  reportEnvelope,
  require_dist
} from "./chunk-XTHX7C6R.js";
import {
  external_exports
} from "./chunk-2342GB6D.js";
import {
  MlopsError
} from "./chunk-FZ3ZHXNS.js";
import {
  __toESM
} from "./chunk-K5WE2JX7.js";

// src/core/registry/read.ts
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

// src/core/registry/git.ts
import { execFile } from "node:child_process";
function gitRaw(cwd, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      "git",
      args,
      { cwd, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error && typeof error.code === "string") {
          reject(
            new MlopsError(`Cannot run git: ${error.message}`, {
              kind: "internal",
              hint: "Install git and make sure it is on PATH."
            })
          );
          return;
        }
        const code = error ? error.code ?? 1 : 0;
        resolvePromise({ stdout, stderr, code: typeof code === "number" ? code : 1 });
      }
    );
    if (options.input !== void 0) child.stdin?.end(options.input);
  });
}
async function git(cwd, args, options = {}) {
  const result = await gitRaw(cwd, args, options);
  if (result.code !== 0) {
    throw new MlopsError(`git ${args[0]} failed: ${firstLines(result.stderr || result.stdout)}`, {
      kind: "internal",
      where: { file: cwd },
      found: `git ${args.join(" ")} exited with ${result.code}`
    });
  }
  return result.stdout.replace(/\n$/, "");
}
async function gitOk(cwd, args, options = {}) {
  return (await gitRaw(cwd, args, options)).code === 0;
}
function firstLines(text, n = 4) {
  return text.trim().split("\n").slice(0, n).join(" / ");
}
var FIELD = "";
var RECORD = "";
async function listTags(cwd, pattern) {
  const format = [
    "%(refname:strip=2)",
    "%(objecttype)",
    "%(tag)",
    "%(*objectname)",
    "%(objectname)",
    "%(taggername)",
    "%(taggeremail:trim)",
    "%(taggerdate:iso-strict)",
    "%(contents)"
  ].join(FIELD);
  const args = ["for-each-ref", `--format=${format}${RECORD}`, pattern ? `refs/tags/${pattern}` : "refs/tags"];
  const out = await git(cwd, args);
  const tags = [];
  for (const record of out.split(RECORD)) {
    const trimmed = record.replace(/^\n/, "");
    if (!trimmed) continue;
    const [
      name = "",
      type = "",
      tagName = "",
      peeled = "",
      object = "",
      taggerName = "",
      taggerEmail = "",
      date = "",
      message = ""
    ] = trimmed.split(FIELD);
    tags.push({
      name,
      // A lightweight tag that points at another tag's object is still lightweight: the object names that tag.
      annotated: type === "tag" && tagName === name,
      commit: type === "tag" ? peeled : object,
      taggerName,
      taggerEmail,
      date,
      message: message.trim()
    });
  }
  return tags;
}
function fetchBranchAndTags(cwd, remote, branch) {
  return gitRaw(cwd, [
    "fetch",
    "--quiet",
    "--force",
    remote,
    `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`,
    "+refs/tags/*:refs/tags/*"
  ]);
}
async function hasRemote(cwd, remote = "origin") {
  return gitOk(cwd, ["remote", "get-url", remote]);
}
async function showFile(cwd, commit, path) {
  const result = await gitRaw(cwd, ["show", `${commit}:${path}`]);
  return result.code === 0 ? result.stdout : void 0;
}
async function listTree(cwd, commit, dir) {
  const result = await gitRaw(cwd, ["ls-tree", "-r", "--name-only", commit, "--", dir]);
  if (result.code !== 0) return [];
  return result.stdout.split("\n").filter(Boolean);
}
function showFiles(cwd, commit, paths) {
  return new Promise((resolvePromise, reject) => {
    if (paths.length === 0) {
      resolvePromise(/* @__PURE__ */ new Map());
      return;
    }
    const child = execFile(
      "git",
      ["cat-file", "--batch"],
      { cwd, encoding: "buffer", maxBuffer: 1024 * 1024 * 1024 },
      (error, stdout) => {
        if (error) {
          reject(new MlopsError(`git cat-file failed: ${error.message}`, { kind: "internal", where: { file: cwd } }));
          return;
        }
        const out = /* @__PURE__ */ new Map();
        let pos = 0;
        for (const path of paths) {
          const eol = stdout.indexOf(10, pos);
          if (eol < 0) break;
          const header = stdout.subarray(pos, eol).toString("utf8");
          pos = eol + 1;
          const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
          if (!m) continue;
          const size = Number(m[2]);
          if (m[1] === "blob") out.set(path, stdout.subarray(pos, pos + size).toString("utf8"));
          pos += size + 1;
        }
        resolvePromise(out);
      }
    );
    child.stdin?.end(`${paths.map((p) => `${commit}:${p}`).join("\n")}
`);
  });
}

// src/core/registry/schema.ts
var tensorSignature = external_exports.object({
  name: external_exports.string(),
  /** ONNX element type: float, string, int64, double, bool, ... */
  type: external_exports.string(),
  shape: external_exports.array(external_exports.union([external_exports.number(), external_exports.string()]))
});
var modelSignature = external_exports.object({
  inputs: external_exports.array(tensorSignature),
  outputs: external_exports.array(tensorSignature),
  /** sha256 of the inputs' names and types: a change means callers must change, so the major version bumps. */
  inputsHash: external_exports.string()
});
var storedArtifact = external_exports.object({
  /** File name in the store, e.g. penguins-1.2.0-3f2a9c1b.onnx */
  name: external_exports.string(),
  uri: external_exports.string(),
  sha256: external_exports.string().regex(/^[0-9a-f]{64}$/),
  size: external_exports.number().int().nonnegative(),
  /** github-release | gitlab-package | local */
  store: external_exports.string()
});
var stageEvent = external_exports.object({
  stage: external_exports.string(),
  action: external_exports.enum(["assign", "unassign"]),
  version: external_exports.string(),
  at: external_exports.string(),
  /** The GTO tag that recorded it, when applied. */
  tag: external_exports.string().optional(),
  /** Who asked for it (PR author, or the person who ran `mlops promote`). */
  requestedBy: external_exports.string().optional(),
  /** Who approved it: reviewers named by the merge commit, or who merged the PR. */
  approvedBy: external_exports.array(external_exports.string()).default([]),
  pullRequest: external_exports.number().int().optional(),
  /** The commit that changed stages.yaml (the merge commit). */
  commit: external_exports.string().optional()
});
var lineageTrainRun = external_exports.object({
  runId: external_exports.string(),
  /** The run that actually trained the model when this one restored it from the cache. */
  originRunId: external_exports.string().optional(),
  commit: external_exports.string().nullable(),
  dirty: external_exports.boolean().optional(),
  trainer: external_exports.string().optional(),
  command: external_exports.string().optional(),
  params: external_exports.record(external_exports.string(), external_exports.unknown()).default({}),
  paramsHash: external_exports.string().optional(),
  durationMs: external_exports.number().optional(),
  metrics: external_exports.record(external_exports.string(), external_exports.number().nullable()).default({}),
  environment: external_exports.record(external_exports.string(), external_exports.unknown()).optional()
});
var lineageEvaluation = external_exports.object({
  verdict: external_exports.enum(["pass", "fail"]),
  headline: external_exports.string(),
  data: external_exports.string().optional(),
  rows: external_exports.number().optional(),
  metrics: external_exports.array(
    external_exports.object({
      name: external_exports.string(),
      value: external_exports.number().nullable(),
      lower: external_exports.number().nullable(),
      upper: external_exports.number().nullable(),
      delta: external_exports.number().nullable()
    })
  ),
  gates: external_exports.array(external_exports.object({ name: external_exports.string(), status: external_exports.string(), reason: external_exports.string() })),
  champion: external_exports.string().nullable(),
  latencyP95Ms: external_exports.number().optional()
});
var lineageData = external_exports.object({
  role: external_exports.string(),
  source: external_exports.string(),
  sha256: external_exports.string(),
  bytes: external_exports.number().optional()
});
var modelVersion = reportEnvelope.extend({
  kind: external_exports.literal("ModelVersion"),
  name: external_exports.string(),
  version: external_exports.string(),
  /** <name>@v<version> */
  tag: external_exports.string(),
  task: external_exports.enum(["binary", "multiclass", "regression"]).optional(),
  classes: external_exports.array(external_exports.string()).optional(),
  artifact: storedArtifact,
  signature: modelSignature,
  /** Why this version number: the rule and what it compared. */
  versioning: external_exports.object({
    rule: external_exports.string(),
    previous: external_exports.string().nullable(),
    bump: external_exports.enum(["initial", "major", "minor", "patch", "explicit"]),
    reason: external_exports.string()
  }),
  lineage: external_exports.object({
    /** The commit the model was built from. */
    commit: external_exports.string().nullable(),
    trainRun: lineageTrainRun.nullable(),
    evaluation: lineageEvaluation.nullable(),
    data: external_exports.array(lineageData)
  }),
  registeredAt: external_exports.string(),
  registeredBy: external_exports.string().optional(),
  /** Paths relative to the repository root. */
  card: external_exports.object({ markdown: external_exports.string(), json: external_exports.string() }),
  referenceProfile: external_exports.string().optional(),
  /** Filled from stages.yaml and stage tags when read; empty in the stored file. */
  stages: external_exports.array(stageEvent).default([]),
  /** Stages this version holds now (filled when read). */
  currentStages: external_exports.array(external_exports.string()).default([]),
  deprecated: external_exports.boolean().default(false)
});
var REGISTRY_DIR = ".mlops/registry";
function versionDir(name, version) {
  return `${REGISTRY_DIR}/${name}/${version}`;
}
function stagesFile(name) {
  return `${REGISTRY_DIR}/${name}/stages.yaml`;
}

// src/core/registry/semver.ts
var SEMVER_RE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;
function isSemver(text) {
  return SEMVER_RE.test(text);
}
function parseSemver(text) {
  const m = SEMVER_RE.exec(text.replace(/^v/, ""));
  if (!m) {
    throw new MlopsError(`"${text}" is not a semantic version.`, {
      kind: "usage",
      expected: 'MAJOR.MINOR.PATCH, e.g. 1.4.0 (a leading "v" is allowed)',
      found: JSON.stringify(text)
    });
  }
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease: m[4] ? m[4].split(".") : []
  };
}
function formatSemver(v) {
  return `${v.major}.${v.minor}.${v.patch}${v.prerelease.length ? `-${v.prerelease.join(".")}` : ""}`;
}
function compareSemver(a, b) {
  const x = parseSemver(a);
  const y = parseSemver(b);
  for (const key of ["major", "minor", "patch"]) {
    if (x[key] !== y[key]) return x[key] - y[key];
  }
  if (x.prerelease.length === 0 || y.prerelease.length === 0) return y.prerelease.length - x.prerelease.length;
  for (let i = 0; i < Math.max(x.prerelease.length, y.prerelease.length); i++) {
    const p = x.prerelease[i];
    const q = y.prerelease[i];
    if (p === void 0) return -1;
    if (q === void 0) return 1;
    if (p === q) continue;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) return Number(p) - Number(q);
    if (pn !== qn) return pn ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}
function bumpSemver(version, bump) {
  const v = parseSemver(version);
  if (bump === "major") return formatSemver({ major: v.major + 1, minor: 0, patch: 0, prerelease: [] });
  if (bump === "minor") return formatSemver({ major: v.major, minor: v.minor + 1, patch: 0, prerelease: [] });
  return formatSemver({ major: v.major, minor: v.minor, patch: v.patch + 1, prerelease: [] });
}

// src/core/registry/stages.ts
var import_yaml = __toESM(require_dist(), 1);
var stagesDocument = external_exports.strictObject({
  model: external_exports.string(),
  /** stage -> version */
  stages: external_exports.record(external_exports.string(), external_exports.string()).default({}),
  deprecated: external_exports.array(external_exports.string()).default([])
});
function emptyStages(model) {
  return { model, stages: {}, deprecated: [] };
}
function parseStages(text, file, model) {
  const doc = (0, import_yaml.parseDocument)(text);
  if (doc.errors[0]) {
    throw new MlopsError(`${file} is not valid YAML: ${doc.errors[0].message.split("\n")[0]}`, {
      kind: "input",
      where: { file }
    });
  }
  const parsed = stagesDocument.safeParse(doc.toJS() ?? { model });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MlopsError(`${file}: ${issue.path.join(".") || "(top level)"}: ${issue.message}`, {
      kind: "input",
      where: { file, path: issue.path.join(".") },
      expected: "model: <name>, stages: {<stage>: <version>}, deprecated: [<version>, ...]"
    });
  }
  return parsed.data;
}
function formatStages(doc) {
  const sorted = {
    model: doc.model,
    stages: Object.fromEntries(Object.entries(doc.stages).sort(([a], [b]) => a.localeCompare(b))),
    deprecated: [...doc.deprecated].sort()
  };
  return [
    `# Stage assignments of model "${doc.model}". Change them in a pull request (mlops promote): merging is the`,
    "# approval, and the release workflow then tags <model>#<stage>#<n>. See examples/governance/.",
    (0, import_yaml.stringify)(sorted).trimEnd(),
    ""
  ].join("\n");
}

// src/core/registry/tag-message.ts
function formatTagMessage(subject, facts) {
  const lines = [subject, ""];
  if (facts.version) lines.push(`version: ${facts.version}`);
  if (facts.sha256) lines.push(`sha256: ${facts.sha256}`);
  if (facts.requestedBy) lines.push(`requested-by: ${facts.requestedBy}`);
  if (facts.approvedBy.length) lines.push(`approved-by: ${facts.approvedBy.join(", ")}`);
  if (facts.pullRequest !== void 0) lines.push(`pull-request: ${facts.pullRequest}`);
  if (facts.commit) lines.push(`commit: ${facts.commit}`);
  return `${lines.join("\n")}
`;
}
function parseTagMessage(message) {
  const facts = { approvedBy: [] };
  for (const line of message.split("\n")) {
    const m = /^([a-z-]+):\s*(.*)$/.exec(line.trim());
    if (!m) continue;
    const value = m[2].trim();
    switch (m[1]) {
      case "version":
        facts.version = value;
        break;
      case "sha256":
        facts.sha256 = value;
        break;
      case "requested-by":
        facts.requestedBy = value;
        break;
      case "approved-by":
        facts.approvedBy = value.split(",").map((s) => s.trim()).filter(Boolean);
        break;
      case "pull-request":
        if (/^\d+$/.test(value)) facts.pullRequest = Number(value);
        break;
      case "commit":
        facts.commit = value;
        break;
    }
  }
  return facts;
}

// src/core/registry/tags.ts
var NAME = "[a-z0-9][a-z0-9._/-]*?";
var SEMVER = "(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?";
var STAGE = "[a-z0-9][a-z0-9._-]*";
var versionTag = new RegExp(`^(?<name>${NAME})@v(?<version>${SEMVER})(?<cancel>!?)(?:#(?<n>\\d+))?$`);
var stageTag = new RegExp(`^(?<name>${NAME})#(?<stage>${STAGE})(?<cancel>!?)(?:#(?<n>\\d+))?$`);
var deprecateTag = new RegExp(`^(?<name>${NAME})@(?<event>deprecated|created)(?:#(?<n>\\d+))?$`);
var GTO_NAME = /^[a-z][a-z0-9-/]*[a-z0-9]$/;
function isGtoName(name) {
  return GTO_NAME.test(name);
}
function parseTag(tag) {
  const counter = (n) => n === void 0 ? void 0 : Number(n);
  let m = deprecateTag.exec(tag);
  if (m?.groups) {
    return {
      kind: m.groups.event === "created" ? "create" : "deprecate",
      name: m.groups.name,
      counter: counter(m.groups.n)
    };
  }
  m = versionTag.exec(tag);
  if (m?.groups) {
    return {
      kind: m.groups.cancel ? "deregister" : "register",
      name: m.groups.name,
      version: m.groups.version,
      counter: counter(m.groups.n)
    };
  }
  m = stageTag.exec(tag);
  if (m?.groups) {
    return {
      kind: m.groups.cancel ? "unassign" : "assign",
      name: m.groups.name,
      stage: m.groups.stage,
      counter: counter(m.groups.n)
    };
  }
  return void 0;
}
function formatTag(event) {
  const n = event.counter === void 0 ? "" : `#${event.counter}`;
  switch (event.kind) {
    case "register":
      return `${event.name}@v${event.version}${n}`;
    case "deregister":
      return `${event.name}@v${event.version}!${n}`;
    case "assign":
      return `${event.name}#${event.stage}${n}`;
    case "unassign":
      return `${event.name}#${event.stage}!${n}`;
    case "deprecate":
      return `${event.name}@deprecated${n}`;
    case "create":
      return `${event.name}@created${n}`;
  }
}
function versionTagName(name, version) {
  return formatTag({ kind: "register", name, version });
}

// src/core/registry/read.ts
function workingTree(repoDir) {
  return {
    async read(path) {
      const file = join(repoDir, path);
      return existsSync(file) ? readFile(file, "utf8") : void 0;
    },
    async dirs(dir) {
      const full = join(repoDir, dir);
      if (!existsSync(full)) return [];
      return (await readdir(full, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    }
  };
}
function commitTree(repoDir, commit) {
  let paths;
  return {
    read: (path) => showFile(repoDir, commit, path),
    readMany: (paths2) => showFiles(repoDir, commit, paths2),
    async dirs(dir) {
      paths ??= listTree(repoDir, commit, REGISTRY_DIR);
      const prefix = `${dir.replace(/\/$/, "")}/`;
      const out = /* @__PURE__ */ new Set();
      for (const p of await paths) {
        if (!p.startsWith(prefix)) continue;
        const rest = p.slice(prefix.length);
        const slash = rest.indexOf("/");
        if (slash > 0) out.add(rest.slice(0, slash));
      }
      return [...out];
    }
  };
}
function parseModelVersion(text, file) {
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new MlopsError(`${file} is not valid JSON: ${error.message}`, { kind: "input", where: { file } });
  }
  const parsed = modelVersion.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MlopsError(`${file} is not a ModelVersion: ${issue.path.join(".")}: ${issue.message}`, {
      kind: "input",
      where: { file, path: issue.path.join(".") }
    });
  }
  return parsed.data;
}
async function listModels(source) {
  return (await source.dirs(REGISTRY_DIR)).sort();
}
async function readVersions(source, name) {
  const files = (await source.dirs(`${REGISTRY_DIR}/${name}`)).filter(isSemver).map((dir) => `${REGISTRY_DIR}/${name}/${dir}/model.json`);
  let texts;
  if (source.readMany) {
    texts = await source.readMany(files);
  } else {
    texts = /* @__PURE__ */ new Map();
    await Promise.all(
      files.map(async (file) => {
        const text = await source.read(file);
        if (text !== void 0) texts.set(file, text);
      })
    );
  }
  const versions = files.filter((f) => texts.has(f)).map((f) => parseModelVersion(texts.get(f), f));
  return versions.sort((a, b) => compareSemver(a.version, b.version));
}
async function readStages(source, name) {
  const file = stagesFile(name);
  const text = await source.read(file);
  return text === void 0 ? emptyStages(name) : parseStages(text, file, name);
}
function historyFromTags(name, tags, versionOfCommit) {
  const events = [];
  for (const tag of tags) {
    if (!tag.annotated) continue;
    const event = parseTag(tag.name);
    if (!event || event.name !== name) continue;
    if (event.kind !== "assign" && event.kind !== "unassign") continue;
    const meta = parseTagMessage(tag.message);
    events.push({
      stage: event.stage,
      action: event.kind,
      version: meta.version ?? versionOfCommit.get(tag.commit) ?? "unknown",
      at: tag.date,
      tag: tag.name,
      requestedBy: meta.requestedBy,
      approvedBy: meta.approvedBy,
      pullRequest: meta.pullRequest,
      commit: meta.commit
    });
  }
  return events.sort((a, b) => counterOf(a.tag) - counterOf(b.tag) || a.at.localeCompare(b.at));
}
function counterOf(tag) {
  return tag ? parseTag(tag)?.counter ?? 0 : 0;
}
async function readModel(repoDir, name, source = workingTree(repoDir)) {
  const [versions, stages, tags] = await Promise.all([
    readVersions(source, name),
    readStages(source, name),
    listTags(repoDir, `${name}[@#]*`)
  ]);
  const versionOfCommit = /* @__PURE__ */ new Map();
  for (const tag of tags) {
    const event = parseTag(tag.name);
    if (tag.annotated && event?.kind === "register" && event.name === name)
      versionOfCommit.set(tag.commit, event.version);
  }
  const history = historyFromTags(name, tags, versionOfCommit);
  const deregistered = new Set(
    tags.map((t) => t.annotated ? parseTag(t.name) : void 0).filter((e) => e?.kind === "deregister" && e.name === name).map((e) => e.version)
  );
  const filled = versions.map((v) => ({
    ...v,
    stages: history.filter((h) => h.version === v.version),
    currentStages: Object.entries(stages.stages).filter(([, holder]) => holder === v.version).map(([stage]) => stage),
    deprecated: stages.deprecated.includes(v.version) || deregistered.has(v.version)
  }));
  return { name, versions: filled, stages, history, tags };
}

export {
  gitRaw,
  git,
  gitOk,
  firstLines,
  listTags,
  fetchBranchAndTags,
  hasRemote,
  versionDir,
  stagesFile,
  isSemver,
  compareSemver,
  bumpSemver,
  emptyStages,
  parseStages,
  formatStages,
  formatTagMessage,
  parseTagMessage,
  isGtoName,
  parseTag,
  formatTag,
  versionTagName,
  workingTree,
  commitTree,
  listModels,
  readVersions,
  readModel
};
//# sourceMappingURL=chunk-RHXVXVBD.js.map
