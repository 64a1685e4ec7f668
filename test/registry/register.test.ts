import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sha256File } from '../../src/core/fs.js';
import { isRaceRejection, type RegisterRequest, registerModel } from '../../src/core/registry/register.js';
import { fetchModelArtifact, parseModelRef, resolveModelRef } from '../../src/core/registry/report.js';
import { DirectoryArtifactStore } from '../../src/platform/local-store.js';
import { git, tempDir } from '../helpers/tmp.js';
import { FEATURES, writeModel } from './fixtures.js';
import { registryRepo, runRegister, snapshot } from './helpers.js';

test('register: first version, idempotent re-run, minor on same signature, major on a new input', async () => {
  const { work, remote } = registryRepo();
  writeModel(join(work, 'a.onnx'), FEATURES, 1);
  const first = await runRegister(work, { mode: 'register', model: 'a.onnx' }, 'alice');
  assert.equal(first.exitCode, 0, first.log);
  assert.deepEqual(
    [first.outputs.version, first.outputs.tag, first.outputs.status],
    ['1.0.0', 'penguins@v1.0.0', 'registered'],
  );
  const dir = join(work, '.mlops/registry/penguins/1.0.0');
  for (const f of ['model.json', 'card.md', 'card.json']) assert.ok(existsSync(join(dir, f)), f);
  const mv = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  assert.equal(mv.kind, 'ModelVersion');
  assert.equal(mv.artifact.sha256, await sha256File(join(work, 'a.onnx')));
  assert.deepEqual(
    mv.signature.inputs.map((i: { name: string; type: string }) => `${i.name}:${i.type}`),
    FEATURES.map((f) => `${f}:float`),
  );
  assert.equal(mv.registeredBy, 'alice');
  assert.equal(git(remote, 'cat-file', '-t', 'penguins@v1.0.0'), 'tag', 'annotated tag pushed');
  assert.equal(git(remote, 'rev-parse', 'main'), git(work, 'rev-parse', 'HEAD'), 'checkout moved to the registration');

  const before = snapshot(work, remote);
  const again = await runRegister(work, { mode: 'register', model: 'a.onnx' });
  assert.equal(again.exitCode, 0, again.log);
  assert.deepEqual([again.outputs.version, again.outputs.status], ['1.0.0', 'existing']);
  assert.equal(snapshot(work, remote), before, 're-running registers nothing');

  writeModel(join(work, 'b.onnx'), FEATURES, 2);
  const minor = await runRegister(work, { mode: 'register', model: 'b.onnx' });
  assert.equal(minor.outputs.version, '1.1.0', minor.log);
  const mvMinor = JSON.parse(readFileSync(join(work, '.mlops/registry/penguins/1.1.0/model.json'), 'utf8'));
  assert.equal(mvMinor.versioning.bump, 'minor');

  writeModel(join(work, 'c.onnx'), [...FEATURES, 'body_mass_g_lag'], 2);
  const major = await runRegister(work, { mode: 'register', model: 'c.onnx' });
  assert.equal(major.outputs.version, '2.0.0', major.log);
  const mvMajor = JSON.parse(readFileSync(join(work, '.mlops/registry/penguins/2.0.0/model.json'), 'utf8'));
  assert.match(mvMajor.versioning.reason, /added body_mass_g_lag/);

  writeModel(join(work, 'd.onnx'), [...FEATURES, 'body_mass_g_lag'], 3);
  const patch = await runRegister(work, { mode: 'register', model: 'd.onnx', bump: 'patch' });
  assert.equal(patch.outputs.version, '2.0.1', 'told bump wins over the rule');

  const tags = git(remote, 'tag', '--list').split('\n').sort();
  assert.deepEqual(tags, ['penguins@v1.0.0', 'penguins@v1.1.0', 'penguins@v2.0.0', 'penguins@v2.0.1']);
});

