/**
 * What the register-model action and the CLI do, on any platform: register a model with its card, post the card
 * on a PR/MR, open a promotion, apply merged stage changes. Everything outside goes through the Platform.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { DirectoryArtifactStore } from '../../platform/local-store.js';
import type { ArtifactStore, Platform } from '../../platform/types.js';
import { buildModelCard } from '../card/build.js';
import type { CardInputs } from '../card/inputs.js';
import { renderCard } from '../card/render.js';
import type { ModelCard } from '../card/schema.js';
import { readCardTemplate } from '../card/template.js';
import type { MlopsConfig } from '../config.js';
import { MlopsError } from '../errors.js';
import type { RegistryConfig } from './config.js';
import { type RegisterResult, registerModel } from './register.js';
import type { ModelVersion } from './schema.js';
import { versionDir } from './schema.js';
import type { Bump } from './semver.js';
import { buildModelVersion, sameTrainingRun } from './version-record.js';

export function artifactStoreFor(
  platform: Platform,
  config: RegistryConfig,
  repoDir: string,
): { store: ArtifactStore; kind: string } {
  if (config.store === 'local') {
    const dir = config.storeDir ?? process.env.MLOPS_ARTIFACT_DIR ?? '.mlops/artifacts';
    return { store: new DirectoryArtifactStore(isAbsolute(dir) ? dir : resolve(repoDir, dir)), kind: 'local' };
  }
  const kind = platform.name === 'github' ? 'github-release' : platform.name === 'gitlab' ? 'gitlab-package' : 'local';
  return { store: platform.artifacts, kind };
}

/** The branch a run is on, for detached checkouts: refs/heads/<b> of the run, else the default branch. */
export function runBranch(platform: Platform): string {
  const ref = platform.context.ref;
  const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : '';
  return branch && branch !== 'HEAD' ? branch : platform.context.defaultBranch;
}

export function modelNameOf(config: MlopsConfig, inputs: CardInputs, given?: string): string {
  const name = given ?? config.model?.name ?? inputs.trainRun?.model.name;
  if (!name) {
    throw new MlopsError('Which model? No model name is configured.', {
      kind: 'config',
      where: { file: 'mlops.yaml', path: 'model.name' },
      hint: 'Set model.name in mlops.yaml.',
    });
  }
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(name)) {
    throw new MlopsError(`Model name "${name}" cannot be used in registry paths and tags.`, {
      kind: 'config',
      expected: 'lower-case letters, digits, ".", "_" and "-", starting with a letter or digit',
      found: name,
    });
  }
  return name;
}

export interface RegisterInput {
  repoDir: string;
  platform: Platform;
  config: MlopsConfig;
  name: string;
  modelFile: string;
  inputs: CardInputs;
  version?: string;
  bump?: Bump;
  /** A reference profile (JSON) to store next to model.json for drift checks. */
  referenceProfile?: string;
}

export interface Registration extends RegisterResult {
  card: ModelCard;
  markdown: string;
}

export async function registerWithCard(input: RegisterInput): Promise<Registration> {
  const { repoDir, platform, config, name, inputs } = input;
  const registry = config.registry;
  const template = await readCardTemplate(resolve(repoDir, registry.cardTemplate));
  const { store, kind } = artifactStoreFor(platform, registry, repoDir);
  let card: ModelCard | undefined;
  let markdown = '';
  const run = inputs.trainRun;
  const _ev = inputs.evaluation;
  const result = await registerModel({
    repoDir,
    name,
    modelFile: input.modelFile,
    store,
    storeKind: kind,
    config: registry,
    ...(input.version ? { version: input.version } : {}),
    ...(input.bump ? { bump: input.bump } : {}),
    ...(run ? { trainRunId: run.runId, sameRun: (v: ModelVersion) => sameTrainingRun(v, run) } : {}),
    fallbackBranch: runBranch(platform),
    ...(platform.context.actor ? { requestedBy: platform.context.actor } : {}),
    log: platform.log,
    async build(ctx) {
      const dir = versionDir(name, ctx.version);
      const now = new Date().toISOString();
      card = buildModelCard(
        {
          name,
          version: ctx.version,
          date: now.slice(0, 10),
          signature: ctx.signature,
          artifact: { sha256: ctx.artifact.sha256, size: ctx.artifact.size, uri: ctx.artifact.uri },
          versioning: ctx.versioning,
          stages: registry.stages,
          path: dir,
        },
        inputs,
        template,
      );
      markdown = renderCard(card, {
        registered: true,
        ...(platform.context.runUrl ? { runUrl: platform.context.runUrl } : {}),
      });
      const modelVersion = buildModelVersion({
        name,
        build: ctx,
        inputs,
        context: platform.context,
        registeredAt: now,
        hasReferenceProfile: Boolean(input.referenceProfile),
      });
      const files: Record<string, string> = {
        [`${dir}/model.json`]: `${JSON.stringify(modelVersion, null, 2)}\n`,
        [`${dir}/card.md`]: `${markdown}\n`,
        [`${dir}/card.json`]: `${JSON.stringify(card, null, 2)}\n`,
      };
      if (input.referenceProfile) files[`${dir}/reference-profile.json`] = input.referenceProfile;
      return { modelVersion, files };
    },
  });
  if (!card) {
    // An existing registration: its card is in the registry.
    const dir = join(repoDir, versionDir(name, result.version.version));
    try {
      card = JSON.parse(await readFile(join(dir, 'card.json'), 'utf8')) as ModelCard;
      markdown = await readFile(join(dir, 'card.md'), 'utf8');
    } catch {
      card = buildModelCard(
        {
          name,
          version: result.version.version,
          date: result.version.registeredAt.slice(0, 10),
          stages: registry.stages,
        },
        inputs,
        template,
      );
      markdown = renderCard(card, { registered: true });
    }
  }
  return { ...result, card, markdown };
}

/** The card of a PR's candidate model, for the comment. */
export async function candidateCard(
  repoDir: string,
  config: MlopsConfig,
  name: string,
  inputs: CardInputs,
  label: string,
  runUrl?: string,
): Promise<{ card: ModelCard; markdown: string }> {
  const template = await readCardTemplate(resolve(repoDir, config.registry.cardTemplate));
  const card = buildModelCard(
    {
      name,
      version: label,
      date: new Date().toISOString().slice(0, 10),
      stages: config.registry.stages,
      ...(inputs.trainRun?.artifact
        ? { artifact: { sha256: inputs.trainRun.artifact.sha256, size: inputs.trainRun.artifact.bytes ?? 0 } }
        : {}),
    },
    inputs,
    template,
  );
  return { card, markdown: renderCard(card, { registered: false, ...(runUrl ? { runUrl } : {}) }) };
}

export function cardMarker(name: string): string {
  return `model-card:${name}`;
}
