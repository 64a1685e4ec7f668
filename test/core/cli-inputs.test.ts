/**
 * Where an input comes from in the CLI: a flag given on the command line wins, an MLOPS_INPUT_* variable (how the
 * GitLab includes pass spec inputs) comes next, and the declared default applies only when neither is set.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(REPO_ROOT, 'dist', 'cli', 'index.js');

function mlops(cwd: string, args: string[], env: Record<string, string> = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete base.GITHUB_ACTIONS;
  delete base.GITLAB_CI;
  return spawnSync(process.execPath, [CLI, ...args], { cwd, env: base, encoding: 'utf8' });
}

describe('CLI input precedence', () => {
  test('flag > MLOPS_INPUT_* > default, shown with fail-on on data that fails a check', (t) => {
    if (!existsSync(CLI)) return t.skip('dist/cli/index.js is missing: run npm run build');
    const dir = tempDir();
    copyFileSync(join(REPO_ROOT, 'examples', 'penguins', 'train.csv'), join(dir, 'train.csv'));
    assert.equal(mlops(dir, ['validate-data', '--infer', '--data', 'train.csv']).status, 0);
    const bad = readFileSync(join(dir, 'train.csv'), 'utf8').replace('Torgersen', 'Atlantis');
    writeFileSync(join(dir, 'batch.csv'), bad);
    const check = ['validate-data', '--data', 'batch.csv', '--schema', '.mlops/schema/train.yaml'];

    const byDefault = mlops(dir, check);
    assert.equal(byDefault.status, 1, 'default fail-on=error: an unseen category fails the run');

    const byVariable = mlops(dir, check, { MLOPS_INPUT_FAIL_ON: 'never' });
    assert.equal(byVariable.status, 0, `MLOPS_INPUT_FAIL_ON=never must override the default\n${byVariable.stderr}`);

    const byFlag = mlops(dir, [...check, '--fail-on', 'error'], { MLOPS_INPUT_FAIL_ON: 'never' });
    assert.equal(byFlag.status, 1, 'a flag on the command line wins over the variable');
  });
});
