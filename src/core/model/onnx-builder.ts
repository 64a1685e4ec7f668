/**
 * Builds ONNX models (ModelProto) as plain objects and encodes them with protobufjs from the onnx.proto subset
 * in onnx-proto.ts. Also reads a model's metadata and graph signature back, for checks and for other steps.
 */
import { MlopsError } from '../errors.js';
import { AttributeType, DataType, type DataTypeCode, onnxType } from './onnx-proto.js';

export { DataType } from './onnx-proto.js';

/** The opsets our graphs are written for (supported by onnxruntime 1.16+). */
export const DEFAULT_OPSET = 19;
export const DEFAULT_IR_VERSION = 9;

export type Dim = number | string;
export type AttributeValue = number | string | number[] | string[] | TensorInit | { floats: number[] };

export interface TensorInit {
  name: string;
  dataType: DataTypeCode;
  dims: number[];
  values: ArrayLike<number> | readonly string[];
}

interface NodeObject {
  input: string[];
  output: string[];
  name: string;
  op_type: string;
  domain: string;
  attribute: Record<string, unknown>[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function tensorObject(t: TensorInit): Record<string, unknown> {
  const out: Record<string, unknown> = { name: t.name, data_type: t.dataType, dims: t.dims };
  const size = t.dims.reduce((a, b) => a * b, 1);
  if (t.values.length !== size) {
    throw new MlopsError(`ONNX tensor ${t.name} has ${t.values.length} values for dims [${t.dims.join(', ')}].`, {
      kind: 'internal',
    });
  }
  switch (t.dataType) {
    case DataType.FLOAT:
      out.float_data = Array.from(t.values as ArrayLike<number>);
      break;
    case DataType.DOUBLE:
      out.double_data = Array.from(t.values as ArrayLike<number>);
      break;
    case DataType.INT64:
      out.int64_data = Array.from(t.values as ArrayLike<number>);
      break;
    case DataType.INT32:
    case DataType.BOOL:
      out.int32_data = Array.from(t.values as ArrayLike<number>);
      break;
    case DataType.STRING:
      out.string_data = (t.values as readonly string[]).map((s) => encoder.encode(s));
      break;
  }
  return out;
}

function attributeObject(name: string, value: AttributeValue): Record<string, unknown> {
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? { name, type: AttributeType.INT, i: value }
      : { name, type: AttributeType.FLOAT, f: value };
  }
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: encoder.encode(value) };
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) {
      return { name, type: AttributeType.STRINGS, strings: (value as string[]).map((s) => encoder.encode(s)) };
    }
    return { name, type: AttributeType.INTS, ints: value as number[] };
  }
  if ('floats' in value) return { name, type: AttributeType.FLOATS, floats: value.floats };
  return { name, type: AttributeType.TENSOR, t: tensorObject(value as TensorInit) };
}

function valueInfo(name: string, elemType: DataTypeCode, dims: Dim[]): Record<string, unknown> {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
      },
    },
  };
}

/** Accumulates one graph; node output names are generated unless given, so graphs read top to bottom. */
export class GraphBuilder {
  private readonly nodes: NodeObject[] = [];
  private readonly initializers: Record<string, unknown>[] = [];
  private readonly inputs: Record<string, unknown>[] = [];
  private readonly outputs: Record<string, unknown>[] = [];
  private readonly used = new Set<string>();
  private counter = 0;

  constructor(readonly name: string) {}

  /** A fresh, unique value name. */
  fresh(hint: string): string {
    let name = `${hint}_${this.counter++}`;
    while (this.used.has(name)) name = `${hint}_${this.counter++}`;
    this.used.add(name);
    return name;
  }

