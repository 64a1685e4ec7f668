/**
 * The single [N, F] float input: the matrix is filled four columns per pass (any F, including F not a multiple of
 * four), batches reuse the memory of earlier ones, and numeric labels are matched to classes without strings.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MlopsError } from '../../src/core/errors.js';
import { collectPredictions } from '../../src/core/evaluate/collect.js';
import { feedsFor, MatrixBuffers, planInference, predictBatches } from '../../src/core/model/inference.js';
import { DataType, encodeModel, GraphBuilder } from '../../src/core/model/onnx-builder.js';
import { loadModel } from '../../src/core/model/session.js';
import { loadNative } from '../../src/core/native.js';
import { Random } from '../../src/core/stats/random.js';
import { tableFromRows, tableSource } from '../evaluate/fixtures.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('mlops-feature-matrix-');

/** logits = [0, sum_j (j + 1) * x_j]: P(class 1) = sigmoid of a sum in which every feature has its own weight. */
function weightedSumModel(path: string, F: number, classes: string[]): void {
  const g = new GraphBuilder('weighted');
  g.input('features', DataType.FLOAT, ['N', F]);
  const weights = Array.from({ length: F * 2 }, (_, k) => (k % 2 === 1 ? (k - 1) / 2 + 1 : 0));
  const w = g.constant('w', DataType.FLOAT, [F, 2], weights);
  g.node('MatMul', ['features', w], { outputs: ['logits'] });
  g.output('logits', DataType.FLOAT, ['N', 2]);
  const features = JSON.stringify(Array.from({ length: F }, (_, j) => `f${j}`));
  writeFileSync(
    path,
    encodeModel(g, { metadata: { 'mlops.classes': JSON.stringify(classes), 'mlops.features': features } }),
  );
}

function table(n: number, F: number, seed: number, label: (i: number) => string) {
  const rng = new Random(seed);
  const header = [...Array.from({ length: F }, (_, j) => `f${j}`), 'label'];
  const rows = Array.from({ length: n }, (_, i) => [
    ...Array.from({ length: F }, () => String(rng.normal() / F)),
    label(i),
  ]);
  return tableFromRows(header, rows);
}

test('feature matrices are row-major for any feature count, and a reused buffer holds only the new batch', async () => {
  const ort = await loadNative('onnxruntime-node');
  for (const F of [1, 3, 4, 5, 9]) {
    const path = join(dir, `weighted-${F}.onnx`);
    weightedSumModel(path, F, ['0', '1']);
    const model = await loadModel(path);
    const t = table(40, F, F, () => '0');
    const plan = planInference(model, t.columns, { label: 'label' });
    assert.equal(plan.inputs.kind, 'feature-matrix', `F=${F}`);
    const buffers = new MatrixBuffers();
    const batches = [];
    for await (const b of tableSource(t).batches(plan.columns, { batchSize: 16 })) batches.push(b);
    let previous: ArrayBufferLike | undefined;
    for (const batch of batches) {
      const feeds = feedsFor(ort, plan, batch, buffers);
      const data = Object.values(feeds)[0]!.data as Float32Array;
      assert.equal(data.length, batch.rowCount * F);
      for (let i = 0; i < batch.rowCount; i++) {
        for (let j = 0; j < F; j++) {
          const expected = Math.fround((batch.columns[`f${j}`] as Float64Array)[i]!);
          assert.equal(data[i * F + j], expected, `F=${F} row ${i} feature ${j}`);
        }
      }
      // The second batch onwards writes into the memory the previous batch handed back.
      if (previous) assert.equal(data.buffer, previous);
      previous = data.buffer;
      buffers.give(feeds);
    }
    await model.release();
  }
});

test('batched inference through reused matrices gives every row its own prediction, short last batch included', async () => {
  const F = 9;
  const path = join(dir, 'weighted-stream.onnx');
  weightedSumModel(path, F, ['0', '1']);
  const model = await loadModel(path);
  const t = table(250, F, 21, () => '0');
  const plan = planInference(model, t.columns, { label: 'label' });
  let row = 0;
  for await (const p of predictBatches(model, plan, tableSource(t).batches(plan.columns, { batchSize: 64 }))) {
    for (let i = 0; i < p.batch.rowCount; i++, row++) {
      let logit = 0;
      for (let j = 0; j < F; j++) logit += (j + 1) * Math.fround((t.values[`f${j}`] as Float64Array)[row]!);
      const expected = 1 / (1 + Math.exp(-logit));
      assert.ok(Math.abs(p.probabilities![2 * i + 1]! - expected) < 1e-5, `row ${row}`);
    }
  }
  assert.equal(row, 250);
  await model.release();
});

test('numeric labels match their classes by value; an unknown numeric label names its row', async () => {
  const F = 5;
  const path = join(dir, 'weighted-labels.onnx');
  weightedSumModel(path, F, ['0', '1']);
  const model = await loadModel(path);
  const good = table(300, F, 5, (i) => (i % 3 === 0 ? '1' : '0'));
  assert.ok(good.values.label instanceof Float64Array, 'the label column is numeric');
  const plan = planInference(model, good.columns, { label: 'label' });
  const options = { label: 'label', task: 'binary' as const, classes: ['0', '1'], segments: [], batchSize: 64 };
  const collected = await collectPredictions(tableSource(good), [{ model, plan }], options);
  assert.equal(collected.n, 300);
  for (let i = 0; i < 300; i++) assert.equal(collected.yTrue[i], i % 3 === 0 ? 1 : 0, `row ${i + 1}`);

  const bad = table(100, F, 6, (i) => (i === 70 ? '2' : '1'));
  await assert.rejects(
    collectPredictions(tableSource(bad), [{ model, plan }], options),
    (e: unknown) => e instanceof MlopsError && /Row 71: label "2" is not one of the model's classes/.test(e.message),
  );
  await model.release();
});
