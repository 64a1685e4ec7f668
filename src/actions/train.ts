import { ExitCode } from '../core/errors.js';
import { writeReport } from '../core/report/render.js';
import { trainRunRenderer } from '../core/train/render.js';
import { runTraining } from '../core/train/run.js';
import { commonInputs, defineAction } from './define.js';

export const trainAction = defineAction({
  name: 'train',
  title: 'Train model',
  description:
    'Run a training command (any language) or a built-in ONNX baseline reproducibly, cache by code, data, params and environment, and record the full lineage as a TrainRun.',
  icon: 'cpu',
  color: 'blue',
  inputs: {
    ...commonInputs,
    command: { description: 'Training command. Default: `train.command` from mlops.yaml, else the built-in baseline.' },
    baseline: {
      description:
        'Built-in baseline when no command is set: `auto`, `logistic`, `softmax` or `ridge`. Default: `train.baseline` from mlops.yaml (auto).',
    },
    data: { description: 'Training data (path, glob or URL). Default: `data.train` from mlops.yaml.' },
    params: {
      description:
        'Parameters file (YAML or JSON), or the parameters inline (`{C: 0.5}`). Default: `train.params` from mlops.yaml, else `params.yaml` when present.',
    },
    force: {
      description: 'Train even when the cache has a model for the same inputs.',
      default: 'false',
      type: 'boolean',
    },
  },
  outputs: {
    model: { description: 'Path of the trained ONNX model.' },
    run: { description: 'Path of the TrainRun JSON.' },
    'cache-hit': { description: '`true` when the model was restored from the cache instead of trained.' },
    metrics: { description: 'Training metrics as JSON.' },
  },
  async run({ platform, inputs, cwd, outDir, config }) {
    const { run, modelPath } = await runTraining({
      platform,
      cwd,
      config: (await config()).config,
      command: inputs.optional('command'),
      baseline: inputs.optional('baseline'),
      data: inputs.optional('data'),
      params: inputs.optional('params'),
      force: inputs.boolean('force'),
    });
    const written = await writeReport(outDir, trainRunRenderer, run);
    const summary = trainRunRenderer.markdown(run, 'summary');
    const failed = run.status === 'failed';
    return {
      exitCode: failed ? ExitCode.Error : ExitCode.Passed,
      outputs: {
        model: failed ? undefined : modelPath,
        run: written.json,
        'cache-hit': String(run.cache.hit),
        metrics: JSON.stringify(run.metrics),
      },
      summary,
      headline: failed
        ? `Training failed: the command exited with code ${run.exitCode}; its last lines are in the summary.`
        : run.cache.hit
          ? `Cache hit: restored the model of run ${run.cache.restoredRunId} (${run.artifact?.sha256.slice(0, 12)}).`
          : `Trained ${run.model.name ?? 'model'} in ${(run.durationMs / 1000).toFixed(1)} s: ${run.artifact?.path}.`,
    };
  },
});
