/**
 * What a running server holds: one slot per model name (stable + optional canary, weight, mode), the metrics,
 * the in-memory analysis samples and the feedback store. The admin API and the prediction path share it.
 */
import { MlopsError } from '../errors.js';
import { FeedbackStore } from './feedback.js';
import { ServerMetrics } from './metrics.js';
import { type LoadedModel, loadModel, type ModelSource } from './model.js';
import type { ModelSlot, TrafficMode } from './router.js';
import { VariantSamples } from './samples.js';

/** Visible ASCII, as an HTTP header value may hold it. */
const HEADER_SAFE = /^[\x21-\x7e]{1,128}$/;

export class ServerState {
  readonly slots = new Map<string, ModelSlot>();
  readonly samples = new Map<string, VariantSamples>();
  readonly metrics = new ServerMetrics();
  readonly feedback = new FeedbackStore();
  /** Requests running on each version: a replaced version is released when its last one ends. */
  private readonly inUse = new Map<LoadedModel, number>();
  /** Replaced versions that requests still run on. */
  private readonly retired = new Set<LoadedModel>();
  private readonly releasing = new Set<Promise<unknown>>();

  samplesFor(name: string): VariantSamples {
    let s = this.samples.get(name);
    if (!s) {
      s = new VariantSamples();
      this.samples.set(name, s);
    }
    return s;
  }

  /** Loads (verifying sha256) and installs a version; on any failure the slot is left exactly as it was. */
  async load(
    source: ModelSource,
    as: 'stable' | 'canary',
    traffic?: { weight?: number; mode?: TrafficMode },
  ): Promise<ModelSlot> {
    if (!HEADER_SAFE.test(source.version)) {
      // Every answer names its version in a header: a version that cannot go there would fail every request.
      throw new MlopsError(`Version "${source.version.slice(0, 80)}" of ${source.name} cannot be sent in a header.`, {
        kind: 'input',
        expected: 'at most 128 visible ASCII characters (letters, digits, . _ - + and the like)',
        found: source.version.slice(0, 80),
      });
    }
    const model = await loadModel(source);
    const slot = this.slots.get(source.name);
    if (!slot) {
      if (as === 'canary') {
        this.retire(model);
        throw new Error(`Model ${source.name} has no stable version to run a canary against; load it as stable first.`);
      }
      const created: ModelSlot = { name: source.name, stable: model, canary: undefined, weight: 0, mode: 'canary' };
      this.slots.set(source.name, created);
      this.publish();
      return created;
    }
    const previous = slot[as];
    if (previous) this.retire(previous);
    slot[as] = model;
    if (as === 'canary') {
      slot.weight = traffic?.weight ?? 0;
      slot.mode = traffic?.mode ?? slot.mode;
      // A new canary starts a new comparison: samples of the previous canary must not count for it.
      this.samples.set(source.name, new VariantSamples());
    }
    this.publish();
    return slot;
  }

  setTraffic(name: string, weight: number, mode?: TrafficMode): ModelSlot {
    const slot = this.require(name);
    slot.weight = weight;
    if (mode) slot.mode = mode;
    this.publish();
    return slot;
  }

  promote(name: string): ModelSlot {
    const slot = this.require(name);
    if (!slot.canary) throw new Error(`Model ${name} has no canary to promote.`);
    this.retire(slot.stable);
    slot.stable = slot.canary;
    slot.canary = undefined;
    slot.weight = 0;
    this.publish();
    return slot;
  }

  rollback(name: string): ModelSlot {
    const slot = this.require(name);
    if (slot.canary) this.retire(slot.canary);
    slot.canary = undefined;
    slot.weight = 0;
    this.publish();
    return slot;
  }

  /**
   * Counts a request on a version from the moment it is chosen; the returned function ends the count. A version
   * replaced meanwhile is released only when its last request ends.
   */
  acquire(model: LoadedModel): () => void {
    this.inUse.set(model, (this.inUse.get(model) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const left = (this.inUse.get(model) ?? 1) - 1;
      if (left > 0) {
        this.inUse.set(model, left);
        return;
      }
      this.inUse.delete(model);
      if (this.retired.delete(model)) this.release(model);
    };
  }

  /** A replaced version's session (its weights and onnxruntime's memory) goes now, or after its last request. */
  private retire(model: LoadedModel): void {
    if (this.inUse.has(model)) this.retired.add(model);
    else this.release(model);
  }

  private release(model: LoadedModel): void {
    const pending = model.release().catch(() => undefined);
    this.releasing.add(pending);
    void pending.finally(() => this.releasing.delete(pending));
  }

  require(name: string): ModelSlot {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`No model named ${name} is loaded.`);
    return slot;
  }

  /** The weight and version gauges of every slot, as they are now. */
  private publish(): void {
    const m = this.metrics;
    // Reset and set again: a series of the mode a slot left would otherwise keep its last weight.
    m.weight.reset();
    m.info.reset();
    for (const s of this.slots.values()) {
      m.weight.set({ model: s.name, mode: s.mode }, s.canary ? s.weight : 0);
      m.info.set({ model: s.name, variant: 'stable', version: s.stable.version, sha256: s.stable.sha256 }, 1);
      if (s.canary)
        m.info.set({ model: s.name, variant: 'canary', version: s.canary.version, sha256: s.canary.sha256 }, 1);
    }
  }

  snapshot(): unknown[] {
    return [...this.slots.values()].map((s) => ({
      name: s.name,
      mode: s.mode,
      weight: s.canary ? s.weight : 0,
      stable: { version: s.stable.version, sha256: s.stable.sha256, ref: s.stable.ref },
      canary: s.canary ? { version: s.canary.version, sha256: s.canary.sha256, ref: s.canary.ref } : null,
    }));
  }

  async releaseAll(): Promise<void> {
    const all = [...this.retired];
    for (const s of this.slots.values()) {
      all.push(s.stable);
      if (s.canary) all.push(s.canary);
    }
    this.retired.clear();
    await Promise.allSettled([...all.map((m) => m.release()), ...this.releasing]);
  }
}
