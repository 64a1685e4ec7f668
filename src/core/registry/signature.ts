/** The model's input/output signature, read from the ONNX graph without running it. */
import { readFile } from 'node:fs/promises';
import { sha256 } from '../fs.js';
import { readOnnxModelInfo } from '../model/onnx-builder.js';
import type { ModelSignature, TensorSignature } from './schema.js';

const ELEM_TYPES: Record<number, string> = {
  1: 'float',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'double',
  12: 'uint32',
  13: 'uint64',
  16: 'bfloat16',
};

export interface OnnxFacts {
  signature: ModelSignature;
  metadata: Record<string, string>;
}

export function signatureHash(inputs: TensorSignature[]): string {
  const canonical = inputs.map((i) => `${i.name}:${i.type}:${i.shape.length}`).join('\n');
  return sha256(canonical);
}

export async function readOnnxFacts(file: string): Promise<OnnxFacts> {
  const info = readOnnxModelInfo(await readFile(file), file);
  const map = (s: { name: string; elemType: number; dims: (number | string)[] }): TensorSignature => ({
    name: s.name,
    type: ELEM_TYPES[s.elemType] ?? `type${s.elemType}`,
    shape: s.dims,
  });
  const inputs = info.inputs.map(map);
  return {
    signature: { inputs, outputs: info.outputs.map(map), inputsHash: signatureHash(inputs) },
    metadata: info.metadata,
  };
}
