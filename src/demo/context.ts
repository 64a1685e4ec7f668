import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ActionDefinition } from '../actions/define.js';
import { executeAction } from '../actions/runner.js';
import type { ExitCode } from '../core/errors.js';
import { LocalPlatform } from '../platform/local.js';

/** The examples/ folder, found from this module in src/ (tests) or dist/cli/ (bundle). */
export function examplesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'examples', 'penguins'))) return join(dir, 'examples');
    dir = dirname(dir);
  }
  throw new Error('Cannot find the examples/ folder next to the mlops-actions installation.');
}

export interface StepRun {
  exitCode: ExitCode;
  outputs: Record<string, string>;
  summary: string;
}

export class DemoContext {
  private constructor(
    readonly dir: string,
    readonly verbose: boolean,
  ) {}

  static async create(dir: string, verbose: boolean): Promise<DemoContext> {
    mkdirSync(dir, { recursive: true });
    const ctx = new DemoContext(dir, verbose);
    cpSync(join(examplesDir(), 'penguins'), join(dir, 'data'), { recursive: true });
    writeFileSync(
      join(dir, 'mlops.yaml'),
      [
        '# mlops-actions configuration for the demo (schemas/mlops.schema.json documents every key)',
        'version: 1',
        'model:',
        '  name: penguins',
        '  task: multiclass',
        '  label: species',
        '  segments: [island, sex]',
        'data:',
        '  train: data/train.csv',
        '  eval: data/eval.csv',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, '.gitignore'), '.mlops/out/\n.mlops/local/\n.mlops/artifacts/\n');
    ctx.git('init', '-q', '-b', 'main');
    ctx.git('add', '-A');
    ctx.git('commit', '-q', '-m', 'Penguin species classifier: data and config');
    return ctx;
  }

  say(text: string): void {
    process.stdout.write(`${text}\n`);
  }

  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'mlops demo',
        GIT_AUTHOR_EMAIL: 'demo@mlops.invalid',
        GIT_COMMITTER_NAME: 'mlops demo',
        GIT_COMMITTER_EMAIL: 'demo@mlops.invalid',
      },
    }).trim();
  }

  path(...parts: string[]): string {
    return resolve(this.dir, ...parts);
  }

  /** Runs an action through the local platform exactly as `mlops <action>` would, printing its summary. */
  async run(
    action: ActionDefinition,
    inputs: Record<string, string>,
    options: { quiet?: boolean } = {},
  ): Promise<StepRun> {
    const summaries: string[] = [];
    const platform = new LocalPlatform({
      workspace: this.dir,
      inputs,
      verbose: this.verbose,
      onSummary: (md) => {
        summaries.push(md);
        if (!options.quiet) this.say(md);
      },
    });
    const exitCode = await executeAction(action, platform, { verbose: this.verbose });
    return { exitCode, outputs: platform.outputs, summary: summaries.join('\n') };
  }
}
