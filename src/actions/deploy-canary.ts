import { deploymentRenderer } from '../core/deploy/render.js';
import { deployCanary } from '../core/deploy/run.js';
import { ExitCode } from '../core/errors.js';
import { renderMarkdown, writeReport } from '../core/report/render.js';
import { commonInputs, defineAction } from './define.js';

export const deployCanaryAction = defineAction({
  name: 'deploy-canary',
  title: 'Deploy canary',
  description:
    'Progressively roll out a registered model version with traffic steps, analysis of errors, latency and live quality against the stable version, and automatic rollback written back to Git.',
  icon: 'trending-up',
  color: 'yellow',
  inputs: {
    ...commonInputs,
    version: { description: 'Version to roll out: a version, tag or stage reference.', required: true },
    environment: { description: 'Environment name (default: deploy.environment in mlops.yaml, else production).' },
    target: {
      description: 'Where to deploy: `server` (mlops serve admin API) or `kserve` (default: deploy.target.kind).',
      type: 'choice',
      choices: ['server', 'kserve'],
    },
    'target-url': { description: 'URL of the model server (overrides deploy.target.url).' },
    mode: {
      description: '`canary` (weighted split), `shadow` (mirrored, never answers) or `ab` (default: deploy.mode).',
      type: 'choice',
      choices: ['canary', 'shadow', 'ab'],
    },
    'model-file': { description: 'Deploy this ONNX file instead of fetching the registered artifact.' },
    sha256: { description: 'Expected sha256 of model-file; the rollout refuses a file that does not match.' },
    'step-mode': {
      description: 'Run the whole rollout (`all`) or advance one step per invocation (`one`).',
      default: 'all',
      type: 'choice',
      choices: ['all', 'one'],
    },
    token: { description: 'Token for the platform API.', workflowDefault: '${{ github.token }}' },
  },
  outputs: {
    outcome: { description: '`promoted`, `rolled-back` or `in-progress`.' },
    deployment: { description: 'Path of the Deployment record.' },
    report: { description: 'Path of the Deployment report JSON.' },
  },
  async run({ platform, inputs, cwd, outDir, config }) {
    const { config: mlops } = await config();
    const maybe = <C extends string>(name: 'target' | 'mode') =>
      inputs.optional(name) === undefined ? undefined : inputs.choice<C>(name);
    const { record, recordFile } = await deployCanary({
      platform,
      cwd,
      outDir,
      config: mlops.deploy,
      version: inputs.string('version'),
      modelFile: inputs.optional('model-file'),
      sha256: inputs.optional('sha256'),
      environment: inputs.optional('environment'),
      target: maybe<'server' | 'kserve'>('target'),
      targetUrl: inputs.optional('target-url'),
      mode: maybe<'canary' | 'shadow' | 'ab'>('mode'),
      stepMode: inputs.choice<'all' | 'one'>('step-mode'),
    });
    const written = await writeReport(outDir, deploymentRenderer, record);
    return {
      exitCode: record.outcome === 'rolled-back' ? ExitCode.Failed : ExitCode.Passed,
      outputs: { outcome: record.outcome, deployment: recordFile, report: written.json },
      summary: renderMarkdown(deploymentRenderer, record, 'summary'),
      headline: `${record.model} ${record.version.version} → ${record.environment}: ${record.outcome}. ${record.reason}`,
    };
  },
});
