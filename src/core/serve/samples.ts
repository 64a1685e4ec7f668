/**
 * Recent per-variant observations kept in memory for the canary analysis: request latency, errors, predicted
 * classes or values, and feedback outcomes. The deploy controller reads a window (events since a time) through
 * the admin API, so latency is judged on raw samples (Mann-Whitney U) rather than histogram buckets.
 */
import { emptyObservations, type VariantObservations } from '../deploy/observations.js';
import type { RowPrediction } from './model.js';
import type { Variant } from './router.js';

interface RequestEvent {
  t: number;
  latencyMs: number;
  error: boolean;
  /** Refused as invalid (4xx): neither answered nor an error of the model. */
  rejected?: boolean;
  labels: Record<string, number> | undefined;
  values: number[] | undefined;
}

interface FeedbackEvent {
  t: number;
  n: number;
  correct: number;
  absErrorSum: number;
  absErrorSqSum: number;
}

const MAX_EVENTS = 50_000;
const VALUES_PER_EVENT = 16;

class Ring<T extends { t: number }> {
  private items: T[] = [];
  private start = 0;
  /** Time of the newest event dropped to keep the bound: the ring is complete only after it. */
  droppedUntil = Number.NEGATIVE_INFINITY;
  push(item: T): void {
    if (this.items.length - this.start >= MAX_EVENTS) this.droppedUntil = this.items[this.start++]!.t;
    this.items.push(item);
    if (this.start > MAX_EVENTS) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
  }
  *since(t: number): Generator<T> {
    for (let i = this.start; i < this.items.length; i++) {
      const item = this.items[i]!;
      if (item.t >= t) yield item;
    }
  }
}

export class VariantSamples {
  private readonly requests = { stable: new Ring<RequestEvent>(), canary: new Ring<RequestEvent>() };
  private readonly feedback = { stable: new Ring<FeedbackEvent>(), canary: new Ring<FeedbackEvent>() };

  recordRequest(variant: Variant, latencyMs: number, predictions: RowPrediction[] | undefined, at = Date.now()): void {
    let labels: Record<string, number> | undefined;
    let values: number[] | undefined;
    if (predictions) {
      for (const p of predictions) {
        if (p.label !== undefined) {
          labels ??= {};
          labels[p.label] = (labels[p.label] ?? 0) + 1;
        } else if (p.value !== undefined) {
          values ??= [];
          if (values.length < VALUES_PER_EVENT) values.push(p.value);
        }
      }
    }
    this.requests[variant].push({ t: at, latencyMs, error: predictions === undefined, labels, values });
  }

  recordRejected(variant: Variant): void {
    this.requests[variant].push({
      t: Date.now(),
      latencyMs: 0,
      error: false,
      rejected: true,
      labels: undefined,
      values: undefined,
    });
  }

  recordFeedback(variant: Variant, n: number, correct: number, absErrorSum: number, absErrorSqSum: number): void {
    this.feedback[variant].push({ t: Date.now(), n, correct, absErrorSum, absErrorSqSum });
  }

  /**
   * Both variants over the same span: from `since`, or from later when a busy variant's bounded ring no longer
   * reaches back that far (stable at 90% of heavy traffic keeps far less time than the canary), so that a burst
   * early in the span cannot count against one variant only. `since` in the result is where the window starts.
   */
  windows(since: number): { since: number; stable: VariantObservations; canary: VariantObservations } {
    let from = since;
    for (const ring of [this.requests.stable, this.requests.canary, this.feedback.stable, this.feedback.canary]) {
      if (ring.droppedUntil >= from) from = ring.droppedUntil + 1;
    }
    return { since: from, stable: this.window('stable', from), canary: this.window('canary', from) };
  }

  /** One variant's window in the shape the canary analysis consumes. */
  window(variant: Variant, since: number, maxLatencies = 20_000): VariantObservations {
    const out = emptyObservations();
    for (const e of this.requests[variant].since(since)) {
      if (e.rejected) {
        out.rejected++;
        continue;
      }
      out.requests++;
      if (e.error) out.errors++;
      else if (out.latenciesMs.length < maxLatencies) out.latenciesMs.push(e.latencyMs);
      if (e.labels) for (const [k, v] of Object.entries(e.labels)) out.labels[k] = (out.labels[k] ?? 0) + v;
      if (e.values && out.values.length < maxLatencies) out.values.push(...e.values);
    }
    for (const f of this.feedback[variant].since(since)) {
      out.feedback.n += f.n;
      out.feedback.correct += f.correct;
      out.feedback.absErrorSum += f.absErrorSum;
      out.feedback.absErrorSqSum = (out.feedback.absErrorSqSum ?? 0) + f.absErrorSqSum;
    }
    return out;
  }
}
