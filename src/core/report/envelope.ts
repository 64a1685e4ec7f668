import { z } from 'zod';

/** Every report carries these fields; each kind extends the envelope with its own body. */
export const reportEnvelope = z.object({
  kind: z.string(),
  schemaVersion: z.literal(1),
  createdAt: z.string(),
  tool: z.object({ name: z.literal('mlops-actions'), version: z.string() }),
});

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

/**
 * A check, gate or drift test as CI UIs see it: the common denominator that JUnit XML and the
 * "failed first" tables are rendered from. Each report kind maps its results onto these.
 */
export const checkResult = z.object({
  /** Group shown as the JUnit test suite, e.g. "schema", "gates", "drift". */
  suite: z.string(),
  name: z.string(),
  status: z.enum(['pass', 'fail', 'warn', 'skip']),
  message: z.string(),
  /** Longer text: samples, numbers, reasoning. */
  details: z.string().optional(),
  file: z.string().optional(),
  line: z.number().int().optional(),
});
export type CheckResult = z.infer<typeof checkResult>;

export const TOOL_VERSION = '0.1.0';

export function envelope<K extends string>(kind: K) {
  return {
    kind,
    schemaVersion: 1 as const,
    createdAt: new Date().toISOString(),
    tool: { name: 'mlops-actions' as const, version: TOOL_VERSION },
  };
}
