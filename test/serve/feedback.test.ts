import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FeedbackStore } from '../../src/core/serve/feedback.js';
import type { RowPrediction } from '../../src/core/serve/model.js';
import { BadRequest } from '../../src/core/serve/protocol.js';

const labels = (...names: string[]): RowPrediction[] => names.map((label) => ({ label, probabilities: [0.1, 0.9] }));
const batch = (n: number) => labels(...Array.from({ length: n }, (_, i) => (i % 2 ? 'a' : 'b')));

describe('feedback store', () => {
  it('scores labels and values per variant, and a repeated feedback call does not count twice', () => {
    const store = new FeedbackStore();
    store.remember('r1', 'iris', 'stable', labels('a', 'b', 'a'));
    store.remember('r1', 'iris', 'canary', labels('a', 'a', 'a'));
    assert.deepEqual(store.score('r1', ['a', 'b', null]), {
      model: 'iris',
      scores: [
        { variant: 'stable', n: 2, correct: 2, absErrorSum: 0, absErrorSqSum: 0 },
        { variant: 'canary', n: 2, correct: 1, absErrorSum: 0, absErrorSqSum: 0 },
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
    assert.deepEqual(store.score('r2', [12, 2])?.scores, [
      { variant: 'stable', n: 2, correct: 0, absErrorSum: 2.5, absErrorSqSum: 4.25 },
    ]);
    assert.equal(store.score('unknown', ['a']), undefined);
  });

  it('refuses truth that cannot belong to the request instead of holding it', () => {
    const store = new FeedbackStore();
    store.remember('r1', 'iris', 'stable', labels('a', 'b'));
    assert.throws(() => store.score('r1', ['a', 'b', 'a']), BadRequest);
    assert.throws(() => store.score('r1', ['a'], 2), BadRequest);
    assert.equal(store.score('r1', ['b'], 1)?.scores[0]?.n, 1);
  });

  it('stays within its capacity, forgetting the oldest requests first and counting each request', () => {
    // Each request costs its rows plus 8: three 256-row requests (792) fit in 1,000, four do not.
    const store = new FeedbackStore(1_000);
    for (let r = 0; r < 100; r++) store.remember(`r${r}`, 'm', 'stable', batch(256));
    assert.equal(store.used, 3 * 264);
    assert.equal(store.score('r96', ['b']), undefined, 'the oldest are forgotten');
    assert.equal(store.score('r97', ['b'])?.scores[0]?.correct, 1);

    // The shadow's answer to the same request adds its rows; the oldest request makes room.
    store.remember('r99', 'm', 'canary', batch(256));
    assert.equal(store.used, 264 + 520);
    assert.equal(store.score('r97', ['b']), undefined);
    assert.deepEqual(
      store.score('r99', ['b'])?.scores.map((s) => s.variant),
      ['stable', 'canary'],
    );

    // An id answered again by the same variant is a new request: its old answers and scores are gone.
    store.remember('r99', 'm', 'stable', batch(256));
    assert.equal(store.used, 264 + 264);
    assert.deepEqual(
      store.score('r99', ['b'])?.scores.map((s) => [s.variant, s.n]),
      [['stable', 1]],
    );

    // Many single-row requests: the fixed cost per request bounds how many are kept.
    for (let r = 0; r < 1_000; r++) store.remember(`one${r}`, 'm', 'stable', batch(1));
    assert.ok(store.used <= 1_000);
    assert.equal(store.used, 111 * 9);
    assert.equal(store.score('one888', ['b']), undefined);
    assert.equal(store.score('one889', ['b'])?.scores[0]?.correct, 1);

    // A single request larger than the capacity is still remembered, alone.
    store.remember('big', 'm', 'stable', batch(1_500));
    assert.equal(store.used, 1_508);
    assert.equal(store.score('big', ['b'])?.scores[0]?.correct, 1);
  });
});
