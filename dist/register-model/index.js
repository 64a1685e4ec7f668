import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  registerModelAction
} from "../chunks/chunk-P7LEK2I6.js";
import "../chunks/chunk-YSQLHAHA.js";
import "../chunks/chunk-BV7X4BMN.js";
import "../chunks/chunk-ZJTTXSAO.js";
import "../chunks/chunk-JIVY64QC.js";
import "../chunks/chunk-VBXKJTJT.js";
import "../chunks/chunk-7RY4YAIK.js";
import "../chunks/chunk-NNBLWD6U.js";
import "../chunks/chunk-CYF5FZX4.js";
import "../chunks/chunk-UUN3K4J7.js";
import "../chunks/chunk-RHXVXVBD.js";
import {
  runAsAction
} from "../chunks/chunk-XTHX7C6R.js";
import "../chunks/chunk-2342GB6D.js";
import "../chunks/chunk-5AAGF42O.js";
import "../chunks/chunk-CAKWGMZF.js";
import "../chunks/chunk-FZ3ZHXNS.js";
import "../chunks/chunk-K5WE2JX7.js";

// mlops-entry:register-model/index
await runAsAction(registerModelAction);
//# sourceMappingURL=index.js.map
