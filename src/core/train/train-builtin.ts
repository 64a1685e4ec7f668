/** The built-in baselines as a trainer: read the data through the engine, fit, export ONNX, check it loads. */
import { writeFileAtomic } from '../fs.js';
import { exportBaselineOnnx } from '../model/onnx-linear.js';
import { type BaselineName, type BaselineParams, type Task, trainBaseline } from './baseline.js';
import { checkOnnxModel } from './model-check.js';
import type { Params } from './params.js';
import { MODEL_FILE } from './paths.js';
import type { RunMetrics } from './report.js';
import type { TrainerContext, TrainerResult } from './trainer.js';

/** Parameters the baselines understand, by their params.yaml names. */
export function baselineParams(params: Params): BaselineParams {
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return { C: num(params.C), alpha: num(params.alpha), tol: num(params.tol), maxIter: num(params.max_iter) };
}

export async function trainWithBaseline(
  ctx: TrainerContext,
  baseline: BaselineName,
  source: string,
  label: string,
): Promise<TrainerResult> {
  const features = ctx.config.model?.features;
  // Loaded on demand: command runs never start the data engine.
  const { readTrainingColumns } = await import('./read-data.js');
  const columns = await readTrainingColumns(source, ctx.cwd, label, features);
  const result = await ctx.log.group(`Training the built-in baseline (${baseline}) on ${source}`, async () => {
    const trained = trainBaseline(columns, {
      label,
      task: ctx.config.model?.task as Task | undefined,
      features,
      baseline,
      params: baselineParams(ctx.params),
    });
    ctx.log.info(
      `${trained.model.baseline}: ${trained.metrics.rows} rows, ${trained.model.coefficients.d} design columns, ${trained.solver.iterations} iteration(s), converged: ${trained.solver.converged}`,
    );
    return trained;
  });
  await writeFileAtomic(
    ctx.paths.model,
    exportBaselineOnnx(result.model, { metadata: { 'mlops.model': ctx.modelName } }),
  );
  const metrics: RunMetrics = {};
  for (const [name, value] of Object.entries(result.metrics)) {
    if (typeof value === 'number')
      metrics[name === 'logLoss' ? 'log_loss' : name] = Number.isFinite(value) ? value : null;
  }
  await writeFileAtomic(ctx.paths.metrics, `${JSON.stringify(metrics, null, 2)}\n`);
  await checkOnnxModel(ctx.paths.model, MODEL_FILE);
  const { solver } = result;
  return {
    status: 'succeeded',
    exitCode: 0,
    metrics,
    model: {
      name: ctx.modelName,
      task: result.model.task,
      label,
      features: result.model.features.map((f) => f.name),
      classes: result.model.task === 'regression' ? undefined : result.model.classes,
    },
    trainer: {
      kind: 'baseline',
      baseline: result.model.baseline,
      solver: { ...solver, objective: Number.isFinite(solver.objective) ? solver.objective : null },
    },
  };
}
