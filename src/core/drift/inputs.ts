/**
 * Where the drift check's inputs come from: the reference (a profile file, reference data, the production
 * version's stored profile, or data.train), the current data (a file/glob/URL, optionally a time window of a
 * prediction log), the model for prediction drift, and the version's age for staleness.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Platform } from '../../platform/types.js';
import type { MlopsConfig } from '../config.js';
import { makeTemporaryDir, openDataset } from '../data/engine.js';
import type { Dataset } from '../data/types.js';
import { MlopsError } from '../errors.js';
import { buildReferenceProfile } from '../profile/build.js';
import { readReferenceProfile } from '../profile/io.js';
import { ident, stringLiteral } from '../profile/sql.js';
import { fetchModelArtifact } from '../registry/fetch.js';
import { type ResolvedModel, resolveModelRef } from '../registry/resolve.js';
import type { ReferenceInput } from './check.js';
import type { DriftReport } from './report.js';

/** The production version, else the latest one; undefined when the registry has no versions of the model. */
export async function productionVersion(cwd: string, model: string): Promise<ResolvedModel | undefined> {
  if (!existsSync(join(cwd, '.mlops', 'registry', model))) return undefined;
  try {
    return await resolveModelRef(cwd, `${model}#production`);
  } catch {
    try {
      return await resolveModelRef(cwd, `${model}:latest`);
    } catch {
      return undefined;
    }
  }
}

function isProfilePath(path: string): boolean {
  return /\.json$/i.test(path) && !/\.jsonl$/i.test(path);
}

export async function resolveReference(options: {
  cwd: string;
  config: MlopsConfig;
  input?: string;
  version?: ResolvedModel;
}): Promise<ReferenceInput> {
  const { cwd, config, version } = options;
  const drift = config.drift;
  const profileOptions = {
    quantiles: drift.profile.quantiles,
    maxCategories: drift.profile.maxCategories,
    sketchNumeric: drift.mode !== 'full',
  };
  // Full mode scans the reference data several times (profile, categories, numeric values): parse it once.
  const open = (path: string) => openDataset(path, { materialize: drift.mode === 'full', rowOrder: 'any' });
  const explicit = options.input ?? drift.reference;
  if (explicit) {
    if (isProfilePath(explicit)) {
      const path = resolve(cwd, explicit);
      return { source: explicit, profile: await readReferenceProfile(path), stored: true, path };
    }
    const dataset = await open(resolveSource(cwd, explicit));
    return {
      source: explicit,
      profile: await buildReferenceProfile(dataset, profileOptions),
      data: { dataset },
      stored: false,
    };
  }
  if (version) {
    const stored = version.version.referenceProfile ?? join(version.dir, 'reference-profile.json');
    const path = resolve(cwd, stored);
    const trainSource = version.version.lineage.data.find((d) => d.role === 'train')?.source ?? config.data.train;
    if (drift.mode === 'full' && trainSource && existsSync(resolve(cwd, trainSource))) {
      const dataset = await open(resolve(cwd, trainSource));
      return {
        source: trainSource,
        profile: await buildReferenceProfile(dataset, profileOptions),
        data: { dataset },
        stored: false,
      };
    }
    if (existsSync(path)) {
      return {
        source: stored,
        profile: await readReferenceProfile(path),
        stored: true,
        path,
      };
    }
  }
  if (config.data.train) {
    const dataset = await open(resolveSource(cwd, config.data.train));
    return {
      source: config.data.train,
      profile: await buildReferenceProfile(dataset, profileOptions),
      data: { dataset },
      stored: false,
    };
  }
  throw new MlopsError('No reference to compare with.', {
    kind: 'usage',
    expected: 'a reference profile or reference data',
    hint: 'Register the model (its reference-profile.json is the default), set drift.reference or data.train in mlops.yaml, or pass --reference.',
  });
}

