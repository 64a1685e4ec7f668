/**
 * Bounded live traffic for the rollout demo and tests: single-row predictions against a running `mlops serve`,
 * each followed by its ground truth on POST /v1/feedback, from a few concurrent clients until stopped or until
 * maxRequests. Only ever pointed at loopback servers.
 */
import { type ToyRow, toyRowSource, toyTruth } from './deploy-data.js';

export interface TrafficStats {
  requests: number;
  errors: number;
  byVersion: Record<string, number>;
}

export interface Traffic {
  stats: TrafficStats;
  stop(): Promise<TrafficStats>;
}

export function startTraffic(
  baseUrl: string,
  model: string,
  options: { concurrency?: number; maxRequests?: number; seed?: number; pauseMs?: number } = {},
): Traffic {
  const next = toyRowSource(options.seed ?? 5);
  const stats: TrafficStats = { requests: 0, errors: 0, byVersion: {} };
  const max = options.maxRequests ?? 50_000;
  let stopped = false;
  const client = async () => {
    while (!stopped && stats.requests < max) {
      const row: ToyRow = next();
      stats.requests++;
      try {
        const res = await fetch(`${baseUrl}/v1/models/${model}:predict`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ instances: [row] }),
        });
        const body = (await res.json()) as { request_id?: string };
        const version = res.headers.get('x-mlops-model-version') ?? 'none';
        stats.byVersion[version] = (stats.byVersion[version] ?? 0) + 1;
        if (!res.ok || !body.request_id) {
          stats.errors++;
          continue;
        }
        const fb = await fetch(`${baseUrl}/v1/feedback`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ request_id: body.request_id, labels: [toyTruth(row)] }),
        });
        await fb.arrayBuffer();
      } catch {
        stats.errors++;
      }
      if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
    }
  };
  const clients = Array.from({ length: options.concurrency ?? 4 }, client);
  return {
    stats,
    async stop() {
      stopped = true;
      await Promise.all(clients);
      return stats;
    },
  };
}
