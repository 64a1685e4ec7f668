import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LoadedModel } from '../../src/core/serve/model.js';
import { ServerState } from '../../src/core/serve/state.js';

/** Only what ServerState touches of a loaded version: its identity and release(). */
function version(name: string, released: string[]): LoadedModel {
  return {
    version: name,
    sha256: `sha-${name}`,
    ref: name,
    release: async () => {
      released.push(name);
    },
  } as unknown as LoadedModel;
}

describe('server state: replaced versions', () => {
  it('are released once their last request ends, not before and not only at shutdown', async () => {
    const released: string[] = [];
    const state = new ServerState();
    const [v1, v2, v3] = ['v1', 'v2', 'v3'].map((n) => version(n, released)) as [LoadedModel, LoadedModel, LoadedModel];
    state.slots.set('iris', { name: 'iris', stable: v1, canary: v2, weight: 10, mode: 'canary' });

    // A request chose v1, then v2 is promoted while it runs: v1 stays loaded until that request is done.
    const request = state.acquire(v1);
    const second = state.acquire(v1);
    state.promote('iris');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(released, []);
    request();
    request();
    assert.deepEqual(released, [], 'ending the same request twice does not end the other one');
    second();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(released, ['v1']);

    // A canary no request is using goes at once when rolled back.
    state.slots.get('iris')!.canary = v3;
    state.rollback('iris');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(released, ['v1', 'v3']);

    await state.releaseAll();
    assert.deepEqual(released, ['v1', 'v3', 'v2']);
  });
});
