/**
 * The native loader (src/core/native.ts) as a runner meets it: the CLI bundle runs from a copy of the repository
 * without node_modules, so @duckdb/node-api and onnxruntime-node must be installed into the tool cache (once, even
 * when two processes start together) and loaded from there afterwards. `mlops doctor` proves a real load: a DuckDB
 * query and an ONNX inference.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { NATIVE_PACKAGES } from '../../src/core/native-packages.js';
import { FakeActionsCache } from '../fakes/actions-cache.js';
import { NODE24, REPO_ROOT, type RunResult, runBundle } from '../harness/runner.js';
import { tempDir } from '../helpers/tmp.js';

interface DoctorJson {
  node: string;
  checks: {
    package: string;
    version: string;
    pinned: string;
    ok: boolean;
    probe: string;
    origin: { source: string; path: string; installed: boolean; restored?: boolean };
  }[];
}

// One cache for the whole file, under the OS temp dir (removed afterwards): the first runs must install into it.
const cache = join(tempDir('mlops-native-cache-'), 'tool-cache');

function doctor(env: Record<string, string | undefined> = {}): Promise<RunResult> {
  return runBundle('dist/cli/index.js', {
    args: ['doctor', '--json'],
    env: { GITHUB_ACTIONS: undefined, CI: undefined, MLOPS_NATIVE_CACHE: cache, ...env },
    timeoutMs: 600_000,
  });
}

/** The doctor's JSON within stdout, which on GitHub also carries the cache client's log lines. */
function doctorJson(stdout: string): DoctorJson {
  const start = stdout.indexOf('{\n  "tool"');
  for (let end = stdout.indexOf('\n}', start); end >= 0; end = stdout.indexOf('\n}', end + 1)) {
    try {
      return JSON.parse(stdout.slice(start, end + 2)) as DoctorJson;
    } catch {}
  }
  assert.fail(`no doctor JSON in:\n${stdout}`);
}

function parse(run: RunResult): DoctorJson {
  assert.equal(run.exitCode, 0, `doctor failed:\n${run.stderr}\n${run.stdout}`);
  return JSON.parse(run.stdout) as DoctorJson;
}

