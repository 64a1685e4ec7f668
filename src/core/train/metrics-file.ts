/** The metrics JSON a training command writes: nested objects are flattened with ".", non-numbers dropped. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Logger } from '../../platform/types.js';
import { MlopsError } from '../errors.js';
import type { RunMetrics } from './report.js';

export function flattenMetrics(value: unknown, prefix = '', out: RunMetrics = {}, dropped: string[] = []): RunMetrics {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flattenMetrics(v, prefix ? `${prefix}.${k}` : k, out, dropped);
  } else if (typeof value === 'number') {
    out[prefix] = Number.isFinite(value) ? value : null;
  } else if (typeof value === 'boolean') {
    out[prefix] = value ? 1 : 0;
  } else if (prefix) {
    dropped.push(prefix);
  }
  return out;
}

export async function readMetricsFile(path: string, displayPath: string, log: Logger): Promise<RunMetrics> {
  if (!existsSync(path)) {
    log.warning(`The training command wrote no metrics to ${displayPath} (MLOPS_METRICS_PATH); recording none.`, {
      file: displayPath,
    });
    return {};
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new MlopsError(`The metrics file ${displayPath} is not valid JSON: ${(error as Error).message}`, {
      kind: 'input',
      where: { file: displayPath },
      expected: 'a JSON object such as {"accuracy": 0.93, "loss": 0.21}',
    });
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new MlopsError(`The metrics file ${displayPath} must hold a JSON object of numbers.`, {
      kind: 'input',
      where: { file: displayPath },
      expected: '{"accuracy": 0.93, ...}',
      found: JSON.stringify(raw).slice(0, 80),
    });
  }
  const dropped: string[] = [];
  const metrics = flattenMetrics(raw, '', {}, dropped);
  if (dropped.length > 0) log.warning(`Metrics that are not numbers were not recorded: ${dropped.join(', ')}`);
  return metrics;
}
