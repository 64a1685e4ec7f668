import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  HttpClient,
  upsertMarkedComment,
  writeVerified
} from "./chunk-R7WI74ZT.js";
import {
  ConsoleLogger
} from "./chunk-OM5PWGRV.js";
import {
  hiddenMarker
} from "./chunk-UCG3M2CV.js";
import {
  DirectoryCache
} from "./chunk-ZJTTXSAO.js";
import {
  ArtifactConflict
} from "./chunk-JIVY64QC.js";
import {
  external_exports
} from "./chunk-2342GB6D.js";
import {
  sha256,
  sha256File
} from "./chunk-5AAGF42O.js";
import {
  MlopsError
} from "./chunk-FZ3ZHXNS.js";
import "./chunk-K5WE2JX7.js";

// src/platform/gitlab.ts
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

// src/platform/gitlab-api.ts
function gitlabTokens(env) {
  return { access: env.MLOPS_GITLAB_TOKEN?.trim() || void 0, job: env.CI_JOB_TOKEN?.trim() || void 0 };
}
var TOKEN_HINT = "Create a project access token (Settings > Access tokens) with the `api` scope and at least the Reporter role (Developer for packages, deployments and merge requests), and store it as a masked CI/CD variable named MLOPS_GITLAB_TOKEN.";
var GitLabApi = class {
  constructor(baseUrl, projectId, tokens, log, retry) {
    this.baseUrl = baseUrl;
    this.projectId = projectId;
    this.tokens = tokens;
    this.http = new HttpClient({
      service: "GitLab",
      baseUrl,
      retry,
      log,
      headers: (request) => this.authHeaders(request),
      hint: (status, request) => this.hint(status, request)
    });
  }
  baseUrl;
  projectId;
  tokens;
  http;
  tokenKind(request) {
    return request.credential === "access" || request.credential === "job" ? request.credential : "none";
  }
  authHeaders(request) {
    const kind = this.tokenKind(request);
    if (kind === "access") return { "PRIVATE-TOKEN": this.tokens.access };
    if (kind === "job") return { "JOB-TOKEN": this.tokens.job };
    return {};
  }
  hint(status, request) {
    const kind = this.tokenKind(request);
    const token = kind === "access" ? "MLOPS_GITLAB_TOKEN" : kind === "job" ? "CI_JOB_TOKEN" : "the trigger token";
    switch (status) {
      case 401:
        return kind === "job" ? `GitLab refused CI_JOB_TOKEN here. ${TOKEN_HINT}` : `GitLab refused ${token}: it is invalid, expired or revoked. ${TOKEN_HINT}`;
      case 403:
        return `${token} lacks the permission: it needs the \`api\` scope and a high enough role. ${TOKEN_HINT}`;
      case 404:
        return `Check CI_PROJECT_ID and that ${token} can see the project (GitLab answers 404 for projects a token cannot read).`;
      default:
        return status >= 500 ? "GitLab had a server error; retry the job." : void 0;
    }
  }
  /** Fails early, with what to do, when the endpoint needs a token we do not have. */
  credentialFor(access, what) {
    if (this.tokens.access) return "access";
    if (access === "job-token-allowed" && this.tokens.job) return "job";
    const onlyJob = this.tokens.job !== void 0;
    throw new MlopsError(
      onlyJob ? `Cannot ${what}: GitLab does not accept CI_JOB_TOKEN for this API, and MLOPS_GITLAB_TOKEN is not set.` : `Cannot ${what}: no GitLab token (MLOPS_GITLAB_TOKEN or CI_JOB_TOKEN) is set.`,
      {
        kind: "config",
        expected: "MLOPS_GITLAB_TOKEN: a project or personal access token with the `api` scope",
        found: onlyJob ? "only CI_JOB_TOKEN" : "no token",
        hint: TOKEN_HINT
      }
    );
  }
  prepare(request) {
    return {
      ...request,
      path: `/projects/${encodeURIComponent(this.projectId)}${request.path}`,
      credential: this.credentialFor(request.access, request.what)
    };
  }
  send(request) {
    return this.http.send(this.prepare(request));
  }
  json(request, parse) {
    return this.http.json(this.prepare(request), parse);
  }
  /** Every item of a paginated list, following x-next-page. */
  async all(request, parse) {
    const items = [];
    let page = "1";
    for (let guard = 0; page && guard < 1e4; guard++) {
      const { data, response } = await this.json(
        { ...request, method: "GET", query: { ...request.query, per_page: 100, page } },
        parse
      );
      items.push(...data);
      page = response.headers.get("x-next-page") || void 0;
    }
    return items;
  }
  /** The account the access token acts as (GET /user: a project access token's bot user, or a person). */
  async tokenUser() {
    const what = "find out which account MLOPS_GITLAB_TOKEN writes as";
    const { data } = await this.http.json(
      { method: "GET", path: "/user", credential: this.credentialFor("access-token-only", what), what },
      (d) => external_exports.object({ id: external_exports.number(), username: external_exports.string() }).parse(d)
    );
    return data;
  }
  /** A request with no token header at all (pipeline triggers carry their token in the body). */
  async unauthenticated(request, parse) {
    const { data } = await this.http.json(
      { ...request, path: `/projects/${encodeURIComponent(this.projectId)}${request.path}`, credential: "none" },
      parse
    );
    return data;
  }
};

