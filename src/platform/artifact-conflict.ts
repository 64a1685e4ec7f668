import { type Location, MlopsError } from '../core/errors.js';

/**
 * The store already holds different content under this name and version. Versions are immutable, so the store
 * refuses. (Registration names artifacts by their digest, so for it this means a corrupted or tampered store.)
 */
export class ArtifactConflict extends MlopsError {
  constructor(label: string, where: Location, expected: string, found: string) {
    super(`Artifact ${label} already exists with different content.`, {
      kind: 'input',
      where,
      expected: `sha256 ${expected}`,
      found: `sha256 ${found}`,
      hint: 'Versions are immutable: register a new version instead of overwriting this one.',
    });
    this.name = 'ArtifactConflict';
  }
}
