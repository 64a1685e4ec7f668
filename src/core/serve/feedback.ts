/**
 * Delayed ground truth: each prediction request is remembered by its request id (bounded in rows, oldest
 * requests forgotten first) with the answers of every variant that saw it; feedback then scores those answers per
 * variant. In shadow mode both variants answered the same rows, so their quality is compared on identical traffic.
 */
import type { RowPrediction } from './model.js';
import type { Variant } from './router.js';

/** What feedback needs of a variant's answers: the label per row (classifiers) or the value (regressors). */
interface Answers {
  labels: (string | undefined)[] | undefined;
  values: Float64Array | undefined;
}

interface Remembered {
  model: string;
  answers: Partial<Record<Variant, Answers>>;
  /** Rows held for this request, over its variants. */
  rows: number;
  /** Rows already scored: a repeated feedback call must not count twice. */
  scored?: Set<number>;
}

export interface FeedbackScore {
  variant: Variant;
  n: number;
  correct: number;
  absErrorSum: number;
}

/**
 * Rows remembered at most, over all requests: 1M rows are 8 MB of references to label strings (shared class names,
 * or the model's own label strings) or of doubles. A bound on requests instead (200k before) let a server answering
 * 256-row batches keep about 30 KB of row objects per request, gigabytes in all, and its major GCs showed in the
 * latency of every request.
 */
export const FEEDBACK_CAPACITY_ROWS = 1_000_000;

function compact(rows: RowPrediction[]): Answers {
  const classifier = rows.some((r) => r.label !== undefined);
  if (classifier) return { labels: rows.map((r) => r.label), values: undefined };
  const values = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) values[i] = rows[i]!.value ?? Number.NaN;
  return { labels: undefined, values };
}

export class FeedbackStore {
  private readonly byId = new Map<string, Remembered>();
  private held = 0;

  constructor(private readonly capacityRows = FEEDBACK_CAPACITY_ROWS) {}

  /** Rows currently remembered, over all requests and variants. */
  get rows(): number {
    return this.held;
  }

  remember(requestId: string, model: string, variant: Variant, answers: RowPrediction[]): void {
    let entry = this.byId.get(requestId);
    const previous = entry?.answers[variant];
    const added = answers.length - (previous ? (previous.labels?.length ?? previous.values?.length ?? 0) : 0);
    // Oldest requests first (a Map iterates in insertion order), never the one being answered.
    for (const [oldestId, oldest] of this.byId) {
      if (this.held + added <= this.capacityRows) break;
      if (oldestId === requestId) continue;
      this.byId.delete(oldestId);
      this.held -= oldest.rows;
    }
    if (!entry) {
      entry = { model, answers: {}, rows: 0 };
      this.byId.set(requestId, entry);
    }
    entry.answers[variant] = compact(answers);
    entry.rows += added;
    this.held += added;
  }

  /** Scores the truth (one per row, or for row `index`) against each variant's answers; undefined if unknown. */
  score(
    requestId: string,
    truth: (string | number | null)[],
    index?: number,
  ): { model: string; scores: FeedbackScore[] } | undefined {
    const entry = this.byId.get(requestId);
    if (!entry) return undefined;
    const rows = truth
      .map((t, i) => ({ t, row: index ?? i }))
      .filter(({ t, row }) => t !== null && !entry.scored?.has(row));
    const scores: FeedbackScore[] = [];
    for (const variant of ['stable', 'canary'] as const) {
      const answers = entry.answers[variant];
      if (!answers) continue;
      const score: FeedbackScore = { variant, n: 0, correct: 0, absErrorSum: 0 };
      const length = answers.labels?.length ?? answers.values?.length ?? 0;
      rows.forEach(({ t, row }) => {
        if (t === null || row >= length) return;
        const label = answers.labels?.[row];
        const value = answers.values?.[row];
        if (label === undefined && (value === undefined || Number.isNaN(value))) return;
        score.n++;
        if (label !== undefined) {
          if (String(t) === label) score.correct++;
        } else if (value !== undefined && typeof t === 'number') {
          score.absErrorSum += Math.abs(value - t);
        }
      });
      scores.push(score);
    }
    entry.scored ??= new Set();
    for (const { row } of rows) entry.scored.add(row);
    return { model: entry.model, scores };
  }
}
