/**
 * KServe as a deployment target. Traffic is shifted by patching the InferenceService's
 * spec.predictor.canaryTrafficPercent (a JSON merge patch, application/merge-patch+json) and the canary is
 * started by changing the predictor's storageUri, which makes KServe create a new revision. Metrics come from the
 * Prometheus HTTP API. We speak to the Kubernetes API with fetch rather than @kubernetes/client-node: three
 * requests do not justify its dependency tree (websockets, an OpenID client, tar, proxies).
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { MlopsError } from '../errors.js';
import type { DeployTargetConfig } from './config.js';
import { emptyObservations, type VariantObservations } from './observations.js';
import type { DeployProvider, RolloutMode, TargetState, VersionRef } from './provider.js';

type KServeTarget = Extract<DeployTargetConfig, { kind: 'kserve' }>;

const SA_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';
export const ANNOTATION = {
  stable: 'mlops-actions.dev/stable-version',
  canary: 'mlops-actions.dev/canary-version',
  stableUri: 'mlops-actions.dev/stable-storage-uri',
} as const;

const inferenceService = z.object({
  metadata: z.object({ name: z.string(), annotations: z.record(z.string(), z.string()).optional() }),
  spec: z.object({
    predictor: z
      .object({
        canaryTrafficPercent: z.number().optional(),
        model: z.object({ storageUri: z.string().optional() }).passthrough().optional(),
      })
      .passthrough(),
  }),
});

const promResponse = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.enum(['vector', 'matrix', 'scalar', 'string']),
    result: z.array(
      z.object({
        metric: z.record(z.string(), z.string()),
        value: z.tuple([z.number(), z.string()]).optional(),
        values: z.array(z.tuple([z.number(), z.string()])).optional(),
      }),
    ),
  }),
});

export class KServeProvider implements DeployProvider {
  readonly kind = 'kserve' as const;
  private readonly apiServer: string;
  private readonly token: string | undefined;

  constructor(
    private readonly target: KServeTarget,
    env: NodeJS.ProcessEnv,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    const inCluster = env.KUBERNETES_SERVICE_HOST
      ? `https://${env.KUBERNETES_SERVICE_HOST}:${env.KUBERNETES_SERVICE_PORT ?? '443'}`
      : undefined;
    const api = target.apiServer ?? env.MLOPS_KUBE_API ?? inCluster;
    if (!api) {
      throw new MlopsError('No Kubernetes API server for the KServe target.', {
        kind: 'config',
        hint: 'Set deploy.target.apiServer, MLOPS_KUBE_API, or run inside the cluster.',
      });
    }
    this.apiServer = api.replace(/\/$/, '');
    this.token = env[target.tokenEnv] ?? (existsSync(SA_TOKEN) ? readFileSync(SA_TOKEN, 'utf8').trim() : undefined);
  }

  get address(): string {
    return `${this.target.namespace}/${this.target.name}`;
  }

  private get path(): string {
    const ns = encodeURIComponent(this.target.namespace);
    return `/apis/serving.kserve.io/v1beta1/namespaces/${ns}/inferenceservices/${encodeURIComponent(this.target.name)}`;
  }

  private async kube(method: 'GET' | 'PATCH', body?: unknown) {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/merge-patch+json';
    const url = `${this.apiServer}${this.path}`;
    let res: Response;
    try {
      res = await this.fetchImpl(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      throw new MlopsError(`Cannot reach the Kubernetes API at ${this.apiServer}: ${(error as Error).message}`, {
        kind: 'api',
      });
    }
    const text = await res.text();
    if (!res.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {}
      throw new MlopsError(`Kubernetes API ${method} ${this.path}: ${res.status} ${message}`, {
        kind: 'api',
        hint:
          res.status === 403
            ? 'The service account needs get and patch on inferenceservices.serving.kserve.io in that namespace.'
            : res.status === 404
              ? 'Check deploy.target.namespace and name: the InferenceService must exist with the stable version.'
              : undefined,
      });
    }
    const parsed = inferenceService.safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new MlopsError('The Kubernetes API answered with something that is not an InferenceService.', {
        kind: 'api',
      });
    return parsed.data;
  }

  async state(): Promise<TargetState> {
    const isvc = await this.kube('GET');
    const a = isvc.metadata.annotations ?? {};
    const weight = isvc.spec.predictor.canaryTrafficPercent;
    const canaryVersion = a[ANNOTATION.canary];
    return {
      stable: a[ANNOTATION.stable]
        ? { version: a[ANNOTATION.stable]! }
        : { version: isvc.spec.predictor.model?.storageUri ?? 'unknown' },
      canary: canaryVersion && weight !== undefined ? { version: canaryVersion } : null,
      weight: canaryVersion ? (weight ?? 0) : 0,
    };
  }

  storageUri(version: VersionRef): string {
    const template = this.target.storageUriTemplate;
    if (!template) {
      if (version.ref?.includes('://')) return version.ref;
      throw new MlopsError('KServe needs a storageUri for the new version.', {
        kind: 'config',
        hint: 'Set deploy.target.storageUriTemplate, e.g. s3://models/{model}/{version}/model.onnx.',
      });
    }
    return template
      .replaceAll('{model}', version.name)
      .replaceAll('{version}', version.version)
      .replaceAll('{sha256}', version.sha256 ?? '');
  }

  async startCanary(version: VersionRef, _mode: RolloutMode): Promise<void> {
    const current = await this.kube('GET');
    const a = current.metadata.annotations ?? {};
    await this.kube('PATCH', {
      metadata: {
        annotations: {
          [ANNOTATION.canary]: version.version,
          [ANNOTATION.stable]: a[ANNOTATION.stable] ?? current.spec.predictor.model?.storageUri ?? 'unknown',
          [ANNOTATION.stableUri]: current.spec.predictor.model?.storageUri ?? '',
        },
      },
      spec: { predictor: { canaryTrafficPercent: 0, model: { storageUri: this.storageUri(version) } } },
    });
  }

  async setWeight(_model: string, weight: number): Promise<void> {
    await this.kube('PATCH', { spec: { predictor: { canaryTrafficPercent: Math.round(weight) } } });
  }

  async promote(): Promise<void> {
    const current = await this.kube('GET');
    const a = current.metadata.annotations ?? {};
    // Removing canaryTrafficPercent (null in a merge patch) sends all traffic to the latest revision.
    await this.kube('PATCH', {
      metadata: {
        annotations: {
          [ANNOTATION.stable]: a[ANNOTATION.canary] ?? null,
          [ANNOTATION.canary]: null,
          [ANNOTATION.stableUri]: null,
        },
      },
      spec: { predictor: { canaryTrafficPercent: null } },
    });
  }

  async rollback(): Promise<void> {
    const current = await this.kube('GET');
    const a = current.metadata.annotations ?? {};
    // KServe's rollback: 0% to the canary revision; the storageUri is restored so the spec says what serves.
    await this.kube('PATCH', {
      metadata: { annotations: { [ANNOTATION.canary]: null } },
      spec: {
        predictor: {
          canaryTrafficPercent: 0,
          ...(a[ANNOTATION.stableUri] ? { model: { storageUri: a[ANNOTATION.stableUri] } } : {}),
        },
      },
    });
  }

  private async prom(path: 'query' | 'query_range', params: Record<string, string>) {
    const url = new URL(`${this.target.prometheus.replace(/\/$/, '')}/api/v1/${path}`);
    const res = await this.fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    }).catch((error: Error) => {
      throw new MlopsError(`Cannot reach Prometheus at ${this.target.prometheus}: ${error.message}`, { kind: 'api' });
    });
    const json: unknown = await res.json().catch(() => ({}));
    const parsed = promResponse.safeParse(json);
    if (!res.ok || !parsed.success) {
      throw new MlopsError(
        `Prometheus ${path} failed (${res.status}): ${(json as { error?: string }).error ?? 'unexpected answer'}`,
        {
          kind: 'api',
          found: params.query,
        },
      );
    }
    return parsed.data.data.result;
  }

  private async variant(selector: string, since: number, until: number): Promise<VariantObservations> {
    const window = `${Math.max(1, Math.round((until - since) / 1000))}s`;
    const time = String(until / 1000);
    const scalar = async (q: string) => {
      const result = await this.prom('query', { query: q, time });
      return Number(result[0]?.value?.[1] ?? 0) || 0;
    };
    const byLabel = async (q: string, label: string) => {
      const out: Record<string, number> = {};
      for (const r of await this.prom('query', { query: q, time })) {
        const v = Number(r.value?.[1] ?? 0);
        if (Number.isFinite(v) && v > 0) out[r.metric[label] ?? ''] = Math.round(v);
      }
      return out;
    };
    const obs = emptyObservations();
    obs.requests = Math.round(await scalar(`sum(increase(mlops_requests_total{${selector}}[${window}]))`));
    obs.errors = Math.round(
      await scalar(`sum(increase(mlops_request_errors_total{${selector},reason="inference"}[${window}]))`),
    );
    // Kayenta-style: the latency series (p95 per step) of each variant is what Mann-Whitney compares.
    const step = Math.max(1, Math.round((until - since) / 1000 / 30));
    const series = await this.prom('query_range', {
      query: `histogram_quantile(0.95, sum by (le) (rate(mlops_request_duration_seconds_bucket{${selector}}[1m])))`,
      start: String(since / 1000),
      end: time,
      step: `${step}s`,
    });
    obs.latenciesMs = (series[0]?.values ?? []).map(([, v]) => Number(v) * 1000).filter((v) => Number.isFinite(v));
    obs.labels = await byLabel(`sum by (class) (increase(mlops_predictions_total{${selector}}[${window}]))`, 'class');
    const fb = await byLabel(`sum by (outcome) (increase(mlops_feedback_total{${selector}}[${window}]))`, 'outcome');
    obs.feedback = { n: (fb.correct ?? 0) + (fb.incorrect ?? 0), correct: fb.correct ?? 0, absErrorSum: 0 };
    return obs;
  }

  async observe(_model: string, since: number, until: number) {
    return {
      stable: await this.variant(this.target.stableSelector, since, until),
      canary: await this.variant(this.target.canarySelector, since, until),
    };
  }
}
