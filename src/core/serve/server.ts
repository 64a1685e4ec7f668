/**
 * `mlops serve`: an HTTP server for ONNX models on node:http. KServe v1 and Open Inference Protocol v2
 * prediction endpoints, a stable/canary router (canary, shadow, A/B), feedback by request id, Prometheus
 * metrics, health probes, a JSON Lines prediction log, a token-protected admin API and graceful shutdown.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Tensor } from 'onnxruntime-common';
import { z } from 'zod';
import { loadNative } from '../native.js';
import { handleAdmin, type RefResolver } from './admin.js';
import { decodeSegment, readBody, readJson, sendError, sendJson } from './http.js';
import type { LoadedModel, ModelSource, RowPrediction } from './model.js';
import { PredictionLog } from './prediction-log.js';
import { BadRequest, type Batch, MAX_BATCH_ROWS, parseV1, parseV2, v1Response, v2Outputs } from './protocol.js';
import { assign, type ModelSlot, type Variant } from './router.js';
import { ServerState } from './state.js';

export interface ServeOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Stable versions to serve from the start. */
  models: ModelSource[];
  adminToken?: string;
  resolve?: RefResolver;
  /** Directory for the JSON Lines prediction log; no log when unset. */
  logDir?: string;
  logMaxBytes?: number;
  logMaxFiles?: number;
  maxBodyBytes?: number;
  /** How long shutdown waits for in-flight requests before closing connections. */
  shutdownTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface ModelServer {
  url: string;
  port: number;
  state: ServerState;
  predictionLog: PredictionLog | undefined;
  /** Requests received and not yet answered. */
  readonly inFlight: number;
  /** Stops accepting, finishes in-flight requests, flushes the log, releases the sessions. */
  close(): Promise<void>;
}

/** Labels for the largest batch (MAX_BATCH_ROWS) fit in a few MB; a prediction body may be far larger. */
const FEEDBACK_MAX_BYTES = 4 * 1024 * 1024;

const feedbackBody = z.object({
  request_id: z.string().min(1),
  /** One truth per row of the request, or one value with `index`. */
  labels: z
    .array(z.union([z.string(), z.number(), z.null()]))
    .max(MAX_BATCH_ROWS)
    .optional(),
  label: z.union([z.string(), z.number()]).optional(),
  index: z.number().int().nonnegative().optional(),
});

