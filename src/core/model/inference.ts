/**
 * Batched inference over the data engine's column batches. Data columns are mapped to model inputs from the
 * model's own input metadata (one input per column, or one [N, F] float tensor of named features), outputs are
 * read as class probabilities + labels (classifiers) or a prediction (regressors), and rows whose outputs are
 * not finite are flagged so callers count them instead of averaging them.
 */
import type { Tensor } from 'onnxruntime-common';
import type { ColumnBatch, ColumnInfo, ColumnValues } from '../data/types.js';
import { MlopsError } from '../errors.js';
import { loadNative } from '../native.js';
import { describeSignature, type LoadedModel, metadataList, type ValueSignature } from './session.js';

export type ModelTask = 'binary' | 'multiclass' | 'regression';

const NUMERIC_INPUT_TYPES = new Set(['float32', 'float64', 'int64', 'int32', 'float16', 'bool']);
const NUMERIC_COLUMN_TYPES = new Set(['integer', 'number', 'boolean']);

export type InputPlan =
  | { kind: 'per-column'; inputs: { name: string; column: string; type: string; rank: number }[] }
  | { kind: 'feature-matrix'; input: string; type: string; features: string[] };

export interface OutputPlan {
  task: ModelTask;
  /** Class names in probability column order (classifiers). */
  classes: string[];
  probabilities?: string;
  label?: string;
  prediction?: string;
}

export interface InferencePlan {
  inputs: InputPlan;
  outputs: OutputPlan;
  /** Data columns the model reads. */
  columns: string[];
}

export interface PlanOptions {
  /** From mlops.yaml model.task; otherwise the model's mlops.task metadata. */
  task?: ModelTask;
  /** Feature order for a single [N, F] input; otherwise mlops.features metadata, else numeric columns. */
  features?: string[];
  /** Class names when the model has no mlops.classes metadata (mlops.yaml model.classes). */
  classes?: string[];
  /** Never fed to the model (the target). */
  label?: string;
}

function listing(model: LoadedModel, columns: ColumnInfo[]): string {
  return `model inputs: ${model.inputs.map(describeSignature).join(', ') || '(none)'}; data columns: ${columns.map((c) => `${c.name} (${c.type})`).join(', ') || '(none)'}`;
}

function mismatch(message: string, model: LoadedModel, columns: ColumnInfo[], hint: string): MlopsError {
  return new MlopsError(message, {
    kind: 'input',
    where: { file: model.path },
    expected: model.inputs.map(describeSignature).join(', '),
    found: listing(model, columns),
    hint,
  });
}

