/**
 * Benchmark models in the team's raw-column convention (one float [N,1] input per feature, `label` +
 * `probabilities` outputs): an MLP heavy enough that inference is real work (features -> hidden x layers -> 3
 * classes), built with the project's ONNX builder and random weights (latency does not depend on their values).
 */
import { DataType, encodeModel, GraphBuilder } from '../../src/core/model/onnx-builder.js';

export function mlpModel(
  features: number,
  hidden: number,
  layers: number,
  seed = 7,
): { bytes: Uint8Array; names: string[] } {
  let s = seed;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648 - 0.5) * 0.2;
  };
  const names = Array.from({ length: features }, (_, i) => `f${i}`);
  const classes = ['a', 'b', 'c'];
  const g = new GraphBuilder('bench_mlp');
  for (const n of names) g.input(n, DataType.FLOAT, ['N', 1]);
  let x = g.op('Concat', names, { axis: 1 });
  let width = features;
  for (let l = 0; l < layers; l++) {
    const w = g.constant('w', DataType.FLOAT, [width, hidden], Float32Array.from({ length: width * hidden }, rand));
    const b = g.constant('b', DataType.FLOAT, [hidden], Float32Array.from({ length: hidden }, rand));
    x = g.op('Relu', [g.op('Add', [g.op('MatMul', [x, w]), b])]);
    width = hidden;
  }
  const w = g.constant(
    'w',
    DataType.FLOAT,
    [width, classes.length],
    Float32Array.from({ length: width * classes.length }, rand),
  );
  const logits = g.op('MatMul', [x, w]);
  g.op('Softmax', [logits], { axis: 1 }, 'probabilities');
  const index = g.op('ArgMax', [logits], { axis: 1, keepdims: 0 });
  const names3 = g.constant('classes', DataType.STRING, [classes.length], classes);
  g.op('Gather', [names3, index], { axis: 0 }, 'label');
  g.output('label', DataType.STRING, ['N']);
  g.output('probabilities', DataType.FLOAT, ['N', classes.length]);
  const bytes = encodeModel(g, {
    metadata: {
      'mlops.classes': JSON.stringify(classes),
      'mlops.task': 'multiclass',
      'mlops.features': JSON.stringify(names),
    },
  });
  return { bytes, names };
}
