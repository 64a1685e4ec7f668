/**
 * Request bodies of the two prediction protocols, validated against a model's signature:
 * KServe v1 (`{"instances": [{col: value}, ...]}` or rows as arrays in feature order) and the Open Inference
 * Protocol v2 (`{"inputs": [{name, shape, datatype, data}]}`). Every problem becomes a 400 naming the row,
 * the field, what was expected and what was found.
 */
import type { Tensor } from 'onnxruntime-common';
import { z } from 'zod';
import type { ModelSignature, RowPrediction } from './model.js';

export class BadRequest extends Error {
  constructor(
    message: string,
    readonly details: { row?: number; field?: string; expected?: string; found?: string } = {},
    readonly status = 400,
  ) {
    super(message);
  }
}

type TensorCtor = new (type: string, data: unknown, dims: readonly number[]) => Tensor;

export interface Batch {
  n: number;
  feeds: Record<string, Tensor>;
  /** Feature columns in signature order, for the prediction log (null when logging is off or not columnar). */
  columns: { name: string; values: ArrayLike<unknown> }[] | null;
}

const v1Body = z.object({ instances: z.array(z.unknown()).min(1), parameters: z.unknown().optional() });

const v2Input = z.object({
  name: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  datatype: z.string(),
  /** Absent when the tensor travels as binary data (parameters.binary_data_size). */
  data: z.array(z.unknown()).optional(),
  parameters: z.looseObject({ binary_data_size: z.number().int().nonnegative().optional() }).optional(),
});
const v2Body = z.object({
  id: z.string().optional(),
  inputs: z.array(v2Input).min(1),
  outputs: z.array(z.object({ name: z.string() })).optional(),
  parameters: z.unknown().optional(),
});

export const MAX_BATCH_ROWS = 100_000;

function zodBadRequest(error: z.ZodError, what: string): BadRequest {
  const issue = error.issues[0];
  const path = issue?.path.join('.') || '(body)';
  return new BadRequest(`${what}: ${path}: ${issue?.message ?? 'invalid'}`, { field: path });
}

function typeOfFeature(signature: ModelSignature, feature: string): string {
  if (signature.layout === 'matrix') return signature.inputs[0]?.type ?? 'float32';
  return signature.inputs.find((i) => i.name === feature)?.type ?? 'float32';
}

function numericArray(type: string, n: number): Float32Array | Float64Array | BigInt64Array | Int32Array {
  if (type === 'float64') return new Float64Array(n);
  if (type === 'int64') return new BigInt64Array(n);
  if (type === 'int32') return new Int32Array(n);
  return new Float32Array(n);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** KServe v1: rows as objects keyed by feature name, or arrays in the signature's feature order. */
export function parseV1(body: unknown, signature: ModelSignature, Ctor: TensorCtor, keepRows: boolean): Batch {
  const parsed = v1Body.safeParse(body);
  if (!parsed.success) throw zodBadRequest(parsed.error, 'Expected {"instances": [rows]}');
  const instances = parsed.data.instances;
  const n = instances.length;
  if (n > MAX_BATCH_ROWS)
    throw new BadRequest(`At most ${MAX_BATCH_ROWS} rows per request.`, { found: String(n) }, 413);
  const features = signature.features;
  const columns = features.map((f) => {
    const type = typeOfFeature(signature, f);
    return { name: f, type, values: type === 'string' ? new Array<string>(n) : numericArray(type, n) };
  });
  for (let r = 0; r < n; r++) {
    const inst = instances[r];
    const isArray = Array.isArray(inst);
    if (!isArray && (inst === null || typeof inst !== 'object')) {
      throw new BadRequest(`instances[${r}] must be an object keyed by feature name or an array in feature order.`, {
        row: r,
        expected: `{${features.map((f) => `"${f}": ...`).join(', ')}}`,
        found: describe(inst),
      });
    }
    if (isArray && (inst as unknown[]).length !== features.length) {
      throw new BadRequest(
        `instances[${r}] has ${(inst as unknown[]).length} values; the model takes ${features.length}.`,
        {
          row: r,
          expected: `[${features.join(', ')}]`,
          found: describe(inst),
        },
      );
    }
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c]!;
      const value = isArray ? (inst as unknown[])[c] : (inst as Record<string, unknown>)[col.name];
      setValue(col, r, value);
    }
  }
  return {
    n,
    feeds: buildFeeds(signature, columns, n, Ctor),
    columns: keepRows ? columns.map((c) => ({ name: c.name, values: c.values })) : null,
  };
}

interface Column {
  name: string;
  type: string;
  values: string[] | Float32Array | Float64Array | BigInt64Array | Int32Array;
}

