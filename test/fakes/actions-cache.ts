/**
 * A fake of the Actions cache service as spoken by @actions/cache, in both protocols:
 * - v1 (ACTIONS_CACHE_URL, `_apis/artifactcache/...`): look up by keys (exact, then prefix, per key in order,
 *   scoped by version), reserve, upload chunks with Content-Range, commit with the size, download the archive.
 * - v2, what github.com runners speak since 2025 (ACTIONS_CACHE_SERVICE_V2 + ACTIONS_RESULTS_URL): the Twirp
 *   JSON service github.actions.results.api.v1.CacheService (CreateCacheEntry, FinalizeCacheEntryUpload,
 *   GetCacheEntryDownloadURL; request fields as in its published cache.proto, snake_case) plus a blob store
 *   that takes the archive as an Azure "Put Blob" on the signed upload URL and serves it on the signed download
 *   URL. A taken key is a 409 Twirp "already_exists" error, a miss is `ok: false`, as the service answers.
 * Anything else is rejected (tests assert the rejection list stays empty).
 */
import { z } from 'zod';
import type { FakeReply } from './http-fake.js';
import { HttpFake, jsonBody, type RecordedRequest } from './http-fake.js';

interface Entry {
  id: number;
  key: string;
  version: string;
  chunks: { start: number; data: Buffer }[];
  committed: boolean;
  data?: Buffer;
}

export class FakeActionsCache {
  readonly server: HttpFake;
  readonly entries: Entry[] = [];
  private nextId = 1;

