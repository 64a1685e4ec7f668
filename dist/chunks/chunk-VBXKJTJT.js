import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  require_protobufjs
} from "./chunk-UUN3K4J7.js";
import {
  MlopsError
} from "./chunk-FZ3ZHXNS.js";
import {
  __toESM
} from "./chunk-K5WE2JX7.js";

// src/core/model/onnx-proto.ts
var import_protobufjs = __toESM(require_protobufjs(), 1);
var ONNX_PROTO_SUBSET = `
syntax = "proto3";
package onnx;

message AttributeProto {
  enum AttributeType {
    UNDEFINED = 0; FLOAT = 1; INT = 2; STRING = 3; TENSOR = 4; GRAPH = 5; SPARSE_TENSOR = 11; TYPE_PROTO = 13;
    FLOATS = 6; INTS = 7; STRINGS = 8; TENSORS = 9; GRAPHS = 10; SPARSE_TENSORS = 12; TYPE_PROTOS = 14;
  }
  string name = 1;
  string ref_attr_name = 21;
  string doc_string = 13;
  AttributeType type = 20;
  float f = 2;
  int64 i = 3;
  bytes s = 4;
  TensorProto t = 5;
  GraphProto g = 6;
  repeated float floats = 7;
  repeated int64 ints = 8;
  repeated bytes strings = 9;
  repeated TensorProto tensors = 10;
  repeated GraphProto graphs = 11;
}

message ValueInfoProto {
  string name = 1;
  TypeProto type = 2;
  string doc_string = 3;
}

message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  string name = 3;
  string op_type = 4;
  string domain = 7;
  repeated AttributeProto attribute = 5;
  string doc_string = 6;
}

message StringStringEntryProto {
  string key = 1;
  string value = 2;
}

message OperatorSetIdProto {
  string domain = 1;
  int64 version = 2;
}

message ModelProto {
  int64 ir_version = 1;
  repeated OperatorSetIdProto opset_import = 8;
  string producer_name = 2;
  string producer_version = 3;
  string domain = 4;
  int64 model_version = 5;
  string doc_string = 6;
  GraphProto graph = 7;
  repeated StringStringEntryProto metadata_props = 14;
}

message GraphProto {
  repeated NodeProto node = 1;
  string name = 2;
  repeated TensorProto initializer = 5;
  string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
  repeated ValueInfoProto value_info = 13;
}

message TensorProto {
  repeated int64 dims = 1;
  int32 data_type = 2;
  repeated float float_data = 4 [packed = true];
  repeated int32 int32_data = 5 [packed = true];
  repeated bytes string_data = 6;
  repeated int64 int64_data = 7 [packed = true];
  string name = 8;
  string doc_string = 12;
  bytes raw_data = 9;
  repeated double double_data = 10 [packed = true];
}

message TensorShapeProto {
  message Dimension {
    oneof value {
      int64 dim_value = 1;
      string dim_param = 2;
    }
    string denotation = 3;
  }
  repeated Dimension dim = 1;
}

message TypeProto {
  message Tensor {
    int32 elem_type = 1;
    TensorShapeProto shape = 2;
  }
  oneof value {
    Tensor tensor_type = 1;
  }
  string denotation = 6;
}
`;
var root;
function onnxRoot() {
  root ??= import_protobufjs.default.parse(ONNX_PROTO_SUBSET, { keepCase: true }).root;
  return root;
}
function onnxType(name) {
  return onnxRoot().lookupType(`onnx.${name}`);
}
var DataType = {
  FLOAT: 1,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  DOUBLE: 11
};
var AttributeType = {
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8
};

