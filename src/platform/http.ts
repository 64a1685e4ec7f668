/**
 * A small HTTP client for platform APIs that are not reached through Octokit (GitLab): bounded retries on
 * 429/5xx honouring Retry-After, and errors that keep the API's own message. Also the retry arithmetic that
 * the GitHub adapter reuses inside its Octokit hook, and a verified streaming download.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { MlopsError } from '../core/errors.js';
import type { Logger } from './types.js';

export interface RetryPolicy {
  /** Total attempts, the first one included. */
  attempts: number;
  /** First back-off when the service does not say how long to wait; doubles per attempt. */
  baseDelayMs: number;
  /** The longest single wait. */
  maxDelayMs: number;
  /** When the service asks for a longer wait than this, fail now instead of hanging the job. */
  maxWaitMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxWaitMs: 300_000,
};

export type HeaderLookup = (name: string) => string | undefined;

export function headerLookup(headers: Headers | Record<string, unknown> | undefined): HeaderLookup {
  if (!headers) return () => undefined;
  if (headers instanceof Headers) return (name) => headers.get(name) ?? undefined;
  return (name) => {
    const value = headers[name.toLowerCase()] ?? headers[name];
    return value === undefined || value === null ? undefined : String(value);
  };
}

/** GitHub signals primary and secondary rate limits with 403 as well as 429. */
export function isRateLimited(status: number, header: HeaderLookup, apiMessage = ''): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  return (
    header('x-ratelimit-remaining') === '0' || header('retry-after') !== undefined || /rate limit/i.test(apiMessage)
  );
}

/** How long the service asked us to wait (Retry-After, or an epoch-seconds reset header), in ms. */
export function requestedWaitMs(header: HeaderLookup, now = Date.now()): number | undefined {
  const retryAfter = header('retry-after');
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = header('x-ratelimit-reset') ?? header('ratelimit-reset');
  if (reset !== undefined && Number.isFinite(Number(reset))) return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}

/** The wait before attempt `attempt + 1`, or undefined when the requested wait is beyond policy.maxWaitMs. */
export function backoffMs(attempt: number, policy: RetryPolicy, requested: number | undefined): number | undefined {
  if (requested !== undefined && requested > policy.maxWaitMs) return undefined;
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(requested ?? exponential, policy.maxDelayMs);
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** The human part of an API error body: GitHub and GitLab use `message` (string or field map) or `error`. */
export function apiMessageOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim().slice(0, 500) || undefined;
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const message = record.message ?? record.error ?? record.error_description;
  if (typeof message === 'string') return message;
  if (message && typeof message === 'object') {
    return Object.entries(message as Record<string, unknown>)
      .map(([field, problems]) => `${field} ${Array.isArray(problems) ? problems.join(', ') : String(problems)}`)
      .join('; ');
  }
  return undefined;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Path below the base URL, already percent-encoded where needed. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  form?: URLSearchParams;
  body?: Uint8Array;
  headers?: Record<string, string>;
  /** What this call does, for error messages ("update the merge request note"). */
  what: string;
  /** Statuses that are answers rather than failures (e.g. 404 when looking something up). */
  accept?: number[];
  /** Which credential the caller's headers() should attach (opaque to the client, never sent). */
  credential?: string;
  /** Follow redirects ourselves and drop credentials when the target is another origin (object storage). */
  dropCredentialsOnRedirect?: boolean;
}

export interface HttpClientOptions {
  /** "GitLab": used in messages. */
  service: string;
  baseUrl: string;
  /** Authentication and other headers for each request; values never appear in errors or logs. */
  headers: (request: HttpRequest) => Record<string, string>;
  retry?: RetryPolicy;
  log?: Logger;
  /** What to tell the user for a failed status (missing scope, token variable...). */
  hint?: (status: number, request: HttpRequest) => string | undefined;
}

export class HttpClient {
  readonly retry: RetryPolicy;

  constructor(private readonly options: HttpClientOptions) {
    this.retry = options.retry ?? defaultRetryPolicy;
  }

