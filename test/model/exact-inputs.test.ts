/**
 * Integer and boolean model inputs fed from real data-engine columns: booleans arrive as true/false, and a missing
 * or fractional value is an error naming its row and column instead of a silent 0 or truncation.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { closeEngine, openDataset } from '../../src/core/data/engine.js';
import { MlopsError } from '../../src/core/errors.js';
import { planInference, predictBatches } from '../../src/core/model/inference.js';
import { DataType, encodeModel, GraphBuilder } from '../../src/core/model/onnx-builder.js';
import { loadModel } from '../../src/core/model/session.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('mlops-exact-inputs-');

/** prediction = count + 10 * flag, from an int64 and a bool input. */
function countPlusFlagModel(path: string): void {
  const g = new GraphBuilder('count-flag');
  g.input('count', DataType.INT64, ['N', 1]);
  g.input('flag', DataType.BOOL, ['N', 1]);
  const count = g.op('Cast', ['count'], { to: DataType.FLOAT });
  const flag = g.op('Cast', ['flag'], { to: DataType.FLOAT });
  const ten = g.constant('ten', DataType.FLOAT, [1], [10]);
  g.node('Add', [count, g.op('Mul', [flag, ten])], { outputs: ['prediction'] });
  g.output('prediction', DataType.FLOAT, ['N', 1]);
  writeFileSync(path, encodeModel(g));
}

async function predict(csvText: string): Promise<number[]> {
  const csv = join(dir, `data-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(csv, csvText);
  const model = await loadModel(join(dir, 'count-flag.onnx'));
  const dataset = await openDataset(csv);
  const plan = planInference(model, dataset.columns, { task: 'regression' });
  const out: number[] = [];
  try {
    for await (const p of predictBatches(model, plan, dataset.batches(plan.columns, { batchSize: 2 }))) {
      out.push(...p.prediction!);
    }
  } finally {
    await model.release();
  }
  return out;
}

test('integer and boolean inputs take the values of integer and boolean columns', async (t) => {
  t.after(() => closeEngine());
  countPlusFlagModel(join(dir, 'count-flag.onnx'));
  assert.deepEqual(await predict('count,flag\n3,true\n4,false\n-2,true\n'), [13, 4, 8]);
});

test('a missing or fractional value for an integer or boolean input names its row and column', async (t) => {
  t.after(() => closeEngine());
  countPlusFlagModel(join(dir, 'count-flag.onnx'));
  // Rows are numbered from 1, the first data row after the header.
  const cases: [string, RegExp, number, string][] = [
    [
      'count,flag\n3,true\n4,false\n,true\n',
      /Row 3, column "count": a missing value .* int64 input "count"/,
      3,
      'count',
    ],
    ['count,flag\n3,true\n4,\n', /Row 2, column "flag": a missing value .* bool input "flag"/, 2, 'flag'],
    ['count,flag\n3,true\n4.5,false\n', /Row 2, column "count": 4\.5 .* int64 input/, 2, 'count'],
  ];
  for (const [text, message, row, field] of cases) {
    await assert.rejects(
      predict(text),
      (e: unknown) =>
        e instanceof MlopsError &&
        message.test(e.message) &&
        e.where?.row === row &&
        e.where?.field === field &&
        /Fill or drop missing values/.test(e.hint ?? ''),
      text,
    );
  }
});
