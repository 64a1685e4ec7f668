import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  driftCheckAction
} from "../chunks/chunk-VFVP7CB3.js";
import "../chunks/chunk-CJI7CXOH.js";
import "../chunks/chunk-OAHJURSF.js";
import "../chunks/chunk-NNBLWD6U.js";
import "../chunks/chunk-CYF5FZX4.js";
import "../chunks/chunk-UUN3K4J7.js";
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

// mlops-entry:drift-check/index
await runAsAction(driftCheckAction);
//# sourceMappingURL=index.js.map
