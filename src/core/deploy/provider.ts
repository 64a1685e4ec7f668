/**
 * Where a rollout happens. Two implementations: the built-in server's admin API and a KServe InferenceService.
 * The controller only speaks this interface, so the canary logic is the same for both.
 */
import type { WindowObservations } from './observations.js';

export interface VersionRef {
  name: string;
  version: string;
  sha256?: string;
  /** Local file (server target) and the registry reference it came from. */
  path?: string;
  ref?: string;
}

export interface TargetState {
  stable: { version: string; sha256?: string } | null;
  canary: { version: string; sha256?: string } | null;
  weight: number;
}

export type RolloutMode = 'canary' | 'shadow' | 'ab';

export interface DeployProvider {
  readonly kind: 'server' | 'kserve';
  /** Human-readable address: a URL or namespace/name. */
  readonly address: string;
  state(model: string): Promise<TargetState>;
  /** Installs the version as canary with no traffic yet. */
  startCanary(version: VersionRef, mode: RolloutMode): Promise<void>;
  setWeight(model: string, weight: number, mode: RolloutMode): Promise<void>;
  /** Observations of both variants since `since` (epoch ms). */
  observe(model: string, since: number, until: number): Promise<WindowObservations>;
  promote(model: string): Promise<void>;
  rollback(model: string): Promise<void>;
}
