/**
 * Closing the loop through the Platform: one issue per model (found by a hidden marker, updated, reopened when
 * drift returns, closed with a comment when it is gone) and a retraining trigger with a cooldown.
 *
 * Where the cooldown state lives: in the platform's cache, under a key that embeds the trigger time
 * (mlops-drift-state-<model>-<epoch>), restored by prefix. The next scheduled run, on any runner, restores the
 * newest entry; caches are immutable per key on GitHub, so a new key per trigger is the natural fit, and no
 * commit or issue edit is needed. The Platform interface cannot read an issue's body, which rules out keeping
 * the state in the issue. If the cache entry is evicted (7 days unused on GitHub) the cooldown restarts from
 * zero, which can only allow one extra trigger after a week, never a storm.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Platform } from '../../platform/types.js';
import { writeFileAtomic } from '../fs.js';
import { limitBytes } from '../report/markdown.js';
import type { DriftConfig } from './config.js';
import { renderDriftMarkdown } from './render.js';
import type { AlertOutcome, DriftReport } from './report.js';

const retrainState = z.object({
  lastTriggeredAt: z.string(),
  reason: z.string().optional(),
  url: z.string().optional(),
});
type RetrainState = z.infer<typeof retrainState>;

export function issueMarker(model: string): string {
  return `drift:${model}`;
}

/** Per repository and model: a local cache directory is shared by every repository of the user. */
function stateKeyPrefix(platform: Platform, model: string): string {
  const repository = platform.context.repository.replace(/[^A-Za-z0-9._-]/g, '_');
  return `mlops-drift-state-${repository}-${model}-`;
}

function statePath(cwd: string, model: string): string {
  return join(cwd, '.mlops', 'cache', 'drift-state', `${model}.json`);
}

export async function readRetrainState(
  platform: Platform,
  cwd: string,
  model: string,
): Promise<RetrainState | undefined> {
  const file = statePath(cwd, model);
  try {
    await platform.cache.restore([file], `${stateKeyPrefix(platform, model)}latest`, [stateKeyPrefix(platform, model)]);
  } catch (error) {
    platform.log.warning(`Could not restore the retraining cooldown state: ${(error as Error).message}`);
  }
  if (!existsSync(file)) return undefined;
  const parsed = retrainState.safeParse(JSON.parse(await readFile(file, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

async function saveRetrainState(platform: Platform, cwd: string, model: string, state: RetrainState): Promise<void> {
  const file = statePath(cwd, model);
  await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
  const stamp = String(Date.parse(state.lastTriggeredAt)).padStart(15, '0');
  const saved = await platform.cache.save([file], `${stateKeyPrefix(platform, model)}${stamp}`);
  if (!saved) platform.log.warning('The cache refused the retraining state; the next run may not see the cooldown.');
}

export interface AlertOptions {
  platform: Platform;
  cwd: string;
  model: string;
  config: DriftConfig;
  /** Overrides drift.retrain.enabled (the action's `retrain` input). */
  retrain: boolean;
  now?: Date;
}

function issueBody(report: DriftReport, platform: Platform): string {
  const run = platform.context.runUrl
    ? `[this run](${platform.context.runUrl})`
    : `run on ${platform.context.sha.slice(0, 7)}`;
  const header = `Drift check ${run} at ${report.createdAt}. This issue is updated by every scheduled check and closed when drift is gone.`;
  return limitBytes(`${header}\n\n${renderDriftMarkdown(report)}`, 60_000);
}

export async function closeTheLoop(report: DriftReport, options: AlertOptions): Promise<AlertOutcome> {
  const { platform, model, config } = options;
  const now = options.now ?? new Date();
  const marker = issueMarker(model);
  const alerting = report.verdict.drifted || report.verdict.stale;
  const outcome: AlertOutcome = {};
  if (!alerting) {
    const open = await platform.findIssue(marker);
    if (open) {
      const run = platform.context.runUrl ? ` ([run](${platform.context.runUrl}))` : '';
      await platform.closeIssue(
        open.number,
        `✅ Drift is gone: the check at ${report.createdAt}${run} found ${report.verdict.driftedColumns.length} of ${report.columns.length} columns drifted and stable predictions. Closing.`,
      );
      outcome.issue = { number: open.number, url: open.url, action: 'resolved' };
    }
    return outcome;
  }

  const title = report.verdict.drifted ? `Drift detected: ${model}` : `Model is stale: ${model}`;
  const issue = await platform.upsertIssue(
    marker,
    { title, body: issueBody(report, platform), labels: ['drift', 'mlops'] },
    { reopen: true },
  );
  outcome.issue = { number: issue.number, url: issue.url, action: issue.created ? 'opened' : 'updated' };

  const cooldownHours = config.retrain.cooldownHours;
  if (!options.retrain) {
    outcome.retrain = { requested: false, triggered: false, reason: 'retrain is off', cooldownHours };
    return outcome;
  }
  const state = await readRetrainState(platform, options.cwd, model);
  const last = state ? Date.parse(state.lastTriggeredAt) : Number.NaN;
  const elapsedHours = (now.getTime() - last) / 3_600_000;
  if (Number.isFinite(elapsedHours) && elapsedHours < cooldownHours) {
    outcome.retrain = {
      requested: true,
      triggered: false,
      reason: `cooldown: last triggered ${elapsedHours.toFixed(1)} h ago (< ${cooldownHours} h)`,
      lastTriggeredAt: state!.lastTriggeredAt,
      url: state!.url,
      cooldownHours,
    };
    return outcome;
  }
  const reason = report.verdict.reasons.join('; ') || 'drift';
  const triggered = await platform.trigger({
    workflow: config.retrain.eventType ? undefined : config.retrain.workflow,
    eventType: config.retrain.eventType,
    ref: platform.context.defaultBranch,
    inputs: {
      ...config.retrain.inputs,
      // workflow_dispatch rejects inputs the workflow does not declare; a repository_dispatch payload and GitLab
      // pipeline variables take anything, so the context travels there.
      ...(config.retrain.eventType || platform.name !== 'github'
        ? { reason: reason.slice(0, 200), model, drift_issue: String(issue.number) }
        : {}),
    },
  });
  const at = now.toISOString();
  await saveRetrainState(platform, options.cwd, model, { lastTriggeredAt: at, reason, url: triggered.url });
  await platform.commentOnIssue(
    issue.number,
    `🔁 Retraining triggered at ${at}${triggered.url ? ` (${triggered.url})` : ''}: ${reason}. Next trigger allowed after ${cooldownHours} h.`,
  );
  outcome.retrain = {
    requested: true,
    triggered: true,
    reason,
    url: triggered.url,
    lastTriggeredAt: at,
    cooldownHours,
  };
  return outcome;
}