test('the first version skips a number whose annotated tag already exists (pushed by hand or by GTO)', async () => {
  const { work, remote } = registryRepo();
  git(work, 'tag', '-a', 'penguins@v1.0.0', '-m', 'registered with gto, files removed since');
  git(work, 'push', '-q', 'origin', 'penguins@v1.0.0');
  writeModel(join(work, 'a.onnx'), FEATURES, 1);
  const first = await runRegister(work, { mode: 'register', model: 'a.onnx' });
  assert.equal(first.exitCode, 0, first.log);
  assert.deepEqual([first.outputs.version, first.outputs.tag], ['1.1.0', 'penguins@v1.1.0']);
  assert.deepEqual(git(remote, 'tag', '--list').split('\n').sort(), ['penguins@v1.0.0', 'penguins@v1.1.0']);
});

test('register: bad input gives a clear error and changes nothing', async () => {
  const { work, remote, store } = registryRepo('  stages: [staging, production]\n');
  writeModel(join(work, 'a.onnx'), FEATURES, 1);
  assert.equal((await runRegister(work, { mode: 'register', model: 'a.onnx' })).exitCode, 0);
  const before = snapshot(work, remote);

  writeModel(join(work, 'b.onnx'), FEATURES, 2);
  const exists = await runRegister(work, { mode: 'register', model: 'b.onnx', version: '1.0.0' });
  assert.equal(exists.exitCode, 2);
  assert.match(exists.log, /penguins 1\.0\.0 is already registered/);
  assert.match(exists.log, /Versions are immutable/);
  assert.equal(snapshot(work, remote), before);

  const missing = await runRegister(work, { mode: 'register', model: 'nope.onnx' });
  assert.equal(missing.exitCode, 2);
  assert.match(missing.log, /Model file .*nope\.onnx does not exist/);
  assert.equal(snapshot(work, remote), before);

  writeFileSync(join(work, 'junk.onnx'), 'not a model');
  const junk = await runRegister(work, { mode: 'register', model: 'junk.onnx' });
  assert.equal(junk.exitCode, 2);
  assert.match(junk.log, /Not an ONNX model/);
  assert.equal(snapshot(work, remote), before);

  const badVersion = await runRegister(work, { mode: 'register', model: 'b.onnx', version: '1.0' });
  assert.equal(badVersion.exitCode, 2);
  assert.match(badVersion.log, /not a semantic version/);

  const badStage = await runRegister(work, { mode: 'promote', version: '1.0.0', stage: 'prod' });
  assert.equal(badStage.exitCode, 2);
  assert.match(badStage.log, /Stage "prod" is not allowed/);
  assert.match(badStage.log, /one of staging, production/);
  assert.equal(snapshot(work, remote), before);
  assert.equal(git(work, 'branch', '--list', 'mlops/*'), '', 'no promotion branch');

  const unregistered = await runRegister(work, { mode: 'promote', version: '9.9.9', stage: 'production' });
  assert.equal(unregistered.exitCode, 2);
  assert.match(unregistered.log, /penguins 9\.9\.9 is not registered/);

  const failing = join(work, 'eval.json');
  writeFileSync(
    failing,
    JSON.stringify({
      kind: 'EvaluationReport',
      verdict: 'fail',
      headline: 'accuracy 0.41 < 0.9',
      metrics: [],
      gates: [],
    }),
  );
  const mismatch = join(work, 'run.json');
  const { sampleTrainRun } = await import('../card/samples.js');
  writeFileSync(
    mismatch,
    JSON.stringify({ ...sampleTrainRun(), artifact: { path: 'b.onnx', sha256: 'f'.repeat(64), bytes: 1 } }),
  );
  const wrongRun = await runRegister(work, { mode: 'register', model: 'b.onnx', 'train-run': 'run.json' });
  assert.equal(wrongRun.exitCode, 2);
  assert.match(wrongRun.log, /The TrainRun describes a different model than .*b\.onnx/);
  assert.equal(snapshot(work, remote), before);

  const gated = await runRegister(work, { mode: 'register', model: 'b.onnx', evaluation: 'eval.json' });
  assert.equal(gated.exitCode, 1, 'a failed gate, not a tool error');
  assert.match(gated.log, /failed its evaluation gates and is not registered: accuracy 0\.41 < 0\.9/);
  assert.equal(snapshot(work, remote), before);
  assert.ok(existsSync(store));
});

