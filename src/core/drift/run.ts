/** drift-check end to end: resolve inputs, check, optionally accept the new reference, close the loop, write. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Platform } from '../../platform/types.js';
import type { MlopsConfig } from '../config.js';
import { closeEngine, openDataset } from '../data/engine.js';
import { MlopsError } from '../errors.js';
import { writeReport } from '../report/render.js';
import { closeTheLoop } from './alert.js';
import { type PredictionInput, runDriftCheck } from './check.js';
import { modelFile, openCurrent, productionVersion, resolveReference, staleness } from './inputs.js';
import { predictDataset } from './predict.js';
import { driftRenderer } from './render.js';
import type { DriftReport } from './report.js';
import { updateReference } from './update-reference.js';
import { profileColumnFromValues } from './values.js';

/** Profile column name under which register-model may store the model's predictions on the training data. */
export const PREDICTION_PROFILE_COLUMN = '@prediction';

export interface DriftRunOptions {
  platform: Platform;
  cwd: string;
  outDir: string;
  config: MlopsConfig;
  current?: string;
  reference?: string;
  retrain?: boolean;
  updateReference?: boolean;
  window?: string;
  windowEnd?: Date;
  now?: Date;
}

export interface DriftRunResult {
  report: DriftReport;
  reportPath: string;
}

export async function runDriftCheckAction(options: DriftRunOptions): Promise<DriftRunResult> {
  try {
    return await checkDrift(options);
  } finally {
    // Also removes the temporary Parquet copies of full mode and downloaded URL inputs.
    await closeEngine();
  }
}

async function checkDrift(options: DriftRunOptions): Promise<DriftRunResult> {
  const { platform, cwd, config } = options;
  const drift = config.drift;
  const modelName = config.model?.name ?? 'model';
  const currentSource = options.current ?? config.data.current;
  if (!currentSource) {
    throw new MlopsError('No current data to check.', {
      kind: 'usage',
      hint: 'Pass `current` (a file, glob, URL or prediction log) or set data.current in mlops.yaml.',
    });
  }
  const version = config.model ? await productionVersion(cwd, config.model.name) : undefined;
  const reference = await resolveReference({ cwd, config, input: options.reference, version });
  const windowSpec = options.window
    ? { column: drift.window?.column ?? 'timestamp', last: options.window }
    : drift.window
      ? { column: drift.window.column, last: drift.window.last }
      : undefined;
  const current = await openCurrent({
    cwd,
    source: currentSource,
    window: windowSpec,
    end: options.windowEnd,
    // Only full mode (which needs the reference data) reads the current data more than once.
    materialize: config.drift.mode === 'full' && reference.data !== undefined,
  });

  const label = config.model?.label;
  const ignore = [...(windowSpec ? [windowSpec.column] : []), PREDICTION_PROFILE_COLUMN];
  let prediction: PredictionInput | undefined;
  if (drift.prediction.enabled) {
    prediction = await predictionInput({ options, version, reference, current, label });
  }

  const report = await runDriftCheck({
    config: drift,
    reference,
    current: { dataset: current.dataset, source: current.source, window: current.window },
    features: config.model?.features,
    label,
    ignore,
    prediction,
    staleness: staleness(cwd, version, drift.maxAgeDays, options.now),
    model: config.model ? { name: config.model.name, version: version?.version.version } : undefined,
  });

  if (options.updateReference) {
    const profilePath =
      reference.path ?? (version ? `${version.dir}/reference-profile.json` : '.mlops/reference-profile.json');
    const update = await updateReference({
      cwd,
      model: modelName,
      profilePath,
      current: current.dataset,
      columns: Object.keys(reference.profile.columns).filter((c) => current.dataset.columns.some((x) => x.name === c)),
      quantiles: drift.profile.quantiles,
      maxCategories: drift.profile.maxCategories,
    });
    report.referenceUpdate = { branch: update.branch, commit: update.commit, path: update.path, pushed: update.pushed };
    // A pushed branch becomes a pull request; locally the platform records one for the branch.
    if (update.pushed || platform.name === 'local') {
      const pr = await platform.openPullRequest({
        head: update.branch,
        base: platform.context.defaultBranch,
        title: `drift: accept the current data as ${modelName}'s new reference`,
        body: [
          `\`mlops drift-check --update-reference\` rebuilt \`${update.path}\` from \`${current.source}\` (${update.profile.rows} rows).`,
          '',
          `The check that led here: ${report.verdict.drifted ? `drift (${report.verdict.reasons.join('; ')})` : 'no dataset drift'}.`,
          'Merging makes this profile the baseline of future drift checks; closing keeps the current one.',
        ].join('\n'),
        labels: ['drift', 'mlops'],
      });
      report.referenceUpdate.pullRequest = { number: pr.number, url: pr.url };
    }
    platform.log.info(
      `New reference committed on branch ${update.branch} (${update.commit.slice(0, 7)})${report.referenceUpdate.pullRequest ? `: pull request #${report.referenceUpdate.pullRequest.number}` : ': open a pull request from it to accept the new baseline'}.`,
    );
  }

  report.alert = await closeTheLoop(report, {
    platform,
    cwd,
    model: modelName,
    config: drift,
    retrain: options.retrain ?? drift.retrain.enabled,
    now: options.now,
  });
  const written = await writeReport(options.outDir, driftRenderer, report);
  return { report, reportPath: written.json };
}

/** The version's training data (lineage), else data.train, when it is readable from here. */
async function trainingData(options: DriftRunOptions, version: Awaited<ReturnType<typeof productionVersion>>) {
  const source = version?.version.lineage.data.find((d) => d.role === 'train')?.source ?? options.config.data.train;
  if (!source) return undefined;
  const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? source : resolve(options.cwd, source);
  if (!path.includes('://') && !existsSync(path)) return undefined;
  return openDataset(path).catch(() => undefined);
}

async function predictionInput(args: {
  options: DriftRunOptions;
  version: Awaited<ReturnType<typeof productionVersion>>;
  reference: Awaited<ReturnType<typeof resolveReference>>;
  current: Awaited<ReturnType<typeof openCurrent>>;
  label: string | undefined;
}): Promise<PredictionInput | undefined> {
  const { options, version, reference, current, label } = args;
  const path = await modelFile({
    cwd: options.cwd,
    platform: options.platform,
    path: options.config.drift.prediction.model,
    version,
  }).catch((error: unknown) => {
    options.platform.log.warning(`Prediction drift skipped: ${(error as Error).message}`);
    return undefined;
  });
  if (!path) {
    return { name: 'prediction', skipped: 'No model to run: register one or set drift.prediction.model.' };
  }
  try {
    const cur = await predictDataset(path, current.dataset, label);
    const name = cur.output === 'label' ? 'predicted label' : 'prediction';
    const stored = reference.profile.columns[PREDICTION_PROFILE_COLUMN];
    if (stored) return { name, reference: stored, current: cur.values };
    const referenceData = reference.data?.dataset ?? (await trainingData(options, version));
    if (referenceData) {
      const ref = await predictDataset(path, referenceData, label);
      return { name, reference: profileColumnFromValues(ref.values), current: cur.values };
    }
    return {
      name,
      skipped: `The reference profile has no ${PREDICTION_PROFILE_COLUMN} column and the training data is not available to run the model on.`,
    };
  } catch (error) {
    return { name: 'prediction', skipped: `The model could not be run on the data: ${(error as Error).message}` };
  }
}
