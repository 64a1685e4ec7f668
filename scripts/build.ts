/**
 * Builds dist/<action>/index.js for every action and dist/cli/index.js: ESM, pure JavaScript, source maps.
 * Native packages (onnxruntime-node, @duckdb/node-api) stay external: src/core/native.ts finds or installs them.
 * Usage: node --import tsx scripts/build.ts [--outdir DIR]   (tests build into a temp dir and compare with dist/)
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { actionModules } from '../src/actions/catalog.js';
import { NATIVE_PACKAGES } from '../src/core/native-packages.js';

const root = resolve(import.meta.dirname, '..');
const outIndex = process.argv.indexOf('--outdir');
const outdir = resolve(outIndex >= 0 ? process.argv[outIndex + 1]! : join(root, 'dist'));

// CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
const banner = [
  "import { createRequire as __mlopsCreateRequire } from 'node:module';",
  'const require = __mlopsCreateRequire(import.meta.url);',
].join('\n');

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'linked',
  external: Object.keys(NATIVE_PACKAGES),
  logLevel: 'warning',
  absWorkingDir: root,
} as const;

/** Entry modules that exist only here: each action's is two lines around runAsAction (DESIGN.md). */
function entrySources(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const [name, { module, exportName }] of Object.entries(actionModules)) {
    entries[`${name}/index`] = [
      "import { runAsAction } from './src/actions/runner.ts';",
      `import { ${exportName} } from './${module}';`,
      `await runAsAction(${exportName});`,
    ].join('\n');
  }
  entries['cli/index'] = "#!/usr/bin/env node\nimport './src/cli/index.ts';";
  // Worker thread entries, found by the code that starts them relative to its own bundle file (../workers/).
  entries['workers/bootstrap'] = "import './src/core/evaluate/bootstrap-worker.ts';";
  return entries;
}

const virtualEntries: Plugin = {
  name: 'mlops-virtual-entries',
  setup(build) {
    const sources = entrySources();
    build.onResolve({ filter: /^mlops-entry:/ }, (args) => ({
      path: args.path.slice('mlops-entry:'.length),
      namespace: 'mlops-entry',
    }));
    build.onLoad({ filter: /.*/, namespace: 'mlops-entry' }, (args) => ({
      contents: sources[args.path],
      loader: 'ts',
      resolveDir: root,
    }));
  },
};

/**
 * One build with code splitting: the entry points (actions, CLI, worker threads) share their common code
 * (Octokit, the core library) through dist/chunks/, so the committed bundles weigh one copy of it.
 */
export async function buildAll(): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  const entryPoints = Object.keys(entrySources()).map((out) => ({ in: `mlops-entry:${out}`, out }));
  await build({
    ...common,
    entryPoints,
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    banner: { js: banner },
    plugins: [virtualEntries],
  });
}

await buildAll();
