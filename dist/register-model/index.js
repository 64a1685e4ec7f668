import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  registerModelAction
} from "../chunks/chunk-JIBCKQKI.js";
import "../chunks/chunk-F4OPQWAQ.js";
import "../chunks/chunk-GAMZQVDG.js";
import "../chunks/chunk-A336SOV5.js";
import "../chunks/chunk-COZSOVSG.js";
import "../chunks/chunk-5VRIW77W.js";
import "../chunks/chunk-YFFSKNQQ.js";
import "../chunks/chunk-7X7QBNIK.js";
import "../chunks/chunk-X5DWVPH6.js";
import "../chunks/chunk-UUN3K4J7.js";
import "../chunks/chunk-ZFQC2Q7U.js";
import {
  runAsAction
} from "../chunks/chunk-MVMVTLMS.js";
import "../chunks/chunk-2342GB6D.js";
import "../chunks/chunk-5AAGF42O.js";
import "../chunks/chunk-PQLAFQWX.js";
import "../chunks/chunk-DAG4XNKM.js";
import "../chunks/chunk-K5WE2JX7.js";

// mlops-entry:register-model/index
await runAsAction(registerModelAction);
//# sourceMappingURL=index.js.map
