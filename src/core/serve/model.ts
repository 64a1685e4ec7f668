/**
 * A loaded model version: the onnxruntime session, its signature (what each input expects) and how its outputs
 * become one prediction per row. Artifacts are verified by sha256 before onnxruntime sees a byte.
 */
import { webcrypto } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { InferenceSession, Tensor } from 'onnxruntime-common';
import { MlopsError } from '../errors.js';
import { metadataList, readMetadataProps } from '../model/session.js';
import { loadNative } from '../native.js';

export interface InputSignature {
  name: string;
  /** float32, float64, int64, string, ... as onnxruntime names them. */
  type: string;
  shape: (number | string)[];
}

export interface ModelSignature {
  inputs: InputSignature[];
  outputs: string[];
  /**
   * `columns`: one [N,1] input per feature (the built-in baselines). `matrix`: one float input [N,F] fed with
   * the features in metadata order (user models, e.g. PyTorch exports).
   */
  layout: 'columns' | 'matrix';
  features: string[];
  classes: string[] | undefined;
  task: string | undefined;
}

/** One row's answer: a class (with probabilities) or a number. */
export interface RowPrediction {
  label?: string;
  probabilities?: number[];
  value?: number;
}

export interface ModelSource {
  name: string;
  version: string;
  path: string;
  /** Expected sha256 of the file; loading refuses a file that does not match. */
  sha256: string;
  ref?: string;
}

export interface LoadedModel {
  name: string;
  version: string;
  sha256: string;
  ref: string | undefined;
  signature: ModelSignature;
  run(feeds: Record<string, Tensor>): Promise<InferenceSession.ReturnType>;
  /** Turns output tensors into one prediction per row. */
  rows(outputs: InferenceSession.ReturnType, n: number): RowPrediction[];
  release(): Promise<void>;
}

export async function loadModel(source: ModelSource): Promise<LoadedModel> {
  let bytes: Buffer;
  try {
    bytes = await readFile(source.path);
  } catch (error) {
    throw new MlopsError(`Cannot read model file ${source.path}.`, {
      kind: 'input',
      where: { file: source.path },
      cause: error,
      hint: 'Check the path, or the registry reference it was resolved from.',
    });
  }
  // Hashed on a thread-pool thread: a server loading a new version keeps answering meanwhile (a 200 MB model took
  // 136 ms of the event loop with createHash).
  const actual = Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
  if (actual !== source.sha256.toLowerCase()) {
    throw new MlopsError(`Model ${source.name}@${source.version} failed its checksum; refusing to load it.`, {
      kind: 'input',
      where: { file: source.path },
      expected: `sha256 ${source.sha256}`,
      found: `sha256 ${actual}`,
      hint: 'The artifact was changed or corrupted after registration; fetch it again from the artifact store.',
    });
  }
  const ort = await loadNative('onnxruntime-node');
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  } catch (error) {
    throw new MlopsError(`onnxruntime cannot load ${source.path}: ${(error as Error).message}`, {
      kind: 'input',
      where: { file: source.path },
      hint: 'Check that the file is an ONNX model (opset supported by onnxruntime-node).',
    });
  }
  const signature = readSignature(session, readMetadataProps(bytes));
  return {
    name: source.name,
    version: source.version,
    sha256: actual,
    ref: source.ref,
    signature,
    run: (feeds) => session.run(feeds),
    rows: (outputs, n) => outputRows(signature, outputs, n),
    release: () => session.release(),
  };
}

function readSignature(session: InferenceSession, meta: Record<string, string>): ModelSignature {
  const inputs: InputSignature[] = session.inputMetadata.map((m) =>
    m.isTensor
      ? { name: m.name, type: m.type, shape: [...m.shape] }
      : { name: m.name, type: 'unknown', shape: [] as (number | string)[] },
  );
  const metaFeatures = metadataList(meta, 'mlops.features');
  const only = inputs[0];
  const isMatrix =
    inputs.length === 1 &&
    only !== undefined &&
    only.type.startsWith('float') &&
    only.shape.length === 2 &&
    only.shape[1] !== 1 &&
    metaFeatures !== undefined;
  return {
    inputs,
    outputs: [...session.outputNames],
    layout: isMatrix ? 'matrix' : 'columns',
    features: isMatrix ? (metaFeatures ?? []) : inputs.map((i) => i.name),
    classes: metadataList(meta, 'mlops.classes'),
    task: meta['mlops.task'],
  };
}

function outputRows(signature: ModelSignature, outputs: InferenceSession.ReturnType, n: number): RowPrediction[] {
  const rows: RowPrediction[] = new Array(n);
  const label = outputs.label as Tensor | undefined;
  const labels = label?.data as ArrayLike<unknown> | undefined;
  const probs = (outputs.probabilities ?? outputs.logits) as Tensor | undefined;
  // Scores that do not split into whole rows (a malformed output) are left out rather than misread.
  const data = probs?.data as Float32Array | undefined;
  const scores = data && n > 0 && data.length % n === 0 ? data : undefined;
  const prediction = (outputs.prediction ?? outputs.variable) as Tensor | undefined;
  const values = prediction?.data as ArrayLike<number | bigint> | undefined;
  const width = scores ? scores.length / n : 0;
  const classes = signature.classes;
  for (let i = 0; i < n; i++) {
    const row: RowPrediction = {};
    if (scores) {
      // Plain arrays filled by index: Array.from over a subarray per row cost more than the rest of this loop.
      const p: number[] = new Array(width);
      let best = 0;
      for (let c = 0; c < width; c++) {
        const v = scores[i * width + c]!;
        p[c] = v;
        if (v > p[best]!) best = c;
      }
      row.probabilities = p;
      if (!labels && classes) row.label = classes[best];
    }
    if (labels) row.label = String(labels[i]);
    if (values) row.value = Number(values[i]);
    rows[i] = row;
  }
  return rows;
}
