import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { describeError, MlopsError } from '../../core/errors.js';
import type { ModelSource } from '../../core/serve/model.js';
import { startModelServer } from '../../core/serve/server.js';
import { parseFileSpec, resolveRegistrySource } from '../../core/serve/sources.js';
import { LocalPlatform } from '../../platform/local.js';

interface ServeOptions {
  model: string[];
  file: string[];
  host: string;
  port: string;
  logDir?: string;
  logMaxMb: string;
  adminTokenEnv: string;
  repo: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'Serve ONNX models over HTTP (KServe v1 and Open Inference Protocol v2) with canary/shadow/A-B routing, feedback, Prometheus metrics and an admin API.',
    )
    .option(
      '--model <ref>',
      'registered version to serve: penguins#production, penguins@v1.2.0 (repeatable)',
      collect,
      [],
    )
    .option('--file <spec>', 'unregistered file: <name>@v<version>=<path>:<sha256> (repeatable)', collect, [])
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', '8080')
    .option('--log-dir <dir>', 'write the JSON Lines prediction log here (drift-check reads it)')
    .option('--log-max-mb <n>', 'rotate the prediction log after this many MiB', '64')
    .option('--admin-token-env <name>', 'environment variable holding the admin API token', 'MLOPS_ADMIN_TOKEN')
    .option('--repo <dir>', 'repository holding the registry', '.')
    .action(async (options: ServeOptions) => {
      const repoDir = resolve(options.repo);
      const platform = new LocalPlatform({ workspace: repoDir });
      const ctx = { repoDir, platform, cacheDir: join(repoDir, '.mlops', 'serve-cache') };
      try {
        const sources: ModelSource[] = [
          ...(await Promise.all(options.model.map((ref) => resolveRegistrySource(ref, ctx)))),
          ...options.file.map((spec) => parseFileSpec(spec, process.cwd())),
        ];
        if (sources.length === 0) {
          throw new MlopsError('Nothing to serve.', { kind: 'usage', hint: 'Give --model <ref> or --file <spec>.' });
        }
        const token = process.env[options.adminTokenEnv];
        const server = await startModelServer({
          host: options.host,
          port: Number(options.port),
          models: sources,
          adminToken: token,
          resolve: async (_model, ref) => resolveRegistrySource(ref, ctx),
          logDir: options.logDir ? resolve(options.logDir) : undefined,
          logMaxBytes: Number(options.logMaxMb) * 1024 * 1024,
          log: (m) => process.stderr.write(`${m}\n`),
        });
        process.stdout.write(
          `mlops serve listening on ${server.url} (${sources.map((s) => `${s.name}@${s.version}`).join(', ')}); admin API ${token ? 'enabled' : `disabled (set ${options.adminTokenEnv})`}\n`,
        );
        const stop = (signal: string) => {
          process.stderr.write(`${signal}: finishing in-flight requests...\n`);
          void server.close().then(() => process.exit(0));
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      } catch (error) {
        process.stderr.write(`error: ${describeError(error)}\n`);
        process.exitCode = 2;
      }
    });
}