function planInputs(model: LoadedModel, columns: ColumnInfo[], options: PlanOptions): InputPlan {
  const byName = new Map(columns.map((c) => [c.name, c]));
  if (model.inputs.length === 0) throw mismatch('The model has no inputs.', model, columns, 'Re-export the model.');
  const allColumns = model.inputs.every((i) => byName.has(i.name));
  if (allColumns) {
    const inputs = model.inputs.map((input) => {
      const column = byName.get(input.name)!;
      if (input.type === 'non-tensor') {
        throw mismatch(`Model input "${input.name}" is not a tensor.`, model, columns, 'Feed tensors only.');
      }
      if (NUMERIC_INPUT_TYPES.has(input.type) && !NUMERIC_COLUMN_TYPES.has(column.type)) {
        throw mismatch(
          `Model input "${input.name}" expects ${input.type} but data column "${column.name}" is ${column.type} (${column.engineType}).`,
          model,
          columns,
          'Fix the column in the data (or its schema), or export the model with a string input for it.',
        );
      }
      const rank = input.shape.length;
      const batchOnly = rank === 1 || (rank === 2 && (input.shape[1] === 1 || typeof input.shape[1] === 'string'));
      if (!batchOnly && rank !== 0) {
        throw mismatch(
          `Model input "${input.name}" has shape [${input.shape.join(', ')}]; one column fills [N] or [N, 1].`,
          model,
          columns,
          'Export the model with one [N, 1] input per column, or one [N, F] float input for all features.',
        );
      }
      return { name: input.name, column: column.name, type: input.type, rank: rank === 0 ? 2 : rank };
    });
    return { kind: 'per-column', inputs };
  }
  const single = model.inputs.length === 1 ? model.inputs[0]! : undefined;
  if (single && NUMERIC_INPUT_TYPES.has(single.type) && single.shape.length === 2) {
    const features =
      options.features ??
      metadataList(model.metadata, 'mlops.features') ??
      columns.filter((c) => c.name !== options.label && NUMERIC_COLUMN_TYPES.has(c.type)).map((c) => c.name);
    const missing = features.filter((f) => !byName.has(f));
    if (missing.length > 0) {
      throw mismatch(
        `Feature column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} missing from the data.`,
        model,
        columns,
        'Add the columns to the evaluation data, or list the model features in mlops.yaml model.features.',
      );
    }
    const nonNumeric = features.filter((f) => !NUMERIC_COLUMN_TYPES.has(byName.get(f)!.type));
    if (nonNumeric.length > 0) {
      throw mismatch(
        `Model input "${single.name}" is a ${single.type} matrix but feature column${nonNumeric.length > 1 ? 's' : ''} ${nonNumeric.map((m) => `"${m}"`).join(', ')} ${nonNumeric.length > 1 ? 'are' : 'is'} not numeric.`,
        model,
        columns,
        'Encode those columns before evaluation, or export the model with one input per column.',
      );
    }
    const width = single.shape[1];
    if (typeof width === 'number' && width > 0 && width !== features.length) {
      throw mismatch(
        `Model input "${single.name}" takes ${width} features per row, but ${features.length} feature columns were selected (${features.join(', ')}).`,
        model,
        columns,
        'List exactly the model features, in training order, in mlops.yaml model.features (or mlops.features metadata).',
      );
    }
    return { kind: 'feature-matrix', input: single.name, type: single.type, features };
  }
  const missing = model.inputs.filter((i) => !byName.has(i.name)).map((i) => `"${i.name}"`);
  throw mismatch(
    `The data has no column for model input${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`,
    model,
    columns,
    'Rename the data columns to the model input names, or export a model with one [N, F] float input.',
  );
}

function isFloatOutput(s: ValueSignature): boolean {
  return s.type === 'float32' || s.type === 'float64';
}

function planOutputs(model: LoadedModel, options: PlanOptions): OutputPlan {
  const metaTask = model.metadata['mlops.task'];
  const task = (options.task ??
    (metaTask === 'binary' || metaTask === 'multiclass' || metaTask === 'regression' ? metaTask : undefined)) as
    | ModelTask
    | undefined;
  const named = (n: string) => model.outputs.find((o) => o.name === n);
  const tensors = model.outputs.filter((o) => o.type !== 'non-tensor');
  const knownClasses = metadataList(model.metadata, 'mlops.classes') ?? options.classes;
  const looksLikeClassifier =
    !named('prediction') &&
    (knownClasses !== undefined ||
      Boolean(named('probabilities') || named('label') || named('logits')) ||
      tensors.some((o) => o.type === 'string'));
  const resolvedTask: ModelTask = task ?? (looksLikeClassifier ? 'multiclass' : 'regression');
  if (resolvedTask === 'regression') {
    const prediction =
      named('prediction') ?? (tensors.length === 1 && isFloatOutput(tensors[0]!) ? tensors[0] : undefined);
    if (!prediction) {
      throw new MlopsError('Cannot find the regression output of the model.', {
        kind: 'input',
        where: { file: model.path },
        expected: 'an output named "prediction" ([N, 1] float), or a single float output',
        found: model.outputs.map(describeSignature).join(', '),
        hint: 'Name the model output "prediction" when exporting it.',
      });
    }
    return { task: 'regression', classes: [], prediction: prediction.name };
  }
  const classes = knownClasses;
  if (!classes || classes.length < 2) {
    throw new MlopsError('The classifier does not say which classes its outputs stand for.', {
      kind: 'config',
      where: { file: model.path },
      expected: 'metadata_props "mlops.classes" in the model, or model.classes in mlops.yaml',
      found: classes ? JSON.stringify(classes) : 'neither',
      hint: 'Add `classes: [...]` under `model:` in mlops.yaml, in the order of the probability columns.',
    });
  }
  const label = named('label') ?? tensors.find((o) => o.type === 'string' || o.type === 'int64');
  const probabilities =
    named('probabilities') ??
    named('logits') ??
    tensors.find((o) => isFloatOutput(o) && o.name !== label?.name && o.name !== 'prediction');
  if (!label && !probabilities) {
    throw new MlopsError('Cannot find the classifier outputs of the model.', {
      kind: 'input',
      where: { file: model.path },
      expected: 'outputs "label" ([N] string) and/or "probabilities" ([N, C] float), or one float output of scores',
      found: model.outputs.map(describeSignature).join(', '),
      hint: 'skl2onnx: export with options={"zipmap": False}; PyTorch: return the logits tensor.',
    });
  }
  return {
    task: classes.length === 2 ? 'binary' : 'multiclass',
    classes,
    label: label?.name,
    probabilities: probabilities?.name,
  };
}

