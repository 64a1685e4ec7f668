import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  driftCheckAction
} from "../chunks/chunk-VXX5VDBM.js";
import "../chunks/chunk-RSYVPIIX.js";
import "../chunks/chunk-OAHJURSF.js";
import "../chunks/chunk-7X7QBNIK.js";
import "../chunks/chunk-RZZFWG2F.js";
import "../chunks/chunk-UUN3K4J7.js";
import "../chunks/chunk-MVLSN2KH.js";
import "../chunks/chunk-P73I7766.js";
import "../chunks/chunk-GSQJL4YA.js";
import {
  runAsAction
} from "../chunks/chunk-PGYSHCRK.js";
import "../chunks/chunk-2342GB6D.js";
import "../chunks/chunk-5AAGF42O.js";
import "../chunks/chunk-NAYXPV2K.js";
import "../chunks/chunk-DAG4XNKM.js";
import "../chunks/chunk-K5WE2JX7.js";

// mlops-entry:drift-check/index
await runAsAction(driftCheckAction);
//# sourceMappingURL=index.js.map
