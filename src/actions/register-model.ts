import { ExitCode } from '../core/errors.js';
import {
  applyStagesMode,
  commentMode,
  type Mode,
  type ModeContext,
  promoteMode,
  registerMode,
  resolveMode,
} from '../core/registry/modes.js';
import type { PromoteAction } from '../core/registry/promote.js';
import type { Bump } from '../core/registry/semver.js';
import { commonInputs, defineAction } from './define.js';

export const registerModelAction = defineAction({
  name: 'register-model',
  title: 'Register model',
  description:
    'The Git repository is the model registry: post the model card on the pull request, register versions with GTO-compatible tags, and promote through reviewed pull requests.',
  icon: 'package',
  color: 'orange',
  inputs: {
    ...commonInputs,
    mode: {
      description:
        '`auto` (comment on PRs, register on the default branch), `comment`, `card` (write ModelCard.json only, for fork PRs), `register`, `promote` or `apply-stages`.',
      default: 'auto',
      type: 'choice',
      choices: ['auto', 'comment', 'card', 'register', 'promote', 'apply-stages'],
    },
    model: { description: 'ONNX model to register (default: the TrainRun artifact); model name in promote mode.' },
    'train-run': { description: 'TrainRun JSON of the model. Default: `.mlops/out/TrainRun.json`.' },
    evaluation: { description: 'EvaluationReport JSON. Default: `.mlops/out/EvaluationReport.json`.' },
    validation: { description: 'ValidationReport JSON. Default: `.mlops/out/ValidationReport.json`.' },
    version: { description: 'Version to promote (promote mode) or to force (register mode).' },
    bump: {
      description: 'Override the version rule: `major`, `minor` or `patch`.',
      type: 'choice',
      choices: ['major', 'minor', 'patch'],
    },
    stage: { description: 'Stage to promote to or demote from (promote mode).' },
    change: {
      description: 'Promote mode: `assign` a stage, `unassign` it (demote) or `deprecate` the version.',
      default: 'assign',
      type: 'choice',
      choices: ['assign', 'unassign', 'deprecate'],
    },
    'reference-profile': { description: 'Reference profile JSON to store with the version (for drift-check).' },
    card: {
      description:
        'Comment mode in a `workflow_run` job: the ModelCard.json uploaded by the (fork) pull_request run; it is validated and re-rendered, never run.',
    },
    'pull-request': {
      description: 'Comment mode: the PR/MR number, when the event does not carry it (`workflow_run`).',
    },
    token: { description: 'Token for the platform API.', workflowDefault: '${{ github.token }}' },
  },
  outputs: {
    version: { description: 'Registered (or promoted) version.' },
    tag: { description: 'Git tag: `<model>@v<version>` (register) or `<model>#<stage>#<n>` (apply-stages).' },
    status: { description: '`registered`, or `existing` when this model was already registered.' },
    'artifact-url': { description: 'Where the model artifact is stored.' },
    'comment-url': { description: 'URL of the model card comment.' },
    branch: { description: 'Promote mode: the branch holding the stages.yaml change.' },
    'pull-request-url': { description: 'Promote mode: the opened pull request.' },
    'new-pull-request-url': {
      description: 'Promote mode: a link that opens the pull/merge request form for the pushed branch.',
    },
    model: { description: 'Apply-stages mode: model of the first stage assignment.' },
    stage: { description: 'Apply-stages mode: stage of the first assignment (start its deployment).' },
    changes: { description: 'Apply-stages mode: JSON list of the applied changes.' },
    'report-path': { description: 'Path of the report JSON.' },
  },
  async run({ platform, inputs, cwd, outDir, config }) {
    // workflow_run events carry no pull request; the uploading run passes its number along.
    const pullRequest = inputs.number('pull-request');
    const mode = resolveMode(inputs.choice<Mode>('mode'), platform, pullRequest);
    if (!mode) {
      return {
        exitCode: ExitCode.Passed,
        outputs: {},
        headline: 'Not a pull request or the default branch: nothing to do.',
      };
    }
    const bump = inputs.optional('bump') ? inputs.choice<Bump>('bump') : undefined;
    const ctx: ModeContext = {
      platform,
      cwd,
      outDir,
      config: (await config()).config,
      model: inputs.optional('model'),
      trainRun: inputs.optional('train-run'),
      evaluation: inputs.optional('evaluation'),
      validation: inputs.optional('validation'),
      version: inputs.optional('version'),
      stage: inputs.optional('stage'),
      change: inputs.choice<PromoteAction>('change'),
      referenceProfile: inputs.optional('reference-profile'),
      card: inputs.optional('card'),
      ...(pullRequest !== undefined ? { pullRequest } : {}),
      ...(bump ? { bump } : {}),
    };
    const byMode = {
      card: (c: ModeContext) => commentMode(c, false),
      register: registerMode,
      comment: commentMode,
      promote: promoteMode,
      'apply-stages': applyStagesMode,
    };
    return byMode[mode](ctx);
  },
});
