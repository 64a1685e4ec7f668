/**
 * Training parameters: read from a YAML/JSON file (params.yaml by default) or given inline, canonicalised so
 * that key order and formatting never change their hash, and handed to the command as a JSON file plus
 * MLOPS_PARAM_<NAME> environment variables.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { MlopsError } from '../errors.js';
import { sha256 } from '../fs.js';

export type Params = Record<string, unknown>;

export interface LoadedParams {
  params: Params;
  /** The file they came from, relative to cwd, or "inline" / undefined. */
  source: string | undefined;
}

const paramsObject = z.record(z.string(), z.unknown());

function parseParams(text: string, source: string): Params {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new MlopsError(
      `Parameters in ${source} are not valid YAML/JSON: ${(error as Error).message.split('\n')[0]}`,
      {
        kind: 'input',
        where: { file: source },
      },
    );
  }
  if (raw === null || raw === undefined) return {};
  const parsed = paramsObject.safeParse(raw);
  if (!parsed.success || Array.isArray(raw)) {
    throw new MlopsError(`Parameters in ${source} must be a mapping of names to values.`, {
      kind: 'input',
      where: { file: source },
      expected: 'e.g. `learning_rate: 0.01` on its own line',
      found: typeof raw === 'object' ? 'a list' : JSON.stringify(raw),
    });
  }
  return parsed.data;
}

/**
 * `spec` is a file path, or inline YAML/JSON (`{C: 0.5}` or `C: 0.5`); undefined means params.yaml when it
 * exists, else no parameters.
 */
export async function loadParams(spec: string | undefined, cwd: string): Promise<LoadedParams> {
  if (spec === undefined) {
    const file = resolve(cwd, 'params.yaml');
    if (!existsSync(file)) return { params: {}, source: undefined };
    return { params: parseParams(await readFile(file, 'utf8'), 'params.yaml'), source: 'params.yaml' };
  }
  const file = resolve(cwd, spec);
  if (existsSync(file)) return { params: parseParams(await readFile(file, 'utf8'), spec), source: spec };
  if (/[:{]/.test(spec)) return { params: parseParams(spec, 'the params input'), source: 'inline' };
  throw new MlopsError(`Parameters file ${spec} does not exist.`, {
    kind: 'input',
    where: { file: spec },
    hint: 'Point `params` at a YAML or JSON file, or give the parameters inline, e.g. `{C: 0.5}`.',
  });
}

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    return v;
  });
}

export function paramsHash(params: Params): string {
  return sha256(canonicalJson(params));
}

/** MLOPS_PARAM_<NAME> for every scalar, nested keys joined by "_" (lr.decay -> MLOPS_PARAM_LR_DECAY). */
export function paramsEnv(params: Params, prefix = 'MLOPS_PARAM_'): Record<string, string> {
  const env: Record<string, string> = {};
  const visit = (value: unknown, name: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) visit(v, name ? `${name}_${k}` : k);
    } else if (name) {
      const key = `${prefix}${name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`;
      env[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  };
  visit(params, '');
  return env;
}
