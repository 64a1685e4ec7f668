/**
 * drift-check against a registered version: its stored reference profile, its model (fetched and verified from
 * the artifact store) for prediction drift, its age for staleness, and --update-reference as a reviewed branch.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { driftCheckAction } from '../../src/actions/drift-check.js';
import { registerModelAction } from '../../src/actions/register-model.js';
import { executeAction } from '../../src/actions/runner.js';
import { closeEngine } from '../../src/core/data/engine.js';
import type { DriftReport } from '../../src/core/drift/report.js';
import { examplesDir } from '../../src/demo/context.js';
import { shiftPenguins } from '../../src/demo/steps/drift.js';
import { LocalPlatform } from '../../src/platform/local.js';
import { git, repoWithRemote } from '../helpers/tmp.js';
import { CapturingLogger } from '../platform/helpers.js';
import { FEATURES, writeModel } from '../registry/fixtures.js';

after(() => closeEngine());

function platform(work: string, inputs: Record<string, string>) {
  const logger = new CapturingLogger();
  process.env.MLOPS_CACHE_DIR = join(work, '.cache');
  const p = new LocalPlatform({ workspace: work, inputs, logger });
  delete process.env.MLOPS_CACHE_DIR;
  return { platform: p, logger };
}

test('stored profile, registered model, staleness and a reference update on a branch', {
  timeout: 120_000,
}, async () => {
  const { work, remote } = repoWithRemote('mlops-drift-registry-');
  mkdirSync(join(work, 'data'));
  copyFileSync(join(examplesDir(), 'penguins', 'train.csv'), join(work, 'data', 'train.csv'));
  writeFileSync(
    join(work, 'mlops.yaml'),
    [
      'model:',
      '  name: penguins',
      '  task: regression',
      '  label: body_mass_g',
      `  features: ${JSON.stringify(FEATURES)}`,
      'data:',
      '  train: data/train.csv',
      'drift:',
      '  maxAgeDays: 0.000001',
      '',
    ].join('\n'),
  );
  writeFileSync(join(work, '.gitignore'), '.mlops/out/\n.mlops/local/\n.mlops/artifacts/\n.mlops/cache/\n.cache/\n');
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'data and config');
  git(work, 'push', '-q', 'origin', 'main');
  writeModel(join(work, 'model.onnx'), FEATURES, 5);
  const reg = platform(work, { mode: 'register', model: 'model.onnx' });
  assert.equal(await executeAction(registerModelAction, reg.platform), 0, reg.logger.text);
  const profileFile = join(work, '.mlops', 'registry', 'penguins', '1.0.0', 'reference-profile.json');
  const storedBefore = readFileSync(profileFile, 'utf8');

  const shifted = join(work, 'data', 'current.csv');
  writeFileSync(shifted, shiftPenguins(readFileSync(join(work, 'data', 'train.csv'), 'utf8')));
  const check = platform(work, { current: 'data/current.csv', 'update-reference': 'true' });
  const exitCode = await executeAction(driftCheckAction, check.platform);
  assert.equal(exitCode, 1, check.logger.text);
  const report = JSON.parse(readFileSync(check.platform.outputs.report!, 'utf8')) as DriftReport;
  assert.equal(report.model?.version, '1.0.0');
  assert.match(report.reference.source, /reference-profile\.json$/);
  assert.equal(report.reference.mode, 'profile');
  assert.deepEqual(
    report.columns.map((c) => c.column).sort(),
    [...FEATURES].sort(),
    'model.features decide which columns are checked',
  );
  assert.equal(report.prediction?.drifted, true, 'the registered model ran: longer bills move its prediction');
  assert.equal(report.staleness?.stale, true);
  assert.equal(report.verdict.stale, true);
  assert.ok(report.staleness!.modelAgeDays! >= 0);

  // The accepted new normal is a commit on a pushed branch; the working tree and main are untouched.
  assert.equal(readFileSync(profileFile, 'utf8'), storedBefore);
  assert.equal(git(work, 'rev-parse', '--abbrev-ref', 'HEAD'), 'main');
  const branches = git(remote, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/mlops/reference/');
  assert.match(branches, /^mlops\/reference\/penguins-\d{8}T\d{6}$/);
  const changed = git(work, 'diff', '--name-only', 'main', branches.trim());
  assert.equal(changed, '.mlops/registry/penguins/1.0.0/reference-profile.json');
  const diff = git(work, 'diff', '--numstat', 'main', branches.trim());
  assert.ok(Number(diff.split('\t')[0]) < 2000, `a reviewable diff: ${diff}`);
  assert.match(check.logger.text, /pull request #1/);
  const state = JSON.parse(readFileSync(join(work, '.mlops', 'local', 'platform.json'), 'utf8'));
  assert.equal(state.pullRequests.length, 1);
  assert.equal(state.pullRequests[0].head, branches.trim());
  assert.equal(state.pullRequests[0].base, 'main');
  assert.equal(report.referenceUpdate?.pullRequest?.number, 1);
});