// src/core/model/onnx-builder.ts
var DEFAULT_OPSET = 19;
var DEFAULT_IR_VERSION = 9;
var encoder = new TextEncoder();
var decoder = new TextDecoder();
function tensorObject(t) {
  const out = { name: t.name, data_type: t.dataType, dims: t.dims };
  const size = t.dims.reduce((a, b) => a * b, 1);
  if (t.values.length !== size) {
    throw new MlopsError(`ONNX tensor ${t.name} has ${t.values.length} values for dims [${t.dims.join(", ")}].`, {
      kind: "internal"
    });
  }
  switch (t.dataType) {
    case DataType.FLOAT:
      out.float_data = Array.from(t.values);
      break;
    case DataType.DOUBLE:
      out.double_data = Array.from(t.values);
      break;
    case DataType.INT64:
      out.int64_data = Array.from(t.values);
      break;
    case DataType.INT32:
    case DataType.BOOL:
      out.int32_data = Array.from(t.values);
      break;
    case DataType.STRING:
      out.string_data = t.values.map((s) => encoder.encode(s));
      break;
  }
  return out;
}
function attributeObject(name, value) {
  if (typeof value === "number") {
    return Number.isInteger(value) ? { name, type: AttributeType.INT, i: value } : { name, type: AttributeType.FLOAT, f: value };
  }
  if (typeof value === "string") return { name, type: AttributeType.STRING, s: encoder.encode(value) };
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === "string")) {
      return { name, type: AttributeType.STRINGS, strings: value.map((s) => encoder.encode(s)) };
    }
    return { name, type: AttributeType.INTS, ints: value };
  }
  if ("floats" in value) return { name, type: AttributeType.FLOATS, floats: value.floats };
  return { name, type: AttributeType.TENSOR, t: tensorObject(value) };
}
function valueInfo(name, elemType, dims) {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: elemType,
        shape: { dim: dims.map((d) => typeof d === "number" ? { dim_value: d } : { dim_param: d }) }
      }
    }
  };
}
var GraphBuilder = class {
  constructor(name) {
    this.name = name;
  }
  name;
  nodes = [];
  initializers = [];
  inputs = [];
  outputs = [];
  used = /* @__PURE__ */ new Set();
  counter = 0;
  /** A fresh, unique value name. */
  fresh(hint) {
    let name = `${hint}_${this.counter++}`;
    while (this.used.has(name)) name = `${hint}_${this.counter++}`;
    this.used.add(name);
    return name;
  }
  input(name, elemType, dims) {
    this.used.add(name);
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }
  output(name, elemType, dims) {
    this.outputs.push(valueInfo(name, elemType, dims));
    return name;
  }
  /** A constant tensor stored as an initializer; returns its value name. */
  constant(hint, dataType, dims, values) {
    const name = this.fresh(hint);
    this.initializers.push(tensorObject({ name, dataType, dims, values }));
    return name;
  }
  /**
   * Adds a node; returns its output names. `outputs` may name them (graph outputs must be named), otherwise
   * they are generated from the op type.
   */
  node(opType, inputs, options = {}) {
    const outputs = typeof options.outputs === "object" ? options.outputs : Array.from({ length: options.outputs ?? 1 }, () => this.fresh(opType.toLowerCase()));
    for (const o of outputs) this.used.add(o);
    this.nodes.push({
      input: inputs,
      output: outputs,
      name: `${opType}_${this.nodes.length}`,
      op_type: opType,
      domain: options.domain ?? "",
      attribute: Object.entries(options.attributes ?? {}).map(([k, v]) => attributeObject(k, v))
    });
    return outputs;
  }
  /** Single-output convenience for node(). */
  op(opType, inputs, attributes, output) {
    return this.node(opType, inputs, { attributes, outputs: output ? [output] : 1 })[0];
  }
  toObject() {
    return {
      name: this.name,
      node: this.nodes,
      initializer: this.initializers,
      input: this.inputs,
      output: this.outputs
    };
  }
};
function encodeModel(graph, options = {}) {
  const opsets = options.opsets ?? { "": DEFAULT_OPSET };
  const ModelProto = onnxType("ModelProto");
  const model = {
    ir_version: DEFAULT_IR_VERSION,
    producer_name: options.producerName ?? "mlops-actions",
    producer_version: options.producerVersion ?? "",
    doc_string: options.docString ?? "",
    opset_import: Object.entries(opsets).map(([domain, version]) => ({ domain, version })),
    graph: graph.toObject(),
    metadata_props: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value }))
  };
  const message = ModelProto.fromObject(model);
  return ModelProto.encode(message).finish();
}
function signature(vi) {
  const tensor = vi.type?.tensor_type;
  const dims = (tensor?.shape?.dim ?? []).map(
    (d) => d.dim_param !== void 0 && d.dim_param !== "" ? String(d.dim_param) : Number(d.dim_value ?? 0)
  );
  return { name: String(vi.name ?? ""), elemType: tensor?.elem_type ?? 0, dims };
}
function readOnnxModelInfo(bytes, file) {
  const ModelProto = onnxType("ModelProto");
  let obj;
  try {
    obj = ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, defaults: true, bytes: String });
  } catch (error) {
    throw new MlopsError(`Not an ONNX model: ${error.message}`, {
      kind: "input",
      where: file ? { file } : void 0,
      expected: "a serialized onnx.ModelProto (.onnx file)",
      hint: "Export the model with torch.onnx.export, skl2onnx or tf2onnx and point the action at that file."
    });
  }
  const graph = obj.graph ?? {};
  const metadata = {};
  for (const entry of obj.metadata_props ?? []) metadata[entry.key] = entry.value;
  const opsets = {};
  for (const o of obj.opset_import ?? []) opsets[o.domain] = o.version;
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name));
  return {
    irVersion: Number(obj.ir_version ?? 0),
    producerName: String(obj.producer_name ?? ""),
    opsets,
    metadata,
    inputs: (graph.input ?? []).map(signature).filter((s) => !initializers.has(s.name)),
    outputs: (graph.output ?? []).map(signature)
  };
}

export {
  DataType,
  GraphBuilder,
  encodeModel,
  readOnnxModelInfo
};
//# sourceMappingURL=chunk-VBXKJTJT.js.map
