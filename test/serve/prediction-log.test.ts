import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PredictionLog } from '../../src/core/serve/prediction-log.js';
import { tempDir } from '../helpers/tmp.js';

const batch = (n: number, from: number) => ({
  head: '{"timestamp":"2026-11-23T00:00:00Z","row":',
  keys: [',"x":'],
  columns: [Float32Array.from({ length: n }, (_, i) => from + i)],
  n,
  predictions: Array.from({ length: n }, () => 'yes'),
});

describe('prediction log', () => {
  it('drops and counts rows past its bound instead of queuing them, and writes every row it took', async () => {
    const dir = tempDir('mlops-predlog-');
    const dropped: number[] = [];
    const log = new PredictionLog({ dir, maxPendingRows: 1_000, onDrop: (rows) => dropped.push(rows) });
    await log.open();
    // Posted without yielding, so nothing can be acknowledged as written meanwhile: the first 1,000 rows fit.
    for (let b = 0; b < 20; b++) log.write(batch(100, b * 100));
    assert.equal(log.dropped, 1_000);
    assert.deepEqual(dropped, Array(10).fill(100));
    // Once written, the log takes rows again.
    for (let waited = 0; log.pending > 0 && waited < 20_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(log.pending, 0);
    log.write(batch(100, 5_000));
    assert.equal(log.dropped, 1_000);
    await log.close();
    const lines = readdirSync(dir)
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'))
      .map((l) => JSON.parse(l) as { x: number });
    assert.equal(lines.length, 1_100);
    assert.deepEqual(
      lines.map((l) => l.x).sort((a, b) => a - b),
      [...Array.from({ length: 1_000 }, (_, i) => i), ...Array.from({ length: 100 }, (_, i) => 5_000 + i)],
    );
  });
});

describe('prediction log text', () => {
  it('writes float32 features as the shortest text that reads back as the same float32', async () => {
    const dir = tempDir('mlops-predlog-');
    const log = new PredictionLog({ dir });
    await log.open();
    const x = Float32Array.from([0.1, -2.5, 1e-7, 123456789, Number.NaN, 1 / 3]);
    log.write({ ...batch(x.length, 0), columns: [x] });
    await log.close();
    const text = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('');
    const written = text
      .trim()
      .split('\n')
      .map((l) => /"x":([^,]*),/.exec(l)![1]);
    assert.deepEqual(written, ['0.1', '-2.5', '1e-7', '123456790', 'null', '0.33333334']);
  });
});
