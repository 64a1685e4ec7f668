/** The drift check itself: reference + current data in, a DriftReport (without alert outcome) out. */

import type { ColumnValues } from '../data/types.js';
import { displaySource } from '../display-source.js';
import { MlopsError } from '../errors.js';
import { columnKind } from '../profile/build.js';
import type { ColumnProfile, ReferenceProfile } from '../profile/schema.js';
import { envelope } from '../report/envelope.js';
import { type ColumnComparison, type CurrentData, compareFull, compareWithProfile, matchColumns } from './compare.js';
import type { DriftConfig } from './config.js';
import { decideColumns } from './decide.js';
import type { ColumnDrift, DriftFinding, DriftReport } from './report.js';
import { compareValuesWithProfile } from './values.js';

export interface ReferenceInput {
  source: string;
  profile: ReferenceProfile;
  /** The reference data itself; required in full mode. */
  data?: CurrentData;
  /** True when the profile was read from a stored reference-profile.json. */
  stored: boolean;
  /** Where that stored profile is (for --update-reference). */
  path?: string;
}

export interface PredictionInput {
  /** Name shown in the report, e.g. "prediction (label)". */
  name: string;
  reference?: ColumnProfile;
  current?: ColumnValues;
  /** Why prediction drift could not be checked. */
  skipped?: string;
}

export interface DriftCheckInput {
  config: DriftConfig;
  reference: ReferenceInput;
  current: CurrentData & { source: string; window?: { column: string; from: string; to: string } };
  /** Feature columns to check; default: every profiled column but label and ignored ones. */
  features?: string[];
  label?: string;
  /** Columns never compared (timestamps, ids, a logged prediction column). */
  ignore?: string[];
  prediction?: PredictionInput;
  staleness?: DriftReport['staleness'];
  model?: DriftReport['model'];
  /** Current data up to this many rows is read whole against a profile (default EXACT_CURRENT_ROWS). */
  exactCurrentRows?: number;
}

function approximation(ref: ReferenceInput, mode: 'profile' | 'full', columns: ColumnDrift[]): string {
  if (mode === 'full') return 'exact: statistics computed from the full reference data';
  const worstKs = Math.max(
    0,
    ...columns.flatMap((c) => c.statistics.filter((s) => s.test === 'ks').map((s) => s.bound)),
  );
  const worstW = Math.max(
    0,
    ...columns.flatMap((c) => c.statistics.filter((s) => s.test === 'wasserstein').map((s) => s.bound)),
  );
  const q = ref.profile.settings.quantiles;
  if (worstKs === 0 && worstW === 0) return `exact: the profile holds every distinct value (<= ${q} per column)`;
  return `sketch with ${q} quantile knots per numeric column: KS within ±${worstKs.toPrecision(2)}, normalised Wasserstein within ±${worstW.toPrecision(2)} (worst column); category counts exact`;
}

function emptyCurrent(current: DriftCheckInput['current']): MlopsError {
  const windowed = Boolean(current.where || current.window);
  return new MlopsError(
    windowed
      ? `The current data ${current.source} has no rows in the window ${current.window ? `${current.window.from} .. ${current.window.to}` : current.where}.`
      : `The current data ${current.source} has no rows.`,
    {
      kind: 'input',
      where: { file: current.source },
      expected: 'at least one row to compare with the reference',
      hint: windowed
        ? 'Widen the window (drift.window.last) or check that the model server is writing its prediction log.'
        : 'Point `current` at the production data of the period to check.',
    },
  );
}

