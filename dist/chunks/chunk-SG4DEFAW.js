import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  MlopsError
} from "./chunk-FZ3ZHXNS.js";

// src/core/data/fingerprint.ts
import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
var GLOB_CHARS = /[*?[\]{}]/;
var SKIPPED_DIRS = /* @__PURE__ */ new Set([".git", "node_modules", "__pycache__", ".mlops"]);
async function hashFile(path) {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest("hex"), bytes };
}
async function walk(dir, base, out) {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) await walk(full, base, out);
    } else if (entry.isFile()) {
      out.push(relative(base, full).split(sep).join("/"));
    }
  }
}
function globToRegExp(glob) {
  let re = "";
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === "*") {
      if (glob[i + 1] === "*") {
        const slash = glob[i + 2] === "/";
        re += slash ? "(?:.*/)?" : ".*";
        i += slash ? 2 : 1;
      } else {
        re += "[^/]*";
      }
    } else if (ch === "?") re += "[^/]";
    else if (ch === "{") {
      braces++;
      re += "(?:";
    } else if (ch === "}" && braces > 0) {
      braces--;
      re += ")";
    } else if (ch === "," && braces > 0) re += "|";
    else if (ch === "[") {
      const end = glob.indexOf("]", i);
      if (end < 0) re += "\\[";
      else {
        re += `[${glob.slice(i + 1, end).replace(/^!/, "^")}]`;
        i = end;
      }
    } else re += ch.replace(/[.+^$()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
function combine(source, files) {
  files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const hash = createHash("sha256");
  let bytes = 0;
  for (const f of files) {
    hash.update(`${f.path}	${f.bytes}	${f.sha256}
`);
    bytes += f.bytes;
  }
  return { source, sha256: hash.digest("hex"), bytes, files };
}
async function hashList(source, base, relPaths) {
  const files = [];
  for (const rel of relPaths) {
    const { sha256, bytes } = await hashFile(join(base, rel));
    files.push({ path: rel, bytes, sha256 });
  }
  return combine(source, files);
}
async function fingerprintUrl(source) {
  let response;
  try {
    response = await fetch(source);
  } catch (error) {
    throw new MlopsError(`Cannot download ${source} to fingerprint it: ${error.message}`, {
      kind: "input",
      hint: "Check the URL and that the runner can reach it."
    });
  }
  if (!response.ok || !response.body) {
    throw new MlopsError(`Cannot download ${source} to fingerprint it: HTTP ${response.status}.`, { kind: "input" });
  }
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of response.body) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  const sha256 = hash.digest("hex");
  return { source, sha256, bytes, files: [{ path: source, bytes, sha256 }] };
}
async function fingerprintInput(source, cwd) {
  if (/^https?:\/\//i.test(source)) return fingerprintUrl(source);
  const full = isAbsolute(source) ? source : resolve(cwd, source);
  if (existsSync(full)) {
    const info = await stat(full);
    if (info.isFile()) {
      const { sha256, bytes } = await hashFile(full);
      return { source, sha256, bytes, files: [{ path: source, bytes, sha256 }] };
    }
    const rel = [];
    await walk(full, full, rel);
    return hashList(source, full, rel);
  }
  if (!GLOB_CHARS.test(source)) {
    throw new MlopsError(`Input ${source} does not exist.`, {
      kind: "input",
      where: { file: source },
      hint: "Check the path (it is relative to working-directory) or run the step that produces it first."
    });
  }
  const parts = source.split("/");
  const fixed = [];
  for (const part of parts) {
    if (GLOB_CHARS.test(part)) break;
    fixed.push(part);
  }
  const baseRel = fixed.join("/");
  const base = isAbsolute(source) ? baseRel || "/" : resolve(cwd, baseRel || ".");
  const pattern = globToRegExp(parts.slice(fixed.length).join("/"));
  const all = [];
  if (existsSync(base)) await walk(base, base, all);
  const matched = all.filter((p) => pattern.test(p));
  if (matched.length === 0) {
    throw new MlopsError(`The pattern ${source} matches no files.`, {
      kind: "input",
      where: { file: source },
      hint: "Check the glob (relative to working-directory); quote it in YAML if it starts with *."
    });
  }
  return hashList(source, base, matched);
}

export {
  fingerprintInput
};
//# sourceMappingURL=chunk-SG4DEFAW.js.map
