/**
 * `mlops demo`: a fresh git repository in a temp dir with the shipped example data, and every implemented step
 * of the loop run through the local platform. Each step lives in its own module (src/demo/steps/).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describeError, ExitCode } from '../core/errors.js';
import { DemoContext } from './context.js';
import { demoSteps } from './steps.js';

export interface DemoOptions {
  dir?: string;
  verbose?: boolean;
}

export async function runDemo(options: DemoOptions = {}): Promise<ExitCode> {
  const dir = resolve(options.dir ?? mkdtempSync(join(tmpdir(), 'mlops-demo-')));
  const ctx = await DemoContext.create(dir, options.verbose ?? false);
  ctx.say(`mlops demo: a fresh repository at ${dir}\n`);
  for (const [index, step] of demoSteps.entries()) {
    ctx.say(`\n━━ ${index + 1}/${demoSteps.length} ${step.title} ━━`);
    try {
      await step.run(ctx);
    } catch (error) {
      ctx.say(`\nThe demo stopped at "${step.title}": ${describeError(error)}`);
      return ExitCode.Error;
    }
  }
  ctx.say(`\nDone. The repository, its registry and every report are in ${dir}`);
  ctx.say(`  reports: ${join(dir, '.mlops', 'out')}`);
  ctx.say(`  history: git -C ${dir} log --oneline --decorate`);
  try {
    execFileSync('git', ['-C', dir, 'log', '--oneline', '--decorate', '-n', '10'], { stdio: 'inherit' });
  } catch {
    // git log is only a courtesy here
  }
  return ExitCode.Passed;
}