  constructor(readonly runtimeToken = 'runtime-token-for-tests') {
    this.server = new HttpFake((request, url) => this.handle(request, url));
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** The value for ACTIONS_RESULTS_URL with ACTIONS_CACHE_SERVICE_V2 (the client appends `/twirp/...`). */
  get resultsUrl(): string {
    return `${this.server.baseUrl}/`;
  }

  /** The value for ACTIONS_CACHE_URL (the client appends `_apis/...`). */
  get url(): string {
    return `${this.server.baseUrl}/`;
  }

  private handle(request: RecordedRequest, url: URL): FakeReply {
    const path = url.pathname;
    if (path.startsWith(TWIRP_PREFIX)) return this.handleTwirp(request, path.slice(TWIRP_PREFIX.length));
    if (path.startsWith(BLOB_PREFIX)) return this.handleBlob(request, url);
    if (path.startsWith('/archive/')) {
      const entry = this.entries.find((e) => e.id === Number(path.slice('/archive/'.length)) && e.committed);
      return entry?.data ? { status: 200, body: entry.data } : { status: 404, body: Buffer.from('no such archive') };
    }
    if (request.headers.authorization !== `Bearer ${this.runtimeToken}`)
      return { status: 401, body: { message: 'unauthorized' } };
    if (request.method === 'GET' && path === '/_apis/artifactcache/cache') {
      const keys = (url.searchParams.get('keys') ?? '').split(',');
      const version = url.searchParams.get('version');
      const committed = this.entries.filter((e) => e.committed && e.version === version).reverse();
      for (const key of keys) {
        const hit = committed.find((e) => e.key === key) ?? committed.find((e) => e.key.startsWith(key));
        if (hit) {
          return {
            status: 200,
            body: {
              cacheKey: hit.key,
              scope: 'refs/heads/main',
              archiveLocation: `${this.server.baseUrl}/archive/${hit.id}`,
            },
          };
        }
      }
      return { status: 204 };
    }
    if (request.method === 'POST' && path === '/_apis/artifactcache/caches') {
      const body = jsonBody(request);
      const fields = body.ok ? (body.value as { key?: string; version?: string }) : {};
      if (!fields.key || !fields.version) return { status: 400, body: { message: 'key and version are required' } };
      const entry = this.reserve(fields.key, fields.version);
      if (!entry) {
        return { status: 409, body: { message: `Cache already exists. Scope: refs/heads/main, Key: ${fields.key}` } };
      }
      return { status: 201, body: { cacheId: entry.id } };
    }
    const match = /^\/_apis\/artifactcache\/caches\/(\d+)$/.exec(path);
    const entry = match ? this.entries.find((e) => e.id === Number(match[1])) : undefined;
    if (entry && request.method === 'PATCH') {
      const range = /^bytes (\d+)-(\d+)\/\*$/.exec(request.headers['content-range'] ?? '');
      if (!range || Number(range[2]) - Number(range[1]) + 1 !== request.body.length) {
        this.server.reject(request.method, path, 'bad Content-Range');
        return { status: 400, body: { message: 'bad Content-Range' } };
      }
      entry.chunks.push({ start: Number(range[1]), data: request.body });
      return { status: 204 };
    }
    if (entry && request.method === 'POST') {
      const body = jsonBody(request);
      const size = body.ok ? (body.value as { size?: number }).size : undefined;
      const data = Buffer.concat(entry.chunks.sort((a, b) => a.start - b.start).map((c) => c.data));
      if (size !== data.length) return { status: 400, body: { message: `size ${size} != uploaded ${data.length}` } };
      entry.data = data;
      entry.committed = true;
      return { status: 204 };
    }
    this.server.reject(request.method, path, 'not part of the cache service protocol');
    return { status: 404, body: { message: 'Not Found' } };
  }

  /** A new, uncommitted entry, or undefined when the key and version are taken (both protocols refuse). */
  private reserve(key: string, version: string): Entry | undefined {
    if (this.entries.some((e) => e.key === key && e.version === version)) return undefined;
    const entry: Entry = { id: this.nextId++, key, version, chunks: [], committed: false };
    this.entries.push(entry);
    return entry;
  }

  private twirpError(status: number, code: string, msg: string): FakeReply {
    return { status, body: { code, msg } };
  }

  private handleTwirp(request: RecordedRequest, method: string): FakeReply {
    const path = `${TWIRP_PREFIX}${method}`;
    if (request.method !== 'POST' || !/^application\/json/.test(request.headers['content-type'] ?? '')) {
      this.server.reject(request.method, path, 'Twirp JSON calls are POSTs with Content-Type application/json');
      return this.twirpError(400, 'malformed', 'expected a JSON POST');
    }
    if (request.headers.authorization !== `Bearer ${this.runtimeToken}`) {
      return this.twirpError(401, 'unauthenticated', 'invalid or missing runtime token');
    }
    const schema = TWIRP_REQUESTS[method as keyof typeof TWIRP_REQUESTS];
    if (!schema) {
      this.server.reject(request.method, path, 'no such CacheService method');
      return this.twirpError(404, 'bad_route', `no handler for path "${path}"`);
    }
    const body = jsonBody(request);
    const parsed = body.ok ? schema.safeParse(body.value) : undefined;
    if (!parsed?.success) {
      this.server.reject(
        request.method,
        path,
        `request does not match cache.proto: ${parsed?.error.message ?? 'no JSON'}`,
      );
      return this.twirpError(400, 'malformed', 'request does not match the message type');
    }
    const fields = parsed.data as {
      key: string;
      version: string;
      restore_keys?: string[];
      size_bytes?: string | number;
    };
    if (method === 'CreateCacheEntry') {
      const entry = this.reserve(fields.key, fields.version);
      if (!entry) {
        return this.twirpError(
          409,
          'already_exists',
          'cache entry with the same key, version, and scope already exists',
        );
      }
      return { status: 200, body: { ok: true, signed_upload_url: this.blobUrl(entry, 'w') } };
    }
    if (method === 'FinalizeCacheEntryUpload') {
      const entry = this.entries.find((e) => e.key === fields.key && e.version === fields.version && !e.committed);
      if (!entry?.data) return { status: 200, body: { ok: false, entry_id: '0', message: 'no uploaded archive' } };
      if (Number(fields.size_bytes) !== entry.data.length) {
        return {
          status: 200,
          body: { ok: false, entry_id: '0', message: `size ${fields.size_bytes} != ${entry.data.length}` },
        };
      }
      entry.committed = true;
      return { status: 200, body: { ok: true, entry_id: String(entry.id) } };
    }
    // GetCacheEntryDownloadURL: the primary key exactly, then each restore key as an exact key or a prefix.
    const committed = this.entries.filter((e) => e.committed && e.version === fields.version).reverse();
    const hit =
      committed.find((e) => e.key === fields.key) ??
      (fields.restore_keys ?? [])
        .map((k) => committed.find((e) => e.key === k) ?? committed.find((e) => e.key.startsWith(k)))
        .find(Boolean);
    if (!hit) return { status: 200, body: { ok: false, signed_download_url: '', matched_key: '' } };
    return { status: 200, body: { ok: true, signed_download_url: this.blobUrl(hit, 'r'), matched_key: hit.key } };
  }

  /** A SAS-style URL in the path form Azure clients use for IP endpoints (account, container, blob). */
  private blobUrl(entry: Entry, permission: 'r' | 'w'): string {
    return `${this.server.baseUrl}${BLOB_PREFIX}${entry.id}?sv=2024-08-04&sp=${permission}&sig=fake-signature-${entry.id}`;
  }

  private handleBlob(request: RecordedRequest, url: URL): FakeReply {
    const path = url.pathname;
    const entry = this.entries.find((e) => e.id === Number(path.slice(BLOB_PREFIX.length)));
    const permission = url.searchParams.get('sp');
    if (!entry || url.searchParams.get('sig') !== `fake-signature-${entry.id}`) {
      return { status: 403, body: Buffer.from('<Error><Code>AuthenticationFailed</Code></Error>') };
    }
    if (request.method === 'PUT' && permission === 'w' && !url.searchParams.has('comp')) {
      if (request.headers['x-ms-blob-type'] !== 'BlockBlob') {
        this.server.reject(request.method, path, 'Put Blob needs x-ms-blob-type: BlockBlob');
        return { status: 400, body: Buffer.from('<Error><Code>MissingRequiredHeader</Code></Error>') };
      }
      entry.data = Buffer.from(request.body);
      return {
        status: 201,
        headers: {
          etag: `"0x${entry.id.toString(16)}"`,
          'last-modified': new Date().toUTCString(),
          'x-ms-request-server-encrypted': 'true',
        },
      };
    }
    if (request.method === 'GET' && permission === 'r' && entry.committed && entry.data) {
      return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: entry.data };
    }
    this.server.reject(request.method, path, 'not a blob operation the cache client performs');
    return { status: 400, body: Buffer.from('<Error><Code>UnsupportedHttpVerb</Code></Error>') };
  }
}

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/';
const BLOB_PREFIX = '/devstoreaccount1/actions-cache/';

/** CacheMetadata {repository_id int64, scope [CacheScope {scope, permission int64}]} (entities/v1). */
const cacheMetadata = z
  .object({
    repository_id: z.union([z.string().regex(/^\d+$/), z.number().int()]).optional(),
    scope: z.array(z.object({ scope: z.string(), permission: z.union([z.string(), z.number()]) }).strict()).optional(),
  })
  .strict();

/** The request messages of api/v1/cache.proto in proto-JSON (field names as in the .proto). */
const TWIRP_REQUESTS = {
  CreateCacheEntry: z
    .object({ metadata: cacheMetadata.optional(), key: z.string().min(1), version: z.string().min(1) })
    .strict(),
  FinalizeCacheEntryUpload: z
    .object({
      metadata: cacheMetadata.optional(),
      key: z.string().min(1),
      size_bytes: z.union([z.string().regex(/^\d+$/), z.number().int()]),
      version: z.string().min(1),
    })
    .strict(),
  GetCacheEntryDownloadURL: z
    .object({
      metadata: cacheMetadata.optional(),
      key: z.string().min(1),
      restore_keys: z.array(z.string()).optional(),
      version: z.string().min(1),
    })
    .strict(),
};