export function planInference(model: LoadedModel, columns: ColumnInfo[], options: PlanOptions = {}): InferencePlan {
  const inputs = planInputs(model, columns, options);
  const outputs = planOutputs(model, options);
  const used = inputs.kind === 'per-column' ? inputs.inputs.map((i) => i.column) : inputs.features;
  return { inputs, outputs, columns: used };
}

type Ort = Awaited<ReturnType<typeof loadNative<'onnxruntime-node'>>>;

function numericTensor(ort: Ort, type: string, values: Float64Array, dims: number[]): Tensor {
  switch (type) {
    case 'float64':
      return new ort.Tensor('float64', values, dims);
    case 'int64':
      return new ort.Tensor('int64', BigInt64Array.from(values, BigInt), dims);
    case 'int32':
      return new ort.Tensor('int32', Int32Array.from(values), dims);
    case 'bool':
      return new ort.Tensor('bool', Uint8Array.from(values), dims);
    default:
      // The typed-array constructor converts natively; Float32Array.from would go through the iterator.
      return new ort.Tensor('float32', new Float32Array(values), dims);
  }
}

const EXACT_INPUT_TYPES = new Set(['int64', 'int32', 'bool']);

/**
 * Integer and boolean inputs have no value for "missing" and no fractions: such a value would reach the model as
 * 0 or truncated, and change its predictions without a word. Throws naming the row, the column and the value.
 */
function assertExactValues(values: Float64Array, type: string, column: string, input: string, firstRow: number): void {
  const limit = type === 'int32' ? 2147483647 : type === 'bool' ? 1 : Number.MAX_SAFE_INTEGER;
  const lowest = type === 'bool' ? 0 : -limit;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isInteger(v) && v >= lowest && v <= limit) continue;
    const expected =
      type === 'bool' ? 'true/false or 1/0' : `a whole number${type === 'int32' ? ' within the int32 range' : ''}`;
    const found = Number.isNaN(v) ? 'a missing value' : String(v);
    throw new MlopsError(
      `Row ${firstRow + i}, column "${column}": ${found} cannot go into the model's ${type} input "${input}".`,
      {
        kind: 'input',
        where: { row: firstRow + i, field: column },
        expected,
        found,
        hint: 'Fill or drop missing values before this step, or export the model with a float input for this feature.',
      },
    );
  }
}

/** Numbers of a numeric or boolean column (the engine hands booleans over as "true"/"false"). */
function asNumbers(values: ColumnValues): Float64Array {
  if (values instanceof Float64Array) return values;
  return Float64Array.from(values, (v) =>
    v === null || v.trim() === '' ? Number.NaN : v === 'true' ? 1 : v === 'false' ? 0 : Number(v),
  );
}

function asStrings(values: ColumnValues): string[] {
  if (values instanceof Float64Array) return Array.from(values, (v) => (Number.isNaN(v) ? '' : String(v)));
  return values.map((v) => v ?? '');
}

/**
 * Reusable float32 storage for the `[N, F]` feature matrix: a caller that runs batches one after another hands
 * a buffer back once onnxruntime is done with it, and the next batch is written into the same memory instead of
 * freshly allocated (and page-faulted) memory.
 */
export class MatrixBuffers {
  private readonly free: Float32Array[] = [];
  private readonly lent = new WeakSet<ArrayBufferLike>();

  take(length: number): Float32Array {
    const index = this.free.findIndex((b) => b.length >= length);
    const buffer = index < 0 ? new Float32Array(length) : this.free.splice(index, 1)[0]!;
    this.lent.add(buffer.buffer);
    return buffer.length === length ? buffer : buffer.subarray(0, length);
  }

