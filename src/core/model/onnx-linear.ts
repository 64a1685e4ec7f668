/**
 * Exports a trained baseline (core/train/baseline.ts) as an ONNX graph over the RAW columns, following the
 * team's model conventions: one input per feature column [N,1] (float for numeric, string for categorical),
 * outputs `label` [N] + `probabilities` [N,C] for classifiers or `prediction` [N,1] for regressors, metadata
 * mlops.task / mlops.label / mlops.features / mlops.classes.
 *
 * The arithmetic runs in double precision inside the graph (inputs are cast up, outputs cast down) so that the
 * ONNX predictions equal the TypeScript ones to float precision. Only standard ai.onnx ops are used:
 * IsNaN/Where (mean imputation), Sub/Div (standardization), Equal against the category list (one-hot; unseen
 * categories encode as all zeros), MatMul/Add, Sigmoid or Softmax, ArgMax + Gather for the class name.
 */

import type { BaselineModel } from '../train/baseline.js';
import { categoricalFeatures, numericFeatures } from '../train/design.js';
import { DataType, encodeModel, GraphBuilder } from './onnx-builder.js';

export const BASELINE_MODEL_KIND = 'mlops-baseline';

export interface ExportOptions {
  /** Extra metadata_props entries (e.g. run id, training data fingerprint). */
  metadata?: Record<string, string>;
  producerVersion?: string;
}

/** The metadata_props every baseline carries; evaluate/serve/drift read them. */
export function baselineMetadata(model: BaselineModel): Record<string, string> {
  const meta: Record<string, string> = {
    'mlops.task': model.task,
    'mlops.label': model.label,
    'mlops.features': JSON.stringify(model.features.map((f) => f.name)),
    'mlops.baseline': model.baseline,
    'mlops.kind': BASELINE_MODEL_KIND,
  };
  if (model.task !== 'regression') meta['mlops.classes'] = JSON.stringify(model.classes);
  return meta;
}

export function exportBaselineOnnx(model: BaselineModel, options: ExportOptions = {}): Uint8Array {
  const g = new GraphBuilder(`${model.baseline}_${model.label}`);
  // Inputs in feature order, as mlops.features lists them.
  for (const f of model.features) {
    g.input(f.name, f.kind === 'numeric' ? DataType.FLOAT : DataType.STRING, ['N', 1]);
  }
  const blocks: string[] = [];
  const numeric = numericFeatures(model.features);
  if (numeric.length > 0) {
    const p = numeric.length;
    const raw =
      p === 1
        ? numeric[0]!.name
        : g.op(
            'Concat',
            numeric.map((f) => f.name),
            { axis: 1 },
          );
    const asDouble = g.op('Cast', [raw], { to: DataType.DOUBLE });
    const means = g.constant(
      'means',
      DataType.DOUBLE,
      [p],
      numeric.map((f) => f.mean),
    );
    const scales = g.constant(
      'scales',
      DataType.DOUBLE,
      [p],
      numeric.map((f) => f.scale),
    );
    const missing = g.op('IsNaN', [asDouble]);
    const imputed = g.op('Where', [missing, means, asDouble]);
    const centered = g.op('Sub', [imputed, means]);
    blocks.push(g.op('Div', [centered, scales]));
  }
  for (const f of categoricalFeatures(model.features)) {
    if (f.categories.length === 0) continue;
    const categories = g.constant(`${f.name}_categories`, DataType.STRING, [f.categories.length], f.categories);
    const hits = g.op('Equal', [f.name, categories]);
    blocks.push(g.op('Cast', [hits], { to: DataType.DOUBLE }));
  }
  const { d, k, weights, intercepts } = model.coefficients;
  const design = blocks.length === 1 ? blocks[0]! : g.op('Concat', blocks, { axis: 1 });
  const w = g.constant('weights', DataType.DOUBLE, [d, k], weights);
  const b = g.constant('intercepts', DataType.DOUBLE, [k], intercepts);
  const scores = g.op('Add', [g.op('MatMul', [design, w]), b]);

  if (model.task === 'regression') {
    g.op('Cast', [scores], { to: DataType.FLOAT }, 'prediction');
    g.output('prediction', DataType.FLOAT, ['N', 1]);
  } else {
    let probabilities: string;
    if (k === 1) {
      const positive = g.op('Sigmoid', [scores]);
      const one = g.constant('one', DataType.DOUBLE, [1], [1]);
      probabilities = g.op('Concat', [g.op('Sub', [one, positive]), positive], { axis: 1 });
    } else {
      probabilities = g.op('Softmax', [scores], { axis: 1 });
    }
    const classes = g.constant('classes', DataType.STRING, [model.classes.length], model.classes);
    const best = g.op('ArgMax', [probabilities], { axis: 1, keepdims: 0 });
    g.op('Gather', [classes, best], { axis: 0 }, 'label');
    g.op('Cast', [probabilities], { to: DataType.FLOAT }, 'probabilities');
    g.output('label', DataType.STRING, ['N']);
    g.output('probabilities', DataType.FLOAT, ['N', model.classes.length]);
  }
  return encodeModel(g, {
    metadata: { ...baselineMetadata(model), ...options.metadata },
    producerVersion: options.producerVersion,
    docString: `mlops-actions ${model.baseline} baseline for ${model.label}`,
  });
}
