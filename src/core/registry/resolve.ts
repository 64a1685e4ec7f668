/** Model references: name@v1.2.3, name@1.2.3, name:1.2.3, name#stage, name:latest (also GTO's name@latest). */
import { join } from 'node:path';
import { MlopsError } from '../errors.js';
import { readModel } from './read.js';
import { type ModelVersion, versionDir } from './schema.js';
import { isSemver } from './semver.js';

export type ModelRef =
  | { name: string; kind: 'version'; version: string }
  | { name: string; kind: 'stage'; stage: string }
  | { name: string; kind: 'latest' };

export function parseModelRef(ref: string): ModelRef {
  const text = ref.trim();
  let m = /^([a-z0-9][a-z0-9._-]*)#([a-z0-9][a-z0-9._-]*)$/.exec(text);
  if (m) return { name: m[1]!, kind: 'stage', stage: m[2]! };
  m = /^([a-z0-9][a-z0-9._-]*)(?:[@:](latest|greatest))?$/.exec(text);
  if (m) return { name: m[1]!, kind: 'latest' };
  m = /^([a-z0-9][a-z0-9._-]*)[@:]v?(.+)$/.exec(text);
  if (m && isSemver(m[2]!)) return { name: m[1]!, kind: 'version', version: m[2]! };
  throw new MlopsError(`"${ref}" is not a model reference.`, {
    kind: 'usage',
    expected: '<name>@v<version> (penguins@v1.2.0), <name>#<stage> (penguins#production) or <name>:latest',
    found: JSON.stringify(ref),
  });
}

export interface ResolvedModel {
  version: ModelVersion;
  /** Absolute directory of the version in the registry. */
  dir: string;
}

/** Finds a registered version by reference, reading the repository's registry files and tags. */
export async function resolveModelRef(repoDir: string, ref: string): Promise<ResolvedModel> {
  const parsed = parseModelRef(ref);
  const model = await readModel(repoDir, parsed.name);
  const known = model.versions.map((v) => v.version);
  if (known.length === 0) {
    throw new MlopsError(`Model "${parsed.name}" has no registered versions in ${repoDir}.`, {
      kind: 'input',
      where: { file: join(repoDir, '.mlops/registry', parsed.name) },
      hint: 'Register one first (mlops register / the register-model action), or fetch the registry: git fetch --tags.',
    });
  }
  let found: ModelVersion | undefined;
  if (parsed.kind === 'version') {
    found = model.versions.find((v) => v.version === parsed.version);
    if (!found) {
      throw new MlopsError(`Model ${parsed.name} has no version ${parsed.version}.`, {
        kind: 'input',
        expected: `one of ${known.join(', ')}`,
        found: parsed.version,
      });
    }
  } else if (parsed.kind === 'stage') {
    const holder = model.stages.stages[parsed.stage];
    found = holder ? model.versions.find((v) => v.version === holder) : undefined;
    if (!found) {
      const held = Object.entries(model.stages.stages).map(([s, v]) => `${s}=${v}`);
      throw new MlopsError(`No version of ${parsed.name} is in stage "${parsed.stage}".`, {
        kind: 'input',
        expected: held.length ? `one of the assigned stages: ${held.join(', ')}` : 'a promoted version',
        found: holder ? `stages.yaml names ${holder}, which is not registered` : 'no assignment',
        hint: `Promote a version: mlops promote ${parsed.name} <version> ${parsed.stage}`,
      });
    }
  } else {
    const live = model.versions.filter((v) => !v.deprecated);
    found = live.at(-1) ?? model.versions.at(-1);
  }
  return { version: found!, dir: join(repoDir, versionDir(found!.name, found!.version)) };
}