function setValue(col: Column, r: number, value: unknown): void {
  if (col.type === 'string') {
    if (value === null || value === undefined) (col.values as string[])[r] = '';
    else if (typeof value === 'string') (col.values as string[])[r] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') (col.values as string[])[r] = String(value);
    else
      throw new BadRequest(`instances[${r}].${col.name} must be a string.`, {
        row: r,
        field: col.name,
        expected: 'string',
        found: describe(value),
      });
    return;
  }
  if (value === undefined) {
    // An absent key is more often a typo than a missing value; null says "missing" explicitly.
    throw new BadRequest(`instances[${r}].${col.name} is missing (send null for a missing value).`, {
      row: r,
      field: col.name,
      expected: col.type,
      found: describe(value),
    });
  }
  if (value === null) {
    if (col.values instanceof BigInt64Array || col.values instanceof Int32Array) {
      throw new BadRequest(
        `instances[${r}].${col.name} is missing; the model has no missing-value handling for integers.`,
        {
          row: r,
          field: col.name,
          expected: 'an integer',
          found: describe(value),
        },
      );
    }
    (col.values as Float32Array)[r] = Number.NaN;
    return;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new BadRequest(`instances[${r}].${col.name} must be a finite number (or null for missing).`, {
      row: r,
      field: col.name,
      expected: col.type,
      found: describe(value),
    });
  }
  if (col.values instanceof BigInt64Array) (col.values as BigInt64Array)[r] = BigInt(Math.trunc(value));
  else (col.values as Float32Array)[r] = value;
}

function buildFeeds(signature: ModelSignature, columns: Column[], n: number, Ctor: TensorCtor): Record<string, Tensor> {
  if (signature.layout === 'matrix') {
    const input = signature.inputs[0]!;
    const f = columns.length;
    const data = input.type === 'float64' ? new Float64Array(n * f) : new Float32Array(n * f);
    for (let c = 0; c < f; c++) {
      const values = columns[c]!.values as Float32Array;
      for (let r = 0; r < n; r++) data[r * f + c] = values[r]!;
    }
    return { [input.name]: new Ctor(input.type, data, [n, f]) };
  }
  const feeds: Record<string, Tensor> = {};
  for (const col of columns) feeds[col.name] = new Ctor(col.type, col.values, [n, 1]);
  return feeds;
}

const V2_TYPES: Record<string, string> = {
  FP32: 'float32',
  FP64: 'float64',
  INT64: 'int64',
  INT32: 'int32',
  BYTES: 'string',
  BOOL: 'bool',
};
const ORT_TO_V2: Record<string, string> = Object.fromEntries(Object.entries(V2_TYPES).map(([k, v]) => [v, k]));

export interface V2Request {
  id: string | undefined;
  batch: Batch;
}

/** Open Inference Protocol v2: named input tensors, checked against the model's inputs. */
const ELEMENT_BYTES: Record<string, number> = { float32: 4, float64: 8, int64: 8, int32: 4, bool: 1 };

/**
 * The binary tensor data extension of the v2 protocol (Triton, KServe): raw little-endian tensors follow the
 * JSON header in the order of `inputs`, each `parameters.binary_data_size` bytes; BYTES elements are each
 * prefixed by a 4-byte little-endian length. Copies into aligned typed arrays (no number parsing at all).
 */
function decodeBinary(name: string, type: string, bytes: Buffer, size: number): Column['values'] {
  if (type === 'string') {
    const out: string[] = [];
    let at = 0;
    while (at + 4 <= bytes.length) {
      const len = bytes.readUInt32LE(at);
      out.push(bytes.toString('utf8', at + 4, at + 4 + len));
      at += 4 + len;
    }
    if (out.length !== size || at !== bytes.length) {
      throw new BadRequest(`Binary input "${name}" holds ${out.length} strings; the shape needs ${size}.`, {
        field: name,
      });
    }
    return out;
  }
  const width = ELEMENT_BYTES[type];
  if (!width || bytes.length !== size * width) {
    throw new BadRequest(
      `Binary input "${name}" has ${bytes.length} bytes; ${size} x ${type} needs ${size * (width ?? 0)}.`,
      {
        field: name,
        expected: String(size * (width ?? 0)),
        found: String(bytes.length),
      },
    );
  }
  const values = type === 'bool' ? new Uint8Array(size) : numericArray(type, size);
  new Uint8Array(values.buffer).set(bytes);
  return values as Column['values'];
}

