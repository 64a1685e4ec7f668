import { z } from 'zod';

/** The `train` section of mlops.yaml. */
export const trainConfig = z
  .strictObject({
    command: z
      .string()
      .optional()
      .describe(
        'Training command (any language), run with sh. It reads MLOPS_PARAMS_PATH / MLOPS_DATA_TRAIN and writes the ONNX model to MLOPS_MODEL_PATH and metrics JSON to MLOPS_METRICS_PATH. Default: the built-in baseline.',
      ),
    baseline: z
      .enum(['auto', 'logistic', 'softmax', 'ridge'])
      .default('auto')
      .describe('Built-in baseline used when no command is set; auto picks it from model.task.'),
    params: z.string().optional().describe('Parameters file (YAML or JSON). Default: params.yaml when it exists.'),
    code: z
      .array(z.string())
      .default([])
      .describe(
        'Code paths (files, directories, globs) whose content is part of the cache key. Default: the files named in the command (also as option values), the package of python -m, and environment lock files (uv.lock, poetry.lock, Pipfile.lock, ...).',
      ),
    inputs: z
      .array(z.string())
      .default([])
      .describe('Further data inputs (paths, globs, URLs) the command reads; fingerprinted into the TrainRun and key.'),
    cache: z
      .boolean()
      .default(true)
      .describe('Reuse a model trained from identical code, data, params and environment.'),
    upload: z
      .boolean()
      .default(true)
      .describe(
        "Store each trained run's model, metrics and TrainRun in the platform's artifact store (GitHub release assets need `contents: write`).",
      ),
    timeout: z.number().positive().optional().describe('Kill the training command after this many minutes.'),
  })
  .default({ baseline: 'auto', code: [], inputs: [], cache: true, upload: true });
export type TrainConfig = z.infer<typeof trainConfig>;
