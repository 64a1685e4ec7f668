import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { deployConfig } from '../../src/core/deploy/config.js';
import { ANNOTATION, KServeProvider } from '../../src/core/deploy/kserve-provider.js';
import type { Clock } from '../../src/core/deploy/rollout.js';
import { deployCanary } from '../../src/core/deploy/run.js';
import { LocalPlatform } from '../../src/platform/local.js';
import { type PromSeries, startFakeKube, startFakePrometheus } from '../fakes/kubernetes.js';
import { git, tempDir } from '../helpers/tmp.js';

const TOKEN = 'kube-token';
const ISVC_PATH = '/apis/serving.kserve.io/v1beta1/namespaces/ml/inferenceservices/penguins';

function isvc() {
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: { name: 'penguins', namespace: 'ml', generation: 1, annotations: { [ANNOTATION.stable]: '1.0.0' } },
    spec: {
      predictor: { model: { modelFormat: { name: 'onnx' }, storageUri: 's3://models/penguins/1.0.0/model.onnx' } },
    },
  };
}

interface IsvcShape {
  metadata: { annotations: Record<string, string> };
  spec: { predictor: { canaryTrafficPercent?: number; model: { storageUri: string } } };
}
interface PatchShape {
  metadata: { annotations: Record<string, string | null> };
  spec: { predictor: { canaryTrafficPercent?: number | null } };
}

function fakeClock(start = Date.parse('2026-01-01T00:00:00Z')): Clock {
  let t = start;
  return {
    now: () => t,
    sleep: async (ms) => {
      t += ms;
    },
  };
}

function series(match: string, over: Partial<PromSeries> = {}): PromSeries {
  return {
    match,
    requests: 1000,
    errors: 1,
    p95Seconds: Array.from({ length: 30 }, (_, i) => 0.01 + (i % 5) * 0.0005),
    classes: { Adelie: 450, Gentoo: 350, Chinstrap: 200 },
    feedback: { correct: 180, incorrect: 20 },
    ...over,
  };
}

async function setup(canary: Partial<PromSeries>) {
  const kube = await startFakeKube(TOKEN, { 'ml/penguins': isvc() });
  const prom = await startFakePrometheus([series('revision="stable"'), series('revision="canary"', canary)]);
  after(() => Promise.all([kube.close(), prom.close()]));
  const dir = tempDir('mlops-kserve-');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'init');
  writeFileSync(join(dir, 'model.onnx'), 'not really onnx; KServe loads it, not us');
  const config = deployConfig.parse({
    environment: 'production',
    target: {
      kind: 'kserve',
      apiServer: kube.url,
      namespace: 'ml',
      name: 'penguins',
      prometheus: prom.url,
      storageUriTemplate: 's3://models/{model}/{version}/model.onnx',
    },
    steps: [
      { weight: 10, duration: '2m' },
      { weight: 50, duration: '2m' },
      { weight: 100, duration: 0 },
    ],
    analysis: { interval: '1m', failureLimit: 1 },
  });
  const platform = new LocalPlatform({
    workspace: dir,
    logger: { info() {}, warning() {}, error() {}, debug() {}, group: (_t, fn) => fn() },
  });
  const run = () =>
    deployCanary({
      platform,
      cwd: dir,
      outDir: join(dir, '.mlops', 'out'),
      config: config,
      version: 'penguins@v2.0.0',
      modelFile: 'model.onnx',
      stepMode: 'all',
      clock: fakeClock(),
      env: { MLOPS_KUBE_TOKEN: TOKEN },
    });
  return { kube, prom, run };
}

test('KServe: patches canaryTrafficPercent step by step and promotes a healthy canary', async () => {
  const { kube, prom, run } = await setup({});
  const { record } = await run();
  assert.equal(record.outcome, 'promoted', record.reason);
  for (const r of kube.requests) {
    assert.equal(r.path, ISVC_PATH);
    if (r.method === 'PATCH') assert.equal(r.contentType, 'application/merge-patch+json');
  }
  const patches = kube.requests.filter((r) => r.method === 'PATCH').map((r) => r.body as PatchShape);
  assert.deepEqual(patches[0]!.spec, {
    predictor: { canaryTrafficPercent: 0, model: { storageUri: 's3://models/penguins/2.0.0/model.onnx' } },
  });
  assert.equal(patches[0]!.metadata.annotations[ANNOTATION.canary], '2.0.0');
  assert.deepEqual(
    patches.slice(1, 4).map((p) => p.spec.predictor.canaryTrafficPercent),
    [10, 50, 100],
  );
  assert.deepEqual(patches.at(-1)!.spec, { predictor: { canaryTrafficPercent: null } });
  const final = kube.services.get('ml/penguins') as unknown as IsvcShape;
  assert.equal(final.spec.predictor.canaryTrafficPercent, undefined);
  assert.equal(final.spec.predictor.model.storageUri, 's3://models/penguins/2.0.0/model.onnx');
  assert.equal(final.metadata.annotations[ANNOTATION.stable], '2.0.0');
  assert.equal(final.metadata.annotations[ANNOTATION.canary], undefined);
  // Prometheus: instant queries at the analysis time, a p95 range query per variant.
  assert.ok(
    prom.queries.some((q) => q.path === '/api/v1/query_range' && q.params.query!.includes('revision="canary"')),
  );
  const latency = record.steps[0]!.analyses[0]!.checks.find((c) => c.name === 'latency-p95')!;
  assert.equal(latency.verdict, 'pass');
  assert.equal(latency.samples.canary, 1000);
});

test('KServe: a slower canary fails Mann-Whitney and is rolled back to the stable storageUri', async () => {
  const { kube, run } = await setup({ p95Seconds: Array.from({ length: 30 }, (_, i) => 0.03 + (i % 5) * 0.001) });
  const { record } = await run();
  assert.equal(record.outcome, 'rolled-back');
  const latency = record.steps[0]!.analyses.at(-1)!.checks.find((c) => c.name === 'latency-p95')!;
  assert.equal(latency.verdict, 'fail');
  assert.ok(latency.pValue! < 1e-6);
  const last = kube.requests.filter((r) => r.method === 'PATCH').at(-1)!.body as PatchShape;
  assert.deepEqual(last.spec, {
    predictor: { canaryTrafficPercent: 0, model: { storageUri: 's3://models/penguins/1.0.0/model.onnx' } },
  });
  assert.equal(record.steps[0]!.failures + record.steps[1]!.failures, 2);
});

test('KServe: API errors surface the Kubernetes message and the missing permission', async () => {
  const kube = await startFakeKube(TOKEN, { 'ml/penguins': isvc() });
  after(() => kube.close());
  const base = {
    kind: 'kserve' as const,
    apiServer: kube.url,
    namespace: 'ml',
    tokenEnv: 'T',
    prometheus: 'http://127.0.0.1:9',
    stableSelector: 's',
    canarySelector: 'c',
  };
  const missing = new KServeProvider({ ...base, name: 'nope' }, { T: TOKEN });
  await assert.rejects(missing.state(), /404 inferenceservices.serving.kserve.io "nope" not found/);
  const unauthorized = new KServeProvider({ ...base, name: 'penguins' }, { T: 'wrong' });
  await assert.rejects(unauthorized.setWeight('penguins', 10), /401/);
  const ok = new KServeProvider({ ...base, name: 'penguins' }, { T: TOKEN });
  await ok.setWeight('penguins', 33.4);
  assert.equal((kube.services.get('ml/penguins') as unknown as IsvcShape).spec.predictor.canaryTrafficPercent, 33);
});
