import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FeedbackStore } from '../../src/core/serve/feedback.js';
import type { RowPrediction } from '../../src/core/serve/model.js';

const labels = (...names: string[]): RowPrediction[] => names.map((label) => ({ label, probabilities: [0.1, 0.9] }));

describe('feedback store', () => {
  it('scores labels and values per variant, and a repeated feedback call does not count twice', () => {
    const store = new FeedbackStore();
    store.remember('r1', 'iris', 'stable', labels('a', 'b', 'a'));
    store.remember('r1', 'iris', 'canary', labels('a', 'a', 'a'));
    const first = store.score('r1', ['a', 'b', null]);
    assert.deepEqual(first, {
      model: 'iris',
      scores: [
        { variant: 'stable', n: 2, correct: 2, absErrorSum: 0 },
        { variant: 'canary', n: 2, correct: 1, absErrorSum: 0 },
      ],
    });
    assert.deepEqual(
      store.score('r1', ['a', 'b', null])?.scores.map((s) => s.n),
      [0, 0],
    );
    // Row 2 had no truth before: it can still be scored, alone, by its index.
    assert.deepEqual(
      store.score('r1', ['b'], 2)?.scores.map((s) => [s.n, s.correct]),
      [
        [1, 0],
        [1, 0],
      ],
    );

    store.remember('r2', 'price', 'stable', [{ value: 10 }, { value: 2.5 }]);
    assert.deepEqual(store.score('r2', [12, 2])?.scores, [{ variant: 'stable', n: 2, correct: 0, absErrorSum: 2.5 }]);
    assert.equal(store.score('unknown', ['a']), undefined);
  });

  it('holds at most its capacity in rows, forgetting the oldest requests first', () => {
    const store = new FeedbackStore(1_000);
    const batch = labels(...Array.from({ length: 256 }, (_, i) => (i % 2 ? 'a' : 'b')));
    for (let r = 0; r < 100; r++) store.remember(`r${r}`, 'm', 'stable', batch);
    assert.ok(store.rows <= 1_000, `${store.rows} rows held`);
    assert.equal(store.rows, 3 * 256, 'whole requests are kept: three 256-row batches fit in 1,000 rows');
    assert.equal(store.score('r96', ['b']), undefined, 'the oldest are forgotten');
    assert.equal(store.score('r97', ['b'])?.scores[0]?.correct, 1);
    // A variant's second answer to the same request replaces its first; the shadow's answer adds its rows.
    store.remember('r99', 'm', 'stable', batch);
    assert.equal(store.rows, 3 * 256);
    store.remember('r99', 'm', 'canary', batch);
    assert.equal(store.rows, 3 * 256, 'the request being answered is never the one forgotten');
    assert.equal(store.score('r97', ['b']), undefined);
    assert.deepEqual(
      store.score('r99', ['b'])?.scores.map((s) => s.variant),
      ['stable', 'canary'],
    );
    // A single request larger than the capacity is still remembered, alone.
    store.remember('big', 'm', 'stable', labels(...Array.from({ length: 1_500 }, () => 'a')));
    assert.equal(store.rows, 1_500);
    assert.equal(store.score('big', ['a'])?.scores[0]?.correct, 1);
  });
});
