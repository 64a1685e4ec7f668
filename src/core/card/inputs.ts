/**
 * The reports a model card and a registration are built from. TrainRun and EvaluationReport are parsed with
 * their owners' schemas; when a file does not match (an older tool version, a hand-made report) a lenient view
 * of just the fields used here is accepted instead, so a registration never fails on report drift.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { MlopsError } from '../errors.js';
import { evaluationReport } from '../evaluate/report.js';
import { trainRun } from '../train/report.js';
import { validationReport } from '../validate/report.js';

const nullableNumber = z.number().nullable().catch(null);

export const trainRunView = z.looseObject({
  kind: z.literal('TrainRun'),
  runId: z.string(),
  status: z.string().optional(),
  model: z
    .looseObject({
      name: z.string().optional(),
      task: z.enum(['binary', 'multiclass', 'regression']).optional(),
      label: z.string().optional(),
      features: z.array(z.string()).optional(),
      classes: z.array(z.string()).optional(),
    })
    .default({}),
  trainer: z
    .looseObject({ kind: z.string(), baseline: z.string().optional(), command: z.string().optional() })
    .optional(),
  code: z
    .looseObject({ commit: z.string().nullable(), dirty: z.boolean().optional(), ref: z.string().optional() })
    .optional(),
  data: z
    .array(z.looseObject({ role: z.string(), source: z.string(), sha256: z.string(), bytes: z.number().optional() }))
    .default([]),
  params: z.record(z.string(), z.unknown()).default({}),
  paramsHash: z.string().optional(),
  environment: z.record(z.string(), z.unknown()).optional(),
  durationMs: z.number().optional(),
  cache: z.looseObject({ hit: z.boolean().optional(), restoredRunId: z.string().optional() }).optional(),
  artifact: z.looseObject({ path: z.string(), sha256: z.string(), bytes: z.number().optional() }).optional(),
  metrics: z.record(z.string(), nullableNumber).default({}),
});
export type TrainRunView = z.infer<typeof trainRunView>;

const estimateView = z.looseObject({
  value: nullableNumber,
  lower: nullableNumber,
  upper: nullableNumber,
  reason: z.string().optional(),
});

const metricView = z.looseObject({
  name: z.string(),
  direction: z.enum(['higher', 'lower']).optional(),
  candidate: estimateView,
  champion: estimateView.nullable().optional(),
  delta: estimateView.nullable().optional(),
});

const modelSummaryView = z.looseObject({
  ref: z.string().optional(),
  sha256: z.string().optional(),
  sizeBytes: z.number().optional(),
  version: z.string().optional(),
  inputs: z
    .array(z.looseObject({ name: z.string(), type: z.string(), shape: z.array(z.union([z.number(), z.string()])) }))
    .optional(),
});

export const evaluationView = z.looseObject({
  kind: z.literal('EvaluationReport'),
  verdict: z.enum(['pass', 'fail']),
  headline: z.string().default(''),
  task: z.string().optional(),
  classes: z.array(z.string()).nullable().optional(),
  data: z.looseObject({ source: z.string(), rows: z.number(), evaluatedRows: z.number().optional() }).optional(),
  candidate: modelSummaryView.optional(),
  champion: modelSummaryView.nullable().optional(),
  championNote: z.string().optional(),
  settings: z.looseObject({ bootstrap: z.looseObject({ level: z.number() }).optional() }).optional(),
  metrics: z.array(metricView).default([]),
  confusionMatrix: z
    .looseObject({ labels: z.array(z.string()), matrix: z.array(z.array(z.number())) })
    .nullable()
    .optional(),
  slices: z
    .array(
      z.looseObject({
        segment: z.string(),
        label: z.string(),
        rows: z.number(),
        gated: z.boolean().optional(),
        metrics: z.array(metricView).default([]),
      }),
    )
    .default([]),
  fairness: z
    .array(
      z.looseObject({
        segment: z.string(),
        metric: z.string(),
        positiveClass: z.string().optional(),
        value: nullableNumber,
        reason: z.string().optional(),
        groups: z.array(z.looseObject({ value: z.string(), rows: z.number(), rate: nullableNumber })).default([]),
      }),
    )
    .default([]),
  gates: z
    .array(
      z.looseObject({
        name: z.string(),
        status: z.string(),
        severity: z.string().optional(),
        observed: nullableNumber.optional(),
        threshold: nullableNumber.optional(),
        reason: z.string().default(''),
      }),
    )
    .default([]),
  latency: z
    .looseObject({
      perRowMs: z.looseObject({ p50: z.number(), p95: z.number() }).optional(),
      rowsPerSecond: z.number().optional(),
    })
    .optional(),
  warnings: z.array(z.string()).default([]),
});
export type EvaluationView = z.infer<typeof evaluationView>;

/** The parts of a ValidationReport the card shows: the verdict, counts and the checks that did not pass. */
export const validationView = z.looseObject({
  kind: z.literal('ValidationReport'),
  passed: z.boolean().optional(),
  verdict: z.string().optional(),
  status: z.string().optional(),
  dataset: z
    .looseObject({ source: z.string().optional(), rows: z.number().optional(), sha256: z.string().optional() })
    .optional(),
  rows: z.number().optional(),
  checks: z
    .array(
      z.looseObject({
        name: z.string(),
        status: z.string(),
        message: z.string().optional(),
        severity: z.string().optional(),
      }),
    )
    .default([]),
});
export type ValidationView = z.infer<typeof validationView>;