function resolveSource(cwd: string, source: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? source : resolve(cwd, source);
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(m|h|d|w)$/.exec(text.trim());
  if (!m) {
    throw new MlopsError(`"${text}" is not a duration.`, {
      kind: 'usage',
      expected: 'a number and a unit: 30m, 24h, 7d, 2w',
      found: JSON.stringify(text),
    });
  }
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

export interface CurrentInput {
  dataset: Dataset;
  source: string;
  window?: { column: string; from: string; to: string };
}

/**
 * Opens the current data. With a window, the rows of the window are copied once into a temporary Parquet file
 * (by the engine, in SQL), so every later step (SQL aggregates, batches for inference) sees only those rows.
 */
export async function openCurrent(options: {
  cwd: string;
  source: string;
  window?: { column: string; last: string };
  end?: Date;
  /** Parse a text file once (full mode reads the current data more than once). */
  materialize?: boolean;
}): Promise<CurrentInput> {
  // Drift statistics do not depend on row order (predictions read features and label in one pass).
  const dataset = await openDataset(resolveSource(options.cwd, options.source), {
    materialize: options.materialize && !options.window,
    rowOrder: 'any',
  });
  if (!options.window) return { dataset, source: options.source };
  const { column, last } = options.window;
  const span = parseDuration(last);
  const info = dataset.columns.find((c) => c.name === column);
  if (!info) {
    throw new MlopsError(`The prediction log ${options.source} has no timestamp column "${column}".`, {
      kind: 'input',
      where: { file: options.source, field: column },
      expected: `a timestamp column; found ${dataset.columns.map((c) => c.name).join(', ')}`,
      hint: 'Set drift.window.column to the log’s timestamp column.',
    });
  }
  const to = options.end ?? new Date();
  const from = new Date(to.getTime() - span);
  const dir = await makeTemporaryDir('mlops-drift-window-');
  const file = join(dir, 'window.parquet');
  const ts = `TRY_CAST(${ident(column)} AS TIMESTAMPTZ)`;
  await dataset.query(
    `COPY (SELECT * FROM ${dataset.relation} WHERE ${ts} > ${stringLiteral(from.toISOString())}::TIMESTAMPTZ AND ${ts} <= ${stringLiteral(to.toISOString())}::TIMESTAMPTZ) TO ${stringLiteral(file)} (FORMAT parquet)`,
  );
  return {
    dataset: await openDataset(file),
    source: options.source,
    window: { column, from: from.toISOString(), to: to.toISOString() },
  };
}

/** The model file for prediction drift: a configured path, or the registered version's artifact. */
export async function modelFile(options: {
  cwd: string;
  platform: Platform;
  path?: string;
  version?: ResolvedModel;
}): Promise<string | undefined> {
  if (options.path) return resolve(options.cwd, options.path);
  if (!options.version) return undefined;
  const dir = await makeTemporaryDir('mlops-drift-model-');
  const dest = join(dir, options.version.version.artifact.name);
  await fetchModelArtifact(options.platform, options.version.version, dest);
  return dest;
}

function commitDate(cwd: string, commit: string | null): Date | undefined {
  if (!commit) return undefined;
  try {
    const iso = execFileSync('git', ['show', '-s', '--format=%cI', commit], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return iso ? new Date(iso) : undefined;
  } catch {
    return undefined;
  }
}

/** Age of the production version (since registration) and of its training data (its build commit). */
export function staleness(
  cwd: string,
  version: ResolvedModel | undefined,
  maxAgeDays: number | undefined,
  now = new Date(),
): DriftReport['staleness'] {
  if (!version) return undefined;
  const days = (d: Date | undefined) => (d ? (now.getTime() - d.getTime()) / 86_400_000 : null);
  const modelAgeDays = days(new Date(version.version.registeredAt));
  const dataAgeDays = days(commitDate(cwd, version.version.lineage.commit)) ?? modelAgeDays;
  const stale = maxAgeDays !== undefined && ((modelAgeDays ?? 0) > maxAgeDays || (dataAgeDays ?? 0) > maxAgeDays);
  return { maxAgeDays: maxAgeDays ?? null, modelVersion: version.version.version, modelAgeDays, dataAgeDays, stale };
}
