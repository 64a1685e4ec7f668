import { type Location, MlopsError } from '../core/errors.js';

/**
 * The store already holds different content under this version. Versions are immutable, so the store refuses;
 * registration takes it as another job having claimed the version number first and moves on to the next one.
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
