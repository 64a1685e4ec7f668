import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  registerModelAction
} from "../chunks/chunk-P2TJKPLL.js";
import "../chunks/chunk-44M6NA4L.js";
import "../chunks/chunk-SYDJ2QQX.js";
import "../chunks/chunk-AYPZGBDF.js";
import "../chunks/chunk-5VRIW77W.js";
import "../chunks/chunk-ASHLQL4J.js";
import "../chunks/chunk-7X7QBNIK.js";
import "../chunks/chunk-X5DWVPH6.js";
import "../chunks/chunk-UUN3K4J7.js";
import "../chunks/chunk-FYRQNDHD.js";
import {
  runAsAction
} from "../chunks/chunk-XB6EJPF4.js";
import "../chunks/chunk-2342GB6D.js";
import "../chunks/chunk-5AAGF42O.js";
import "../chunks/chunk-PQLAFQWX.js";
import "../chunks/chunk-DAG4XNKM.js";
import "../chunks/chunk-K5WE2JX7.js";

// mlops-entry:register-model/index
await runAsAction(registerModelAction);
//# sourceMappingURL=index.js.map