export interface CardInputs {
  trainRun?: TrainRunView;
  evaluation?: EvaluationView;
  validation?: ValidationView;
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new MlopsError(`${path} is not valid JSON: ${(error as Error).message}`, {
      kind: 'input',
      where: { file: path },
    });
  }
}

function viewOf<T>(strict: z.ZodType | undefined, lenient: z.ZodType<T>, raw: unknown, path: string, kind: string): T {
  if (strict) {
    const full = strict.safeParse(raw);
    if (full.success) {
      const again = lenient.safeParse(full.data);
      if (again.success) return again.data;
    }
  }
  const parsed = lenient.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MlopsError(`${path} is not a ${kind}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`, {
      kind: 'input',
      where: { file: path, path: issue.path.join('.') },
      hint: `Point the input at the ${kind}.json written by the previous step (.mlops/out/${kind}.json).`,
    });
  }
  return parsed.data;
}

/**
 * Reads whichever reports exist. An explicitly given path that does not exist is an error; a default path that
 * does not exist is skipped (the card then says what is missing).
 */
export async function readCardInputs(paths: {
  trainRun?: { path: string; explicit: boolean };
  evaluation?: { path: string; explicit: boolean };
  validation?: { path: string; explicit: boolean };
}): Promise<CardInputs> {
  const out: CardInputs = {};
  const present = (p?: { path: string; explicit: boolean }) => {
    if (!p) return false;
    if (existsSync(p.path)) return true;
    if (p.explicit) {
      throw new MlopsError(`Report ${p.path} does not exist.`, {
        kind: 'input',
        where: { file: p.path },
        hint: 'Run the step that writes it first, or fix the path.',
      });
    }
    return false;
  };
  if (present(paths.trainRun)) {
    out.trainRun = viewOf(
      trainRun,
      trainRunView,
      await readJson(paths.trainRun!.path),
      paths.trainRun!.path,
      'TrainRun',
    );
  }
  if (present(paths.evaluation)) {
    out.evaluation = viewOf(
      evaluationReport,
      evaluationView,
      await readJson(paths.evaluation!.path),
      paths.evaluation!.path,
      'EvaluationReport',
    );
  }
  if (present(paths.validation)) {
    out.validation = viewOf(
      validationReport,
      validationView,
      await readJson(paths.validation!.path),
      paths.validation!.path,
      'ValidationReport',
    );
  }
  return out;
}
