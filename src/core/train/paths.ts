/** Where a run's files live, relative to the working directory; the training command is told these paths. */
import { join } from 'node:path';

export const TRAIN_DIR = join('.mlops', 'train');
export const MODEL_FILE = join(TRAIN_DIR, 'model.onnx');
export const METRICS_FILE = join(TRAIN_DIR, 'metrics.json');
export const PARAMS_FILE = join(TRAIN_DIR, 'params.json');
export const RUN_FILE = join(TRAIN_DIR, 'TrainRun.json');
