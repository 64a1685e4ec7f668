import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  ConsoleLogger
} from "./chunk-OM5PWGRV.js";
import {
  hiddenMarker
} from "./chunk-UCG3M2CV.js";
import {
  DirectoryArtifactStore,
  DirectoryCache
} from "./chunk-ZJTTXSAO.js";
import {
  writeFileAtomic
} from "./chunk-5AAGF42O.js";

// src/platform/local.ts
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, join, resolve } from "node:path";

// src/platform/progress.ts
var FRAMES = ["\u280B", "\u2819", "\u2839", "\u2838", "\u283C", "\u2834", "\u2826", "\u2827", "\u2807", "\u280F"];
function progressWanted(stream, env = process.env) {
  return Boolean(stream.isTTY) && !env.CI && env.TERM !== "dumb" && env.MLOPS_NO_PROGRESS !== "1";
}
var TerminalProgress = class {
  constructor(stream) {
    this.stream = stream;
  }
  stream;
  tasks = [];
  timer;
  frame = 0;
  visible = false;
  start(label) {
    this.tasks.push({ label, started: Date.now() });
    if (!this.timer) {
      this.timer = setInterval(() => this.draw(), 120);
      this.timer.unref();
    }
    this.draw();
  }
  /** Ends the innermost task and returns its duration in seconds. */
  stop() {
    const task = this.tasks.pop();
    this.clear();
    if (this.tasks.length === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = void 0;
    }
    return task ? (Date.now() - task.started) / 1e3 : 0;
  }
  /** Erase the spinner line; call before writing anything else to the terminal. */
  clear() {
    if (!this.visible) return;
    this.stream.write("\r\x1B[K");
    this.visible = false;
  }
  draw() {
    const task = this.tasks.at(-1);
    if (!task) return;
    const seconds = ((Date.now() - task.started) / 1e3).toFixed(1);
    this.frame = (this.frame + 1) % FRAMES.length;
    this.stream.write(`\r\x1B[K${FRAMES[this.frame]} ${task.label} \xB7 ${seconds}s`);
    this.visible = true;
  }
};