  /** Hands back the buffers of these feeds that came from take(); the feeds must not be used after. */
  give(feeds: Record<string, Tensor>): void {
    for (const tensor of Object.values(feeds)) {
      const data = tensor.data;
      if (!(data instanceof Float32Array) || !this.lent.has(data.buffer)) continue;
      this.lent.delete(data.buffer);
      this.free.push(new Float32Array(data.buffer, 0, data.buffer.byteLength / 4));
    }
  }
}

/** Tensors for one batch, following the plan. */
export function feedsFor(
  ort: Ort,
  plan: InferencePlan,
  batch: ColumnBatch,
  buffers?: MatrixBuffers,
): Record<string, Tensor> {
  const n = batch.rowCount;
  const feeds: Record<string, Tensor> = {};
  if (plan.inputs.kind === 'per-column') {
    for (const input of plan.inputs.inputs) {
      const values = batch.columns[input.column]!;
      const dims = input.rank === 1 ? [n] : [n, 1];
      if (input.type === 'string') {
        feeds[input.name] = new ort.Tensor('string', asStrings(values), dims);
        continue;
      }
      const numbers = asNumbers(values);
      if (EXACT_INPUT_TYPES.has(input.type)) {
        assertExactValues(numbers, input.type, input.column, input.name, batch.firstRow);
      }
      feeds[input.name] = numericTensor(ort, input.type, numbers, dims);
    }
    return feeds;
  }
  const { features, input, type } = plan.inputs;
  const F = features.length;
  const columns = features.map((f) => asNumbers(batch.columns[f]!));
  // Float32 inputs are filled in place (no intermediate copy); other element types go through numericTensor.
  if (type === 'float32') {
    const matrix = buffers?.take(n * F) ?? new Float32Array(n * F);
    feeds[input] = new ort.Tensor('float32', fillFloat32Matrix(columns, n, matrix), [n, F]);
  } else {
    if (EXACT_INPUT_TYPES.has(type)) {
      columns.forEach((values, j) => {
        assertExactValues(values, type, features[j]!, input, batch.firstRow);
      });
    }
    feeds[input] = numericTensor(ort, type, fillFloat64Matrix(columns, n), [n, F]);
  }
  return feeds;
}

/*
 * Four columns per pass with strided writes: each pass reads four columns sequentially and fills four adjacent
 * slots of every row, so the matrix is swept F/4 times instead of F times (about twice as fast as one column per
 * pass). The float32 and float64 fills are separate functions to keep the stores monomorphic (a
 * Float32Array | Float64Array target made the loop several times slower).
 */
function fillFloat32Matrix(columns: Float64Array[], n: number, matrix: Float32Array): Float32Array {
  const F = columns.length;
  let j = 0;
  for (; j + 4 <= F; j += 4) {
    const a = columns[j]!;
    const b = columns[j + 1]!;
    const c = columns[j + 2]!;
    const d = columns[j + 3]!;
    for (let i = 0, at = j; i < n; i++, at += F) {
      matrix[at] = a[i]!;
      matrix[at + 1] = b[i]!;
      matrix[at + 2] = c[i]!;
      matrix[at + 3] = d[i]!;
    }
  }
  for (; j < F; j++) {
    const col = columns[j]!;
    for (let i = 0, at = j; i < n; i++, at += F) matrix[at] = col[i]!;
  }
  return matrix;
}

/** Other element types (rare: float64, integer inputs) are converted from a float64 matrix, one column per pass. */
function fillFloat64Matrix(columns: Float64Array[], n: number): Float64Array {
  const F = columns.length;
  const matrix = new Float64Array(n * F);
  for (let j = 0; j < F; j++) {
    const col = columns[j]!;
    for (let i = 0, at = j; i < n; i++, at += F) matrix[at] = col[i]!;
  }
  return matrix;
}

export interface BatchPredictions {
  batch: ColumnBatch;
  /** Row-major n x C (classifiers with scores), rows normalized to probabilities. */
  probabilities: Float64Array | null;
  /** Predicted class index per row (classifiers). */
  predicted: Int32Array | null;
  /** Regression prediction per row. */
  prediction: Float64Array | null;
  /** 1 when every output of the row is finite. */
  finite: Uint8Array;
  /** Wall time of the onnxruntime call. */
  millis: number;
}

