/**
 * Loads an ONNX model with onnxruntime-node and describes it: inputs and outputs (name, element type, shape),
 * custom metadata (metadata_props: mlops.classes, mlops.task, mlops.features), size and sha256. Serve, drift
 * and evaluate share it.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { InferenceSession, Tensor } from 'onnxruntime-common';
import protobuf from 'protobufjs';
import { MlopsError } from '../errors.js';
import { loadNative } from '../native.js';

export interface ValueSignature {
  name: string;
  /** onnxruntime type name: float32, float64, int64, string, ...; 'non-tensor' for sequences/maps. */
  type: string;
  /** Dimensions; a string is a symbolic dimension such as "N". */
  shape: (number | string)[];
}

export interface LoadedModel {
  path: string;
  sizeBytes: number;
  sha256: string;
  inputs: ValueSignature[];
  outputs: ValueSignature[];
  metadata: Record<string, string>;
  session: InferenceSession;
  /** Runs the model; `fetches` limits the outputs computed and converted (all when omitted). */
  run(feeds: Record<string, Tensor>, fetches?: string[]): Promise<Record<string, Tensor>>;
  release(): Promise<void>;
}

export interface LoadOptions {
  /** onnxruntime intra-op threads; default: onnxruntime's own choice (all cores). */
  threads?: number;
}

const decoder = new TextDecoder();

function readEntry(bytes: Uint8Array): [string, string] {
  const r = protobuf.Reader.create(bytes);
  let key = '';
  let value = '';
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag >>> 3 === 1 && (tag & 7) === 2) key = decoder.decode(r.bytes());
    else if (tag >>> 3 === 2 && (tag & 7) === 2) value = decoder.decode(r.bytes());
    else r.skipType(tag & 7);
  }
  return [key, value];
}

/** ModelProto.metadata_props (field 14), read by skipping everything else (weights are never decoded). */
export function readMetadataProps(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const r = protobuf.Reader.create(bytes);
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

function signatures(meta: readonly InferenceSession.ValueMetadata[]): ValueSignature[] {
  return meta.map((m) =>
    m.isTensor
      ? { name: m.name, type: m.type, shape: [...m.shape].map((d) => (typeof d === 'number' ? d : String(d))) }
      : { name: m.name, type: 'non-tensor', shape: [] },
  );
}

export function describeSignature(s: ValueSignature): string {
  return `${s.name} (${s.type} [${s.shape.map((d) => (d === -1 ? '?' : String(d))).join(', ')}])`;
}

export async function loadModel(path: string, options: LoadOptions = {}): Promise<LoadedModel> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new MlopsError(`Cannot read the model file ${path}: ${(error as Error).message}`, {
      kind: 'input',
      where: { file: path },
      hint: 'Check the path (relative to working-directory) and that the training step produced the file.',
    });
  }
  const ort = await loadNative('onnxruntime-node');
  let session: InferenceSession;
  let metadata: Record<string, string>;
  try {
    metadata = readMetadataProps(bytes);
    session = await ort.InferenceSession.create(bytes, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      ...(options.threads ? { intraOpNumThreads: options.threads } : {}),
    });
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0] ?? '';
    throw new MlopsError(`${path} is not a loadable ONNX model: ${detail}`, {
      kind: 'input',
      where: { file: path },
      expected: 'an ONNX model file (a serialized onnx.ModelProto)',
      found: `${bytes.length} bytes starting with ${JSON.stringify(bytes.subarray(0, 16).toString('latin1'))}`,
      hint: 'Export the model to ONNX (torch.onnx.export, skl2onnx, tf2onnx) or use the model written by the train action.',
    });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { size } = await stat(path);
  return {
    path,
    sizeBytes: size,
    sha256,
    inputs: signatures(session.inputMetadata),
    outputs: signatures(session.outputMetadata),
    metadata,
    session,
    run: (feeds, fetches) =>
      (fetches ? session.run(feeds, fetches) : session.run(feeds)) as Promise<Record<string, Tensor>>,
    release: () => session.release(),
  };
}

/** A JSON array of strings from a metadata value, or undefined when absent or malformed. */
export function metadataList(metadata: Record<string, string>, key: string): string[] | undefined {
  const text = metadata[key];
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}
