import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  MlopsError
} from "./chunk-FZ3ZHXNS.js";

// src/platform/artifact-conflict.ts
var ArtifactConflict = class extends MlopsError {
  constructor(label, where, expected, found) {
    super(`Artifact ${label} already exists with different content.`, {
      kind: "input",
      where,
      expected: `sha256 ${expected}`,
      found: `sha256 ${found}`,
      hint: "Versions are immutable: register a new version instead of overwriting this one."
    });
    this.name = "ArtifactConflict";
  }
};

export {
  ArtifactConflict
};
//# sourceMappingURL=chunk-JIVY64QC.js.map
