import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  validateDataAction
} from "../chunks/chunk-PKYYBRF2.js";
import "../chunks/chunk-KNCBC4XP.js";
import "../chunks/chunk-OAHJURSF.js";
import "../chunks/chunk-CEEL4A7N.js";
import {
  runAsAction
} from "../chunks/chunk-4RYZJJBE.js";
import "../chunks/chunk-2342GB6D.js";
import "../chunks/chunk-5AAGF42O.js";
import "../chunks/chunk-PQLAFQWX.js";
import "../chunks/chunk-DAG4XNKM.js";
import "../chunks/chunk-K5WE2JX7.js";

// mlops-entry:validate-data/index
await runAsAction(validateDataAction);
//# sourceMappingURL=index.js.map
