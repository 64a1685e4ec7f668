/**
 * Octokit for the adapter: base URL from GITHUB_API_URL, token from INPUT_TOKEN or GITHUB_TOKEN, bounded
 * retries on rate limits (429, and 403 with x-ratelimit-remaining: 0 or retry-after), and failures turned
 * into MlopsError with the API's own message and the workflow permission that is likely missing.
 */
import { getOctokit } from '@actions/github';
import { MlopsError } from '../core/errors.js';
import {
  apiMessageOf,
  backoffMs,
  defaultRetryPolicy,
  headerLookup,
  isRateLimited,
  type RetryPolicy,
  requestedWaitMs,
  sleep,
} from './http.js';
import type { Logger } from './types.js';

export type Octokit = ReturnType<typeof getOctokit>;

interface RequestErrorLike {
  status: number;
  message: string;
  response?: { data?: unknown; headers?: Record<string, unknown> };
  request?: { method?: string; url?: string };
}

function asRequestError(error: unknown): RequestErrorLike | undefined {
  if (error && typeof error === 'object' && typeof (error as { status?: unknown }).status === 'number') {
    return error as RequestErrorLike;
  }
  return undefined;
}

export function githubToken(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.INPUT_TOKEN?.trim() || env.GITHUB_TOKEN?.trim();
  return token || undefined;
}

export interface GitHubApiOptions {
  token: string;
  baseUrl: string;
  log: Logger;
  retry?: RetryPolicy;
}

/** An Octokit whose every request (uploads included) retries rate limits within the policy. */
export function createOctokit(options: GitHubApiOptions): Octokit {
  const policy = options.retry ?? defaultRetryPolicy;
  const quiet = (message: string) => options.log.debug(`octokit: ${message}`);
  const octokit = getOctokit(options.token, {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request(requestOptions);
      } catch (error) {
        const failure = asRequestError(error);
        if (!failure || attempt >= policy.attempts) throw error;
        const header = headerLookup(failure.response?.headers);
        if (!isRateLimited(failure.status, header, apiMessageOf(failure.response?.data))) throw error;
        const wait = backoffMs(attempt, policy, requestedWaitMs(header));
        if (wait === undefined) throw error;
        options.log.warning(
          `GitHub API rate limit (HTTP ${failure.status}); retrying in ${Math.ceil(wait / 1000)}s (attempt ${attempt + 1} of ${policy.attempts}).`,
        );
        await sleep(wait);
      }
    }
  });
  return octokit;
}

/** The `permissions:` entry a workflow needs for each kind of call. */
export type GitHubPermission =
  | 'pull-requests: write'
  | 'pull-requests: read'
  | 'issues: write'
  | 'contents: write'
  | 'contents: read'
  | 'deployments: write'
  | 'actions: write';

function hintFor(status: number, permission: GitHubPermission, rateLimited: boolean): string | undefined {
  if (rateLimited) {
    return 'The GitHub API rate limit is exhausted; run the job later, or use a token with a higher limit (a GitHub App token).';
  }
  switch (status) {
    case 401:
      return 'The token was rejected: pass a valid `token` input, or make GITHUB_TOKEN available to the step.';
    case 403:
      return `The token needs \`${permission}\`: add it under \`permissions:\` in the workflow (or grant it to the token).`;
    case 404:
      return `Check the repository name and that the token can see it; a token without \`${permission}\` may also get 404.`;
    case 422:
      return 'GitHub rejected the request as invalid; see its message above.';
    default:
      return status >= 500 ? 'GitHub had a server error; re-run the job.' : undefined;
  }
}

/** Turns an Octokit failure into an MlopsError; other errors pass through unchanged. */
export function githubApiError(error: unknown, what: string, permission: GitHubPermission): unknown {
  const failure = asRequestError(error);
  if (!failure) return error;
  const data = failure.response?.data as { errors?: { code?: string; field?: string; message?: string }[] } | undefined;
  const details = (data?.errors ?? [])
    .map((e) => e.message ?? [e.field, e.code].filter(Boolean).join(' '))
    .filter(Boolean)
    .join('; ');
  const apiMessage = apiMessageOf(failure.response?.data) ?? failure.message.split(' - ')[0] ?? failure.message;
  const header = headerLookup(failure.response?.headers);
  const rateLimited = isRateLimited(failure.status, header, apiMessage);
  const method = failure.request?.method ?? '';
  const path = failure.request?.url ? new URL(failure.request.url).pathname : '';
  return new MlopsError(
    `GitHub API: could not ${what}: HTTP ${failure.status}: ${apiMessage}${details ? ` (${details})` : ''}.`,
    {
      kind: 'api',
      where: path ? { path: `${method} ${path}` } : undefined,
      hint: hintFor(failure.status, permission, rateLimited),
      cause: error,
    },
  );
}

/** Runs one API call, translating its failure. */
export async function githubCall<T>(what: string, permission: GitHubPermission, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw githubApiError(error, what, permission);
  }
}

export function statusOf(error: unknown): number | undefined {
  return asRequestError(error)?.status;
}
