import { z } from 'zod';

export const sqlCheckConfig = z.strictObject({
  name: z.string().min(1).describe('Name shown in the report.'),
  sql: z
    .string()
    .min(1)
    .describe(
      'A SQL boolean expression over the columns that must hold for each row, e.g. `body_mass_g BETWEEN 2500 AND 6500`. A row where it is NULL counts as passing.',
    ),
  severity: z.enum(['error', 'warning']).default('error'),
  maxFailingShare: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe('The check fails when the share of rows that break the rule is above this.'),
});
export type SqlCheckConfig = z.infer<typeof sqlCheckConfig>;

/** The `validate` section of mlops.yaml. */
export const validateConfig = z
  .strictObject({
    schemaDir: z.string().default('.mlops/schema').describe('Where schema files live (<dataset>.yaml).'),
    maxCategories: z
      .number()
      .int()
      .positive()
      .default(50)
      .describe('A string column with more distinct values than this is free text or an identifier, not a category.'),
    nullValues: z.array(z.string()).default(['']).describe('CSV strings read as missing, e.g. ["", "NA"].'),
    exactStatisticsMaxRows: z
      .number()
      .int()
      .positive()
      .default(100_000)
      .describe(
        'Up to this many rows, distinct counts and quantiles are exact; above, numeric distinct counts are HyperLogLog estimates and quantiles come from a 2,000-bin histogram, so that every pass streams.',
      ),
    checks: z.array(sqlCheckConfig).default([]).describe('User checks written as SQL expressions.'),
    label: z
      .strictObject({
        minClassShare: z.number().min(0).max(1).optional().describe('Each class must be at least this share of rows.'),
        maxClassShare: z.number().min(0).max(1).optional().describe('No class may be more than this share of rows.'),
        severity: z.enum(['error', 'warning']).default('error'),
      })
      .default({ severity: 'error' })
      .describe('Label checks (label column: model.label): presence and class balance.'),
    slices: z
      .strictObject({
        columns: z.array(z.string()).optional().describe('Segment columns; default: model.segments.'),
        minRows: z.number().int().positive().default(30).describe('Slices with fewer rows are reported, not checked.'),
      })
      .default({ minRows: 30 }),
    skew: z
      .strictObject({
        numeric: z
          .number()
          .min(0)
          .max(1)
          .default(0.2)
          .describe('Flag a numeric column when the KS statistic is above.'),
        categorical: z
          .number()
          .min(0)
          .max(1)
          .default(0.2)
          .describe('Flag a categorical column when the Jensen-Shannon distance is above.'),
        nullShare: z.number().min(0).max(1).default(0.05).describe('Flag when the null share moved by more than this.'),
        severity: z.enum(['error', 'warning']).default('warning'),
      })
      .default({ numeric: 0.2, categorical: 0.2, nullShare: 0.05, severity: 'warning' }),
  })
  .default({
    schemaDir: '.mlops/schema',
    maxCategories: 50,
    nullValues: [''],
    exactStatisticsMaxRows: 100_000,
    checks: [],
    label: { severity: 'error' },
    slices: { minRows: 30 },
    skew: { numeric: 0.2, categorical: 0.2, nullShare: 0.05, severity: 'warning' },
  });
export type ValidateConfig = z.infer<typeof validateConfig>;