function toFloat64(t: Tensor): Float64Array {
  const data = t.data as ArrayLike<number>;
  if (data instanceof Float64Array) return data;
  return data instanceof Float32Array ? new Float64Array(data) : Float64Array.from(data);
}

/**
 * One pass over an [N, C] score tensor: a float64 copy, rows with non-finite scores flagged, the argmax (softmax
 * keeps it), and whether every row is already a distribution; logits are turned into probabilities after.
 */
function readScoreMatrix(
  data: Float32Array | Float64Array,
  n: number,
  C: number,
  finite: Uint8Array,
  argmax: Int32Array,
): Float64Array {
  const out = new Float64Array(n * C);
  let isDistribution = true;
  for (let i = 0; i < n; i++) {
    const base = i * C;
    let sum = 0;
    let best = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    let rowFinite = true;
    for (let c = 0; c < C; c++) {
      const v = data[base + c]!;
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

/** Turns raw scores into probabilities: softmax per row when rows are not already distributions. */
export function normalizeScores(scores: Float64Array, n: number, C: number): Float64Array {
  let isDistribution = true;
  for (let i = 0; i < n && isDistribution; i++) {
    let sum = 0;
    for (let c = 0; c < C; c++) {
      const v = scores[i * C + c]!;
      if (v < 0 || v > 1) isDistribution = false;
      sum += v;
    }
    if (Number.isFinite(sum) && Math.abs(sum - 1) > 1e-3) isDistribution = false;
  }
  if (isDistribution) return scores;
  const out = new Float64Array(n * C);
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < C; c++) max = Math.max(max, scores[i * C + c]!);
    let sum = 0;
    for (let c = 0; c < C; c++) {
      const e = Math.exp(scores[i * C + c]! - max);
      out[i * C + c] = e;
      sum += e;
    }
    for (let c = 0; c < C; c++) out[i * C + c]! /= sum;
  }
  return out;
}

/** Interprets one batch of outputs. */
export function readOutputs(
  plan: InferencePlan,
  outputs: Record<string, Tensor>,
  n: number,
): Omit<BatchPredictions, 'batch' | 'millis'> {
  const finite = new Uint8Array(n).fill(1);
  const spec = plan.outputs;
  if (spec.task === 'regression') {
    const raw = toFloat64(outputs[spec.prediction!]!);
    if (raw.length !== n) {
      throw new MlopsError(`The model's "${spec.prediction}" output has ${raw.length} values for ${n} rows.`, {
        kind: 'input',
        expected: `one prediction per row ([N] or [N, 1])`,
        found: `shape [${outputs[spec.prediction!]!.dims.join(', ')}]`,
      });
    }
    for (let i = 0; i < n; i++) if (!Number.isFinite(raw[i]!)) finite[i] = 0;
    return { probabilities: null, predicted: null, prediction: raw, finite };
  }
  const C = spec.classes.length;
  let probabilities: Float64Array | null = null;
  let argmax: Int32Array | null = null;
  if (spec.probabilities) {
    const t = outputs[spec.probabilities]!;
    const data = t.data as Float32Array | Float64Array;
    if (data.length === n * C) {
      argmax = new Int32Array(n);
      probabilities = readScoreMatrix(data, n, C, finite, argmax);
    } else if (data.length === n && C === 2) {
      const raw = toFloat64(t);
      // One score per row: P(positive) when in [0, 1], else a logit.
      const isProbability = raw.every((v) => !(v < 0 || v > 1));
      probabilities = new Float64Array(n * 2);
      for (let i = 0; i < n; i++) {
        const p = isProbability ? raw[i]! : 1 / (1 + Math.exp(-raw[i]!));
        probabilities[2 * i] = 1 - p;
        probabilities[2 * i + 1] = p;
      }
    } else {
      throw new MlopsError(`The model's "${spec.probabilities}" output does not match ${C} classes.`, {
        kind: 'input',
        expected: `[N, ${C}] (one column per class: ${spec.classes.join(', ')})${C === 2 ? ' or [N] for P(positive)' : ''}`,
        found: `shape [${t.dims.join(', ')}]`,
        hint: 'Set model.classes in mlops.yaml (or mlops.classes metadata) to the classes in output column order.',
      });
    }
    if (!argmax) {
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < C; c++) {
          if (!Number.isFinite(probabilities[i * C + c]!)) {
            finite[i] = 0;
            break;
          }
        }
      }
    }
  }
  if (spec.label && outputs[spec.label]) {
    const predicted = new Int32Array(n);
    const data = outputs[spec.label]!.data as ArrayLike<string | bigint | number>;
    const index = new Map(spec.classes.map((c, i) => [c, i]));
    let lastRaw: string | bigint | number | undefined;
    let lastIndex = -1;
    for (let i = 0; i < n; i++) {
      const raw = data[i]!;
      if (raw === lastRaw) {
        predicted[i] = lastIndex;
        continue;
      }
      const key = String(raw);
      let k = index.get(key);
      if (k === undefined && typeof raw !== 'string') {
        const asIndex = Number(raw);
        if (Number.isInteger(asIndex) && asIndex >= 0 && asIndex < C) k = asIndex;
      }
      if (k === undefined) {
        throw new MlopsError(`The model predicted the label "${key}", which is not one of its classes.`, {
          kind: 'input',
          expected: spec.classes.join(', '),
          found: key,
          hint: 'Check mlops.classes metadata or model.classes in mlops.yaml.',
        });
      }
      predicted[i] = k;
      lastRaw = raw;
      lastIndex = k;
    }
    return { probabilities, predicted, prediction: null, finite };
  }
  // The argmax computed while reading the scores is the prediction: no second array, no copy.
  return {
    probabilities,
    predicted: probabilities ? (argmax ?? argmaxRows(probabilities, n, C)) : new Int32Array(n),
    prediction: null,
    finite,
  };
}

