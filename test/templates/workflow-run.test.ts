/**
 * The GitHub templates' action steps, executed in order through the runner harness (each bundle from a copy
 * without node_modules, under Node 24) in one workspace, with `with:` values evaluated from earlier steps'
 * outputs as the runner would. Proves that the wiring of the templates (step ids, input names, outputs) works
 * with the actions as they are, not only that the YAML is valid.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT, type RunResult, runAction, runBundle } from '../harness/runner.js';
import { git, tempDir } from '../helpers/tmp.js';

type Step = { id?: string; name?: string; uses?: string; with?: Record<string, unknown>; if?: string };
const OWN = /^mlops-actions\/mlops-actions\/actions\/([a-z-]+)@v\d+$/;

/** Evaluates the only expressions the templates pass to our actions: ${{ steps.<id>.outputs.<name> }}. */
function evaluate(value: unknown, outputs: Record<string, Record<string, string>>): string {
  return String(value).replace(/\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}/g, (_, id: string, name: string) => {
    const v = outputs[id]?.[name];
    assert.ok(v !== undefined, `steps.${id}.outputs.${name} was never set`);
    return v;
  });
}

async function penguinsWorkspace(): Promise<string> {
  const dir = tempDir('mlops-wf-');
  git(dir, 'init', '-q', '-b', 'main');
  for (const f of ['train.csv', 'eval.csv']) copyFileSync(join(REPO_ROOT, 'examples', 'penguins', f), join(dir, f));
  writeFileSync(
    join(dir, 'mlops.yaml'),
    'model:\n  name: penguins\n  task: multiclass\n  label: species\n  segments: [island]\ndata:\n  train: train.csv\n  eval: eval.csv\n',
  );
  const infer = await runBundle('dist/cli/index.js', {
    args: ['validate-data', '--infer'],
    workspace: dir,
    env: { GITHUB_ACTIONS: undefined, CI: undefined },
  });
  assert.equal(infer.exitCode, 0, infer.stderr);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'penguins');
  return dir;
}

/** Runs the job's steps that use our actions, in order; returns each step's result by id (or action name). */
async function runJob(workflow: string, job: string, workspace: string, event: { name: string; payload?: object }) {
  const doc = parseYaml(readFileSync(join(REPO_ROOT, 'workflow-templates', 'github', workflow), 'utf8')) as {
    jobs: Record<string, { steps: Step[] }>;
  };
  const outputs: Record<string, Record<string, string>> = {};
  const results: Record<string, RunResult> = {};
  for (const step of doc.jobs[job]!.steps) {
    const own = step.uses ? OWN.exec(step.uses) : null;
    if (!own) continue;
    const inputs: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.with ?? {})) inputs[k] = evaluate(v, outputs);
    const result = await runAction(own[1]!, {
      inputs,
      workspace,
      event: { name: event.name, payload: (event.payload ?? {}) as Record<string, unknown> },
      timeoutMs: 240_000,
    });
    const key = step.id ?? own[1]!;
    results[key] = result;
    outputs[key] = result.outputs;
    assert.equal(
      result.exitCode,
      0,
      `${workflow} ${job}: step ${step.name ?? key} failed:\n${result.stdout}\n${result.stderr}`,
    );
  }
  return results;
}

describe('GitHub templates, step by step through the runner harness', () => {
  test('model-review.yml: validate -> train -> evaluate -> card, on a pull request event, with a read-only setup', async () => {
    const workspace = await penguinsWorkspace();
    const results = await runJob('model-review.yml', 'review', workspace, {
      name: 'pull_request',
      payload: { pull_request: { number: 12, base: { ref: 'main' }, head: { sha: 'f'.repeat(40) } } },
    });
    assert.deepEqual(Object.keys(results), ['validate', 'train', 'evaluate', 'register-model']);
    assert.equal(results.validate!.outputs.passed, 'true');
    assert.ok(existsSync(results.train!.outputs.model!), 'train output model is a file');
    assert.equal(results.evaluate!.outputs.passed, 'true');
    // The card step writes ModelCard.json for the workflow_run side and does not call the API.
    const card = JSON.parse(readFileSync(join(workspace, '.mlops', 'out', 'ModelCard.json'), 'utf8')) as {
      kind: string;
      model: string;
    };
    assert.equal(card.kind, 'ModelCard');
    assert.equal(card.model, 'penguins');
    for (const r of Object.values(results))
      assert.deepEqual(
        r.annotations.filter((a) => a.level === 'error'),
        [],
      );
    assert.match(results.evaluate!.summary, /\S/);
  });

  test('mlops-pipeline.yml build job: the same chain on a push', async () => {
    const workspace = await penguinsWorkspace();
    const results = await runJob('mlops-pipeline.yml', 'build', workspace, { name: 'push' });
    assert.deepEqual(Object.keys(results), ['validate', 'train', 'evaluate']);
    assert.equal(results.evaluate!.outputs.passed, 'true');
  });
});
