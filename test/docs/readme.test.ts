/** The README's promises that code can check: its commands, its config example, its links, and .ci/run. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseConfig } from '../../src/core/config.js';
import { REPO_ROOT } from '../harness/runner.js';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('README', () => {
  test('states the two commands, and both exist as npm scripts', () => {
    assert.match(readme, /npm ci && npm run demo/);
    assert.match(readme, /^npm test\b/m);
    assert.ok(pkg.scripts.demo && pkg.scripts.test);
    assert.match(pkg.scripts.test, /typecheck/);
    assert.match(pkg.scripts.test, /lint/);
  });

  test('.ci/run is executable and ends by running exactly the README test command', () => {
    const run = join(REPO_ROOT, '.ci', 'run');
    assert.ok(statSync(run).mode & 0o100, '.ci/run must be executable');
    const commands = readFileSync(run, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.trim().startsWith('#'));
    assert.match(commands.at(-1)!, /^npm test\b/);
    assert.ok(commands.some((l) => /apt-get update/.test(l)));
    assert.ok(commands.some((l) => /^npm ci\b/.test(l)));
  });

  test('the mlops.yaml example is valid configuration', () => {
    const example = /```yaml\n(# yaml-language-server[^\n]*\n[\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(example, 'the README has an mlops.yaml example');
    const loaded = parseConfig(example, 'README mlops.yaml');
    assert.equal(loaded.config.model?.name, 'penguins');
  });

  test('has a Mermaid diagram of the loop with every step', () => {
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    for (const step of ['validate-data', 'train', 'evaluate-gate', 'register-model', 'deploy-canary', 'drift-check']) {
      assert.ok(mermaid.includes(step), step);
    }
    assert.match(mermaid, /retrain/);
  });

  test('relative links point at files that exist', () => {
    for (const [, target] of readme.matchAll(/\]\(((?!https?:|#)[^)]+)\)/g)) {
      assert.ok(existsSync(join(REPO_ROOT, target!)), `README links to missing ${target}`);
    }
  });

  test('LICENSE is the Apache License 2.0', () => {
    const license = readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8');
    assert.match(license, /Apache License\s+Version 2\.0, January 2004/);
    assert.match(license, /END OF TERMS AND CONDITIONS/);
  });
});
