/**
 * Independent reference implementations (scikit-learn, SciPy, pandas) come from Debian's python3-* packages,
 * which live in /usr/bin/python3 (a pyenv python3 earlier on PATH does not see them). Tests that need one call
 * requirePython(t, ['sklearn']) and are skipped with a visible reason when it is absent; CI installs them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

const CANDIDATES = ['/usr/bin/python3', 'python3'];
const found = new Map<string, string | null>();

/** A python3 that can import every module in modules, or null. */
export function findPython(modules: string[]): string | null {
  const key = modules.join(',');
  if (found.has(key)) return found.get(key)!;
  let result: string | null = null;
  for (const exe of CANDIDATES) {
    const probe = spawnSync(exe, ['-c', modules.map((m) => `import ${m}`).join('; ') || 'pass'], { stdio: 'ignore' });
    if (probe.status === 0) {
      result = exe;
      break;
    }
  }
  found.set(key, result);
  return result;
}

/** Returns the python to use, or skips the test with a reason naming the Debian packages to install. */
export function requirePython(t: TestContext, modules: string[]): string | null {
  const exe = findPython(modules);
  if (!exe) {
    const pkgs = modules.map((m) => `python3-${m === 'sklearn' ? 'sklearn' : m}`).join(' ');
    t.skip(`needs Python modules ${modules.join(', ')} (apt-get install ${pkgs}); .ci/run installs them`);
  }
  return exe;
}

/** Runs a Python script with JSON on stdin and returns its JSON on stdout. */
export function runPythonJson<T = unknown>(python: string, script: string, input: unknown = null): T {
  const out = execFileSync(python, ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out) as T;
}
