/** The built-in `mlops serve` as a deployment target, through its token-protected admin API. */
import { z } from 'zod';
import { MlopsError } from '../errors.js';
import type { VariantObservations } from './observations.js';
import type { DeployProvider, RolloutMode, TargetState, VersionRef } from './provider.js';

const variantWindow = z.object({
  requests: z.number(),
  errors: z.number(),
  rejected: z.number().default(0),
  latenciesMs: z.array(z.number()),
  labels: z.record(z.string(), z.number()),
  values: z.array(z.number()),
  feedback: z.object({
    n: z.number(),
    correct: z.number(),
    absErrorSum: z.number(),
    absErrorSqSum: z.number().optional(),
  }),
});
const samplesBody = z.object({ stable: variantWindow, canary: variantWindow });
const modelsBody = z.object({
  models: z.array(
    z.object({
      name: z.string(),
      weight: z.number(),
      stable: z.object({ version: z.string(), sha256: z.string() }),
      canary: z.object({ version: z.string(), sha256: z.string() }).nullable(),
    }),
  ),
});

export class ServerProvider implements DeployProvider {
  readonly kind = 'server' as const;
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  get address(): string {
    return this.baseUrl;
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    const url = `${this.baseUrl.replace(/\/$/, '')}/admin/v1/models${path}`;
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method,
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new MlopsError(`Cannot reach the model server at ${this.baseUrl}: ${(error as Error).message}`, {
        kind: 'api',
        hint: 'Check deploy.target.url and that `mlops serve` is running.',
      });
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = { error: text };
    }
    if (!res.ok) {
      const message = (json as { error?: string }).error ?? text;
      throw new MlopsError(`Model server refused ${method} ${path}: ${res.status} ${message}`, {
        kind: 'api',
        found: (json as { found?: string }).found,
        expected: (json as { expected?: string }).expected,
        hint:
          res.status === 401 || res.status === 403
            ? 'Set the admin token (deploy.target.tokenEnv, default MLOPS_ADMIN_TOKEN) to the one the server was started with.'
            : (json as { hint?: string }).hint,
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new MlopsError(`Unexpected answer from the model server for ${path}.`, {
        kind: 'api',
        found: text.slice(0, 200),
      });
    }
    return parsed.data;
  }

  async state(model: string): Promise<TargetState> {
    const body = await this.call('GET', '', undefined, modelsBody);
    const slot = body.models.find((m) => m.name === model);
    if (!slot) return { stable: null, canary: null, weight: 0 };
    return { stable: slot.stable, canary: slot.canary, weight: slot.weight };
  }

  async startCanary(version: VersionRef, mode: RolloutMode): Promise<void> {
    const body = version.path
      ? {
          version: version.version,
          path: version.path,
          sha256: version.sha256,
          ref: version.ref,
          as: 'canary',
          weight: 0,
          mode,
        }
      : { ref: version.ref, as: 'canary', weight: 0, mode };
    await this.call('POST', `/${encodeURIComponent(version.name)}/load`, body, z.unknown());
  }

  async setWeight(model: string, weight: number, mode: RolloutMode): Promise<void> {
    await this.call('POST', `/${encodeURIComponent(model)}/traffic`, { weight, mode }, z.unknown());
  }

  async observe(model: string, since: number) {
    const body = await this.call('GET', `/${encodeURIComponent(model)}/samples?since=${since}`, undefined, samplesBody);
    return { stable: body.stable as VariantObservations, canary: body.canary as VariantObservations };
  }

  async promote(model: string): Promise<void> {
    await this.call('POST', `/${encodeURIComponent(model)}/promote`, {}, z.unknown());
  }

  async rollback(model: string): Promise<void> {
    await this.call('POST', `/${encodeURIComponent(model)}/rollback`, {}, z.unknown());
  }
}
