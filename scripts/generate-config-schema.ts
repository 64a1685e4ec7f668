/** Writes schemas/mlops.schema.json from the zod schema of mlops.yaml. Usage: npm run schema [-- --out FILE] */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { mlopsConfig } from '../src/core/config.js';

export function configJsonSchema(): string {
  const schema = z.toJSONSchema(mlopsConfig, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, $id: 'https://mlops-actions.dev/schemas/mlops.schema.json', title: 'mlops.yaml' }, null, 2)}\n`;
}

const outIndex = process.argv.indexOf('--out');
const out = resolve(
  outIndex >= 0 ? process.argv[outIndex + 1]! : join(import.meta.dirname, '..', 'schemas', 'mlops.schema.json'),
);
await mkdir(dirname(out), { recursive: true });
await writeFile(out, configJsonSchema());
