import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);

// src/platform/types.ts
function hiddenMarker(marker) {
  return `<!-- mlops-actions:v1:${marker} -->`;
}

export {
  hiddenMarker
};
//# sourceMappingURL=chunk-UCG3M2CV.js.map
