/**
 * The user's training command: told where everything is through MLOPS_* environment variables, its output
 * streamed, its model checked with onnxruntime and its metrics read.
 */

import { resolve } from 'node:path';
import { MlopsError } from '../errors.js';
import { runTrainingCommand } from './command.js';
import { readMetricsFile } from './metrics-file.js';
import { checkOnnxModel } from './model-check.js';
import { paramsEnv } from './params.js';
import { METRICS_FILE, MODEL_FILE } from './paths.js';
import type { TrainerContext, TrainerResult } from './trainer.js';

/** The environment a training command sees (besides the job's own). */
export function commandEnv(ctx: TrainerContext): Record<string, string> {
  const env: Record<string, string> = {
    MLOPS_RUN_ID: ctx.runId,
    MLOPS_MODEL_PATH: ctx.paths.model,
    MLOPS_METRICS_PATH: ctx.paths.metrics,
    MLOPS_PARAMS_PATH: ctx.paths.params,
    MLOPS_OUTPUT_DIR: ctx.paths.dir,
    MLOPS_MODEL_NAME: ctx.modelName,
    ...paramsEnv(ctx.params),
  };
  for (const d of ctx.data) {
    if (d.role === 'input') continue;
    // URLs and globs are passed as given (the command resolves them); paths become absolute.
    const value =
      /^[a-z][a-z0-9+.-]*:\/\//i.test(d.source) || /[*?[{]/.test(d.source) ? d.source : resolve(ctx.cwd, d.source);
    env[`MLOPS_DATA_${d.role.toUpperCase()}`] = value;
  }
  const model = ctx.config.model;
  if (model?.label) env.MLOPS_LABEL = model.label;
  if (model?.task) env.MLOPS_TASK = model.task;
  if (model?.features) env.MLOPS_FEATURES = JSON.stringify(model.features);
  return env;
}

export async function trainWithCommand(ctx: TrainerContext, command: string): Promise<TrainerResult> {
  const timeout = ctx.config.train.timeout;
  const result = await runTrainingCommand({
    command,
    cwd: ctx.cwd,
    env: commandEnv(ctx),
    log: ctx.log,
    timeoutMs: timeout ? timeout * 60_000 : undefined,
  });
  const model = {
    name: ctx.modelName,
    task: ctx.config.model?.task,
    label: ctx.config.model?.label,
    features: ctx.config.model?.features,
  };
  // Killed at the timeout is a failure even when the trainer exited 0 on SIGTERM (many save a checkpoint and do).
  if (result.exitCode !== 0 || result.timedOut) {
    return {
      status: 'failed',
      exitCode: result.exitCode === 0 ? 1 : result.exitCode,
      logTail: result.timedOut ? [...result.tail, `(killed after ${timeout} minutes)`] : result.tail,
      metrics: {},
      model,
      trainer: { kind: 'command', command },
    };
  }
  const checked = await checkOnnxModel(ctx.paths.model, MODEL_FILE);
  const metrics = await readMetricsFile(ctx.paths.metrics, METRICS_FILE, ctx.log);
  const classes = checked.info.metadata['mlops.classes'];
  return {
    status: 'succeeded',
    exitCode: 0,
    metrics,
    model: { ...model, classes: classes ? classesOf(classes) : undefined },
    trainer: { kind: 'command', command },
  };
}

/** The model's `mlops.classes` metadata: a JSON list of class names (numbers are taken as their text). */
function classesOf(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return value.map(String);
  }
  throw new MlopsError(`${MODEL_FILE} has mlops.classes metadata that is not a JSON list of class names.`, {
    kind: 'input',
    where: { file: MODEL_FILE, field: 'mlops.classes' },
    expected: 'a JSON list, e.g. ["setosa", "versicolor"] or [0, 1]',
    found: text.length > 200 ? `${text.slice(0, 200)}…` : text,
    hint: 'Write the metadata with json.dumps(list_of_classes) in the training script.',
  });
}
