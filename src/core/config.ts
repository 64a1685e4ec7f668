/**
 * mlops.yaml: one file at the repository root naming the model, its data and each step's settings.
 * Validated with zod; errors name the YAML path and the file line. schemas/mlops.schema.json is generated
 * from this schema (npm run schema) so that editors complete the file.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Document, isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { deployConfig } from './deploy/config.js';
import { driftConfig } from './drift/config.js';
import { MlopsError } from './errors.js';
import { evaluateConfig } from './evaluate/config.js';
import { registryConfig } from './registry/config.js';
import { trainConfig } from './train/config.js';
import { validateConfig } from './validate/config.js';

export const modelConfig = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" and "-", starting with a letter or digit')
    .describe('Model name; used in registry paths and tags (<name>@v1.2.3).'),
  task: z.enum(['binary', 'multiclass', 'regression']).describe('What the model predicts.'),
  label: z.string().describe('The target column in the data.'),
  features: z.array(z.string()).optional().describe('Feature columns; default: every column but the label and ids.'),
  segments: z.array(z.string()).default([]).describe('Columns whose values define slices for checks and metrics.'),
  classes: z
    .array(z.string())
    .optional()
    .describe(
      "Class names in the order of the model's probability columns, for models without mlops.classes metadata.",
    ),
});

export const dataConfig = z.strictObject({
  train: z.string().optional().describe('Training data: a path, glob or URL (CSV, Parquet, JSON Lines).'),
  eval: z.string().optional().describe('Held-out evaluation data.'),
  current: z.string().optional().describe('Production data for drift checks.'),
});

export const mlopsConfig = z
  .strictObject({
    version: z.literal(1).default(1).describe('Config format version.'),
    model: modelConfig.optional(),
    data: dataConfig.default({}),
    validate: validateConfig,
    train: trainConfig,
    evaluate: evaluateConfig,
    registry: registryConfig,
    deploy: deployConfig,
    drift: driftConfig,
  })
  .describe('mlops-actions configuration (mlops.yaml)');

export type MlopsConfig = z.infer<typeof mlopsConfig>;
export type ModelConfig = z.infer<typeof modelConfig>;

export const DEFAULT_CONFIG_FILE = 'mlops.yaml';

export interface LoadedConfig {
  config: MlopsConfig;
  /** Absolute path of the file, or undefined when no file exists and defaults are used. */
  file: string | undefined;
  /** 1-based line of a YAML path in the file, for annotations that point at a rule. */
  lineOf(path: (string | number)[]): number | undefined;
}

export async function loadConfig(path: string = DEFAULT_CONFIG_FILE, cwd = process.cwd()): Promise<LoadedConfig> {
  const file = resolve(cwd, path);
  if (!existsSync(file)) {
    if (path !== DEFAULT_CONFIG_FILE) {
      throw new MlopsError(`Config file ${path} does not exist.`, {
        kind: 'config',
        where: { file: path },
        hint: 'Create it (see schemas/mlops.schema.json) or point the `config` input at the right file.',
      });
    }
    return { config: mlopsConfig.parse({}), file: undefined, lineOf: () => undefined };
  }
  return parseConfig(await readFile(file, 'utf8'), path, file);
}

/** At most this many problems are listed in one error; the rest are counted. */
const MAX_LISTED_PROBLEMS = 20;

export function parseConfig(text: string, displayName: string, absolutePath?: string): LoadedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = lineCounter.linePos(yamlError.pos[0]);
    throw new MlopsError(`not valid YAML: ${yamlError.message.split('\n')[0]}`, {
      kind: 'config',
      where: { file: displayName, line: pos.line, column: pos.col },
      hint: 'Fix the YAML syntax at that line (indentation, a missing colon, an unclosed quote).',
    });
  }
  const lineOf = (path: (string | number)[]) => nodePosition(doc, lineCounter, path, true)?.line;
  const raw = doc.toJS() ?? {};
  const parsed = mlopsConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .flatMap((issue) => describeIssue(issue, raw))
      .map((p) => ({ ...p, pos: nodePosition(doc, lineCounter, p.at, p.atKey) }))
      .sort((a, b) => (a.pos?.line ?? 0) - (b.pos?.line ?? 0));
    const [first, ...rest] = problems;
    const listed = rest.slice(0, MAX_LISTED_PROBLEMS - 1).map((p) => {
      const at = p.pos ? `${displayName}:${p.pos.line}:${p.pos.col}` : displayName;
      return `  ${at}: ${p.message}`;
    });
    if (rest.length > listed.length) listed.push(`  … and ${rest.length - listed.length} more`);
    const message = [first!.message, ...listed].join('\n');
    throw new MlopsError(message, {
      kind: 'config',
      where: { file: displayName, line: first!.pos?.line, column: first!.pos?.col },
      hint:
        problems.length > 1
          ? `Fix these ${problems.length} problems; schemas/mlops.schema.json describes every key and its type.`
          : 'schemas/mlops.schema.json describes every key and its type (editors complete mlops.yaml with it).',
    });
  }
  return { config: parsed.data, file: absolutePath, lineOf };
}