/** A prediction request: its JSON, and for the v2 binary tensor extension the raw bytes after the JSON header. */
interface RequestBody {
  json: unknown;
  binary?: Buffer;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type OrtModule = Awaited<ReturnType<typeof loadNative<'onnxruntime-node'>>>;

export async function startModelServer(options: ServeOptions): Promise<ModelServer> {
  const ort: OrtModule = await loadNative('onnxruntime-node');
  const Ctor = ort.Tensor as unknown as new (type: string, data: unknown, dims: readonly number[]) => Tensor;
  const state = new ServerState();
  for (const source of options.models) await state.load(source, 'stable');
  const say = options.log ?? (() => {});
  const logFailed = (base: string) => (message: string) =>
    say(`The ${base} log in ${options.logDir} stopped: ${message}. Predictions are still served, not logged.`);
  const predictionLog = options.logDir
    ? new PredictionLog({
        dir: options.logDir,
        maxBytes: options.logMaxBytes,
        maxFiles: options.logMaxFiles,
        onError: logFailed('prediction'),
        onDrop: (rows) => state.metrics.logDropped.inc({ log: 'predictions' }, rows),
      })
    : undefined;
  await predictionLog?.open();
  const shadowLog = options.logDir
    ? new PredictionLog({
        dir: options.logDir,
        base: 'shadow',
        maxBytes: options.logMaxBytes,
        maxFiles: options.logMaxFiles,
        onError: logFailed('shadow'),
        onDrop: (rows) => state.metrics.logDropped.inc({ log: 'shadow' }, rows),
      })
    : undefined;
  await shadowLog?.open();
  const maxBodyBytes = options.maxBodyBytes ?? 32 * 1024 * 1024;
  let inFlight = 0;
  /** Shadow inferences still running; shutdown waits for them before releasing the sessions. */
  const mirrors = new Set<Promise<void>>();
  let draining = false;
  let drained: (() => void) | undefined;

  async function readPredictBody(req: IncomingMessage, protocol: 'v1' | 'v2'): Promise<RequestBody> {
    const headerLength = req.headers['inference-header-content-length'];
    if (protocol !== 'v2' || headerLength === undefined) return { json: await readJson(req, maxBodyBytes) };
    const raw = await readBody(req, maxBodyBytes);
    const length = Number(headerLength);
    if (!Number.isInteger(length) || length <= 0 || length > raw.length) {
      throw new BadRequest(`Inference-Header-Content-Length ${headerLength} does not fit a ${raw.length}-byte body.`);
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8', 0, length));
    } catch (error) {
      throw new BadRequest(`The JSON header of the binary request is not valid JSON: ${(error as Error).message}`);
    }
    return { json, binary: raw.subarray(length) };
  }

  async function infer(model: LoadedModel, protocol: 'v1' | 'v2', body: RequestBody) {
    const started = performance.now();
    const keep = predictionLog !== undefined;
    const parsed =
      protocol === 'v1'
        ? { id: undefined, batch: parseV1(body.json, model.signature, Ctor, keep) }
        : parseV2(body.json, model.signature, Ctor, keep, body.binary);
    const outputs = (await model.run(parsed.batch.feeds)) as Record<string, Tensor>;
    return { id: parsed.id, batch: parsed.batch, outputs, modelMs: performance.now() - started };
  }

  /**
   * Metrics and analysis samples of one request. The latency histogram is end to end (from `started`); the
   * analysis compares `modelMs` (validation and inference), the same interval for a mirrored canary as for the
   * stable answer it shadows, which does not include reading the body or writing the answer.
   */
  function observe(
    slot: ModelSlot,
    variant: Variant,
    started: number,
    rows: RowPrediction[] | undefined,
    modelMs?: number,
  ): void {
    const m = state.metrics;
    const seconds = Number(process.hrtime.bigint() - BigInt(started)) / 1e9;
    if (rows) {
      m.latency.observe({ model: slot.name, variant }, seconds);
      m.rows.inc({ model: slot.name, variant }, rows.length);
      const counts = new Map<string, number>();
      for (const r of rows) {
        if (r.label !== undefined) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
        else if (r.value !== undefined) m.predictionValue.observe({ model: slot.name, variant }, r.value);
      }
      for (const [label, n] of counts) m.predictions.inc({ model: slot.name, variant, class: label }, n);
    }
    state.samplesFor(slot.name).recordRequest(variant, modelMs ?? seconds * 1000, rows);
  }

  /** One JSON line per row, with only the model's features (never arbitrary client keys); formatted off-thread. */
  function logRows(
    target: PredictionLog | undefined,
    batch: Batch,
    rows: RowPrediction[],
    meta: { requestId: string; model: string; version: string; variant: Variant },
  ): void {
    const columns = batch.columns;
    if (!target || !columns) return;
    target.write({
      head: `{"timestamp":"${new Date().toISOString()}","request_id":${JSON.stringify(meta.requestId)},"model":${JSON.stringify(meta.model)},"version":${JSON.stringify(meta.version)},"variant":"${meta.variant}","row":`,
      keys: columns.map((c) => `,${JSON.stringify(c.name)}:`),
      columns: columns.map((c) => c.values),
      n: batch.n,
      predictions: rows.map((p) => p.label ?? p.value ?? null),
    });
  }

  /** The canary's answer to a mirrored request: timed, compared with stable's, logged, never returned. */
  async function mirror(
    slot: ModelSlot,
    canary: LoadedModel,
    protocol: 'v1' | 'v2',
    body: RequestBody,
    requestId: string,
    stableRows: RowPrediction[],
  ) {
    const started = Number(process.hrtime.bigint());
    const done = state.acquire(canary);
    try {
      const result = await infer(canary, protocol, body);
      const rows = canary.rows(result.outputs, result.batch.n);
      observe(slot, 'canary', started, rows, result.modelMs);
      state.feedback.remember(requestId, slot.name, 'canary', rows);
      let agree = 0;
      rows.forEach((r, i) => {
        const s = stableRows[i];
        if (s && (r.label !== undefined ? r.label === s.label : r.value === s.value)) agree++;
      });
      state.metrics.shadow.inc({ model: slot.name, outcome: 'agree' }, agree);
      state.metrics.shadow.inc({ model: slot.name, outcome: 'disagree' }, rows.length - agree);
      logRows(shadowLog, result.batch, rows, {
        requestId,
        model: slot.name,
        version: canary.version,
        variant: 'canary',
      });
    } catch (error) {
      state.metrics.shadow.inc({ model: slot.name, outcome: 'error' });
      state.metrics.errors.inc({
        model: slot.name,
        variant: 'canary',
        reason: error instanceof BadRequest ? 'invalid' : 'inference',
      });
      if (error instanceof BadRequest) state.samplesFor(slot.name).recordRejected('canary');
      else observe(slot, 'canary', started, undefined);
    } finally {
      done();
    }
  }

  async function predict(req: IncomingMessage, res: ServerResponse, name: string, protocol: 'v1' | 'v2') {
    const started = Number(process.hrtime.bigint());
    const slot = state.slots.get(name);
    if (!slot) {
      sendJson(res, 404, { error: `No model named ${name}.`, expected: [...state.slots.keys()].join(', ') });
      return;
    }
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    const key = req.headers['x-mlops-key'];
    const route = assign(slot, typeof key === 'string' ? key : undefined);
    const model = route.serve === 'canary' && slot.canary ? slot.canary : slot.stable;
    const variant: Variant = model === slot.stable ? 'stable' : 'canary';
    const headers: Record<string, string> = { 'x-request-id': requestId, 'x-mlops-model-version': model.version };
    // A/B experiments need to know the arm; in shadow mode the answer is always stable's, so nothing to tell.
    if (slot.mode !== 'shadow') headers['x-mlops-variant'] = variant;
    // From here until the answer, a promote or rollback must not release this version under the request.
    const done = state.acquire(model);
    try {
      const body = await readPredictBody(req, protocol);
      const result = await infer(model, protocol, body);
      // A v2 answer is the output tensors themselves; the per-row view the bookkeeping below needs is built
      // after the answer is on its way, so the client does not wait for it.
      const v1Rows = protocol === 'v1' ? model.rows(result.outputs, result.batch.n) : undefined;
      const payload = v1Rows
        ? { predictions: v1Response(v1Rows), request_id: requestId, model_version: model.version }
        : {
            model_name: name,
            model_version: model.version,
            id: result.id ?? requestId,
            outputs: v2Outputs(result.outputs),
          };
      sendJson(res, 200, payload, headers);
      const rows = v1Rows ?? model.rows(result.outputs, result.batch.n);
      state.metrics.requests.inc({ model: name, variant, protocol, code: '200' });
      observe(slot, variant, started, rows, result.modelMs);
      state.feedback.remember(requestId, name, variant, rows);
      logRows(predictionLog, result.batch, rows, { requestId, model: name, version: model.version, variant });
      const canary = slot.canary;
      if (route.mirror && canary) {
        const pending = mirror(slot, canary, protocol, body, requestId, rows);
        mirrors.add(pending);
        void pending.finally(() => mirrors.delete(pending));
      }
    } catch (error) {
      // The answer went out and the bookkeeping after it failed: nothing left to tell this client.
      if (res.headersSent) {
        state.metrics.errors.inc({ model: name, variant, reason: 'inference' });
        return;
      }
      // The client went away mid-request: nothing to answer, and nothing the model did.
      if (!req.complete && req.destroyed) {
        state.metrics.requests.inc({ model: name, variant, protocol, code: '499' });
        return;
      }
      const status = sendError(res, error, headers);
      state.metrics.requests.inc({ model: name, variant, protocol, code: String(status) });
      state.metrics.errors.inc({ model: name, variant, reason: status >= 500 ? 'inference' : 'invalid' });
      // Server errors count against the variant; refused input is kept apart, since a canary that refuses what
      // stable accepts is a regression too.
      if (status >= 500) observe(slot, variant, started, undefined);
      else state.samplesFor(name).recordRejected(variant);
    } finally {
      done();
    }
  }

  async function feedback(req: IncomingMessage, res: ServerResponse) {
    try {
      const parsed = feedbackBody.safeParse(await readJson(req, Math.min(maxBodyBytes, FEEDBACK_MAX_BYTES)));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new BadRequest(`Feedback: ${issue?.path.join('.') || '(body)'}: ${issue?.message}`, {
          expected: '{"request_id": "...", "labels": [...]} or {"request_id": "...", "label": ..., "index": 0}',
        });
      }
      const { request_id, labels, label, index } = parsed.data;
      const truth = labels ?? (label !== undefined ? [label] : undefined);
      if (!truth) throw new BadRequest('Feedback needs `labels` (one per row) or `label`.');
      const scored = state.feedback.score(request_id, truth, labels ? undefined : (index ?? 0));
      if (!scored) {
        state.metrics.feedback.inc({ model: '', variant: '', outcome: 'unknown_request' });
        sendJson(res, 404, {
          error: `No prediction with request id ${request_id} (unknown, or too old and forgotten).`,
        });
        return;
      }
      const samples = state.samplesFor(scored.model);
      for (const s of scored.scores) {
        samples.recordFeedback(s.variant, s.n, s.correct, s.absErrorSum, s.absErrorSqSum);
        const m = state.metrics.feedback;
        m.inc({ model: scored.model, variant: s.variant, outcome: 'correct' }, s.correct);
        m.inc({ model: scored.model, variant: s.variant, outcome: 'incorrect' }, s.n - s.correct);
        if (s.absErrorSum > 0)
          state.metrics.feedbackError.observe(
            { model: scored.model, variant: s.variant },
            s.absErrorSum / Math.max(1, s.n),
          );
      }
      sendJson(res, 202, { request_id, scored: scored.scores });
    } catch (error) {
      sendError(res, error);
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const v1 = method === 'POST' ? /^\/v1\/models\/([^/:]+):predict$/.exec(path) : null;
    if (v1) return predict(req, res, decodeSegment(v1[1]!), 'v1');
    const v2 = method === 'POST' ? /^\/v2\/models\/([^/]+)(?:\/versions\/[^/]+)?\/infer$/.exec(path) : null;
    if (v2) return predict(req, res, decodeSegment(v2[1]!), 'v2');
    if (method === 'POST' && path === '/v1/feedback') return feedback(req, res);
    if (path === '/healthz' || path === '/v2/health/live') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz' || path === '/v2/health/ready') {
      return draining || state.slots.size === 0
        ? sendJson(res, 503, { status: draining ? 'shutting down' : 'no model loaded' })
        : sendJson(res, 200, { status: 'ready', models: [...state.slots.keys()] });
    }
    if (path === '/metrics' && method === 'GET') {
      const text = await state.metrics.registry.metrics();
      res.writeHead(200, { 'content-type': state.metrics.registry.contentType });
      res.end(text);
      return;
    }
    if (path.startsWith('/admin/'))
      return handleAdmin(req, res, url, state, { token: options.adminToken, resolve: options.resolve, maxBodyBytes });
    const m = method === 'GET' ? /^\/v[12]\/models\/([^/:]+)$/.exec(path) : null;
    if (m) {
      const slot = state.slots.get(decodeSegment(m[1]!));
      if (!slot) return sendJson(res, 404, { error: `No model named ${m[1]}.` });
      const sig = slot.stable.signature;
      return sendJson(res, 200, {
        name: slot.name,
        versions: [slot.stable.version, ...(slot.canary ? [slot.canary.version] : [])],
        platform: 'onnxruntime',
        inputs: sig.inputs.map((i) => ({ name: i.name, datatype: i.type, shape: i.shape })),
        outputs: sig.outputs.map((name) => ({ name })),
        ready: true,
      });
    }
    sendJson(res, 404, { error: `No route ${method} ${path}.` });
  }

  const server: Server = createServer((req, res) => {
    inFlight++;
    if (draining) res.setHeader('connection', 'close');
    res.on('close', () => {
      inFlight--;
      if (draining && inFlight === 0) drained?.();
    });
    route(req, res).catch((error: unknown) => {
      // Last line of defence: a bug in one request must not take the server down.
      if (!(error instanceof BadRequest)) say(`request failed: ${(error as Error)?.message ?? String(error)}`);
      sendError(res, error);
      if (!res.writableEnded) res.end();
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    state,
    predictionLog,
    get inFlight() {
      return inFlight;
    },
    close() {
      closing ??= (async () => {
        draining = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (inFlight > 0) {
          const timeout = options.shutdownTimeoutMs ?? 30_000;
          await Promise.race([
            new Promise<void>((resolve) => {
              drained = resolve;
            }),
            new Promise<void>((resolve) => setTimeout(resolve, timeout).unref()),
          ]);
        }
        server.closeAllConnections();
        await stopped;
        await Promise.allSettled([...mirrors]);
        await predictionLog?.close();
        await shadowLog?.close();
        await state.releaseAll();
      })();
      return closing;
    },
  };
}