export function parseV2(
  body: unknown,
  signature: ModelSignature,
  Ctor: TensorCtor,
  keepRows: boolean,
  binary?: Buffer,
): V2Request {
  const parsed = v2Body.safeParse(body);
  if (!parsed.success) throw zodBadRequest(parsed.error, 'Expected {"inputs": [{name, shape, datatype, data}]}');
  const feeds: Record<string, Tensor> = {};
  let n: number | undefined;
  const given = new Map(parsed.data.inputs.map((i) => [i.name, i]));
  const binaryParts = new Map<string, Buffer>();
  let offset = 0;
  for (const input of parsed.data.inputs) {
    const bytes = input.parameters?.binary_data_size;
    if (bytes === undefined) continue;
    if (!binary || offset + bytes > binary.length) {
      throw new BadRequest(
        `Input "${input.name}" declares ${bytes} bytes of binary data that the body does not hold.`,
        {
          field: input.name,
        },
      );
    }
    binaryParts.set(input.name, binary.subarray(offset, offset + bytes));
    offset += bytes;
  }
  for (const spec of signature.inputs) {
    const input = given.get(spec.name);
    if (!input) {
      throw new BadRequest(`Input "${spec.name}" is missing.`, {
        field: spec.name,
        expected: `inputs named ${signature.inputs.map((i) => i.name).join(', ')}`,
        found: [...given.keys()].join(', ') || 'none',
      });
    }
    const type = V2_TYPES[input.datatype];
    if (type !== spec.type) {
      throw new BadRequest(
        `Input "${spec.name}" has datatype ${input.datatype}; the model expects ${ORT_TO_V2[spec.type] ?? spec.type}.`,
        {
          field: spec.name,
          expected: ORT_TO_V2[spec.type] ?? spec.type,
          found: input.datatype,
        },
      );
    }
    const size = input.shape.reduce((a, b) => a * b, 1);
    const raw = binaryParts.get(spec.name);
    if (!raw && !input.data) {
      throw new BadRequest(`Input "${spec.name}" has neither data nor binary_data_size.`, { field: spec.name });
    }
    const data = raw ? [] : ((input.data ?? []).flat(8) as unknown[]);
    if (!raw && data.length !== size) {
      throw new BadRequest(
        `Input "${spec.name}" has ${data.length} values but shape [${input.shape.join(', ')}] needs ${size}.`,
        {
          field: spec.name,
          expected: String(size),
          found: String(data.length),
        },
      );
    }
    if (input.shape.length !== spec.shape.length) {
      throw new BadRequest(
        `Input "${spec.name}" has rank ${input.shape.length}; the model expects shape [${spec.shape.join(', ')}].`,
        {
          field: spec.name,
          expected: `[${spec.shape.join(', ')}]`,
          found: `[${input.shape.join(', ')}]`,
        },
      );
    }
    spec.shape.forEach((d, i) => {
      if (typeof d === 'number' && d !== input.shape[i]) {
        throw new BadRequest(`Input "${spec.name}" dimension ${i} is ${input.shape[i]}; the model expects ${d}.`, {
          field: spec.name,
          expected: `[${spec.shape.join(', ')}]`,
          found: `[${input.shape.join(', ')}]`,
        });
      }
    });
    const rowsHere = input.shape[0] ?? 1;
    if (n !== undefined && n !== rowsHere) {
      throw new BadRequest(`Inputs disagree on the batch size (${n} vs ${rowsHere}).`, { field: spec.name });
    }
    n = rowsHere;
    if (raw) {
      feeds[spec.name] = new Ctor(type, decodeBinary(spec.name, type, raw, size), input.shape);
      continue;
    }
    const col: Column = {
      name: spec.name,
      type,
      values: type === 'string' ? new Array<string>(size) : numericArray(type, size),
    };
    for (let i = 0; i < size; i++) setValue(col, i, data[i]);
    feeds[spec.name] = new Ctor(type, col.values, input.shape);
  }
  const rows = n ?? 0;
  if (rows > MAX_BATCH_ROWS)
    throw new BadRequest(`At most ${MAX_BATCH_ROWS} rows per request.`, { found: String(rows) }, 413);
  const logColumns =
    keepRows && signature.layout === 'columns'
      ? signature.inputs.map((spec) => ({ name: spec.name, values: feeds[spec.name]!.data as ArrayLike<unknown> }))
      : null;
  return { id: parsed.data.id, batch: { n: rows, feeds, columns: logColumns } };
}

/** KServe v1 response body: one prediction per instance. */
export function v1Response(predictions: RowPrediction[]): unknown[] {
  return predictions.map((p) => {
    if (p.value !== undefined && p.label === undefined) return p.value;
    return p.probabilities ? { label: p.label, probabilities: p.probabilities } : p.label;
  });
}

/** v2 response: output tensors as returned by the model. */
export function v2Outputs(outputs: Record<string, Tensor>, wanted?: string[]): unknown[] {
  const names = wanted && wanted.length > 0 ? wanted : Object.keys(outputs);
  return names
    .filter((name) => outputs[name])
    .map((name) => {
      const t = outputs[name]!;
      const data =
        t.type === 'int64' ? Array.from(t.data as BigInt64Array, Number) : Array.from(t.data as ArrayLike<unknown>);
      return { name, shape: t.dims, datatype: ORT_TO_V2[t.type] ?? t.type.toUpperCase(), data };
    });
}
