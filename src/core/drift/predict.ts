/** The model's predictions on a dataset, for prediction drift (inference by src/core/model). */
import type { Dataset } from '../data/types.js';
import { planInference, predictBatches } from '../model/inference.js';
import { loadModel } from '../model/session.js';

export interface Predictions {
  /** "label" for classifiers (class names), "prediction" for regressors. */
  output: 'label' | 'prediction';
  values: Float64Array | (string | null)[];
}

export async function predictDataset(modelPath: string, dataset: Dataset, label?: string): Promise<Predictions> {
  const model = await loadModel(modelPath);
  try {
    const plan = planInference(model, dataset.columns, { label });
    const classes = plan.outputs.classes;
    const labels: (string | null)[] = [];
    const numbers: number[] = [];
    for await (const p of predictBatches(model, plan, dataset.batches(plan.columns))) {
      for (let i = 0; i < p.batch.rowCount; i++) {
        if (p.predicted) labels.push(p.finite[i] ? (classes[p.predicted[i]!] ?? String(p.predicted[i])) : null);
        else if (p.prediction) numbers.push(p.finite[i] ? p.prediction[i]! : Number.NaN);
      }
    }
    return plan.outputs.task === 'regression'
      ? { output: 'prediction', values: Float64Array.from(numbers) }
      : { output: 'label', values: labels };
  } finally {
    await model.release();
  }
}
