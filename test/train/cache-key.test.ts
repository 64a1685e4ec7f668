/**
 * The cache key derivation: changing any one input changes the key, changing nothing does not; and the data
 * fingerprints it is built from (files, directories and globs hashed file by file in sorted order).
 */
import assert from 'node:assert/strict';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fingerprintInput, globToRegExp } from '../../src/core/data/fingerprint.js';
import { sha256 } from '../../src/core/fs.js';
import { type CacheKeyInputs, deriveCacheKey } from '../../src/core/train/cache-key.js';
import { codePathsOf } from '../../src/core/train/code-paths.js';
import { inspectPython, pythonOf } from '../../src/core/train/environment.js';
import { canonicalJson, paramsEnv, paramsHash } from '../../src/core/train/params.js';
import { requirePython } from '../helpers/python.js';
import { tempDir } from '../helpers/tmp.js';

const base: CacheKeyInputs = {
  modelName: 'penguins',
  trainer: { kind: 'command', command: 'python3 train.py' },
  model: { task: 'multiclass', label: 'species', features: ['a', 'b'] },
  code: [{ path: 'train.py', sha256: 'c0de' }],
  data: [{ role: 'train', sha256: 'da7a' }],
  paramsHash: paramsHash({ lr: 0.1, layers: [8, 4] }),
  environment: {
    os: 'Linux 6.1',
    platform: 'linux',
    arch: 'x64',
    cpu: { model: 'Some CPU', cores: 2 },
    node: 'v24.1.0',
    python: { executable: '/usr/bin/python3', version: '3.11.2', packages: { torch: '1.13.0', numpy: '1.24.2' } },
  },
};

test('changing nothing gives the same key; a rebuilt, reordered copy too', () => {
  const copy: CacheKeyInputs = JSON.parse(JSON.stringify(base));
  copy.paramsHash = paramsHash({ layers: [8, 4], lr: 0.1 });
  copy.environment.python!.packages = { numpy: '1.24.2', torch: '1.13.0' };
  assert.equal(deriveCacheKey(copy), deriveCacheKey(base));
  assert.match(deriveCacheKey(base), /^mlops-train-penguins-[0-9a-f]{40}$/);
});

test('changing any one input changes the key', () => {
  const variants: [string, (k: CacheKeyInputs) => void][] = [
    ['model name', (k) => (k.modelName = 'other')],
    ['command', (k) => (k.trainer = { kind: 'command', command: 'python3 train.py --fast' })],
    ['trainer kind', (k) => (k.trainer = { kind: 'baseline', baseline: 'auto' })],
    ['task', (k) => (k.model.task = 'binary')],
    ['label', (k) => (k.model.label = 'island')],
    ['features', (k) => (k.model.features = ['a'])],
    ['code content', (k) => (k.code[0]!.sha256 = 'c0df')],
    ['another code path', (k) => k.code.push({ path: 'lib.py', sha256: '11' })],
    ['data content', (k) => (k.data[0]!.sha256 = 'da7b')],
    ['another data input', (k) => k.data.push({ role: 'eval', sha256: 'e1' })],
    ['a parameter', (k) => (k.paramsHash = paramsHash({ lr: 0.2, layers: [8, 4] }))],
    ['a nested parameter', (k) => (k.paramsHash = paramsHash({ lr: 0.1, layers: [8, 5] }))],
    ['platform', (k) => (k.environment.platform = 'darwin')],
    ['arch', (k) => (k.environment.arch = 'arm64')],
    ['node major', (k) => (k.environment.node = 'v22.1.0')],
    ['python version', (k) => (k.environment.python!.version = '3.12.0')],
    ['a python package', (k) => (k.environment.python!.packages.torch = '2.0.0')],
    ['python dropped', (k) => (k.environment.python = undefined)],
  ];
  const keys = new Set([deriveCacheKey(base)]);
  for (const [name, change] of variants) {
    const copy: CacheKeyInputs = JSON.parse(JSON.stringify(base));
    change(copy);
    const key = deriveCacheKey(copy);
    assert.notEqual(key, deriveCacheKey(base), `${name} must change the key`);
    keys.add(key);
  }
  assert.equal(keys.size, variants.length + 1, 'every change gives a distinct key');
});

test('what stays out of the key: CPU model, Node minor version, OS release', () => {
  const copy: CacheKeyInputs = JSON.parse(JSON.stringify(base));
  copy.environment.cpu = { model: 'Other CPU', cores: 64 };
  copy.environment.node = 'v24.9.3';
  copy.environment.os = 'Linux 6.8';
  assert.equal(deriveCacheKey(copy), deriveCacheKey(base));
});