export function argmaxRows(probabilities: Float64Array, n: number, C: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < C; c++) if (probabilities[i * C + c]! > probabilities[i * C + best]!) best = c;
    out[i] = best;
  }
  return out;
}

/**
 * Decides per model whether the label output is needed. Converting a string tensor to JavaScript strings costs
 * several times the inference of a small model, so when the model's labels equal the argmax of its
 * probabilities on every row of the first batch, later batches fetch only the probabilities and take the
 * argmax. A model whose labels differ (a tuned threshold, a reject option) keeps its label output throughout.
 */
export class OutputFetches {
  private labelNeeded: boolean;
  private decided: boolean;

  constructor(private readonly plan: InferencePlan) {
    const { label, probabilities } = plan.outputs;
    this.labelNeeded = label !== undefined;
    this.decided = !(label && probabilities);
  }

  /** Output names to fetch for the next batch, or undefined for all. */
  names(): string[] | undefined {
    const { label, probabilities } = this.plan.outputs;
    if (!label || !probabilities || !this.decided || this.labelNeeded) return undefined;
    return [probabilities];
  }

  /** Call with each batch's interpretation until the choice is made. */
  observe(result: { probabilities: Float64Array | null; predicted: Int32Array | null }, n: number): void {
    if (this.decided || !result.probabilities || !result.predicted) return;
    const argmax = argmaxRows(result.probabilities, n, this.plan.outputs.classes.length);
    this.labelNeeded = argmax.some((k, i) => k !== result.predicted![i]);
    this.decided = true;
  }

  /** Whether the label output is still read (for the report). */
  get readsLabel(): boolean {
    return this.labelNeeded;
  }
}

/**
 * Runs the model over batches. The next batch is read and converted while onnxruntime works on the current
 * one, so reading data and inference overlap.
 */
export async function* predictBatches(
  model: LoadedModel,
  plan: InferencePlan,
  batches: AsyncIterable<ColumnBatch>,
): AsyncGenerator<BatchPredictions> {
  const ort = await loadNative('onnxruntime-node');
  const matrices = new MatrixBuffers();
  const runOne = async (batch: ColumnBatch): Promise<BatchPredictions> => {
    const feeds = feedsFor(ort, plan, batch, matrices);
    const start = performance.now();
    const outputs = await model.run(feeds);
    const millis = performance.now() - start;
    matrices.give(feeds);
    return { batch, millis, ...readOutputs(plan, outputs, batch.rowCount) };
  };
  let pending: Promise<BatchPredictions> | undefined;
  for await (const batch of batches) {
    if (batch.rowCount === 0) continue;
    const next = runOne(batch);
    // Keep an unobserved rejection from crashing the process while the previous batch is awaited.
    next.catch(() => undefined);
    if (pending) yield await pending;
    pending = next;
  }
  if (pending) yield await pending;
}
