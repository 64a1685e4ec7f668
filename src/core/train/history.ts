/**
 * Run history and the base run to compare against. Every run is kept locally as .mlops/runs/<runId>.json
 * (`mlops runs` lists them). The base branch's latest run is found, in order, in that local history, in the
 * Git registry (.mlops/registry/<model>/<version>/model.json) or through a pointer the train action saves in the
 * platform cache under `mlops-train-latest-<model>-<branch>-<runId>` (restored by prefix: the newest wins).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { CacheStore } from '../../platform/types.js';
import { writeFileAtomic } from '../fs.js';
import { type RunComparison, type TrainRun, trainRun } from './report.js';

export const RUNS_DIR = join('.mlops', 'runs');
/** Relative to cwd: where the base run's TrainRun is restored from, and the current one saved to, the cache (paths given to the cache are absolute: the action's cwd may be below the workspace). */
export const POINTER_FILE = join('.mlops', 'train', 'pointer', 'TrainRun.json');

export function branchOf(ref: string | undefined): string {
  return (ref ?? '').replace(/^refs\/(heads|tags)\//, '') || 'main';
}

function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function pointerKeyPrefix(modelName: string, branch: string): string {
  return `mlops-train-latest-${safe(modelName)}-${safe(branch)}-`;
}

export async function recordRun(cwd: string, run: TrainRun): Promise<string> {
  const file = join(cwd, RUNS_DIR, `${run.runId}.json`);
  await writeFileAtomic(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}

/** Recorded runs, oldest first; unreadable files are skipped (and counted). */
export async function listRuns(cwd: string): Promise<{ runs: TrainRun[]; skipped: string[] }> {
  const dir = join(cwd, RUNS_DIR);
  if (!existsSync(dir)) return { runs: [], skipped: [] };
  const runs: TrainRun[] = [];
  const skipped: string[] = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()) {
    try {
      runs.push(trainRun.parse(JSON.parse(await readFile(join(dir, name), 'utf8'))));
    } catch {
      skipped.push(name);
    }
  }
  runs.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.runId < b.runId ? -1 : 1));
  return { runs, skipped };
}

function comparisonOf(run: TrainRun, source: string): RunComparison {
  return {
    runId: run.runId,
    source,
    ref: run.code.ref,
    commit: run.code.commit,
    params: run.params,
    metrics: run.metrics,
  };
}

/** The parts of a ModelVersion (registry) that carry its training run; read loosely, the schema is not ours. */
const registryEntry = z.object({
  version: z.string().optional(),
  lineage: z
    .object({
      trainRun: z
        .object({
          runId: z.string(),
          params: z.record(z.string(), z.unknown()).optional(),
          metrics: z.record(z.string(), z.number().nullable()).optional(),
          commit: z.string().nullable().optional(),
        })
        .optional(),
    })
    .optional(),
});

async function fromRegistry(cwd: string, modelName: string): Promise<RunComparison | undefined> {
  const dir = join(cwd, '.mlops', 'registry', modelName);
  if (!existsSync(dir)) return undefined;
  const versions = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  const semver = (v: string) =>
    v
      .replace(/^v/, '')
      .split(/[.-]/)
      .map((p) => Number.parseInt(p, 10) || 0);
  versions.sort((a, b) => {
    const [x, y] = [semver(a), semver(b)];
    for (let i = 0; i < Math.max(x.length, y.length); i++)
      if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
    return 0;
  });
  for (const version of versions.reverse()) {
    const file = join(dir, version, 'model.json');
    if (!existsSync(file)) continue;
    const parsed = registryEntry.safeParse(JSON.parse(await readFile(file, 'utf8')));
    const run = parsed.success ? parsed.data.lineage?.trainRun : undefined;
    if (run) {
      return {
        runId: run.runId,
        source: `registry:${modelName}@${version}`,
        commit: run.commit ?? null,
        params: run.params ?? {},
        metrics: run.metrics ?? {},
      };
    }
  }
  return undefined;
}

export interface BaseRunQuery {
  cwd: string;
  modelName: string;
  /** The branch to compare with (the PR's base, else the default branch). */
  baseBranch: string;
  /** Excluded: the run being recorded now. */
  currentRunId: string;
  cache?: CacheStore;
}

export async function findBaseRun(query: BaseRunQuery): Promise<RunComparison | undefined> {
  const { runs } = await listRuns(query.cwd);
  const local = runs
    .filter(
      (r) =>
        r.runId !== query.currentRunId &&
        r.status === 'succeeded' &&
        (r.model.name ?? 'model') === query.modelName &&
        branchOf(r.code.ref) === query.baseBranch,
    )
    .pop();
  if (local) return comparisonOf(local, `runs:${join(RUNS_DIR, `${local.runId}.json`)}`);
  const registered = await fromRegistry(query.cwd, query.modelName);
  if (registered) return registered;
  if (!query.cache) return undefined;
  const prefix = pointerKeyPrefix(query.modelName, query.baseBranch);
  const hit = await query.cache
    .restore([join(query.cwd, POINTER_FILE)], `${prefix}none`, [prefix])
    .catch(() => undefined);
  const file = join(query.cwd, POINTER_FILE);
  if (!hit || !existsSync(file)) return undefined;
  const parsed = trainRun.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success || parsed.data.runId === query.currentRunId) return undefined;
  return comparisonOf(parsed.data, `cache:${hit}`);
}

/** Saves this run as the newest of its branch, for later runs (other branches' PRs) to compare against. */
export async function savePointer(cwd: string, cache: CacheStore, run: TrainRun, modelName: string): Promise<void> {
  await writeFileAtomic(join(cwd, POINTER_FILE), `${JSON.stringify(run, null, 2)}\n`);
  await cache
    // The same absolute path as restore() uses: the cache matches entries by their path list too.
    .save([join(cwd, POINTER_FILE)], `${pointerKeyPrefix(modelName, branchOf(run.code.ref))}${run.runId}`)
    .catch(() => false);
}
