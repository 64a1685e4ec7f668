/**
 * Real ONNX models for registry tests, built with the project's ONNX builder: one float input [N, 1] per
 * feature, concatenated and multiplied by weights into `prediction` [N, 1]. Different weights give different
 * bytes (a new model); different features give a different input signature (a major version).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataType, encodeModel, GraphBuilder } from '../../src/core/model/onnx-builder.js';

export function buildModel(features: string[], weight: number): Uint8Array {
  const g = new GraphBuilder('registry_fixture');
  const inputs = features.map((f) => g.input(f, DataType.FLOAT, ['N', 1]));
  const x = inputs.length > 1 ? g.op('Concat', inputs, { axis: 1 }) : inputs[0]!;
  const w = g.constant(
    'w',
    DataType.FLOAT,
    [features.length, 1],
    features.map((_, i) => weight + i),
  );
  g.op('MatMul', [x, w], undefined, 'prediction');
  g.output('prediction', DataType.FLOAT, ['N', 1]);
  return encodeModel(g, {
    metadata: { 'mlops.task': 'regression', 'mlops.features': JSON.stringify(features) },
  });
}

export function writeModel(path: string, features: string[], weight: number): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, buildModel(features, weight));
  return path;
}

export const FEATURES = ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm'];
