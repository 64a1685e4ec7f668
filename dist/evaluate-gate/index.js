import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  evaluateGateAction
} from "../chunks/chunk-UUWL62HD.js";
import "../chunks/chunk-BV7X4BMN.js";
import "../chunks/chunk-ZJTTXSAO.js";
import "../chunks/chunk-JIVY64QC.js";
import "../chunks/chunk-VBXKJTJT.js";
import "../chunks/chunk-PFRV2C25.js";
import "../chunks/chunk-7RY4YAIK.js";
import "../chunks/chunk-CJI7CXOH.js";
import "../chunks/chunk-OAHJURSF.js";
import "../chunks/chunk-CYF5FZX4.js";
import "../chunks/chunk-UUN3K4J7.js";
import "../chunks/chunk-UYFNVHA4.js";
import "../chunks/chunk-RHXVXVBD.js";
import {
  runAsAction
} from "../chunks/chunk-XTHX7C6R.js";
import "../chunks/chunk-2342GB6D.js";
import "../chunks/chunk-5AAGF42O.js";
import "../chunks/chunk-CAKWGMZF.js";
import "../chunks/chunk-FZ3ZHXNS.js";
import "../chunks/chunk-GMQP4BWT.js";
import "../chunks/chunk-K5WE2JX7.js";

// mlops-entry:evaluate-gate/index
await runAsAction(evaluateGateAction);
//# sourceMappingURL=index.js.map
