import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';
import { writeToyModels } from './fixtures/models.js';

const root = join(import.meta.dirname, '..', '..');

test('mlops serve: serves a file spec, answers, and exits 0 on SIGTERM', async () => {
  const dir = tempDir('mlops-serve-cli-');
  const { good } = writeToyModels(dir);
  const child = spawn(
    process.execPath,
    [
      '--import',
      import.meta.resolve('tsx'),
      join(root, 'src/cli/index.ts'),
      'serve',
      '--port',
      '0',
      '--file',
      `toy@v1.0.0=${good.path}:${good.sha256}`,
      '--log-dir',
      join(dir, 'log'),
    ],
    { cwd: dir, env: { ...process.env, MLOPS_ADMIN_TOKEN: 't' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  while (!/listening on (http:\/\/\S+)/.test(out)) {
    if (child.exitCode !== null) assert.fail(`serve exited early: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = /listening on (http:\/\/\S+)/.exec(out)![1]!;
  assert.match(out, /toy@1\.0\.0/);
  assert.match(out, /admin API enabled/);
  const res = await fetch(`${url}/v1/models/toy:predict`, {
    method: 'POST',
    body: JSON.stringify({ instances: [{ a: 1, b: 1 }] }),
  });
  assert.equal(res.status, 200);
  assert.deepEqual(
    ((await res.json()) as { predictions: { label: string }[] }).predictions.map((p) => p.label),
    ['yes'],
  );
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  assert.equal(code, 0);
});

test('mlops serve: a wrong sha256 refuses to start with exit code 2', async () => {
  const dir = tempDir('mlops-serve-cli-');
  const { good, bad } = writeToyModels(dir);
  const child = spawn(
    process.execPath,
    [
      '--import',
      import.meta.resolve('tsx'),
      join(root, 'src/cli/index.ts'),
      'serve',
      '--port',
      '0',
      '--file',
      `toy@v1.0.0=${good.path}:${bad.sha256}`,
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
  });
  const [code] = await once(child, 'exit');
  assert.equal(code, 2);
  assert.match(err, /failed its checksum/);
});
