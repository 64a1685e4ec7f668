/**
 * The admin API: load a version, set weights and mode, promote, roll back, read analysis samples, without a
 * restart. Every request needs `Authorization: Bearer <token>`; with no token configured the API is disabled.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { MlopsError } from '../errors.js';
import { decodeSegment, readJson, sendJson } from './http.js';
import type { ModelSource } from './model.js';
import { BadRequest } from './protocol.js';
import type { ServerState } from './state.js';

const trafficMode = z.enum(['canary', 'shadow', 'ab']);

const loadBody = z.union([
  z.object({
    version: z.string().min(1),
    path: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, '64 hex characters'),
    ref: z.string().optional(),
    as: z.enum(['stable', 'canary']).default('canary'),
    weight: z.number().min(0).max(100).optional(),
    mode: trafficMode.optional(),
  }),
  z.object({
    ref: z.string().min(1),
    as: z.enum(['stable', 'canary']).default('canary'),
    weight: z.number().min(0).max(100).optional(),
    mode: trafficMode.optional(),
  }),
]);
const trafficBody = z.object({ weight: z.number().min(0).max(100), mode: trafficMode.optional() });

/** Resolves a registry reference (penguins@v1.2.0, penguins#production) to a verified-on-load file. */
export type RefResolver = (model: string, ref: string) => Promise<ModelSource>;

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export function authorized(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return false;
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match) return false;
  return timingSafeEqual(digest(match[1]!.trim()), digest(token));
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequest(`${issue?.path.join('.') || '(body)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  state: ServerState,
  options: { token: string | undefined; resolve: RefResolver | undefined; maxBodyBytes: number },
): Promise<void> {
  if (!options.token) {
    sendJson(res, 403, {
      error: 'The admin API is disabled: start the server with an admin token (MLOPS_ADMIN_TOKEN).',
    });
    return;
  }
  if (!authorized(req, options.token)) {
    sendJson(
      res,
      401,
      { error: 'Missing or wrong admin token (Authorization: Bearer <token>).' },
      {
        'www-authenticate': 'Bearer',
      },
    );
    return;
  }
  const parts = url.pathname.split('/').filter(Boolean); // admin v1 models <name> <verb>
  if (parts.length === 3 && parts[2] === 'models' && req.method === 'GET') {
    sendJson(res, 200, { models: state.snapshot() });
    return;
  }
  let name: string | undefined;
  try {
    name = parts[3] ? decodeSegment(parts[3]) : undefined;
  } catch (error) {
    sendJson(res, 400, { error: (error as Error).message });
    return;
  }
  const verb = parts[4];
  if (parts[2] !== 'models' || !name || !verb || parts.length !== 5) {
    sendJson(res, 404, { error: `No admin route ${req.method} ${url.pathname}.` });
    return;
  }
  try {
    if (verb === 'samples' && req.method === 'GET') {
      const since = Number(url.searchParams.get('since') ?? 0);
      state.require(name);
      const samples = state.samplesFor(name);
      sendJson(res, 200, { model: name, now: Date.now(), ...samples.windows(since) });
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: `${verb} needs POST.` }, { allow: 'POST' });
      return;
    }
    if (verb === 'load') {
      const body = parse(loadBody, await readJson(req, options.maxBodyBytes));
      let source: ModelSource;
      if ('path' in body) source = { name, version: body.version, path: body.path, sha256: body.sha256, ref: body.ref };
      else if (options.resolve) source = await options.resolve(name, body.ref);
      else throw new BadRequest('This server cannot resolve registry references; give path, version and sha256.');
      if (source.name !== name) {
        throw new BadRequest(`The reference ${body.ref} names model ${source.name}, not ${name}.`, {
          expected: `a reference to ${name}, e.g. ${name}@<version> or ${name}#production`,
          found: body.ref,
        });
      }
      const slot = await state.load(source, body.as, { weight: body.weight, mode: body.mode });
      sendJson(res, 200, {
        loaded: source.version,
        as: body.as,
        model: state.snapshot().find((m) => (m as { name: string }).name === slot.name),
      });
      return;
    }
    if (verb === 'traffic') {
      const body = parse(trafficBody, await readJson(req, options.maxBodyBytes));
      const slot = state.setTraffic(name, body.weight, body.mode);
      sendJson(res, 200, { model: name, weight: slot.weight, mode: slot.mode });
      return;
    }
    if (verb === 'promote') {
      const slot = state.promote(name);
      sendJson(res, 200, { model: name, stable: slot.stable.version });
      return;
    }
    if (verb === 'rollback') {
      const slot = state.rollback(name);
      sendJson(res, 200, { model: name, stable: slot.stable.version });
      return;
    }
    sendJson(res, 404, { error: `Unknown admin action ${verb}.` });
  } catch (error) {
    if (error instanceof BadRequest) {
      sendJson(res, error.status, { error: error.message, ...error.details });
    } else if (error instanceof MlopsError) {
      // A refused load (checksum, unreadable file) leaves the serving versions untouched.
      sendJson(res, 422, { error: error.message, expected: error.expected, found: error.found, hint: error.hint });
    } else {
      sendJson(res, 409, { error: (error as Error).message });
    }
  }
}
