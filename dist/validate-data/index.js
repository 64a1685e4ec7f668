import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  validateDataAction
} from "../chunks/chunk-C774JLZV.js";
import "../chunks/chunk-SG4DEFAW.js";
import "../chunks/chunk-OAHJURSF.js";
import "../chunks/chunk-CYF5FZX4.js";
import {
  runAsAction
} from "../chunks/chunk-XTHX7C6R.js";
import "../chunks/chunk-2342GB6D.js";
import "../chunks/chunk-5AAGF42O.js";
import "../chunks/chunk-CAKWGMZF.js";
import "../chunks/chunk-FZ3ZHXNS.js";
import "../chunks/chunk-K5WE2JX7.js";

// mlops-entry:validate-data/index
await runAsAction(validateDataAction);
//# sourceMappingURL=index.js.map
