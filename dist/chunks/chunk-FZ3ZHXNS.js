import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);

// src/core/errors.ts
var ExitCode = {
  Passed: 0,
  Failed: 1,
  Error: 2
};
var MlopsError = class extends Error {
  kind;
  where;
  expected;
  found;
  hint;
  constructor(message, options) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "MlopsError";
    this.kind = options.kind;
    this.where = options.where;
    this.expected = options.expected;
    this.found = options.found;
    this.hint = options.hint;
  }
  get exitCode() {
    return ExitCode.Error;
  }
};
function usageError(message, hint) {
  return new MlopsError(message, { kind: "usage", hint });
}
function formatLocation(where) {
  if (!where) return "";
  const parts = [];
  if (where.file) {
    let file = where.file;
    if (where.line !== void 0) file += `:${where.line}`;
    if (where.line !== void 0 && where.column !== void 0) file += `:${where.column}`;
    parts.push(file);
  } else if (where.line !== void 0) {
    parts.push(`line ${where.line}`);
  }
  if (where.row !== void 0) parts.push(`row ${where.row}`);
  if (where.field !== void 0) parts.push(`column "${where.field}"`);
  if (where.path !== void 0) parts.push(where.path);
  return parts.join(", ");
}
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
function describeError(error) {
  if (error instanceof MlopsError) {
    const lines = [];
    const where = formatLocation(error.where);
    lines.push(where ? `${where}: ${error.message}` : error.message);
    if (error.expected !== void 0) lines.push(`  expected: ${error.expected}`);
    if (error.found !== void 0) lines.push(`  found:    ${error.found}`);
    if (error.hint !== void 0) lines.push(`  what to do: ${error.hint}`);
    return lines.join("\n");
  }
  if (error instanceof Error) {
    const code = error.code;
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR") {
      return `${error.message} (check that the path exists and is readable)`;
    }
    return `Unexpected error: ${error.message}`;
  }
  return `Unexpected error: ${String(error)}`;
}
function isVerbose(env = process.env) {
  return env.RUNNER_DEBUG === "1" || env.MLOPS_VERBOSE === "1" || env.CI_DEBUG_TRACE === "true";
}

export {
  ExitCode,
  MlopsError,
  usageError,
  formatLocation,
  messageOf,
  describeError,
  isVerbose
};
//# sourceMappingURL=chunk-FZ3ZHXNS.js.map
