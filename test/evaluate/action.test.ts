/**
 * evaluate-gate end to end: the bundled action (dist/evaluate-gate/index.js) run by the runner harness under
 * Node 24 from a checkout-like copy, on a workspace with mlops.yaml, the penguins CSVs and real ONNX models.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { evaluationReport } from '../../src/core/evaluate/report.js';
import { runAction } from '../harness/runner.js';
import { tempDir } from '../helpers/tmp.js';
import { PENGUINS_EVAL, PENGUINS_TRAIN, readCsv, trainModel } from './fixtures.js';

function workspace(): string {
  const ws = tempDir('mlops-evaluate-action-');
  mkdirSync(join(ws, 'data'));
  mkdirSync(join(ws, 'models'));
  copyFileSync(PENGUINS_TRAIN, join(ws, 'data', 'train.csv'));
  copyFileSync(PENGUINS_EVAL, join(ws, 'data', 'eval.csv'));
  const train = readCsv(PENGUINS_TRAIN);
  trainModel(train, join(ws, 'models'), 'good', { label: 'species' });
  trainModel(train, join(ws, 'models'), 'worse', { label: 'species', features: ['island'] });
  writeFileSync(
    join(ws, 'mlops.yaml'),
    [
      'version: 1',
      'model:',
      '  name: penguins',
      '  task: multiclass',
      '  label: species',
      '  segments: [island, sex]',
      'data:',
      '  eval: data/eval.csv',
      'evaluate:',
      '  bootstrap: { resamples: 300 }',
      '  gates:',
      '    - metric: accuracy',
      '      lower: 0.8',
      '      change: { tolerance: 0.02 }',
      '      slices: true',
      '',
    ].join('\n'),
  );
  return ws;
}

describe('evaluate-gate action through the runner harness', { timeout: 600_000 }, () => {
  const ws = workspace();

  test('first model passes: outputs, summary and report file', async () => {
    const run = await runAction('evaluate-gate', {
      workspace: ws,
      inputs: { model: 'models/good.onnx' },
      timeoutMs: 590_000,
    });
    assert.equal(run.exitCode, 0, run.stderr + run.stdout);
    assert.equal(run.outputs.passed, 'true');
    assert.ok(run.outputs.report && existsSync(run.outputs.report), run.outputs.report);
    const report = evaluationReport.parse(JSON.parse(readFileSync(run.outputs.report!, 'utf8')));
    assert.equal(report.champion, null);
    assert.match(report.championNote ?? '', /first model/);
    assert.match(run.summary, /first model/);
    assert.match(run.summary, /Evaluation gate: passed/);
    assert.match(run.summary, /no champion/);
    assert.ok(!/\bNaN\b/.test(run.summary));
    assert.ok(existsSync(join(ws, '.mlops', 'out', 'EvaluationReport.junit.xml')));
  });

  test('a worse candidate against a champion path is blocked with exit 1 and annotations', async () => {
    const run = await runAction('evaluate-gate', {
      workspace: ws,
      inputs: { model: 'models/worse.onnx', champion: 'models/good.onnx' },
      timeoutMs: 590_000,
    });
    assert.equal(run.exitCode, 1, run.stderr + run.stdout);
    assert.equal(run.outputs.passed, 'false');
    assert.match(run.summary, /Evaluation gate: blocked/);
    assert.ok(run.summary.indexOf('blocked') < run.summary.indexOf('### Metrics'));
    const errors = run.annotations.filter((a) => a.level === 'error');
    assert.ok(
      errors.some((a) => a.file === 'mlops.yaml' && a.line === 12),
      JSON.stringify(errors.slice(0, 3)),
    );
    const junit = readFileSync(join(ws, '.mlops', 'out', 'EvaluationReport.junit.xml'), 'utf8');
    assert.match(junit, /<failure/);
  });

  test('bootstrap replicates on worker threads of the bundle give the same report as on the main thread', async () => {
    const reports = [];
    for (const threads of ['1', '2']) {
      const run = await runAction('evaluate-gate', {
        workspace: ws,
        inputs: { model: 'models/good.onnx', 'fail-on': 'never' },
        env: { MLOPS_BOOTSTRAP_THREADS: threads },
        timeoutMs: 590_000,
      });
      assert.equal(run.exitCode, 0, run.stderr + run.stdout);
      reports.push(evaluationReport.parse(JSON.parse(readFileSync(run.outputs.report!, 'utf8'))));
    }
    const [inline, parallel] = reports;
    assert.equal(inline!.settings.bootstrap.threads, 1);
    assert.equal(parallel!.settings.bootstrap.threads, 2, 'dist/workers/bootstrap.js ran from a checkout');
    assert.deepEqual(parallel!.metrics, inline!.metrics);
    assert.deepEqual(parallel!.slices, inline!.slices);
  });

  test('fail-on never reports the failure but exits 0', async () => {
    const run = await runAction('evaluate-gate', {
      workspace: ws,
      inputs: { model: 'models/worse.onnx', champion: 'models/good.onnx', 'fail-on': 'never' },
    });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.outputs.passed, 'false');
  });

  test('a model file that is not ONNX is exit 2 with a readable error', async () => {
    writeFileSync(join(ws, 'models', 'broken.onnx'), 'this is not a model\n');
    const run = await runAction('evaluate-gate', { workspace: ws, inputs: { model: 'models/broken.onnx' } });
    assert.equal(run.exitCode, 2);
    const error = run.annotations.find((a) => a.level === 'error');
    assert.ok(error && /not a loadable ONNX model/.test(error.message), JSON.stringify(run.annotations));
    assert.ok(!/\n\s+at /.test(run.stdout), 'no stack trace');
  });
});
