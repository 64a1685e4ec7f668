import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  require_protobufjs
} from "./chunk-UUN3K4J7.js";
import {
  loadNative
} from "./chunk-CAKWGMZF.js";
import {
  MlopsError
} from "./chunk-FZ3ZHXNS.js";
import {
  __toESM
} from "./chunk-K5WE2JX7.js";

// src/core/model/session.ts
var import_protobufjs = __toESM(require_protobufjs(), 1);
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
var decoder = new TextDecoder();
function readEntry(bytes) {
  const r = import_protobufjs.default.Reader.create(bytes);
  let key = "";
  let value = "";
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag >>> 3 === 1 && (tag & 7) === 2) key = decoder.decode(r.bytes());
    else if (tag >>> 3 === 2 && (tag & 7) === 2) value = decoder.decode(r.bytes());
    else r.skipType(tag & 7);
  }
  return [key, value];
}
function readMetadataProps(bytes) {
  const out = {};
  const r = import_protobufjs.default.Reader.create(bytes);
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag >>> 3 === 14 && (tag & 7) === 2) {
      const [k, v] = readEntry(r.bytes());
      out[k] = v;
    } else {
      r.skipType(tag & 7);
    }
  }
  return out;
}
function signatures(meta) {
  return meta.map(
    (m) => m.isTensor ? { name: m.name, type: m.type, shape: [...m.shape].map((d) => typeof d === "number" ? d : String(d)) } : { name: m.name, type: "non-tensor", shape: [] }
  );
}
function describeSignature(s) {
  return `${s.name} (${s.type} [${s.shape.map((d) => d === -1 ? "?" : String(d)).join(", ")}])`;
}
async function loadModel(path, options = {}) {
  let bytes;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new MlopsError(`Cannot read the model file ${path}: ${error.message}`, {
      kind: "input",
      where: { file: path },
      hint: "Check the path (relative to working-directory) and that the training step produced the file."
    });
  }
  const ort = await loadNative("onnxruntime-node");
  let session;
  let metadata;
  try {
    metadata = readMetadataProps(bytes);
    session = await ort.InferenceSession.create(bytes, {
      executionProviders: ["cpu"],
      graphOptimizationLevel: "all",
      ...options.threads ? { intraOpNumThreads: options.threads } : {}
    });
  } catch (error) {
    const detail = error.message.split("\n")[0] ?? "";
    throw new MlopsError(`${path} is not a loadable ONNX model: ${detail}`, {
      kind: "input",
      where: { file: path },
      expected: "an ONNX model file (a serialized onnx.ModelProto)",
      found: `${bytes.length} bytes starting with ${JSON.stringify(bytes.subarray(0, 16).toString("latin1"))}`,
      hint: "Export the model to ONNX (torch.onnx.export, skl2onnx, tf2onnx) or use the model written by the train action."
    });
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const { size } = await stat(path);
  return {
    path,
    sizeBytes: size,
    sha256,
    inputs: signatures(session.inputMetadata),
    outputs: signatures(session.outputMetadata),
    metadata,
    session,
    run: (feeds, fetches) => fetches ? session.run(feeds, fetches) : session.run(feeds),
    release: () => session.release()
  };
}
function metadataList(metadata, key) {
  const text = metadata[key];
  if (!text) return void 0;
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : void 0;
  } catch {
    return void 0;
  }
}

