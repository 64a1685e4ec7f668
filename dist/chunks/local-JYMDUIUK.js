import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  LocalPlatform,
  localContext
} from "./chunk-3DCEMXIC.js";
import "./chunk-X7JRXTFW.js";
import "./chunk-SMMUT3IG.js";
import "./chunk-A336SOV5.js";
import "./chunk-COZSOVSG.js";
import "./chunk-5AAGF42O.js";
import "./chunk-DAG4XNKM.js";
import "./chunk-K5WE2JX7.js";
export {
  LocalPlatform,
  localContext
};
//# sourceMappingURL=local-JYMDUIUK.js.map
