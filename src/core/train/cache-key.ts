/**
 * The training cache key. A model is reused only when everything that could change it is unchanged:
 *
 *   key = "mlops-train-" + <model name> + "-" + sha256(canonical JSON of {
 *     v:           key format version (bumped when the derivation changes),
 *     tool:        mlops-actions version (the built-in baselines are part of the tool),
 *     trainer:     { kind: "baseline", baseline } or { kind: "command", command },
 *     model:       { task, label, features } from mlops.yaml,
 *     code:        [{ path, sha256 }] of the declared code paths (files, directories, globs),
 *     data:        [{ role, sha256 }] content fingerprints of the training data and declared inputs,
 *     params:      sha256 of the canonical parameters,
 *     environment: { platform, arch, node major version, python version, sha256 of installed packages },
 *   }).slice(0, 40)
 *
 * Deliberately NOT in the key: the commit sha (an unrelated commit must not retrain), file names of a single
 * data file (content is what matters), timestamps, the CPU model and Node's minor version.
 */

import { sha256 } from '../fs.js';
import { TOOL_VERSION } from '../report/envelope.js';
import { canonicalJson } from './params.js';
import type { TrainEnvironment } from './report.js';

export const CACHE_KEY_VERSION = 1;

export interface CacheKeyInputs {
  modelName: string;
  trainer: { kind: 'baseline'; baseline: string } | { kind: 'command'; command: string };
  model: { task?: string; label?: string; features?: string[] };
  code: { path: string; sha256: string }[];
  data: { role: string; sha256: string }[];
  paramsHash: string;
  environment: TrainEnvironment;
}

/** The part of the environment that can change a trained model. */
export function environmentKey(environment: TrainEnvironment): Record<string, unknown> {
  return {
    platform: environment.platform,
    arch: environment.arch,
    node: environment.node.replace(/^v?(\d+).*$/, '$1'),
    python: environment.python
      ? { version: environment.python.version, packages: sha256(canonicalJson(environment.python.packages)) }
      : null,
  };
}

export function cacheKeyMaterial(inputs: CacheKeyInputs): string {
  return canonicalJson({
    v: CACHE_KEY_VERSION,
    tool: TOOL_VERSION,
    trainer: inputs.trainer,
    model: {
      task: inputs.model.task ?? null,
      label: inputs.model.label ?? null,
      features: inputs.model.features ?? null,
    },
    code: [...inputs.code].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    data: inputs.data.map((d) => ({ role: d.role, sha256: d.sha256 })),
    params: inputs.paramsHash,
    environment: environmentKey(inputs.environment),
  });
}

export function deriveCacheKey(inputs: CacheKeyInputs): string {
  const safeName = inputs.modelName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `mlops-train-${safeName}-${sha256(cacheKeyMaterial(inputs)).slice(0, 40)}`;
}
