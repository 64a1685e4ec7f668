/**
 * The card as JSON, in the sections of the Model Card Toolkit schema (model_details, model_parameters,
 * quantitative_analysis, considerations) plus an `mlops` section with what a reviewer of a pull request
 * needs: gate verdicts, champion comparison, data validation, lineage and how to promote.
 */
import { z } from 'zod';

const interval = z.object({ lower_bound: z.number().nullable(), upper_bound: z.number().nullable() });

export const performanceMetric = z.object({
  type: z.string(),
  value: z.number().nullable(),
  slice: z.string().default(''),
  confidence_interval: interval.optional(),
  /** Difference to the production champion on the same rows, with its interval. */
  delta: z
    .object({ value: z.number().nullable(), lower: z.number().nullable(), upper: z.number().nullable() })
    .optional(),
  champion: z.number().nullable().optional(),
  direction: z.enum(['higher', 'lower']).optional(),
  rows: z.number().optional(),
  note: z.string().optional(),
});
export type PerformanceMetric = z.infer<typeof performanceMetric>;

export const modelCard = z.object({
  schema_version: z.literal('0.0.2'),
  model_details: z.object({
    name: z.string(),
    overview: z.string().optional(),
    version: z.object({ name: z.string(), date: z.string() }),
    owners: z.array(z.object({ name: z.string() })),
    licenses: z.array(z.object({ custom_text: z.string() })),
    references: z.array(z.object({ reference: z.string() })),
    path: z.string().optional(),
  }),
  model_parameters: z.object({
    model_architecture: z.string(),
    task: z.string().optional(),
    data: z.array(z.object({ name: z.string(), link: z.string(), sha256: z.string(), bytes: z.number().optional() })),
    input_format_map: z.array(z.object({ key: z.string(), value: z.string() })),
    output_format_map: z.array(z.object({ key: z.string(), value: z.string() })),
    params: z.record(z.string(), z.unknown()),
  }),
  quantitative_analysis: z.object({
    performance_metrics: z.array(performanceMetric),
    evaluation_data: z.string().optional(),
    confidence_level: z.number().optional(),
  }),
  considerations: z.object({
    users: z.array(z.object({ description: z.string() })),
    use_cases: z.array(z.object({ description: z.string() })),
    limitations: z.array(z.object({ description: z.string() })),
    tradeoffs: z.array(z.object({ description: z.string() })),
    ethical_considerations: z.array(z.object({ name: z.string(), mitigation_strategy: z.string().optional() })),
  }),
  mlops: z.object({
    verdict: z.enum(['pass', 'fail', 'unknown']),
    headline: z.string(),
    gates: z.array(
      z.object({ name: z.string(), status: z.string(), severity: z.string().optional(), reason: z.string() }),
    ),
    champion: z.object({ ref: z.string(), version: z.string().optional(), note: z.string().optional() }).nullable(),
    fairness: z.array(
      z.object({
        segment: z.string(),
        metric: z.string(),
        value: z.number().nullable(),
        groups: z.array(z.object({ value: z.string(), rows: z.number(), rate: z.number().nullable() })),
        reason: z.string().optional(),
      }),
    ),
    validation: z
      .object({
        verdict: z.string(),
        rows: z.number().optional(),
        checks: z.number(),
        failed: z.array(z.object({ name: z.string(), status: z.string(), message: z.string() })),
      })
      .nullable(),
    lineage: z.object({
      commit: z.string().nullable(),
      runId: z.string().nullable(),
      command: z.string().optional(),
      trainer: z.string().optional(),
      paramsHash: z.string().optional(),
      environment: z.record(z.string(), z.unknown()).optional(),
      durationMs: z.number().optional(),
    }),
    artifact: z.object({ sha256: z.string(), size: z.number(), uri: z.string().optional() }).nullable(),
    latency: z.object({ p50Ms: z.number(), p95Ms: z.number(), rowsPerSecond: z.number().optional() }).nullable(),
    versioning: z.object({ previous: z.string().nullable(), bump: z.string(), reason: z.string() }).optional(),
    missing: z.array(z.string()),
    extraSections: z.array(z.object({ title: z.string(), body: z.string() })),
    stages: z.array(z.string()),
  }),
});
export type ModelCard = z.infer<typeof modelCard>;
