import { resolve } from 'node:path';
import { type LoadedConfig, loadConfig } from '../core/config.js';
import { describeError, ExitCode, isVerbose, MlopsError } from '../core/errors.js';
import { persistNativeCacheWith } from '../core/native.js';
import { detectPlatform } from '../platform/detect.js';
import type { Platform } from '../platform/types.js';
import { type ActionDefinition, Inputs } from './define.js';

export interface ExecuteOptions {
  verbose?: boolean;
}

/**
 * Runs an action on a platform: every failure becomes a readable error (an ::error annotation on GitHub)
 * and an exit code; a stack trace only when verbose.
 */
export async function executeAction(
  action: ActionDefinition,
  platform: Platform,
  options: ExecuteOptions = {},
): Promise<ExitCode> {
  const verbose = options.verbose ?? isVerbose();
  try {
    const inputs = new Inputs(action, platform);
    const cwd = resolve(platform.context.workspace, inputs.optional('working-directory') ?? '.');
    let loaded: Promise<LoadedConfig> | undefined;
    const result = await action.run({
      platform,
      inputs,
      cwd,
      outDir: resolve(cwd, '.mlops', 'out'),
      config: () => {
        loaded ??= loadConfig(inputs.optional('config') ?? 'mlops.yaml', cwd);
        return loaded;
      },
    });
    for (const [name, value] of Object.entries(result.outputs)) {
      if (value !== undefined) platform.setOutput(name, String(value));
    }
    if (result.summary) await platform.appendSummary(result.summary);
    if (result.headline) {
      if (result.exitCode === ExitCode.Passed) platform.log.info(result.headline);
      else platform.log.error(result.headline);
    }
    return result.exitCode;
  } catch (error) {
    const where = error instanceof MlopsError ? error.where : undefined;
    platform.log.error(describeError(error), where ? { ...where, title: `${action.title} failed` } : undefined);
    if (verbose && error instanceof Error && error.stack) platform.log.info(error.stack);
    else if (!(error instanceof MlopsError)) {
      platform.log.info('Run again with RUNNER_DEBUG=1 (or --verbose) to see the stack trace.');
    }
    return ExitCode.Error;
  }
}

/** The body of dist/<action>/index.js. */
export async function runAsAction(action: ActionDefinition): Promise<void> {
  let platform: Platform;
  try {
    platform = await detectPlatform();
  } catch (error) {
    console.error(`::error::${describeError(error).replace(/\n/g, '%0A')}`);
    process.exitCode = ExitCode.Error;
    return;
  }
  if (platform.name === 'github') persistNativeCacheWith(platform.cache);
  process.exitCode = await executeAction(action, platform);
}
