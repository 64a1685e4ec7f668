import { detectPlatform } from '../../platform/detect.js';
import { LocalPlatform } from '../../platform/local.js';
import type { Platform } from '../../platform/types.js';

/** The platform for registry commands: the CI platform in a job, the local one in a terminal; flags win. */
export async function registryPlatform(
  inputs: Record<string, string | undefined>,
  verbose: boolean,
): Promise<Platform> {
  if (process.env.GITLAB_CI === 'true' || process.env.GITHUB_ACTIONS === 'true') {
    const platform = await detectPlatform();
    const getInput = platform.getInput.bind(platform);
    platform.getInput = (name: string) => inputs[name] ?? getInput(name);
    return platform;
  }
  return new LocalPlatform({ inputs, verbose, onSummary: (markdown) => process.stdout.write(`\n${markdown}\n`) });
}
