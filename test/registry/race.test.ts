/**
 * Eight registrations of the same model at once, each in its own process and clone, against one bare remote:
 * every one ends with a distinct version or a clear conflict error; registry files, tags and artifacts agree.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { sha256File } from '../../src/core/fs.js';
import { GIT_ENV, git, repoWithRemote } from '../helpers/tmp.js';
import { FEATURES, writeModel } from './fixtures.js';

const WORKER = resolve(import.meta.dirname, 'register-process.ts');
/** The clones live outside the project, so tsx is passed by its resolved location. */
const TSX = import.meta.resolve('tsx');

interface WorkerResult {
  exitCode: number;
  outputs: Record<string, string>;
  log: string[];
}

function runWorker(
  cwd: string,
  resultFile: string,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
): Promise<WorkerResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...GIT_ENV, ...extraEnv };
  for (const [k, v] of Object.entries(inputs)) env[`MLOPS_INPUT_${k.replace(/-/g, '_').toUpperCase()}`] = v;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', TSX, WORKER, resultFile], { cwd, env, stdio: 'pipe' });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', fail);
    child.on('exit', () => {
      try {
        done(JSON.parse(readFileSync(resultFile, 'utf8')) as WorkerResult);
      } catch {
        fail(new Error(`worker wrote no result: ${stderr}`));
      }
    });
  });
}

function setup(storeDir: string, platformStore = false) {
  const { work, remote } = repoWithRemote('mlops-race-');
  writeFileSync(
    join(work, 'mlops.yaml'),
    `model:\n  name: penguins\n  task: regression\n  label: body_mass_g\nregistry:\n  store: ${platformStore ? 'platform' : `local\n  storeDir: ${storeDir}`}\n  maxAttempts: 30\n`,
  );
  git(work, 'add', 'mlops.yaml');
  git(work, 'commit', '-q', '-m', 'config');
  git(work, 'push', '-q', 'origin', 'main');
  return { work, remote };
}

function clone(remote: string, dir: string): string {
  git(resolve(dir, '..'), 'clone', '-q', remote, dir);
  return dir;
}

async function raceDifferentModels(
  t: { diagnostic(message: string): void },
  releaseTags: boolean,
  n: number,
): Promise<void> {
  const storeDir = join(resolve(remote0()), releaseTags ? 'store-release' : 'store');
  const { work, remote } = setup(storeDir, releaseTags);
  const root = resolve(work, '..');
  const jobs = Array.from({ length: n }, (_, i) => {
    const dir = clone(remote, join(root, `clone${i}`));
    writeModel(join(dir, 'model.onnx'), FEATURES, 10 + i);
    return { dir, result: join(root, `result${i}.json`) };
  });
  const results = await Promise.all(
    jobs.map((j) =>
      runWorker(
        j.dir,
        j.result,
        { mode: 'register', model: 'model.onnx' },
        releaseTags ? { RACE_RELEASE_TAGS: '1', MLOPS_ARTIFACT_DIR: storeDir } : {},
      ),
    ),
  );

  const versions: string[] = [];
  for (const [i, r] of results.entries()) {
    if (r.exitCode === 0) {
      assert.equal(r.outputs.status, 'registered', `job ${i}: ${r.log.join('\n')}`);
      versions.push(r.outputs.version!);
    } else {
      assert.equal(r.exitCode, 2);
      assert.match(
        r.log.join('\n'),
        /other registrations kept pushing first/,
        `job ${i} failed unclearly: ${r.log.join('\n')}`,
      );
    }
  }
  assert.ok(versions.length >= 1);
  const retries = results.map((r) => r.log.filter((l) => l.includes('pushed first')).length);
  t.diagnostic(
    `${versions.length}/${n} registered (${versions.join(', ')}); lost races per job: ${retries.join(', ')}`,
  );
  assert.equal(new Set(versions).size, versions.length, `duplicate versions: ${versions.join(', ')}`);

  // The remote's view: registry directories, tags and artifacts agree, and every tag points at its files.
  const check = clone(remote, join(root, 'check'));
  const tags = git(check, 'tag', '--list', 'penguins@v*').split('\n').filter(Boolean);
  const dirs = git(check, 'ls-tree', '--name-only', 'HEAD', '.mlops/registry/penguins/').split('\n').filter(Boolean);
  assert.deepEqual(
    tags.map((t) => t.replace('penguins@v', '')).sort(),
    [...versions].sort(),
    'tags on the remote = versions reported',
  );
  assert.deepEqual(dirs.map((d) => d.split('/').pop()).sort(), [...versions].sort(), 'registry dirs = versions');
  for (const tag of tags) {
    assert.equal(git(check, 'cat-file', '-t', tag), 'tag', `${tag} is annotated`);
    const version = tag.replace('penguins@v', '');
    const model = JSON.parse(git(check, 'show', `${tag}:.mlops/registry/penguins/${version}/model.json`));
    assert.equal(model.version, version);
    const stored = join(storeDir, 'penguins', version, model.artifact.name);
    assert.equal(await sha256File(stored), model.artifact.sha256, `artifact of ${tag} verifies`);
    const job = results.findIndex((r) => r.outputs.version === version);
    assert.equal(
      await sha256File(join(jobs[job]!.dir, 'model.onnx')),
      model.artifact.sha256,
      'it is the job’s own model',
    );
  }
  assert.equal(git(check, 'rev-list', '--count', '--merges', 'HEAD'), '0', 'history is linear');
  git(check, 'fsck', '--no-progress');
}

test('8 concurrent registrations of different models: distinct versions or a clear conflict, registry consistent', (t) =>
  raceDifferentModels(t, false, 8));

test('4 at once when the artifact store creates the version tag first (GitHub releases)', (t) =>
  raceDifferentModels(t, true, 4));

test('8 concurrent registrations of the same model and run: one version, every job reports it', async () => {
  const base = resolve(remote0());
  const storeDir = join(base, 'store-same');
  const { work, remote } = setup(storeDir);
  const root = resolve(work, '..');
  const jobs = Array.from({ length: 8 }, (_, i) => {
    const dir = clone(remote, join(root, `same${i}`));
    writeModel(join(dir, 'model.onnx'), FEATURES, 7);
    return { dir, result: join(root, `same${i}.json`) };
  });
  const results = await Promise.all(
    jobs.map((j) => runWorker(j.dir, j.result, { mode: 'register', model: 'model.onnx' })),
  );
  for (const r of results) assert.equal(r.exitCode, 0, r.log.join('\n'));
  assert.deepEqual(new Set(results.map((r) => r.outputs.version)), new Set(['1.0.0']));
  assert.equal(results.filter((r) => r.outputs.status === 'registered').length, 1);
  const check = clone(remote, join(root, 'check-same'));
  assert.deepEqual(git(check, 'tag', '--list').split('\n'), ['penguins@v1.0.0']);
});

let tmpRoot: string | undefined;
function remote0(): string {
  tmpRoot ??= repoWithRemote('mlops-race-store-').work;
  return tmpRoot;
}
