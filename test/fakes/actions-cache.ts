/**
 * A fake of the Actions cache service, protocol v1 (ACTIONS_CACHE_URL, `_apis/artifactcache/...`), as spoken by
 * @actions/cache: look up by keys (exact, then prefix, per key in order, scoped by version), reserve, upload
 * chunks with Content-Range, commit with the size, download the archive. Anything else is rejected.
 */

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

  /** The value for ACTIONS_CACHE_URL (the client appends `_apis/...`). */
  get url(): string {
    return `${this.server.baseUrl}/`;
  }

  private handle(request: RecordedRequest, url: URL): FakeReply {
    const path = url.pathname;
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
      if (this.entries.some((e) => e.key === fields.key && e.version === fields.version)) {
        return { status: 409, body: { message: `Cache already exists. Scope: refs/heads/main, Key: ${fields.key}` } };
      }
      const entry: Entry = {
        id: this.nextId++,
        key: fields.key,
        version: fields.version,
        chunks: [],
        committed: false,
      };
      this.entries.push(entry);
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
}
