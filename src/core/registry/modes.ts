/** The register-model action's modes, platform-independent: each returns its report, outputs and summary. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { Platform } from '../../platform/types.js';
import { type CardInputs, readCardInputs } from '../card/inputs.js';
import { renderCard } from '../card/render.js';
import type { MlopsConfig } from '../config.js';
import { ExitCode, MlopsError } from '../errors.js';
import { sha256File } from '../fs.js';
import { envelope } from '../report/envelope.js';
import { writeReport } from '../report/render.js';
import { applyStages } from './apply.js';
import {
  type ModelCardReport,
  modelCardRenderer,
  modelCardReport,
  type PromotionReport,
  promotionRenderer,
  type StageChangesReport,
  stageChangesRenderer,
} from './mode-reports.js';
import type { PromoteAction } from './promote.js';
import { openPromotion } from './promotion.js';
import { referenceProfileText } from './reference.js';
import { modelVersionRenderer } from './render.js';
import type { Bump } from './semver.js';
import { candidateCard, cardMarker, modelNameOf, registerWithCard } from './service.js';

export interface ModeContext {
  platform: Platform;
  cwd: string;
  outDir: string;
  config: MlopsConfig;
  model?: string;
  trainRun?: string;
  evaluation?: string;
  validation?: string;
  version?: string;
  stage?: string;
  change?: PromoteAction;
  bump?: Bump;
  referenceProfile?: string;
  /** Comment mode in a trusted workflow_run job: a ModelCard.json made by the untrusted pull_request run. */
  card?: string;
  /** The PR/MR to comment on when the event does not carry it (workflow_run). */
  pullRequest?: number;
}

export interface ModeResult {
  exitCode: ExitCode;
  outputs: Record<string, string>;
  summary: string;
  headline: string;
}

function reportPath(ctx: ModeContext, given: string | undefined, kind: string) {
  if (given) return { path: isAbsolute(given) ? given : resolve(ctx.cwd, given), explicit: true };
  return { path: resolve(ctx.outDir, `${kind}.json`), explicit: false };
}

async function inputsOf(ctx: ModeContext) {
  return readCardInputs({
    trainRun: reportPath(ctx, ctx.trainRun, 'TrainRun'),
    evaluation: reportPath(ctx, ctx.evaluation, 'EvaluationReport'),
    validation: reportPath(ctx, ctx.validation, 'ValidationReport'),
  });
}

export async function registerMode(ctx: ModeContext): Promise<ModeResult> {
  const inputs = await inputsOf(ctx);
  const name = modelNameOf(ctx.config, inputs);
  const modelFile = ctx.model
    ? resolve(ctx.cwd, ctx.model)
    : inputs.trainRun?.artifact
      ? resolve(ctx.cwd, inputs.trainRun.artifact.path)
      : undefined;
  if (!modelFile) {
    throw new MlopsError('No model to register.', {
      kind: 'usage',
      hint: 'Set the `model` input to the .onnx file, or run the train step first (its TrainRun names the model).',
    });
  }
  await checkReportsDescribe(modelFile, inputs);
  if (inputs.evaluation?.verdict === 'fail') {
    // A gate failed (exit 1), not the tool: nothing is registered and the card says why.
    return {
      exitCode: ExitCode.Failed,
      outputs: {},
      summary: `**${name} is not registered: it failed its evaluation gates.** ${inputs.evaluation.headline}`,
      headline: `${name} failed its evaluation gates and is not registered: ${inputs.evaluation.headline}`,
    };
  }
  let referenceProfile: string | undefined;
  if (ctx.referenceProfile) {
    const file = resolve(ctx.cwd, ctx.referenceProfile);
    if (!existsSync(file)) {
      throw new MlopsError(`Reference profile ${ctx.referenceProfile} does not exist.`, {
        kind: 'input',
        where: { file },
      });
    }
    referenceProfile = await readFile(file, 'utf8');
  } else {
    referenceProfile = await referenceProfileText(ctx.cwd, ctx.config, inputs.trainRun, ctx.platform.log);
  }
  const result = await registerWithCard({
    repoDir: ctx.cwd,
    platform: ctx.platform,
    config: ctx.config,
    name,
    modelFile,
    inputs,
    ...(ctx.version ? { version: ctx.version } : {}),
    ...(ctx.bump ? { bump: ctx.bump } : {}),
    ...(referenceProfile ? { referenceProfile } : {}),
  });
  const report = { ...result.version, status: result.status, cardMarkdown: result.markdown };
  await writeReport(ctx.outDir, modelVersionRenderer, { ...result.version, status: result.status });
  const headline =
    result.status === 'existing'
      ? `${name} ${result.version.version} already holds this model: nothing registered.`
      : `Registered ${result.tag}${result.attempts > 1 ? ` (after ${result.attempts} attempts: others pushed first)` : ''}.`;
  return {
    exitCode: ExitCode.Passed,
    outputs: {
      version: result.version.version,
      tag: result.tag,
      'artifact-url': result.version.artifact.uri,
      status: result.status,
      'report-path': resolve(ctx.outDir, 'ModelVersion.json'),
    },
    summary: modelVersionRenderer.markdown(report, 'summary'),
    headline,
  };
}

