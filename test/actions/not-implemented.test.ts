/**
 * An action that is not implemented yet must fail loudly (exit 2, "not implemented in this version"), never
 * pretend to succeed; and an action that is implemented must never say so.
 *
 * NOT_IMPLEMENTED lists the actions that still throw notImplemented(). When your action lands, REMOVE it from
 * this list in the same commit (the second test fails until you do). Empty means all six are implemented.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { actions } from '../../src/actions/catalog.js';
import { REPO_ROOT, runAction } from '../harness/runner.js';

const NOT_IMPLEMENTED: string[] = [];

describe('not implemented actions', () => {
  test('the list names real actions, exactly those whose entry still throws notImplemented()', () => {
    const names = actions.map((a) => a.name);
    for (const name of NOT_IMPLEMENTED) assert.ok(names.includes(name), `${name} is not an action`);
    const stubs = names.filter((name) =>
      /\bnotImplemented\(/.test(readFileSync(join(REPO_ROOT, 'src', 'actions', `${name}.ts`), 'utf8')),
    );
    assert.deepEqual(stubs.sort(), [...NOT_IMPLEMENTED].sort());
  });

  for (const action of actions) {
    const pending = NOT_IMPLEMENTED.includes(action.name);
    test(`${action.name} ${pending ? 'exits 2 with "not implemented"' : 'is implemented (never says "not implemented")'}`, async () => {
      // An empty workspace and no inputs: an implemented action fails on its missing inputs or data instead.
      const run = await runAction(action.name, { timeoutMs: 300_000 });
      const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
      if (pending) {
        assert.equal(run.exitCode, 2, run.stdout + run.stderr);
        assert.ok(
          errors.some((m) => m.includes(`${action.name} is not implemented in this version`)),
          `expected a not-implemented ::error annotation, got:\n${run.stdout}`,
        );
        assert.deepEqual(run.outputs, {});
      } else {
        assert.doesNotMatch(run.stdout + run.stderr, /is not implemented in this version/);
        // Whatever the outcome, it is one of the documented exit codes, and failures say why.
        assert.ok([0, 1, 2].includes(run.exitCode), `exit code ${run.exitCode}\n${run.stderr}`);
        if (run.exitCode !== 0) assert.ok(errors.length > 0, `exit ${run.exitCode} without an ::error annotation`);
      }
    });
  }
});
