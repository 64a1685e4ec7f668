/**
 * Promotion as a reviewed change: `promote` makes a branch changing stages.yaml; merging it (here a GitHub-style
 * merge commit) and running apply-stages creates the GTO stage tag with who requested and approved it; the
 * registry history shows it from git alone.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { applyStages } from '../../src/core/registry/apply.js';
import { resolveModelRef } from '../../src/core/registry/report.js';
import { registryShow } from '../../src/core/registry/show.js';
import { git } from '../helpers/tmp.js';
import { FEATURES, writeModel } from './fixtures.js';
import { mergeBranch, registryRepo, runRegister } from './helpers.js';

function mergePullRequest(work: string, branch: string, number: number, author: string): void {
  mergeBranch(
    work,
    branch,
    `Merge pull request #${number} from ${author}/${branch}\n\nApproved-by: Carol Owner <carol@example.com>`,
  );
}

test('promote opens a stages.yaml change; merging and apply-stages tags <model>#<stage>#<n> with the approval', async () => {
  const { work, remote } = registryRepo();
  writeModel(join(work, 'a.onnx'), FEATURES, 1);
  writeModel(join(work, 'b.onnx'), FEATURES, 2);
  assert.equal((await runRegister(work, { mode: 'register', model: 'a.onnx' })).exitCode, 0);
  assert.equal((await runRegister(work, { mode: 'register', model: 'b.onnx' })).exitCode, 0);

  const promote = await runRegister(work, { mode: 'promote', version: '1.0.0', stage: 'production' }, 'alice');
  assert.equal(promote.exitCode, 0, promote.log);
  const branch = promote.outputs.branch!;
  assert.equal(branch, 'mlops/promote/penguins-1.0.0-production');
  assert.ok(git(remote, 'rev-parse', `refs/heads/${branch}`), 'branch pushed for the pull request');
  const changed = git(work, 'diff', '--name-only', 'main', branch);
  assert.equal(changed, '.mlops/registry/penguins/stages.yaml', 'the PR changes only stages.yaml');
  assert.deepEqual(parse(git(work, 'show', `${branch}:.mlops/registry/penguins/stages.yaml`)).stages, {
    production: '1.0.0',
  });
  const report = JSON.parse(readFileSync(join(work, '.mlops/out/Promotion.json'), 'utf8'));
  assert.match(report.body, /Promote penguins 1\.0\.0 to production/);
  assert.match(report.body, /<summary>Model card<\/summary>/);
  assert.equal(git(remote, 'tag', '--list', 'penguins#*'), '', 'no stage tag before the merge');

  mergePullRequest(work, branch, 12, 'alice');
  const apply = await runRegister(work, { mode: 'apply-stages' }, 'bob');
  assert.equal(apply.exitCode, 0, apply.log);
  assert.equal(apply.outputs.tag, 'penguins#production#1');
  assert.deepEqual([apply.outputs.stage, apply.outputs.version], ['production', '1.0.0']);
  assert.equal(git(remote, 'cat-file', '-t', 'penguins#production#1'), 'tag', 'annotated stage tag pushed');
  assert.equal(
    git(remote, 'rev-parse', 'penguins#production#1^{commit}'),
    git(remote, 'rev-parse', 'penguins@v1.0.0^{commit}'),
    'the stage tag points at the version’s commit, as GTO expects',
  );
  const again = await runRegister(work, { mode: 'apply-stages' }, 'bob');
  assert.equal(again.exitCode, 0);
  assert.equal(again.outputs.changes, '[]', 'applying twice creates nothing');

  const prod = await resolveModelRef(work, 'penguins#production');
  assert.equal(prod.version.version, '1.0.0');
  assert.deepEqual(
    prod.version.stages.map((s) => [s.action, s.stage, s.requestedBy, s.approvedBy, s.pullRequest]),
    [['assign', 'production', 'alice', ['Carol Owner', 'bob'], 12]],
  );

  // Promote 1.1.0: the body compares it with the current holder; then demote it and deprecate 1.0.0.
  const second = await runRegister(work, { mode: 'promote', version: '1.1.0', stage: 'production' }, 'alice');
  const body = JSON.parse(readFileSync(join(work, '.mlops/out/Promotion.json'), 'utf8')).body as string;
  assert.match(body, /Current production \| 1\.0\.0/);
  mergePullRequest(work, second.outputs.branch!, 13, 'alice');
  const applied2 = await runRegister(work, { mode: 'apply-stages' }, 'bob');
  assert.equal(applied2.outputs.tag, 'penguins#production#2');

  const demote = await runRegister(work, {
    mode: 'promote',
    version: '1.1.0',
    stage: 'production',
    change: 'unassign',
  });
  assert.equal(demote.exitCode, 0, demote.log);
  mergePullRequest(work, demote.outputs.branch!, 14, 'dave');
  const deprecate = await runRegister(work, { mode: 'promote', version: '1.0.0', change: 'deprecate' });
  assert.equal(deprecate.exitCode, 0, deprecate.log);
  mergePullRequest(work, deprecate.outputs.branch!, 15, 'dave');
  const applied3 = await runRegister(work, { mode: 'apply-stages' }, 'erin');
  assert.equal(applied3.exitCode, 0, applied3.log);
  const tags = git(remote, 'tag', '--list').split('\n').sort();
  assert.deepEqual(tags, [
    'penguins#production!#3',
    'penguins#production#1',
    'penguins#production#2',
    'penguins@v1.0.0',
    'penguins@v1.0.0!#4',
    'penguins@v1.1.0',
  ]);
  await assert.rejects(resolveModelRef(work, 'penguins#production'), /No version of penguins is in stage "production"/);
  assert.equal((await resolveModelRef(work, 'penguins:latest')).version.version, '1.1.0');
  const promoteDeprecated = await runRegister(work, { mode: 'promote', version: '1.0.0', stage: 'staging' });
  assert.equal(promoteDeprecated.exitCode, 2);
  assert.match(promoteDeprecated.log, /deprecated and cannot be promoted/);

  const shown = await registryShow(work, 'penguins');
  assert.match(shown, /1\.0\.0 \(deprecated\)/);
  assert.match(shown, /assign production \| 1\.0\.0 \| alice \| Carol Owner, bob \| 12/);
  assert.match(shown, /unassign production \| 1\.1\.0 \| dave/);
});

test('apply-stages refuses a hand-edited stages.yaml with a stage that is not allowed, and tags nothing', async () => {
  const { work, remote } = registryRepo();
  writeModel(join(work, 'a.onnx'), FEATURES, 1);
  assert.equal((await runRegister(work, { mode: 'register', model: 'a.onnx' })).exitCode, 0);
  writeFileSync(
    join(work, '.mlops/registry/penguins/stages.yaml'),
    'model: penguins\nstages:\n  prod: 1.0.0\ndeprecated: []\n',
  );
  git(work, 'add', '.mlops');
  git(work, 'commit', '-q', '-m', 'hand edit');
  git(work, 'push', '-q', 'origin', 'main');
  const apply = await runRegister(work, { mode: 'apply-stages' });
  assert.equal(apply.exitCode, 2);
  assert.match(apply.log, /assigns stage "prod", which is not allowed/);
  assert.equal(git(remote, 'tag', '--list', 'penguins#*'), '');
});

test('two apply-stages jobs at once create each stage tag exactly once', async () => {
  const { work, remote } = registryRepo();
  writeModel(join(work, 'a.onnx'), FEATURES, 1);
  assert.equal((await runRegister(work, { mode: 'register', model: 'a.onnx' })).exitCode, 0);
  const staging = await runRegister(work, { mode: 'promote', version: '1.0.0', stage: 'staging' }, 'alice');
  mergePullRequest(work, staging.outputs.branch!, 21, 'alice');
  const other = join(work, '..', 'other');
  git(join(work, '..'), 'clone', '-q', remote, other);
  const [a, b] = await Promise.all([
    runRegister(work, { mode: 'apply-stages' }, 'bob'),
    runRegister(other, { mode: 'apply-stages' }, 'bob'),
  ]);
  assert.equal(a.exitCode, 0, a.log);
  assert.equal(b.exitCode, 0, b.log);
  assert.deepEqual(git(remote, 'tag', '--list', 'penguins#*').split('\n'), ['penguins#staging#1']);
  const applied = [a, b].map((r) => JSON.parse(r.outputs.changes!).length).sort();
  assert.ok(applied[1] === 1, `one job applied the change: ${applied}`);
});

test('apply-stages from a checkout behind the branch tip reads the stages at the tip: an old run cannot roll a stage back', async () => {
  const { work, remote } = registryRepo();
  writeModel(join(work, 'a.onnx'), FEATURES, 1);
  writeModel(join(work, 'b.onnx'), FEATURES, 2);
  assert.equal((await runRegister(work, { mode: 'register', model: 'a.onnx' })).exitCode, 0);
  assert.equal((await runRegister(work, { mode: 'register', model: 'b.onnx' })).exitCode, 0);
  const first = await runRegister(work, { mode: 'promote', version: '1.0.0', stage: 'production' }, 'alice');
  mergePullRequest(work, first.outputs.branch!, 21, 'alice');
  const oldMerge = git(work, 'rev-parse', 'HEAD');
  assert.deepEqual(
    (await applyStages({ repoDir: work, branch: 'main' })).changes.map((c) => c.tag),
    ['penguins#production#1'],
  );
  const second = await runRegister(work, { mode: 'promote', version: '1.1.0', stage: 'production' }, 'alice');
  mergePullRequest(work, second.outputs.branch!, 22, 'alice');
  assert.deepEqual(
    (await applyStages({ repoDir: work, branch: 'main' })).changes.map((c) => [c.tag, c.version]),
    [['penguins#production#2', '1.1.0']],
  );
  // A re-run of the first merge's job: its checkout says production is 1.0.0, the branch says 1.1.0.
  git(work, 'checkout', '-q', oldMerge);
  const rerun = await applyStages({ repoDir: work, branch: 'main' });
  assert.deepEqual(rerun.changes, [], 'nothing to do: the tip and the tags agree');
  assert.equal(rerun.plannedFrom?.checkout, oldMerge);
  assert.equal(rerun.plannedFrom?.tip, git(remote, 'rev-parse', 'refs/heads/main'));
  assert.equal(git(remote, 'tag', '--list', 'penguins#production#*').split('\n').length, 2, 'no tag rolled back');
  git(work, 'checkout', '-q', 'main');
});
