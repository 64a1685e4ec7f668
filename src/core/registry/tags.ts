/**
 * GTO's git tag format (https://dvc.org/doc/gto/user-guide#git-tags-format), so `gto show` reads our registry:
 *   <name>@v<semver>[#<n>]        register a version       <name>@v<semver>![#<n>]  deregister it
 *   <name>#<stage>[#<n>]          assign a stage           <name>#<stage>![#<n>]    unassign it
 *   <name>@deprecated[#<n>]       deprecate the artifact   <name>@created[#<n>]     create it
 * Only annotated tags count; lightweight tags with these names are ignored. GTO's names are stricter than
 * mlops.yaml's model names (see isGtoName): the parser accepts both, and registration warns when `gto` could
 * not read a name.
 */

export type TagEvent =
  | { kind: 'register'; name: string; version: string; counter?: number }
  | { kind: 'deregister'; name: string; version: string; counter?: number }
  | { kind: 'assign'; name: string; stage: string; counter?: number }
  | { kind: 'unassign'; name: string; stage: string; counter?: number }
  | { kind: 'deprecate'; name: string; counter?: number }
  | { kind: 'create'; name: string; counter?: number };

const NAME = '[a-z0-9][a-z0-9._/-]*?';
const SEMVER = '(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?';
const STAGE = '[a-z0-9][a-z0-9._-]*';

const versionTag = new RegExp(`^(?<name>${NAME})@v(?<version>${SEMVER})(?<cancel>!?)(?:#(?<n>\\d+))?$`);
const stageTag = new RegExp(`^(?<name>${NAME})#(?<stage>${STAGE})(?<cancel>!?)(?:#(?<n>\\d+))?$`);
const deprecateTag = new RegExp(`^(?<name>${NAME})@(?<event>deprecated|created)(?:#(?<n>\\d+))?$`);

/** GTO's own name pattern (gto/constants.py): a lower-case letter first, then letters, digits, "-" and "/". */
const GTO_NAME = /^[a-z][a-z0-9-/]*[a-z0-9]$/;

export function isGtoName(name: string): boolean {
  return GTO_NAME.test(name);
}

/** The event a tag name encodes, or undefined when it is not a registry tag. */
export function parseTag(tag: string): TagEvent | undefined {
  const counter = (n: string | undefined) => (n === undefined ? undefined : Number(n));
  let m = deprecateTag.exec(tag);
  if (m?.groups) {
    return {
      kind: m.groups.event === 'created' ? 'create' : 'deprecate',
      name: m.groups.name!,
      counter: counter(m.groups.n),
    };
  }
  m = versionTag.exec(tag);
  if (m?.groups) {
    return {
      kind: m.groups.cancel ? 'deregister' : 'register',
      name: m.groups.name!,
      version: m.groups.version!,
      counter: counter(m.groups.n),
    };
  }
  m = stageTag.exec(tag);
  if (m?.groups) {
    return {
      kind: m.groups.cancel ? 'unassign' : 'assign',
      name: m.groups.name!,
      stage: m.groups.stage!,
      counter: counter(m.groups.n),
    };
  }
  return undefined;
}

export function formatTag(event: TagEvent): string {
  const n = event.counter === undefined ? '' : `#${event.counter}`;
  switch (event.kind) {
    case 'register':
      return `${event.name}@v${event.version}${n}`;
    case 'deregister':
      return `${event.name}@v${event.version}!${n}`;
    case 'assign':
      return `${event.name}#${event.stage}${n}`;
    case 'unassign':
      return `${event.name}#${event.stage}!${n}`;
    case 'deprecate':
      return `${event.name}@deprecated${n}`;
    case 'create':
      return `${event.name}@created${n}`;
  }
}

export function versionTagName(name: string, version: string): string {
  return formatTag({ kind: 'register', name, version });
}
