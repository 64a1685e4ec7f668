/**
 * deploy-canary end to end: resolve the version, pick the provider, start or resume the rollout, run it (all
 * steps, or one decision per invocation), report each step to the platform's deployments API, write the
 * outcome back to Git and open an issue with the analysis on rollback.
 */
import { join, resolve } from 'node:path';
import type { Platform } from '../../platform/types.js';
import { MlopsError } from '../errors.js';
import { sha256File } from '../fs.js';
import { readModel } from '../registry/read.js';
import { fetchModelArtifact, resolveModelRef } from '../registry/report.js';
import { renderMarkdown } from '../report/render.js';
import type { DeployConfig, DeployTargetConfig } from './config.js';
import { writeBack } from './gitops.js';
import { KServeProvider } from './kserve-provider.js';
import type { DeployProvider, RolloutMode, VersionRef } from './provider.js';
import { findInProgress, newDeployment } from './record.js';
import { deploymentRenderer } from './render.js';
import type { Deployment } from './report.js';
import { type Clock, type RolloutHooks, realClock, runRollout, tick } from './rollout.js';
import { ServerProvider } from './server-provider.js';

export interface DeployRequest {
  platform: Platform;
  cwd: string;
  outDir: string;
  config: DeployConfig;
  /** Registry reference (penguins@v1.2.0, penguins#staging) or, with modelFile, `<name>@v<version>`. */
  version: string;
  modelFile?: string;
  sha256?: string;
  environment?: string;
  target?: 'server' | 'kserve';
  targetUrl?: string;
  mode?: RolloutMode;
  stepMode: 'all' | 'one';
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  /** Injected for tests of the KServe provider. */
  fetchImpl?: typeof fetch;
}

/** The registered artifact of name@version, or undefined when the registry does not have that version. */
async function registeredArtifact(cwd: string, name: string, version: string) {
  const model = await readModel(cwd, name).catch(() => undefined);
  return model?.versions.find((v) => v.version === version)?.artifact;
}

async function resolveVersion(req: DeployRequest): Promise<VersionRef> {
  if (req.modelFile) {
    const m = /^([a-z0-9][a-z0-9._-]*)[@:]v?(.+)$/.exec(req.version);
    if (!m) {
      throw new MlopsError(`With model-file, version must be <name>@v<version>.`, {
        kind: 'usage',
        found: JSON.stringify(req.version),
        expected: 'e.g. penguins@v1.3.0',
      });
    }
    const path = resolve(req.cwd, req.modelFile);
    const actual = await sha256File(path);
    if (req.sha256 && req.sha256.toLowerCase() !== actual) {
      throw new MlopsError(`${req.modelFile} does not match the given sha256; refusing to deploy it.`, {
        kind: 'input',
        where: { file: req.modelFile },
        expected: req.sha256,
        found: actual,
      });
    }
    // A registered version deploys only its registered bytes: the Deployment record (and later rollbacks to it)
    // must name what really served.
    const registered = await registeredArtifact(req.cwd, m[1]!, m[2]!);
    if (registered && registered.sha256 !== actual) {
      throw new MlopsError(
        `${req.modelFile} is not the registered artifact of ${m[1]} ${m[2]}; refusing to deploy it.`,
        {
          kind: 'input',
          where: { file: req.modelFile },
          expected: `sha256 ${registered.sha256} (${registered.name})`,
          found: `sha256 ${actual}`,
          hint: 'Deploy the registered version by reference (version: <name>@v<version> without model-file), or register this file as a new version.',
        },
      );
    }
    return { name: m[1]!, version: m[2]!, path, sha256: actual, ref: req.version };
  }
  const resolved = await resolveModelRef(req.cwd, req.version);
  const v = resolved.version;
  const dest = join(req.outDir, 'artifacts', v.name, v.version, v.artifact.name);
  const fetched = await fetchModelArtifact(req.platform, v, dest);
  return { name: v.name, version: v.version, path: fetched.path, sha256: fetched.sha256, ref: req.version };
}

function targetConfig(req: DeployRequest): DeployTargetConfig {
  const configured = req.config.target;
  const kind = req.target ?? configured?.kind ?? 'server';
  if (kind === 'server') {
    const url = req.targetUrl ?? (configured?.kind === 'server' ? configured.url : undefined);
    if (!url) {
      throw new MlopsError('No model server to deploy to.', {
        kind: 'config',
        hint: 'Set deploy.target.url in mlops.yaml (kind: server) or the target-url input.',
      });
    }
    return { kind: 'server', url, tokenEnv: configured?.kind === 'server' ? configured.tokenEnv : 'MLOPS_ADMIN_TOKEN' };
  }
  if (configured?.kind !== 'kserve') {
    throw new MlopsError('target is kserve but mlops.yaml has no deploy.target of kind kserve.', {
      kind: 'config',
      hint: 'Add deploy.target: {kind: kserve, name: <InferenceService>, namespace: ..., prometheus: <URL>}.',
    });
  }
  return configured;
}