// src/core/model/inference.ts
var NUMERIC_INPUT_TYPES = /* @__PURE__ */ new Set(["float32", "float64", "int64", "int32", "float16", "bool"]);
var NUMERIC_COLUMN_TYPES = /* @__PURE__ */ new Set(["integer", "number", "boolean"]);
function listing(model, columns) {
  return `model inputs: ${model.inputs.map(describeSignature).join(", ") || "(none)"}; data columns: ${columns.map((c) => `${c.name} (${c.type})`).join(", ") || "(none)"}`;
}
function mismatch(message, model, columns, hint) {
  return new MlopsError(message, {
    kind: "input",
    where: { file: model.path },
    expected: model.inputs.map(describeSignature).join(", "),
    found: listing(model, columns),
    hint
  });
}
function planInputs(model, columns, options) {
  const byName = new Map(columns.map((c) => [c.name, c]));
  if (model.inputs.length === 0) throw mismatch("The model has no inputs.", model, columns, "Re-export the model.");
  const allColumns = model.inputs.every((i) => byName.has(i.name));
  if (allColumns) {
    const inputs = model.inputs.map((input) => {
      const column = byName.get(input.name);
      if (input.type === "non-tensor") {
        throw mismatch(`Model input "${input.name}" is not a tensor.`, model, columns, "Feed tensors only.");
      }
      if (NUMERIC_INPUT_TYPES.has(input.type) && !NUMERIC_COLUMN_TYPES.has(column.type)) {
        throw mismatch(
          `Model input "${input.name}" expects ${input.type} but data column "${column.name}" is ${column.type} (${column.engineType}).`,
          model,
          columns,
          "Fix the column in the data (or its schema), or export the model with a string input for it."
        );
      }
      const rank = input.shape.length;
      const batchOnly = rank === 1 || rank === 2 && (input.shape[1] === 1 || typeof input.shape[1] === "string");
      if (!batchOnly && rank !== 0) {
        throw mismatch(
          `Model input "${input.name}" has shape [${input.shape.join(", ")}]; one column fills [N] or [N, 1].`,
          model,
          columns,
          "Export the model with one [N, 1] input per column, or one [N, F] float input for all features."
        );
      }
      return { name: input.name, column: column.name, type: input.type, rank: rank === 0 ? 2 : rank };
    });
    return { kind: "per-column", inputs };
  }
  const single = model.inputs.length === 1 ? model.inputs[0] : void 0;
  if (single && NUMERIC_INPUT_TYPES.has(single.type) && single.shape.length === 2) {
    const features = options.features ?? metadataList(model.metadata, "mlops.features") ?? columns.filter((c) => c.name !== options.label && NUMERIC_COLUMN_TYPES.has(c.type)).map((c) => c.name);
    const missing2 = features.filter((f) => !byName.has(f));
    if (missing2.length > 0) {
      throw mismatch(
        `Feature column${missing2.length > 1 ? "s" : ""} ${missing2.map((m) => `"${m}"`).join(", ")} missing from the data.`,
        model,
        columns,
        "Add the columns to the evaluation data, or list the model features in mlops.yaml model.features."
      );
    }
    const nonNumeric = features.filter((f) => !NUMERIC_COLUMN_TYPES.has(byName.get(f).type));
    if (nonNumeric.length > 0) {
      throw mismatch(
        `Model input "${single.name}" is a ${single.type} matrix but feature column${nonNumeric.length > 1 ? "s" : ""} ${nonNumeric.map((m) => `"${m}"`).join(", ")} ${nonNumeric.length > 1 ? "are" : "is"} not numeric.`,
        model,
        columns,
        "Encode those columns before evaluation, or export the model with one input per column."
      );
    }
    const width = single.shape[1];
    if (typeof width === "number" && width > 0 && width !== features.length) {
      throw mismatch(
        `Model input "${single.name}" takes ${width} features per row, but ${features.length} feature columns were selected (${features.join(", ")}).`,
        model,
        columns,
        "List exactly the model features, in training order, in mlops.yaml model.features (or mlops.features metadata)."
      );
    }
    return { kind: "feature-matrix", input: single.name, type: single.type, features };
  }
  const missing = model.inputs.filter((i) => !byName.has(i.name)).map((i) => `"${i.name}"`);
  throw mismatch(
    `The data has no column for model input${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`,
    model,
    columns,
    "Rename the data columns to the model input names, or export a model with one [N, F] float input."
  );
}
function isFloatOutput(s) {
  return s.type === "float32" || s.type === "float64";
}
function planOutputs(model, options) {
  const metaTask = model.metadata["mlops.task"];
  const task = options.task ?? (metaTask === "binary" || metaTask === "multiclass" || metaTask === "regression" ? metaTask : void 0);
  const named = (n) => model.outputs.find((o) => o.name === n);
  const tensors = model.outputs.filter((o) => o.type !== "non-tensor");
  const knownClasses = metadataList(model.metadata, "mlops.classes") ?? options.classes;
  const looksLikeClassifier = !named("prediction") && (knownClasses !== void 0 || Boolean(named("probabilities") || named("label") || named("logits")) || tensors.some((o) => o.type === "string"));
  const resolvedTask = task ?? (looksLikeClassifier ? "multiclass" : "regression");
  if (resolvedTask === "regression") {
    const prediction = named("prediction") ?? (tensors.length === 1 && isFloatOutput(tensors[0]) ? tensors[0] : void 0);
    if (!prediction) {
      throw new MlopsError("Cannot find the regression output of the model.", {
        kind: "input",
        where: { file: model.path },
        expected: 'an output named "prediction" ([N, 1] float), or a single float output',
        found: model.outputs.map(describeSignature).join(", "),
        hint: 'Name the model output "prediction" when exporting it.'
      });
    }
    return { task: "regression", classes: [], prediction: prediction.name };
  }
  const classes = knownClasses;
  if (!classes || classes.length < 2) {
    throw new MlopsError("The classifier does not say which classes its outputs stand for.", {
      kind: "config",
      where: { file: model.path },
      expected: 'metadata_props "mlops.classes" in the model, or model.classes in mlops.yaml',
      found: classes ? JSON.stringify(classes) : "neither",
      hint: "Add `classes: [...]` under `model:` in mlops.yaml, in the order of the probability columns."
    });
  }
  const label = named("label") ?? tensors.find((o) => o.type === "string" || o.type === "int64");
  const probabilities = named("probabilities") ?? named("logits") ?? tensors.find((o) => isFloatOutput(o) && o.name !== label?.name && o.name !== "prediction");
  if (!label && !probabilities) {
    throw new MlopsError("Cannot find the classifier outputs of the model.", {
      kind: "input",
      where: { file: model.path },
      expected: 'outputs "label" ([N] string) and/or "probabilities" ([N, C] float), or one float output of scores',
      found: model.outputs.map(describeSignature).join(", "),
      hint: 'skl2onnx: export with options={"zipmap": False}; PyTorch: return the logits tensor.'
    });
  }
  return {
    task: classes.length === 2 ? "binary" : "multiclass",
    classes,
    label: label?.name,
    probabilities: probabilities?.name
  };
}
function planInference(model, columns, options = {}) {
  const inputs = planInputs(model, columns, options);
  const outputs = planOutputs(model, options);
  const used = inputs.kind === "per-column" ? inputs.inputs.map((i) => i.column) : inputs.features;
  return { inputs, outputs, columns: used };
}
function numericTensor(ort, type, values, dims) {
  switch (type) {
    case "float64":
      return new ort.Tensor("float64", values, dims);
    case "int64":
      return new ort.Tensor("int64", BigInt64Array.from(values, BigInt), dims);
    case "int32":
      return new ort.Tensor("int32", Int32Array.from(values), dims);
    case "bool":
      return new ort.Tensor("bool", Uint8Array.from(values), dims);
    default:
      return new ort.Tensor("float32", new Float32Array(values), dims);
  }
}
var EXACT_INPUT_TYPES = /* @__PURE__ */ new Set(["int64", "int32", "bool"]);
function assertExactValues(values, type, column, input, firstRow) {
  const limit = type === "int32" ? 2147483647 : type === "bool" ? 1 : Number.MAX_SAFE_INTEGER;
  const lowest = type === "bool" ? 0 : -limit;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isInteger(v) && v >= lowest && v <= limit) continue;
    const expected = type === "bool" ? "true/false or 1/0" : `a whole number${type === "int32" ? " within the int32 range" : ""}`;
    const found = Number.isNaN(v) ? "a missing value" : String(v);
    throw new MlopsError(
      `Row ${firstRow + i}, column "${column}": ${found} cannot go into the model's ${type} input "${input}".`,
      {
        kind: "input",
        where: { row: firstRow + i, field: column },
        expected,
        found,
        hint: "Fill or drop missing values before this step, or export the model with a float input for this feature."
      }
    );
  }
}
function asNumbers(values) {
  if (values instanceof Float64Array) return values;
  return Float64Array.from(
    values,
    (v) => v === null || v.trim() === "" ? Number.NaN : v === "true" ? 1 : v === "false" ? 0 : Number(v)
  );
}
function asStrings(values) {
  if (values instanceof Float64Array) return Array.from(values, (v) => Number.isNaN(v) ? "" : String(v));
  return values.map((v) => v ?? "");
}
var MatrixBuffers = class {
  free = [];
  lent = /* @__PURE__ */ new WeakSet();
  take(length) {
    const index = this.free.findIndex((b) => b.length >= length);
    const buffer = index < 0 ? new Float32Array(length) : this.free.splice(index, 1)[0];
    this.lent.add(buffer.buffer);
    return buffer.length === length ? buffer : buffer.subarray(0, length);
  }
  /** Hands back the buffers of these feeds that came from take(); the feeds must not be used after. */
  give(feeds) {
    for (const tensor of Object.values(feeds)) {
      const data = tensor.data;
      if (!(data instanceof Float32Array) || !this.lent.has(data.buffer)) continue;
      this.lent.delete(data.buffer);
      this.free.push(new Float32Array(data.buffer, 0, data.buffer.byteLength / 4));
    }
  }
};
function feedsFor(ort, plan, batch, buffers) {
  const n = batch.rowCount;
  const feeds = {};
  if (plan.inputs.kind === "per-column") {
    for (const input2 of plan.inputs.inputs) {
      const values = batch.columns[input2.column];
      const dims = input2.rank === 1 ? [n] : [n, 1];
      if (input2.type === "string") {
        feeds[input2.name] = new ort.Tensor("string", asStrings(values), dims);
        continue;
      }
      const numbers = asNumbers(values);
      if (EXACT_INPUT_TYPES.has(input2.type)) {
        assertExactValues(numbers, input2.type, input2.column, input2.name, batch.firstRow);
      }
      feeds[input2.name] = numericTensor(ort, input2.type, numbers, dims);
    }
    return feeds;
  }
  const { features, input, type } = plan.inputs;
  const F = features.length;
  const columns = features.map((f) => asNumbers(batch.columns[f]));
  if (type === "float32") {
    const matrix = buffers?.take(n * F) ?? new Float32Array(n * F);
    feeds[input] = new ort.Tensor("float32", fillFloat32Matrix(columns, n, matrix), [n, F]);
  } else {
    if (EXACT_INPUT_TYPES.has(type)) {
      columns.forEach((values, j) => {
        assertExactValues(values, type, features[j], input, batch.firstRow);
      });
    }
    feeds[input] = numericTensor(ort, type, fillFloat64Matrix(columns, n), [n, F]);
  }
  return feeds;
}
function fillFloat32Matrix(columns, n, matrix) {
  const F = columns.length;
  let j = 0;
  for (; j + 4 <= F; j += 4) {
    const a = columns[j];
    const b = columns[j + 1];
    const c = columns[j + 2];
    const d = columns[j + 3];
    for (let i = 0, at = j; i < n; i++, at += F) {
      matrix[at] = a[i];
      matrix[at + 1] = b[i];
      matrix[at + 2] = c[i];
      matrix[at + 3] = d[i];
    }
  }
  for (; j < F; j++) {
    const col = columns[j];
    for (let i = 0, at = j; i < n; i++, at += F) matrix[at] = col[i];
  }
  return matrix;
}
function fillFloat64Matrix(columns, n) {
  const F = columns.length;
  const matrix = new Float64Array(n * F);
  for (let j = 0; j < F; j++) {
    const col = columns[j];
    for (let i = 0, at = j; i < n; i++, at += F) matrix[at] = col[i];
  }
  return matrix;
}
function toFloat64(t) {
  const data = t.data;
  if (data instanceof Float64Array) return data;
  return data instanceof Float32Array ? new Float64Array(data) : Float64Array.from(data);
}
function readScoreMatrix(data, n, C, finite, argmax) {
  const out = new Float64Array(n * C);
  let isDistribution = true;
  for (let i = 0; i < n; i++) {
    const base = i * C;
    let sum = 0;
    let best = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    let rowFinite = true;
    for (let c = 0; c < C; c++) {
      const v = data[base + c];
      out[base + c] = v;
      if (!(v >= 0 && v <= 1)) {
        if (Number.isFinite(v)) isDistribution = false;
        else rowFinite = false;
      }
      sum += v;
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    if (!rowFinite) finite[i] = 0;
    else if (Math.abs(sum - 1) > 1e-3) isDistribution = false;
    argmax[i] = best;
  }
  return isDistribution ? out : normalizeScores(out, n, C);
}
function normalizeScores(scores, n, C) {
  let isDistribution = true;
  for (let i = 0; i < n && isDistribution; i++) {
    let sum = 0;
    for (let c = 0; c < C; c++) {
      const v = scores[i * C + c];
      if (v < 0 || v > 1) isDistribution = false;
      sum += v;
    }
    if (Number.isFinite(sum) && Math.abs(sum - 1) > 1e-3) isDistribution = false;
  }
  if (isDistribution) return scores;
  const out = new Float64Array(n * C);
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < C; c++) max = Math.max(max, scores[i * C + c]);
    let sum = 0;
    for (let c = 0; c < C; c++) {
      const e = Math.exp(scores[i * C + c] - max);
      out[i * C + c] = e;
      sum += e;
    }
    for (let c = 0; c < C; c++) out[i * C + c] /= sum;
  }
  return out;
}
function readOutputs(plan, outputs, n) {
  const finite = new Uint8Array(n).fill(1);
  const spec = plan.outputs;
  if (spec.task === "regression") {
    const raw = toFloat64(outputs[spec.prediction]);
    if (raw.length !== n) {
      throw new MlopsError(`The model's "${spec.prediction}" output has ${raw.length} values for ${n} rows.`, {
        kind: "input",
        expected: `one prediction per row ([N] or [N, 1])`,
        found: `shape [${outputs[spec.prediction].dims.join(", ")}]`
      });
    }
    for (let i = 0; i < n; i++) if (!Number.isFinite(raw[i])) finite[i] = 0;
    return { probabilities: null, predicted: null, prediction: raw, finite };
  }
  const C = spec.classes.length;
  let probabilities = null;
  let argmax = null;
  if (spec.probabilities) {
    const t = outputs[spec.probabilities];
    const data = t.data;
    if (data.length === n * C) {
      argmax = new Int32Array(n);
      probabilities = readScoreMatrix(data, n, C, finite, argmax);
    } else if (data.length === n && C === 2) {
      const raw = toFloat64(t);
      const isProbability = raw.every((v) => !(v < 0 || v > 1));
      probabilities = new Float64Array(n * 2);
      for (let i = 0; i < n; i++) {
        const p = isProbability ? raw[i] : 1 / (1 + Math.exp(-raw[i]));
        probabilities[2 * i] = 1 - p;
        probabilities[2 * i + 1] = p;
      }
    } else {
      throw new MlopsError(`The model's "${spec.probabilities}" output does not match ${C} classes.`, {
        kind: "input",
        expected: `[N, ${C}] (one column per class: ${spec.classes.join(", ")})${C === 2 ? " or [N] for P(positive)" : ""}`,
        found: `shape [${t.dims.join(", ")}]`,
        hint: "Set model.classes in mlops.yaml (or mlops.classes metadata) to the classes in output column order."
      });
    }
    if (!argmax) {
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < C; c++) {
          if (!Number.isFinite(probabilities[i * C + c])) {
            finite[i] = 0;
            break;
          }
        }
      }
    }
  }
  if (spec.label && outputs[spec.label]) {
    const predicted = new Int32Array(n);
    const data = outputs[spec.label].data;
    const index = new Map(spec.classes.map((c, i) => [c, i]));
    let lastRaw;
    let lastIndex = -1;
    for (let i = 0; i < n; i++) {
      const raw = data[i];
      if (raw === lastRaw) {
        predicted[i] = lastIndex;
        continue;
      }
      const key = String(raw);
      let k = index.get(key);
      if (k === void 0 && typeof raw !== "string") {
        const asIndex = Number(raw);
        if (Number.isInteger(asIndex) && asIndex >= 0 && asIndex < C) k = asIndex;
      }
      if (k === void 0) {
        throw new MlopsError(`The model predicted the label "${key}", which is not one of its classes.`, {
          kind: "input",
          expected: spec.classes.join(", "),
          found: key,
          hint: "Check mlops.classes metadata or model.classes in mlops.yaml."
        });
      }
      predicted[i] = k;
      lastRaw = raw;
      lastIndex = k;
    }
    return { probabilities, predicted, prediction: null, finite };
  }
  return {
    probabilities,
    predicted: probabilities ? argmax ?? argmaxRows(probabilities, n, C) : new Int32Array(n),
    prediction: null,
    finite
  };
}
function argmaxRows(probabilities, n, C) {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < C; c++) if (probabilities[i * C + c] > probabilities[i * C + best]) best = c;
    out[i] = best;
  }
  return out;
}
var OutputFetches = class {
  constructor(plan) {
    this.plan = plan;
    const { label, probabilities } = plan.outputs;
    this.labelNeeded = label !== void 0;
    this.decided = !(label && probabilities);
  }
  plan;
  labelNeeded;
  decided;
  /** Output names to fetch for the next batch, or undefined for all. */
  names() {
    const { label, probabilities } = this.plan.outputs;
    if (!label || !probabilities || !this.decided || this.labelNeeded) return void 0;
    return [probabilities];
  }
  /** Call with each batch's interpretation until the choice is made. */
  observe(result, n) {
    if (this.decided || !result.probabilities || !result.predicted) return;
    const argmax = argmaxRows(result.probabilities, n, this.plan.outputs.classes.length);
    this.labelNeeded = argmax.some((k, i) => k !== result.predicted[i]);
    this.decided = true;
  }
  /** Whether the label output is still read (for the report). */
  get readsLabel() {
    return this.labelNeeded;
  }
};
async function* predictBatches(model, plan, batches) {
  const ort = await loadNative("onnxruntime-node");
  const matrices = new MatrixBuffers();
  const runOne = async (batch) => {
    const feeds = feedsFor(ort, plan, batch, matrices);
    const start = performance.now();
    const outputs = await model.run(feeds);
    const millis = performance.now() - start;
    matrices.give(feeds);
    return { batch, millis, ...readOutputs(plan, outputs, batch.rowCount) };
  };
  let pending;
  for await (const batch of batches) {
    if (batch.rowCount === 0) continue;
    const next = runOne(batch);
    next.catch(() => void 0);
    if (pending) yield await pending;
    pending = next;
  }
  if (pending) yield await pending;
}

// src/core/stats/multiple-testing.ts
function holm(pValues) {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
  const adjusted = new Array(m);
  let running = 0;
  for (let rank = 0; rank < m; rank++) {
    const i = order[rank];
    running = Math.max(running, Math.min(1, (m - rank) * pValues[i]));
    adjusted[i] = running;
  }
  return adjusted;
}
function benjaminiHochberg(pValues) {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
  const adjusted = new Array(m);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const i = order[rank];
    running = Math.min(running, m / (rank + 1) * pValues[i]);
    adjusted[i] = Math.min(1, running);
  }
  return adjusted;
}

export {
  readMetadataProps,
  loadModel,
  metadataList,
  planInference,
  MatrixBuffers,
  feedsFor,
  readOutputs,
  OutputFetches,
  predictBatches,
  holm,
  benjaminiHochberg
};
//# sourceMappingURL=chunk-CJI7CXOH.js.map
