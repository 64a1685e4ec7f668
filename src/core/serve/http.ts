/** Small helpers over node:http: bounded body reading and JSON responses. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadRequest } from './protocol.js';

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    throw new BadRequest(`Request body too large (${declared} bytes; limit ${limit}).`, {}, 413);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BadRequest(`Request body too large (limit ${limit} bytes).`, {}, 413);
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const body = await readBody(req, limit);
  if (body.length === 0) throw new BadRequest('Request body is empty; expected JSON.');
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new BadRequest(`Request body is not valid JSON: ${(error as Error).message}`, { expected: 'JSON' });
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: unknown, headers: Record<string, string> = {}): number {
  if (error instanceof BadRequest) {
    sendJson(res, error.status, { error: error.message, ...error.details }, headers);
    return error.status;
  }
  sendJson(res, 500, { error: `Internal error: ${(error as Error)?.message ?? String(error)}` }, headers);
  return 500;
}

/** A URL path segment, decoded; malformed percent-encoding is the client's mistake (400), not a server error. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadRequest(`Malformed percent-encoding in the URL path: ${segment.slice(0, 200)}`);
  }
}
