/**
 * Delayed ground truth: each prediction request is remembered by its request id (bounded, oldest requests
 * forgotten first) with the answers of every variant that saw it; feedback then scores those answers per variant.
 * In shadow mode both variants answered the same rows, so their quality is compared on identical traffic.
 */
import type { RowPrediction } from './model.js';
import { BadRequest } from './protocol.js';
import type { Variant } from './router.js';

/** What feedback needs of a variant's answers: the label per row (classifiers) or the value (regressors). */
interface Answers {
  labels: (string | undefined)[] | undefined;
  values: Float64Array | undefined;
}

interface Remembered {
  id: string;
  model: string;
  answers: Partial<Record<Variant, Answers>>;
  /** Rows of the request (the same for every variant that answered it). */
  rows: number;
  /** What this entry counts against the capacity. */
  cost: number;
  /** Rows already scored, one byte each: a repeated feedback call must not count twice. */
  scored?: Uint8Array;
}

export interface FeedbackScore {
  variant: Variant;
  n: number;
  correct: number;
  absErrorSum: number;
  /** Sum of squared absolute errors: with the sum, the spread a significance test needs. */
  absErrorSqSum: number;
}

/**
 * The store's budget in rows: each remembered row costs one (a reference to a label string or a double, plus a
 * byte once scored) and each request ENTRY_COST more for its id and bookkeeping. 2M units hold about 220k
 * single-row requests or 7,800 requests of 256 rows, some tens of MB either way. A bound on requests alone (200k
 * before) let a server answering 256-row batches keep about 30 KB of row objects per request, gigabytes in all.
 */
export const FEEDBACK_CAPACITY = 2_000_000;
const ENTRY_COST = 8;

function answersOf(rows: RowPrediction[]): Answers {
  if (rows.some((r) => r.label !== undefined)) return { labels: rows.map((r) => r.label), values: undefined };
  const values = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) values[i] = rows[i]!.value ?? Number.NaN;
  return { labels: undefined, values };
}

export class FeedbackStore {
  private readonly byId = new Map<string, Remembered>();
  /** Entries in the order they were made; entries replaced or forgotten are skipped when reached. */
  private order: Remembered[] = [];
  private head = 0;
  private held = 0;

  constructor(private readonly capacity = FEEDBACK_CAPACITY) {}

  /** Capacity units in use (rows plus a fixed cost per request). */
  get used(): number {
    return this.held;
  }

  remember(requestId: string, model: string, variant: Variant, rows: RowPrediction[]): void {
    let entry = this.byId.get(requestId);
    // A variant answering an id again means the client reused the id for a new request: start afresh.
    if (entry && (entry.answers[variant] || entry.model !== model || entry.rows !== rows.length)) {
      this.forget(entry);
      entry = undefined;
    }
    if (!entry) {
      entry = { id: requestId, model, answers: {}, rows: rows.length, cost: ENTRY_COST };
      this.held += ENTRY_COST;
      this.byId.set(requestId, entry);
      this.order.push(entry);
    }
    entry.answers[variant] = answersOf(rows);
    entry.cost += rows.length;
    this.held += rows.length;
    this.evict(entry);
  }

  /**
   * Scores the truth (one per row, or for row `index`) against each variant's answers; undefined if the request
   * is unknown. Truth that cannot belong to the request (more labels than rows, an index past its last row) is
   * a BadRequest.
   */
  score(
    requestId: string,
    truth: (string | number | null)[],
    index?: number,
  ): { model: string; scores: FeedbackScore[] } | undefined {
    const entry = this.byId.get(requestId);
    if (!entry) return undefined;
    if (index === undefined ? truth.length > entry.rows : index >= entry.rows || truth.length !== 1) {
      throw new BadRequest(
        index === undefined
          ? `Feedback has ${truth.length} labels for a request of ${entry.rows} rows.`
          : `Feedback for row ${index} of a request of ${entry.rows} rows.`,
        { expected: `at most ${entry.rows} labels, or an index below ${entry.rows}` },
      );
    }
    entry.scored ??= new Uint8Array(entry.rows);
    const scored = entry.scored;
    const rows: { t: string | number; row: number }[] = [];
    truth.forEach((t, i) => {
      const row = index ?? i;
      if (t !== null && scored[row] === 0) rows.push({ t, row });
    });
    const scores: FeedbackScore[] = [];
    for (const variant of ['stable', 'canary'] as const) {
      const answers = entry.answers[variant];
      if (!answers) continue;
      const score: FeedbackScore = { variant, n: 0, correct: 0, absErrorSum: 0, absErrorSqSum: 0 };
      for (const { t, row } of rows) {
        const label = answers.labels?.[row];
        const value = answers.values?.[row];
        if (label === undefined && (value === undefined || Number.isNaN(value))) continue;
        score.n++;
        if (label !== undefined) {
          if (String(t) === label) score.correct++;
        } else if (value !== undefined && typeof t === 'number') {
          const error = Math.abs(value - t);
          score.absErrorSum += error;
          score.absErrorSqSum += error * error;
        }
      }
      scores.push(score);
    }
    for (const { row } of rows) scored[row] = 1;
    return { model: entry.model, scores };
  }

  private forget(entry: Remembered): void {
    if (this.byId.get(entry.id) !== entry) return;
    this.byId.delete(entry.id);
    this.held -= entry.cost;
  }

  /** Forgets the oldest requests until the store fits, never `keep` (the request being answered). */
  private evict(keep: Remembered): void {
    while (this.held > this.capacity && this.head < this.order.length) {
      const oldest = this.order[this.head]!;
      if (oldest === keep) break;
      this.head++;
      this.forget(oldest);
    }
    // The queue's forgotten front is dropped now and then, not on every request.
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }
}
