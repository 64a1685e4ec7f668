/**
 * validate-data end to end: open the data, then either infer the schema (write it, or show the diff against the
 * committed one) or check the data against it (plus skew against a reference), and assemble the report.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { LoadedConfig } from '../config.js';
import { closeEngine, openDataset } from '../data/engine.js';
import { fingerprintInput } from '../data/fingerprint.js';
import { readHead } from '../data/sniff.js';
import type { Dataset } from '../data/types.js';
import { displaySource } from '../display-source.js';
import { MlopsError, usageError } from '../errors.js';
import { writeFileAtomic } from '../fs.js';
import { envelope } from '../report/envelope.js';
import { checkDataset } from './check.js';
import { inferSchema } from './infer.js';
import type { ValueType } from './profile.js';
import type { ValidationCheck, ValidationReport } from './report.js';
import { diffLines, type LoadedSchema, parseSchema, renderSchemaYaml } from './schema.js';
import { compareWithReference } from './skew.js';

export type FailOn = 'error' | 'warning' | 'never';

export interface ValidateRequest {
  cwd: string;
  loaded: LoadedConfig;
  data?: string;
  schema?: string;
  infer: boolean;
  /** With infer: overwrite a committed schema that differs (otherwise only the diff is shown). */
  update?: boolean;
  reference?: string;
  failOn: FailOn;
}

export interface ValidateResult {
  report: ValidationReport;
  /** The schema file, relative to cwd. */
  schemaFile: string;
}

