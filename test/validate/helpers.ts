/** A workspace with a clean penguins CSV (plus a unique id column), mlops.yaml and the action run through LocalPlatform. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeAction } from '../../src/actions/runner.js';
import { validateDataAction } from '../../src/actions/validate-data.js';
import { type ValidationReport, validationReport } from '../../src/core/validate/report.js';
import { LocalPlatform } from '../../src/platform/local.js';
import type { Annotation, Logger } from '../../src/platform/types.js';
import { tempDir } from '../helpers/tmp.js';

export const PENGUINS_TRAIN = join(import.meta.dirname, '../../examples/penguins/train.csv');

export class MemoryLogger implements Logger {
  lines: string[] = [];
  annotations: { level: 'error' | 'warning'; message: string; annotation?: Annotation }[] = [];
  info(m: string) {
    this.lines.push(m);
  }
  warning(m: string, annotation?: Annotation) {
    this.lines.push(`warning: ${m}`);
    this.annotations.push({ level: 'warning', message: m, annotation });
  }
  error(m: string, annotation?: Annotation) {
    this.lines.push(`error: ${m}`);
    this.annotations.push({ level: 'error', message: m, annotation });
  }
  debug() {}
  async group<T>(_title: string, fn: () => Promise<T>) {
    return fn();
  }
}

/** The clean table: header + rows (arrays of strings), penguin_id = 1..n added as the first column. */
export function cleanTable(): { header: string[]; rows: string[][] } {
  const lines = readFileSync(PENGUINS_TRAIN, 'utf8').trim().split('\n');
  return {
    header: ['penguin_id', ...lines[0]!.split(',')],
    rows: lines.slice(1).map((l, i) => [String(i + 1), ...l.split(',')]),
  };
}

export function toCsv(header: string[], rows: string[][]): string {
  return `${[header.join(','), ...rows.map((r) => r.join(','))].join('\n')}\n`;
}

export const MLOPS_YAML = `version: 1
model:
  name: penguins
  task: multiclass
  label: species
  segments: [island]
data:
  train: data.csv
validate:
  checks:
    - name: body mass plausible
      sql: body_mass_g >= 2500
      severity: error
  slices:
    minRows: 20
`;

export function workspace(config = MLOPS_YAML): string {
  const dir = tempDir('mlops-validate-');
  const { header, rows } = cleanTable();
  writeFileSync(join(dir, 'data.csv'), toCsv(header, rows));
  writeFileSync(join(dir, 'mlops.yaml'), config);
  return dir;
}

export interface Run {
  exitCode: number;
  outputs: Record<string, string>;
  summary: string;
  logger: MemoryLogger;
  report?: ValidationReport;
}

export async function validate(dir: string, inputs: Record<string, string> = {}): Promise<Run> {
  const logger = new MemoryLogger();
  const summaries: string[] = [];
  const platform = new LocalPlatform({ workspace: dir, inputs, logger, onSummary: (m) => summaries.push(m) });
  const exitCode = await executeAction(validateDataAction, platform);
  const outputs = { ...platform.outputs };
  let report: ValidationReport | undefined;
  if (outputs.report) report = validationReport.parse(JSON.parse(readFileSync(outputs.report, 'utf8')));
  return { exitCode, outputs, summary: summaries.join('\n'), logger, report };
}
