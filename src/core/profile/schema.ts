/**
 * The reference profile: what a drift check needs to know about the training data, small enough to commit
 * next to a model version (like a lockfile) and readable in a diff. Per column: row and null counts, and either
 * a numeric CDF sketch or exact category frequencies.
 */
import { z } from 'zod';

/**
 * One knot of a numeric CDF sketch: [value, count equal to value, count strictly between the previous knot and
 * value]. Counts are exact, so the CDF is known exactly at every knot and on both sides of it; between two knots
 * only the total mass is known. When `exact` is true every distinct value is a knot and the CDF is exact everywhere.
 */
export const knot = z.tuple([z.number(), z.number().int().nonnegative(), z.number().int().nonnegative()]);
export type Knot = z.infer<typeof knot>;

export const numericSketch = z.object({
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  /** Population standard deviation (ddof = 0), the spread Wasserstein distances are normalised by. */
  std: z.number(),
  /** True when every distinct value is a knot: all statistics computed from it are exact. */
  exact: z.boolean(),
  /**
   * Upper bound on the absolute error of the cumulative counts at the knots, as a fraction of the count.
   * 0 for a profile built from data; positive after merging two approximate profiles.
   */
  rankError: z.number().nonnegative(),
  knots: z.array(knot),
});
export type NumericSketch = z.infer<typeof numericSketch>;

export const categoricalSketch = z.object({
  /** [value, count], most frequent first, at most `maxCategories` entries. */
  categories: z.array(z.tuple([z.string(), z.number().int().nonnegative()])),
  /** Rows whose value is not among `categories` (only when there were more than `maxCategories`). */
  otherCount: z.number().int().nonnegative(),
  distinct: z.number().int().nonnegative(),
});
export type CategoricalSketch = z.infer<typeof categoricalSketch>;

export const columnProfile = z.object({
  kind: z.enum(['numeric', 'categorical']),
  /** The engine's type name when profiled (e.g. DOUBLE, BIGINT, VARCHAR), to detect type changes. */
  engineType: z.string(),
  /** Non-null values. */
  count: z.number().int().nonnegative(),
  nulls: z.number().int().nonnegative(),
  numeric: numericSketch.optional(),
  categorical: categoricalSketch.optional(),
});
export type ColumnProfile = z.infer<typeof columnProfile>;

export const referenceProfile = z.object({
  kind: z.literal('ReferenceProfile'),
  schemaVersion: z.literal(1),
  createdAt: z.string(),
  /** What the profile was built from (path, glob or URL; several when merged). */
  sources: z.array(z.string()),
  rows: z.number().int().nonnegative(),
  settings: z.object({
    /** Knots per numeric column when it has more distinct values than that (quantiles at ranks i/quantiles). */
    quantiles: z.number().int().positive(),
    maxCategories: z.number().int().positive(),
  }),
  columns: z.record(z.string(), columnProfile),
});
export type ReferenceProfile = z.infer<typeof referenceProfile>;

export interface ProfileOptions {
  /** Columns to profile; default: all. */
  columns?: string[];
  /** Knots per numeric column; default 1000 (nominal rank resolution 0.1%). */
  quantiles?: number;
  /** Categories kept exactly per column; default 1000. */
  maxCategories?: number;
  /** false: numeric columns get moments only, no knots (a full-data check computes exact CDFs itself). */
  sketchNumeric?: boolean;
  /** A SQL condition selecting rows (e.g. a time window of a prediction log). */
  where?: string;
}

export const DEFAULT_QUANTILES = 1000;
export const DEFAULT_MAX_CATEGORIES = 1000;
