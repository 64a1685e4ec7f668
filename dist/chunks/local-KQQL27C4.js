import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  LocalPlatform,
  localContext
} from "./chunk-43WKQGB6.js";
import "./chunk-X7JRXTFW.js";
import "./chunk-3APLJJSX.js";
import "./chunk-AYPZGBDF.js";
import "./chunk-5AAGF42O.js";
import "./chunk-DAG4XNKM.js";
import "./chunk-K5WE2JX7.js";
export {
  LocalPlatform,
  localContext
};
//# sourceMappingURL=local-KQQL27C4.js.map
