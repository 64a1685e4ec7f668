/**
 * GitLab includes (workflow-templates/gitlab/*.gitlab-ci.yml): their `spec: inputs` are consistent with the jobs
 * and the actions' inputs, GitLab's own schema accepts them (gitlab-ci-local validates the expanded config), and
 * the pipeline runs for real under `gitlab-ci-local --shell-executor-no-image`: its jobs run the mlops CLI from a
 * copy of this repository without node_modules, under Node 24, on the shipped penguins data.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { actionRepoCopy, NATIVE_CACHE, NODE24, REPO_ROOT, runBundle } from '../harness/runner.js';
import { git, tempDir } from '../helpers/tmp.js';

const TEMPLATES = join(REPO_ROOT, 'workflow-templates', 'gitlab');
const GITLAB_CI_LOCAL = join(REPO_ROOT, 'node_modules', 'gitlab-ci-local', 'dist', 'index.js');
const files = readdirSync(TEMPLATES).filter((f) => f.endsWith('.gitlab-ci.yml'));

type GitLabJob = {
  script?: string[];
  variables?: Record<string, string>;
  extends?: string;
  artifacts?: { reports?: { junit?: string; dotenv?: string } };
};

function parseTemplate(file: string) {
  const text = readFileSync(join(TEMPLATES, file), 'utf8');
  const docs = parseAllDocuments(text);
  assert.equal(docs.length, 2, `${file}: a spec document and a jobs document separated by ---`);
  const spec = docs[0]!.toJS() as { spec: { inputs: Record<string, { default?: string; description?: string }> } };
  const jobs = docs[1]!.toJS() as Record<string, GitLabJob>;
  return { text, inputs: spec.spec.inputs, jobs };
}

/** The job with its `extends:` base merged in (variables merge, other keys override), as GitLab does. */
function resolved(jobs: Record<string, GitLabJob>, name: string): GitLabJob {
  const job = jobs[name]!;
  if (!job.extends) return job;
  const base = resolved(jobs, job.extends);
  return { ...base, ...job, variables: { ...base.variables, ...job.variables } };
}

function actionInputs(action: string): string[] {
  const meta = parseYaml(readFileSync(join(REPO_ROOT, 'actions', action, 'action.yml'), 'utf8')) as {
    inputs: Record<string, unknown>;
  };
  return Object.keys(meta.inputs);
}

function actionChoices(action: string, input: string): string[] | undefined {
  const meta = parseYaml(readFileSync(join(REPO_ROOT, 'actions', action, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { description: string }>;
  };
  return /One of: ([^.]+)\.$/.exec(meta.inputs[input]?.description ?? '')?.[1]?.split(', ');
}

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

/** A GitLab project (git repo with an origin) including one template with the given inputs. */
function project(template: string, inputs: Record<string, string>): string {
  const dir = tempDir('mlops-gitlab-');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'remote', 'add', 'origin', 'https://gitlab.example.com/octo-group/ml-project.git');
  mkdirSync(join(dir, 'ci'));
  copyFileSync(join(TEMPLATES, template), join(dir, 'ci', template));
  const lines = ['include:', `  - local: ci/${template}`, '    inputs:'];
  for (const [k, v] of Object.entries(inputs)) lines.push(`      ${k}: ${JSON.stringify(v)}`);
  writeFileSync(join(dir, '.gitlab-ci.yml'), `${lines.join('\n')}\n`);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'include mlops-actions');
  // rules:changes compares with origin/<default branch>: give the project a real (bare, local) remote.
  const remote = join(tempDir('mlops-gitlab-remote-'), 'origin.git');
  git(dir, 'init', '-q', '--bare', '-b', 'main', remote);
  git(dir, 'push', '-q', remote, 'main:main');
  git(dir, 'fetch', '-q', remote, 'main:refs/remotes/origin/main');
  git(dir, 'remote', 'set-head', 'origin', 'main');
  return dir;
}