export function makeProvider(
  target: DeployTargetConfig,
  env: NodeJS.ProcessEnv,
  fetchImpl: typeof fetch = fetch,
): DeployProvider {
  const token = env[target.tokenEnv];
  if (target.kind === 'server') {
    if (!token) {
      throw new MlopsError(`The admin token is not set: ${target.tokenEnv} is empty.`, {
        kind: 'config',
        hint: `Put the server's admin token in the ${target.tokenEnv} secret/variable.`,
      });
    }
    return new ServerProvider(target.url, token, fetchImpl);
  }
  return new KServeProvider(target, env, fetchImpl);
}

function platformState(record: Deployment): 'in_progress' | 'success' | 'failure' {
  return record.outcome === 'promoted' ? 'success' : record.outcome === 'rolled-back' ? 'failure' : 'in_progress';
}

export interface DeployResult {
  record: Deployment;
  recordFile: string;
}

export async function deployCanary(req: DeployRequest): Promise<DeployResult> {
  const env = req.env ?? process.env;
  const clock = req.clock ?? realClock;
  const environment = req.environment ?? req.config.environment;
  const stage = req.config.stage ?? environment;
  const mode = req.mode ?? req.config.mode;
  const target = targetConfig(req);
  const provider = makeProvider(target, env, req.fetchImpl);
  const log = req.platform.log;
  const version = await resolveVersion(req);

  let record = await findInProgress(req.cwd, environment, version.name);
  if (record && record.version.version !== version.version) {
    throw new MlopsError(
      `A rollout of ${record.model} ${record.version.version} to ${environment} is still in progress (${record.id}).`,
      {
        kind: 'usage',
        hint: 'Let it finish (run deploy-canary for that version with step-mode one) or roll it back first.',
      },
    );
  }
  if (!record) {
    const state = await provider.state(version.name);
    if (!state.stable) {
      throw new MlopsError(
        `${provider.address} serves no stable version of ${version.name} to compare a canary with.`,
        {
          kind: 'input',
          hint: 'Start the server with the current production version (mlops serve --model ...) before a canary rollout.',
        },
      );
    }
    if (state.stable.version === version.version) {
      throw new MlopsError(`${version.name} ${version.version} is already the stable version at ${provider.address}.`, {
        kind: 'usage',
      });
    }
    await provider.startCanary(version, mode);
    record = newDeployment({
      environment,
      version,
      baseline: { name: version.name, version: state.stable.version, sha256: state.stable.sha256 },
      target: { kind: target.kind, address: provider.address },
      mode,
      config: req.config,
      now: new Date(clock.now()),
    });
    const created = await req.platform.deployments.create(
      environment,
      req.platform.context.sha,
      `${version.name} ${version.version} canary`,
    );
    record.platformDeploymentId = created.id;
    log.info(
      `Rolling out ${version.name} ${version.version} to ${environment} (${mode}) against ${state.stable.version}.`,
    );
  } else {
    log.info(`Resuming ${record.id} at step ${record.currentStep + 1}/${record.steps.length}.`);
  }

  const hooks: RolloutHooks = {
    log: (m) => log.info(m),
    onStep: async (r, step) => {
      if (r.platformDeploymentId === undefined) return;
      await req.platform.deployments.setStatus(
        r.platformDeploymentId,
        platformState(r),
        `step ${step.index + 1}/${r.steps.length} (${step.weight}%): ${step.status}`.slice(0, 140),
      );
    },
  };
  try {
    if (req.stepMode === 'all') await runRollout(record, provider, req.config, clock, hooks);
    else await tick(record, provider, req.config, clock, hooks);
  } catch (error) {
    // Keep the state (the canary may be live at some weight): the next invocation resumes from the record.
    record.reason = `Interrupted at step ${record.currentStep + 1}: ${(error as Error).message}`;
    record.updatedAt = new Date(clock.now()).toISOString();
    await writeBack(req.cwd, record, stage).catch(() => undefined);
    throw error;
  }

  if (record.outcome !== 'in-progress' && record.platformDeploymentId !== undefined) {
    await req.platform.deployments.setStatus(
      record.platformDeploymentId,
      platformState(record),
      record.reason.slice(0, 140),
    );
  }
  if (record.outcome === 'rolled-back') {
    const issue = await req.platform.upsertIssue(
      `deploy-rollback:${environment}:${record.model}`,
      {
        title: `Rollback: ${record.model} ${record.version.version} in ${environment}`,
        body: renderMarkdown(deploymentRenderer, record, 'comment'),
        labels: ['mlops', 'rollback'],
      },
      { reopen: true },
    );
    record.issue = { number: issue.number, url: issue.url };
  }
  const written = await writeBack(req.cwd, record, stage);
  record.git = { ...record.git, commit: written.commit };
  if (written.note) log.info(`Stage not moved: ${written.note}.`);
  const recordFile = join(req.cwd, '.mlops', 'deployments', environment, `${record.id}.json`);
  return { record, recordFile };
}
