/**
 * Baseline logistic regression (TypeScript, L-BFGS) vs scikit-learn LogisticRegression(lbfgs) on the same data:
 * 1M training rows x 16 features plus 200k held-out rows, generated once into bench/.data/ as raw float64
 * (row-major, label last) and read by both sides. Both standardize the features and fit with C=1, tol=1e-4;
 * the timed part is the fit (preprocessing + solver; best of --repeats runs on each side, since CI machines are
 * noisy), accuracy is measured on the held-out rows.
 *
 *   node --import tsx bench/train/run.ts [--rows 1000000] [--features 16] [--repeats 3]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { predictBaseline, trainBaseline } from '../../src/core/train/baseline.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    features: { type: 'string', default: '16' },
    repeats: { type: 'string', default: '3' },
  },
});
const rows = Number(args.rows);
const features = Number(args.features);
const repeats = Number(args.repeats);
const testRows = Math.round(rows / 5);
const dataDir = join(import.meta.dirname, '..', '.data');
const file = (split: string) => join(dataDir, `train-logistic-${rows}x${features}-${split}.f64`);

/** Deterministic xorshift + Box-Muller so every run benchmarks the same data. */
function generator(seed: number) {
  let s = seed >>> 0 || 1;
  const uniform = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
  return { uniform, normal: () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()) };
}

function generate(): void {
  if (existsSync(file('train')) && existsSync(file('test'))) return;
  mkdirSync(dataDir, { recursive: true });
  const { uniform, normal } = generator(20261123);
  const weights = Array.from({ length: features }, (_, j) => (j % 2 === 0 ? 1 : -1) * (0.2 + (j % 5) * 0.3));
  const offsets = Array.from({ length: features }, (_, j) => j * 3);
  const scales = Array.from({ length: features }, (_, j) => 1 + j);
  for (const [split, n] of [
    ['train', rows],
    ['test', testRows],
  ] as const) {
    const out = new Float64Array(n * (features + 1));
    for (let i = 0; i < n; i++) {
      let z = 0.3;
      for (let j = 0; j < features; j++) {
        const v = normal();
        out[i * (features + 1) + j] = offsets[j]! + scales[j]! * v;
        z += weights[j]! * v;
      }
      const p = 1 / (1 + Math.exp(-z));
      out[i * (features + 1) + features] = uniform() < p ? 1 : 0;
    }
    writeFileSync(file(split), out);
  }
}

function load(split: string) {
  const buf = readFileSync(file(split));
  const all = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
  const n = all.length / (features + 1);
  const columns: Record<string, Float64Array> = {};
  for (let j = 0; j <= features; j++) {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = all[i * (features + 1) + j]!;
    columns[j === features ? 'y' : `x${j}`] = col;
  }
  return { n, columns };
}

const SKLEARN = `
import json, sys, time
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
a = json.load(sys.stdin)
f = a["features"]
train = np.fromfile(a["train"], dtype=np.float64).reshape(-1, f + 1)
test = np.fromfile(a["test"], dtype=np.float64).reshape(-1, f + 1)
X, y = train[:, :f], train[:, f]
seconds = float("inf")
for _ in range(a["repeats"]):
    t = time.perf_counter()
    model = make_pipeline(StandardScaler(), LogisticRegression(solver="lbfgs", C=1.0, tol=1e-4, max_iter=100))
    model.fit(X, y)
    seconds = min(seconds, time.perf_counter() - t)
acc = float((model.predict(test[:, :f]) == test[:, f]).mean())
print(json.dumps({"seconds": seconds, "accuracy": acc, "iterations": int(model[-1].n_iter_[0])}))
`;

generate();
const train = load('train');
const test = load('test');

let oursSeconds = Number.POSITIVE_INFINITY;
let result: ReturnType<typeof trainBaseline> | undefined;
for (let r = 0; r < repeats; r++) {
  const t0 = performance.now();
  result = trainBaseline({ rowCount: train.n, columns: train.columns }, { label: 'y', baseline: 'logistic' });
  oursSeconds = Math.min(oursSeconds, (performance.now() - t0) / 1000);
}
if (!result) throw new Error('--repeats must be at least 1');
const predicted = predictBaseline(result.model, { rowCount: test.n, columns: test.columns }).labels!;
let correct = 0;
for (let i = 0; i < test.n; i++) if (predicted[i] === String(test.columns.y![i])) correct++;
const oursAccuracy = correct / test.n;

const sk = JSON.parse(
  execFileSync('/usr/bin/python3', ['-c', SKLEARN], {
    input: JSON.stringify({ train: file('train'), test: file('test'), features, repeats }),
    encoding: 'utf8',
  }),
) as { seconds: number; accuracy: number; iterations: number };

const lines = [
  `rows ${rows} x ${features} features (held-out ${testRows}), node ${process.version}, best of ${repeats}`,
  `mlops baseline logistic: ${oursSeconds.toFixed(3)} s, accuracy ${oursAccuracy.toFixed(4)}, ${result.solver.iterations} iterations`,
  `scikit-learn lbfgs:      ${sk.seconds.toFixed(3)} s, accuracy ${sk.accuracy.toFixed(4)}, ${sk.iterations} iterations`,
  `time ratio (ours / sklearn): ${(oursSeconds / sk.seconds).toFixed(2)}x; accuracy difference: ${((oursAccuracy - sk.accuracy) * 100).toFixed(2)} points`,
];
process.stdout.write(`${lines.join('\n')}\n`);
