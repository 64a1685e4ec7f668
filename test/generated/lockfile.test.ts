/**
 * `npm ci` refuses a lockfile that misses any dependency (optional ones for other platforms included). An
 * `npm install` against a registry mirror that lacks, say, the macOS builds silently drops them, and the next
 * fresh clone cannot install. This checks the lockfile the way npm ci does, without the network.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../harness/runner.js';

type Entry = {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Record<string, string>;
};

test('package-lock.json resolves every dependency, optional platform packages included', () => {
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    lockfileVersion: number;
    packages: Record<string, Entry>;
  };
  assert.equal(lock.lockfileVersion, 3);
  /** Node's resolution: the nearest node_modules/<name> walking up from the dependent package. */
  const resolves = (from: string, name: string): boolean => {
    let base = from;
    for (;;) {
      if (lock.packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
      if (!base) return false;
      const cut = base.lastIndexOf('/node_modules/');
      base = cut >= 0 ? base.slice(0, cut) : '';
    }
  };
  const missing: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    const deps = {
      ...entry.dependencies,
      ...entry.optionalDependencies,
      ...(path === '' ? entry.devDependencies : {}),
    };
    for (const name of Object.keys(deps)) {
      if (!resolves(path, name)) missing.push(`${path || '(root)'} -> ${name}`);
    }
  }
  assert.deepEqual(
    missing,
    [],
    'npm ci would fail with "Missing: ... from lock file"; restore the entries (see git log of package-lock.json)',
  );
});
