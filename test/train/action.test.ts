/**
 * The train action through the local platform with a real training command (a shell script that writes a real
 * ONNX model and a metrics JSON): caching, retraining on changes, failures, outputs and the run history.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { executeAction } from '../../src/actions/runner.js';
import { trainAction } from '../../src/actions/train.js';
import { DataType, encodeModel, GraphBuilder } from '../../src/core/model/onnx-builder.js';
import { exportBaselineOnnx } from '../../src/core/model/onnx-linear.js';
import { trainBaseline } from '../../src/core/train/baseline.js';
import { listRuns } from '../../src/core/train/history.js';
import { trainRun } from '../../src/core/train/report.js';
import { LocalPlatform } from '../../src/platform/local.js';
import type { Logger } from '../../src/platform/types.js';
import { git, tempDir } from '../helpers/tmp.js';
import { PENGUINS, readCsv } from './helpers.js';

class MemoryLogger implements Logger {
  lines: string[] = [];
  groups: string[] = [];
  info(m: string) {
    this.lines.push(m);
  }
  warning(m: string) {
    this.lines.push(`warning: ${m}`);
  }
  error(m: string) {
    this.lines.push(`error: ${m}`);
  }
  debug() {}
  async group<T>(title: string, fn: () => Promise<T>) {
    this.groups.push(title);
    return fn();
  }
}

const TRAIN_SH = `#!/bin/sh
set -e
echo "training with C=$MLOPS_PARAM_C on $MLOPS_DATA_TRAIN"
test -f "$MLOPS_PARAMS_PATH"
cp model-template.onnx "$MLOPS_MODEL_PATH"
printf '{"accuracy": %s, "nested": {"loss": 0.25}, "note": "text"}' "$MLOPS_PARAM_C" > "$MLOPS_METRICS_PATH"
`;

function workspace(): { dir: string; cache: string; artifacts: string } {
  const root = tempDir('mlops-train-action-');
  const dir = join(root, 'repo');
  git(root, 'init', '-q', '-b', 'main', dir);
  copyFileSync(join(PENGUINS, 'train.csv'), join(dir, 'train.csv'));
  writeFileSync(join(dir, 'train.sh'), TRAIN_SH);
  writeFileSync(join(dir, 'params.yaml'), 'C: 0.5\nlayers: [8, 4]\n');
  writeFileSync(
    join(dir, 'mlops.yaml'),
    'model:\n  name: penguins\n  task: multiclass\n  label: species\ndata:\n  train: train.csv\ntrain:\n  command: sh train.sh\n',
  );
  const model = trainBaseline(readCsv(join(PENGUINS, 'train.csv')), { label: 'species' }).model;
  writeFileSync(join(dir, 'model-template.onnx'), exportBaselineOnnx(model));
  writeFileSync(join(dir, '.gitignore'), '.mlops/\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  return { dir, cache: join(root, 'cache'), artifacts: join(root, 'artifacts') };
}

async function train(ws: { dir: string; cache: string; artifacts: string }, inputs: Record<string, string> = {}) {
  const logger = new MemoryLogger();
  const previous = { cache: process.env.MLOPS_CACHE_DIR, artifacts: process.env.MLOPS_ARTIFACT_DIR };
  process.env.MLOPS_CACHE_DIR = ws.cache;
  process.env.MLOPS_ARTIFACT_DIR = ws.artifacts;
  try {
    const platform = new LocalPlatform({ workspace: ws.dir, inputs, logger });
    const exitCode = await executeAction(trainAction, platform);
    const report = existsSync(join(ws.dir, '.mlops', 'out', 'TrainRun.json'))
      ? trainRun.parse(JSON.parse(readFileSync(join(ws.dir, '.mlops', 'out', 'TrainRun.json'), 'utf8')))
      : undefined;
    const model = existsSync(join(ws.dir, '.mlops', 'train', 'model.onnx'))
      ? readFileSync(join(ws.dir, '.mlops', 'train', 'model.onnx'))
      : undefined;
    return { exitCode, outputs: platform.outputs, summary: platform.summaries.join('\n'), logger, report, model };
  } finally {
    process.env.MLOPS_CACHE_DIR = previous.cache;
    process.env.MLOPS_ARTIFACT_DIR = previous.artifacts;
    if (previous.cache === undefined) delete process.env.MLOPS_CACHE_DIR;
    if (previous.artifacts === undefined) delete process.env.MLOPS_ARTIFACT_DIR;
  }
}

test('second run is a cache hit with a byte-identical model; params and one data byte retrain', async () => {
  const ws = workspace();
  const first = await train(ws);
  assert.equal(first.exitCode, 0, first.logger.lines.join('\n'));
  assert.equal(first.outputs['cache-hit'], 'false');
  assert.ok(first.report);
  assert.equal(first.report.status, 'succeeded');
  assert.deepEqual(first.report.metrics, { accuracy: 0.5, 'nested.loss': 0.25 });
  assert.deepEqual(JSON.parse(first.outputs.metrics!), first.report.metrics);
  assert.deepEqual(first.report.params, { C: 0.5, layers: [8, 4] });
  assert.equal(first.report.code.dirty, false);
  assert.equal(first.report.code.commit, git(ws.dir, 'rev-parse', 'HEAD'));
  assert.deepEqual(
    first.report.code.paths.map((p) => p.path),
    ['train.sh'],
  );
  assert.equal(first.report.data[0]!.role, 'train');
  assert.equal(first.report.model.classes?.length, 3);
  assert.ok(first.logger.groups.some((g) => g.includes('sh train.sh')));
  assert.ok(first.logger.lines.includes('training with C=0.5 on ' + join(ws.dir, 'train.csv')));
  assert.ok(existsSync(first.report.artifact!.uri!), 'model uploaded to the artifact store');
  assert.equal(first.outputs.model, join(ws.dir, '.mlops', 'train', 'model.onnx'));

  const second = await train(ws);
  assert.equal(second.exitCode, 0);
  assert.equal(second.outputs['cache-hit'], 'true');
  assert.equal(second.report!.cache.hit, true);
  assert.equal(second.report!.cache.restoredRunId, first.report.runId);
  assert.equal(second.report!.cache.key, first.report.cache.key);
  assert.deepEqual(second.model, first.model, 'byte-identical model');
  assert.ok(!second.logger.groups.some((g) => g.includes('sh train.sh')), 'training skipped');
  assert.match(second.summary, /Cache hit/);
  // The first run (same branch) is the comparison base of the second.
  assert.equal(second.report!.comparison?.runId, first.report.runId);

  const forced = await train(ws, { force: 'true' });
  assert.equal(forced.outputs['cache-hit'], 'false');

  writeFileSync(join(ws.dir, 'params.yaml'), 'C: 0.25\nlayers: [8, 4]\n');
  const changedParam = await train(ws);
  assert.equal(changedParam.outputs['cache-hit'], 'false');
  assert.notEqual(changedParam.report!.cache.key, first.report.cache.key);
  assert.equal(changedParam.report!.metrics.accuracy, 0.25);
  assert.match(changedParam.summary, /\| accuracy \| 0\.25 \| 0\.5 \| -0\.25 \|/);
  assert.match(changedParam.summary, /\| C \| 0\.25 \| 0\.5 \| changed \|/);

  const csv = readFileSync(join(ws.dir, 'train.csv'));
  const at = csv.indexOf('39.5');
  csv[at + 3] = '6'.charCodeAt(0);
  writeFileSync(join(ws.dir, 'train.csv'), csv);
  const changedData = await train(ws);
  assert.equal(changedData.outputs['cache-hit'], 'false');
  assert.notEqual(changedData.report!.data[0]!.sha256, changedParam.report!.data[0]!.sha256);
  assert.equal(changedData.report!.code.dirty, true);

  const { runs } = await listRuns(ws.dir);
  assert.equal(runs.length, 5);
});

test('a failing command exits non-zero with its last 50 lines in the summary', async () => {
  const ws = workspace();
  writeFileSync(join(ws.dir, 'fail.sh'), 'for i in $(seq 1 80); do echo "line $i"; done\necho "boom" >&2\nexit 1\n');
  const run = await train(ws, { command: 'sh fail.sh' });
  assert.equal(run.exitCode, 2);
  assert.equal(run.report!.status, 'failed');
  assert.equal(run.report!.exitCode, 1);
  assert.equal(run.report!.logTail!.length, 50);
  assert.equal(run.report!.logTail!.at(-1), 'boom');
  assert.match(run.summary, /failed with exit code 1/);
  assert.match(run.summary, /line 80/);
  assert.doesNotMatch(run.summary, /line 30\n/);
  assert.ok(run.logger.lines.some((l) => /Training failed/.test(l)));
  assert.equal(run.outputs.model, undefined);
});

test('a missing or invalid ONNX model is a clear error', async () => {
  const ws = workspace();
  writeFileSync(join(ws.dir, 'nomodel.sh'), 'echo "forgot to save"\n');
  const missing = await train(ws, { command: 'sh nomodel.sh' });
  assert.equal(missing.exitCode, 2);
  assert.match(missing.logger.lines.join('\n'), /did not write a model to \.mlops\/train\/model\.onnx/);

  writeFileSync(join(ws.dir, 'badmodel.sh'), 'echo "not onnx at all" > "$MLOPS_MODEL_PATH"\n');
  const invalid = await train(ws, { command: 'sh badmodel.sh' });
  assert.equal(invalid.exitCode, 2);
  assert.match(invalid.logger.lines.join('\n'), /(not a valid ONNX model|Not an ONNX model)/);
});

function baselineWorkspace(config: string): { dir: string; cache: string; artifacts: string } {
  const ws = workspace();
  writeFileSync(join(ws.dir, 'mlops.yaml'), config);
  git(ws.dir, 'commit', '-q', '-am', 'baseline config');
  return ws;
}

const BASELINE_CONFIG = 'model:\n  name: penguins\n  task: multiclass\n  label: species\ndata:\n  train: train.csv\n';

test('built-in baseline through the action: trains from the data engine, then a cache hit', async () => {
  const ws = baselineWorkspace(BASELINE_CONFIG);
  const first = await train(ws);
  assert.equal(first.exitCode, 0, first.logger.lines.join('\n'));
  assert.equal(first.report!.trainer.kind, 'baseline');
  assert.equal(first.report!.trainer.baseline, 'softmax');
  assert.deepEqual(first.report!.model.classes, ['Adelie', 'Chinstrap', 'Gentoo']);
  assert.ok(first.report!.metrics.accuracy! > 0.95);
  assert.deepEqual(first.report!.params, { C: 0.5, layers: [8, 4] });
  const second = await train(ws);
  assert.equal(second.outputs['cache-hit'], 'true');
  assert.deepEqual(second.model, first.model);
  // The C parameter reaches the baseline: a different C, a different model.
  const third = await train(ws, { params: '{C: 0.01}' });
  assert.equal(third.outputs['cache-hit'], 'false');
  assert.notDeepEqual(third.model, first.model);
});

test('bad baseline input gives clear errors', async () => {
  const unknown = await train(baselineWorkspace(BASELINE_CONFIG), { baseline: 'forest' });
  assert.equal(unknown.exitCode, 2);
  assert.match(unknown.logger.lines.join('\n'), /Unknown baseline "forest"/);

  const missingLabel = await train(baselineWorkspace(BASELINE_CONFIG.replace('label: species', 'label: kind')));
  assert.equal(missingLabel.exitCode, 2);
  assert.match(missingLabel.logger.lines.join('\n'), /label column "kind" does not exist in train\.csv/);

  const textTarget = await train(
    baselineWorkspace(
      BASELINE_CONFIG.replace('task: multiclass', 'task: regression').replace('label: species', 'label: island'),
    ),
  );
  assert.equal(textTarget.exitCode, 2);
  assert.match(textTarget.logger.lines.join('\n'), /Regression needs a numeric target, but "island" is not numeric/);
});

test('comparison with the base branch: from the cache pointer in a fresh checkout, then from the registry', async () => {
  const ws = workspace();
  const onMain = await train(ws);
  assert.equal(onMain.report!.comparison, undefined);
  // A pull request branch in a fresh checkout: no local history, only what main's run left in the cache.
  git(ws.dir, 'checkout', '-q', '-b', 'feature');
  rmSync(join(ws.dir, '.mlops'), { recursive: true, force: true });
  writeFileSync(join(ws.dir, 'params.yaml'), 'C: 0.75\nlayers: [8, 4]\n');
  const onBranch = await train(ws);
  assert.equal(onBranch.report!.code.ref, 'refs/heads/feature');
  assert.equal(onBranch.report!.comparison?.runId, onMain.report!.runId);
  assert.match(onBranch.report!.comparison!.source, /^cache:mlops-train-latest-penguins-main-/);
  assert.match(onBranch.summary, /\| accuracy \| 0\.75 \| 0\.5 \| \+0\.25 \|/);

  // A registered version carries its training run: with no local history it is the base.
  rmSync(join(ws.dir, '.mlops'), { recursive: true, force: true });
  rmSync(ws.cache, { recursive: true, force: true });
  const version = join(ws.dir, '.mlops', 'registry', 'penguins', '1.2.0');
  mkdirSync(version, { recursive: true });
  writeFileSync(
    join(version, 'model.json'),
    JSON.stringify({
      lineage: { trainRun: { runId: 'registered-run', commit: null, params: { C: 2 }, metrics: { accuracy: 0.9 } } },
    }),
  );
  const fromRegistry = await train(ws);
  assert.equal(fromRegistry.report!.comparison?.runId, 'registered-run');
  assert.equal(fromRegistry.report!.comparison?.source, 'registry:penguins@1.2.0');
});

test('a command that outlives train.timeout is killed and reported', async () => {
  const ws = workspace();
  writeFileSync(
    join(ws.dir, 'mlops.yaml'),
    'model:\n  name: penguins\n  task: multiclass\n  label: species\ndata:\n  train: train.csv\ntrain:\n  command: echo started && sleep 30\n  timeout: 0.005\n',
  );
  const run = await train(ws);
  assert.equal(run.exitCode, 2);
  assert.equal(run.report!.status, 'failed');
  assert.deepEqual(run.report!.logTail, ['started', '(killed after 0.005 minutes)']);
});

test('a command killed at the timeout that exits 0 on SIGTERM still failed', async () => {
  const ws = workspace();
  writeFileSync(
    join(ws.dir, 'trap.sh'),
    `trap 'cp model-template.onnx "$MLOPS_MODEL_PATH"; exit 0' TERM\necho started\nwhile true; do sleep 0.05; done\n`,
  );
  writeFileSync(
    join(ws.dir, 'mlops.yaml'),
    'model:\n  name: penguins\n  task: multiclass\n  label: species\ndata:\n  train: train.csv\ntrain:\n  command: exec sh trap.sh\n  timeout: 0.005\n',
  );
  const run = await train(ws);
  assert.equal(run.exitCode, 2);
  assert.equal(run.report!.status, 'failed');
  assert.match(run.report!.logTail!.join('\n'), /killed after 0.005 minutes/);
});

test('mlops.classes metadata: numbers are class names; anything else is a clear error', async () => {
  const withClasses = (classes: string) => {
    const g = new GraphBuilder('classes');
    const x = g.input('x', DataType.FLOAT, ['N', 1]);
    g.op('Identity', [x], undefined, 'prediction');
    g.output('prediction', DataType.FLOAT, ['N', 1]);
    return encodeModel(g, { metadata: { 'mlops.classes': classes } });
  };
  const ws = workspace();
  writeFileSync(join(ws.dir, 'model-template.onnx'), withClasses('[0, 1]'));
  const numbers = await train(ws);
  assert.equal(numbers.exitCode, 0, numbers.logger.lines.join('\n'));
  assert.deepEqual(numbers.report!.model.classes, ['0', '1']);
  writeFileSync(join(ws.dir, 'model-template.onnx'), withClasses('setosa,versicolor'));
  writeFileSync(join(ws.dir, 'params.yaml'), 'C: 0.7\nlayers: [8, 4]\n');
  const bad = await train(ws);
  assert.equal(bad.exitCode, 2);
  assert.match(bad.logger.lines.join('\n'), /mlops\.classes metadata that is not a JSON list/);
  assert.doesNotMatch(bad.logger.lines.join('\n'), /Unexpected token/);
});

test('train.upload: false keeps the run out of the artifact store', async () => {
  const ws = workspace();
  writeFileSync(
    join(ws.dir, 'mlops.yaml'),
    'model:\n  name: penguins\n  task: multiclass\n  label: species\ndata:\n  train: train.csv\ntrain:\n  command: sh train.sh\n  upload: false\n',
  );
  const run = await train(ws);
  assert.equal(run.exitCode, 0);
  assert.equal(run.report!.artifact?.uri, undefined);
  assert.ok(!existsSync(ws.artifacts));
});
