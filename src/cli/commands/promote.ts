import type { Command } from 'commander';
import { registerModelAction } from '../../actions/register-model.js';
import { executeAction } from '../../actions/runner.js';
import { registryPlatform } from './registry-platform.js';

/** `mlops promote <model> <version> <stage>`: a pull request (or local branch) that changes stages.yaml. */
export function registerPromoteCommand(program: Command): void {
  program
    .command('promote')
    .description(
      'Propose a stage change as a pull request: a branch changing .mlops/registry/<model>/stages.yaml, with the card and the comparison against the current holder.',
    )
    .argument('<model>', 'model name')
    .argument('<version>', 'registered version')
    .argument('[stage]', 'stage to promote to (or demote from with --demote)')
    .option('--demote', 'remove the version from the stage')
    .option('--deprecate', 'deprecate the version (and remove it from every stage)')
    .option('--config <path>', 'mlops.yaml', 'mlops.yaml')
    .action(
      async (
        model: string,
        version: string,
        stage: string | undefined,
        options: { demote?: boolean; deprecate?: boolean; config: string },
      ) => {
        const verbose = Boolean(program.opts().verbose);
        const change = options.deprecate ? 'deprecate' : options.demote ? 'unassign' : 'assign';
        const platform = await registryPlatform(
          { mode: 'promote', model, version: version.replace(/^v/, ''), stage, change, config: options.config },
          verbose,
        );
        process.exitCode = await executeAction(registerModelAction, platform, { verbose });
      },
    );
  program
    .command('apply-stages')
    .description('Create the GTO stage tags (<model>#<stage>#<n>) for merged stages.yaml changes; run on push.')
    .option('--config <path>', 'mlops.yaml', 'mlops.yaml')
    .action(async (options: { config: string }) => {
      const verbose = Boolean(program.opts().verbose);
      const platform = await registryPlatform({ mode: 'apply-stages', config: options.config }, verbose);
      process.exitCode = await executeAction(registerModelAction, platform, { verbose });
    });
}
