import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  MlopsError
} from "./chunk-FZ3ZHXNS.js";

// src/core/native.ts
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { homedir, hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

// src/core/native-packages.ts
var NATIVE_PACKAGES = {
  "onnxruntime-node": "1.30.0",
  "@duckdb/node-api": "1.5.6-r.1"
};

// src/core/native.ts
var execFileAsync = promisify(execFile);
var loaded = /* @__PURE__ */ new Map();
var persistentStore;
function persistNativeCacheWith(store) {
  persistentStore = store;
}
var origins = /* @__PURE__ */ new Map();
function nativeOrigin(name) {
  return origins.get(name);
}
function nativeCacheRoot(env = process.env) {
  if (env.MLOPS_NATIVE_CACHE) return env.MLOPS_NATIVE_CACHE;
  if (env.RUNNER_TOOL_CACHE) return join(env.RUNNER_TOOL_CACHE, "mlops-actions-native");
  return join(homedir(), ".cache", "mlops-actions", "native");
}
function nativeInstallDir(name, env = process.env) {
  const version = NATIVE_PACKAGES[name];
  const key = `${name.replace("/", "+")}@${version}-${process.platform}-${process.arch}-abi${process.versions.modules}`;
  return join(nativeCacheRoot(env), key);
}
function resolveFrom(base, name) {
  try {
    return createRequire(base).resolve(name);
  } catch {
    return void 0;
  }
}
async function importResolved(path) {
  try {
    return createRequire(path)(path);
  } catch (error) {
    if (error.code !== "ERR_REQUIRE_ESM") throw error;
  }
  const mod = await import(pathToFileURL(path).href);
  const cjs = mod.default;
  return cjs && typeof cjs === "object" ? { ...cjs, ...mod } : mod;
}
var LOCK_STALE_MS = 15 * 60 * 1e3;
var LOCK_POLL_MS = 500;
var INSTALL_TIMEOUT_MS = 15 * 60 * 1e3;
function npmCommand() {
  const bundled = join(dirname(process.execPath), "..", "lib", "node_modules", "npm", "bin", "npm-cli.js");
  if (existsSync(bundled)) return { command: process.execPath, args: [bundled] };
  return { command: process.platform === "win32" ? "npm.cmd" : "npm", args: [] };
}
function processIsGone(pid) {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return error.code === "ESRCH";
  }
}
async function lockIsAbandoned(lock) {
  const owner = await readFile(join(lock, "owner"), "utf8").catch(() => "");
  const [pid, host] = owner.split(" ");
  if (pid && host === hostname() && processIsGone(Number(pid))) return true;
  const age = await stat(lock).then(
    (s) => Date.now() - s.mtimeMs,
    () => 0
  );
  return age > LOCK_STALE_MS;
}
async function withInstallLock(dir, marker, install) {
  const lock = `${dir}.lock`;
  for (; ; ) {
    if (existsSync(marker)) return false;
    try {
      await mkdir(lock);
      await writeFile(join(lock, "owner"), `${process.pid} ${hostname()}`);
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
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
async function installIntoCache(name, dir, log) {
  const version = NATIVE_PACKAGES[name];
  const staging = `${dir}.staging-${process.pid}`;
  for (const entry of await readdir(dirname(dir))) {
    if (entry.startsWith(`${basename(dir)}.staging-`))
      await rm(join(dirname(dir), entry), { recursive: true, force: true });
  }
  await mkdir(staging, { recursive: true });
  await writeFile(join(staging, "package.json"), JSON.stringify({ private: true, name: "mlops-native-cache" }));
  await writeFile(join(staging, ".npmrc"), "onnxruntime-node-install=skip\nfund=false\naudit=false\n");
  log(`Installing ${name}@${version} into ${dir} (once per runner; later runs load it from there).`);
  const npm = npmCommand();
  try {
    await execFileAsync(
      npm.command,
      [...npm.args, "install", "--no-save", "--no-package-lock", "--omit=dev", `${name}@${version}`],
      {
        cwd: staging,
        env: { ...process.env, npm_config_onnxruntime_node_install: "skip" },
        maxBuffer: 16 * 1024 * 1024,
        // A registry that never answers must not hold the job until the runner's 6-hour limit.
        timeout: INSTALL_TIMEOUT_MS,
        killSignal: "SIGKILL"
      }
    );
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error.code === "ENOENT") {
      throw new MlopsError(`${name} is needed but not installed, and npm was not found to install it.`, {
        kind: "internal",
        expected: `${name}@${version} in node_modules, in ${dir}, or npm on PATH to install it there`,
        found: `no npm on PATH (${process.env.PATH ?? ""})`,
        hint: `Install Node.js with npm on the runner (e.g. actions/setup-node), or run \`npm install ${name}@${version}\` in the project.`
      });
    }
    const stderr = error.stderr ?? String(error);
    throw new MlopsError(`Could not install ${name}@${version}: ${stderr.trim().split("\n").slice(-3).join(" ")}`, {
      kind: "internal",
      hint: `Install it yourself (npm install ${name}@${version}) or make the npm registry reachable from the runner.`
    });
  }
  try {
    await rename(staging, dir);
  } catch {
    await rm(staging, { recursive: true, force: true });
  }
}
function loadNative(name, options = {}) {
  let promise = loaded.get(name);
  if (!promise) {
    promise = (async () => {
      const env = options.env ?? process.env;
      if (env.MLOPS_NATIVE_FORCE_CACHE !== "1") {
        const local = resolveFrom(import.meta.url, name) ?? resolveFrom(join(process.cwd(), "package.json"), name);
        if (local) {
          origins.set(name, { source: "node_modules", path: local, installed: false });
          return importResolved(local);
        }
      }
      const dir = nativeInstallDir(name, env);
      const marker = join(dir, "node_modules", name, "package.json");
      let installed = false;
      let restored = false;
      if (!existsSync(marker)) {
        await mkdir(nativeCacheRoot(env), { recursive: true });
        const log = options.log ?? ((m) => process.stderr.write(`${m}
`));
        installed = await withInstallLock(dir, marker, async () => {
          const store = persistentStore;
          const key = `mlops-native-${basename(dir)}`;
          if (store && await store.restore([dir], key).catch(() => void 0) && existsSync(marker)) {
            log(`Restored ${name}@${NATIVE_PACKAGES[name]} from the CI cache (${key}).`);
            restored = true;
            return false;
          }
          await installIntoCache(name, dir, log);
          if (store) await store.save([dir], key).catch(() => false);
          return true;
        });
      }
      const resolved = resolveFrom(join(dir, "package.json"), name);
      if (!resolved) {
        throw new MlopsError(`${name} was installed into ${dir} but cannot be resolved there.`, {
          kind: "internal",
          hint: `Delete ${dir} and run again.`
        });
      }
      origins.set(name, { source: "tool-cache", path: resolved, installed, restored });
      return importResolved(resolved);
    })();
    loaded.set(name, promise);
    promise.catch(() => loaded.delete(name));
  }
  return promise;
}

export {
  NATIVE_PACKAGES,
  persistNativeCacheWith,
  nativeOrigin,
  nativeCacheRoot,
  loadNative
};
//# sourceMappingURL=chunk-CAKWGMZF.js.map
