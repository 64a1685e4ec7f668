/** GTO's documented tag format, and that only annotated tags count. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { readModel } from '../../src/core/registry/read.js';
import { compareSemver } from '../../src/core/registry/semver.js';
import { diffStages, formatStages, parseStages } from '../../src/core/registry/stages.js';
import { formatTagMessage, parseTagMessage } from '../../src/core/registry/tag-message.js';
import { formatTag, isGtoName, parseTag } from '../../src/core/registry/tags.js';
import { git } from '../helpers/tmp.js';
import { FEATURES, writeModel } from './fixtures.js';
import { registryRepo, runRegister } from './helpers.js';

test('parses and formats every GTO tag kind, with and without the #<n> counter', () => {
  const cases: [string, ReturnType<typeof parseTag>][] = [
    ['rf@v1.0.0', { kind: 'register', name: 'rf', version: '1.0.0', counter: undefined }],
    ['rf@v1.0.0#3', { kind: 'register', name: 'rf', version: '1.0.0', counter: 3 }],
    ['rf@v1.0.0!', { kind: 'deregister', name: 'rf', version: '1.0.0', counter: undefined }],
    ['rf@v1.0.0!#4', { kind: 'deregister', name: 'rf', version: '1.0.0', counter: 4 }],
    ['rf#prod#1', { kind: 'assign', name: 'rf', stage: 'prod', counter: 1 }],
    ['rf#prod', { kind: 'assign', name: 'rf', stage: 'prod', counter: undefined }],
    ['rf#prod!#2', { kind: 'unassign', name: 'rf', stage: 'prod', counter: 2 }],
    ['rf#prod!', { kind: 'unassign', name: 'rf', stage: 'prod', counter: undefined }],
    ['rf@deprecated', { kind: 'deprecate', name: 'rf', counter: undefined }],
    ['rf@deprecated#5', { kind: 'deprecate', name: 'rf', counter: 5 }],
    ['rf@created', { kind: 'create', name: 'rf', counter: undefined }],
    [
      'churn-model.v2@v10.20.30-rc.1',
      { kind: 'register', name: 'churn-model.v2', version: '10.20.30-rc.1', counter: undefined },
    ],
    ['models/nn#staging#12', { kind: 'assign', name: 'models/nn', stage: 'staging', counter: 12 }],
  ];
  for (const [tag, expected] of cases) {
    assert.deepEqual(parseTag(tag), expected, tag);
    assert.equal(formatTag(parseTag(tag)!), tag, `round trip ${tag}`);
  }
  assert.equal(isGtoName('models/nn'), true);
  assert.equal(isGtoName('churn-model.v2'), false, 'GTO names have no "."');
  assert.equal(isGtoName('2fast'), false, 'GTO names start with a letter');
  for (const notOurs of [
    'v1.0.0',
    'rf@1.0.0',
    'rf@v1.0',
    'rf@v01.0.0',
    'RF@v1.0.0',
    'rf#',
    'rf#prod#x',
    'release-2024',
  ]) {
    assert.equal(parseTag(notOurs), undefined, notOurs);
  }
});

test('semver precedence and tag messages', () => {
  const sorted = ['1.0.0', '1.0.0-rc.1', '1.0.0-alpha', '0.9.9', '1.0.0-alpha.1', '1.10.0', '1.2.0'].sort(
    compareSemver,
  );
  assert.deepEqual(sorted, ['0.9.9', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-rc.1', '1.0.0', '1.2.0', '1.10.0']);
  const message = formatTagMessage('Assigning stage prod', {
    version: '1.2.0',
    requestedBy: 'alice',
    approvedBy: ['carol', 'bob'],
    pullRequest: 7,
    commit: 'abc',
  });
  assert.deepEqual(parseTagMessage(message), {
    version: '1.2.0',
    requestedBy: 'alice',
    approvedBy: ['carol', 'bob'],
    pullRequest: 7,
    commit: 'abc',
  });
});

test('stages.yaml round trip, diff, and clear errors', () => {
  const doc = { model: 'rf', stages: { production: '1.0.0', staging: '1.1.0' }, deprecated: ['0.9.0'] };
  assert.deepEqual(parseStages(formatStages(doc), 'stages.yaml', 'rf'), doc);
  assert.deepEqual(diffStages(doc, { model: 'rf', stages: { production: '1.1.0' }, deprecated: ['0.9.0', '1.0.0'] }), [
    { kind: 'assign', stage: 'production', version: '1.1.0', previous: '1.0.0' },
    { kind: 'unassign', stage: 'staging', version: '1.1.0' },
    { kind: 'deprecate', version: '1.0.0' },
  ]);
  assert.throws(() => parseStages('model: rf\nstages: [1, 2]\n', 'x/stages.yaml', 'rf'), /x\/stages\.yaml: stages/);
  assert.throws(() => parseStages('model: rf\n  bad: : indent\n', 'x/stages.yaml', 'rf'), /not valid YAML/);
});

test('only annotated tags count: a lightweight stage tag is ignored by the history', async () => {
  const { work } = registryRepo();
  writeModel(join(work, 'a.onnx'), FEATURES, 1);
  await runRegister(work, { mode: 'register', model: 'a.onnx' });
  git(work, 'tag', 'penguins#production#1', 'penguins@v1.0.0');
  git(work, 'tag', '-a', 'penguins#staging#2', 'penguins@v1.0.0', '-m', 'Assigning stage staging\n\nversion: 1.0.0');
  const model = await readModel(work, 'penguins');
  assert.deepEqual(
    model.history.map((h) => h.tag),
    ['penguins#staging#2'],
  );
  assert.equal(model.history[0]!.version, '1.0.0');
});