// src/platform/local.ts
function git(cwd, args) {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return void 0;
  }
}
function localContext(workspace) {
  const sha = git(workspace, ["rev-parse", "HEAD"]) ?? "0".repeat(40);
  const branch = git(workspace, ["rev-parse", "--abbrev-ref", "HEAD"]) ?? "main";
  return {
    platform: "local",
    repository: basename(workspace),
    workspace,
    sha,
    ref: `refs/heads/${branch}`,
    defaultBranch: git(workspace, ["config", "init.defaultBranch"]) || "main",
    event: "dispatch",
    actor: process.env.USER
  };
}
var LocalPlatform = class {
  constructor(options = {}) {
    this.options = options;
    const workspace = resolve(options.workspace ?? process.cwd());
    this.context = localContext(workspace);
    this.progress = options.progress && progressWanted(process.stderr) ? new TerminalProgress(process.stderr) : void 0;
    this.log = options.logger ?? new ConsoleLogger({ verbose: options.verbose, color: process.stdout.isTTY, progress: this.progress });
    this.artifacts = new DirectoryArtifactStore(
      resolve(process.env.MLOPS_ARTIFACT_DIR ?? join(workspace, ".mlops", "artifacts"))
    );
    this.cache = new DirectoryCache(
      resolve(process.env.MLOPS_CACHE_DIR ?? join(homedir(), ".cache", "mlops-actions", "cache")),
      workspace
    );
    this.stateFile = join(workspace, ".mlops", "local", "platform.json");
  }
  options;
  name = "local";
  context;
  log;
  outputs = {};
  summaries = [];
  artifacts;
  cache;
  stateFile;
  progress;
  /** Runs fn with a spinner (label and elapsed time) on a terminal; plain otherwise. */
  async withProgress(label, fn) {
    if (!this.progress) return fn();
    this.progress.start(label);
    try {
      return await fn();
    } finally {
      this.progress.stop();
    }
  }
  getInput(name) {
    const value = this.options.inputs?.[name] ?? process.env[`MLOPS_INPUT_${name.replace(/[- ]/g, "_").toUpperCase()}`];
    return value === "" ? void 0 : value;
  }
  setOutput(name, value) {
    this.outputs[name] = value;
  }
  async appendSummary(markdown) {
    this.summaries.push(markdown);
    if (this.options.onSummary) this.options.onSummary(markdown);
  }
  async state() {
    if (!existsSync(this.stateFile)) return { comments: [], issues: [], deployments: [], triggers: [] };
    return JSON.parse(await readFile(this.stateFile, "utf8"));
  }
  async save(state) {
    await mkdir(join(this.stateFile, ".."), { recursive: true });
    await writeFileAtomic(this.stateFile, `${JSON.stringify(state, null, 2)}
`);
  }
  async upsertComment(marker, body, options = {}) {
    const state = await this.state();
    const tagged = `${hiddenMarker(marker)}
${body}`;
    const pullRequest = options.pullRequest ?? this.context.pullRequest;
    const existing = state.comments.find(
      (c) => c.body.startsWith(hiddenMarker(marker)) && c.pullRequest === pullRequest
    );
    const at = (/* @__PURE__ */ new Date()).toISOString();
    if (existing) {
      existing.body = tagged;
      existing.updatedAt = at;
    } else {
      state.comments.push({
        id: state.comments.length + 1,
        body: tagged,
        updatedAt: at,
        ...pullRequest !== void 0 ? { pullRequest } : {}
      });
    }
    await this.save(state);
    const id = existing?.id ?? state.comments.length;
    return { id, url: `${this.stateFile}#comment-${id}`, created: !existing };
  }
  async openPullRequest(request) {
    const state = await this.state();
    state.pullRequests ??= [];
    const pullRequests = state.pullRequests;
    const existing = pullRequests.find((p) => p.state === "open" && p.head === request.head && p.base === request.base);
    const updatedAt = (/* @__PURE__ */ new Date()).toISOString();
    const fields = { title: request.title, body: request.body, updatedAt };
    let number;
    if (existing) {
      Object.assign(existing, fields, request.labels ? { labels: request.labels } : {});
      number = existing.number;
    } else {
      number = pullRequests.length + 1;
      pullRequests.push({
        number,
        head: request.head,
        base: request.base,
        labels: request.labels ?? [],
        state: "open",
        ...fields
      });
    }
    await this.save(state);
    return { number, url: `${this.stateFile}#pull-request-${number}`, created: !existing };
  }
  async findIssue(marker) {
    const state = await this.state();
    const issue = state.issues.find((i) => i.state === "open" && i.body.includes(hiddenMarker(marker)));
    return issue ? { number: issue.number, created: false, state: issue.state, url: `${this.stateFile}#issue-${issue.number}` } : void 0;
  }
  async upsertIssue(marker, content, options = {}) {
    const state = await this.state();
    const body = `${hiddenMarker(marker)}
${content.body}`;
    const candidates = state.issues.filter((i) => i.body.includes(hiddenMarker(marker)));
    let issue = candidates.find((i) => i.state === "open") ?? (options.reopen ? candidates.at(-1) : void 0);
    const created = !issue;
    if (issue) {
      Object.assign(issue, { title: content.title, body, labels: content.labels ?? issue.labels, state: "open" });
    } else {
      issue = {
        number: state.issues.length + 1,
        title: content.title,
        body,
        labels: content.labels ?? [],
        state: "open",
        comments: []
      };
      state.issues.push(issue);
    }
    await this.save(state);
    return { number: issue.number, created, state: "open", url: `${this.stateFile}#issue-${issue.number}` };
  }
  async mergedPullRequest() {
    return void 0;
  }
  async commentOnIssue(number, body) {
    const state = await this.state();
    const issue = state.issues.find((i) => i.number === number);
    if (issue) issue.comments.push(body);
    await this.save(state);
  }
  async closeIssue(number, comment) {
    const state = await this.state();
    const issue = state.issues.find((i) => i.number === number);
    if (issue) {
      if (comment) issue.comments.push(comment);
      issue.state = "closed";
    }
    await this.save(state);
  }
  deployments = {
    create: async (environment, ref, description) => {
      const state = await this.state();
      const id = state.deployments.length + 1;
      state.deployments.push({ id, environment, ref, description, statuses: [] });
      await this.save(state);
      return { id };
    },
    setStatus: async (id, stateName, description) => {
      const state = await this.state();
      state.deployments.find((d) => d.id === id)?.statuses.push({ state: stateName, description, at: (/* @__PURE__ */ new Date()).toISOString() });
      await this.save(state);
    }
  };
  async trigger(request) {
    const state = await this.state();
    state.triggers.push({ ...request, at: (/* @__PURE__ */ new Date()).toISOString() });
    await this.save(state);
    return { url: `${this.stateFile}#trigger-${state.triggers.length}` };
  }
};

export {
  localContext,
  LocalPlatform
};
//# sourceMappingURL=chunk-WI7M3RDT.js.map
