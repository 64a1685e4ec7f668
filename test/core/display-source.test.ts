import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displaySource } from '../../src/core/display-source.js';

test('data locations in reports keep where the data is and lose credentials, query and fragment', () => {
  assert.equal(displaySource('data/train.csv'), 'data/train.csv');
  assert.equal(displaySource('/abs/path/train.parquet'), '/abs/path/train.parquet');
  assert.equal(displaySource('https://example.com/data/train.csv'), 'https://example.com/data/train.csv');
  assert.equal(
    displaySource('https://bucket.s3.amazonaws.com/train.csv?X-Amz-Signature=abc123&X-Amz-Credential=AKIA'),
    'https://bucket.s3.amazonaws.com/train.csv?…',
  );
  assert.equal(displaySource('https://user:s3cret@example.com/a.csv'), 'https://example.com/a.csv?…');
  assert.equal(
    displaySource('https://acct.blob.core.windows.net/c/eval.parquet?sv=2024&sig=XYZ#frag'),
    'https://acct.blob.core.windows.net/c/eval.parquet?…',
  );
  assert.equal(displaySource('s3://bucket/key.csv?versionId=1'), 's3://bucket/key.csv?…');
});
