import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  hiddenMarker
} from "./chunk-UCG3M2CV.js";
import {
  MlopsError
} from "./chunk-FZ3ZHXNS.js";

// src/platform/marker-upsert.ts
function fitBody(body, maxLength) {
  if (body.length <= maxLength) return body;
  const note = "\n\n\u2026(truncated: the full report is in the job summary and the report artifact)";
  return body.slice(0, maxLength - note.length) + note;
}
async function upsertMarkedComment(api, marker, body, maxLength) {
  const tag = hiddenMarker(marker);
  const text = fitBody(`${tag}
${body}`, maxLength);
  const ours = (await api.list()).filter((c) => c.body.includes(tag)).sort((a, b) => a.id - b.id);
  const [keep, ...extra] = ours;
  if (keep) {
    const updated = await api.update(keep.id, text);
    for (const duplicate of extra) await api.remove(duplicate.id);
    return { id: updated.id, url: updated.url ?? keep.url, created: false };
  }
  const created = await api.create(text);
  const after = (await api.list()).filter((c) => c.body.includes(tag)).sort((a, b) => a.id - b.id);
  const winner = after[0];
  if (winner && winner.id !== created.id) {
    await api.remove(created.id);
    const updated = await api.update(winner.id, text);
    return { id: updated.id, url: updated.url ?? winner.url, created: false };
  }
  return { id: created.id, url: created.url, created: true };
}

