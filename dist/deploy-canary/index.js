import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  deployCanaryAction
} from "../chunks/chunk-56NBFPQO.js";
import "../chunks/chunk-PFRV2C25.js";
import "../chunks/chunk-7RY4YAIK.js";
import "../chunks/chunk-MVLSN2KH.js";
import "../chunks/chunk-UYFNVHA4.js";
import "../chunks/chunk-RHXVXVBD.js";
import {
  runAsAction
} from "../chunks/chunk-XTHX7C6R.js";
import "../chunks/chunk-2342GB6D.js";
import "../chunks/chunk-5AAGF42O.js";
import "../chunks/chunk-CAKWGMZF.js";
import "../chunks/chunk-FZ3ZHXNS.js";
import "../chunks/chunk-K5WE2JX7.js";

// mlops-entry:deploy-canary/index
await runAsAction(deployCanaryAction);
//# sourceMappingURL=index.js.map
