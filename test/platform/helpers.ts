import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { RetryPolicy } from '../../src/platform/http.js';
import type { Annotation, Logger } from '../../src/platform/types.js';

/** A logger that keeps every line, so tests can assert what was (and was not) logged. */
export class CapturingLogger implements Logger {
  readonly lines: string[] = [];
  info(message: string): void {
    this.lines.push(`info: ${message}`);
  }
  warning(message: string, _annotation?: Annotation): void {
    this.lines.push(`warning: ${message}`);
  }
  error(message: string, _annotation?: Annotation): void {
    this.lines.push(`error: ${message}`);
  }
  debug(message: string): void {
    this.lines.push(`debug: ${message}`);
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.lines.push(`group: ${title}`);
    return fn();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

/** Real retry logic with waits short enough for tests. */
export const fastRetry: RetryPolicy = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxWaitMs: 120_000 };

export function writeBytes(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Everything an error can expose: message, hint, expected/found, where, and its cause chain as inspected. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const fields = error as Error & Record<string, unknown>;
  return [
    error.message,
    fields.hint,
    fields.expected,
    fields.found,
    JSON.stringify(fields.where ?? {}),
    inspect(error, { depth: 8 }),
  ].join('\n');
}
