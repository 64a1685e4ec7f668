/**
 * examples/pytorch through the train action: a real PyTorch MLP exported to ONNX, checked by onnxruntime, then a
 * cache hit on the second run. Needs python3-torch in /usr/bin/python3 (CI installs it); skipped otherwise.
 */
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { executeAction } from '../../src/actions/runner.js';
import { trainAction } from '../../src/actions/train.js';
import { readOnnxModelInfo } from '../../src/core/model/onnx-builder.js';
import { trainRun } from '../../src/core/train/report.js';
import { LocalPlatform } from '../../src/platform/local.js';
import { requirePython } from '../helpers/python.js';
import { git, tempDir } from '../helpers/tmp.js';
import { REPO } from './helpers.js';

test('examples/pytorch trains an MLP, exports valid ONNX and is cached', async (t) => {
  const python = requirePython(t, ['torch']);
  if (!python || python !== '/usr/bin/python3') {
    if (python) t.skip('python3-torch must be importable from /usr/bin/python3 (the example runs that interpreter)');
    return;
  }
  const root = tempDir('mlops-pytorch-');
  cpSync(join(REPO, 'examples', 'pytorch'), join(root, 'pytorch'), { recursive: true });
  cpSync(join(REPO, 'examples', 'penguins'), join(root, 'penguins'), { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'example');
  process.env.MLOPS_CACHE_DIR = join(root, '.cache');
  process.env.MLOPS_ARTIFACT_DIR = join(root, '.artifacts');
  t.after(() => {
    delete process.env.MLOPS_CACHE_DIR;
    delete process.env.MLOPS_ARTIFACT_DIR;
  });
  const dir = join(root, 'pytorch');
  const runOnce = async () => {
    const platform = new LocalPlatform({ workspace: root, inputs: { 'working-directory': 'pytorch' } });
    const exitCode = await executeAction(trainAction, platform);
    const report = trainRun.parse(JSON.parse(readFileSync(join(dir, '.mlops', 'out', 'TrainRun.json'), 'utf8')));
    return { exitCode, outputs: platform.outputs, report };
  };

  const first = await runOnce();
  assert.equal(first.exitCode, 0);
  assert.equal(first.outputs['cache-hit'], 'false');
  assert.equal(first.report.trainer.command, '/usr/bin/python3 train.py');
  assert.ok(first.report.environment.python, 'Python environment recorded');
  assert.ok(first.report.environment.python.packages.torch, 'torch version recorded');
  assert.deepEqual(
    first.report.code.paths.map((p) => p.path),
    ['train.py'],
  );
  assert.deepEqual(
    first.report.data.map((d) => d.role),
    ['train', 'eval'],
  );
  assert.ok((first.report.metrics.eval_accuracy ?? 0) > 0.9, `eval accuracy ${first.report.metrics.eval_accuracy}`);
  assert.deepEqual(first.report.model.classes, ['Adelie', 'Chinstrap', 'Gentoo']);
  const info = readOnnxModelInfo(readFileSync(first.outputs.model!));
  assert.equal(info.producerName, 'pytorch');
  assert.deepEqual(
    info.inputs.map((i) => i.name),
    ['features'],
  );

  const second = await runOnce();
  assert.equal(second.outputs['cache-hit'], 'true');
  assert.equal(second.report.artifact?.sha256, first.report.artifact?.sha256);
});