test('resolveModelRef and fetchModelArtifact: by version, stage and latest; a tampered artifact is refused', async () => {
  const { work, store } = registryRepo();
  writeModel(join(work, 'a.onnx'), FEATURES, 1);
  writeModel(join(work, 'b.onnx'), FEATURES, 2);
  await runRegister(work, { mode: 'register', model: 'a.onnx' });
  await runRegister(work, { mode: 'register', model: 'b.onnx' });
  const stages = join(work, '.mlops/registry/penguins/stages.yaml');
  writeFileSync(stages, 'model: penguins\nstages:\n  production: 1.0.0\ndeprecated: []\n');

  assert.deepEqual(parseModelRef('penguins@v1.2.0'), { name: 'penguins', kind: 'version', version: '1.2.0' });
  assert.deepEqual(parseModelRef('penguins#production'), { name: 'penguins', kind: 'stage', stage: 'production' });
  assert.deepEqual(parseModelRef('penguins:latest'), { name: 'penguins', kind: 'latest' });
  assert.throws(() => parseModelRef('Penguins@@1'), /not a model reference/);

  assert.equal((await resolveModelRef(work, 'penguins@v1.0.0')).version.version, '1.0.0');
  assert.equal((await resolveModelRef(work, 'penguins:1.1.0')).version.version, '1.1.0');
  const prod = await resolveModelRef(work, 'penguins#production');
  assert.equal(prod.version.version, '1.0.0');
  assert.deepEqual(prod.version.currentStages, ['production']);
  assert.equal((await resolveModelRef(work, 'penguins:latest')).version.version, '1.1.0');
  await assert.rejects(resolveModelRef(work, 'penguins#staging'), /No version of penguins is in stage "staging"/);
  await assert.rejects(resolveModelRef(work, 'penguins@v3.0.0'), /has no version 3\.0\.0/);
  await assert.rejects(resolveModelRef(work, 'other:latest'), /Model "other" has no registered versions/);

  const artifacts = new DirectoryArtifactStore(store);
  const dest = join(work, 'fetched.onnx');
  const got = await fetchModelArtifact({ artifacts }, prod.version, dest);
  assert.equal(got.sha256, await sha256File(join(work, 'a.onnx')));

  // Someone replaces the stored file: fetching must refuse it and leave nothing behind.
  const storedPath = join(store, 'penguins', '1.0.0', prod.version.artifact.name);
  writeFileSync(storedPath, readFileSync(join(work, 'b.onnx')));
  const dest2 = join(work, 'tampered.onnx');
  await assert.rejects(fetchModelArtifact({ artifacts }, prod.version, dest2), /checksum|does not match/);
  assert.equal(existsSync(dest2), false, 'no file left');
});

/** The registry files of a version, minimal: enough for registerModel's own reads. */
const minimalBuild: RegisterRequest['build'] = async (ctx) => ({
  modelVersion: { version: ctx.version } as never,
  files: {
    [`.mlops/registry/penguins/${ctx.version}/model.json`]: JSON.stringify({
      kind: 'ModelVersion',
      schemaVersion: 1,
      createdAt: 'x',
      tool: { name: 'mlops-actions', version: '0' },
      name: 'penguins',
      version: ctx.version,
      tag: ctx.tag,
      artifact: ctx.artifact,
      signature: ctx.signature,
      versioning: ctx.versioning,
      lineage: { commit: null, trainRun: null, evaluation: null, data: [] },
      registeredAt: 'x',
      card: { markdown: 'card.md', json: 'card.json' },
    }),
  },
});

