import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_CARD_TEMPLATE } from '../../core/card/template.js';
import { loadConfig } from '../../core/config.js';
import { MlopsError } from '../../core/errors.js';
import { writeFileAtomic } from '../../core/fs.js';
import { readModel } from '../../core/registry/read.js';
import { fetchModelArtifact, resolveModelRef } from '../../core/registry/report.js';
import { artifactStoreFor } from '../../core/registry/service.js';
import { registryList, registryShow } from '../../core/registry/show.js';
import { registryPlatform } from './registry-platform.js';

/** `mlops registry list|show|fetch`: read the registry from git alone. */
export function registerRegistryCommand(program: Command): void {
  const registry = program.command('registry').description('Read the model registry kept in this git repository.');
  registry
    .command('list')
    .description('Models, their number of versions, latest version and stages.')
    .action(async () => {
      process.stdout.write(`${await registryList(process.cwd())}\n`);
    });
  registry
    .command('show')
    .description('Versions, stages and the full stage history (who requested and approved) of one model.')
    .argument('<model>', 'model name')
    .option('--json', 'print the versions as JSON')
    .action(async (model: string, options: { json?: boolean }) => {
      if (options.json) {
        const m = await readModel(process.cwd(), model);
        process.stdout.write(
          `${JSON.stringify({ versions: m.versions, stages: m.stages, history: m.history }, null, 2)}\n`,
        );
      } else {
        process.stdout.write(`${await registryShow(process.cwd(), model)}\n`);
      }
    });
  registry
    .command('card-template')
    .description('Write a starter .mlops/card-template.md (the human-written parts of every model card).')
    .option('--config <path>', 'mlops.yaml', 'mlops.yaml')
    .action(async (options: { config: string }) => {
      const cwd = process.cwd();
      const file = resolve(cwd, (await loadConfig(options.config, cwd)).config.registry.cardTemplate);
      if (existsSync(file)) {
        throw new MlopsError(`${file} already exists.`, {
          kind: 'usage',
          hint: 'Edit it; this command never overwrites.',
        });
      }
      await writeFileAtomic(file, DEFAULT_CARD_TEMPLATE);
      process.stdout.write(`Wrote ${file}: fill in the sections and commit it.\n`);
    });
  registry
    .command('fetch')
    .description('Download a version by reference (name@v1.2.0, name#production, name:latest) and verify its sha256.')
    .argument('<ref>', 'model reference')
    .option('-o, --output <path>', 'where to write the model (default: <name>-<version>.onnx)')
    .option('--config <path>', 'mlops.yaml', 'mlops.yaml')
    .action(async (ref: string, options: { output?: string; config: string }) => {
      const cwd = process.cwd();
      const { version } = await resolveModelRef(cwd, ref);
      const platform = await registryPlatform({}, Boolean(program.opts().verbose));
      const config = (await loadConfig(options.config, cwd)).config;
      const { store } = artifactStoreFor(platform, config.registry, cwd);
      const dest = resolve(cwd, options.output ?? `${version.name}-${version.version}.onnx`);
      const fetched = await fetchModelArtifact({ artifacts: store }, version, dest);
      process.stdout.write(
        `${version.tag}: ${fetched.path} (sha256 ${fetched.sha256} verified, ${fetched.size} bytes)\n`,
      );
    });
}
