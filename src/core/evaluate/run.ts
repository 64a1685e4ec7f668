/** The evaluate-gate step from configuration to report: resolve inputs, open the data, evaluate, close. */
import { resolve } from 'node:path';
import type { Platform } from '../../platform/types.js';
import type { LoadedConfig } from '../config.js';
import { closeEngine, openDataset } from '../data/engine.js';
import { MlopsError } from '../errors.js';
import { artifactStoreFor } from '../registry/service.js';
import { resolveChampion } from './champion.js';
import { evaluateCandidate } from './evaluate.js';
import type { EvaluationReport } from './report.js';

export interface EvaluationRun {
  platform: Platform;
  cwd: string;
  outDir: string;
  loaded: LoadedConfig;
  model: string;
  data?: string;
  champion?: string;
}

export async function runEvaluation(run: EvaluationRun): Promise<EvaluationReport> {
  const { config, lineOf } = run.loaded;
  const model = config.model;
  if (!model) {
    throw new MlopsError('mlops.yaml has no `model:` section, so the label column is unknown.', {
      kind: 'config',
      where: { file: 'mlops.yaml' },
      expected: 'model: { name, task, label }',
      hint: 'Add a model section naming at least the label column (see schemas/mlops.schema.json).',
    });
  }
  const data = run.data ?? config.data.eval;
  if (!data) {
    throw new MlopsError('No evaluation data given.', {
      kind: 'usage',
      hint: 'Set the `data` input, or data.eval in mlops.yaml, to the held-out evaluation data.',
    });
  }
  const resolved = await resolveChampion(run.champion ?? config.evaluate.champion, {
    cwd: run.cwd,
    // The store the registry was configured with (registry.store), as register-model used it.
    platform: { artifacts: artifactStoreFor(run.platform, config.registry, run.cwd).store },
    modelName: model.name,
    downloadDir: resolve(run.outDir, 'champion'),
  });
  const source = /^[a-z][a-z0-9+.-]*:\/\//i.test(data) ? data : resolve(run.cwd, data);
  try {
    const dataset = await openDataset(source);
    return await evaluateCandidate({
      candidate: { ref: run.model, path: resolve(run.cwd, run.model) },
      champion: resolved.champion,
      championNote: resolved.note,
      source: {
        source: data,
        columns: dataset.columns,
        batches: (columns, options) => dataset.batches(columns, options),
        // Parquet knows its row count from metadata; counting CSV rows would read the file twice.
        ...(dataset.format === 'parquet' ? { rowCount: () => dataset.rowCount() } : {}),
      },
      model: {
        task: model.task,
        label: model.label,
        segments: model.segments,
        features: model.features,
        classes: model.classes,
      },
      config: config.evaluate,
      lineOf,
    });
  } finally {
    await closeEngine();
  }
}
