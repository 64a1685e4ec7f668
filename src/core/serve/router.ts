/**
 * Which variant answers a request. canary and A/B split by weight; a request key (header x-mlops-key) makes the
 * assignment sticky, so one user sees one variant. In shadow mode stable always answers and the canary gets a
 * mirrored copy.
 */
import type { LoadedModel } from './model.js';

export type TrafficMode = 'canary' | 'shadow' | 'ab';
export type Variant = 'stable' | 'canary';

export interface ModelSlot {
  name: string;
  stable: LoadedModel;
  canary: LoadedModel | undefined;
  /** Percent of traffic (0..100) the canary answers; in shadow mode the share mirrored to it. */
  weight: number;
  mode: TrafficMode;
}

/** FNV-1a, mapped to [0, 1): stable across processes, so a key keeps its variant after a restart. */
export function stickyFraction(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 0x1_0000_0000;
}

export interface Assignment {
  /** The variant whose answer is returned. */
  serve: Variant;
  /** True when the canary also gets a mirrored copy (shadow mode). */
  mirror: boolean;
}

export function assign(slot: ModelSlot, key: string | undefined, random: () => number = Math.random): Assignment {
  if (!slot.canary || slot.weight <= 0) return { serve: 'stable', mirror: false };
  const u = key !== undefined && key !== '' ? stickyFraction(`${slot.name}\u0000${key}`) : random();
  const hit = u * 100 < slot.weight;
  if (slot.mode === 'shadow') return { serve: 'stable', mirror: hit };
  return { serve: hit ? 'canary' : 'stable', mirror: false };
}
