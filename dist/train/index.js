import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  trainAction
} from "../chunks/chunk-2XPDU7SP.js";
import "../chunks/chunk-KNCBC4XP.js";
import "../chunks/chunk-SALZ7K2W.js";
import "../chunks/chunk-5VRIW77W.js";
import "../chunks/chunk-OAHJURSF.js";
import "../chunks/chunk-UUN3K4J7.js";
import {
  runAsAction
} from "../chunks/chunk-PGYSHCRK.js";
import "../chunks/chunk-2342GB6D.js";
import "../chunks/chunk-5AAGF42O.js";
import "../chunks/chunk-NAYXPV2K.js";
import "../chunks/chunk-DAG4XNKM.js";
import "../chunks/chunk-K5WE2JX7.js";

// mlops-entry:train/index
await runAsAction(trainAction);
//# sourceMappingURL=index.js.map
