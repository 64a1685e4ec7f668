/** The ValidationReport: what validate-data found, written to .mlops/out/ValidationReport.json. */
import { z } from 'zod';
import { reportEnvelope } from '../report/envelope.js';

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const columnProfile = z.object({
  name: z.string(),
  /** Logical type as validated: integer, number, boolean, string, date, timestamp, other. */
  type: z.string(),
  /** The engine's type, e.g. VARCHAR when a CSV column was read as text. */
  engineType: z.string(),
  count: z.number().int(),
  nulls: z.number().int(),
  nullShare: z.number(),
  /** Exact, or (approximate profiles) a HyperLogLog estimate for text columns and not computed (null) for numbers. */
  distinct: z.number().int().nullable(),
  /** Numeric columns: min, max, mean, sample standard deviation (ddof = 1) over non-null values. */
  min: z.number().nullable().optional(),
  max: z.number().nullable().optional(),
  mean: z.number().nullable().optional(),
  std: z.number().nullable().optional(),
  /** Quantiles by linear interpolation between order statistics (DuckDB quantile_cont, pandas' default). */
  quantiles: z.array(z.object({ q: z.number(), value: z.number().nullable() })).optional(),
  /** Equal-width histogram of non-null numeric values. */
  histogram: z.object({ edges: z.array(z.number()), counts: z.array(z.number().int()) }).optional(),
  /** Most frequent values (strings, booleans, dates) with counts, most frequent first. */
  topValues: z.array(z.object({ value: z.string(), count: z.number().int() })).optional(),
  /** true when distinct (numeric columns) is a HyperLogLog estimate and quantiles come from a 2,000-bin histogram. */
  approximate: z.boolean().optional(),
  /** For text columns: shortest and longest value length. */
  minLength: z.number().int().nullable().optional(),
  maxLength: z.number().int().nullable().optional(),
});
export type ColumnProfile = z.infer<typeof columnProfile>;

export const sampleRow = z.object({
  /** 1-based data row (the header is not counted), in file order. */
  row: z.number().int(),
  values: z.record(z.string(), cell),
});
export type SampleRow = z.infer<typeof sampleRow>;

export const validationCheck = z.object({
  id: z.string(),
  /** schema | column | dataset | sql | label | slice | skew */
  suite: z.string(),
  name: z.string(),
  column: z.string().optional(),
  slice: z.object({ column: z.string(), value: z.string() }).optional(),
  severity: z.enum(['error', 'warning']),
  status: z.enum(['pass', 'fail', 'warn', 'skip']),
  message: z.string(),
  expected: z.string().optional(),
  found: z.string().optional(),
  failingRows: z.number().int().optional(),
  failingShare: z.number().optional(),
  /** Where the rule lives: the schema file (or mlops.yaml for SQL checks) and its 1-based line. */
  rule: z.object({ file: z.string(), line: z.number().int().optional(), path: z.string().optional() }).optional(),
  samples: z.array(sampleRow).default([]),
});
export type ValidationCheck = z.infer<typeof validationCheck>;

export const skewColumn = z.object({
  column: z.string(),
  referenceType: z.string().optional(),
  currentType: z.string().optional(),
  newCategories: z.array(z.string()).default([]),
  referenceNullShare: z.number(),
  currentNullShare: z.number(),
  /** Numeric: Kolmogorov-Smirnov statistic on quantile sketches; categorical: Jensen-Shannon distance (base 2). */
  metric: z.enum(['ks', 'jensen-shannon', 'none']),
  distance: z.number().nullable(),
  threshold: z.number(),
  flagged: z.boolean(),
  reasons: z.array(z.string()).default([]),
});
export type SkewColumn = z.infer<typeof skewColumn>;

export const validationReport = reportEnvelope.extend({
  kind: z.literal('ValidationReport'),
  mode: z.enum(['check', 'infer']),
  dataset: z.object({
    name: z.string(),
    source: z.string(),
    format: z.string(),
    /** sha256 of the input bytes when it is a local file or files. */
    sha256: z.string().optional(),
    rows: z.number().int(),
    columns: z.number().int(),
  }),
  schema: z.object({
    file: z.string(),
    /** infer: created (new file), unchanged, changed (diff shown, file not overwritten unless asked). */
    status: z.enum(['checked', 'created', 'unchanged', 'changed', 'updated']),
    diff: z.string().optional(),
  }),
  failOn: z.enum(['error', 'warning', 'never']),
  passed: z.boolean(),
  summary: z.object({
    checks: z.number().int(),
    failed: z.number().int(),
    warnings: z.number().int(),
  }),
  columns: z.array(columnProfile),
  checks: z.array(validationCheck),
  skew: z.object({ reference: z.string(), columns: z.array(skewColumn) }).optional(),
  durationMs: z.number(),
});
export type ValidationReport = z.infer<typeof validationReport>;