// src/platform/http.ts
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
var defaultRetryPolicy = {
  attempts: 5,
  baseDelayMs: 1e3,
  maxDelayMs: 6e4,
  maxWaitMs: 3e5
};
function headerLookup(headers) {
  if (!headers) return () => void 0;
  if (headers instanceof Headers) return (name) => headers.get(name) ?? void 0;
  return (name) => {
    const value = headers[name.toLowerCase()] ?? headers[name];
    return value === void 0 || value === null ? void 0 : String(value);
  };
}
function isRateLimited(status, header, apiMessage = "") {
  if (status === 429) return true;
  if (status !== 403) return false;
  return header("x-ratelimit-remaining") === "0" || header("retry-after") !== void 0 || /rate limit/i.test(apiMessage);
}
function requestedWaitMs(header, now = Date.now()) {
  const retryAfter = header("retry-after");
  if (retryAfter !== void 0) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1e3);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = header("x-ratelimit-reset") ?? header("ratelimit-reset");
  if (reset !== void 0 && Number.isFinite(Number(reset))) return Math.max(0, Number(reset) * 1e3 - now);
  return void 0;
}
function backoffMs(attempt, policy, requested) {
  if (requested !== void 0 && requested > policy.maxWaitMs) return void 0;
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(requested ?? exponential, policy.maxDelayMs);
}
var sleep = (ms) => new Promise((done) => setTimeout(done, ms));
function apiMessageOf(body) {
  if (typeof body === "string") return body.trim().slice(0, 500) || void 0;
  if (!body || typeof body !== "object") return void 0;
  const record = body;
  const message = record.message ?? record.error ?? record.error_description;
  if (typeof message === "string") return message;
  if (message && typeof message === "object") {
    return Object.entries(message).map(([field, problems]) => `${field} ${Array.isArray(problems) ? problems.join(", ") : String(problems)}`).join("; ");
  }
  return void 0;
}
var HttpClient = class {
  constructor(options) {
    this.options = options;
    this.retry = options.retry ?? defaultRetryPolicy;
  }
  options;
  retry;
  url(path, query = {}) {
    const url = new URL(`${this.options.baseUrl.replace(/\/+$/, "")}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== void 0) url.searchParams.set(key, String(value));
    }
    return url;
  }
  /** Sends the request with retries; resolves with the response for 2xx (and accepted statuses), throws otherwise. */
  async send(request) {
    const url = this.url(request.path, request.query);
    const headers = { accept: "application/json", ...this.options.headers(request) };
    let body;
    if (request.json !== void 0) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(request.json);
    } else if (request.form) {
      body = request.form;
    } else if (request.body) {
      headers["content-type"] = "application/octet-stream";
      body = request.body;
    }
    Object.assign(headers, request.headers);
    for (let attempt = 1; ; attempt++) {
      let response;
      try {
        response = await this.fetchFollowing(url, request, headers, body);
      } catch (error) {
        if (attempt < this.retry.attempts) {
          const wait2 = backoffMs(attempt, this.retry, void 0) ?? 0;
          this.options.log?.warning(
            `${this.options.service} API: ${request.what} could not connect (${error.message}); retrying in ${Math.ceil(wait2 / 1e3)}s.`
          );
          await sleep(wait2);
          continue;
        }
        throw new MlopsError(`${this.options.service} API: could not ${request.what}: ${error.message}.`, {
          kind: "api",
          where: { path: `${request.method} ${url.pathname}` },
          hint: `Check that ${url.origin} is reachable from the runner.`,
          cause: error
        });
      }
      if (response.ok || request.accept?.includes(response.status)) return response;
      const retryable = response.status === 429 || response.status >= 500;
      const text = await response.text();
      const wait = retryable ? backoffMs(attempt, this.retry, requestedWaitMs(headerLookup(response.headers))) : void 0;
      if (wait !== void 0 && attempt < this.retry.attempts) {
        this.options.log?.warning(
          `${this.options.service} API answered HTTP ${response.status} to ${request.what}; retrying in ${Math.ceil(wait / 1e3)}s (attempt ${attempt + 1} of ${this.retry.attempts}).`
        );
        await sleep(wait);
        continue;
      }
      throw this.failure(request, url, response.status, text, retryable ? attempt : void 0);
    }
  }
  /** fetch, but with dropCredentialsOnRedirect a redirect to another origin is followed without our headers. */
  async fetchFollowing(url, request, headers, body) {
    const init = { method: request.method, headers, body };
    if (!request.dropCredentialsOnRedirect) return fetch(url, init);
    let target = url;
    let current = init;
    for (let hop = 0; hop < 5; hop++) {
      const response = await fetch(target, { ...current, redirect: "manual" });
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return response;
      await response.body?.cancel();
      const next = new URL(location, target);
      if (next.origin !== target.origin) current = { method: "GET", headers: {}, body: void 0 };
      target = next;
    }
    throw new Error("too many redirects");
  }
  async json(request, parse) {
    const response = await this.send(request);
    const text = await response.text();
    let data;
    try {
      data = text === "" ? void 0 : JSON.parse(text);
    } catch (error) {
      throw new MlopsError(`${this.options.service} API: the answer to "${request.what}" is not JSON.`, {
        kind: "api",
        where: { path: `${request.method} ${new URL(response.url || this.url(request.path)).pathname}` },
        found: text.slice(0, 200),
        cause: error
      });
    }
    return { data: parse(data), response };
  }
  failure(request, url, status, text, attempts) {
    let body = text;
    try {
      body = JSON.parse(text);
    } catch {
    }
    const message = apiMessageOf(body) ?? `HTTP ${status}`;
    const tried = attempts && attempts > 1 ? ` after ${attempts} attempts` : "";
    return new MlopsError(
      `${this.options.service} API: could not ${request.what}: HTTP ${status}: ${message}${tried}.`,
      {
        kind: "api",
        where: { path: `${request.method} ${url.pathname}` },
        hint: this.options.hint?.(status, request)
      }
    );
  }
};
async function writeVerified(body, dest, sha256, what) {
  const target = resolve(dest);
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${Date.now()}.download`;
  const hash = createHash("sha256");
  const source = body instanceof Uint8Array ? Readable.from([body]) : body instanceof ReadableStream ? Readable.fromWeb(body) : Readable.from(body);
  try {
    await pipeline(
      source,
      async function* (chunks) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(tmp)
    );
  } catch (error) {
    await rm(tmp, { force: true });
    throw new MlopsError(`Download of ${what} failed: ${error.message}.`, { kind: "api", cause: error });
  }
  const actual = hash.digest("hex");
  if (actual !== sha256.toLowerCase()) {
    await rm(tmp, { force: true });
    throw new MlopsError(`Downloaded ${what} failed its checksum: it is not the file that was registered.`, {
      kind: "input",
      expected: `sha256 ${sha256}`,
      found: `sha256 ${actual}`,
      hint: "Do not use this file. Re-register the model from a trusted build, or check the artifact store for tampering."
    });
  }
  await rename(tmp, target);
}

export {
  defaultRetryPolicy,
  headerLookup,
  isRateLimited,
  requestedWaitMs,
  backoffMs,
  sleep,
  apiMessageOf,
  HttpClient,
  writeVerified,
  fitBody,
  upsertMarkedComment
};
//# sourceMappingURL=chunk-R7WI74ZT.js.map
