/**
 * Progress on long work: a spinner with elapsed time on a terminal, erased before any other line, and nothing
 * of it when the output is not a terminal (CI logs, pipes).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConsoleLogger } from '../../src/platform/logger.js';
import { progressWanted, TerminalProgress } from '../../src/platform/progress.js';
import { tempDir } from '../helpers/tmp.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..');

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let out = '';
  stream.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  return { stream, text: () => out };
}

describe('terminal progress', () => {
  test('draws label and elapsed time while work runs, and erases itself before a log line', async () => {
    const err = capture();
    const out = capture();
    const progress = new TerminalProgress(err.stream);
    const logger = new ConsoleLogger({ progress }, out.stream, err.stream);
    const result = await logger.group('Profiling 2 columns', async () => {
      await sleep(300);
      logger.info('half way');
      await sleep(150);
      return 42;
    });
    assert.equal(result, 42);
    const spinner = err.text();
    assert.match(spinner, /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Profiling 2 columns · \d+\.\ds/);
    // Every drawn frame is followed, before the next line of output, by an erase of the line.
    assert.ok(spinner.endsWith('\r\u001b[K'), 'the spinner is erased when the work ends');
    assert.match(out.text(), /▸ Profiling 2 columns\nhalf way\n✓ Profiling 2 columns \(\d+\.\ds\)\n/);
  });

  test('a failing group ends with ✗ and the error still propagates', async () => {
    const out = capture();
    const err = capture();
    const logger = new ConsoleLogger({ progress: new TerminalProgress(err.stream) }, out.stream, err.stream);
    await assert.rejects(
      logger.group('Training', async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.match(out.text(), /✗ Training \(\d+\.\ds\)/);
  });

  test('is off for pipes, in CI and on dumb terminals', () => {
    const tty = { isTTY: true } as NodeJS.WriteStream;
    assert.equal(progressWanted(tty, {}), true);
    assert.equal(progressWanted(tty, { CI: 'true' }), false);
    assert.equal(progressWanted(tty, { TERM: 'dumb' }), false);
    assert.equal(progressWanted(tty, { MLOPS_NO_PROGRESS: '1' }), false);
    assert.equal(progressWanted({ isTTY: false } as NodeJS.WriteStream, {}), false);
  });

  test('the CLI shows it in a real terminal (pty) and not in a pipe', (t) => {
    const cli = join(REPO_ROOT, 'dist', 'cli', 'index.js');
    if (!existsSync(cli)) return t.skip('dist/cli/index.js is missing: run npm run build');
    const probe = spawnSync('script', ['-qec', 'true', '/dev/null'], { stdio: 'ignore' });
    if (probe.status !== 0) return t.skip('needs `script` from util-linux to give the CLI a terminal');
    const dir = tempDir();
    cpSync(join(REPO_ROOT, 'examples', 'penguins', 'train.csv'), join(dir, 'train.csv'));
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.CI;
    delete env.MLOPS_NO_PROGRESS;
    const command = `node ${cli} validate-data --infer --data train.csv`;
    const inTerminal = execFileSync('script', ['-qec', command, '/dev/null'], { cwd: dir, env, encoding: 'utf8' });
    assert.match(inTerminal, /mlops validate-data · \d+\.\ds/);
    const piped = spawnSync('node', [cli, 'validate-data', '--data', 'train.csv'], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(piped.status, 0, piped.stderr);
    assert.doesNotMatch(piped.stdout + piped.stderr, /·\s\d+\.\ds/);
  });
});
