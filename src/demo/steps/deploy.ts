/**
 * Demo: progressive delivery judged on live quality. A model server starts on 127.0.0.1 with v1 (a weak model);
 * v2 (better) is rolled out under generated traffic with feedback and promoted; v3 (worse again) is rolled back
 * after its live accuracy fails the analysis. Both Deployment records end up committed under
 * .mlops/deployments/production/, with the stage tag moved by the promotion.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { deployCanaryAction } from '../../actions/deploy-canary.js';
import { listRecords } from '../../core/deploy/record.js';
import { MlopsError } from '../../core/errors.js';
import { startModelServer } from '../../core/serve/server.js';
import type { DemoContext } from '../context.js';
import type { DemoStep } from '../steps.js';
import { type ToyArtifact, writeToyModel } from './deploy-data.js';
import { startTraffic } from './deploy-traffic.js';

const MODEL = 'demo-canary';

const DEPLOY_SECTION = `deploy:
  environment: production
  steps:
    - { weight: 20, duration: 2s }
    - { weight: 50, duration: 2s }
    - { weight: 100, duration: 0 }
  analysis: { interval: 500ms, failureLimit: 1, minRequests: 40, inconclusiveLimit: 60 }
  checks:
    quality: { minFeedback: 40, maxDrop: 0.05 }
    latency: { maxRatio: 3 }
`;

function tagVersion(ctx: DemoContext, version: string, artifact: ToyArtifact): void {
  // One commit per version: GTO tells versions (and the stage tags pointing at them) apart by commit.
  ctx.git('commit', '-q', '--allow-empty', '-m', `Register ${MODEL} ${version}`);
  ctx.git(
    'tag',
    '-a',
    `${MODEL}@v${version}`,
    '-m',
    `Register ${MODEL} ${version}\n\nversion: ${version}\nsha256: ${artifact.sha256}`,
  );
}

async function rollout(ctx: DemoContext, url: string, version: string, artifact: ToyArtifact, seed: number) {
  ctx.say(
    `\nmlops deploy-canary --version ${MODEL}@v${version} --model-file ${artifact.path.replace(`${ctx.dir}/`, '')} --target-url ${url}\n`,
  );
  const traffic = startTraffic(url, MODEL, { concurrency: 4, seed });
  const result = await ctx.run(deployCanaryAction, {
    version: `${MODEL}@v${version}`,
    'model-file': artifact.path,
    sha256: artifact.sha256,
    'target-url': url,
  });
  const stats = await traffic.stop();
  const served = Object.entries(stats.byVersion)
    .map(([v, n]) => `${v}: ${n}`)
    .join(', ');
  ctx.say(
    `generated traffic: ${stats.requests} requests with feedback (answered by ${served}), ${stats.errors} errors`,
  );
  return result;
}

export const deployStep: DemoStep = {
  title: 'Canary rollouts judged on live quality: a better model promoted, a worse one rolled back',
  async run(ctx) {
    appendFileSync(ctx.path('mlops.yaml'), `\n${DEPLOY_SECTION}`);
    ctx.git('add', 'mlops.yaml');
    ctx.git(
      'commit',
      '-q',
      '-m',
      'Canary plan: 20% -> 50% -> 100%, judged on errors, latency, prediction shift and live accuracy',
    );
    const dir = ctx.path('.mlops', 'artifacts', 'demo-canary');
    mkdirSync(dir, { recursive: true });
    const v1 = writeToyModel(dir, 'weak', 'v1.onnx');
    const v2 = writeToyModel(dir, 'good', 'v2.onnx');
    const v3 = writeToyModel(dir, 'weak', 'v3.onnx');
    tagVersion(ctx, '1.0.0', v1);
    tagVersion(ctx, '2.0.0', v2);
    tagVersion(ctx, '3.0.0', v3);
    const token = randomBytes(16).toString('hex');
    const previousToken = process.env.MLOPS_ADMIN_TOKEN;
    process.env.MLOPS_ADMIN_TOKEN = token;
    const server = await startModelServer({
      models: [{ name: MODEL, version: '1.0.0', ...v1 }],
      adminToken: token,
      logDir: ctx.path('.mlops', 'predictions'),
    });
    ctx.say(`mlops serve --file ${MODEL}@v1.0.0=...   # listening on ${server.url}, v1 is stable`);
    try {
      const promoted = await rollout(ctx, server.url, '2.0.0', v2, 21);
      if (promoted.outputs.outcome !== 'promoted') {
        throw new MlopsError('The better model should have been promoted.', {
          kind: 'internal',
          found: promoted.outputs.outcome,
        });
      }
      const rolledBack = await rollout(ctx, server.url, '3.0.0', v3, 22);
      if (rolledBack.outputs.outcome !== 'rolled-back' || rolledBack.exitCode !== 1) {
        throw new MlopsError('The worse model should have been rolled back.', {
          kind: 'internal',
          found: rolledBack.outputs.outcome,
        });
      }
    } finally {
      await server.close();
      if (previousToken === undefined) delete process.env.MLOPS_ADMIN_TOKEN;
      else process.env.MLOPS_ADMIN_TOKEN = previousToken;
    }
    ctx.say('\nDeployment records in Git (.mlops/deployments/production/):');
    for (const r of await listRecords(ctx.dir, 'production')) {
      ctx.say(
        `  ${r.id}.json  ${r.version.version} vs ${r.baseline?.version}: ${r.outcome}${r.git.stageTag ? `, stage tag ${r.git.stageTag}` : ''}`,
      );
    }
    ctx.say(`\n${ctx.git('log', '--oneline', '-n', '2', '--', '.mlops/deployments')}`);
    ctx.say(`stage tags: ${ctx.git('tag', '--list', `${MODEL}#*`).split('\n').join(', ')}`);
    const stages = readFileSync(ctx.path('.mlops', 'registry', MODEL, 'stages.yaml'), 'utf8');
    ctx.say(
      `stages.yaml: ${stages
        .split('\n')
        .find((l) => l.includes('production'))
        ?.trim()}`,
    );
  },
};
