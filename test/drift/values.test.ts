/**
 * In-memory values (the model's predictions) follow the rules of the SQL path: a missing value (NaN) is a null,
 * an infinity is a present value that stays out of the statistics.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { profileColumnFromValues } from '../../src/core/drift/values.js';

test('predictions with infinities and missing values: counted apart, statistics from the finite values', () => {
  const values = Float64Array.from([1, 2, Number.POSITIVE_INFINITY, 3, Number.NaN, Number.NEGATIVE_INFINITY, 4]);
  const profile = profileColumnFromValues(values);
  assert.equal(profile.kind, 'numeric');
  assert.deepEqual([profile.count, profile.nulls], [6, 1]);
  const numeric = profile.numeric!;
  assert.deepEqual([numeric.min, numeric.max, numeric.mean], [1, 4, 2.5]);
  assert.equal(numeric.std, Math.sqrt(1.25));
});
