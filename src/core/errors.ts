/**
 * One error type for everything the tool cannot do: it says what went wrong, where, and what to do.
 * Exit codes: 0 all passed, 1 a check/gate/threshold failed (the tool worked), 2 the tool could not do its job.
 */

export const ExitCode = {
  Passed: 0,
  Failed: 1,
  Error: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export type ErrorKind = 'usage' | 'config' | 'input' | 'api' | 'not-implemented' | 'internal';

/** Where a problem is: any subset of file, 1-based line/column, 1-based data row, column name, JSON path. */
export interface Location {
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  row?: number;
  field?: string;
  path?: string;
}

export interface MlopsErrorOptions {
  kind: ErrorKind;
  where?: Location;
  expected?: string;
  found?: string;
  hint?: string;
  cause?: unknown;
}

export class MlopsError extends Error {
  readonly kind: ErrorKind;
  readonly where: Location | undefined;
  readonly expected: string | undefined;
  readonly found: string | undefined;
  readonly hint: string | undefined;

  constructor(message: string, options: MlopsErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MlopsError';
    this.kind = options.kind;
    this.where = options.where;
    this.expected = options.expected;
    this.found = options.found;
    this.hint = options.hint;
  }

  get exitCode(): ExitCode {
    return ExitCode.Error;
  }
}

export function usageError(message: string, hint?: string): MlopsError {
  return new MlopsError(message, { kind: 'usage', hint });
}

export function notImplemented(what: string): MlopsError {
  return new MlopsError(`${what} is not implemented in this version.`, {
    kind: 'not-implemented',
    hint: 'Pin an earlier release of mlops-actions or follow the project for the release that adds it.',
  });
}

export function formatLocation(where: Location | undefined): string {
  if (!where) return '';
  const parts: string[] = [];
  if (where.file) {
    let file = where.file;
    if (where.line !== undefined) file += `:${where.line}`;
    if (where.line !== undefined && where.column !== undefined) file += `:${where.column}`;
    parts.push(file);
  } else if (where.line !== undefined) {
    parts.push(`line ${where.line}`);
  }
  if (where.row !== undefined) parts.push(`row ${where.row}`);
  if (where.field !== undefined) parts.push(`column "${where.field}"`);
  if (where.path !== undefined) parts.push(where.path);
  return parts.join(', ');
}

/** The message of anything thrown (an Error's message, else its text). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A readable, multi-line description of an error, without a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof MlopsError) {
    const lines: string[] = [];
    const where = formatLocation(error.where);
    lines.push(where ? `${where}: ${error.message}` : error.message);
    if (error.expected !== undefined) lines.push(`  expected: ${error.expected}`);
    if (error.found !== undefined) lines.push(`  found:    ${error.found}`);
    if (error.hint !== undefined) lines.push(`  what to do: ${error.hint}`);
    return lines.join('\n');
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      return `${error.message} (check that the path exists and is readable)`;
    }
    return `Unexpected error: ${error.message}`;
  }
  return `Unexpected error: ${String(error)}`;
}

export function isVerbose(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.RUNNER_DEBUG === '1' || env.MLOPS_VERBOSE === '1' || env.CI_DEBUG_TRACE === 'true';
}
