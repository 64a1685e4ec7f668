/**
 * Delayed ground truth: each prediction request is remembered by its request id (bounded, oldest forgotten
 * first) with the answers of every variant that saw it; feedback then scores those answers per variant.
 * In shadow mode both variants answered the same rows, so their quality is compared on identical traffic.
 */
import type { RowPrediction } from './model.js';
import type { Variant } from './router.js';

interface Remembered {
  model: string;
  answers: Partial<Record<Variant, RowPrediction[]>>;
  /** Rows already scored: a repeated feedback call must not count twice. */
  scored: Set<number>;
}

export interface FeedbackScore {
  variant: Variant;
  n: number;
  correct: number;
  absErrorSum: number;
}

export class FeedbackStore {
  private readonly byId = new Map<string, Remembered>();

  constructor(private readonly capacity = 200_000) {}

  remember(requestId: string, model: string, variant: Variant, answers: RowPrediction[]): void {
    let entry = this.byId.get(requestId);
    if (!entry) {
      if (this.byId.size >= this.capacity) {
        const oldest = this.byId.keys().next().value;
        if (oldest !== undefined) this.byId.delete(oldest);
      }
      entry = { model, answers: {}, scored: new Set() };
      this.byId.set(requestId, entry);
    }
    entry.answers[variant] = answers;
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
      .filter(({ t, row }) => t !== null && !entry.scored.has(row));
    const scores: FeedbackScore[] = [];
    for (const variant of ['stable', 'canary'] as const) {
      const answers = entry.answers[variant];
      if (!answers) continue;
      const score: FeedbackScore = { variant, n: 0, correct: 0, absErrorSum: 0 };
      rows.forEach(({ t, row }) => {
        const answer = answers[row];
        if (!answer || t === null) return;
        score.n++;
        if (answer.label !== undefined) {
          if (String(t) === answer.label) score.correct++;
        } else if (answer.value !== undefined && typeof t === 'number') {
          score.absErrorSum += Math.abs(answer.value - t);
        }
      });
      scores.push(score);
    }
    for (const { row } of rows) entry.scored.add(row);
    return { model: entry.model, scores };
  }
}
