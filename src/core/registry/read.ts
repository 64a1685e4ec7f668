/**
 * Reads the registry from git alone: model.json files and stages.yaml from a commit (or the working tree), stage
 * history from the annotated GTO tags.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MlopsError } from '../errors.js';
import { listTags, listTree, showFile, showFiles, type TagInfo } from './git.js';
import { type ModelVersion, modelVersion, REGISTRY_DIR, type StageEvent, stagesFile } from './schema.js';
import { compareSemver, isSemver } from './semver.js';
import { emptyStages, parseStages, type StagesDocument } from './stages.js';
import { parseTagMessage } from './tag-message.js';
import { parseTag } from './tags.js';

/** Where registry files are read from: the working tree, or a commit (for registration on top of the remote tip). */
export interface TreeSource {
  read(path: string): Promise<string | undefined>;
  /** Immediate child directory names of dir. */
  dirs(dir: string): Promise<string[]>;
  /** Many files at once (missing ones absent); sources without a faster way read them one by one. */
  readMany?(paths: string[]): Promise<Map<string, string>>;
}

export function workingTree(repoDir: string): TreeSource {
  return {
    async read(path) {
      const file = join(repoDir, path);
      return existsSync(file) ? readFile(file, 'utf8') : undefined;
    },
    async dirs(dir) {
      const full = join(repoDir, dir);
      if (!existsSync(full)) return [];
      return (await readdir(full, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    },
  };
}

export function commitTree(repoDir: string, commit: string): TreeSource {
  let paths: Promise<string[]> | undefined;
  return {
    read: (path) => showFile(repoDir, commit, path),
    readMany: (paths) => showFiles(repoDir, commit, paths),
    async dirs(dir) {
      paths ??= listTree(repoDir, commit, REGISTRY_DIR);
      const prefix = `${dir.replace(/\/$/, '')}/`;
      const out = new Set<string>();
      for (const p of await paths) {
        if (!p.startsWith(prefix)) continue;
        const rest = p.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash > 0) out.add(rest.slice(0, slash));
      }
      return [...out];
    },
  };
}

export function parseModelVersion(text: string, file: string): ModelVersion {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new MlopsError(`${file} is not valid JSON: ${(error as Error).message}`, { kind: 'input', where: { file } });
  }
  const parsed = modelVersion.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MlopsError(`${file} is not a ModelVersion: ${issue.path.join('.')}: ${issue.message}`, {
      kind: 'input',
      where: { file, path: issue.path.join('.') },
    });
  }
  return parsed.data;
}

export interface ModelEntry {
  name: string;
  /** Ascending by semver. */
  versions: ModelVersion[];
  stages: StagesDocument;
  /** Stage and deregistration events from tags, oldest first. */
  history: StageEvent[];
  tags: TagInfo[];
}

export async function listModels(source: TreeSource): Promise<string[]> {
  return (await source.dirs(REGISTRY_DIR)).sort();
}

export async function readVersions(source: TreeSource, name: string): Promise<ModelVersion[]> {
  const files = (await source.dirs(`${REGISTRY_DIR}/${name}`))
    .filter(isSemver)
    .map((dir) => `${REGISTRY_DIR}/${name}/${dir}/model.json`);
  let texts: Map<string, string>;
  if (source.readMany) {
    texts = await source.readMany(files);
  } else {
    texts = new Map();
    await Promise.all(
      files.map(async (file) => {
        const text = await source.read(file);
        if (text !== undefined) texts.set(file, text);
      }),
    );
  }
  const versions = files.filter((f) => texts.has(f)).map((f) => parseModelVersion(texts.get(f)!, f));
  return versions.sort((a, b) => compareSemver(a.version, b.version));
}

export async function readStages(source: TreeSource, name: string): Promise<StagesDocument> {
  const file = stagesFile(name);
  const text = await source.read(file);
  return text === undefined ? emptyStages(name) : parseStages(text, file, name);
}

/** Stage history from the model's annotated tags (lightweight tags do not count, as in GTO). */
export function historyFromTags(name: string, tags: TagInfo[], versionOfCommit: Map<string, string>): StageEvent[] {
  const events: StageEvent[] = [];
  for (const tag of tags) {
    if (!tag.annotated) continue;
    const event = parseTag(tag.name);
    if (!event || event.name !== name) continue;
    if (event.kind !== 'assign' && event.kind !== 'unassign') continue;
    const meta = parseTagMessage(tag.message);
    events.push({
      stage: event.stage,
      action: event.kind,
      version: meta.version ?? versionOfCommit.get(tag.commit) ?? 'unknown',
      at: tag.date,
      tag: tag.name,
      requestedBy: meta.requestedBy,
      approvedBy: meta.approvedBy,
      pullRequest: meta.pullRequest,
      commit: meta.commit,
    });
  }
  return events.sort((a, b) => counterOf(a.tag) - counterOf(b.tag) || a.at.localeCompare(b.at));
}

function counterOf(tag: string | undefined): number {
  return tag ? (parseTag(tag)?.counter ?? 0) : 0;
}

export async function readModel(repoDir: string, name: string, source = workingTree(repoDir)): Promise<ModelEntry> {
  const [versions, stages, tags] = await Promise.all([
    readVersions(source, name),
    readStages(source, name),
    listTags(repoDir, `${name}[@#]*`),
  ]);
  const versionOfCommit = new Map<string, string>();
  for (const tag of tags) {
    const event = parseTag(tag.name);
    if (tag.annotated && event?.kind === 'register' && event.name === name)
      versionOfCommit.set(tag.commit, event.version);
  }
  const history = historyFromTags(name, tags, versionOfCommit);
  const deregistered = new Set(
    tags
      .map((t) => (t.annotated ? parseTag(t.name) : undefined))
      .filter((e) => e?.kind === 'deregister' && e.name === name)
      .map((e) => (e as { version: string }).version),
  );
  const filled = versions.map((v) => ({
    ...v,
    stages: history.filter((h) => h.version === v.version),
    currentStages: Object.entries(stages.stages)
      .filter(([, holder]) => holder === v.version)
      .map(([stage]) => stage),
    deprecated: stages.deprecated.includes(v.version) || deregistered.has(v.version),
  }));
  return { name, versions: filled, stages, history, tags };
}
