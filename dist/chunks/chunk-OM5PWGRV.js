import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  formatLocation
} from "./chunk-FZ3ZHXNS.js";

// src/platform/logger.ts
var ConsoleLogger = class {
  constructor(options = {}, out = process.stdout, err = process.stderr) {
    this.options = options;
    this.out = out;
    this.err = err;
  }
  options;
  out;
  err;
  paint(code, text) {
    return this.options.color ? `\x1B[${code}m${text}\x1B[0m` : text;
  }
  info(message) {
    this.options.progress?.clear();
    this.out.write(`${message}
`);
  }
  warning(message, annotation) {
    const where = formatLocation(annotation);
    this.options.progress?.clear();
    this.err.write(`${this.paint("33", "warning")}: ${where ? `${where}: ` : ""}${message}
`);
  }
  error(message, annotation) {
    const where = formatLocation(annotation);
    const text = where && !message.startsWith(where) ? `${where}: ${message}` : message;
    this.options.progress?.clear();
    this.err.write(`${this.paint("31", "error")}: ${text}
`);
  }
  debug(message) {
    if (!this.options.verbose) return;
    this.options.progress?.clear();
    this.err.write(`${this.paint("2", `debug: ${message}`)}
`);
  }
  async group(title, fn) {
    if (this.options.sections === "gitlab") {
      const id = `mlops_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
      this.out.write(
        `\x1B[0Ksection_start:${Math.floor(Date.now() / 1e3)}:${id}[collapsed=true]\r\x1B[0K${title}
`
      );
      try {
        return await fn();
      } finally {
        this.out.write(`\x1B[0Ksection_end:${Math.floor(Date.now() / 1e3)}:${id}\r\x1B[0K
`);
      }
    }
    const progress = this.options.progress;
    progress?.clear();
    this.out.write(`${this.paint("1", `\u25B8 ${title}`)}
`);
    if (!progress) return fn();
    progress.start(title);
    let ok = false;
    try {
      const result = await fn();
      ok = true;
      return result;
    } finally {
      const seconds = progress.stop();
      this.out.write(`${this.paint("2", `${ok ? "\u2713" : "\u2717"} ${title} (${seconds.toFixed(1)}s)`)}
`);
    }
  }
};

export {
  ConsoleLogger
};
//# sourceMappingURL=chunk-OM5PWGRV.js.map
