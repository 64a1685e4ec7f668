/**
 * Writes actions/<name>/action.yml from the action definitions in src/actions, so that inputs, defaults and
 * outputs are declared once. Usage: node --import tsx scripts/generate-action-metadata.ts [--outdir DIR]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { actions } from '../src/actions/catalog.js';
import type { ActionDefinition } from '../src/actions/define.js';

export function actionYaml(action: ActionDefinition): string {
  const inputs: Record<string, Record<string, unknown>> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    let description = spec.description;
    if (spec.choices) description += ` One of: ${spec.choices.join(', ')}.`;
    inputs[name] = { description, required: spec.required ?? false };
    const def = spec.workflowDefault ?? spec.default;
    if (def !== undefined) inputs[name].default = def;
  }
  const outputs: Record<string, { description: string }> = {};
  for (const [name, spec] of Object.entries(action.outputs)) outputs[name] = { description: spec.description };
  const doc = {
    name: `mlops-actions: ${action.title}`,
    description: action.description,
    author: 'mlops-actions',
    branding: { icon: action.icon, color: action.color },
    inputs,
    outputs,
    runs: { using: 'node24', main: `../../dist/${action.name}/index.js` },
  };
  const header = `# Generated from src/actions/${action.name}.ts by scripts/generate-action-metadata.ts; do not edit by hand.\n`;
  return header + stringify(doc, { lineWidth: 0 });
}

const outIndex = process.argv.indexOf('--outdir');
const outdir = resolve(outIndex >= 0 ? process.argv[outIndex + 1]! : join(import.meta.dirname, '..', 'actions'));
for (const action of actions) {
  await mkdir(join(outdir, action.name), { recursive: true });
  await writeFile(join(outdir, action.name, 'action.yml'), actionYaml(action));
}