// src/platform/gitlab-artifacts.ts
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
var packageSchema = external_exports.object({ id: external_exports.number(), name: external_exports.string(), version: external_exports.string() });
var packageFileSchema = external_exports.object({
  id: external_exports.number(),
  package_id: external_exports.number().optional(),
  file_name: external_exports.string(),
  size: external_exports.number(),
  file_sha256: external_exports.string().nullish()
});
var GenericPackageStore = class {
  constructor(api, log) {
    this.api = api;
    this.log = log;
  }
  api;
  log;
  filePath(namespace, version, name) {
    return `/packages/generic/${encodeURIComponent(namespace)}/${encodeURIComponent(version)}/${encodeURIComponent(name)}`;
  }
  url(namespace, version, name) {
    return `${this.api.baseUrl.replace(/\/+$/, "")}/projects/${encodeURIComponent(this.api.projectId)}${this.filePath(namespace, version, name)}`;
  }
  /** The newest stored file with this name (GitLab serves the newest when names repeat). */
  async findFile(namespace, version, name) {
    const packages = await this.api.all(
      {
        method: "GET",
        path: "/packages",
        query: { package_type: "generic", package_name: namespace },
        access: "job-token-allowed",
        what: `list the generic packages named ${namespace}`
      },
      (data) => external_exports.array(packageSchema).parse(data)
    );
    const files = [];
    for (const pkg of packages.filter((p) => p.name === namespace && p.version === version)) {
      files.push(
        ...await this.api.all(
          {
            method: "GET",
            path: `/packages/${pkg.id}/package_files`,
            access: "job-token-allowed",
            what: `list the files of ${namespace} ${version}`
          },
          (data) => external_exports.array(packageFileSchema).parse(data)
        )
      );
    }
    return files.filter((f) => f.file_name === name).sort((a, b) => b.id - a.id)[0];
  }
  async download(namespace, version, name) {
    const response = await this.api.send({
      method: "GET",
      path: this.filePath(namespace, version, name),
      access: "job-token-allowed",
      what: `download ${namespace}/${version}/${name}`,
      accept: [404],
      headers: { accept: "*/*" },
      dropCredentialsOnRedirect: true
    });
    if (response.status === 404) {
      await response.body?.cancel();
      return void 0;
    }
    return response;
  }
  async reuseOrReject(file, namespace, version, digest) {
    const label = `${namespace}/${version}/${file.file_name}`;
    let existing = file.file_sha256 ?? void 0;
    if (!existing) {
      const response = await this.download(namespace, version, file.file_name);
      existing = sha256(new Uint8Array(response ? await response.arrayBuffer() : new ArrayBuffer(0)));
    }
    if (existing === digest) {
      this.log.info(`Artifact ${label} is already in the package registry with the same content; reusing it.`);
      return { url: this.url(namespace, version, file.file_name), sha256: digest, size: file.size };
    }
    throw new ArtifactConflict(
      `${label} in the GitLab package registry`,
      { path: this.url(namespace, version, file.file_name) },
      digest,
      existing
    );
  }
  async put(namespace, version, file, name = basename(file)) {
    const digest = await sha256File(file);
    const size = (await stat(file)).size;
    const existing = await this.findFile(namespace, version, name);
    if (existing) return this.reuseOrReject(existing, namespace, version, digest);
    let stored;
    try {
      ({ data: stored } = await this.api.json(
        {
          method: "PUT",
          path: this.filePath(namespace, version, name),
          query: { select: "package_file" },
          body: await readFile(file),
          access: "job-token-allowed",
          what: `upload ${namespace}/${version}/${name} to the package registry`
        },
        (data) => packageFileSchema.parse(data)
      ));
    } catch (error) {
      if (error instanceof MlopsError && /duplicate/i.test(error.message)) {
        const raced = await this.findFile(namespace, version, name);
        if (raced) return this.reuseOrReject(raced, namespace, version, digest);
      }
      throw error;
    }
    if (stored.size !== size || stored.file_sha256 && stored.file_sha256 !== digest) {
      throw new MlopsError(`Upload of ${namespace}/${version}/${name} was corrupted in transit.`, {
        kind: "api",
        expected: `${size} bytes, sha256 ${digest}`,
        found: `${stored.size} bytes, sha256 ${stored.file_sha256 ?? "unknown"}`,
        hint: "Delete the broken package file in Deploy > Package registry and run the job again."
      });
    }
    return { url: this.url(namespace, version, name), sha256: digest, size, created: true };
  }
  async discard(namespace, version, name) {
    try {
      const file = await this.findFile(namespace, version, name);
      if (file?.package_id === void 0) return false;
      await this.api.send({
        method: "DELETE",
        path: `/packages/${file.package_id}/package_files/${file.id}`,
        access: "access-token-only",
        what: `delete ${namespace}/${version}/${name} from the package registry`
      });
      return true;
    } catch (error) {
      this.log.warning(`Could not delete ${namespace}/${version}/${name}: ${error.message}`);
      return false;
    }
  }
  async get(namespace, version, name, dest, expectedSha) {
    const response = await this.download(namespace, version, name);
    if (!response?.body) {
      throw new MlopsError(`Artifact ${namespace}/${version}/${name} is not in the GitLab package registry.`, {
        kind: "input",
        where: { path: this.url(namespace, version, name) },
        hint: "Register the version first, or check the model name and version."
      });
    }
    await writeVerified(response.body, dest, expectedSha, `${namespace}/${version}/${name}`);
  }
};