describe('GitLab includes', () => {
  test('the pipeline, release and drift includes exist', () => {
    assert.deepEqual(files.sort(), [
      'drift-monitor.gitlab-ci.yml',
      'mlops.gitlab-ci.yml',
      'model-release.gitlab-ci.yml',
    ]);
  });

  for (const file of files) {
    test(`${file}: every input is declared and used, and each job maps onto its action's inputs`, () => {
      const { text, inputs, jobs } = parseTemplate(file);
      const used = new Set([...text.matchAll(/\$\[\[\s*inputs\.([a-z_]+)\s*\]\]/g)].map((m) => m[1]!));
      assert.deepEqual(
        [...used].filter((u) => !(u in inputs)),
        [],
        'used but not declared',
      );
      assert.deepEqual(
        Object.keys(inputs).filter((i) => !used.has(i)),
        [],
        'declared but never used',
      );
      for (const [name, spec] of Object.entries(inputs))
        assert.ok(spec.description, `input ${name} needs a description`);
      let cliJobs = 0;
      for (const name of Object.keys(jobs).filter((j) => !j.startsWith('.'))) {
        const job = resolved(jobs, name);
        const command = job.script?.map((s) => /dist\/cli\/index\.js" ([a-z-]+)/.exec(s)?.[1]).find(Boolean);
        if (!command) continue;
        cliJobs++;
        const known = actionInputs(command).map((i) => `MLOPS_INPUT_${i.replace(/-/g, '_').toUpperCase()}`);
        const given = [
          ...Object.keys(job.variables ?? {}),
          ...(job.script ?? []).flatMap((s) => [...s.matchAll(/(MLOPS_INPUT_[A-Z_]+)=/g)].map((m) => m[1]!)),
        ].filter((v) => v.startsWith('MLOPS_INPUT_'));
        for (const variable of given) assert.ok(known.includes(variable), `${name}: ${command} has no ${variable}`);
        const mode = job.variables?.MLOPS_INPUT_MODE;
        if (mode && !mode.includes('$')) {
          assert.ok(actionChoices(command, 'mode')?.includes(mode), `${name}: ${command} has no mode ${mode}`);
        }
        assert.ok(job.variables?.MLOPS_OUTPUT_FILE, `${name}: outputs go to a dotenv file`);
        assert.equal(job.artifacts?.reports?.dotenv, job.variables?.MLOPS_OUTPUT_FILE, `${name}: dotenv report`);
        assert.doesNotMatch(JSON.stringify(job), /npx|npm (install|ci)/, `${name}: no registry access at run time`);
      }
      assert.ok(cliJobs > 0, 'jobs run the mlops CLI');
    });

    test(`${file}: GitLab's schema accepts the expanded configuration (gitlab-ci-local --list)`, async () => {
      const dir = project(file, { mlops_dir: '/opt/mlops-actions' });
      const run = await runGitlabCiLocal(dir, ['--list-all']);
      assert.equal(run.code, 0, run.output);
      assert.match(run.output, /json schema validated/);
    });
  }

  test('the pipeline runs for real: validate-data -> train -> evaluate-gate through the CLI under Node 24', async () => {
    const copy = await actionRepoCopy();
    const dir = project('mlops.gitlab-ci.yml', { mlops_dir: copy });
    for (const f of ['train.csv', 'eval.csv']) copyFileSync(join(REPO_ROOT, 'examples', 'penguins', f), join(dir, f));
    writeFileSync(
      join(dir, 'mlops.yaml'),
      'model:\n  name: penguins\n  task: multiclass\n  label: species\n  segments: [island]\ndata:\n  train: train.csv\n  eval: eval.csv\n',
    );
    // The data schema is inferred once, reviewed and committed, as a user would.
    const infer = await runBundle('dist/cli/index.js', {
      args: ['validate-data', '--infer'],
      workspace: dir,
      env: { GITHUB_ACTIONS: undefined, CI: undefined },
    });
    assert.equal(infer.exitCode, 0, infer.stderr);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'penguins project');

    const run = await runGitlabCiLocal(dir, [
      '--shell-executor-no-image',
      '--needs',
      '--variable',
      'GITLAB_CI=true',
      '--variable',
      `MLOPS_NATIVE_CACHE=${NATIVE_CACHE}`,
      'evaluate-gate',
    ]);
    assert.equal(run.code, 0, run.output);
    for (const job of ['validate-data', 'train', 'evaluate-gate'])
      assert.match(run.output, new RegExp(`PASS\\s+${job}`));
    assert.match(run.output, /evaluate-gate \$ node "\$MLOPS_DIR\/dist\/cli\/index\.js" evaluate-gate/);

    const artifacts = join(dir, '.gitlab-ci-local', 'artifacts');
    const dotenv = readFileSync(join(artifacts, 'evaluate-gate', '.mlops', 'out', 'evaluate-gate.env'), 'utf8');
    assert.match(dotenv, /^MLOPS_PASSED=true$/m);
    assert.match(dotenv, /^MLOPS_REPORT=.*EvaluationReport\.json$/m);
    const trainEnv = readFileSync(join(artifacts, 'train', '.mlops', 'out', 'train.env'), 'utf8');
    assert.match(trainEnv, /^MLOPS_MODEL=.*\.mlops\/train\/model\.onnx$/m);
    for (const [job, report] of [
      ['validate-data', 'ValidationReport'],
      ['evaluate-gate', 'EvaluationReport'],
    ] as const) {
      const xml = readFileSync(join(artifacts, job, '.mlops', 'out', `${report}.junit.xml`), 'utf8');
      assert.equal(XMLValidator.validate(xml), true);
      const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
        testsuites: { tests: string; failures: string };
      };
      assert.ok(Number(parsed.testsuites.tests) > 0, `${report}: checks in the JUnit report`);
      assert.equal(parsed.testsuites.failures, '0');
    }
  });

  test('a failing validation fails its job, stops the chain, and still reports JUnit failures', async () => {
    const copy = await actionRepoCopy();
    const dir = project('mlops.gitlab-ci.yml', { mlops_dir: copy, data: 'batch.csv' });
    copyFileSync(join(REPO_ROOT, 'examples', 'penguins', 'train.csv'), join(dir, 'train.csv'));
    writeFileSync(
      join(dir, 'mlops.yaml'),
      'model:\n  name: penguins\n  task: multiclass\n  label: species\ndata:\n  train: train.csv\n',
    );
    const infer = await runBundle('dist/cli/index.js', {
      args: ['validate-data', '--infer', '--data', 'train.csv'],
      workspace: dir,
      env: { GITHUB_ACTIONS: undefined, CI: undefined },
    });
    assert.equal(infer.exitCode, 0, infer.stderr);
    const rows = readFileSync(join(dir, 'train.csv'), 'utf8').trimEnd().split('\n');
    // A batch where a numeric column holds text and the label has an unseen class.
    const bad = rows.map((r, i) => (i > 0 && i % 10 === 0 ? r.replace(/^[^,]+,([^,]+),[^,]+/, 'Unicorn,$1,oops') : r));
    writeFileSync(join(dir, 'batch.csv'), `${bad.join('\n')}\n`);
    const schemaDir = join(dir, '.mlops', 'schema');
    if (existsSync(join(schemaDir, 'train.yaml')))
      copyFileSync(join(schemaDir, 'train.yaml'), join(schemaDir, 'batch.yaml'));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'bad batch');

    const run = await runGitlabCiLocal(dir, [
      '--shell-executor-no-image',
      '--needs',
      '--variable',
      'GITLAB_CI=true',
      '--variable',
      `MLOPS_NATIVE_CACHE=${NATIVE_CACHE}`,
      'train',
    ]);
    assert.notEqual(run.code, 0, run.output);
    assert.match(run.output, /FAIL\s+validate-data/);
    assert.doesNotMatch(run.output, /PASS\s+train/);
    const xml = readFileSync(
      join(dir, '.gitlab-ci-local', 'artifacts', 'validate-data', '.mlops', 'out', 'ValidationReport.junit.xml'),
      'utf8',
    );
    assert.equal(XMLValidator.validate(xml), true);
    assert.match(xml, /<failure /);
  });
});
