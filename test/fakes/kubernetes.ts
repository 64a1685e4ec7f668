/**
 * A fake Kubernetes API server holding InferenceServices (serving.kserve.io/v1beta1), strict about request
 * shapes: only the namespaced InferenceService path is served, GET and PATCH only, PATCH must declare a patch
 * content type (merge or strategic merge; json-patch is answered 415 as we never send it), bodies must be JSON
 * objects touching only metadata.annotations and spec.predictor, and a bearer token is required. Merge patches
 * are applied per RFC 7386 (null deletes). Errors come back as Kubernetes Status objects.
 * Also a fake Prometheus HTTP API answering instant and range queries from per-selector canned values.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  contentType: string | undefined;
  body: unknown;
}

type Json = Record<string, unknown>;

function status(res: ServerResponse, code: number, reason: string, message: string) {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }));
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Json = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Json) } : {};
  for (const [k, v] of Object.entries(patch as Json)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export interface FakeKube {
  url: string;
  requests: RecordedRequest[];
  services: Map<string, Json>;
  close(): Promise<void>;
}

const PATH = /^\/apis\/serving\.kserve\.io\/v1beta1\/namespaces\/([a-z0-9-]+)\/inferenceservices\/([a-z0-9-]+)$/;
const PATCH_TYPES = ['application/merge-patch+json', 'application/strategic-merge-patch+json'];

export async function startFakeKube(token: string, services: Record<string, Json>): Promise<FakeKube> {
  const store = new Map(Object.entries(services));
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const text = await body(req);
    const contentType = req.headers['content-type'];
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    requests.push({ method: req.method ?? '', path, contentType, body: parsed });
    if (req.headers.authorization !== `Bearer ${token}`) return status(res, 401, 'Unauthorized', 'Unauthorized');
    const m = PATH.exec(path);
    if (!m) return status(res, 404, 'NotFound', `the server could not find the requested resource (${path})`);
    const key = `${m[1]}/${m[2]}`;
    const current = store.get(key);
    if (!current) return status(res, 404, 'NotFound', `inferenceservices.serving.kserve.io "${m[2]}" not found`);
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(current));
    }
    if (req.method !== 'PATCH') return status(res, 405, 'MethodNotAllowed', `${req.method} is not allowed here`);
    if (!contentType || !PATCH_TYPES.includes(contentType.split(';')[0]!.trim())) {
      return status(
        res,
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(', ')}, application/json-patch+json`,
      );
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return status(res, 400, 'BadRequest', 'the patch is not a JSON object');
    }
    const patch = parsed as Json;
    const allowedTop = new Set(['metadata', 'spec']);
    for (const k of Object.keys(patch))
      if (!allowedTop.has(k)) return status(res, 422, 'Invalid', `field ${k} cannot be patched`);
    const meta = patch.metadata as Json | undefined;
    if (meta && Object.keys(meta).some((k) => k !== 'annotations'))
      return status(res, 422, 'Invalid', 'only metadata.annotations may change');
    const spec = patch.spec as Json | undefined;
    if (spec && Object.keys(spec).some((k) => k !== 'predictor'))
      return status(res, 422, 'Invalid', 'only spec.predictor may change');
    const predictor = spec?.predictor as Json | undefined;
    const pct = predictor?.canaryTrafficPercent;
    if (
      pct !== undefined &&
      pct !== null &&
      (typeof pct !== 'number' || !Number.isInteger(pct) || pct < 0 || pct > 100)
    ) {
      return status(
        res,
        422,
        'Invalid',
        `spec.predictor.canaryTrafficPercent: Invalid value: ${JSON.stringify(pct)}: must be an integer between 0 and 100`,
      );
    }
    const next = mergePatch(current, patch) as Json;
    (next.metadata as Json).generation = (((current.metadata as Json).generation as number) ?? 1) + 1;
    store.set(key, next);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(next));
  });
  const url = await listen(server);
  return {
    url,
    requests,
    services: store,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface PromSeries {
  /** Substring of the PromQL selector that picks this variant, e.g. revision="canary". */
  match: string;
  requests: number;
  errors: number;
  p95Seconds: number[];
  classes: Record<string, number>;
  feedback: { correct: number; incorrect: number };
}

export interface FakePrometheus {
  url: string;
  queries: { path: string; params: Record<string, string> }[];
  close(): Promise<void>;
}

/** Answers the PromQL the KServe provider sends; anything else is a 400 bad_data like Prometheus. */
export async function startFakePrometheus(series: PromSeries[]): Promise<FakePrometheus> {
  const queries: FakePrometheus['queries'] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (req.method === 'POST') {
      if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') {
        res.writeHead(400, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'expected a form body' }));
      }
      Object.assign(params, Object.fromEntries(new URLSearchParams(await body(req))));
    }
    queries.push({ path: url.pathname, params });
    const send = (code: number, payload: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const q = params.query ?? '';
    const variant = series.find((s) => q.includes(s.match));
    const bad = (error: string) => send(400, { status: 'error', errorType: 'bad_data', error });
    if (!variant) return bad(`no series for ${q}`);
    const t = Number(params.time ?? params.end ?? 0);
    if (url.pathname === '/api/v1/query') {
      if (!Number.isFinite(t)) return bad('invalid time');
      const vector = (entries: [Record<string, string>, number][]) =>
        send(200, {
          status: 'success',
          data: { resultType: 'vector', result: entries.map(([metric, v]) => ({ metric, value: [t, String(v)] })) },
        });
      if (/^sum\(increase\(mlops_requests_total\{[^}]+\}\[\d+s\]\)\)$/.test(q)) return vector([[{}, variant.requests]]);
      if (/^sum\(increase\(mlops_request_errors_total\{[^}]+,reason="inference"\}\[\d+s\]\)\)$/.test(q))
        return vector([[{}, variant.errors]]);
      if (/^sum by \(class\) \(increase\(mlops_predictions_total\{[^}]+\}\[\d+s\]\)\)$/.test(q)) {
        return vector(Object.entries(variant.classes).map(([c, v]) => [{ class: c }, v]));
      }
      if (/^sum by \(outcome\) \(increase\(mlops_feedback_total\{[^}]+\}\[\d+s\]\)\)$/.test(q)) {
        return vector([
          [{ outcome: 'correct' }, variant.feedback.correct],
          [{ outcome: 'incorrect' }, variant.feedback.incorrect],
        ]);
      }
      return bad(`unexpected instant query ${q}`);
    }
    if (url.pathname === '/api/v1/query_range') {
      const start = Number(params.start);
      const end = Number(params.end);
      if (!(start < end) || !/^\d+s$/.test(params.step ?? '')) return bad('invalid range');
      if (
        !/^histogram_quantile\(0\.95, sum by \(le\) \(rate\(mlops_request_duration_seconds_bucket\{[^}]+\}\[1m\]\)\)\)$/.test(
          q,
        )
      ) {
        return bad(`unexpected range query ${q}`);
      }
      const step = Number(params.step!.slice(0, -1));
      return send(200, {
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [{ metric: {}, values: variant.p95Seconds.map((v, i) => [start + i * step, String(v)]) }],
        },
      });
    }
    send(404, { status: 'error', errorType: 'not_found', error: url.pathname });
  });
  const url = await listen(server);
  return { url, queries, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
