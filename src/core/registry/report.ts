/**
 * The registry's public surface for other areas: the ModelVersion report schema, resolving references
 * (penguins@v1.2.0, penguins#production, penguins:latest) and fetching a version's verified artifact.
 */
export { fetchModelArtifact } from './fetch.js';
export { type ModelRef, parseModelRef, type ResolvedModel, resolveModelRef } from './resolve.js';
export {
  type ModelSignature,
  type ModelVersion,
  modelSignature,
  modelVersion,
  REGISTRY_DIR,
  type StageEvent,
  stageEvent,
  stagesFile,
  versionDir,
} from './schema.js';
