/** Serving and rolling out versions resolved from the Git registry (register-model's layout and tags). */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { registerModelAction } from '../../src/actions/register-model.js';
import { executeAction } from '../../src/actions/runner.js';
import { deployConfig } from '../../src/core/deploy/config.js';
import { deployCanary } from '../../src/core/deploy/run.js';
import { type ModelServer, startModelServer } from '../../src/core/serve/server.js';
import { resolveRegistrySource } from '../../src/core/serve/sources.js';
import { writeToyModel } from '../../src/demo/steps/deploy-data.js';
import { startTraffic } from '../../src/demo/steps/deploy-traffic.js';
import { LocalPlatform } from '../../src/platform/local.js';
import { git, tempDir } from '../helpers/tmp.js';

const TOKEN = 'registry-serve-token';
const quiet = { info() {}, warning() {}, error() {}, debug() {}, group: <T>(_t: string, fn: () => Promise<T>) => fn() };

const dir = tempDir('mlops-serve-registry-');
git(dir, 'init', '-q', '-b', 'main');
writeFileSync(join(dir, 'mlops.yaml'), 'version: 1\nmodel:\n  name: toy\n  task: binary\n  label: y\n');
writeFileSync(join(dir, '.gitignore'), 'models/\n.mlops/out/\n.mlops/local/\n.mlops/artifacts/\n.mlops/serve-cache/\n');
git(dir, 'add', '-A');
git(dir, 'commit', '-q', '-m', 'init');
mkdirSync(join(dir, 'models'));
writeToyModel(join(dir, 'models'), 'weak');
writeToyModel(join(dir, 'models'), 'good');

async function register(file: string): Promise<string> {
  const platform = new LocalPlatform({ workspace: dir, inputs: { mode: 'register', model: file }, logger: quiet });
  assert.equal(await executeAction(registerModelAction, platform), 0);
  return platform.outputs.version!;
}

let server: ModelServer;
let v1: string;
let v2: string;
const platform = new LocalPlatform({ workspace: dir, logger: quiet });
const ctx = { repoDir: dir, platform, cacheDir: join(dir, '.mlops', 'serve-cache') };

before(async () => {
  v1 = await register('models/weak.onnx');
  v2 = await register('models/good.onnx');
  server = await startModelServer({
    models: [await resolveRegistrySource(`toy@v${v1}`, ctx)],
    adminToken: TOKEN,
    resolve: (_model, ref) => resolveRegistrySource(ref, ctx),
  });
});
after(() => server?.close());

const admin = (path: string, body?: unknown) =>
  fetch(`${server.url}/admin/v1/models${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

test('a registry reference is fetched, verified and served; a tampered artifact is refused', async () => {
  const state = (await (await admin('')).json()) as { models: { stable: { version: string; ref: string } }[] };
  assert.equal(state.models[0]?.stable.version, v1);
  assert.equal(state.models[0]?.stable.ref, `toy@v${v1}`);
  // Tamper with v2's stored artifact: the admin load by reference must refuse it and keep serving v1.
  const store = join(dir, '.mlops', 'artifacts', 'toy', v2);
  const file = readdirSync(store).find((f) => f.endsWith('.onnx'))!;
  const original = readFileSync(join(store, file));
  writeFileSync(join(store, file), Buffer.concat([original, Buffer.from('x')]));
  const refused = await admin('/toy/load', { ref: `toy@v${v2}`, as: 'canary', weight: 50 });
  assert.equal(refused.status, 422);
  assert.match(((await refused.json()) as { error: string }).error, /sha256|checksum|does not match/);
  const res = await fetch(`${server.url}/v1/models/toy:predict`, {
    method: 'POST',
    body: JSON.stringify({ instances: [{ a: 1, b: 1 }] }),
  });
  assert.equal(res.headers.get('x-mlops-model-version'), v1);
  await res.arrayBuffer();
  writeFileSync(join(store, file), original);
  // A reference to another model is refused, not loaded into this model's slot.
  const other = await admin('/penguins/load', { ref: `toy@v${v2}`, as: 'stable' });
  assert.equal(other.status, 400);
  assert.match(((await other.json()) as { error: string }).error, /names model toy, not penguins/);
  const after = (await (await admin('')).json()) as { models: { name: string }[] };
  assert.deepEqual(
    after.models.map((m) => m.name),
    ['toy'],
  );
});

test('deploy-canary rolls out a registered version by reference and moves the GTO stage tag', async () => {
  const traffic = startTraffic(server.url, 'toy', { concurrency: 4, seed: 41 });
  const { record } = await deployCanary({
    platform,
    cwd: dir,
    outDir: join(dir, '.mlops', 'out'),
    config: deployConfig.parse({
      steps: [
        { weight: 50, duration: 1 },
        { weight: 100, duration: 0 },
      ],
      analysis: { interval: 0.4, minRequests: 40, inconclusiveLimit: 100 },
      checks: { quality: { minFeedback: 40, maxDrop: 0.05 }, latency: { maxRatio: 3 } },
    }),
    version: `toy@v${v2}`,
    targetUrl: server.url,
    stepMode: 'all',
    env: { MLOPS_ADMIN_TOKEN: TOKEN },
  });
  await traffic.stop();
  assert.equal(record.outcome, 'promoted', record.reason);
  assert.equal(record.git.stageTag, 'toy#production#1');
  assert.equal(git(dir, 'rev-parse', 'toy#production#1^{commit}'), git(dir, 'rev-parse', `toy@v${v2}^{commit}`));
  const resolved = await resolveRegistrySource('toy#production', ctx);
  assert.equal(resolved.version, v2);
});

test('deploy-canary refuses a model file that is not the registered artifact of the version it names', async () => {
  await assert.rejects(
    deployCanary({
      platform,
      cwd: dir,
      outDir: join(dir, '.mlops', 'out'),
      config: deployConfig.parse({ steps: [{ weight: 100, duration: 0 }] }),
      version: `toy@v${v2}`,
      modelFile: 'models/weak.onnx',
      targetUrl: server.url,
      stepMode: 'all',
      env: { MLOPS_ADMIN_TOKEN: TOKEN },
    }),
    /models\/weak\.onnx is not the registered artifact of toy/,
  );
  const state = (await (await admin('')).json()) as { models: { canary: unknown }[] };
  assert.equal(state.models[0]?.canary, null, 'nothing was loaded');
});
