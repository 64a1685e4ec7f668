import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  deployCanaryAction
} from "../chunks/chunk-GKFMNLRI.js";
import "../chunks/chunk-PFRV2C25.js";
import "../chunks/chunk-CZYPQKK5.js";
import "../chunks/chunk-MVLSN2KH.js";
import "../chunks/chunk-WOOHL5DR.js";
import "../chunks/chunk-WQTSM5JF.js";
import {
  runAsAction
} from "../chunks/chunk-4RYZJJBE.js";
import "../chunks/chunk-2342GB6D.js";
import "../chunks/chunk-5AAGF42O.js";
import "../chunks/chunk-PQLAFQWX.js";
import "../chunks/chunk-DAG4XNKM.js";
import "../chunks/chunk-K5WE2JX7.js";

// mlops-entry:deploy-canary/index
await runAsAction(deployCanaryAction);
//# sourceMappingURL=index.js.map
