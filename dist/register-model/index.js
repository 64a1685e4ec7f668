import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  registerModelAction
} from "../chunks/chunk-5PRJQHIO.js";
import "../chunks/chunk-SALZ7K2W.js";
import "../chunks/chunk-T6PXH6IZ.js";
import "../chunks/chunk-A336SOV5.js";
import "../chunks/chunk-COZSOVSG.js";
import "../chunks/chunk-5VRIW77W.js";
import "../chunks/chunk-LYTEO7J6.js";
import "../chunks/chunk-7X7QBNIK.js";
import "../chunks/chunk-RZZFWG2F.js";
import "../chunks/chunk-UUN3K4J7.js";
import "../chunks/chunk-GSQJL4YA.js";
import {
  runAsAction
} from "../chunks/chunk-PGYSHCRK.js";
import "../chunks/chunk-2342GB6D.js";
import "../chunks/chunk-5AAGF42O.js";
import "../chunks/chunk-NAYXPV2K.js";
import "../chunks/chunk-DAG4XNKM.js";
import "../chunks/chunk-K5WE2JX7.js";

// mlops-entry:register-model/index
await runAsAction(registerModelAction);
//# sourceMappingURL=index.js.map
