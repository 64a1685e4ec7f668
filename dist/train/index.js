import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  trainAction
} from "../chunks/chunk-FSRS2K43.js";
import "../chunks/chunk-SG4DEFAW.js";
import "../chunks/chunk-YSQLHAHA.js";
import "../chunks/chunk-VBXKJTJT.js";
import "../chunks/chunk-OAHJURSF.js";
import "../chunks/chunk-UUN3K4J7.js";
import {
  runAsAction
} from "../chunks/chunk-XTHX7C6R.js";
import "../chunks/chunk-2342GB6D.js";
import "../chunks/chunk-5AAGF42O.js";
import "../chunks/chunk-CAKWGMZF.js";
import "../chunks/chunk-FZ3ZHXNS.js";
import "../chunks/chunk-K5WE2JX7.js";

// mlops-entry:train/index
await runAsAction(trainAction);
//# sourceMappingURL=index.js.map
