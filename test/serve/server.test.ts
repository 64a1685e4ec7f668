import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ServerProvider } from '../../src/core/deploy/server-provider.js';
import { type ModelServer, startModelServer } from '../../src/core/serve/server.js';
import { tempDir } from '../helpers/tmp.js';
import { toyTruth } from './fixtures/linear-onnx.js';
import { toyRows, writeToyModels } from './fixtures/models.js';

const TOKEN = 'admin-secret-token';

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

function admin(server: ModelServer, path: string, body?: unknown, token = TOKEN) {
  return fetch(`${server.url}/admin/v1/models${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('mlops serve', () => {
  const dir = tempDir('mlops-serve-');
  const models = writeToyModels(dir);
  let server: ModelServer;

  before(async () => {
    server = await startModelServer({ models: [models.good], adminToken: TOKEN, logDir: join(dir, 'log') });
  });
  after(() => server.close());

  test('KServe v1 predict answers every row, with a request id and the version', async () => {
    const rows = toyRows(50, 7);
    const res = await post(`${server.url}/v1/models/toy:predict`, { instances: rows });
    assert.equal(res.status, 200);
    const predictions = res.json.predictions as { label: string; probabilities: number[] }[];
    assert.equal(predictions.length, 50);
    for (const [i, p] of predictions.entries()) assert.equal(p.label, toyTruth(rows[i]!));
    assert.match(String(res.json.request_id), /^[0-9a-f-]{36}$/);
    assert.equal(res.headers.get('x-request-id'), res.json.request_id);
    assert.equal(res.headers.get('x-mlops-model-version'), '1.0.0');
    const ready = await fetch(`${server.url}/readyz`);
    assert.deepEqual(await ready.json(), { status: 'ready', models: ['toy'] });
    // Rows may also be arrays in feature order.
    const arrays = await post(`${server.url}/v1/models/toy:predict`, {
      instances: [
        [0.5, 0.2],
        [-0.5, -0.2],
      ],
    });
    assert.deepEqual(
      (arrays.json.predictions as { label: string }[]).map((p) => p.label),
      ['yes', 'no'],
    );
  });

  test('Open Inference Protocol v2 infer returns the model outputs as tensors', async () => {
    const res = await post(`${server.url}/v2/models/toy/infer`, {
      id: 'req-42',
      inputs: [
        { name: 'a', shape: [2, 1], datatype: 'FP32', data: [0.9, -0.9] },
        { name: 'b', shape: [2, 1], datatype: 'FP32', data: [0.1, -0.1] },
      ],
    });
    assert.equal(res.status, 200);
    assert.equal(res.json.id, 'req-42');
    const outputs = res.json.outputs as { name: string; shape: number[]; datatype: string; data: unknown[] }[];
    const label = outputs.find((o) => o.name === 'label')!;
    assert.deepEqual(label, { name: 'label', shape: [2], datatype: 'BYTES', data: ['yes', 'no'] });
    const probs = outputs.find((o) => o.name === 'probabilities')!;
    assert.deepEqual(probs.shape, [2, 2]);
    assert.equal(probs.datatype, 'FP32');
  });

  test('v2 binary tensor extension: raw float32 after the JSON header gives the same answers as JSON', async () => {
    const rows = toyRows(300, 9);
    const a = Float32Array.from(rows.map((r) => r.a));
    const b = Float32Array.from(rows.map((r) => r.b));
    const header = Buffer.from(
      JSON.stringify({
        inputs: [
          { name: 'a', shape: [300, 1], datatype: 'FP32', parameters: { binary_data_size: a.byteLength } },
          { name: 'b', shape: [300, 1], datatype: 'FP32', parameters: { binary_data_size: b.byteLength } },
        ],
      }),
    );
    const send = (body: Buffer, headerLength: number) =>
      fetch(`${server.url}/v2/models/toy/infer`, {
        method: 'POST',
        headers: {
          'content-type': 'application/octet-stream',
          'inference-header-content-length': String(headerLength),
        },
        body,
      });
    const res = await send(Buffer.concat([header, Buffer.from(a.buffer), Buffer.from(b.buffer)]), header.length);
    assert.equal(res.status, 200);
    const out = (await res.json()) as { outputs: { name: string; data: string[] }[] };
    const labels = out.outputs.find((o) => o.name === 'label')!.data;
    assert.deepEqual(labels, rows.map(toyTruth));
    // A body shorter than the declared tensors is a 400, not a crash.
    const short = await send(Buffer.concat([header, Buffer.from(a.buffer)]), header.length);
    assert.equal(short.status, 400);
    assert.match(((await short.json()) as { error: string }).error, /binary data that the body does not hold/);
    const badLength = await send(header, header.length + 10);
    assert.equal(badLength.status, 400);
  });

  test('invalid requests get clear 400s and the server keeps serving', async () => {
    const url = `${server.url}/v1/models/toy:predict`;
    const samplesBefore = (await (await admin(server, '/toy/samples?since=0')).json()) as {
      stable: { rejected: number; errors: number };
    };
    const cases: [unknown, RegExp, Record<string, unknown>][] = [
      ['{not json', /not valid JSON/, {}],
      [{ rows: [] }, /instances/, {}],
      [{ instances: [{ a: 1 }] }, /instances\[0\]\.b is missing/, { row: 0, field: 'b' }],
      [
        {
          instances: [
            { a: 1, b: 2 },
            { a: 'x', b: 2 },
          ],
        },
        /instances\[1\]\.a/,
        { row: 1, field: 'a', found: '"x"' },
      ],
      [{ instances: [[1, 2, 3]] }, /has 3 values; the model takes 2/, { row: 0 }],
      [{ instances: [7] }, /must be an object/, { row: 0 }],
    ];
    for (const [body, message, fields] of cases) {
      const res = await post(url, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(String(res.json.error), message);
      for (const [k, v] of Object.entries(fields)) assert.equal(res.json[k], v, `${k} for ${JSON.stringify(body)}`);
    }
    const v2 = `${server.url}/v2/models/toy/infer`;
    const wrongType = await post(v2, {
      inputs: [
        { name: 'a', shape: [1, 1], datatype: 'INT64', data: [1] },
        { name: 'b', shape: [1, 1], datatype: 'FP32', data: [1] },
      ],
    });
    assert.equal(wrongType.status, 400);
    assert.match(String(wrongType.json.error), /datatype INT64; the model expects FP32/);
    const wrongShape = await post(v2, {
      inputs: [
        { name: 'a', shape: [2, 1], datatype: 'FP32', data: [1] },
        { name: 'b', shape: [2, 1], datatype: 'FP32', data: [1, 2] },
      ],
    });
    assert.match(String(wrongShape.json.error), /has 1 values but shape \[2, 1\] needs 2/);
    const missing = await post(v2, { inputs: [{ name: 'a', shape: [1, 1], datatype: 'FP32', data: [1] }] });
    assert.match(String(missing.json.error), /Input "b" is missing/);
    // Refused input is counted apart for the canary analysis, not as errors of the model.
    const samplesAfter = (await (await admin(server, '/toy/samples?since=0')).json()) as typeof samplesBefore;
    assert.equal(samplesAfter.stable.rejected, samplesBefore.stable.rejected + cases.length + 3);
    assert.equal(samplesAfter.stable.errors, samplesBefore.stable.errors);
    // The deploy controller reads the same counts through its provider.
    const observed = await new ServerProvider(server.url, TOKEN).observe('toy', 0);
    assert.equal(observed.stable.rejected, samplesAfter.stable.rejected);
    assert.equal((await post(`${server.url}/v1/models/nope:predict`, { instances: [{}] })).status, 404);
    // Garbage on the socket: the server answers 400 and stays up.
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => {
        data += d.toString();
      });
      socket.on('close', () => resolve(data));
    });
    assert.match(raw, /^HTTP\/1.1 400/);
    // A client that goes away in the middle of its body is neither an answer nor an error of the model.
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(
          'POST /v1/models/toy:predict HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"inst',
        );
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const afterAbort = (await (await admin(server, '/toy/samples?since=0')).json()) as typeof samplesBefore;
    assert.equal(afterAbort.stable.errors, samplesBefore.stable.errors, 'an aborted upload is not a model error');
    const ok = await post(url, { instances: [{ a: 1, b: 1 }] });
    assert.equal(ok.status, 200);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  });

  test('the admin API rejects requests without the right token', async () => {
    assert.equal((await admin(server, '', undefined, '')).status, 401);
    assert.equal((await admin(server, '', undefined, 'wrong')).status, 401);
    assert.equal((await admin(server, '/toy/traffic', { weight: 50 }, '')).status, 401);
    assert.equal((await admin(server, '/toy/promote', {}, 'wrong')).status, 401);
    const ok = await admin(server, '');
    assert.equal(ok.status, 200);
    const body = (await ok.json()) as { models: { stable: { version: string } }[] };
    assert.equal(body.models[0]?.stable.version, '1.0.0');
  });

  test('a model that fails its checksum is refused and the previous version keeps serving', async () => {
    const res = await admin(server, '/toy/load', {
      ...models.bad,
      sha256: models.good.sha256,
      as: 'canary',
      weight: 100,
    });
    assert.equal(res.status, 422);
    const body = (await res.json()) as { error: string; found: string };
    assert.match(body.error, /failed its checksum/);
    assert.equal(body.found, `sha256 ${models.bad.sha256}`);
    // A file tampered with after registration is refused too, even as stable.
    const tampered = join(dir, 'tampered.onnx');
    writeFileSync(tampered, Buffer.concat([readFileSync(models.good.path), Buffer.from([0])]));
    const res2 = await admin(server, '/toy/load', { ...models.good, path: tampered, version: '9.9.9', as: 'stable' });
    assert.equal(res2.status, 422);
    for (let i = 0; i < 20; i++) {
      const p = await post(`${server.url}/v1/models/toy:predict`, { instances: [{ a: -1, b: -1 }] });
      assert.equal(p.status, 200);
      assert.equal(p.headers.get('x-mlops-model-version'), '1.0.0');
      assert.equal((p.json.predictions as { label: string }[])[0]?.label, 'no');
    }
  });

  test('weights are respected within sampling error and a request key is sticky', async () => {
    const load = await admin(server, '/toy/load', { ...models.good2, as: 'canary', weight: 30, mode: 'canary' });
    assert.equal(load.status, 200);
    const n = 1500;
    let canary = 0;
    const body = JSON.stringify({ instances: [{ a: 0.1, b: 0.1 }] });
    for (let i = 0; i < n; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, () =>
          fetch(`${server.url}/v1/models/toy:predict`, { method: 'POST', body }).then(async (r) => {
            await r.arrayBuffer();
            return r.headers.get('x-mlops-model-version');
          }),
        ),
      );
      canary += batch.filter((v) => v === '3.0.0').length;
    }
    const p = 0.3;
    const bound = 4.5 * Math.sqrt((p * (1 - p)) / n); // ~1 in 150,000 false alarm
    assert.ok(Math.abs(canary / n - p) <= bound, `canary share ${canary / n} vs 0.3 ± ${bound}`);
    // Sticky: one key always lands on one variant; keys spread over both.
    const seen = new Map<string, Set<string>>();
    for (let k = 0; k < 40; k++) {
      for (let rep = 0; rep < 3; rep++) {
        const r = await fetch(`${server.url}/v1/models/toy:predict`, {
          method: 'POST',
          body,
          headers: { 'x-mlops-key': `user-${k}` },
        });
        await r.arrayBuffer();
        const set = seen.get(`user-${k}`) ?? new Set();
        set.add(r.headers.get('x-mlops-model-version')!);
        seen.set(`user-${k}`, set);
      }
    }
    assert.ok(
      [...seen.values()].every((s) => s.size === 1),
      'each key saw one version',
    );
    const versions = new Set([...seen.values()].flatMap((s) => [...s]));
    assert.deepEqual([...versions].sort(), ['1.0.0', '3.0.0']);
    // A/B: a fixed split whose arm is told to the client, sticky per key like canary.
    assert.equal((await admin(server, '/toy/traffic', { weight: 50, mode: 'ab' })).status, 200);
    const arms = new Map<string, string>();
    for (let k = 0; k < 30; k++) {
      for (let rep = 0; rep < 2; rep++) {
        const r = await fetch(`${server.url}/v1/models/toy:predict`, {
          method: 'POST',
          body,
          headers: { 'x-mlops-key': `ab-${k}` },
        });
        await r.arrayBuffer();
        const arm = `${r.headers.get('x-mlops-variant')}:${r.headers.get('x-mlops-model-version')}`;
        assert.ok(arm === 'stable:1.0.0' || arm === 'canary:3.0.0', arm);
        if (rep === 1) assert.equal(arm, arms.get(`ab-${k}`));
        arms.set(`ab-${k}`, arm);
      }
    }
    assert.equal(new Set(arms.values()).size, 2);
    // The weight gauge follows the mode: the series of the mode left behind does not keep its old weight.
    const gauges = (await (await fetch(`${server.url}/metrics`)).text())
      .split('\n')
      .filter((line) => line.startsWith('mlops_canary_weight_percent{'));
    assert.deepEqual(gauges, ['mlops_canary_weight_percent{model="toy",mode="ab"} 50']);
    assert.equal((await admin(server, '/toy/rollback', {})).status, 200);
  });

  test('shadow mode mirrors to the canary, compares answers and never returns them', async () => {
    assert.equal(
      (await admin(server, '/toy/load', { ...models.bad, as: 'canary', weight: 100, mode: 'shadow' })).status,
      200,
    );
    const rows = toyRows(40, 3);
    const ids: string[] = [];
    for (const row of rows) {
      const res = await post(`${server.url}/v1/models/toy:predict`, { instances: [row] });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-mlops-model-version'), '1.0.0');
      assert.equal(res.headers.get('x-mlops-variant'), null);
      // The bad model answers the opposite class; only the stable (correct) answer may come back.
      assert.equal((res.json.predictions as { label: string }[])[0]?.label, toyTruth(row));
      ids.push(String(res.json.request_id));
    }
    for (const [i, id] of ids.entries()) {
      const fb = await post(`${server.url}/v1/feedback`, { request_id: id, labels: [toyTruth(rows[i]!)] });
      assert.equal(fb.status, 202);
    }
    // Mirrored inference is asynchronous; wait until every copy was answered.
    let samples: {
      stable: { feedback: { n: number; correct: number } };
      canary: { requests: number; feedback: { n: number; correct: number } };
    };
    for (;;) {
      samples = (await (await admin(server, '/toy/samples?since=0')).json()) as typeof samples;
      if (samples.canary.requests >= 40) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(samples.stable.feedback.correct, samples.stable.feedback.n);
    assert.ok(samples.canary.feedback.n > 0);
    assert.ok(samples.canary.feedback.correct < samples.canary.feedback.n / 2);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    assert.match(metrics, /mlops_shadow_comparisons_total\{model="toy",outcome="disagree"\} (\d+)/);
    assert.match(metrics, /mlops_feedback_total\{model="toy",variant="stable",outcome="correct"\} \d+/);
    assert.match(metrics, /mlops_request_duration_seconds_bucket\{le="0.005",model="toy",variant="stable"\}/);
    assert.equal((await admin(server, '/toy/rollback', {})).status, 200);
  });

  test('feedback for an unknown request id is a 404; a malformed one a 400', async () => {
    assert.equal((await post(`${server.url}/v1/feedback`, { request_id: 'never-seen', label: 'yes' })).status, 404);
    assert.equal((await post(`${server.url}/v1/feedback`, { labels: ['yes'] })).status, 400);
    // Feedback sent twice for the same row counts once.
    const p = await post(`${server.url}/v1/models/toy:predict`, {
      instances: [
        { a: 1, b: 1 },
        { a: -1, b: -1 },
      ],
    });
    const id = String(p.json.request_id);
    const before = (await (await admin(server, '/toy/samples?since=0')).json()) as {
      stable: { feedback: { n: number } };
    };
    const first = await post(`${server.url}/v1/feedback`, { request_id: id, label: 'yes', index: 0 });
    const again = await post(`${server.url}/v1/feedback`, { request_id: id, label: 'yes', index: 0 });
    assert.deepEqual(
      (first.json.scored as { n: number }[]).map((s) => s.n),
      [1],
    );
    assert.deepEqual(
      (again.json.scored as { n: number }[]).map((s) => s.n),
      [0],
    );
    const afterwards = (await (await admin(server, '/toy/samples?since=0')).json()) as typeof before;
    assert.equal(afterwards.stable.feedback.n, before.stable.feedback.n + 1);
    // Truth that cannot belong to a 2-row request is refused, not stored.
    const tooMany = await post(`${server.url}/v1/feedback`, { request_id: id, labels: ['yes', 'no', 'yes'] });
    assert.equal(tooMany.status, 400);
    assert.match(String(tooMany.json.error), /3 labels for a request of 2 rows/);
    assert.equal((await post(`${server.url}/v1/feedback`, { request_id: id, label: 'no', index: 5 })).status, 400);
  });

  test('a malformed path and a version unfit for a header are 4xx, and serving goes on', async () => {
    const broken = await fetch(`${server.url}/v1/models/%E0%A4:predict`, { method: 'POST', body: '{}' });
    assert.equal(broken.status, 400);
    assert.match(((await broken.json()) as { error: string }).error, /percent-encoding/);
    assert.equal((await admin(server, '/%E0%A4/promote', {})).status, 400);
    const badVersion = await admin(server, '/toy/load', { ...models.good, version: 'v1\nX-Injected: 1', as: 'canary' });
    assert.equal(badVersion.status, 422);
    assert.match(((await badVersion.json()) as { error: string }).error, /cannot be sent in a header/);
    const p = await post(`${server.url}/v1/models/toy:predict`, { instances: [{ a: 1, b: 1 }] });
    assert.equal(p.status, 200);
    assert.equal(p.headers.get('x-mlops-model-version'), '1.0.0');
  });

  test('a prediction log that cannot be written stops with a message; the server keeps answering', async () => {
    const notADirectory = join(dir, 'log-is-a-file');
    writeFileSync(notADirectory, 'in the way\n');
    const said: string[] = [];
    const stubborn = await startModelServer({ models: [models.good], logDir: notADirectory, log: (m) => said.push(m) });
    try {
      for (let i = 0; i < 3; i++) {
        const res = await post(`${stubborn.url}/v1/models/toy:predict`, { instances: toyRows(8, i) });
        assert.equal(res.status, 200);
      }
      for (let i = 0; i < 50 && said.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok(
        said.some((m) => /prediction log in .* stopped: .*Predictions are still served/.test(m)),
        said.join('\n'),
      );
    } finally {
      await stubborn.close();
    }
  });

  test('the prediction log has a timestamp column, the features and the prediction, and rotates', async () => {
    const logDir = join(dir, 'rotating-log');
    const logging = await startModelServer({ models: [models.good], logDir, logMaxBytes: 20_000, logMaxFiles: 3 });
    for (let i = 0; i < 10; i++) await post(`${logging.url}/v1/models/toy:predict`, { instances: toyRows(64, i + 10) });
    const checked = toyRows(5, 99);
    await post(`${logging.url}/v1/models/toy:predict`, { instances: checked }, { 'x-request-id': 'log-check-1' });
    // close() flushes the log worker and waits until its files are complete.
    await logging.close();
    const files = readdirSync(logDir)
      .filter((f) => f.startsWith('predictions-'))
      .sort();
    assert.equal(files.length, 3, `kept the newest 3 of the rotated files: ${files.join(', ')}`);
    const lines = files.flatMap((f) => readFileSync(join(logDir, f), 'utf8').trim().split('\n'));
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.ok(!Number.isNaN(Date.parse(String(line.timestamp))));
    assert.equal(typeof line.a, 'number');
    assert.ok(['yes', 'no'].includes(String(line.prediction)));
    assert.equal(line.model, 'toy');
    assert.ok(lines.length > 64 && lines.length < 640, `${lines.length} lines survive rotation`);
    for (const l of lines) JSON.parse(l);
    // Each line carries its own row's features in request order, as the shortest text of the float32 the model saw.
    const mine = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.request_id === 'log-check-1');
    assert.deepEqual(
      mine.map((l) => [l.row, Math.fround(Number(l.a)), Math.fround(Number(l.b))]),
      checked.map((r, i) => [i, Math.fround(Number(r.a)), Math.fround(Number(r.b))]),
    );
  });
});

describe('graceful shutdown', () => {
  test('requests in flight when shutdown starts complete; new connections are refused', async () => {
    const dir = tempDir('mlops-serve-shutdown-');
    const models = writeToyModels(dir);
    const server = await startModelServer({ models: [models.good] });
    const body = Buffer.from(JSON.stringify({ instances: toyRows(2_000, 5) }));
    // Each request sends half its body, so it is certainly in flight when close() begins; the rest follows after.
    const requests = Array.from({ length: 4 }, () => {
      const req = request(`${server.url}/v1/models/toy:predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      });
      const done = new Promise<{ status: number; n: number }>((resolve, reject) => {
        req.on('response', (res) => {
          let text = '';
          res.on('data', (d) => {
            text += d;
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              n: (JSON.parse(text) as { predictions: unknown[] }).predictions.length,
            }),
          );
        });
        req.on('error', reject);
      });
      req.write(body.subarray(0, body.length >> 1));
      return { req, done };
    });
    while (server.inFlight < 4) await new Promise((r) => setTimeout(r, 2));
    const closed = server.close();
    await new Promise((r) => setTimeout(r, 50));
    for (const { req } of requests) req.end(body.subarray(body.length >> 1));
    const results = await Promise.all(requests.map((r) => r.done));
    await closed;
    for (const r of results) assert.deepEqual(r, { status: 200, n: 2_000 });
    await assert.rejects(fetch(`${server.url}/healthz`));
  });
});
