import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VariantSamples } from '../../src/core/serve/samples.js';

const answered = [{ label: 'yes' }];

describe('analysis samples', () => {
  it('give both variants the same span when a busy variant no longer reaches back to the start', () => {
    const samples = new VariantSamples();
    // A burst of canary errors early on, then quiet canary traffic.
    for (let i = 0; i < 40; i++) samples.recordRequest('canary', 5, undefined, 500 + i);
    for (let i = 0; i < 200; i++) samples.recordRequest('canary', 5, answered, 20_000 + i);
    // Stable takes 60,000 requests from t = 1,000: its ring (50,000 events) keeps only the last ones.
    for (let i = 0; i < 60_000; i++) samples.recordRequest('stable', 5, answered, 1_000 + i);

    const whole = samples.windows(0);
    assert.equal(whole.since, 1_000 + 10_000, 'the window starts after the last event stable dropped');
    assert.equal(whole.stable.requests, 50_000);
    assert.equal(whole.canary.requests, 200);
    assert.equal(whole.canary.errors, 0, "the canary's early burst is outside stable's span, so it is left out");

    // A window that starts after anything was dropped is taken as asked.
    const recent = samples.windows(30_000);
    assert.equal(recent.since, 30_000);
    assert.equal(recent.stable.requests, 61_000 - 30_000);

    // Without a busy variant nothing is cut.
    const quiet = new VariantSamples();
    quiet.recordRequest('canary', 5, undefined, 10);
    quiet.recordRequest('stable', 5, answered, 20);
    const both = quiet.windows(0);
    assert.equal(both.since, 0);
    assert.equal(both.canary.errors, 1);
  });
});