/** "gates[2].threshold" from ["gates", 2, "threshold"]. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(top level)';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

interface Problem {
  /** Where in the YAML the problem is. */
  at: (string | number)[];
  /** Point at the key (unknown keys) rather than its value (wrong values). */
  atKey?: boolean;
  message: string;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): Problem[] {
  const at = issue.path as (string | number)[];
  const path = formatPath(at);
  switch (issue.code) {
    case 'invalid_type': {
      const found = valueAt(raw, issue.path);
      const got = found === undefined ? 'nothing (the key is missing)' : JSON.stringify(found);
      return [{ at, message: `${path}: expected ${issue.expected}, got ${got}` }];
    }
    case 'unrecognized_keys': {
      const known = knownKeys(mlopsConfig, at);
      return issue.keys.map((key) => {
        const suggestion = closest(key, known);
        const full = formatPath([...at, key]);
        return {
          at: [...at, key],
          atKey: true,
          message: `${full}: unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : known.length ? ` (allowed here: ${known.join(', ')})` : ''}`,
        };
      });
    }
    case 'invalid_value':
      return [
        {
          at,
          message: `${path}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(valueAt(raw, issue.path))}`,
        },
      ];
    default:
      return [{ at, message: `${path}: ${issue.message}` }];
  }
}

interface SchemaDef {
  type: string;
  innerType?: ZodLike;
  in?: ZodLike;
  shape?: Record<string, ZodLike>;
  element?: ZodLike;
}
type ZodLike = { _zod: { def: SchemaDef } };

/** The keys a strict object accepts at a YAML path, read from the zod schema (for "did you mean"). */
function knownKeys(schema: ZodLike, path: readonly (string | number)[]): string[] {
  let node: ZodLike | undefined = schema;
  const unwrap = (s: ZodLike | undefined): ZodLike | undefined => {
    let current = s;
    for (let i = 0; current && i < 20; i++) {
      const def: SchemaDef = current._zod.def;
      if (def.innerType) current = def.innerType;
      else if (def.type === 'pipe' && def.in) current = def.in;
      else break;
    }
    return current;
  };
  for (const key of path) {
    node = unwrap(node);
    const def = node?._zod.def;
    if (def?.type === 'object' && typeof key === 'string') node = def.shape?.[key];
    else if (def?.type === 'array') node = def.element;
    else return [];
  }
  const def = unwrap(node)?._zod.def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function closest(key: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function nodePosition(
  doc: Document,
  lineCounter: LineCounter,
  path: (string | number)[],
  atKey = false,
): { line: number; col: number } | undefined {
  // Walk down as far as the path exists, so a missing key points at its parent at worst.
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth);
    if (sub.length === 0) return doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]) : undefined;
    const parent = sub.length === 1 ? doc.contents : doc.getIn(sub.slice(0, -1), true);
    const last = sub[sub.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === last);
      // A wrong value points at the value; a key with no usable value at the key.
      const valueRange =
        depth === path.length && !atKey ? (pair?.value as { range?: [number, number] } | null)?.range : undefined;
      const keyRange = (pair?.key as { range?: [number, number] } | null)?.range;
      const range = valueRange ?? keyRange;
      if (range) return lineCounter.linePos(range[0]);
    } else if (isSeq(parent) && typeof last === 'number') {
      const item = parent.items[last] as { range?: [number, number] } | undefined;
      if (item?.range) return lineCounter.linePos(item.range[0]);
    }
  }
  return undefined;
}
