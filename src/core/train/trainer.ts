/** What the two trainers (the user's command, the built-in baselines) get and give back to runTraining. */
import type { Logger } from '../../platform/types.js';
import type { MlopsConfig } from '../config.js';
import type { Params } from './params.js';
import type { DataFingerprint, RunMetrics, TrainRun } from './report.js';

export interface TrainerContext {
  cwd: string;
  runId: string;
  modelName: string;
  config: MlopsConfig;
  params: Params;
  data: DataFingerprint[];
  log: Logger;
  /** Absolute paths the trainer writes to. */
  paths: { dir: string; model: string; metrics: string; params: string };
}

export interface TrainerResult {
  status: 'succeeded' | 'failed';
  exitCode: number | null;
  logTail?: string[];
  metrics: RunMetrics;
  model: TrainRun['model'];
  trainer: TrainRun['trainer'];
}