describe('native packages from a copy without node_modules', { concurrency: false }, () => {
  test('two processes starting together install each package once into the tool cache, and both run it', async () => {
    const [a, b] = await Promise.all([doctor(), doctor()]);
    const runs = [parse(a!), parse(b!)];
    for (const run of runs) {
      assert.match(run.node, /^v24\./);
      for (const check of run.checks) {
        assert.ok(check.ok, check.probe);
        assert.equal(check.origin.source, 'tool-cache');
        assert.ok(check.origin.path.startsWith(cache), check.origin.path);
        assert.equal(check.version, NATIVE_PACKAGES[check.package as keyof typeof NATIVE_PACKAGES]);
      }
      assert.deepEqual(run.checks.map((c) => c.probe).sort(), [
        'DuckDB v1.5.6: SELECT 40 + 2 = 42',
        'ONNX Add(x, x) on [1, 2, 3] = [2, 4, 6]',
      ]);
    }
    for (const name of Object.keys(NATIVE_PACKAGES)) {
      const installs = runs.flatMap((r) => r.checks).filter((c) => c.package === name && c.origin.installed);
      assert.equal(installs.length, 1, `${name} must be installed by exactly one of the two processes`);
    }
    const installMessages = `${a!.stderr}${b!.stderr}`.match(/^Installing /gm) ?? [];
    assert.equal(installMessages.length, 2, `${a!.stderr}\n${b!.stderr}`);
    // Nothing half-done is left behind: one finished directory per package, no staging copies or locks.
    assert.deepEqual(readdirSync(cache).sort(), [
      `@duckdb+node-api@${NATIVE_PACKAGES['@duckdb/node-api']}-linux-x64-abi137`,
      `onnxruntime-node@${NATIVE_PACKAGES['onnxruntime-node']}-linux-x64-abi137`,
    ]);
  });

  test('a later run loads from the tool cache without installing again', async () => {
    const run = await doctor();
    const result = parse(run);
    assert.doesNotMatch(run.stderr, /Installing/);
    for (const check of result.checks) {
      assert.ok(check.ok, check.probe);
      assert.equal(check.origin.source, 'tool-cache');
      assert.equal(check.origin.installed, false);
    }
  });

  test('a lock left by a killed installer is taken over, and its half-written staging copy removed', async () => {
    const own = join(tempDir('mlops-native-stale-'), 'cache');
    const dir = join(own, `@duckdb+node-api@${NATIVE_PACKAGES['@duckdb/node-api']}-linux-x64-abi137`);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    mkdirSync(`${dir}.lock`, { recursive: true });
    writeFileSync(join(`${dir}.lock`, 'owner'), `${dead.stdout} ${hostname()}`);
    mkdirSync(join(`${dir}.staging-${dead.stdout}`, 'node_modules'), { recursive: true });
    const run = await runBundle('dist/cli/index.js', {
      args: ['doctor', '--json', '--only', 'duckdb'],
      env: { GITHUB_ACTIONS: undefined, CI: undefined, MLOPS_NATIVE_CACHE: own },
      timeoutMs: 300_000,
    });
    const [check] = parse(run).checks;
    assert.equal(check?.ok, true);
    assert.equal(check?.origin.installed, true);
    assert.deepEqual(readdirSync(own), [basename(dir)]);
  });

  test('on GitHub an install is saved to the Actions cache (service v2), and a fresh runner restores it instead of installing', async () => {
    const service = await new FakeActionsCache().start();
    after(() => service.stop());
    const own = join(tempDir('mlops-native-actions-cache-'), 'hostedtoolcache');
    const env = {
      GITHUB_ACTIONS: 'true',
      // As a github.com runner sets them today: cache service v2 (the v1 protocol is covered in the platform tests).
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: service.resultsUrl,
      ACTIONS_CACHE_URL: undefined,
      ACTIONS_RUNTIME_TOKEN: service.runtimeToken,
      MLOPS_NATIVE_CACHE: own,
    };
    const first = await runBundle('dist/cli/index.js', { args: ['doctor', '--json', '--only', 'duckdb'], env });
    assert.equal(first.exitCode, 0, first.stderr + first.stdout);
    assert.equal(doctorJson(first.stdout).checks[0]?.origin.installed, true);
    const key = `mlops-native-@duckdb+node-api@${NATIVE_PACKAGES['@duckdb/node-api']}-linux-x64-abi137`;
    assert.deepEqual(
      service.entries.filter((e) => e.committed).map((e) => e.key),
      [key],
    );
    // A new runner: same tool cache path, empty.
    rmSync(own, { recursive: true, force: true });
    const second = await runBundle('dist/cli/index.js', { args: ['doctor', '--json', '--only', 'duckdb'], env });
    assert.equal(second.exitCode, 0, second.stderr + second.stdout);
    const [check] = doctorJson(second.stdout).checks;
    assert.equal(check?.ok, true, check?.probe);
    assert.equal(check?.origin.installed, false);
    assert.equal(check?.origin.restored, true);
    assert.doesNotMatch(second.stderr, /Installing/);
    assert.match(second.stderr, /Restored @duckdb\/node-api@.* from the CI cache/);
    assert.deepEqual(service.server.rejections, []);
  });

  test('without npm on PATH the error says what is missing and what to do, without a stack trace', async () => {
    const empty = join(tempDir('mlops-native-nonpm-'), 'cache');
    const run = await runBundle('dist/cli/index.js', {
      args: ['doctor', '--only', 'duckdb'],
      env: { GITHUB_ACTIONS: undefined, CI: undefined, MLOPS_NATIVE_CACHE: empty, PATH: dirname(NODE24) },
    });
    assert.equal(run.exitCode, 2, run.stderr);
    assert.match(run.stderr, /@duckdb\/node-api is needed but not installed, and npm was not found/);
    assert.match(run.stderr, /what to do: Install Node\.js with npm/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });
});

describe('native package pins', () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };

  for (const [name, version] of Object.entries(NATIVE_PACKAGES)) {
    test(`${name} is pinned to exactly ${version} in package.json and the lockfile`, () => {
      assert.equal(pkg.dependencies[name], version, 'package.json must pin the exact version (no ^ or ~)');
      assert.equal(lock.packages[`node_modules/${name}`]?.version, version);
    });
  }

  test('the bundles do not contain the native packages (they stay external)', () => {
    const files = readdirSync(join(REPO_ROOT, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.js'),
    );
    assert.ok(files.length >= 8, 'dist/ holds the entry points and their shared chunks');
    for (const file of files) {
      const code = readFileSync(join(REPO_ROOT, 'dist', file), 'utf8');
      assert.doesNotMatch(code, /onnxruntime_binding|duckdb\.node\b/, `dist/${file}`);
    }
  });
});
