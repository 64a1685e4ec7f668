/**
 * The environment a run trained in: OS, CPU, Node and, for Python commands, the interpreter and every
 * installed distribution with its version (importlib.metadata), which is also part of the cache key. Commands
 * run through an environment tool (uv, poetry, pipenv, conda, ...) are inspected through the same tool.
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

const PYTHON_INTERPRETER = /(^|\/)python[0-9.]*$/;
const PYTHON_SCRIPT = /\.py$/;

/** Tools that run a command inside a project environment: `uv run`, `poetry run`, `pipenv run`, `conda run -n x`. */
const ENVIRONMENT_RUNNERS = /(^|\/)(uv|poetry|pipenv|conda|mamba|micromamba|pixi|hatch|pdm)$/;

/**
 * How to start the Python interpreter a command runs, when it is a Python command: `python3 train.py` ->
 * [python3]; `./train.py` -> [python3]; `uv run python train.py` or `uv run train.py` -> [uv, run, python], so
 * the packages recorded (and keyed) are those of the environment the command really uses, not the system's.
 */
export function pythonOf(command: string): string[] | undefined {
  const tokens = command.trim().split(/\s+/);
  const start = tokens.findIndex((t) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(t));
  if (start < 0) return undefined;
  const first = tokens[start]!;
  if (PYTHON_INTERPRETER.test(first)) return [first];
  if (PYTHON_SCRIPT.test(first)) return ['python3'];
  if (ENVIRONMENT_RUNNERS.test(first) && tokens[start + 1] === 'run') {
    // Only the runner's own options (and their values) may come before the interpreter or the script: in
    // `uv run ./train.sh x.py` the program is train.sh, and inspecting must never start it.
    const rest = tokens.slice(start + 2);
    for (let i = 0; i < rest.length; i++) {
      const token = rest[i]!;
      if (PYTHON_INTERPRETER.test(token)) return [first, 'run', ...rest.slice(0, i), token];
      if (PYTHON_SCRIPT.test(token)) return [first, 'run', ...rest.slice(0, i), 'python'];
      const isOption = token.startsWith('-');
      const isOptionValue = i > 0 && rest[i - 1]!.startsWith('-') && !rest[i - 1]!.includes('=') && !/[/.]/.test(token);
      if (!isOption && !isOptionValue) return undefined;
    }
  }
  return undefined;
}

export async function inspectPython(argv: string[], cwd: string): Promise<TrainEnvironment['python']> {
  try {
    const { stdout } = await execFileAsync(argv[0]!, [...argv.slice(1), '-c', PYTHON_INSPECT], {
      cwd,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 60_000,
    });
    // A runner may print its own lines (uv: "Resolved 12 packages") before the interpreter's JSON.
    const line = stdout.trim().split('\n').at(-1) ?? '';
    return JSON.parse(line) as TrainEnvironment['python'];
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
