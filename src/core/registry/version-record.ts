/** model.json of a new version: what was registered, why this number, and where it came from (lineage). */

import type { RunContext } from '../../platform/types.js';
import type { CardInputs, TrainRunView } from '../card/inputs.js';
import { envelope } from '../report/envelope.js';
import type { BuildContext } from './register.js';
import { type ModelVersion, versionDir } from './schema.js';

export interface VersionRecordInput {
  name: string;
  build: BuildContext;
  inputs: CardInputs;
  context: RunContext;
  registeredAt: string;
  hasReferenceProfile: boolean;
}

export function buildModelVersion(input: VersionRecordInput): ModelVersion {
  const { name, build: ctx, context } = input;
  const run = input.inputs.trainRun;
  const ev = input.inputs.evaluation;
  const dir = versionDir(name, ctx.version);
  const now = input.registeredAt;
  const classes = run?.model.classes ?? ev?.classes ?? jsonArray(ctx.metadata['mlops.classes']);
  const task =
    run?.model.task ?? (ev?.task as ModelVersion['task']) ?? (ctx.metadata['mlops.task'] as ModelVersion['task']);
  const modelVersion: ModelVersion = {
    ...envelope('ModelVersion'),
    name,
    version: ctx.version,
    tag: ctx.tag,
    ...(task && ['binary', 'multiclass', 'regression'].includes(task) ? { task } : {}),
    ...(classes ? { classes } : {}),
    artifact: ctx.artifact,
    signature: ctx.signature,
    versioning: ctx.versioning,
    lineage: {
      commit: run?.code?.commit ?? context.sha ?? null,
      trainRun: run
        ? {
            runId: run.runId,
            ...(originOf(run) !== run.runId ? { originRunId: originOf(run) } : {}),
            commit: run.code?.commit ?? null,
            ...(run.code?.dirty !== undefined ? { dirty: run.code.dirty } : {}),
            ...(run.trainer ? { trainer: run.trainer.baseline ?? run.trainer.kind } : {}),
            ...(run.trainer?.command ? { command: run.trainer.command } : {}),
            params: run.params,
            ...(run.paramsHash ? { paramsHash: run.paramsHash } : {}),
            ...(run.durationMs !== undefined ? { durationMs: run.durationMs } : {}),
            metrics: run.metrics,
            ...(run.environment ? { environment: run.environment } : {}),
          }
        : null,
      evaluation: ev
        ? {
            verdict: ev.verdict,
            headline: ev.headline,
            ...(ev.data ? { data: ev.data.source, rows: ev.data.rows } : {}),
            metrics: ev.metrics.map((m) => ({
              name: m.name,
              value: m.candidate.value,
              lower: m.candidate.lower,
              upper: m.candidate.upper,
              delta: m.delta?.value ?? null,
            })),
            gates: ev.gates.map((g) => ({ name: g.name, status: g.status, reason: g.reason })),
            champion: ev.champion?.version ?? ev.champion?.ref ?? null,
            ...(ev.latency?.perRowMs ? { latencyP95Ms: ev.latency.perRowMs.p95 } : {}),
          }
        : null,
      data: (run?.data ?? []).map((d) => ({
        role: d.role,
        source: d.source,
        sha256: d.sha256,
        ...(d.bytes !== undefined ? { bytes: d.bytes } : {}),
      })),
    },
    registeredAt: now,
    ...(context.actor ? { registeredBy: context.actor } : {}),
    card: { markdown: `${dir}/card.md`, json: `${dir}/card.json` },
    ...(input.hasReferenceProfile ? { referenceProfile: `${dir}/reference-profile.json` } : {}),
    stages: [],
    currentStages: [],
    deprecated: false,
  };
  return modelVersion;
}

export function originOf(run: TrainRunView): string {
  return run.cache?.restoredRunId ?? run.runId;
}

/**
 * A re-run of the same job: the same training run (directly or restored from the training cache), or a
 * deterministic retrain of the same commit, parameters and data.
 */
export function sameTrainingRun(version: ModelVersion, run: TrainRunView): boolean {
  const registered = version.lineage.trainRun;
  if (!registered) return false;
  const origin = originOf(run);
  if (
    [registered.runId, registered.originRunId].some((id) => id !== undefined && (id === run.runId || id === origin))
  ) {
    return true;
  }
  const sameInputs =
    registered.commit !== null &&
    registered.commit === (run.code?.commit ?? null) &&
    registered.paramsHash !== undefined &&
    registered.paramsHash === run.paramsHash;
  const dataOf = (d: { role: string; sha256: string }[]) =>
    d
      .map((x) => `${x.role}:${x.sha256}`)
      .sort()
      .join(',');
  return sameInputs && dataOf(version.lineage.data) === dataOf(run.data);
}

function jsonArray(text: string | undefined): string[] | undefined {
  if (!text) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
  } catch {
    return undefined;
  }
}