  url(path: string, query: HttpRequest['query'] = {}): URL {
    const url = new URL(`${this.options.baseUrl.replace(/\/+$/, '')}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  /** Sends the request with retries; resolves with the response for 2xx (and accepted statuses), throws otherwise. */
  async send(request: HttpRequest): Promise<Response> {
    const url = this.url(request.path, request.query);
    const headers: Record<string, string> = { accept: 'application/json', ...this.options.headers(request) };
    let body: string | Uint8Array | URLSearchParams | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      body = request.form;
    } else if (request.body) {
      headers['content-type'] = 'application/octet-stream';
      body = request.body;
    }
    Object.assign(headers, request.headers);
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetchFollowing(url, request, headers, body);
      } catch (error) {
        if (attempt < this.retry.attempts) {
          const wait = backoffMs(attempt, this.retry, undefined) ?? 0;
          this.options.log?.warning(
            `${this.options.service} API: ${request.what} could not connect (${(error as Error).message}); retrying in ${Math.ceil(wait / 1000)}s.`,
          );
          await sleep(wait);
          continue;
        }
        throw new MlopsError(`${this.options.service} API: could not ${request.what}: ${(error as Error).message}.`, {
          kind: 'api',
          where: { path: `${request.method} ${url.pathname}` },
          hint: `Check that ${url.origin} is reachable from the runner.`,
          cause: error,
        });
      }
      if (response.ok || request.accept?.includes(response.status)) return response;
      const retryable = response.status === 429 || response.status >= 500;
      const text = await response.text();
      const wait = retryable
        ? backoffMs(attempt, this.retry, requestedWaitMs(headerLookup(response.headers)))
        : undefined;
      if (wait !== undefined && attempt < this.retry.attempts) {
        this.options.log?.warning(
          `${this.options.service} API answered HTTP ${response.status} to ${request.what}; retrying in ${Math.ceil(wait / 1000)}s (attempt ${attempt + 1} of ${this.retry.attempts}).`,
        );
        await sleep(wait);
        continue;
      }
      throw this.failure(request, url, response.status, text, retryable ? attempt : undefined);
    }
  }

  /** fetch, but with dropCredentialsOnRedirect a redirect to another origin is followed without our headers. */
  private async fetchFollowing(
    url: URL,
    request: HttpRequest,
    headers: Record<string, string>,
    body: string | Uint8Array | URLSearchParams | undefined,
  ): Promise<Response> {
    const init = { method: request.method, headers, body: body as RequestInit['body'] };
    if (!request.dropCredentialsOnRedirect) return fetch(url, init);
    let target = url;
    let current = init;
    for (let hop = 0; hop < 5; hop++) {
      const response = await fetch(target, { ...current, redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return response;
      await response.body?.cancel();
      const next = new URL(location, target);
      if (next.origin !== target.origin) current = { method: 'GET', headers: {}, body: undefined };
      target = next;
    }
    throw new Error('too many redirects');
  }

  async json<T>(request: HttpRequest, parse: (data: unknown) => T): Promise<{ data: T; response: Response }> {
    const response = await this.send(request);
    const text = await response.text();
    let data: unknown;
    try {
      data = text === '' ? undefined : JSON.parse(text);
    } catch (error) {
      throw new MlopsError(`${this.options.service} API: the answer to "${request.what}" is not JSON.`, {
        kind: 'api',
        where: { path: `${request.method} ${new URL(response.url || this.url(request.path)).pathname}` },
        found: text.slice(0, 200),
        cause: error,
      });
    }
    return { data: parse(data), response };
  }

  private failure(request: HttpRequest, url: URL, status: number, text: string, attempts?: number): MlopsError {
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (an HTML error page from a proxy): keep the text.
    }
    const message = apiMessageOf(body) ?? `HTTP ${status}`;
    const tried = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
    return new MlopsError(
      `${this.options.service} API: could not ${request.what}: HTTP ${status}: ${message}${tried}.`,
      {
        kind: 'api',
        where: { path: `${request.method} ${url.pathname}` },
        hint: this.options.hint?.(status, request),
      },
    );
  }
}

/**
 * Streams a download to dest through a temp file while hashing it; on a digest mismatch nothing is left at dest.
 */
export async function writeVerified(
  body: ReadableStream<Uint8Array> | NodeJS.ReadableStream | Uint8Array,
  dest: string,
  sha256: string,
  what: string,
): Promise<void> {
  const target = resolve(dest);
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${Date.now()}.download`;
  const hash = createHash('sha256');
  const source: Readable =
    body instanceof Uint8Array
      ? Readable.from([body])
      : body instanceof ReadableStream
        ? Readable.fromWeb(body as WebReadableStream<Uint8Array>)
        : Readable.from(body as AsyncIterable<Uint8Array>);
  try {
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Uint8Array>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(tmp),
    );
  } catch (error) {
    await rm(tmp, { force: true });
    throw new MlopsError(`Download of ${what} failed: ${(error as Error).message}.`, { kind: 'api', cause: error });
  }
  const actual = hash.digest('hex');
  if (actual !== sha256.toLowerCase()) {
    await rm(tmp, { force: true });
    throw new MlopsError(`Downloaded ${what} failed its checksum: it is not the file that was registered.`, {
      kind: 'input',
      expected: `sha256 ${sha256}`,
      found: `sha256 ${actual}`,
      hint: 'Do not use this file. Re-register the model from a trusted build, or check the artifact store for tampering.',
    });
  }
  await rename(tmp, target);
}
