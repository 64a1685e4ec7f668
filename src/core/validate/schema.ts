/**
 * The data schema file (.mlops/schema/<dataset>.yaml): inferred once, reviewed and committed, then enforced.
 * Parsing keeps a LineCounter so that every failed rule can point at its line.
 */
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { formatPath } from '../config.js';
import { MlopsError } from '../errors.js';

export const schemaColumn = z.strictObject({
  type: z.enum(['integer', 'number', 'boolean', 'string', 'date', 'timestamp', 'other']),
  maxNullShare: z.number().min(0).max(1).default(0),
  min: z.number().optional(),
  max: z.number().optional(),
  categories: z.array(z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
  unique: z.boolean().optional(),
});
export type SchemaColumn = z.infer<typeof schemaColumn>;

export const dataSchema = z.strictObject({
  version: z.literal(1),
  dataset: z.string(),
  rows: z
    .strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
    .default({}),
  keys: z.array(z.string()).default([]),
  /** true: columns not listed here are an error; false: they are reported as a warning. */
  strictColumns: z.boolean().default(true),
  columns: z.record(z.string(), schemaColumn),
});
export type DataSchema = z.infer<typeof dataSchema>;

export interface LoadedSchema {
  schema: DataSchema;
  /** Display path of the file (relative to the working directory). */
  file: string;
  lineOf(path: (string | number)[]): number | undefined;
}

export function parseSchema(text: string, file: string): LoadedSchema {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = lineCounter.linePos(yamlError.pos[0]);
    throw new MlopsError(`Schema file ${file} is not valid YAML: ${yamlError.message.split('\n')[0]}`, {
      kind: 'config',
      where: { file, line: pos.line, column: pos.col },
      expected: 'YAML as written by `mlops validate-data --infer`',
      found: text.split('\n')[pos.line - 1]?.trim() ?? '',
      hint: 'Fix the YAML at that line, or delete the file and infer it again.',
    });
  }
  const lineOf = (path: (string | number)[]): number | undefined => {
    for (let depth = path.length; depth > 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number] } | undefined;
      const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1), true);
      const pair = (
        parent as { items?: { key?: { value?: unknown; range?: [number, number] } }[] } | undefined
      )?.items?.find((p) => p.key?.value === path[depth - 1]);
      const range = pair?.key?.range ?? node?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    return undefined;
  };
  const parsed = dataSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = formatPath(issue.path);
    throw new MlopsError(`Schema file ${file}: ${path}: ${issue.message}`, {
      kind: 'config',
      where: { file, line: lineOf(issue.path as (string | number)[]), path },
      expected: issue.code === 'invalid_type' ? issue.expected : undefined,
      hint: 'Each column takes type, maxNullShare, min, max, categories, unique; see `mlops validate-data --infer`.',
    });
  }
  return { schema: parsed.data, file, lineOf };
}

function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return /^[A-Za-z_][\w .-]*$/.test(value) && !/^(true|false|yes|no|on|off|null|~)$/i.test(value) && !/\s$/.test(value)
    ? value
    : JSON.stringify(value);
}

function yamlKey(key: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(key) ? key : JSON.stringify(key);
}

export interface ColumnNotes {
  observedNullShare: number;
  distinct: number;
  observedMin?: number | null;
  observedMax?: number | null;
  /** Why a text column has no categories: no values, every value different, or more than maxCategories. */
  freeText?: 'empty' | 'all-different' | 'many';
  /** distinct is a HyperLogLog estimate. */
  distinctEstimated?: boolean;
}

export interface SchemaNotes {
  source: string;
  rows: number;
  columns: Record<string, ColumnNotes>;
  maxCategories: number;
}

const share = (x: number) => (x === 0 ? '0' : x < 0.0001 ? x.toExponential(2) : String(Number(x.toPrecision(3))));

/** The schema as commented YAML, meant to be read in a pull request. */
export function renderSchemaYaml(schema: DataSchema, notes: SchemaNotes): string {
  const out: string[] = [
    `# Data schema for "${schema.dataset}", inferred by \`mlops validate-data --infer\` from ${notes.source} (${notes.rows} rows).`,
    '# Review it and commit it: validate-data checks new data against these rules. Loosen what is too strict',
    '# (ranges, maxNullShare, categories) before merging; re-inference shows a diff instead of overwriting this file.',
    'version: 1',
    `dataset: ${yamlScalar(schema.dataset)}`,
    `rows:  # observed ${notes.rows}`,
  ];
  if (schema.rows.min !== undefined) out.push(`  min: ${schema.rows.min}`);
  if (schema.rows.max !== undefined) out.push(`  max: ${schema.rows.max}`);
  out.push(
    `keys: [${schema.keys.map(yamlScalar).join(', ')}]  # columns whose combined values must be unique`,
    `strictColumns: ${schema.strictColumns}  # columns not listed below are an error (false: a warning)`,
    'columns:',
  );
  for (const [name, column] of Object.entries(schema.columns)) {
    const note = notes.columns[name];
    out.push(`  ${yamlKey(name)}:`);
    out.push(`    type: ${column.type}`);
    out.push(
      `    maxNullShare: ${share(column.maxNullShare)}${note ? `  # observed ${share(note.observedNullShare)}` : ''}`,
    );
    if (column.min !== undefined) out.push(`    min: ${column.min}  # observed minimum`);
    if (column.max !== undefined) out.push(`    max: ${column.max}  # observed maximum`);
    if (column.categories) {
      out.push(`    categories:  # ${column.categories.length} values seen; others are "unseen categories"`);
      for (const c of column.categories) out.push(`      - ${yamlScalar(c)}`);
    } else if (note?.freeText) {
      const why = {
        empty: 'no values seen',
        'all-different': `every one of the ${note.distinct} values differs: an identifier or free text`,
        many: `${note.distinctEstimated ? 'about ' : ''}${note.distinct} distinct values (> ${notes.maxCategories}): free text or an identifier`,
      }[note.freeText];
      out.push(`    # ${why}, no domain`);
    }
    if (column.unique !== undefined) out.push(`    unique: ${column.unique}  # every non-null value differs`);
  }
  return `${out.join('\n')}\n`;
}

/** A unified line diff (no context trimming beyond 2 lines), enough to review a re-inferred schema. */
export function diffLines(before: string, after: string, name: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  // Longest common subsequence table; schema files are small.
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: { op: ' ' | '-' | '+'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ op: ' ', text: a[i]! });
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      ops.push({ op: '+', text: b[j]! });
      j++;
    } else {
      ops.push({ op: '-', text: a[i]! });
      i++;
    }
  }
  const keep = ops.map((o, k) => o.op !== ' ' || ops.slice(Math.max(0, k - 2), k + 3).some((n) => n.op !== ' '));
  const lines = [`--- ${name} (committed)`, `+++ ${name} (inferred now)`];
  let skipped = false;
  ops.forEach((o, k) => {
    if (keep[k]) {
      lines.push(`${o.op}${o.text}`);
      skipped = false;
    } else if (!skipped) {
      lines.push('@@');
      skipped = true;
    }
  });
  return lines.join('\n');
}

/** Schema path for a YAML path, e.g. ['columns', 'age', 'max'] -> "columns.age.max". */
export function rulePath(path: (string | number)[]): string {
  return formatPath(path);
}