// src/platform/gitlab.ts
function eventName(source) {
  switch (source) {
    case "push":
      return "push";
    case "merge_request_event":
      return "pull_request";
    case "schedule":
      return "schedule";
    case "web":
    case "api":
    case "trigger":
    case "pipeline":
      return "dispatch";
    default:
      return "other";
  }
}
function gitlabContext(env) {
  const mr = env.CI_MERGE_REQUEST_IID ? Number(env.CI_MERGE_REQUEST_IID) : void 0;
  return {
    platform: "gitlab",
    repository: env.CI_PROJECT_PATH ?? "",
    workspace: env.CI_PROJECT_DIR ?? process.cwd(),
    sha: env.CI_COMMIT_SHA ?? "",
    ref: env.CI_COMMIT_TAG ? `refs/tags/${env.CI_COMMIT_TAG}` : `refs/heads/${env.CI_COMMIT_REF_NAME ?? ""}`,
    defaultBranch: env.CI_DEFAULT_BRANCH ?? "main",
    event: eventName(env.CI_PIPELINE_SOURCE),
    pullRequest: mr,
    baseRef: env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME,
    runUrl: env.CI_JOB_URL ?? env.CI_PIPELINE_URL,
    actor: env.GITLAB_USER_LOGIN
  };
}
var MAX_BODY = 1e6;
var ISSUE_LABEL = "mlops";
var GITLAB_CACHE_DIR = ".mlops/cache";
var authorSchema = external_exports.object({ id: external_exports.number() }).nullish();
var noteSchema = external_exports.object({
  id: external_exports.number(),
  body: external_exports.string(),
  system: external_exports.boolean().optional(),
  author: authorSchema
});
var issueSchema = external_exports.object({
  iid: external_exports.number(),
  author: authorSchema,
  description: external_exports.string().nullish(),
  state: external_exports.string(),
  web_url: external_exports.string().optional(),
  labels: external_exports.array(external_exports.string()).optional()
});
var deploymentSchema = external_exports.object({
  id: external_exports.number(),
  status: external_exports.string().optional(),
  environment: external_exports.object({ id: external_exports.number(), name: external_exports.string() }).partial().optional()
});
var mergeRequestSchema = external_exports.object({ iid: external_exports.number(), web_url: external_exports.string().optional() });
var pipelineSchema = external_exports.object({ id: external_exports.number(), web_url: external_exports.string().optional() });
function gitlabDeploymentStatus(state) {
  switch (state) {
    case "pending":
    case "in_progress":
      return "running";
    case "success":
      return "success";
    case "failure":
    case "error":
      return "failed";
    case "inactive":
      return "canceled";
  }
}
function shortRef(ref) {
  return ref.replace(/^refs\/(heads|tags)\//, "");
}
var GitLabPlatform = class _GitLabPlatform {
  constructor(context, env, options = {}) {
    this.context = context;
    this.env = env;
    this.options = options;
    this.log = options.logger ?? new ConsoleLogger({ verbose: env.CI_DEBUG_TRACE === "true", color: true, sections: "gitlab" });
    this.cache = new DirectoryCache(join(context.workspace, GITLAB_CACHE_DIR), context.workspace);
    this.deployments = {
      create: (environment, ref, description) => this.createDeployment(environment, ref, description),
      setStatus: (id, state, description, environmentUrl) => this.setDeploymentStatus(id, state, description, environmentUrl)
    };
  }
  context;
  env;
  options;
  name = "gitlab";
  log;
  cache;
  deployments;
  client;
  store;
  /** Deployment id -> environment id and last status, to set the environment URL and skip no-op transitions. */
  deploymentState = /* @__PURE__ */ new Map();
  static fromEnv(env = process.env, options = {}) {
    return new _GitLabPlatform(gitlabContext(env), env, options);
  }
  api() {
    if (this.client) return this.client;
    const baseUrl = this.env.CI_API_V4_URL ?? (this.env.CI_SERVER_URL ? `${this.env.CI_SERVER_URL}/api/v4` : void 0);
    const projectId = this.env.CI_PROJECT_ID ?? this.env.CI_PROJECT_PATH;
    if (!baseUrl || !projectId) {
      throw new MlopsError("The GitLab API location is unknown: CI_API_V4_URL and CI_PROJECT_ID are not set.", {
        kind: "config",
        hint: "Run inside a GitLab CI job, or set CI_API_V4_URL and CI_PROJECT_ID."
      });
    }
    this.client = new GitLabApi(baseUrl, projectId, gitlabTokens(this.env), this.log, this.options.retry);
    return this.client;
  }
  get artifacts() {
    this.store ??= new GenericPackageStore(this.api(), this.log);
    return this.store;
  }
  getInput(name) {
    const value = this.env[`MLOPS_INPUT_${name.replace(/[- ]/g, "_").toUpperCase()}`];
    return value === void 0 || value.trim() === "" ? void 0 : value;
  }
  /** Outputs go to a dotenv file (MLOPS_OUTPUT_FILE, default .mlops/out/outputs.env) for `artifacts: reports: dotenv`. */
  setOutput(name, value) {
    const file = resolve(this.context.workspace, this.env.MLOPS_OUTPUT_FILE ?? ".mlops/out/outputs.env");
    mkdirSync(dirname(file), { recursive: true });
    const key = `MLOPS_${name.replace(/[- ]/g, "_").toUpperCase()}`;
    appendFileSync(file, `${key}=${value.replace(/\n/g, " ")}
`);
  }
  /** GitLab has no step summary: the Markdown goes to the log and to a file kept as an artifact. */
  async appendSummary(markdown) {
    const file = resolve(this.context.workspace, this.env.MLOPS_SUMMARY_FILE ?? ".mlops/out/summary.md");
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${markdown}
`);
    this.log.info(markdown);
  }
  tokenUser;
  /**
   * Only notes and issues this token wrote carry our reports: a marker pasted into somebody else's note must
   * never make us update (and hand our report to) or delete it.
   */
  tokenUserId() {
    this.tokenUser ??= this.api().tokenUser().then(
      (u) => u.id,
      (error) => {
        this.tokenUser = void 0;
        throw error;
      }
    );
    return this.tokenUser;
  }
  async upsertComment(marker, body, options = {}) {
    const iid = options.pullRequest ?? this.context.pullRequest;
    if (iid === void 0) {
      throw new MlopsError("There is no merge request to comment on in this pipeline.", {
        kind: "usage",
        found: `pipeline source ${this.env.CI_PIPELINE_SOURCE ?? "unknown"}`,
        hint: 'Run the job in merge request pipelines (rules: if: $CI_PIPELINE_SOURCE == "merge_request_event").'
      });
    }
    const api = this.api();
    const notes = `/merge_requests/${iid}/notes`;
    const mrUrl = this.env.CI_MERGE_REQUEST_PROJECT_URL ?? this.env.CI_PROJECT_URL;
    const toComment = (n) => ({
      id: n.id,
      body: n.body,
      url: mrUrl ? `${mrUrl}/-/merge_requests/${iid}#note_${n.id}` : void 0
    });
    const access = "access-token-only";
    const ours = await this.tokenUserId();
    return upsertMarkedComment(
      {
        list: async () => (await api.all(
          {
            method: "GET",
            path: notes,
            query: { sort: "asc", order_by: "created_at" },
            access,
            what: `list the notes of merge request !${iid}`
          },
          (data) => external_exports.array(noteSchema).parse(data)
        )).filter((n) => !n.system && n.author?.id === ours).map(toComment),
        create: async (text) => toComment(
          (await api.json(
            { method: "POST", path: notes, json: { body: text }, access, what: `comment on merge request !${iid}` },
            (data) => noteSchema.parse(data)
          )).data
        ),
        update: async (id, text) => toComment(
          (await api.json(
            {
              method: "PUT",
              path: `${notes}/${id}`,
              json: { body: text },
              access,
              what: `update our note on merge request !${iid}`
            },
            (data) => noteSchema.parse(data)
          )).data
        ),
        remove: async (id) => {
          await api.send({
            method: "DELETE",
            path: `${notes}/${id}`,
            access,
            what: `delete a duplicate note on merge request !${iid}`
          });
        }
      },
      marker,
      body,
      MAX_BODY
    );
  }
  async openMergeRequestFrom(source, target, what) {
    const [open] = await this.api().all(
      {
        method: "GET",
        path: "/merge_requests",
        query: { state: "opened", source_branch: source, target_branch: target },
        access: "access-token-only",
        what
      },
      (data) => external_exports.array(mergeRequestSchema).parse(data)
    );
    return open;
  }
  async openPullRequest(request) {
    const { head, base, title } = request;
    const what = `open a merge request from ${head} into ${base}`;
    const description = request.body.slice(0, MAX_BODY);
    const labels = request.labels?.length ? request.labels.join(",") : void 0;
    let existing = await this.openMergeRequestFrom(head, base, what);
    if (!existing) {
      const response = await this.api().send({
        method: "POST",
        path: "/merge_requests",
        json: {
          source_branch: head,
          target_branch: base,
          title,
          description,
          remove_source_branch: true,
          ...labels ? { labels } : {}
        },
        access: "access-token-only",
        what,
        // 409: another job opened one from this branch between our look-up and our create.
        accept: [409]
      });
      if (response.status !== 409) {
        const created = mergeRequestSchema.parse(await response.json());
        return { number: created.iid, url: created.web_url, created: true };
      }
      await response.body?.cancel();
      existing = await this.openMergeRequestFrom(head, base, what);
      if (!existing) {
        throw new MlopsError(`GitLab API: could not ${what}: another merge request from ${head} conflicts with it.`, {
          kind: "api",
          hint: `Close or retarget the open merge request from ${head}, then re-run the job.`
        });
      }
    }
    const { data } = await this.api().json(
      {
        method: "PUT",
        path: `/merge_requests/${existing.iid}`,
        json: { title, description, ...labels ? { add_labels: labels } : {} },
        access: "access-token-only",
        what: `update merge request !${existing.iid}`
      },
      (d) => mergeRequestSchema.parse(d)
    );
    return { number: data.iid, url: data.web_url ?? existing.web_url, created: false };
  }
  async markedIssues(marker, state) {
    const tag = hiddenMarker(marker);
    const issues = await this.api().all(
      {
        method: "GET",
        path: "/issues",
        query: {
          labels: ISSUE_LABEL,
          state: state === "all" ? void 0 : state,
          order_by: "created_at",
          sort: "desc"
        },
        access: "access-token-only",
        what: "list issues"
      },
      (data) => external_exports.array(issueSchema).parse(data)
    );
    const ours = await this.tokenUserId();
    return issues.filter((i) => (i.description ?? "").includes(tag) && i.author?.id === ours);
  }
  static ref(issue, created) {
    return { number: issue.iid, url: issue.web_url, created, state: issue.state === "closed" ? "closed" : "open" };
  }
  async findIssue(marker) {
    const [issue] = await this.markedIssues(marker, "opened");
    return issue ? _GitLabPlatform.ref(issue, false) : void 0;
  }
  async upsertIssue(marker, content, options = {}) {
    const candidates = await this.markedIssues(marker, "all");
    const target = candidates.find((i) => i.state === "opened") ?? (options.reopen ? candidates[0] : void 0);
    const description = `${hiddenMarker(marker)}
${content.body}`.slice(0, MAX_BODY);
    const labels = [.../* @__PURE__ */ new Set([...content.labels ?? [], ISSUE_LABEL])].join(",");
    if (target) {
      const { data: data2 } = await this.api().json(
        {
          method: "PUT",
          path: `/issues/${target.iid}`,
          json: {
            title: content.title,
            description,
            labels,
            ...target.state === "closed" ? { state_event: "reopen" } : {}
          },
          access: "access-token-only",
          what: `update issue #${target.iid}`
        },
        (d) => issueSchema.parse(d)
      );
      return _GitLabPlatform.ref(data2, false);
    }
    const { data } = await this.api().json(
      {
        method: "POST",
        path: "/issues",
        json: { title: content.title, description, labels },
        access: "access-token-only",
        what: "open an issue"
      },
      (d) => issueSchema.parse(d)
    );
    return _GitLabPlatform.ref(data, true);
  }
  async mergedPullRequest(commit) {
    const access = "access-token-only";
    const requests = await this.api().all(
      {
        method: "GET",
        path: `/repository/commits/${commit}/merge_requests`,
        access,
        what: `find the merge request merged as ${commit.slice(0, 12)}`
      },
      (d) => external_exports.array(
        external_exports.object({
          iid: external_exports.number(),
          state: external_exports.string(),
          merge_commit_sha: external_exports.string().nullish(),
          squash_commit_sha: external_exports.string().nullish(),
          author: external_exports.object({ username: external_exports.string() }).nullish()
        })
      ).parse(d)
    );
    const merged = requests.find(
      (m) => m.state === "merged" && (m.merge_commit_sha === commit || m.squash_commit_sha === commit)
    );
    if (!merged) return null;
    const { data } = await this.api().json(
      {
        method: "GET",
        path: `/merge_requests/${merged.iid}/approvals`,
        access,
        what: `read the approvals of merge request !${merged.iid}`
      },
      (d) => external_exports.object({ approved_by: external_exports.array(external_exports.object({ user: external_exports.object({ username: external_exports.string() }) })).default([]) }).parse(d)
    );
    return {
      number: merged.iid,
      ...merged.author?.username ? { author: merged.author.username } : {},
      approvedBy: data.approved_by.map((a) => a.user.username)
    };
  }
  async commentOnIssue(issue, body) {
    await this.api().send({
      method: "POST",
      path: `/issues/${issue}/notes`,
      json: { body: body.slice(0, MAX_BODY) },
      access: "access-token-only",
      what: `comment on issue #${issue}`
    });
  }
  async closeIssue(issue, comment) {
    if (comment) await this.commentOnIssue(issue, comment);
    await this.api().send({
      method: "PUT",
      path: `/issues/${issue}`,
      json: { state_event: "close" },
      access: "access-token-only",
      what: `close issue #${issue}`
    });
  }
  async createDeployment(environment, ref, description) {
    const isTag = ref.startsWith("refs/tags/");
    const { data } = await this.api().json(
      {
        method: "POST",
        path: "/deployments",
        json: {
          environment,
          sha: this.context.sha,
          ref: shortRef(ref) || this.context.defaultBranch,
          tag: isTag,
          status: "running"
        },
        access: "job-token-allowed",
        what: `create a deployment to ${environment}`
      },
      (d) => deploymentSchema.parse(d)
    );
    this.log.info(`GitLab deployment ${data.id} to ${environment}: ${description}`);
    this.deploymentState.set(data.id, { environmentId: data.environment?.id, status: data.status ?? "running" });
    const projectUrl = this.env.CI_PROJECT_URL;
    const environmentId = data.environment?.id;
    return {
      id: data.id,
      url: projectUrl && environmentId !== void 0 ? `${projectUrl}/-/environments/${environmentId}` : void 0
    };
  }
  async setDeploymentStatus(id, state, description, environmentUrl) {
    const status = gitlabDeploymentStatus(state);
    const known = this.deploymentState.get(id);
    if (known?.status !== status) {
      await this.api().send({
        method: "PUT",
        path: `/deployments/${id}`,
        json: { status },
        access: "job-token-allowed",
        what: `set deployment ${id} to ${status}`
      });
      this.deploymentState.set(id, { ...known, status });
    }
    this.log.info(`GitLab deployment ${id}: ${status} (${description})`);
    if (environmentUrl && known?.environmentId !== void 0) {
      await this.api().send({
        method: "PUT",
        path: `/environments/${known.environmentId}`,
        json: { external_url: environmentUrl },
        access: "job-token-allowed",
        what: `set the URL of environment ${known.environmentId}`
      });
    }
  }
  /** Starts a pipeline through the trigger API with MLOPS_GITLAB_TRIGGER_TOKEN, or CI_JOB_TOKEN. */
  async trigger(request) {
    const token = this.env.MLOPS_GITLAB_TRIGGER_TOKEN?.trim() || this.env.CI_JOB_TOKEN?.trim();
    if (!token) {
      throw new MlopsError("Cannot start the retraining pipeline: no trigger token.", {
        kind: "config",
        expected: "MLOPS_GITLAB_TRIGGER_TOKEN (a pipeline trigger token) or CI_JOB_TOKEN",
        hint: "Create a pipeline trigger token in Settings > CI/CD > Pipeline trigger tokens and store it as MLOPS_GITLAB_TRIGGER_TOKEN."
      });
    }
    const form = new URLSearchParams({ token, ref: shortRef(request.ref) || this.context.defaultBranch });
    for (const [key, value] of Object.entries(request.inputs)) form.set(`variables[${key}]`, value);
    const pipeline = await this.api().unauthenticated(
      { method: "POST", path: "/trigger/pipeline", form, what: "trigger the retraining pipeline" },
      (d) => pipelineSchema.parse(d)
    );
    return { url: pipeline.web_url };
  }
};
export {
  GITLAB_CACHE_DIR,
  GitLabPlatform,
  ISSUE_LABEL,
  gitlabContext,
  gitlabDeploymentStatus
};
//# sourceMappingURL=gitlab-HGORZBVM.js.map
