/**
 * evaluate-gate benchmark on 1M rows (same script, same machine, same moment):
 * (a) inference throughput of the gate's batched path against a plain onnxruntime-node loop that only calls
 *     session.run on tensors built beforehand (the gate converts columns, reads outputs, keeps predictions);
 * (b) 1,000 bootstrap resamples of ROC AUC and accuracy against a Python loop with NumPy resampling and
 *     scikit-learn's metrics (Debian's /usr/bin/python3).
 *
 *   node --import tsx bench/evaluate/run.ts [--rows 1000000] [--resamples 1000] [--python-resamples 1000]
 *
 * --python-resamples below --resamples times that many Python replicates and scales the time up (stated).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Tensor } from 'onnxruntime-common';
import { closeEngine, openDataset } from '../../src/core/data/engine.js';
import type { ColumnBatch, ColumnInfo } from '../../src/core/data/types.js';
import { collectPredictions, type EvaluationSource } from '../../src/core/evaluate/collect.js';
import { computeMetrics } from '../../src/core/evaluate/metrics.js';
import {
  descendingOrder,
  permuteClassification,
  prepareClassification,
} from '../../src/core/evaluate/metrics-classification.js';
import { evaluatePopulation } from '../../src/core/evaluate/population.js';
import { planInference } from '../../src/core/model/inference.js';
import { DataType, encodeModel, GraphBuilder } from '../../src/core/model/onnx-builder.js';
import { exportBaselineOnnx } from '../../src/core/model/onnx-linear.js';
import { loadModel } from '../../src/core/model/session.js';
import { loadNative } from '../../src/core/native.js';
import { bootstrapReplicates } from '../../src/core/stats/bootstrap.js';
import { Random } from '../../src/core/stats/random.js';
import { trainBaseline } from '../../src/core/train/baseline.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ROWS = arg('rows', 1_000_000);
const RESAMPLES = arg('resamples', 1000);
const PY_RESAMPLES = arg('python-resamples', RESAMPLES);
const BATCH = arg('batch', 65536);
const FEATURES = 8;
const dataDir = resolve(import.meta.dirname, '..', '.data');
mkdirSync(dataDir, { recursive: true });
const csv = join(dataDir, `evaluate-${ROWS}.csv`);

function generate(): void {
  const rng = new Random(7);
  const beta = Array.from({ length: FEATURES }, (_, j) => (j % 2 ? -1 : 1) * (0.2 + 0.1 * j));
  const lines: string[] = [`${Array.from({ length: FEATURES }, (_, j) => `f${j}`).join(',')},label`];
  for (let i = 0; i < ROWS; i++) {
    const x = Array.from({ length: FEATURES }, () => rng.normal());
    const z = x.reduce((s, v, j) => s + v * beta[j]!, 0) + rng.normal();
    lines.push(`${x.map((v) => v.toFixed(5)).join(',')},${z > 0 ? 'yes' : 'no'}`);
  }
  writeFileSync(csv, `${lines.join('\n')}\n`);
}

/** A small MLP over one [N, 8] float input (the shape of a PyTorch export): 8 -> 64 -> 64 -> 2, softmax. */
function mlpModel(path: string, classes: string[]): void {
  const rng = new Random(11);
  const g = new GraphBuilder('mlp');
  g.input('features', DataType.FLOAT, ['N', FEATURES]);
  let h = 'features';
  let width = FEATURES;
  for (const [i, next] of [64, 64, 2].entries()) {
    const w = g.constant(
      `w${i}`,
      DataType.FLOAT,
      [width, next],
      Array.from({ length: width * next }, () => rng.normal() / Math.sqrt(width)),
    );
    const b = g.constant(`b${i}`, DataType.FLOAT, [next], new Array<number>(next).fill(0));
    h = g.op('Add', [g.op('MatMul', [h, w]), b]);
    if (next !== 2) h = g.op('Relu', [h]);
    width = next;
  }
  g.node('Softmax', [h], { outputs: ['probabilities'], attributes: { axis: 1 } });
  g.output('probabilities', DataType.FLOAT, ['N', 2]);
  const features = JSON.stringify(Array.from({ length: FEATURES }, (_, j) => `f${j}`));
  writeFileSync(
    path,
    encodeModel(g, { metadata: { 'mlops.classes': JSON.stringify(classes), 'mlops.features': features } }),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const ms = (t: number) => `${t.toFixed(0)} ms`;
const rate = (rows: number, t: number) => `${Math.round(rows / (t / 1000)).toLocaleString('en-US')} rows/s`;

async function main(): Promise<void> {
  if (!existsSync(csv)) {
    process.stdout.write(`generating ${ROWS.toLocaleString('en-US')} rows into ${csv}\n`);
    generate();
  }
  const dataset = await openDataset(csv);
  const featureNames = Array.from({ length: FEATURES }, (_, j) => `f${j}`);
  const all = await dataset.readAll([...featureNames, 'label']);
  const trainRows = 50_000;
  const trainCols = Object.fromEntries(
    Object.entries(all.columns).map(([k, v]) => [
      k,
      v instanceof Float64Array ? v.subarray(0, trainRows) : v.slice(0, trainRows),
    ]),
  );
  const { model: baseline } = trainBaseline({ rowCount: trainRows, columns: trainCols }, { label: 'label' });
  const modelPath = join(dataDir, 'evaluate-logistic.onnx');
  writeFileSync(modelPath, exportBaselineOnnx(baseline));
  const model = await loadModel(modelPath);
  const plan = planInference(model, dataset.columns, { label: 'label' });
  const ort = await loadNative('onnxruntime-node');

  // The same batches for both sides, in memory, so (a) compares inference paths, not disk reads.
  const batches: ColumnBatch[] = [];
  for await (const b of dataset.batches([...featureNames, 'label'], { batchSize: BATCH })) batches.push(b);
  const memory: EvaluationSource = {
    source: csv,
    columns: dataset.columns as ColumnInfo[],
    async *batches() {
      for (const b of batches) yield b;
    },
    rowCount: async () => ROWS,
  };
  const plainFeeds: Record<string, Tensor>[] = batches.map((b) =>
    Object.fromEntries(
      featureNames.map((f) => [
        f,
        new ort.Tensor('float32', Float32Array.from(b.columns[f] as Float64Array), [b.rowCount, 1]),
      ]),
    ),
  );
  const options = {
    label: 'label',
    task: 'binary' as const,
    classes: baseline.classes,
    segments: [],
    batchSize: BATCH,
  };
  // Warm up both paths once.
  await model.run(plainFeeds[0]!);
  await collectPredictions(
    {
      ...memory,
      batches: async function* () {
        yield batches[0]!;
      },
    },
    [{ model, plan }],
    options,
  );

  const rounds = 5;
  let plain = Number.POSITIVE_INFINITY;
  let plainProbabilities = Number.POSITIVE_INFINITY;
  let gate = Number.POSITIVE_INFINITY;
  let collected: Awaited<ReturnType<typeof collectPredictions>> | undefined;
  const probabilitiesOnly = [plan.outputs.probabilities!];
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    for (const feeds of plainFeeds) await model.run(feeds);
    plain = Math.min(plain, performance.now() - t);
    t = performance.now();
    for (const feeds of plainFeeds) await model.run(feeds, probabilitiesOnly);
    plainProbabilities = Math.min(plainProbabilities, performance.now() - t);
    t = performance.now();
    collected = await collectPredictions(memory, [{ model, plan }], options);
    gate = Math.min(gate, performance.now() - t);
  }
  let t = performance.now();
  await collectPredictions(dataset, [{ model, plan }], options);
  const gateWithEngine = performance.now() - t;
  const ratioA = gate / plain;

  // The same comparison for a model whose inference costs more than a logistic regression: an MLP.
  const mlpPath = join(dataDir, 'evaluate-mlp.onnx');
  mlpModel(mlpPath, baseline.classes);
  const mlp = await loadModel(mlpPath);
  const mlpPlan = planInference(mlp, dataset.columns, { label: 'label' });
  const mlpFeeds: Record<string, Tensor>[] = batches.map((b) => {
    const x = new Float32Array(b.rowCount * FEATURES);
    featureNames.forEach((f, j) => {
      const col = b.columns[f] as Float64Array;
      for (let i = 0; i < b.rowCount; i++) x[i * FEATURES + j] = col[i]!;
    });
    return { features: new ort.Tensor('float32', x, [b.rowCount, FEATURES]) };
  });
  let mlpPlain = Number.POSITIVE_INFINITY;
  let mlpGate = Number.POSITIVE_INFINITY;
  // Cores in use (process CPU time / wall time): onnxruntime filling both cores leaves no room to hide the
  // gate's own work beside inference.
  const plainCores: number[] = [];
  const gateCores: number[] = [];
  const cores = (cpu: NodeJS.CpuUsage, wall: number) => (cpu.user + cpu.system) / 1000 / wall;
  for (let r = 0; r < rounds; r++) {
    let cpu = process.cpuUsage();
    let t0 = performance.now();
    for (const feeds of mlpFeeds) await mlp.run(feeds);
    let wall = performance.now() - t0;
    plainCores.push(cores(process.cpuUsage(cpu), wall));
    mlpPlain = Math.min(mlpPlain, wall);
    cpu = process.cpuUsage();
    t0 = performance.now();
    await collectPredictions(memory, [{ model: mlp, plan: mlpPlan }], options);
    wall = performance.now() - t0;
    gateCores.push(cores(process.cpuUsage(cpu), wall));
    mlpGate = Math.min(mlpGate, wall);
  }
  await mlp.release();

  // (b) bootstrap of ROC AUC and accuracy on the model's own 1M predictions.
  const c = collected!;
  const yTrue = c.yTrue as Int32Array;
  const proba = c.models[0]!.proba!;
  const predicted = c.models[0]!.predicted!;
  t = performance.now();
  const result = await evaluatePopulation(
    {
      task: 'binary',
      candidate: { classes: baseline.classes, yTrue, yPred: predicted, proba },
      champion: null,
      positive: 1,
    },
    ['roc_auc', 'accuracy'],
    { resamples: RESAMPLES, level: 0.95, seed: 1 },
    'bench',
  );
  const jsBoot = performance.now() - t;
  // Per-replicate times (median), less sensitive to other load on a shared machine than the totals.
  const order = descendingOrder(proba, 2, 1, yTrue.length);
  const prepared = {
    task: 'binary' as const,
    data: prepareClassification(
      permuteClassification({ classes: baseline.classes, yTrue, yPred: predicted, proba }, order!),
      1,
    ),
  };
  const stamps: number[] = [];
  bootstrapReplicates(yTrue.length, 2, Math.min(RESAMPLES, 200), 2, (counts) => {
    stamps.push(performance.now());
    const m = computeMetrics(prepared, ['roc_auc', 'accuracy'], counts);
    return [m.roc_auc!.value ?? Number.NaN, m.accuracy!.value ?? Number.NaN];
  });
  const jsPerReplicate = median(stamps.slice(1).map((v, i) => v - stamps[i]!));
  const scores = Float64Array.from({ length: yTrue.length }, (_, i) => proba[2 * i + 1]!);
  writeFileSync(join(dataDir, 'evaluate-y.i32'), new Uint8Array(yTrue.buffer, yTrue.byteOffset, yTrue.byteLength));
  writeFileSync(
    join(dataDir, 'evaluate-pred.i32'),
    new Uint8Array(predicted.buffer, predicted.byteOffset, predicted.byteLength),
  );
  writeFileSync(join(dataDir, 'evaluate-score.f64'), new Uint8Array(scores.buffer));
  const py = execFileSync(
    '/usr/bin/python3',
    [
      '-c',
      `
import json, time, sys
import numpy as np
from sklearn.metrics import roc_auc_score, accuracy_score
d = sys.argv[1]
y = np.fromfile(d + "/evaluate-y.i32", dtype=np.int32)
p = np.fromfile(d + "/evaluate-pred.i32", dtype=np.int32)
s = np.fromfile(d + "/evaluate-score.f64", dtype=np.float64)
rng = np.random.default_rng(1)
n = len(y)
aucs, accs, times = [], [], []
t = time.perf_counter()
for _ in range(int(sys.argv[2])):
    t0 = time.perf_counter()
    idx = rng.integers(0, n, n)
    aucs.append(roc_auc_score(y[idx], s[idx]))
    accs.append(accuracy_score(y[idx], p[idx]))
    times.append(time.perf_counter() - t0)
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "median": float(np.median(times)), "auc": [float(np.percentile(aucs, 2.5)), float(np.percentile(aucs, 97.5))],
                  "acc": [float(np.percentile(accs, 2.5)), float(np.percentile(accs, 97.5))],
                  "auc_point": float(roc_auc_score(y, s)), "acc_point": float(accuracy_score(y, p))}))
`,
      dataDir,
      String(PY_RESAMPLES),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const pyResult = JSON.parse(py) as {
    seconds: number;
    median: number;
    auc: number[];
    acc: number[];
    auc_point: number;
    acc_point: number;
  };
  const pyMillis = pyResult.seconds * 1000 * (RESAMPLES / PY_RESAMPLES);
  const auc = result.metrics.find((m) => m.name === 'roc_auc')!.candidate;
  const acc = result.metrics.find((m) => m.name === 'accuracy')!.candidate;

  const lines = [
    `rows: ${ROWS.toLocaleString('en-US')}, batch ${BATCH.toLocaleString('en-US')}, ${FEATURES} float inputs [N,1], logistic baseline ONNX`,
    '',
    '(a) inference throughput (best of 5, same in-memory batches)',
    `  plain onnxruntime-node loop, session.run(feeds) on prebuilt tensors: ${ms(plain)}  ${rate(ROWS, plain)}`,
    `  same loop fetching only the probabilities output:                  ${ms(plainProbabilities)}  ${rate(ROWS, plainProbabilities)}`,
    `  gate inference path (convert columns, run, read outputs, keep):   ${ms(gate)}  ${rate(ROWS, gate)}`,
    `  ratio gate / plain loop: ${ratioA.toFixed(3)} (target <= 1.10)`,
    `  ratio gate / probabilities-only loop: ${(gate / plainProbabilities).toFixed(3)}`,
    `  gate including DuckDB CSV reading: ${ms(gateWithEngine)}  ${rate(ROWS, gateWithEngine)}`,
    `  MLP 8-64-64-2 on one [N, 8] input: plain loop ${ms(mlpPlain)} (${rate(ROWS, mlpPlain)}), gate ${ms(mlpGate)} (${rate(ROWS, mlpGate)}), ratio ${(mlpGate / mlpPlain).toFixed(3)}`,
    `  cores in use during the MLP runs (CPU time / wall time, median): plain ${median(plainCores).toFixed(2)}, gate ${median(gateCores).toFixed(2)}`,
    '',
    `(b) ${RESAMPLES} bootstrap resamples of ROC AUC + accuracy on ${ROWS.toLocaleString('en-US')} rows`,
    `  mlops (multinomial counts as weights, one ranking pass): ${ms(jsBoot)}`,
    `  Python loop (NumPy resampling + scikit-learn): ${ms(pyMillis)}${PY_RESAMPLES !== RESAMPLES ? ` (measured ${PY_RESAMPLES} resamples, scaled)` : ''}`,
    `  speed-up: ${(pyMillis / jsBoot).toFixed(1)}x (target >= 20x)`,
    `  median time per replicate: mlops ${jsPerReplicate.toFixed(1)} ms, Python ${(pyResult.median * 1000).toFixed(1)} ms: ${((pyResult.median * 1000) / jsPerReplicate).toFixed(1)}x`,
    `  AUC ${auc.value?.toFixed(6)} CI [${auc.lower?.toFixed(5)}, ${auc.upper?.toFixed(5)}] vs sklearn ${pyResult.auc_point.toFixed(6)} CI [${pyResult.auc.map((v) => v.toFixed(5)).join(', ')}]`,
    `  accuracy ${acc.value?.toFixed(6)} CI [${acc.lower?.toFixed(5)}, ${acc.upper?.toFixed(5)}] vs sklearn ${pyResult.acc_point.toFixed(6)} CI [${pyResult.acc.map((v) => v.toFixed(5)).join(', ')}]`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await model.release();
  await closeEngine();
}

await main();
