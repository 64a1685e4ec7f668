/** Creating Deployment records and finding the one to resume under .mlops/deployments/<environment>/. */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MlopsError } from '../errors.js';
import { envelope } from '../report/envelope.js';
import type { DeployConfig } from './config.js';
import type { RolloutMode, VersionRef } from './provider.js';
import { type Deployment, deployment } from './report.js';

export const DEPLOYMENTS_DIR = '.mlops/deployments';

export function recordPath(environment: string, id: string): string {
  return `${DEPLOYMENTS_DIR}/${environment}/${id}.json`;
}

export interface NewDeployment {
  environment: string;
  version: VersionRef;
  baseline: { name: string; version: string; sha256?: string } | null;
  target: Deployment['target'];
  mode: RolloutMode;
  config: DeployConfig;
  now: Date;
}

export function newDeployment(input: NewDeployment): Deployment {
  const at = input.now.toISOString();
  const stamp = at.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return {
    ...envelope('Deployment'),
    id: `${input.version.name}-${input.version.version}-${stamp}`,
    model: input.version.name,
    environment: input.environment,
    version: {
      name: input.version.name,
      version: input.version.version,
      sha256: input.version.sha256,
      ref: input.version.ref,
    },
    baseline: input.baseline,
    target: input.target,
    mode: input.mode,
    plan: {
      steps: input.config.steps.map((s) => ({ weight: s.weight, durationSeconds: s.duration })),
      intervalSeconds: input.config.analysis.interval,
      failureLimit: input.config.analysis.failureLimit,
    },
    steps: input.config.steps.map((s, index) => ({
      index,
      weight: s.weight,
      status: 'pending',
      analyses: [],
      failures: 0,
    })),
    currentStep: 0,
    outcome: 'in-progress',
    reason: 'Starting.',
    startedAt: at,
    updatedAt: at,
    git: {},
  };
}

export async function readRecord(file: string): Promise<Deployment> {
  const parsed = deployment.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MlopsError(`${file} is not a Deployment record: ${issue?.path.join('.')}: ${issue?.message}`, {
      kind: 'input',
      where: { file },
    });
  }
  return parsed.data;
}

/** The newest in-progress rollout of model in the environment, if any (one-step mode resumes it). */
export async function findInProgress(
  repoDir: string,
  environment: string,
  model: string,
): Promise<Deployment | undefined> {
  const dir = join(repoDir, DEPLOYMENTS_DIR, environment);
  if (!existsSync(dir)) return undefined;
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  for (const f of files.reverse()) {
    const record = await readRecord(join(dir, f));
    if (record.model === model && record.outcome === 'in-progress') return record;
  }
  return undefined;
}

/** All records of an environment, oldest first. */
export async function listRecords(repoDir: string, environment: string): Promise<Deployment[]> {
  const dir = join(repoDir, DEPLOYMENTS_DIR, environment);
  if (!existsSync(dir)) return [];
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map((f) => readRecord(join(dir, f))));
}
