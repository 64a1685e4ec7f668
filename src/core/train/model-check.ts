/**
 * A trained model must be an ONNX file onnxruntime can load; the check loads it for real and reports the
 * runtime's own message when it cannot.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { MlopsError } from '../errors.js';
import { type OnnxModelInfo, readOnnxModelInfo } from '../model/onnx-builder.js';
import { loadNative } from '../native.js';

export interface CheckedModel {
  info: OnnxModelInfo;
  inputs: readonly string[];
  outputs: readonly string[];
  bytes: number;
}

export async function checkOnnxModel(path: string, displayPath = path): Promise<CheckedModel> {
  if (!existsSync(path) || !(await stat(path)).isFile()) {
    throw new MlopsError(`The training command did not write a model to ${displayPath}.`, {
      kind: 'input',
      where: { file: displayPath },
      expected: 'an ONNX file at the path in MLOPS_MODEL_PATH',
      found: 'no file',
      hint: 'Save the model to os.environ["MLOPS_MODEL_PATH"] (e.g. torch.onnx.export(model, x, os.environ["MLOPS_MODEL_PATH"])).',
    });
  }
  const bytes = await readFile(path);
  if (bytes.length === 0) {
    throw new MlopsError(`The model file ${displayPath} is empty.`, {
      kind: 'input',
      where: { file: displayPath },
      expected: 'an ONNX model',
      found: '0 bytes',
    });
  }
  const info = readOnnxModelInfo(bytes, displayPath);
  const ort = await loadNative('onnxruntime-node');
  try {
    const session = await ort.InferenceSession.create(bytes);
    const checked = { info, inputs: [...session.inputNames], outputs: [...session.outputNames], bytes: bytes.length };
    await session.release();
    return checked;
  } catch (error) {
    throw new MlopsError(`${displayPath} is not a valid ONNX model: onnxruntime cannot load it.`, {
      kind: 'input',
      where: { file: displayPath },
      found: (error as Error).message.split('\n')[0],
      hint: 'Export with a supported opset (torch.onnx.export(..., opset_version=17)) and check it with onnx.checker.',
    });
  }
}