test('fingerprints: a one-byte change, a rename in a directory, sorted order, globs', async () => {
  const dir = tempDir('mlops-fp-');
  mkdirSync(join(dir, 'data', 'part'), { recursive: true });
  writeFileSync(join(dir, 'data', 'a.csv'), 'x,y\n1,2\n');
  writeFileSync(join(dir, 'data', 'part', 'b.csv'), 'x,y\n3,4\n');
  writeFileSync(join(dir, 'data', 'notes.txt'), 'not data');
  const file = await fingerprintInput('data/a.csv', dir);
  assert.equal(file.sha256, sha256('x,y\n1,2\n'));
  assert.equal(file.bytes, 8);

  const folder = await fingerprintInput('data', dir);
  assert.deepEqual(
    folder.files.map((f) => f.path),
    ['a.csv', 'notes.txt', 'part/b.csv'],
  );
  const glob = await fingerprintInput('data/**/*.csv', dir);
  assert.deepEqual(
    glob.files.map((f) => f.path),
    ['a.csv', 'part/b.csv'],
  );
  const braces = await fingerprintInput('data/{a,notes}.*', dir);
  assert.deepEqual(
    braces.files.map((f) => f.path),
    ['a.csv', 'notes.txt'],
  );

  writeFileSync(join(dir, 'data', 'part', 'b.csv'), 'x,y\n3,5\n');
  const changed = await fingerprintInput('data/**/*.csv', dir);
  assert.notEqual(changed.sha256, glob.sha256);
  assert.equal(changed.files[0]!.sha256, glob.files[0]!.sha256);

  const beforeRename = await fingerprintInput('data', dir);
  renameSync(join(dir, 'data', 'a.csv'), join(dir, 'data', 'c.csv'));
  const renamed = await fingerprintInput('data', dir);
  assert.deepEqual(
    renamed.files.map((f) => f.path),
    ['c.csv', 'notes.txt', 'part/b.csv'],
  );
  assert.notEqual(renamed.sha256, beforeRename.sha256, 'a rename inside a directory changes its fingerprint');
  assert.equal(renamed.bytes, beforeRename.bytes);

  await assert.rejects(fingerprintInput('data/*.parquet', dir), /matches no files/);
  await assert.rejects(fingerprintInput('missing.csv', dir), /does not exist/);
});

test('glob syntax', () => {
  assert.ok(globToRegExp('**/*.csv').test('a/b/c.csv'));
  assert.ok(globToRegExp('**/*.csv').test('c.csv'));
  assert.ok(!globToRegExp('*.csv').test('a/c.csv'));
  assert.ok(globToRegExp('part-?.{csv,tsv}').test('part-1.tsv'));
  assert.ok(globToRegExp('[ab].txt').test('b.txt'));
  assert.ok(!globToRegExp('[!ab].txt').test('a.txt'));
});

test('params: canonical hash, environment variables; command code paths and Python detection', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: 2, c: 3 } }), '{"a":{"c":3,"d":2},"b":1}');
  assert.deepEqual(paramsEnv({ lr: 0.1, model: { hidden: 16, act: 'relu' }, layers: [8, 4] }), {
    MLOPS_PARAM_LR: '0.1',
    MLOPS_PARAM_MODEL_HIDDEN: '16',
    MLOPS_PARAM_MODEL_ACT: 'relu',
    MLOPS_PARAM_LAYERS: '[8,4]',
  });
  const dir = tempDir('mlops-code-');
  writeFileSync(join(dir, 'train.py'), 'print(1)');
  assert.deepEqual(codePathsOf('python3 train.py --epochs 3 --out=x', dir), ['train.py']);
  assert.deepEqual(codePathsOf('/usr/bin/python3 "train.py" missing.py', dir), ['train.py']);
  // Files given as option values, the package of `-m`, and lock files that pin the environment.
  writeFileSync(join(dir, 'conf.yaml'), 'lr: 0.1');
  mkdirSync(join(dir, 'trainer'));
  writeFileSync(join(dir, 'trainer', '__init__.py'), '');
  writeFileSync(join(dir, 'uv.lock'), 'version = 1');
  writeFileSync(join(dir, 'model.onnx'), 'written by an earlier run');
  assert.deepEqual(codePathsOf('python3 train.py --config=conf.yaml --lr=0.1 --out=model.onnx', dir), [
    'train.py',
    'conf.yaml',
    'uv.lock',
  ]);
  assert.deepEqual(codePathsOf('uv run python -m trainer.fit --epochs 3', dir), ['trainer', 'uv.lock']);
  assert.deepEqual(pythonOf('python3 train.py'), ['python3']);
  assert.deepEqual(pythonOf('/usr/bin/python3.11 -m trainer'), ['/usr/bin/python3.11']);
  assert.deepEqual(pythonOf('./train.py'), ['python3']);
  assert.equal(pythonOf('Rscript train.R'), undefined);
  assert.deepEqual(pythonOf('FOO=1 python train.py'), ['python']);
  // Environment tools: the interpreter is the one they run, with their options.
  assert.deepEqual(pythonOf('uv run --frozen python train.py'), ['uv', 'run', '--frozen', 'python']);
  assert.deepEqual(pythonOf('uv run train.py'), ['uv', 'run', 'python']);
  assert.deepEqual(pythonOf('poetry run python -m trainer'), ['poetry', 'run', 'python']);
  assert.deepEqual(pythonOf('conda run -n churn python train.py'), ['conda', 'run', '-n', 'churn', 'python']);
  assert.equal(pythonOf('uv run Rscript train.R'), undefined);
  // Inspection never starts the user's own program: only runner options may precede the interpreter.
  assert.equal(pythonOf('uv run ./train.sh --cfg params.py'), undefined);
  assert.equal(pythonOf('poetry run pytest --conftest x.py'), undefined);
  assert.deepEqual(pythonOf('uv run --with numpy python3.11 train.py'), ['uv', 'run', '--with', 'numpy', 'python3.11']);
});

test('the Python environment is inspected through the command that starts it, skipping what the runner prints', async (t) => {
  const python = requirePython(t, []);
  if (!python) return;
  // A stand-in for `uv run python`: prints a line of its own, then starts the interpreter with the arguments.
  const viaRunner = await inspectPython(
    ['sh', '-c', `echo "Resolved 3 packages in 1ms"; exec ${python} "$@"`, 'sh'],
    '.',
  );
  const direct = await inspectPython([python], '.');
  assert.ok(direct?.version, `${python} answers`);
  assert.deepEqual(viaRunner, direct);
  assert.equal(await inspectPython(['sh', '-c', 'exit 3', 'sh'], '.'), undefined);
});