export async function runDriftCheck(input: DriftCheckInput): Promise<DriftReport> {
  const { config, reference, current } = input;
  const profile = reference.profile;
  const findings: DriftFinding[] = [];
  if (profile.rows === 0) {
    throw new MlopsError(`The reference ${reference.source} has no rows.`, {
      kind: 'input',
      where: { file: reference.source },
      hint: 'Rebuild the reference profile from the training data.',
    });
  }

  const ignore = new Set([...(input.ignore ?? []), ...(input.label ? [input.label] : [])]);
  const wanted = (input.features ?? Object.keys(profile.columns)).filter((c) => !ignore.has(c));
  const notProfiled = wanted.filter((c) => !profile.columns[c]);
  for (const column of notProfiled) {
    findings.push({
      severity: 'warning',
      code: 'missing-column',
      column,
      message: `"${column}" is a feature but is not in the reference profile; it is not checked.`,
    });
  }
  const { present, missing, typeChanged } = matchColumns(profile, current.dataset, wanted);
  for (const column of missing) {
    findings.push({
      severity: 'error',
      code: 'missing-column',
      column,
      message: `"${column}" is in the reference but missing from the current data: the model cannot be fed.`,
    });
  }
  for (const t of typeChanged) {
    findings.push({
      severity: 'error',
      code: 'type-changed',
      column: t.column,
      message: `"${t.column}" was ${t.reference.kind} (${t.reference.engineType}) in the reference and is ${t.found.engineType} now.`,
    });
  }
  for (const c of current.dataset.columns) {
    if (!profile.columns[c.name] && !ignore.has(c.name) && columnKind(c.type) !== undefined && !input.features) {
      findings.push({
        severity: 'info',
        code: 'new-column',
        column: c.name,
        message: `"${c.name}" is in the current data but not in the reference.`,
      });
    }
  }

  const mode = config.mode === 'full' && reference.data ? 'full' : 'profile';
  const skip = new Set(
    Object.entries(config.columns)
      .filter(([, o]) => o.skip)
      .map(([k]) => k),
  );
  const featureColumns = present.filter((c) => !skip.has(c.name));
  const labelColumns =
    input.label && profile.columns[input.label] ? matchColumns(profile, current.dataset, [input.label]).present : [];
  // One scan of the current data for features and label together.
  let rows: number;
  let comparisons: ColumnComparison[];
  if (mode === 'full') {
    ({ rows, comparisons } = await compareFull(reference.data!, profile, current, [
      ...featureColumns,
      ...labelColumns,
    ]));
    if (rows === 0) throw emptyCurrent(current);
  } else {
    ({ rows, comparisons } = await compareWithProfile(
      profile,
      current,
      [...featureColumns, ...labelColumns],
      input.exactCurrentRows,
    ));
    if (rows === 0) throw emptyCurrent(current);
  }
  const columns = decideColumns(comparisons.slice(0, featureColumns.length), { config, role: 'feature' });
  const label: ColumnDrift | undefined = labelColumns.length
    ? decideColumns(comparisons.slice(featureColumns.length), { config, role: 'label' })[0]
    : undefined;

  let prediction: ColumnDrift | undefined;
  if (input.prediction?.reference && input.prediction.current) {
    const comparison = compareValuesWithProfile(
      input.prediction.name,
      input.prediction.reference,
      input.prediction.current,
    );
    [prediction] = decideColumns([comparison], { config, role: 'prediction' });
  } else if (input.prediction?.skipped) {
    findings.push({ severity: 'warning', code: 'prediction-skipped', message: input.prediction.skipped });
  }

  for (const c of columns) {
    const cat = profile.columns[c.column]?.categorical;
    if (cat && cat.otherCount > 0) {
      findings.push({
        severity: 'info',
        code: 'too-many-categories',
        column: c.column,
        message: `"${c.column}" has ${cat.distinct} categories; the ${cat.categories.length} most frequent are compared one by one, the rest as "(other)".`,
      });
    }
  }
  for (const c of [...columns, ...(label ? [label] : [])]) {
    if (c.newCategories.length > 0) {
      findings.push({
        severity: c.drifted ? 'warning' : 'info',
        code: 'new-categories',
        column: c.column,
        message: `"${c.column}" has values never seen in the reference: ${c.newCategories.slice(0, 5).join(', ')}${c.newCategories.length > 5 ? ', …' : ''}.`,
      });
    }
    if (c.vanishedCategories.length > 0) {
      findings.push({
        severity: 'info',
        code: 'vanished-categories',
        column: c.column,
        message: `"${c.column}" no longer has: ${c.vanishedCategories.slice(0, 5).join(', ')}${c.vanishedCategories.length > 5 ? ', …' : ''}.`,
      });
    }
    if (c.nullShare.drifted) {
      findings.push({
        severity: 'warning',
        code: 'null-share',
        column: c.column,
        message: `"${c.column}" missing values went from ${(c.nullShare.reference * 100).toFixed(1)}% to ${(c.nullShare.current * 100).toFixed(1)}%.`,
      });
    }
  }

  const broken = [...missing, ...typeChanged.map((t) => t.column)];
  const drifted = [...broken, ...columns.filter((c) => c.drifted).map((c) => c.column)];
  const checked = columns.length + broken.length;
  const driftedShare = checked > 0 ? drifted.length / checked : 0;
  const stale = input.staleness?.stale ?? false;
  const reasons: string[] = [];
  if (driftedShare >= config.driftShare) {
    reasons.push(
      `${drifted.length} of ${checked} feature columns drifted (${(driftedShare * 100).toFixed(0)}% >= ${(config.driftShare * 100).toFixed(0)}%)`,
    );
  }
  if (prediction?.drifted) reasons.push(`the model's predictions drifted (${prediction.decision})`);
  if (broken.length > 0) reasons.push(`columns missing or with a changed type: ${broken.join(', ')}`);
  if (stale) reasons.push('the production model or its training data is older than drift.maxAgeDays');
  const datasetDrifted = driftedShare >= config.driftShare || (prediction?.drifted ?? false) || broken.length > 0;

  columns.sort((a, b) => Number(b.drifted) - Number(a.drifted) || b.score - a.score);
  return {
    ...envelope('DriftReport'),
    model: input.model,
    reference: {
      source: displaySource(reference.source),
      mode,
      rows: profile.rows,
      approximation: approximation(reference, mode, [...columns, ...(label ? [label] : [])]),
    },
    current: { source: displaySource(current.source), rows, window: current.window },
    settings: {
      correction: config.correction,
      alpha: config.alpha,
      sampleSizeThreshold: config.sampleSizeThreshold,
      driftShare: config.driftShare,
    },
    verdict: {
      drifted: datasetDrifted,
      driftedShare,
      driftedColumns: drifted,
      predictionDrifted: prediction?.drifted ?? false,
      stale,
      reasons,
    },
    columns,
    prediction,
    label,
    staleness: input.staleness,
    findings,
  };
}