test('a lightweight tag made by the artifact store (GitHub release) is replaced; a real registration never is', async () => {
  const { work, remote, store } = registryRepo();
  const { registerModel } = await import('../../src/core/registry/register.js');
  const { registryConfig } = await import('../../src/core/registry/config.js');
  const local = new DirectoryArtifactStore(store);
  // Like GitHub: creating the version's release creates the tag <model>@v<version> on the current commit.
  const releaseLike = {
    put: async (namespace: string, version: string, file: string, name?: string) => {
      const stored = await local.put(namespace, version, file, name);
      try {
        git(remote, 'tag', `${namespace}@v${version}`, 'main');
      } catch {
        // the release (and its tag) already exists
      }
      return stored;
    },
    get: local.get.bind(local),
    discard: local.discard.bind(local),
  };
  const config = registryConfig.parse({});
  const register = (file: string) =>
    registerModel({
      repoDir: work,
      name: 'penguins',
      modelFile: file,
      store: releaseLike,
      storeKind: 'github-release',
      config,
      build: minimalBuild,
    });
  writeModel(join(work, 'a.onnx'), FEATURES, 1);
  writeModel(join(work, 'b.onnx'), FEATURES, 2);
  const first = await register(join(work, 'a.onnx'));
  assert.equal(first.tag, 'penguins@v1.0.0');
  assert.equal(git(remote, 'cat-file', '-t', 'penguins@v1.0.0'), 'tag', 'the placeholder became the annotated tag');
  assert.equal(first.attempts, 1);
  const second = await register(join(work, 'b.onnx'));
  assert.equal(second.tag, 'penguins@v1.1.0');
  assert.equal(git(remote, 'rev-parse', 'penguins@v1.0.0^{commit}'), first.commit, 'v1.0.0 untouched');
});

test('register stores the reference profile of the training data next to model.json', async () => {
  const { work } = registryRepo();
  const { copyFileSync, mkdirSync } = await import('node:fs');
  const { parseReferenceProfile } = await import('../../src/core/profile/io.js');
  const { closeEngine } = await import('../../src/core/data/engine.js');
  mkdirSync(join(work, 'data'));
  copyFileSync(join(import.meta.dirname, '../../examples/penguins/train.csv'), join(work, 'data/train.csv'));
  writeFileSync(
    join(work, 'mlops.yaml'),
    `${readFileSync(join(work, 'mlops.yaml'), 'utf8')}data:\n  train: data/train.csv\n`,
  );
  writeModel(join(work, 'a.onnx'), FEATURES, 1);
  const run = await runRegister(work, { mode: 'register', model: 'a.onnx' });
  await closeEngine();
  assert.equal(run.exitCode, 0, run.log);
  const mv = JSON.parse(readFileSync(join(work, '.mlops/registry/penguins/1.0.0/model.json'), 'utf8'));
  assert.equal(mv.referenceProfile, '.mlops/registry/penguins/1.0.0/reference-profile.json');
  const profile = parseReferenceProfile(readFileSync(join(work, mv.referenceProfile), 'utf8'), mv.referenceProfile);
  const rows = readFileSync(join(work, 'data/train.csv'), 'utf8').trim().split('\n').length - 1;
  assert.equal(profile.rows, rows);
  assert.equal(profile.columns.bill_length_mm?.kind, 'numeric');
  assert.equal(
    git(work, 'ls-files', '.mlops/registry/penguins/1.0.0/reference-profile.json'),
    '.mlops/registry/penguins/1.0.0/reference-profile.json',
  );
});

