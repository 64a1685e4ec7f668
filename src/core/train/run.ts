/**
 * One training run, from inputs to a TrainRun: fingerprint code, data, params and environment; derive the
 * cache key; restore a cached model or train (the user's command or a built-in baseline); check the model
 * loads in onnxruntime; record, cache, upload and compare with the base branch's latest run.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Platform } from '../../platform/types.js';
import type { MlopsConfig } from '../config.js';
import { fingerprintInput } from '../data/fingerprint.js';
import { displaySource } from '../display-source.js';
import { describeError, MlopsError } from '../errors.js';
import { sha256File, writeFileAtomic } from '../fs.js';
import { envelope } from '../report/envelope.js';
import { BASELINES, type BaselineName } from './baseline.js';
import { deriveCacheKey } from './cache-key.js';
import { codePathsOf } from './code-paths.js';
import { collectEnvironment } from './environment.js';
import { branchOf, findBaseRun, recordRun, savePointer } from './history.js';
import { loadParams, paramsHash } from './params.js';
import { METRICS_FILE, MODEL_FILE, PARAMS_FILE, RUN_FILE, TRAIN_DIR } from './paths.js';
import { type DataFingerprint, type TrainRun, trainRun } from './report.js';
import { trainWithBaseline } from './train-builtin.js';
import { trainWithCommand } from './train-command.js';

export { METRICS_FILE, MODEL_FILE, PARAMS_FILE, RUN_FILE, TRAIN_DIR } from './paths.js';

export interface TrainRequest {
  platform: Platform;
  cwd: string;
  config: MlopsConfig;
  command?: string;
  baseline?: string;
  data?: string;
  params?: string;
  force?: boolean;
}

export interface TrainOutcome {
  run: TrainRun;
  modelPath: string;
  runPath: string;
}

export function newRunId(now = new Date()): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

function gitState(cwd: string): { commit: string | null; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const status = execFileSync('git', ['status', '--porcelain'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    // Our own outputs under .mlops/ are not a change to the code.
    const dirty = status
      .split('\n')
      .filter(Boolean)
      .some((line) => !line.slice(3).replace(/^"/, '').startsWith('.mlops/'));
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: false };
  }
}

/** Artifact namespace of training runs: one version per run, apart from the registry's `<model>@v<semver>`. */
export function runArtifactNamespace(modelName: string): string {
  return `${modelName}-runs`;
}

/**
 * Stores a run's file in the platform's artifact store. A store that refuses (e.g. a workflow without
 * `contents: write`) is a warning: the model is still the step's output, and register-model stores it for good.
 */
async function upload(platform: Platform, modelName: string, runId: string, file: string, name: string) {
  try {
    return (await platform.artifacts.put(runArtifactNamespace(modelName), runId, file, name)).url;
  } catch (error) {
    platform.log.warning(
      `Could not upload ${name} to the artifact store: ${describeError(error).split('\n').join(' ')}`,
    );
    return undefined;
  }
}

