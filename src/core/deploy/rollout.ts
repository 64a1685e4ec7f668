/**
 * The rollout state machine. `tick` advances a Deployment record by at most one decision: start the current
 * step (set its weight), analyse the window, fail/roll back past the failure limit, finish the step, promote
 * after the last one. `runRollout` ticks until the rollout ends (whole rollout in one job); in one-step mode
 * the action ticks once per invocation and keeps the state in the committed record.
 */
import { MlopsError } from '../errors.js';
import { analyze } from './analysis.js';
import type { DeployConfig } from './config.js';
import type { DeployProvider } from './provider.js';
import type { Deployment, DeploymentStep } from './report.js';

export interface RolloutHooks {
  /** Called after every change of a step's status, e.g. to update the platform's deployment status. */
  onStep?(record: Deployment, step: DeploymentStep): Promise<void>;
  log?(message: string): void;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

function consecutiveInconclusive(step: DeploymentStep): number {
  let n = 0;
  for (let i = step.analyses.length - 1; i >= 0 && step.analyses[i]!.verdict === 'inconclusive'; i--) n++;
  return n;
}

function totalFailures(record: Deployment): number {
  return record.steps.reduce((sum, s) => sum + s.failures, 0);
}

/**
 * Every decision acts on whatever canary the target runs, so the target must still run this rollout's version:
 * between two scheduled invocations someone may have loaded another canary, restarted the server or started a
 * second rollout. Then nothing is changed and the record stays as it was.
 */
async function assertCanaryIsOurs(record: Deployment, provider: DeployProvider): Promise<void> {
  const state = await provider.state(record.model);
  const canary = state.canary;
  const expected = record.version;
  const ours =
    canary !== null &&
    canary.version === expected.version &&
    (canary.sha256 === undefined || expected.sha256 === undefined || canary.sha256 === expected.sha256);
  if (ours) return;
  throw new MlopsError(
    `The canary of ${record.model} on ${provider.address} is ${canary ? canary.version : 'gone'}, not ${expected.version}: the target changed outside this rollout, so it was left alone.`,
    {
      kind: 'input',
      expected: `canary ${expected.version}${expected.sha256 ? ` (sha256 ${expected.sha256.slice(0, 12)})` : ''}`,
      found: canary
        ? `canary ${canary.version}${canary.sha256 ? ` (sha256 ${canary.sha256.slice(0, 12)})` : ''}`
        : 'no canary',
      hint: 'Find out who changed the target; then start the rollout again, or roll back by hand.',
    },
  );
}

/** Advances the rollout by one decision. Returns true when something changed. */
export async function tick(
  record: Deployment,
  provider: DeployProvider,
  config: DeployConfig,
  clock: Clock,
  hooks: RolloutHooks = {},
): Promise<boolean> {
  if (record.outcome !== 'in-progress') return false;
  await assertCanaryIsOurs(record, provider);
  const step = record.steps[record.currentStep];
  const iso = () => new Date(clock.now()).toISOString();
  const touch = () => {
    record.updatedAt = iso();
  };
  if (!step) {
    await provider.promote(record.model);
    record.outcome = 'promoted';
    record.reason = `All ${record.steps.length} steps passed; ${record.version.version} is now stable.`;
    record.finishedAt = iso();
    touch();
    return true;
  }
  if (step.status === 'pending') {
    await provider.setWeight(record.model, step.weight, record.mode);
    step.status = 'running';
    step.startedAt = iso();
    record.reason = `Step ${step.index + 1}/${record.steps.length}: ${step.weight}% ${record.mode === 'shadow' ? 'mirrored' : 'of traffic'} to ${record.version.version}.`;
    hooks.log?.(record.reason);
    touch();
    await hooks.onStep?.(record, step);
    return true;
  }
  const plan = record.plan.steps[step.index]!;
  const started = Date.parse(step.startedAt ?? iso());
  const elapsed = (clock.now() - started) / 1000;
  if (plan.durationSeconds > 0) {
    const observed = await provider.observe(record.model, started, clock.now());
    const run = analyze(observed, config, new Date(clock.now()));
    step.analyses.push(run);
    touch();
    hooks.log?.(
      `Step ${step.index + 1} analysis: ${run.verdict} (${run.checks.map((c) => `${c.name} ${c.verdict}`).join(', ')})`,
    );
    if (run.verdict === 'fail') {
      step.failures++;
      if (totalFailures(record) > record.plan.failureLimit) {
        await provider.rollback(record.model);
        step.status = 'failed';
        step.finishedAt = iso();
        record.outcome = 'rolled-back';
        const failed = run.checks.filter((c) => c.verdict === 'fail').map((c) => `${c.name}: ${c.message}`);
        record.reason = `Rolled back at step ${step.index + 1} (${step.weight}%) after ${totalFailures(record)} failed analyses (limit ${record.plan.failureLimit}). ${failed.join(' ')}`;
        record.finishedAt = iso();
        await hooks.onStep?.(record, step);
        return true;
      }
    }
    if (elapsed < plan.durationSeconds) return true;
    if (run.verdict !== 'pass') {
      const stuck = consecutiveInconclusive(step);
      if (run.verdict === 'inconclusive' && stuck >= config.analysis.inconclusiveLimit) {
        step.status = 'inconclusive';
        record.reason = `Step ${step.index + 1} is inconclusive after ${stuck} analyses (too little traffic or feedback); the rollout is paused at ${step.weight}%.`;
        await hooks.onStep?.(record, step);
      }
      // A failed (within the limit) or inconclusive end of step: keep analysing before moving on.
      return true;
    }
  }
  step.status = 'passed';
  step.finishedAt = iso();
  record.currentStep++;
  touch();
  await hooks.onStep?.(record, step);
  if (record.currentStep >= record.steps.length) {
    await provider.promote(record.model);
    record.outcome = 'promoted';
    record.reason = `All ${record.steps.length} steps passed; ${record.version.version} is now stable.`;
    record.finishedAt = iso();
  }
  return true;
}

/** The time until the next tick should happen. */
export function nextTickDelay(record: Deployment, clock: Clock): number {
  const step = record.steps[record.currentStep];
  if (!step || step.status === 'pending') return 0;
  const plan = record.plan.steps[step.index]!;
  if (plan.durationSeconds === 0) return 0;
  const started = Date.parse(step.startedAt ?? new Date(clock.now()).toISOString());
  const end = started + plan.durationSeconds * 1000;
  const interval = record.plan.intervalSeconds * 1000;
  const lastAt = step.analyses.at(-1)?.at;
  const next = (lastAt ? Date.parse(lastAt) : started) + interval;
  const now = clock.now();
  // Analyse every interval and once more exactly at the end of the step; past the end, keep the interval.
  if (now < end) return Math.max(0, Math.min(next, end) - now);
  return lastAt ? Math.max(0, next - now) : 0;
}

/** Runs the rollout to its end (or until paused on inconclusive analyses). */
export async function runRollout(
  record: Deployment,
  provider: DeployProvider,
  config: DeployConfig,
  clock: Clock = realClock,
  hooks: RolloutHooks = {},
): Promise<Deployment> {
  while (record.outcome === 'in-progress') {
    const step = record.steps[record.currentStep];
    if (step?.status === 'inconclusive') break;
    const wait = nextTickDelay(record, clock);
    if (wait > 0) await clock.sleep(wait);
    await tick(record, provider, config, clock, hooks);
  }
  return record;
}
