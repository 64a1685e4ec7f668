/**
 * The champion from the Git registry: a model registered by register-model (real git repo with a bare remote,
 * local artifact store) is resolved by reference, downloaded with its sha256 checked, and compared with the
 * candidate; with no production version the first-model case applies. Data is read by the data engine.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadConfig } from '../../src/core/config.js';
import { runEvaluation } from '../../src/core/evaluate/run.js';
import { LocalPlatform } from '../../src/platform/local.js';
import { quietLogger, registryRepo, runRegister } from '../registry/helpers.js';
import { PENGUINS_EVAL, PENGUINS_TRAIN, readCsv, trainModel } from './fixtures.js';

describe('champion from the registry', () => {
  const { work, store: artifacts } = registryRepo('evaluate:\n  bootstrap: { resamples: 200 }\n');
  const train = readCsv(PENGUINS_TRAIN);
  trainModel(train, work, 'champion', { label: 'body_mass_g', task: 'regression' });
  trainModel(train, work, 'candidate', {
    label: 'body_mass_g',
    task: 'regression',
    features: ['species', 'sex', 'flipper_length_mm'],
  });
  copyFileSync(PENGUINS_EVAL, join(work, 'eval.csv'));
  const platform = () => new LocalPlatform({ workspace: work, inputs: {}, logger: quietLogger() });

  test('no production version yet: first model, change gates skipped', async () => {
    const report = await runEvaluation({
      platform: platform(),
      cwd: work,
      outDir: join(work, '.mlops', 'out'),
      loaded: await loadConfig('mlops.yaml', work),
      model: 'candidate.onnx',
      data: 'eval.csv',
    });
    assert.equal(report.champion, null);
    assert.match(report.championNote ?? '', /first model/);
    assert.ok(report.gates.every((g) => g.status === 'skip'));
  });

  test('a registered version as champion: downloaded, verified and compared on the same rows', async () => {
    const registered = await runRegister(work, { mode: 'register', model: 'champion.onnx' });
    assert.equal(registered.exitCode, 0, registered.log);
    const report = await runEvaluation({
      platform: platform(),
      cwd: work,
      outDir: join(work, '.mlops', 'out'),
      loaded: await loadConfig('mlops.yaml', work),
      model: 'candidate.onnx',
      data: 'eval.csv',
      champion: 'penguins:latest',
    });
    assert.ok(report.champion);
    assert.ok(report.champion.version);
    assert.equal(report.champion.ref, 'penguins:latest');
    const championBytes = readFileSync(join(work, 'champion.onnx'));
    const { createHash } = await import('node:crypto');
    assert.equal(report.champion.sha256, createHash('sha256').update(championBytes).digest('hex'));
    assert.equal(report.task, 'regression');
    const rmse = report.metrics.find((m) => m.name === 'rmse')!;
    assert.ok(rmse.delta && rmse.delta.value !== null);
    assert.equal(report.data.rows, 96);
    // Rows without a label (body mass missing) are left out and said so.
    assert.ok(report.data.evaluatedRows < report.data.rows);
    assert.match(report.warnings.join('\n'), /no label/);
  });

  test('a production version whose artifact fails its checksum is an error, not a first model', async () => {
    const evaluate = () =>
      loadConfig('mlops.yaml', work).then((loaded) =>
        runEvaluation({
          platform: platform(),
          cwd: work,
          outDir: join(work, '.mlops', 'out'),
          loaded,
          model: 'candidate.onnx',
          data: 'eval.csv',
        }),
      );
    const version = readdirSync(join(work, '.mlops', 'registry', 'penguins'), { withFileTypes: true }).find((d) =>
      d.isDirectory(),
    )!.name;
    writeFileSync(
      join(work, '.mlops/registry/penguins/stages.yaml'),
      `model: penguins\nstages:\n  production: ${version}\n`,
    );
    const file = execFileSync('find', [artifacts, '-name', '*.onnx'], { encoding: 'utf8' }).trim().split('\n')[0]!;
    const original = readFileSync(file);
    writeFileSync(file, Buffer.concat([original, Buffer.from('tampered')]));
    try {
      await assert.rejects(evaluate(), /sha256|checksum|does not match/i);
    } finally {
      writeFileSync(file, original);
    }
    const report = await evaluate();
    assert.equal(report.champion?.version, version);
  });
});