  input(name: string, elemType: DataTypeCode, dims: Dim[]): string {
    this.used.add(name);
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  output(name: string, elemType: DataTypeCode, dims: Dim[]): string {
    this.outputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  /** A constant tensor stored as an initializer; returns its value name. */
  constant(
    hint: string,
    dataType: DataTypeCode,
    dims: number[],
    values: ArrayLike<number> | readonly string[],
  ): string {
    const name = this.fresh(hint);
    this.initializers.push(tensorObject({ name, dataType, dims, values }));
    return name;
  }

  /**
   * Adds a node; returns its output names. `outputs` may name them (graph outputs must be named), otherwise
   * they are generated from the op type.
   */
  node(
    opType: string,
    inputs: string[],
    options: { outputs?: string[] | number; attributes?: Record<string, AttributeValue>; domain?: string } = {},
  ): string[] {
    const outputs =
      typeof options.outputs === 'object'
        ? options.outputs
        : Array.from({ length: options.outputs ?? 1 }, () => this.fresh(opType.toLowerCase()));
    for (const o of outputs) this.used.add(o);
    this.nodes.push({
      input: inputs,
      output: outputs,
      name: `${opType}_${this.nodes.length}`,
      op_type: opType,
      domain: options.domain ?? '',
      attribute: Object.entries(options.attributes ?? {}).map(([k, v]) => attributeObject(k, v)),
    });
    return outputs;
  }

  /** Single-output convenience for node(). */
  op(opType: string, inputs: string[], attributes?: Record<string, AttributeValue>, output?: string): string {
    return this.node(opType, inputs, { attributes, outputs: output ? [output] : 1 })[0]!;
  }

  toObject(): Record<string, unknown> {
    return {
      name: this.name,
      node: this.nodes,
      initializer: this.initializers,
      input: this.inputs,
      output: this.outputs,
    };
  }
}

export interface ModelOptions {
  /** Metadata entries (metadata_props), e.g. mlops.classes. */
  metadata?: Record<string, string>;
  opsets?: Record<string, number>;
  producerName?: string;
  producerVersion?: string;
  docString?: string;
}

/** Encodes a graph as a serialized ModelProto. Deterministic: the same graph gives the same bytes. */
export function encodeModel(graph: GraphBuilder, options: ModelOptions = {}): Uint8Array {
  const opsets = options.opsets ?? { '': DEFAULT_OPSET };
  const ModelProto = onnxType('ModelProto');
  const model = {
    ir_version: DEFAULT_IR_VERSION,
    producer_name: options.producerName ?? 'mlops-actions',
    producer_version: options.producerVersion ?? '',
    doc_string: options.docString ?? '',
    opset_import: Object.entries(opsets).map(([domain, version]) => ({ domain, version })),
    graph: graph.toObject(),
    metadata_props: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
  };
  const message = ModelProto.fromObject(model);
  return ModelProto.encode(message).finish();
}

export interface ValueSignature {
  name: string;
  /** onnx elem type code (DataType) or 0 when not a tensor. */
  elemType: number;
  dims: Dim[];
}

export interface OnnxModelInfo {
  irVersion: number;
  producerName: string;
  opsets: Record<string, number>;
  metadata: Record<string, string>;
  inputs: ValueSignature[];
  outputs: ValueSignature[];
}

function signature(vi: Record<string, unknown>): ValueSignature {
  const tensor = (vi.type as { tensor_type?: { elem_type?: number; shape?: { dim?: Record<string, unknown>[] } } })
    ?.tensor_type;
  const dims = (tensor?.shape?.dim ?? []).map((d) =>
    d.dim_param !== undefined && d.dim_param !== '' ? String(d.dim_param) : Number(d.dim_value ?? 0),
  );
  return { name: String(vi.name ?? ''), elemType: tensor?.elem_type ?? 0, dims };
}

/**
 * Reads a model's metadata, opsets and graph signature without running it. Throws a clear error when the bytes
 * are not a ModelProto.
 */
export function readOnnxModelInfo(bytes: Uint8Array, file?: string): OnnxModelInfo {
  const ModelProto = onnxType('ModelProto');
  let obj: Record<string, unknown>;
  try {
    obj = ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, defaults: true, bytes: String }) as Record<
      string,
      unknown
    >;
  } catch (error) {
    throw new MlopsError(`Not an ONNX model: ${(error as Error).message}`, {
      kind: 'input',
      where: file ? { file } : undefined,
      expected: 'a serialized onnx.ModelProto (.onnx file)',
      hint: 'Export the model with torch.onnx.export, skl2onnx or tf2onnx and point the action at that file.',
    });
  }
  const graph = (obj.graph ?? {}) as Record<string, unknown>;
  const metadata: Record<string, string> = {};
  for (const entry of (obj.metadata_props ?? []) as { key: string; value: string }[]) metadata[entry.key] = entry.value;
  const opsets: Record<string, number> = {};
  for (const o of (obj.opset_import ?? []) as { domain: string; version: number }[]) opsets[o.domain] = o.version;
  // Old exporters list initializers among the inputs too; those are not inputs a caller feeds.
  const initializers = new Set(((graph.initializer ?? []) as { name: string }[]).map((t) => t.name));
  return {
    irVersion: Number(obj.ir_version ?? 0),
    producerName: String(obj.producer_name ?? ''),
    opsets,
    metadata,
    inputs: ((graph.input ?? []) as Record<string, unknown>[]).map(signature).filter((s) => !initializers.has(s.name)),
    outputs: ((graph.output ?? []) as Record<string, unknown>[]).map(signature),
  };
}

export function decodeString(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
