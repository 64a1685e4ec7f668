/** Reports shaped exactly like the team's schemas (checked against them in the tests), for building cards. */
import type { EvaluationReport } from '../../src/core/evaluate/report.js';
import type { TrainRun } from '../../src/core/train/report.js';
import type { ValidationReport } from '../../src/core/validate/report.js';

const tool = { name: 'mlops-actions' as const, version: '0.1.0' };

export function sampleTrainRun(): TrainRun {
  return {
    kind: 'TrainRun',
    schemaVersion: 1,
    createdAt: '2026-01-02T03:04:05.000Z',
    tool,
    runId: 'run-42',
    status: 'succeeded',
    model: {
      name: 'penguins',
      task: 'multiclass',
      label: 'species',
      features: ['bill_length_mm', 'island'],
      classes: ['Adelie', 'Chinstrap', 'Gentoo'],
    },
    trainer: { kind: 'baseline', baseline: 'softmax' },
    code: { commit: '0123456789abcdef0123456789abcdef01234567', dirty: false, ref: 'refs/heads/main', paths: [] },
    data: [
      {
        role: 'train',
        source: 'data/train.csv',
        sha256: 'a'.repeat(64),
        bytes: 12345,
        files: [{ path: 'data/train.csv', bytes: 12345, sha256: 'a'.repeat(64) }],
      },
    ],
    params: { l2: 0.01, maxIterations: 200 },
    paramsHash: 'b'.repeat(64),
    environment: {
      os: 'Linux',
      platform: 'linux',
      arch: 'x64',
      cpu: { model: 'test cpu', cores: 2 },
      node: 'v24.0.0',
    },
    cache: { key: 'k', hit: false },
    startedAt: '2026-01-02T03:04:00.000Z',
    durationMs: 1234,
    exitCode: 0,
    artifact: { path: 'model.onnx', sha256: 'c'.repeat(64), bytes: 2048 },
    metrics: { train_accuracy: 0.97, train_log_loss: null },
  };
}

const est = (value: number | null, lower: number | null, upper: number | null) => ({ value, lower, upper });

export function sampleEvaluation(slices = 4): EvaluationReport {
  const sliceList = Array.from({ length: slices }, (_, i) => ({
    segment: 'island',
    values: { island: `Island${i}` },
    label: `island=Island${i}`,
    rows: 10 + i,
    gated: i % 3 !== 2,
    metrics: [
      {
        name: 'accuracy',
        direction: 'higher' as const,
        candidate: est(0.9 - i * 0.001, 0.8, 0.95),
        champion: est(0.88, 0.8, 0.93),
        delta: est(0.02, -0.01, 0.05),
      },
    ],
  }));
  return {
    kind: 'EvaluationReport',
    schemaVersion: 1,
    createdAt: '2026-01-02T03:05:00.000Z',
    tool,
    verdict: 'pass',
    headline: 'All 3 gates passed.',
    task: 'multiclass',
    label: 'species',
    classes: ['Adelie', 'Chinstrap', 'Gentoo'],
    data: { source: 'data/eval.csv', rows: 100, evaluatedRows: 100 },
    candidate: {
      ref: 'model.onnx',
      path: 'model.onnx',
      sha256: 'c'.repeat(64),
      sizeBytes: 2048,
      inputs: [{ name: 'bill_length_mm', type: 'tensor(float)', shape: ['N', 1] }],
      outputs: [{ name: 'label', type: 'tensor(string)', shape: ['N'] }],
      inputMapping: 'per-column',
      nonFiniteRows: 0,
    },
    champion: {
      ref: 'penguins#production',
      path: '/tmp/champion.onnx',
      sha256: 'd'.repeat(64),
      sizeBytes: 2000,
      version: '1.0.0',
      inputs: [],
      outputs: [],
      inputMapping: 'per-column',
      nonFiniteRows: 0,
    },
    settings: {
      bootstrap: { resamples: 1000, level: 0.95, seed: 1 },
      decideOn: 'bound',
      minSliceSupport: 30,
      segments: ['island'],
    },
    metrics: [
      {
        name: 'accuracy',
        direction: 'higher',
        candidate: est(0.93, 0.89, 0.96),
        champion: est(0.9, 0.86, 0.94),
        delta: est(0.03, 0.01, 0.05),
      },
      {
        name: 'log_loss',
        direction: 'lower',
        candidate: { value: null, lower: null, upper: null, reason: 'one class only' },
        champion: null,
        delta: null,
      },
    ],
    confusionMatrix: null,
    mcnemar: null,
    slices: sliceList,
    fairness: [
      {
        segment: 'sex',
        metric: 'demographic_parity_difference',
        positiveClass: 'Gentoo',
        value: 0.12,
        groups: [
          { value: 'female', rows: 50, rate: 0.3 },
          { value: 'male', rows: 50, rate: 0.42 },
        ],
      },
    ],
    gates: [
      {
        name: 'accuracy >= 0.85',
        type: 'value',
        metric: 'accuracy',
        slice: null,
        status: 'pass',
        severity: 'error',
        decidedOn: 'bound',
        observed: 0.89,
        threshold: 0.85,
        reason: 'lower bound 0.89 >= 0.85',
      },
      {
        name: 'accuracy change vs champion',
        type: 'change',
        metric: 'accuracy',
        slice: null,
        status: 'fail',
        severity: 'warning',
        decidedOn: 'bound',
        observed: -0.01,
        threshold: 0,
        reason: 'may regress by 0.01',
      },
    ],
    latency: {
      batchSize: 64,
      batches: 2,
      rows: 100,
      perRowMs: { p50: 0.01, p95: 0.02 },
      perBatchMs: { p50: 0.5, p95: 0.9 },
      rowsPerSecond: 90000,
    },
    warnings: [],
  };
}

export function sampleValidation(): ValidationReport {
  return {
    kind: 'ValidationReport',
    schemaVersion: 1,
    createdAt: '2026-01-02T03:03:00.000Z',
    tool,
    mode: 'check',
    dataset: { name: 'train', source: 'data/train.csv', format: 'csv', rows: 333, columns: 7 },
    schema: { file: '.mlops/schema/train.yaml', status: 'checked' },
    failOn: 'error',
    passed: false,
    summary: { checks: 3, failed: 1, warnings: 1 },
    columns: [],
    checks: [
      {
        id: 'c1',
        suite: 'column',
        name: 'bill_length_mm not null',
        severity: 'error',
        status: 'fail',
        message: '12 rows (3.6%) are null',
        samples: [],
      },
      {
        id: 'c2',
        suite: 'column',
        name: 'island in set',
        severity: 'warning',
        status: 'warn',
        message: '1 new value',
        samples: [],
      },
      {
        id: 'c3',
        suite: 'dataset',
        name: 'row count',
        severity: 'error',
        status: 'pass',
        message: '333 rows',
        samples: [],
      },
    ],
    durationMs: 12,
  };
}
