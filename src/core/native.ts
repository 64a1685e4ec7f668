/**
 * Native packages (onnxruntime-node, @duckdb/node-api) are not bundled into dist/. At run time they are loaded
 * from node_modules when the project has them; otherwise the pinned version is installed once into a tool
 * cache directory (keyed by version, platform, architecture and Node ABI) and loaded from there. This is how an
 * action runs from a plain checkout of this repository, which has no node_modules.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir, hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { CacheStore } from '../platform/types.js';
import { MlopsError } from './errors.js';
import { NATIVE_PACKAGES, type NativePackage } from './native-packages.js';

const execFileAsync = promisify(execFile);

type NativeModules = {
  'onnxruntime-node': typeof import('onnxruntime-node');
  '@duckdb/node-api': typeof import('@duckdb/node-api');
};

const loaded = new Map<NativePackage, Promise<unknown>>();

export interface NativeOrigin {
  /** node_modules next to the code or the working directory, or the tool cache this module installs into. */
  source: 'node_modules' | 'tool-cache';
  /** The resolved entry file. */
  path: string;
  /** true when this process installed it into the tool cache. */
  installed: boolean;
  /** true when this process restored the tool cache entry from the CI cache (see persistNativeCacheWith). */
  restored?: boolean;
}

let persistentStore: CacheStore | undefined;

/**
 * Keeps installed copies across runners: a hosted runner starts with an empty tool cache, so the entry points
 * hand in the CI cache (the Actions cache on GitHub); an install is saved there and later jobs restore it.
 */
export function persistNativeCacheWith(store: CacheStore | undefined): void {
  persistentStore = store;
}

const origins = new Map<NativePackage, NativeOrigin>();

/** Where a loaded native package came from (undefined before loadNative finished). */
export function nativeOrigin(name: NativePackage): NativeOrigin | undefined {
  return origins.get(name);
}

/** Where installed copies live: $MLOPS_NATIVE_CACHE, else the runner's tool cache, else ~/.cache. */
export function nativeCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MLOPS_NATIVE_CACHE) return env.MLOPS_NATIVE_CACHE;
  if (env.RUNNER_TOOL_CACHE) return join(env.RUNNER_TOOL_CACHE, 'mlops-actions-native');
  return join(homedir(), '.cache', 'mlops-actions', 'native');
}

export function nativeInstallDir(name: NativePackage, env: NodeJS.ProcessEnv = process.env): string {
  const version = NATIVE_PACKAGES[name];
  const key = `${name.replace('/', '+')}@${version}-${process.platform}-${process.arch}-abi${process.versions.modules}`;
  return join(nativeCacheRoot(env), key);
}

function resolveFrom(base: string, name: string): string | undefined {
  try {
    return createRequire(base).resolve(name);
  } catch {
    return undefined;
  }
}

