import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  deployCanaryAction
} from "../chunks/chunk-76C6CZYX.js";
import "../chunks/chunk-PFRV2C25.js";
import "../chunks/chunk-LYTEO7J6.js";
import "../chunks/chunk-MVLSN2KH.js";
import "../chunks/chunk-P73I7766.js";
import "../chunks/chunk-GSQJL4YA.js";
import {
  runAsAction
} from "../chunks/chunk-PGYSHCRK.js";
import "../chunks/chunk-2342GB6D.js";
import "../chunks/chunk-5AAGF42O.js";
import "../chunks/chunk-NAYXPV2K.js";
import "../chunks/chunk-DAG4XNKM.js";
import "../chunks/chunk-K5WE2JX7.js";

// mlops-entry:deploy-canary/index
await runAsAction(deployCanaryAction);
//# sourceMappingURL=index.js.map
