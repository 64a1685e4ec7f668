import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);

// src/core/display-source.ts
function displaySource(source) {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return source;
  let url;
  try {
    url = new URL(source);
  } catch {
    return source.replace(/[?#].*$/, "");
  }
  const hidden = url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "";
  url.username = "";
  url.password = "";
  url.search = "";
  url.hash = "";
  return hidden ? `${url.toString()}?\u2026` : url.toString();
}

export {
  displaySource
};
//# sourceMappingURL=chunk-OAHJURSF.js.map
