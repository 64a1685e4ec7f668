import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  driftCheckAction
} from "../chunks/chunk-PMTGZYUB.js";
import "../chunks/chunk-Y65YRI6F.js";
import "../chunks/chunk-OAHJURSF.js";
import "../chunks/chunk-7X7QBNIK.js";
import "../chunks/chunk-CEEL4A7N.js";
import "../chunks/chunk-UUN3K4J7.js";
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

// mlops-entry:drift-check/index
await runAsAction(driftCheckAction);
//# sourceMappingURL=index.js.map
