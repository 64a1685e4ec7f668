import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  closeEngine,
  openDataset
} from "./chunk-CYF5FZX4.js";
import "./chunk-CAKWGMZF.js";
import {
  MlopsError
} from "./chunk-FZ3ZHXNS.js";
import "./chunk-K5WE2JX7.js";

// src/core/train/read-data.ts
import { resolve } from "node:path";
async function readTrainingColumns(source, cwd, label, features) {
  const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? source : resolve(cwd, source);
  const dataset = await openDataset(path);
  try {
    const available = dataset.columns.map((c) => c.name);
    if (!available.includes(label)) {
      throw new MlopsError(`The label column "${label}" does not exist in ${source}.`, {
        kind: "input",
        where: { file: source, field: label },
        expected: `one of the columns: ${available.join(", ")}`,
        found: label,
        hint: "Set model.label in mlops.yaml to the target column, exactly as in the header."
      });
    }
    const wanted = features ?? available.filter((c) => c !== label);
    const missing = wanted.filter((f) => !available.includes(f));
    if (missing.length > 0) {
      throw new MlopsError(`Feature column(s) ${missing.join(", ")} do not exist in ${source}.`, {
        kind: "input",
        where: { file: source, field: missing[0] },
        expected: `columns among: ${available.join(", ")}`,
        hint: "Fix model.features in mlops.yaml."
      });
    }
    const batch = await dataset.readAll([...wanted, label]);
    return { rowCount: batch.rowCount, columns: batch.columns };
  } finally {
    await closeEngine().catch(() => void 0);
  }
}
export {
  readTrainingColumns
};
//# sourceMappingURL=read-data-R7NWDBHV.js.map
