import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { loadConfig, parseConfig } from '../../src/core/config.js';
import { describeError, MlopsError } from '../../src/core/errors.js';
import { REPO_ROOT } from '../harness/runner.js';
import { tempDir } from '../helpers/tmp.js';

/** Parses and returns the thrown MlopsError (the test fails when nothing is thrown). */
function configError(text: string): MlopsError {
  try {
    parseConfig(text, 'mlops.yaml');
  } catch (error) {
    assert.ok(error instanceof MlopsError, String(error));
    assert.equal(error.kind, 'config');
    return error;
  }
  assert.fail('expected a config error');
}

const MODEL = 'model:\n  name: penguins\n  task: multiclass\n  label: species\n';

describe('mlops.yaml validation', () => {
  test('a wrong type names the path, the expected type, the value found and the line', () => {
    const error = configError(
      `${MODEL}evaluate:\n  gates:\n    - metric: accuracy\n      lower: 0.8\n    - metric: f1_macro\n      lower: 0.7\n    - metric: log_loss\n      upper: high\n`,
    );
    assert.equal(error.message, 'evaluate.gates[2].upper: expected number, got "high"');
    assert.deepEqual(error.where, { file: 'mlops.yaml', line: 12, column: 14 });
    assert.match(describeError(error), /^mlops\.yaml:12:14: evaluate\.gates\[2\]\.upper: expected number, got "high"/);
  });

  test('an unknown key points at the key itself and suggests the close match', () => {
    const nested = configError(`model:\n  name: penguins\n  task: multiclass\n  label: species\n  lable: species\n`);
    assert.match(nested.message, /^model\.lable: unknown key \(did you mean "label"\?\)/);
    assert.deepEqual(nested.where, { file: 'mlops.yaml', line: 5, column: 3 });
    const top = configError(`version: 1\nmodle:\n  name: x\n`);
    assert.equal(top.message, 'modle: unknown key (did you mean "model"?)');
    assert.equal(top.where?.line, 2);
    const far = configError(`${MODEL}zzzzzzzz: 1\n`);
    assert.match(far.message, /^zzzzzzzz: unknown key \(allowed here: version, model, data, /);
  });

  test('every problem is listed in line order, not only the first', () => {
    const error = configError(`model:\n  name: 3\n  task: clustering\n  label: species\n  extra: 1\n`);
    const lines = error.message.split('\n');
    assert.equal(lines[0], 'model.name: expected string, got 3');
    assert.equal(
      lines[1],
      '  mlops.yaml:3:9: model.task: expected one of "binary", "multiclass", "regression", got "clustering"',
    );
    assert.match(lines[2]!, /^ {2}mlops\.yaml:5:3: model\.extra: unknown key/);
    assert.match(error.hint!, /Fix these 3 problems/);
  });

  test('a missing required key points at its parent', () => {
    const error = configError('version: 1\nmodel:\n  name: penguins\n  task: binary\n');
    assert.equal(error.message, 'model.label: expected string, got nothing (the key is missing)');
    assert.equal(error.where?.line, 2);
  });

  test('YAML syntax errors carry line and column', () => {
    const indent = configError('model:\n  name: penguins\n   task: multiclass\n');
    assert.match(indent.message, /^not valid YAML: /);
    assert.deepEqual(indent.where, { file: 'mlops.yaml', line: 2, column: 9 });
    const duplicate = configError('model:\n  name: a\n  name: b\n');
    assert.match(duplicate.message, /Map keys must be unique/);
    assert.equal(duplicate.where?.line, 3);
    const tab = configError('model:\n\tname: a\n');
    assert.equal(tab.where?.line, 2);
  });

  test('a value of the wrong shape at the top level is reported, not crashed on', () => {
    const error = configError('just a string\n');
    assert.equal(error.message, '(top level): expected object, got "just a string"');
  });

  test('an empty file and a missing default file give the defaults; a missing named file is an error', async () => {
    const dir = tempDir();
    assert.equal(parseConfig('', 'mlops.yaml').config.version, 1);
    const loaded = await loadConfig('mlops.yaml', dir);
    assert.equal(loaded.file, undefined);
    assert.deepEqual(loaded.config.data, {});
    await assert.rejects(loadConfig('conf/other.yaml', dir), (error: MlopsError) => {
      assert.equal(error.kind, 'config');
      assert.match(error.message, /conf\/other\.yaml does not exist/);
      return true;
    });
  });

  test('a valid file loads, and lineOf points annotations at its keys', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'mlops.yaml'), `# comment\n${MODEL}data:\n  train: train.csv\n`);
    const loaded = await loadConfig('mlops.yaml', dir);
    assert.equal(loaded.config.model?.label, 'species');
    assert.equal(loaded.file, join(dir, 'mlops.yaml'));
    assert.equal(loaded.lineOf(['data', 'train']), 7);
    assert.equal(loaded.lineOf(['model']), 2);
  });

  test('the committed JSON Schema agrees with the zod schema on valid and invalid files', () => {
    const require = createRequire(import.meta.url);
    const Ajv = require('ajv/dist/2020').default as typeof import('ajv').default;
    const addFormats = require('ajv-formats').default as typeof import('ajv-formats').default;
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'mlops.schema.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const good = `${MODEL}data:\n  train: train.csv\nevaluate:\n  gates:\n    - metric: accuracy\n      lower: 0.8\n`;
    assert.ok(validate(parseYaml(good)), JSON.stringify(validate.errors));
    parseConfig(good, 'mlops.yaml');
    for (const bad of [`${MODEL}  lable: x\n`, `${MODEL}evaluate:\n  gates:\n    - metric: a\n      lower: high\n`]) {
      assert.equal(validate(parseYaml(bad)), false, bad);
      assert.throws(() => parseConfig(bad, 'mlops.yaml'), MlopsError);
    }
  });
});
