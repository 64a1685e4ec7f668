/**
 * The shell steps inside the GitHub templates, run for real with bash as the runner runs them
 * (`bash --noprofile --norc -eo pipefail`), with their env: as the workflow passes it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { parseFileCommand, REPO_ROOT } from '../harness/runner.js';
import { tempDir } from '../helpers/tmp.js';

type Step = { name?: string; id?: string; run?: string };
type Workflow = { jobs: Record<string, { steps: Step[] }> };

function stepScript(workflow: string, id: string): string {
  const doc = parseYaml(readFileSync(join(REPO_ROOT, 'workflow-templates', 'github', workflow), 'utf8')) as Workflow;
  const step = Object.values(doc.jobs)
    .flatMap((j) => j.steps)
    .find((s) => s.id === id);
  assert.ok(step?.run, `${workflow} has a run: step with id ${id}`);
  return step.run;
}

function runStep(script: string, env: Record<string, string>, cwd: string) {
  const dir = tempDir('mlops-step-');
  const output = join(dir, 'github_output');
  writeFileSync(output, '');
  const file = join(dir, 'step.sh');
  writeFileSync(file, script);
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, GITHUB_OUTPUT: output },
    encoding: 'utf8',
  });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: parseFileCommand(readFileSync(output, 'utf8')),
  };
}

describe('model-review-comment.yml: the pull request number from an untrusted artifact', () => {
  const script = stepScript('model-review-comment.yml', 'pr');
  const HEAD = 'a'.repeat(40);

  /** A review artifact and a fake `gh` answering with the given head sha for any pull request. */
  function setup(prFile: string, headSha: string) {
    const dir = tempDir('mlops-review-');
    const review = join(dir, 'review');
    mkdirSync(review);
    writeFileSync(join(review, 'pull-request.txt'), prFile);
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    // Records its arguments, so the test sees which pull request was looked up.
    writeFileSync(join(bin, 'gh'), `#!/bin/sh\necho "$@" >> "${dir}/gh.log"\necho ${headSha}\n`);
    chmodSync(join(bin, 'gh'), 0o755);
    const env = {
      PATH: `${bin}:${process.env.PATH}`,
      GH_TOKEN: 't',
      REPOSITORY: 'octo-org/ml-project',
      HEAD_SHA: HEAD,
      REVIEW_DIR: review,
    };
    return { dir, review, env };
  }

  test('a number whose pull request is at the reviewed commit is passed on, with the card path', () => {
    const { dir, review, env } = setup('42\n', HEAD);
    const run = runStep(script, env, dir);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.outputs, { number: '42', card: `${review}/ModelCard.json` });
    assert.equal(readFileSync(join(dir, 'gh.log'), 'utf8'), 'api repos/octo-org/ml-project/pulls/42 --jq .head.sha\n');
  });

  test('anything but a number is refused before any API call', () => {
    for (const bad of ['42; rm -rf /', '$(id)', '', '4 2', '-1', '../../x', '42\r', '1'.repeat(25), '7\n8']) {
      const { dir, env } = setup(bad, HEAD);
      const run = runStep(script, env, dir);
      assert.equal(run.code, 2, `accepted ${JSON.stringify(bad)}`);
      assert.match(run.stdout, /::error::pull-request\.txt does not hold a pull request number/);
      assert.deepEqual(run.outputs, {});
    }
  });

  test('a pull request that moved on (or a forged number) is skipped, nothing is posted', () => {
    const { dir, env } = setup('7', 'b'.repeat(40));
    const run = runStep(script, env, dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /::notice::pull request #7 is now at b+, not at the reviewed commit a+; skipped/);
    assert.deepEqual(run.outputs, {});
  });
});
