import { driftRenderer } from '../core/drift/render.js';
import { runDriftCheckAction } from '../core/drift/run.js';
import { ExitCode } from '../core/errors.js';
import { renderMarkdown } from '../core/report/render.js';
import { commonInputs, defineAction, failOnInput } from './define.js';

export const driftCheckAction = defineAction({
  name: 'drift-check',
  title: 'Drift check',
  description:
    'Compare production data and predictions with the training reference, report per-feature drift, open or update an alert issue and trigger retraining.',
  icon: 'activity',
  color: 'red',
  inputs: {
    ...commonInputs,
    current: { description: 'Current data: a path, glob or URL, or a prediction log. Default: `data.current`.' },
    reference: { description: "Reference data or profile. Default: the production version's stored profile." },
    window: {
      description:
        'Check only the last part of a prediction log, e.g. `24h` or `7d` (timestamp column from `drift.window.column`).',
    },
    retrain: {
      description: 'Trigger retraining when drift is found (also on when `drift.retrain.enabled` is true).',
      type: 'boolean',
    },
    'update-reference': {
      description:
        'Accept the current data as the new normal: commit a rebuilt reference profile on a branch for review.',
      type: 'boolean',
    },
    'fail-on': failOnInput,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression the runner evaluates
    token: { description: 'Token for the platform API.', workflowDefault: '${{ github.token }}' },
  },
  outputs: {
    drifted: { description: '`true` when the dataset drifted.' },
    report: { description: 'Path of the DriftReport JSON.' },
    'drifted-columns': { description: 'Comma-separated drifted columns.' },
  },
  async run({ platform, inputs, cwd, outDir, config }) {
    const { config: loaded } = await config();
    const { report, reportPath } = await runDriftCheckAction({
      platform,
      cwd,
      outDir,
      config: loaded,
      current: inputs.optional('current'),
      reference: inputs.optional('reference'),
      window: inputs.optional('window'),
      // Either turns retraining on: a template passing retrain: false on schedules must not override mlops.yaml.
      retrain: inputs.boolean('retrain') || loaded.drift.retrain.enabled,
      updateReference: inputs.boolean('update-reference'),
    });
    const failOn = inputs.choice<'error' | 'warning' | 'never'>('fail-on');
    const { verdict } = report;
    const failed = failOn !== 'never' && (verdict.drifted || (failOn === 'warning' && verdict.stale));
    return {
      exitCode: failed ? ExitCode.Failed : ExitCode.Passed,
      outputs: {
        drifted: String(verdict.drifted),
        report: reportPath,
        'drifted-columns': verdict.driftedColumns.join(','),
      },
      summary: renderMarkdown(driftRenderer, report, 'summary'),
      headline: verdict.drifted
        ? `Drift: ${verdict.reasons.join('; ')}`
        : `No drift: ${verdict.driftedColumns.length} of ${report.columns.length} columns drifted`,
    };
  },
});