/** The lineage in model.json must be the model's own: reports about another model file are refused. */
async function checkReportsDescribe(modelFile: string, inputs: CardInputs): Promise<void> {
  if (!existsSync(modelFile)) return; // registerModel reports the missing file
  const digest = await sha256File(modelFile);
  const claims: [string, string | undefined][] = [
    ['TrainRun', inputs.trainRun?.artifact?.sha256],
    ['EvaluationReport', inputs.evaluation?.candidate?.sha256],
  ];
  for (const [kind, sha] of claims) {
    if (sha && sha !== digest) {
      throw new MlopsError(`The ${kind} describes a different model than ${modelFile}.`, {
        kind: 'input',
        where: { file: modelFile },
        expected: `sha256 ${digest} (the model to register)`,
        found: `sha256 ${sha} in the ${kind}`,
        hint: `Register the model the ${kind} was made for, or pass the matching report (train-run / evaluation inputs).`,
      });
    }
  }
}

/** comment: build the card and post it; card: only build it (a fork's run, whose token cannot comment). */
export async function commentMode(ctx: ModeContext, post = true): Promise<ModeResult> {
  const pr = post ? (ctx.pullRequest ?? ctx.platform.context.pullRequest) : undefined;
  let name: string;
  let card: ModelCardReport['card'];
  let markdown: string;
  if (ctx.card) {
    // Data from a fork's run: validated and re-rendered here, never posted as given.
    const file = resolve(ctx.cwd, ctx.card);
    const parsed = modelCardReport.safeParse(JSON.parse(await readFile(file, 'utf8').catch(() => 'null')));
    if (!parsed.success) {
      throw new MlopsError(`${ctx.card} is not a ModelCard report.`, {
        kind: 'input',
        where: { file },
        hint: 'Pass the ModelCard.json that the pull_request workflow uploaded as an artifact.',
      });
    }
    name = parsed.data.model;
    card = parsed.data.card;
    markdown = renderCard(card, {
      registered: false,
      ...(ctx.platform.context.runUrl ? { runUrl: ctx.platform.context.runUrl } : {}),
    });
  } else {
    const inputs = await inputsOf(ctx);
    name = modelNameOf(ctx.config, inputs);
    const label = pr ? `candidate (${ctx.platform.name === 'gitlab' ? '!' : '#'}${pr})` : 'candidate';
    ({ card, markdown } = await candidateCard(ctx.cwd, ctx.config, name, inputs, label, ctx.platform.context.runUrl));
  }
  const comment = pr ? await ctx.platform.upsertComment(cardMarker(name), markdown, { pullRequest: pr }) : null;
  const report: ModelCardReport = { ...envelope('ModelCard'), model: name, card, markdown, comment };
  await writeReport(ctx.outDir, modelCardRenderer, report);
  return {
    exitCode: ExitCode.Passed,
    outputs: {
      ...(comment?.url ? { 'comment-url': comment.url } : {}),
      'report-path': resolve(ctx.outDir, 'ModelCard.json'),
    },
    summary: markdown,
    headline: comment
      ? `Model card ${comment.created ? 'posted' : 'updated'} on ${ctx.platform.name === 'gitlab' ? 'merge' : 'pull'} request ${pr}.`
      : post
        ? 'Model card written (no pull request in this run, so no comment).'
        : 'Model card written to ModelCard.json for a workflow_run job to post.',
  };
}

