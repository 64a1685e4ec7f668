/**
 * The plumbing shared by the GitHub and GitLab fakes: a real node:http server on 127.0.0.1, a log of every
 * request, a list of requests the fake REJECTED as not part of the published API (tests assert it stays
 * empty), and programmable failures (answer the next N matching requests with a given status/headers/body).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface Rejection {
  method: string;
  path: string;
  reason: string;
}

export interface InjectedFailure {
  method?: string;
  /** Matches the URL path (no query). */
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many matching requests get this answer. */
  times: number;
}

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless it is a Buffer. */
  body?: unknown;
}

export type FakeHandler = (request: RecordedRequest, url: URL) => FakeReply | Promise<FakeReply>;

export class HttpFake {
  readonly requests: RecordedRequest[] = [];
  readonly rejections: Rejection[] = [];
  private failures: InjectedFailure[] = [];
  private server: Server | undefined;
  baseUrl = '';

  constructor(private readonly handler: FakeHandler) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.rejections.push({ method: req.method ?? '', path: req.url ?? '', reason: `fake crashed: ${error}` });
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `fake crashed: ${error}` }));
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }

  /** Answer the next `times` requests matching method+path with this failure. */
  fail(failure: Omit<InjectedFailure, 'times'> & { times?: number }): void {
    this.failures.push({ times: 1, ...failure });
  }

  /** Drops failures that were programmed but not used up. */
  clearFailures(): void {
    this.failures = [];
  }

  reject(method: string, path: string, reason: string): void {
    this.rejections.push({ method, path, reason });
  }

  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.baseUrl);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks),
    };
    this.requests.push(recorded);
    const failure = this.failures.find(
      (f) => f.times > 0 && (!f.method || f.method === recorded.method) && f.path.test(recorded.path),
    );
    let reply: FakeReply;
    if (failure) {
      failure.times -= 1;
      reply = { status: failure.status, headers: failure.headers, body: failure.body };
    } else {
      reply = await this.handler(recorded, url);
    }
    const headers: Record<string, string> = { ...reply.headers };
    let payload: Buffer | undefined;
    if (Buffer.isBuffer(reply.body)) {
      payload = reply.body;
      headers['content-type'] ??= 'application/octet-stream';
    } else if (reply.body !== undefined) {
      payload = Buffer.from(JSON.stringify(reply.body));
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    if (payload) headers['content-length'] = String(payload.length);
    res.writeHead(reply.status, headers);
    res.end(payload);
  }
}

/** "/repos/{owner}/{repo}/issues/{issue_number}" -> a regex with named groups; `{?a,b}` query templates dropped. */
export function routePattern(template: string): RegExp {
  const path = template.replace(/\{\?[^}]*\}/g, '');
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const param = /^\{([^}]+)\}$/.exec(part);
      if (param) return `(?<${param[1]!.replace(/[^A-Za-z0-9_]/g, '_')}>[^/]+)`;
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

export function jsonBody(request: RecordedRequest): { ok: true; value: unknown } | { ok: false; error: string } {
  if (request.body.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(request.body.toString('utf8')) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