export async function runTraining(request: TrainRequest): Promise<TrainOutcome> {
  const { platform, cwd, config } = request;
  const log = platform.log;
  const startedAt = new Date();
  const runId = newRunId(startedAt);
  const modelName = config.model?.name ?? 'model';
  const command = request.command ?? config.train.command;
  const baselineName = (request.baseline ?? config.train.baseline) as BaselineName;
  const dataTrain = request.data ?? config.data.train;
  if (!command && !dataTrain) {
    throw new MlopsError('Nothing to train on: no training command and no training data.', {
      kind: 'config',
      hint: 'Set data.train in mlops.yaml (the built-in baseline trains on it) or train.command / the `command` input.',
    });
  }
  if (!command && !(BASELINES as readonly string[]).includes(baselineName)) {
    throw new MlopsError(`Unknown baseline "${baselineName}".`, {
      kind: 'usage',
      expected: BASELINES.join(', '),
      found: baselineName,
      hint: 'Use `baseline: auto` to pick from model.task, or one of logistic, softmax, ridge.',
    });
  }
  if (!command && !config.model?.label) {
    throw new MlopsError('The built-in baseline needs to know the label column.', {
      kind: 'config',
      where: { path: 'model.label' },
      hint: 'Add `model: {name: ..., task: ..., label: <target column>}` to mlops.yaml.',
    });
  }

  const { params } = await loadParams(request.params ?? config.train.params, cwd);
  const pHash = paramsHash(params);

  const dataSources: { role: string; source: string }[] = [];
  if (dataTrain) dataSources.push({ role: 'train', source: dataTrain });
  if (command && config.data.eval) dataSources.push({ role: 'eval', source: config.data.eval });
  for (const extra of config.train.inputs) dataSources.push({ role: 'input', source: extra });
  const data: DataFingerprint[] = [];
  for (const { role, source } of dataSources) {
    const fp = await fingerprintInput(source, cwd);
    data.push({ role, source: displaySource(source), sha256: fp.sha256, bytes: fp.bytes, files: fp.files });
  }

  const codeSpecs = config.train.code.length > 0 ? config.train.code : command ? codePathsOf(command, cwd) : [];
  const code = [];
  for (const path of codeSpecs) code.push({ path, sha256: (await fingerprintInput(path, cwd)).sha256 });

  const environment = await collectEnvironment(command, cwd);
  const modelInfo = {
    name: modelName,
    task: config.model?.task,
    label: config.model?.label,
    features: config.model?.features,
  };
  const key = deriveCacheKey({
    modelName,
    trainer: command ? { kind: 'command', command } : { kind: 'baseline', baseline: baselineName },
    model: modelInfo,
    code,
    data: data.map((d) => ({ role: d.role, sha256: d.sha256 })),
    paramsHash: pHash,
    environment,
  });
  const git = gitState(cwd);
  const modelPath = join(cwd, MODEL_FILE);
  const metricsPath = join(cwd, METRICS_FILE);
  const runPath = join(cwd, RUN_FILE);
  const cacheEnabled = config.train.cache;
  const store = (file: string, name: string) =>
    config.train.upload ? upload(platform, modelName, runId, file, name) : Promise.resolve(undefined);

  const base = {
    ...envelope('TrainRun'),
    runId,
    code: { ...git, ref: platform.context.ref, paths: code },
    data,
    params,
    paramsHash: pHash,
    environment,
    startedAt: startedAt.toISOString(),
  };

  let run: TrainRun | undefined;
  if (cacheEnabled && !request.force) {
    await rm(join(cwd, TRAIN_DIR), { recursive: true, force: true });
    const hit = await platform.cache.restore([modelPath, metricsPath, runPath], key);
    if (hit === key && existsSync(modelPath) && existsSync(runPath)) {
      const cached = trainRun.safeParse(JSON.parse(await readFile(runPath, 'utf8')));
      const sha = await sha256File(modelPath);
      if (cached.success && cached.data.artifact?.sha256 === sha) {
        log.info(`Cache hit (${key}): restored the model of run ${cached.data.runId}; training skipped.`);
        run = {
          ...cached.data,
          ...base,
          status: 'succeeded',
          cache: { key, hit: true, restoredRunId: cached.data.runId },
          durationMs: Date.now() - startedAt.getTime(),
          comparison: undefined,
          logTail: undefined,
        };
      } else {
        log.warning(`Cache entry ${key} is incomplete or does not match its model's sha256; training again.`);
      }
    }
  }

  if (!run) {
    await rm(join(cwd, TRAIN_DIR), { recursive: true, force: true });
    await mkdir(join(cwd, TRAIN_DIR), { recursive: true });
    const paths = { dir: join(cwd, TRAIN_DIR), model: modelPath, metrics: metricsPath, params: join(cwd, PARAMS_FILE) };
    await writeFileAtomic(paths.params, `${JSON.stringify(params, null, 2)}\n`);
    const ctx = { cwd, runId, modelName, config, params, data, log, paths };
    const result = command
      ? await trainWithCommand(ctx, command)
      : await trainWithBaseline(ctx, baselineName, dataTrain!, config.model!.label);
    run = trainRun.parse({
      ...base,
      ...result,
      cache: { key, hit: false },
      durationMs: Date.now() - startedAt.getTime(),
    });
    if (run.status === 'failed') {
      await writeFileAtomic(runPath, `${JSON.stringify(run, null, 2)}\n`);
      await recordRun(cwd, run);
      return { run, modelPath, runPath };
    }
    const sha = await sha256File(modelPath);
    const bytes = (await readFile(modelPath)).length;
    run.artifact = { path: relative(cwd, modelPath), sha256: sha, bytes };
    const stored = await store(modelPath, 'model.onnx');
    if (stored) run.artifact.uri = stored;
    if (existsSync(metricsPath)) await store(metricsPath, 'metrics.json');
    await writeFileAtomic(runPath, `${JSON.stringify(run, null, 2)}\n`);
    if (cacheEnabled) {
      const saved = await platform.cache.save([modelPath, metricsPath, runPath], key);
      if (!saved) log.warning(`The cache refused to save ${key}; the next run will train again.`);
    }
  }

  // The comparison is a courtesy: an unreadable history or registry entry must not fail a finished training.
  run.comparison = await findBaseRun({
    cwd,
    modelName,
    baseBranch: platform.context.baseRef ?? platform.context.defaultBranch,
    currentRunId: runId,
    cache: platform.cache,
  }).catch((error: unknown) => {
    log.warning(`No comparison with the base branch: ${describeError(error).split('\n').join(' ')}`);
    return undefined;
  });
  await writeFileAtomic(runPath, `${JSON.stringify(run, null, 2)}\n`);
  // A cache hit uploads nothing: the restored run's artifacts are already stored.
  if (!run.cache.hit) await store(runPath, 'TrainRun.json');
  await recordRun(cwd, run);
  await savePointer(cwd, platform.cache, run, modelName);
  log.debug(`TrainRun ${runId} recorded; branch ${branchOf(run.code.ref)}`);
  return { run, modelPath, runPath };
}
