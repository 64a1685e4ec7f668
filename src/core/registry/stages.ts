/**
 * .mlops/registry/<model>/stages.yaml: which version holds which stage, and which versions are deprecated.
 * It is changed only by pull requests (promote), so review and branch protection govern it; applying the
 * merged change creates the GTO stage tags that record who approved it.
 */
import { parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { MlopsError } from '../errors.js';

export const stagesDocument = z.strictObject({
  model: z.string(),
  /** stage -> version */
  stages: z.record(z.string(), z.string()).default({}),
  deprecated: z.array(z.string()).default([]),
});
export type StagesDocument = z.infer<typeof stagesDocument>;

export function emptyStages(model: string): StagesDocument {
  return { model, stages: {}, deprecated: [] };
}

export function parseStages(text: string, file: string, model: string): StagesDocument {
  const doc = parseDocument(text);
  if (doc.errors[0]) {
    throw new MlopsError(`${file} is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`, {
      kind: 'input',
      where: { file },
    });
  }
  const parsed = stagesDocument.safeParse(doc.toJS() ?? { model });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MlopsError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`, {
      kind: 'input',
      where: { file, path: issue.path.join('.') },
      expected: 'model: <name>, stages: {<stage>: <version>}, deprecated: [<version>, ...]',
    });
  }
  return parsed.data;
}

export function formatStages(doc: StagesDocument): string {
  const sorted: StagesDocument = {
    model: doc.model,
    stages: Object.fromEntries(Object.entries(doc.stages).sort(([a], [b]) => a.localeCompare(b))),
    deprecated: [...doc.deprecated].sort(),
  };
  return [
    `# Stage assignments of model "${doc.model}". Change them in a pull request (mlops promote): merging is the`,
    '# approval, and the release workflow then tags <model>#<stage>#<n>. See examples/governance/.',
    stringify(sorted).trimEnd(),
    '',
  ].join('\n');
}

export type StageChange =
  | { kind: 'assign'; stage: string; version: string; previous?: string }
  | { kind: 'unassign'; stage: string; version: string }
  | { kind: 'deprecate'; version: string }
  | { kind: 'undeprecate'; version: string };

/** What changed between two stages documents, in a stable order. */
export function diffStages(before: StagesDocument, after: StagesDocument): StageChange[] {
  const changes: StageChange[] = [];
  const stages = new Set([...Object.keys(before.stages), ...Object.keys(after.stages)]);
  for (const stage of [...stages].sort()) {
    const a = before.stages[stage];
    const b = after.stages[stage];
    if (a === b) continue;
    if (b === undefined) changes.push({ kind: 'unassign', stage, version: a! });
    else changes.push({ kind: 'assign', stage, version: b, ...(a ? { previous: a } : {}) });
  }
  for (const v of after.deprecated) if (!before.deprecated.includes(v)) changes.push({ kind: 'deprecate', version: v });
  for (const v of before.deprecated) {
    if (!after.deprecated.includes(v)) changes.push({ kind: 'undeprecate', version: v });
  }
  return changes;
}