export async function promoteMode(ctx: ModeContext): Promise<ModeResult> {
  const name = modelNameOf(ctx.config, {}, ctx.model);
  if (!ctx.version)
    throw new MlopsError('Promote needs the version to promote.', { kind: 'usage', hint: 'Set `version`.' });
  const change = ctx.change ?? 'assign';
  const promotion = await openPromotion(ctx.platform, {
    repoDir: ctx.cwd,
    name,
    version: ctx.version,
    ...(ctx.stage ? { stage: ctx.stage } : {}),
    action: change,
    config: ctx.config.registry,
    ...(ctx.platform.context.actor ? { requestedBy: ctx.platform.context.actor } : {}),
  });
  const { plan } = promotion;
  const report: PromotionReport = {
    ...envelope('Promotion'),
    model: name,
    action: change,
    version: ctx.version,
    ...(plan.stage ? { stage: plan.stage } : {}),
    ...(plan.current ? { currentHolder: plan.current.version } : {}),
    branch: plan.head,
    base: plan.base,
    commit: plan.commit,
    pushed: plan.pushed,
    title: plan.title,
    body: promotion.body,
    ...(promotion.pullRequest ? { pullRequest: promotion.pullRequest } : {}),
    ...(promotion.newPullRequestUrl ? { newPullRequestUrl: promotion.newPullRequestUrl } : {}),
  };
  await writeReport(ctx.outDir, promotionRenderer, report);
  const where =
    promotion.pullRequest && ctx.platform.name === 'local'
      ? `pushed branch ${plan.head} (pull request #${promotion.pullRequest.number} recorded in .mlops/local/platform.json): open a pull request from it into ${plan.base}`
      : promotion.pullRequest
        ? `opened ${promotion.pullRequest.url ?? `#${promotion.pullRequest.number}`}`
        : plan.pushed
          ? `pushed branch ${plan.head}: open a pull request from it into ${plan.base}${
              promotion.newPullRequestUrl ? ` (${promotion.newPullRequestUrl})` : ''
            }`
          : `created branch ${plan.head}: merge it into ${plan.base} (git merge --no-ff ${plan.head}) after review`;
  return {
    exitCode: ExitCode.Passed,
    outputs: {
      branch: plan.head,
      ...(promotion.pullRequest?.url ? { 'pull-request-url': promotion.pullRequest.url } : {}),
      ...(promotion.newPullRequestUrl ? { 'new-pull-request-url': promotion.newPullRequestUrl } : {}),
      'report-path': resolve(ctx.outDir, 'Promotion.json'),
    },
    summary: `**${plan.title}**: ${where}.\n\n${promotion.body}`,
    headline: `${plan.title}: ${where}.`,
  };
}

export async function applyStagesMode(ctx: ModeContext): Promise<ModeResult> {
  const ref = ctx.platform.context.ref;
  const { changes, plannedFrom } = await applyStages({
    repoDir: ctx.cwd,
    allowedStages: ctx.config.registry.stages,
    ...(ctx.platform.context.actor ? { mergedBy: ctx.platform.context.actor } : {}),
    ...(ref.startsWith('refs/heads/') ? { branch: ref.slice('refs/heads/'.length) } : {}),
    mergedPullRequest: (commit) => ctx.platform.mergedPullRequest(commit),
    warn: (message) => ctx.platform.log.warning(message),
  });
  if (plannedFrom) {
    ctx.platform.log.info(
      `This run checked out ${plannedFrom.checkout.slice(0, 12)}; ${plannedFrom.branch} is at ${plannedFrom.tip.slice(0, 12)}, so the stages were read from there.`,
    );
  }
  const report: StageChangesReport = { ...envelope('StageChanges'), changes };
  await writeReport(ctx.outDir, stageChangesRenderer, report);
  const first = changes.find((c) => c.kind === 'assign');
  return {
    exitCode: ExitCode.Passed,
    outputs: {
      changes: JSON.stringify(changes),
      ...(first ? { version: first.version, stage: first.stage!, tag: first.tag, model: first.model } : {}),
      'report-path': resolve(ctx.outDir, 'StageChanges.json'),
    },
    summary: stageChangesRenderer.markdown(report, 'summary'),
    headline: changes.length
      ? `Applied ${changes.length} stage change(s): ${changes.map((c) => c.tag).join(', ')}.`
      : 'No stage changes to apply.',
  };
}

export type Mode = 'auto' | 'comment' | 'card' | 'register' | 'promote' | 'apply-stages';

/** auto: comment on pull requests, register on pushes to the default branch. */
export function resolveMode(mode: Mode, platform: Platform, pullRequest?: number): Exclude<Mode, 'auto'> | undefined {
  if (mode !== 'auto') return mode;
  const c = platform.context;
  if (c.event === 'pull_request' || (pullRequest ?? c.pullRequest) !== undefined) return 'comment';
  if (c.ref === `refs/heads/${c.defaultBranch}` || c.platform === 'local') return 'register';
  return undefined;
}
