import type { Platform } from './types.js';

/** Picks the platform from the environment: GitHub Actions, GitLab CI, or a local terminal. */
export async function detectPlatform(env: NodeJS.ProcessEnv = process.env): Promise<Platform> {
  if (env.GITHUB_ACTIONS === 'true') {
    const { GitHubPlatform } = await import('./github.js');
    return GitHubPlatform.fromEnv(env);
  }
  if (env.GITLAB_CI === 'true') {
    const { GitLabPlatform } = await import('./gitlab.js');
    return GitLabPlatform.fromEnv(env);
  }
  const { LocalPlatform } = await import('./local.js');
  return new LocalPlatform({ workspace: env.MLOPS_WORKSPACE ?? process.cwd() });
}