test('a detached checkout (GitLab CI) registers onto the run’s branch', async () => {
  const { work, remote } = registryRepo();
  git(work, 'checkout', '-q', '--detach');
  writeModel(join(work, 'a.onnx'), FEATURES, 1);
  const run = await runRegister(work, { mode: 'register', model: 'a.onnx' });
  assert.equal(run.exitCode, 0, run.log);
  assert.equal(git(remote, 'rev-parse', 'main'), git(remote, 'rev-parse', 'penguins@v1.0.0^{commit}'));
  assert.equal(git(remote, 'branch', '--list', 'HEAD'), '');
  assert.match(git(remote, 'log', '-1', '--format=%s', 'main'), /^Register penguins 1\.0\.0 \[skip ci\]$/);
});

test('re-running the job registers nothing: same run, a training-cache hit of it, or a retrain of the same inputs', async () => {
  const { work, remote } = registryRepo();
  const { sampleTrainRun } = await import('../card/samples.js');
  writeModel(join(work, 'a.onnx'), FEATURES, 1);
  const digest = await sha256File(join(work, 'a.onnx'));
  const write = (name: string, patch: Record<string, unknown>) => {
    const run = { ...sampleTrainRun(), artifact: { path: 'a.onnx', sha256: digest, bytes: 1 }, ...patch };
    writeFileSync(join(work, name), JSON.stringify(run));
    return name;
  };
  const first = await runRegister(work, { mode: 'register', 'train-run': write('run-a.json', { runId: 'run-a' }) });
  assert.equal(first.outputs.status, 'registered', first.log);
  const before = snapshot(work, remote);

  const cacheHit = write('run-b.json', { runId: 'run-b', cache: { key: 'k', hit: true, restoredRunId: 'run-a' } });
  assert.equal((await runRegister(work, { mode: 'register', 'train-run': cacheHit })).outputs.status, 'existing');
  const retrain = write('run-c.json', { runId: 'run-c' });
  assert.equal((await runRegister(work, { mode: 'register', 'train-run': retrain })).outputs.status, 'existing');
  assert.equal(snapshot(work, remote), before);

  const otherParams = write('run-d.json', { runId: 'run-d', paramsHash: 'e'.repeat(64), params: { l2: 1 } });
  const next = await runRegister(work, { mode: 'register', 'train-run': otherParams });
  assert.deepEqual([next.outputs.status, next.outputs.version], ['registered', '1.1.0']);
  const mv = JSON.parse(readFileSync(join(work, '.mlops/registry/penguins/1.0.0/model.json'), 'utf8'));
  assert.equal(mv.lineage.trainRun.runId, 'run-a');
  assert.equal(mv.lineage.commit, '0123456789abcdef0123456789abcdef01234567');
});

test('a push the remote refuses by rule (a protected-branch hook) is not retried as a race', async () => {
  const { work, remote } = registryRepo();
  const hook = join(remote, 'hooks', 'pre-receive');
  writeFileSync(hook, '#!/bin/sh\necho "main is protected" >&2\nexit 1\n');
  chmodSync(hook, 0o755);
  writeModel(join(work, 'a.onnx'), FEATURES, 1);
  const before = snapshot(work, remote);
  const refused = await runRegister(work, { mode: 'register', model: 'a.onnx' });
  assert.equal(refused.exitCode, 2, refused.log);
  assert.match(refused.log, /Cannot push the registration of penguins 1\.0\.0/);
  assert.match(refused.log, /branch protection or a ruleset/);
  assert.doesNotMatch(refused.log, /kept pushing first|maxAttempts/);
  assert.equal(git(remote, 'tag', '--list'), '', 'nothing registered on the remote');
  assert.equal(snapshot(work, remote).split('---')[1], before.split('---')[1]);
});