async function importResolved(path: string): Promise<unknown> {
  // Both packages are CommonJS: require() loads them without the ESM loader scanning every file of the package
  // for its exports (about 90 ms of each command's start-up for @duckdb/node-api). ESM falls back to import().
  try {
    return createRequire(path)(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
  }
  const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  // CommonJS packages arrive as { default: exports, ...the names Node could detect }; merge both.
  const cjs = mod.default;
  return cjs && typeof cjs === 'object' ? { ...(cjs as object), ...mod } : mod;
}

const LOCK_STALE_MS = 15 * 60 * 1000;
const LOCK_POLL_MS = 500;
const INSTALL_TIMEOUT_MS = 15 * 60 * 1000;

/**
 * npm to run the install with: the one shipped next to the running node when there is one (a runner's node may
 * not be first on PATH), else `npm` from PATH.
 */
function npmCommand(): { command: string; args: string[] } {
  const bundled = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  if (existsSync(bundled)) return { command: process.execPath, args: [bundled] };
  return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', args: [] };
}

function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** A lock is abandoned when its owner process on this host is gone, or (other hosts, shared disks) it is old. */
async function lockIsAbandoned(lock: string): Promise<boolean> {
  const owner = await readFile(join(lock, 'owner'), 'utf8').catch(() => '');
  const [pid, host] = owner.split(' ');
  if (pid && host === hostname() && processIsGone(Number(pid))) return true;
  const age = await stat(lock).then(
    (s) => Date.now() - s.mtimeMs,
    () => 0,
  );
  return age > LOCK_STALE_MS;
}

/**
 * Two jobs on one runner (or two test processes) may need the same package at once: the first takes a lock
 * directory and installs; the others wait for the finished copy instead of downloading it again. The lock of a
 * process that died (killed job) is taken over.
 */
async function withInstallLock(dir: string, marker: string, install: () => Promise<boolean>): Promise<boolean> {
  const lock = `${dir}.lock`;
  for (;;) {
    if (existsSync(marker)) return false;
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'owner'), `${process.pid} ${hostname()}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await lockIsAbandoned(lock)) await rm(lock, { recursive: true, force: true });
      else await delay(LOCK_POLL_MS);
      continue;
    }
    try {
      if (existsSync(marker)) return false;
      return await install();
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}

async function installIntoCache(name: NativePackage, dir: string, log: (m: string) => void): Promise<void> {
  const version = NATIVE_PACKAGES[name];
  const staging = `${dir}.staging-${process.pid}`;
  // We hold the lock: staging copies of installers that were killed are garbage.
  for (const entry of await readdir(dirname(dir))) {
    if (entry.startsWith(`${basename(dir)}.staging-`))
      await rm(join(dirname(dir), entry), { recursive: true, force: true });
  }
  await mkdir(staging, { recursive: true });
  await writeFile(join(staging, 'package.json'), JSON.stringify({ private: true, name: 'mlops-native-cache' }));
  // Same reason as the project's .npmrc: onnxruntime-node's postinstall would fetch CUDA binaries from outside.
  await writeFile(join(staging, '.npmrc'), 'onnxruntime-node-install=skip\nfund=false\naudit=false\n');
  log(`Installing ${name}@${version} into ${dir} (once per runner; later runs load it from there).`);
  const npm = npmCommand();
  try {
    await execFileAsync(
      npm.command,
      [...npm.args, 'install', '--no-save', '--no-package-lock', '--omit=dev', `${name}@${version}`],
      {
        cwd: staging,
        env: { ...process.env, npm_config_onnxruntime_node_install: 'skip' },
        maxBuffer: 16 * 1024 * 1024,
        // A registry that never answers must not hold the job until the runner's 6-hour limit.
        timeout: INSTALL_TIMEOUT_MS,
        killSignal: 'SIGKILL',
      },
    );
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new MlopsError(`${name} is needed but not installed, and npm was not found to install it.`, {
        kind: 'internal',
        expected: `${name}@${version} in node_modules, in ${dir}, or npm on PATH to install it there`,
        found: `no npm on PATH (${process.env.PATH ?? ''})`,
        hint: `Install Node.js with npm on the runner (e.g. actions/setup-node), or run \`npm install ${name}@${version}\` in the project.`,
      });
    }
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new MlopsError(`Could not install ${name}@${version}: ${stderr.trim().split('\n').slice(-3).join(' ')}`, {
      kind: 'internal',
      hint: `Install it yourself (npm install ${name}@${version}) or make the npm registry reachable from the runner.`,
    });
  }
  // Under the lock nobody else installs, but a process that lost its lock as stale may still finish: either
  // copy is complete, keep whichever landed first.
  try {
    await rename(staging, dir);
  } catch {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Loads a native package: node_modules next to the code first, then the tool cache, installing it there once.
 */
export function loadNative<N extends NativePackage>(
  name: N,
  options: { log?: (message: string) => void; env?: NodeJS.ProcessEnv } = {},
): Promise<NativeModules[N]> {
  let promise = loaded.get(name);
  if (!promise) {
    promise = (async () => {
      const env = options.env ?? process.env;
      if (env.MLOPS_NATIVE_FORCE_CACHE !== '1') {
        const local = resolveFrom(import.meta.url, name) ?? resolveFrom(join(process.cwd(), 'package.json'), name);
        if (local) {
          origins.set(name, { source: 'node_modules', path: local, installed: false });
          return importResolved(local);
        }
      }
      const dir = nativeInstallDir(name, env);
      const marker = join(dir, 'node_modules', name, 'package.json');
      let installed = false;
      let restored = false;
      if (!existsSync(marker)) {
        await mkdir(nativeCacheRoot(env), { recursive: true });
        const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
        installed = await withInstallLock(dir, marker, async () => {
          const store = persistentStore;
          const key = `mlops-native-${basename(dir)}`;
          if (store && (await store.restore([dir], key).catch(() => undefined)) && existsSync(marker)) {
            log(`Restored ${name}@${NATIVE_PACKAGES[name]} from the CI cache (${key}).`);
            restored = true;
            return false;
          }
          await installIntoCache(name, dir, log);
          if (store) await store.save([dir], key).catch(() => false);
          return true;
        });
      }
      const resolved = resolveFrom(join(dir, 'package.json'), name);
      if (!resolved) {
        throw new MlopsError(`${name} was installed into ${dir} but cannot be resolved there.`, {
          kind: 'internal',
          hint: `Delete ${dir} and run again.`,
        });
      }
      origins.set(name, { source: 'tool-cache', path: resolved, installed, restored });
      return importResolved(resolved);
    })();
    loaded.set(name, promise);
    promise.catch(() => loaded.delete(name));
  }
  return promise as Promise<NativeModules[N]>;
}
