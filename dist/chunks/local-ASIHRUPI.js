import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  LocalPlatform,
  localContext
} from "./chunk-WI7M3RDT.js";
import "./chunk-OM5PWGRV.js";
import "./chunk-UCG3M2CV.js";
import "./chunk-ZJTTXSAO.js";
import "./chunk-JIVY64QC.js";
import "./chunk-5AAGF42O.js";
import "./chunk-FZ3ZHXNS.js";
import "./chunk-K5WE2JX7.js";
export {
  LocalPlatform,
  localContext
};
//# sourceMappingURL=local-ASIHRUPI.js.map
