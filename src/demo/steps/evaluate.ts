/**
 * Demo: gate the trained baseline (first model: value gates only, it passes), then gate a deliberately worse
 * model (trained on the island column alone) against the baseline as champion: blocked, with the reasons.
 * The blocked report is moved to .mlops/out/rejected/ so the baseline's passing report is the one later
 * steps (register-model) read.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateGateAction } from '../../actions/evaluate-gate.js';
import { closeEngine, openDataset } from '../../core/data/engine.js';
import { ExitCode, MlopsError } from '../../core/errors.js';
import { exportBaselineOnnx } from '../../core/model/onnx-linear.js';
import { trainBaseline } from '../../core/train/baseline.js';
import { MODEL_FILE } from '../../core/train/run.js';
import type { DemoContext } from '../context.js';
import type { DemoStep } from '../steps.js';

const GATES = [
  'evaluate:',
  '  gates:',
  '    - metric: accuracy   # must be at least 0.9 at the lower 95% bound',
  '      lower: 0.9',
  '      change: { tolerance: 0.02 }   # and may not drop more than 0.02 below the champion',
  '      slices: true',
  '    - metric: log_loss',
  '      change: { tolerance: 0.05 }',
  '      severity: warning',
  '',
].join('\n');

async function trainIslandOnly(ctx: DemoContext, dest: string): Promise<void> {
  const dataset = await openDataset(ctx.path('data', 'train.csv'));
  try {
    const data = await dataset.readAll(['species', 'island']);
    const { model } = trainBaseline(data, { label: 'species', features: ['island'] });
    writeFileSync(dest, exportBaselineOnnx(model));
  } finally {
    await closeEngine();
  }
}

/** The verdict, gates and metrics; slices, confusion matrix and latency stay in the report files. */
function untilSlices(summary: string): string {
  return summary.split('\n### Slices')[0] ?? summary;
}

function headline(summary: string): string {
  return summary.split('\n').find((l) => l.startsWith('Passed') || l.startsWith('Blocked')) ?? '';
}

export const evaluateStep: DemoStep = {
  title: 'Gate the model: the baseline passes, a worse candidate is blocked',
  async run(ctx) {
    const config = ctx.path('mlops.yaml');
    if (!readFileSync(config, 'utf8').includes('\nevaluate:')) {
      writeFileSync(config, `${readFileSync(config, 'utf8')}${GATES}`);
      ctx.git('add', 'mlops.yaml');
      ctx.git('commit', '-q', '-m', 'Evaluation gates: accuracy floor and no regression against the champion');
    }
    const baseline = ctx.path(MODEL_FILE);
    if (!existsSync(baseline)) {
      throw new MlopsError('The trained baseline is missing.', { kind: 'internal', where: { file: MODEL_FILE } });
    }
    ctx.say(`mlops evaluate-gate --model ${MODEL_FILE}   # no production model yet: only value gates apply\n`);
    const first = await ctx.run(evaluateGateAction, { model: MODEL_FILE }, { quiet: true });
    ctx.say(untilSlices(first.summary));
    if (first.exitCode !== ExitCode.Passed) {
      throw new MlopsError('The baseline should pass its evaluation gate.', {
        kind: 'internal',
        found: headline(first.summary),
      });
    }

    mkdirSync(ctx.path('models'), { recursive: true });
    const worse = join('models', 'island-only.onnx');
    await trainIslandOnly(ctx, ctx.path(worse));
    const out = ctx.path('.mlops', 'out');
    const kept = ctx.path('.mlops', 'out', 'passed');
    mkdirSync(kept, { recursive: true });
    for (const ext of ['json', 'md', 'junit.xml']) {
      copyFileSync(join(out, `EvaluationReport.${ext}`), join(kept, `EvaluationReport.${ext}`));
    }
    ctx.say(
      `\nmlops evaluate-gate --model ${worse} --champion ${MODEL_FILE}   # a model that only looks at the island\n`,
    );
    const second = await ctx.run(evaluateGateAction, { model: worse, champion: MODEL_FILE }, { quiet: true });
    if (second.exitCode !== ExitCode.Failed) {
      throw new MlopsError('The island-only model should have been blocked.', {
        kind: 'internal',
        found: `exit code ${second.exitCode}`,
      });
    }
    // The reader sees the verdict, the deciding gates and the metric deltas; the rest is in the report files.
    ctx.say(untilSlices(second.summary));
    ctx.say(`\nexit code ${second.exitCode}: the gate blocked the candidate, as it should. The demo continues.`);
    const rejected = ctx.path('.mlops', 'out', 'rejected');
    mkdirSync(rejected, { recursive: true });
    for (const ext of ['json', 'md', 'junit.xml']) {
      renameSync(join(out, `EvaluationReport.${ext}`), join(rejected, `EvaluationReport.${ext}`));
      copyFileSync(join(kept, `EvaluationReport.${ext}`), join(out, `EvaluationReport.${ext}`));
    }
    ctx.say(
      `Blocked report: .mlops/out/rejected/EvaluationReport.md; the baseline's passing report stays in .mlops/out/.`,
    );
  },
};
