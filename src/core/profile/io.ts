import { readFile } from 'node:fs/promises';
import { MlopsError } from '../errors.js';
import { writeFileAtomic } from '../fs.js';
import { type ReferenceProfile, referenceProfile } from './schema.js';

/**
 * JSON with one knot / category per line: a changed baseline shows up in a pull request as the few lines
 * whose counts moved, not as one rewritten blob.
 */
export function formatProfile(profile: ReferenceProfile): string {
  return `${format(profile, '')}\n`;
}

function format(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object'))
      return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    const inner = `${indent}  `;
    return `[\n${value.map((v) => inner + format(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

export async function writeReferenceProfile(path: string, profile: ReferenceProfile): Promise<void> {
  await writeFileAtomic(path, formatProfile(referenceProfile.parse(profile)));
}

export function parseReferenceProfile(text: string, source: string): ReferenceProfile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new MlopsError(`${source} is not valid JSON: ${(error as Error).message}`, {
      kind: 'input',
      where: { file: source },
      hint: 'Rebuild it with `mlops drift-check --update-reference` or restore it from git.',
    });
  }
  const parsed = referenceProfile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MlopsError(`${source} is not a reference profile: ${issue.message}`, {
      kind: 'input',
      where: { file: source, path: issue.path.join('.') },
      expected: 'a ReferenceProfile (kind: ReferenceProfile, schemaVersion: 1)',
      hint: 'Rebuild it with `mlops drift-check --update-reference` or restore it from git.',
    });
  }
  return parsed.data;
}

export async function readReferenceProfile(path: string): Promise<ReferenceProfile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new MlopsError(`Cannot read the reference profile ${path}: ${(error as Error).message}`, {
      kind: 'input',
      where: { file: path },
      hint: 'Register the model version (it stores reference-profile.json) or pass reference data with --reference.',
    });
  }
  return parseReferenceProfile(text, path);
}
