/**
 * The train bundle end to end, as a GitHub runner runs it: dist/train/index.js from a checkout-like copy (no
 * node_modules; onnxruntime-node and DuckDB come from the tool cache) under Node 24 with INPUT_* variables.
 * There is no cache service and no API here, so both are warnings and the step still trains.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { trainRun } from '../../src/core/train/report.js';
import { runAction } from '../harness/runner.js';
import { git, tempDir } from '../helpers/tmp.js';
import { PENGUINS } from './helpers.js';

/**
 * The tool cache installs native packages with npm on first use; behind a TLS-intercepting proxy that needs the
 * extra CA bundle the test process itself was given (a hosted runner trusts the registry without it).
 */
const network = { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS };

function project(): string {
  const dir = tempDir('mlops-train-harness-');
  git(dir, 'init', '-q', '-b', 'main');
  copyFileSync(join(PENGUINS, 'train.csv'), join(dir, 'train.csv'));
  writeFileSync(
    join(dir, 'mlops.yaml'),
    'model:\n  name: penguins\n  task: multiclass\n  label: species\ndata:\n  train: train.csv\n',
  );
  writeFileSync(join(dir, 'fail.sh'), 'echo "loading data"\necho "out of memory" >&2\nexit 1\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'project');
  return dir;
}

test('train bundle: the baseline trains, outputs are set and the summary shows the run', {
  timeout: 600_000,
}, async () => {
  const workspace = project();
  const run = await runAction('train', { workspace, env: network, timeoutMs: 540_000 });
  assert.equal(run.exitCode, 0, `${run.stdout}\n${run.stderr}`);
  assert.equal(run.outputs['cache-hit'], 'false');
  assert.ok(existsSync(run.outputs.model!), 'model output points at the ONNX file');
  const report = trainRun.parse(JSON.parse(readFileSync(run.outputs.run!, 'utf8')));
  assert.equal(report.trainer.baseline, 'softmax');
  assert.equal(report.code.ref, 'refs/heads/main');
  assert.deepEqual(JSON.parse(run.outputs.metrics!), report.metrics);
  assert.match(run.summary, /Training run/);
  assert.match(run.summary, /\| accuracy \|/);
  assert.ok(
    run.stdout.includes('::group::Training the built-in baseline (auto) on train.csv'),
    'training runs in a log group',
  );
  assert.deepEqual(
    run.annotations.filter((a) => a.level === 'error'),
    [],
  );
});

test('train bundle: a failing command exits 2 with its output in the summary', { timeout: 600_000 }, async () => {
  const workspace = project();
  const run = await runAction('train', {
    workspace,
    inputs: { command: 'sh fail.sh' },
    env: network,
    timeoutMs: 540_000,
  });
  assert.equal(run.exitCode, 2);
  assert.match(run.summary, /failed with exit code 1/);
  assert.match(run.summary, /out of memory/);
  assert.ok(run.annotations.some((a) => a.level === 'error' && /Training failed/.test(a.message)));
  assert.equal(run.outputs['cache-hit'], 'false');
  assert.equal(run.outputs.model, undefined);
});
