import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  registerModelAction
} from "../chunks/chunk-Z3EBOGIA.js";
import "../chunks/chunk-6Y55IDYU.js";
import "../chunks/chunk-ICSX457H.js";
import "../chunks/chunk-A336SOV5.js";
import "../chunks/chunk-COZSOVSG.js";
import "../chunks/chunk-5VRIW77W.js";
import "../chunks/chunk-CZYPQKK5.js";
import "../chunks/chunk-7X7QBNIK.js";
import "../chunks/chunk-CEEL4A7N.js";
import "../chunks/chunk-UUN3K4J7.js";
import "../chunks/chunk-WQTSM5JF.js";
import {
  runAsAction
} from "../chunks/chunk-4RYZJJBE.js";
import "../chunks/chunk-2342GB6D.js";
import "../chunks/chunk-5AAGF42O.js";
import "../chunks/chunk-PQLAFQWX.js";
import "../chunks/chunk-DAG4XNKM.js";
import "../chunks/chunk-K5WE2JX7.js";

// mlops-entry:register-model/index
await runAsAction(registerModelAction);
//# sourceMappingURL=index.js.map
