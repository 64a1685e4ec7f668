/**
 * The environment a run trained in: OS, CPU, Node and, for Python commands, the interpreter and every
 * installed distribution with its version (importlib.metadata), which is also part of the cache key.
 */
import { execFile } from 'node:child_process';
import { arch, availableParallelism, cpus, platform, release, type } from 'node:os';
import { promisify } from 'node:util';
import type { TrainEnvironment } from './report.js';

const execFileAsync = promisify(execFile);

const PYTHON_INSPECT = `
import json, sys
try:
    import importlib.metadata as md
    packages = {}
    for d in md.distributions():
        name = d.metadata["Name"]
        if name:
            packages[name.lower()] = d.version
except Exception:
    packages = {}
print(json.dumps({"executable": sys.executable, "version": sys.version.split()[0], "packages": dict(sorted(packages.items()))}))
`;

/** The Python interpreter a command runs, when it is a Python command: `python3 train.py`, `./train.py`. */
export function pythonOf(command: string): string | undefined {
  const tokens = command.trim().split(/\s+/);
  const first = tokens.find((t) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(t));
  if (!first) return undefined;
  if (/(^|\/)python[0-9.]*$/.test(first)) return first;
  if (/\.py$/.test(first)) return 'python3';
  if (/(^|\/)(uv|poetry|pipenv)$/.test(first) && tokens.includes('python')) return 'python3';
  return undefined;
}

export async function inspectPython(executable: string, cwd: string): Promise<TrainEnvironment['python']> {
  try {
    const { stdout } = await execFileAsync(executable, ['-c', PYTHON_INSPECT], {
      cwd,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 60_000,
    });
    return JSON.parse(stdout) as TrainEnvironment['python'];
  } catch {
    return undefined;
  }
}

export async function collectEnvironment(command: string | undefined, cwd: string): Promise<TrainEnvironment> {
  const env: TrainEnvironment = {
    os: `${type()} ${release()}`,
    platform: platform(),
    arch: arch(),
    cpu: { model: cpus()[0]?.model?.trim() ?? 'unknown', cores: availableParallelism() },
    node: process.version,
  };
  const python = command ? pythonOf(command) : undefined;
  if (python) {
    const info = await inspectPython(python, cwd);
    if (info) env.python = info;
  }
  return env;
}
