import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  deployCanaryAction
} from "../chunks/chunk-RV7KCZ2A.js";
import "../chunks/chunk-PFRV2C25.js";
import "../chunks/chunk-YFFSKNQQ.js";
import "../chunks/chunk-MVLSN2KH.js";
import "../chunks/chunk-DNQ5UBG6.js";
import "../chunks/chunk-ZFQC2Q7U.js";
import {
  runAsAction
} from "../chunks/chunk-MVMVTLMS.js";
import "../chunks/chunk-2342GB6D.js";
import "../chunks/chunk-5AAGF42O.js";
import "../chunks/chunk-PQLAFQWX.js";
import "../chunks/chunk-DAG4XNKM.js";
import "../chunks/chunk-K5WE2JX7.js";

// mlops-entry:deploy-canary/index
await runAsAction(deployCanaryAction);
//# sourceMappingURL=index.js.map
