import { formatLocation } from '../core/errors.js';
import type { TerminalProgress } from './progress.js';
import type { Annotation, Logger } from './types.js';

/** A logger for terminals and plain CI logs. GitHub uses workflow commands instead (github.ts). */
export class ConsoleLogger implements Logger {
  constructor(
    private readonly options: {
      verbose?: boolean;
      color?: boolean;
      sections?: 'gitlab' | 'plain';
      /** A spinner for long work (terminals only); erased before every line written here. */
      progress?: TerminalProgress;
    } = {},
    private readonly out: NodeJS.WritableStream = process.stdout,
    private readonly err: NodeJS.WritableStream = process.stderr,
  ) {}

  private paint(code: string, text: string): string {
    return this.options.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  }

  info(message: string): void {
    this.options.progress?.clear();
    this.out.write(`${message}\n`);
  }

  warning(message: string, annotation?: Annotation): void {
    const where = formatLocation(annotation);
    this.options.progress?.clear();
    this.err.write(`${this.paint('33', 'warning')}: ${where ? `${where}: ` : ''}${message}\n`);
  }

  error(message: string, annotation?: Annotation): void {
    const where = formatLocation(annotation);
    const text = where && !message.startsWith(where) ? `${where}: ${message}` : message;
    this.options.progress?.clear();
    this.err.write(`${this.paint('31', 'error')}: ${text}\n`);
  }

  debug(message: string): void {
    if (!this.options.verbose) return;
    this.options.progress?.clear();
    this.err.write(`${this.paint('2', `debug: ${message}`)}\n`);
  }

  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    if (this.options.sections === 'gitlab') {
      const id = `mlops_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
      this.out.write(
        `\u001b[0Ksection_start:${Math.floor(Date.now() / 1000)}:${id}[collapsed=true]\r\u001b[0K${title}\n`,
      );
      try {
        return await fn();
      } finally {
        this.out.write(`\u001b[0Ksection_end:${Math.floor(Date.now() / 1000)}:${id}\r\u001b[0K\n`);
      }
    }
    const progress = this.options.progress;
    progress?.clear();
    this.out.write(`${this.paint('1', `▸ ${title}`)}\n`);
    if (!progress) return fn();
    progress.start(title);
    let ok = false;
    try {
      const result = await fn();
      ok = true;
      return result;
    } finally {
      const seconds = progress.stop();
      this.out.write(`${this.paint('2', `${ok ? '✓' : '✗'} ${title} (${seconds.toFixed(1)}s)`)}\n`);
    }
  }
}
