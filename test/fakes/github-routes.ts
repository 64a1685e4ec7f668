/**
 * GitHub's published REST route table, read from @octokit/plugin-rest-endpoint-methods: the plugin turns each
 * entry of its endpoint map into `octokit.request.defaults({ method, url, ... })`, so handing it a recorder
 * for `request.defaults` yields every "METHOD /path" GitHub documents (about a thousand), with no network.
 */
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { routePattern } from './http-fake.js';

export interface GitHubRoute {
  /** e.g. "issues.createComment" */
  name: string;
  method: string;
  /** The URL template as published, e.g. "/repos/{owner}/{repo}/issues/{issue_number}/comments". */
  template: string;
  pattern: RegExp;
  /** Served from the uploads host (release assets). */
  upload: boolean;
}

interface EndpointDefaults {
  method: string;
  url: string;
  baseUrl?: string;
}

function readRouteTable(): GitHubRoute[] {
  const recorder = {
    request: {
      defaults: (defaults: EndpointDefaults) => Object.assign(() => undefined, { endpoint: { DEFAULTS: defaults } }),
    },
    log: { warn: () => undefined, debug: () => undefined, info: () => undefined, error: () => undefined },
  };
  const api = restEndpointMethods(recorder as never).rest as unknown as Record<
    string,
    Record<string, { endpoint: { DEFAULTS: EndpointDefaults } }>
  >;
  const routes = new Map<string, GitHubRoute>();
  for (const [scope, methods] of Object.entries(api)) {
    for (const name of Object.keys(methods)) {
      const { method, url, baseUrl } = methods[name]!.endpoint.DEFAULTS;
      const template = url.replace(/^\{origin\}/, '');
      const key = `${method} ${template}`;
      if (routes.has(key)) continue;
      routes.set(key, {
        name: `${scope}.${name}`,
        method,
        template,
        pattern: routePattern(template),
        upload: baseUrl?.includes('uploads.github.com') === true,
      });
    }
  }
  return [...routes.values()];
}

export const githubRoutes: readonly GitHubRoute[] = readRouteTable();

/**
 * The published route for a request, preferring literal segments over parameters
 * ("/releases/tags/{tag}" over "/releases/{release_id}/{x}").
 */
export function matchGitHubRoute(
  method: string,
  path: string,
  upload: boolean,
): { route: GitHubRoute; params: Record<string, string> } | undefined {
  const candidates = githubRoutes
    .filter((r) => r.method === method && r.upload === upload)
    .map((route) => ({ route, match: route.pattern.exec(path) }))
    .filter((c) => c.match !== null)
    .sort((a, b) => (a.route.template.match(/\{/g)?.length ?? 0) - (b.route.template.match(/\{/g)?.length ?? 0));
  const best = candidates[0];
  if (!best?.match) return undefined;
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(best.match.groups ?? {})) params[key] = decodeURIComponent(value);
  return { route: best.route, params };
}
