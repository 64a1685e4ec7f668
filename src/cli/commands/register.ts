import type { Command } from 'commander';
import { registerModelAction } from '../../actions/register-model.js';
import { executeAction } from '../../actions/runner.js';
import { registryPlatform } from './registry-platform.js';

/** `mlops register [model.onnx]`: the register-model action in register mode. */
export function registerRegisterCommand(program: Command): void {
  program
    .command('register')
    .description(
      'Register a model: next semantic version, artifact upload verified by sha256, model.json + card.md committed, tag <model>@v<version>, pushed atomically.',
    )
    .argument('[model]', 'ONNX file (default: the artifact named by .mlops/out/TrainRun.json)')
    .option('--version <semver>', 'register exactly this version')
    .option('--bump <kind>', 'override the version rule: major, minor or patch')
    .option('--train-run <path>', 'TrainRun JSON')
    .option('--evaluation <path>', 'EvaluationReport JSON')
    .option('--validation <path>', 'ValidationReport JSON')
    .option('--reference-profile <path>', 'reference profile JSON to store with the version')
    .option('--config <path>', 'mlops.yaml', 'mlops.yaml')
    .action(async (model: string | undefined, options: Record<string, string | undefined>) => {
      const verbose = Boolean(program.opts().verbose);
      const platform = await registryPlatform(
        {
          mode: 'register',
          model,
          version: options.version,
          bump: options.bump,
          'train-run': options.trainRun,
          evaluation: options.evaluation,
          validation: options.validation,
          'reference-profile': options.referenceProfile,
          config: options.config,
        },
        verbose,
      );
      process.exitCode = await executeAction(registerModelAction, platform, { verbose });
    });
}
