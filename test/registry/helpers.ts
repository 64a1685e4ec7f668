import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerModelAction } from '../../src/actions/register-model.js';
import { executeAction } from '../../src/actions/runner.js';
import { LocalPlatform } from '../../src/platform/local.js';
import type { Logger } from '../../src/platform/types.js';
import { GIT_ENV, git, repoWithRemote } from '../helpers/tmp.js';

Object.assign(process.env, GIT_ENV);

export function quietLogger(lines: string[] = []): Logger & { lines: string[] } {
  const record = (level: string) => (message: string) => {
    lines.push(`${level}: ${message}`);
  };
  return {
    lines,
    info: record('info'),
    warning: record('warning'),
    error: record('error'),
    debug: () => {},
    group: (_title, fn) => fn(),
  };
}

/** A clone with a bare remote and an mlops.yaml (local artifact store inside the temp dir). */
export function registryRepo(extraConfig = ''): { work: string; remote: string; store: string } {
  const { work, remote } = repoWithRemote('mlops-registry-');
  const store = join(work, '..', 'store');
  writeFileSync(
    join(work, 'mlops.yaml'),
    `model:\n  name: penguins\n  task: regression\n  label: body_mass_g\nregistry:\n  store: local\n  storeDir: ${store}\n${extraConfig}`,
  );
  writeFileSync(join(work, '.gitignore'), '.mlops/out/\n*.onnx\n');
  git(work, 'add', 'mlops.yaml', '.gitignore');
  git(work, 'commit', '-q', '-m', 'config');
  git(work, 'push', '-q', 'origin', 'main');
  return { work, remote, store };
}

export interface Run {
  exitCode: number;
  outputs: Record<string, string>;
  log: string;
  summary: string;
}

export async function runRegister(work: string, inputs: Record<string, string>, actor?: string): Promise<Run> {
  const logger = quietLogger();
  const summaries: string[] = [];
  const platform = new LocalPlatform({ workspace: work, inputs, logger, onSummary: (s) => summaries.push(s) });
  if (actor) (platform.context as { actor?: string }).actor = actor;
  const exitCode = await executeAction(registerModelAction, platform);
  return { exitCode, outputs: platform.outputs, log: logger.lines.join('\n'), summary: summaries.join('\n') };
}

/** Everything that identifies the state of a repository and its remote: refs, tags, HEAD, working tree status. */
export function snapshot(work: string, remote: string): string {
  return [
    git(work, 'for-each-ref', '--format=%(refname) %(objectname)'),
    git(remote, 'for-each-ref', '--format=%(refname) %(objectname)'),
    git(work, 'status', '--porcelain', '--untracked-files=all', '--', '.mlops/registry'),
  ].join('\n---\n');
}

/** Merges a pushed branch into main with a merge commit, as a platform's merge button does, and pushes main. */
export function mergeBranch(work: string, branch: string, message: string): void {
  git(work, 'fetch', '-q', 'origin');
  git(work, 'merge', '-q', '--no-ff', `origin/${branch}`, '-m', message);
  git(work, 'push', '-q', 'origin', 'main');
}
