/**
 * Runs the user's training command with the run's environment, streaming its output line by line into the
 * log (inside a collapsible group) and keeping the last lines for the summary when it fails.
 */
import { spawn } from 'node:child_process';
import type { Logger } from '../../platform/types.js';

export const TAIL_LINES = 50;

export interface CommandResult {
  exitCode: number | null;
  signal: string | null;
  /** The last TAIL_LINES lines of stdout and stderr, interleaved as they arrived. */
  tail: string[];
  timedOut: boolean;
}

export interface CommandOptions {
  command: string;
  cwd: string;
  env: Record<string, string>;
  log: Logger;
  timeoutMs?: number;
}

export function runTrainingCommand(options: CommandOptions): Promise<CommandResult> {
  return options.log.group(`Training: ${options.command}`, async () => {
    const tail: string[] = [];
    const remember = (line: string) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    };
    const child = spawn(options.command, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, PYTHONUNBUFFERED: '1' },
      shell: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout ends the whole tree (the shell and what it started).
      detached: process.platform !== 'win32',
    });
    const killTree = (signal: NodeJS.Signals) => {
      try {
        if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // already gone
      }
    };
    // Being cancelled (Ctrl-C, a cancelled CI job) must not leave the training running in its own group.
    const forward = (signal: NodeJS.Signals) => killTree(signal);
    process.once('SIGINT', forward);
    process.once('SIGTERM', forward);
    const pending = { out: '', err: '' };
    const onData = (stream: 'out' | 'err') => (chunk: Buffer) => {
      const text = pending[stream] + chunk.toString('utf8');
      const lines = text.split(/\r?\n/);
      pending[stream] = lines.pop() ?? '';
      for (const line of lines) {
        options.log.info(line);
        remember(line);
      }
    };
    child.stdout.on('data', onData('out'));
    child.stderr.on('data', onData('err'));
    let timedOut = false;
    const timer =
      options.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true;
            killTree('SIGTERM');
            setTimeout(() => killTree('SIGKILL'), 5000).unref();
          }, options.timeoutMs)
        : undefined;
    const { code, signal } = await new Promise<{ code: number | null; signal: string | null }>((resolveExit) => {
      child.on('error', (error) => {
        remember(`failed to start: ${error.message}`);
        resolveExit({ code: 127, signal: null });
      });
      child.on('close', (c, s) => resolveExit({ code: c, signal: s }));
    });
    if (timer) clearTimeout(timer);
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    for (const rest of [pending.out, pending.err]) {
      if (rest) {
        options.log.info(rest);
        remember(rest);
      }
    }
    return { exitCode: code, signal, tail, timedOut };
  });
}
