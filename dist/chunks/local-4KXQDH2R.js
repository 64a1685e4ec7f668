import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  LocalPlatform,
  localContext
} from "./chunk-D7RISJXR.js";
import "./chunk-X7JRXTFW.js";
import "./chunk-UCG3M2CV.js";
import "./chunk-A336SOV5.js";
import "./chunk-COZSOVSG.js";
import "./chunk-5AAGF42O.js";
import "./chunk-DAG4XNKM.js";
import "./chunk-K5WE2JX7.js";
export {
  LocalPlatform,
  localContext
};
//# sourceMappingURL=local-4KXQDH2R.js.map