test('isRaceRejection tells lost races from refusals by rule', () => {
  const line = (ref: string, result: string) => `!\t${ref}:${ref}\t${result}`;
  assert.equal(isRaceRejection(line('refs/heads/main', '[rejected] (fetch first)')), true);
  assert.equal(
    isRaceRejection(
      [
        line('refs/heads/main', '[remote rejected] (atomic push failed)'),
        line('refs/tags/m@v1.0.0', '[rejected] (already exists)'),
      ].join('\n'),
    ),
    true,
  );
  assert.equal(isRaceRejection(line('refs/tags/m@v1.0.0', '[rejected] (stale info)')), true);
  assert.equal(
    isRaceRejection(
      `${line('refs/heads/main', '[remote rejected] (atomic transaction failed)')}\nremote: error: cannot lock ref 'refs/heads/main': is at c709 but expected 1165`,
    ),
    true,
  );
  assert.equal(isRaceRejection(line('refs/heads/main', '[remote rejected] (protected branch hook declined)')), false);
  assert.equal(
    isRaceRejection(
      [
        line('refs/heads/main', '[remote rejected] (push declined due to repository rule violations)'),
        line('refs/tags/m@v1.0.0', '[remote rejected] (atomic push failed)'),
      ].join('\n'),
    ),
    false,
  );
  assert.equal(isRaceRejection('fatal: Authentication failed'), false);
});

test('an artifact stored for a version number that another job took first is removed from the store', async () => {
  const { work, remote, store } = registryRepo();
  const other = join(tempDir('mlops-other-job-'), 'work');
  git(join(other, '..'), 'clone', '-q', remote, other);
  writeModel(join(other, 'b.onnx'), FEATURES, 2);
  writeModel(join(work, 'a.onnx'), FEATURES, 1);
  const local = new DirectoryArtifactStore(store);
  let raced = false;
  // The other job registers `model.file` (as `model.version`) after this run stored its artifact and before it
  // pushed.
  const racingWith = (model: { file: string; version: string }) => ({
    put: async (namespace: string, version: string, file: string, name?: string) => {
      const stored = await local.put(namespace, version, file, name);
      if (!raced) {
        raced = true;
        const run = await runRegister(other, { mode: 'register', model: model.file });
        assert.equal(run.outputs.version, model.version, run.log);
      }
      return stored;
    },
    get: local.get.bind(local),
    discard: local.discard.bind(local),
  });
  const { registryConfig } = await import('../../src/core/registry/config.js');
  const result = await registerModel({
    repoDir: work,
    name: 'penguins',
    modelFile: join(work, 'a.onnx'),
    store: racingWith({ file: 'b.onnx', version: '1.0.0' }),
    storeKind: 'local',
    config: registryConfig.parse({}),
    build: minimalBuild,
  });
  assert.deepEqual([result.tag, result.attempts], ['penguins@v1.1.0', 2]);
  const digestOf = async (file: string) => (await sha256File(file)).slice(0, 12);
  assert.deepEqual(readdirSync(join(store, 'penguins', '1.0.0')), [
    `penguins-${await digestOf(join(other, 'b.onnx'))}.onnx`,
  ]);
  assert.deepEqual(readdirSync(join(store, 'penguins', '1.1.0')), [
    `penguins-${await digestOf(join(work, 'a.onnx'))}.onnx`,
  ]);

  // The same model from the other job: its registration refers to the artifact this run stored, which stays.
  writeModel(join(work, 'c.onnx'), FEATURES, 3);
  writeModel(join(other, 'c.onnx'), FEATURES, 3);
  raced = false;
  const otherModel = { file: 'c.onnx', version: '1.2.0' };
  const same = await registerModel({
    repoDir: work,
    name: 'penguins',
    modelFile: join(work, 'c.onnx'),
    store: racingWith(otherModel),
    storeKind: 'local',
    config: registryConfig.parse({}),
    build: minimalBuild,
  });
  assert.deepEqual([same.status, same.tag], ['existing', 'penguins@v1.2.0']);
  assert.deepEqual(readdirSync(join(store, 'penguins', '1.2.0')), [
    `penguins-${await digestOf(join(work, 'c.onnx'))}.onnx`,
  ]);
});
