import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  validateDataAction
} from "../chunks/chunk-UYLUNW72.js";
import "../chunks/chunk-KNCBC4XP.js";
import "../chunks/chunk-OAHJURSF.js";
import "../chunks/chunk-RZZFWG2F.js";
import {
  runAsAction
} from "../chunks/chunk-PGYSHCRK.js";
import "../chunks/chunk-2342GB6D.js";
import "../chunks/chunk-5AAGF42O.js";
import "../chunks/chunk-NAYXPV2K.js";
import "../chunks/chunk-DAG4XNKM.js";
import "../chunks/chunk-K5WE2JX7.js";

// mlops-entry:validate-data/index
await runAsAction(validateDataAction);
//# sourceMappingURL=index.js.map