const URL_RE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Dataset name for the schema file: the file name without extensions, or the folder of a glob. */
export function datasetName(source: string): string {
  const path = source.replace(/[?#].*$/, '');
  const globbed = /[*?[\]{}]/.test(path);
  const base = globbed ? basename(dirname(path.split(/[*?[\]{}]/)[0]! + 'x')) : basename(path);
  const name = base.replace(/(\.(gz|csv|tsv|txt|tab|parquet|pq|jsonl|ndjson|json))+$/i, '');
  return name.replace(/[^A-Za-z0-9._-]+/g, '-') || 'data';
}

function resolveSource(source: string, cwd: string): string {
  return URL_RE.test(source) || isAbsolute(source) ? source : resolve(cwd, source);
}

async function openForValidation(source: string, cwd: string, nullValues: string[]): Promise<Dataset> {
  return openDataset(resolveSource(source, cwd), { allVarchar: true, nullValues, displayName: source });
}

/**
 * Whether statistics can be exact: Parquet knows its row count; a local CSV or JSON Lines file is estimated from
 * its size and the length of its first lines; anything else is counted.
 */
async function withinExactLimit(dataset: Dataset, source: string, cwd: string, limit: number): Promise<boolean> {
  const path = resolveSource(source, cwd);
  if (dataset.format !== 'parquet' && !URL_RE.test(source) && existsSync(path)) {
    const size = (await stat(path)).size;
    const head = await readHead(path, 1 << 20);
    const lines = head.toString('latin1').split('\n').length - 1;
    if (lines > 1 && !/\.gz$/i.test(path)) return (size / head.length) * lines <= limit;
  }
  return (await dataset.rowCount()) <= limit;
}

async function sha256Of(source: string, cwd: string): Promise<string | undefined> {
  if (URL_RE.test(source)) return undefined;
  try {
    return (await fingerprintInput(source, cwd)).sha256;
  } catch {
    return undefined;
  }
}

function passedAt(checks: ValidationCheck[], failOn: FailOn): boolean {
  if (failOn === 'warning') return checks.every((c) => c.status === 'pass' || c.status === 'skip');
  return checks.every((c) => c.status !== 'fail');
}

async function loadSchema(path: string, display: string): Promise<LoadedSchema> {
  if (!existsSync(path)) {
    throw new MlopsError(`No schema at ${display}.`, {
      kind: 'input',
      where: { file: display },
      expected: 'a committed schema file',
      found: 'no such file',
      hint: 'Infer it first (`mlops validate-data --infer`, or `infer: true` in the workflow), review it and commit it.',
    });
  }
  return parseSchema(await readFile(path, 'utf8'), display);
}

export async function runValidation(request: ValidateRequest): Promise<ValidateResult> {
  const started = Date.now();
  const { cwd, loaded } = request;
  const config = loaded.config.validate;
  const source = request.data ?? loaded.config.data.train;
  if (!source) {
    throw usageError(
      'No data to validate.',
      'Give the `data` input (a path, glob or URL) or set data.train in mlops.yaml.',
    );
  }
  const name = datasetName(source);
  const schemaRel = request.schema ?? join(config.schemaDir, `${name}.yaml`);
  const schemaPath = resolve(cwd, schemaRel);
  const schemaDisplay = relative(cwd, schemaPath) || schemaRel;
  const mlopsFile = loaded.file ? relative(cwd, loaded.file) || basename(loaded.file) : 'mlops.yaml';
  try {
    const loadedSchema = request.infer ? undefined : await loadSchema(schemaPath, schemaDisplay);
    const dataset = await openForValidation(source, cwd, config.nullValues);
    // The content hash is lineage for checked data (inference reads the data to write a schema and skips it). It
    // is computed while DuckDB scans the data rather than before.
    const hashing = request.infer ? Promise.resolve(undefined) : sha256Of(source, cwd);
    const base = {
      ...envelope('ValidationReport' as const),
      dataset: {
        name,
        source: displaySource(source),
        format: dataset.format,
        rows: 0,
        columns: dataset.columns.length,
      },
      failOn: request.failOn,
    };
    const exact = await withinExactLimit(dataset, source, cwd, config.exactStatisticsMaxRows);
    if (request.infer) {
      const inferred = await inferSchema(dataset, name, config, exact);
      if (inferred.profile.rows === 0) {
        // A schema from no rows would allow no nulls, no values and 1 to 0 rows: every later check would fail.
        throw new MlopsError(`${source} has no data rows to infer a schema from.`, {
          kind: 'input',
          where: { file: source },
          expected: 'a header line and at least one data row',
          found: `${dataset.columns.length} column(s) and 0 rows`,
          hint: 'Infer from a representative sample of the data, not from an empty export.',
        });
      }
      const yaml = renderSchemaYaml(inferred.schema, {
        source,
        rows: inferred.profile.rows,
        columns: inferred.notes,
        maxCategories: config.maxCategories,
      });
      let status: ValidationReport['schema']['status'] = 'created';
      let diff: string | undefined;
      if (existsSync(schemaPath)) {
        const committed = await readFile(schemaPath, 'utf8');
        if (committed === yaml) status = 'unchanged';
        else {
          diff = diffLines(committed, yaml, schemaDisplay);
          status = request.update ? 'updated' : 'changed';
        }
      }
      if (status === 'created' || status === 'updated') await writeFileAtomic(schemaPath, yaml);
      const report: ValidationReport = {
        ...base,
        mode: 'infer',
        dataset: { ...base.dataset, rows: inferred.profile.rows },
        schema: { file: schemaDisplay, status, diff },
        passed: true,
        summary: { checks: 0, failed: 0, warnings: 0 },
        columns: inferred.profile.columns,
        checks: [],
        durationMs: Date.now() - started,
      };
      return { report, schemaFile: schemaDisplay };
    }
    const schema = loadedSchema!;
    const outcome = await checkDataset(dataset, schema, {
      config,
      label: loaded.config.model?.label,
      segments: loaded.config.model?.segments ?? [],
      mlops: loaded,
      mlopsFile,
      exact,
    });
    const checks = outcome.checks;
    let skew: ValidationReport['skew'];
    if (request.reference) {
      const reference = await openForValidation(request.reference, cwd, config.nullValues);
      const types: Record<string, ValueType> = Object.fromEntries(
        Object.entries(schema.schema.columns).map(([n, c]) => [n, c.type as ValueType]),
      );
      const compared = await compareWithReference(dataset, reference, types, config.skew, request.reference);
      skew = { reference: request.reference, columns: compared.columns };
      checks.push(...compared.checks);
    }
    const failed = checks.filter((c) => c.status === 'fail').length;
    const warnings = checks.filter((c) => c.status === 'warn').length;
    const report: ValidationReport = {
      ...base,
      mode: 'check',
      dataset: { ...base.dataset, sha256: await hashing, rows: outcome.profile.rows },
      schema: { file: schemaDisplay, status: 'checked' },
      passed: passedAt(checks, request.failOn),
      summary: { checks: checks.length, failed, warnings },
      columns: outcome.profile.columns,
      checks,
      skew,
      durationMs: Date.now() - started,
    };
    return { report, schemaFile: schemaDisplay };
  } finally {
    await closeEngine();
  }
}

/** Exit code: 1 when a check failed at the fail-on level, else 0. */
export function exitCodeFor(report: ValidationReport): 0 | 1 {
  if (report.failOn === 'never') return 0;
  return report.passed ? 0 : 1;
}
