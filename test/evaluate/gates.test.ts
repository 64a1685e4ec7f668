/**
 * Gate decisions on populations built from real bootstrap replicates of generated predictions: relative change
 * bounds, Holm's correction rescuing a slice that would fail alone, point versus bound, budgets.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateConfig } from '../../src/core/evaluate/config.js';
import { decideGates, type SlicePopulation } from '../../src/core/evaluate/gates.js';
import { evaluatePopulation, type PopulationResult } from '../../src/core/evaluate/population.js';
import type { LatencyResult } from '../../src/core/evaluate/report.js';
import { Random } from '../../src/core/stats/random.js';

const latency: LatencyResult = {
  batchSize: 100,
  batches: 1,
  rows: 100,
  perRowMs: { p50: 0.4, p95: 2.5 },
  perBatchMs: { p50: 3, p95: 4 },
  rowsPerSecond: 30000,
};

/** Binary labels and predictions where the candidate is right with probability pc and the champion with ph. */
function population(n: number, pc: number, ph: number, seed: number, resamples = 500): Promise<PopulationResult> {
  const rng = new Random(seed);
  const yTrue = new Int32Array(n);
  const cand = new Int32Array(n);
  const champ = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const y = rng.int(2);
    yTrue[i] = y;
    cand[i] = rng.next() < pc ? y : 1 - y;
    champ[i] = rng.next() < ph ? y : 1 - y;
  }
  const classes = ['no', 'yes'];
  return evaluatePopulation(
    {
      task: 'binary',
      candidate: { classes, yTrue, yPred: cand, proba: null },
      champion: { classes, yTrue, yPred: champ, proba: null },
      positive: 1,
    },
    ['accuracy'],
    { resamples, level: 0.95, seed: 3 },
    `pop-${seed}`,
  );
}

test('relative change gate: tolerance is a share of the champion value', async () => {
  const overall = await population(4000, 0.78, 0.8, 1);
  const acc = overall.metrics[0]!;
  const drop = -acc.delta!.value!;
  assert.ok(drop > 0.005 && drop < 0.05, `drop ${drop}`);
  const config = evaluateConfig.parse({});
  const lenient = decideGates({
    config,
    gates: [{ metric: 'accuracy', change: { tolerance: 0.1, relative: true }, slices: false, severity: 'error' }],
    overall,
    slices: [],
    hasChampion: true,
    latency,
    sizeBytes: 1000,
  });
  assert.equal(lenient[0]!.status, 'pass', lenient[0]!.reason);
  assert.ok(Math.abs(lenient[0]!.threshold! + 0.1 * overall.point.get('accuracy')!.champion!.value!) < 1e-12);
  const strict = decideGates({
    config: evaluateConfig.parse({ decideOn: 'point' }),
    gates: [{ metric: 'accuracy', change: { tolerance: 0.001, relative: true }, slices: false, severity: 'error' }],
    overall,
    slices: [],
    hasChampion: true,
    latency,
    sizeBytes: 1000,
  });
  assert.equal(strict[0]!.status, 'fail');
  assert.equal(strict[0]!.decidedOn, 'point');
});

test("Holm's correction across slices: a borderline slice fails alone but not among many", async () => {
  const overall = await population(2000, 0.9, 0.9, 2);
  // Search generated slices for one whose violation p-value is borderline: below 0.025 alone, above after x4.
  const config = evaluateConfig.parse({});
  const gate = { metric: 'accuracy', lower: 0.8, slices: true, severity: 'error' as const };
  let borderline: PopulationResult | undefined;
  for (let seed = 10; seed < 400 && !borderline; seed++) {
    const candidate = await population(120, 0.75, 0.75, seed, 400);
    const single = decideGates({
      config,
      gates: [gate],
      overall,
      slices: [{ label: 's', gated: true, rows: 120, result: candidate }],
      hasChampion: true,
      latency,
      sizeBytes: 1,
    }).find((g) => g.slice === 's')!;
    if (single.status === 'fail' && single.pValue! * 4 >= 0.025) borderline = candidate;
  }
  assert.ok(borderline, 'a borderline slice exists among the generated ones');
  const clean = async (seed: number): Promise<SlicePopulation> => ({
    label: `ok-${seed}`,
    gated: true,
    rows: 300,
    result: await population(300, 0.95, 0.95, seed, 400),
  });
  const slices = [
    { label: 'borderline', gated: true, rows: 120, result: borderline },
    await clean(501),
    await clean(502),
    await clean(503),
  ];
  const results = decideGates({ config, gates: [gate], overall, slices, hasChampion: true, latency, sizeBytes: 1 });
  const decided = results.find((g) => g.slice === 'borderline')!;
  assert.equal(decided.status, 'pass', decided.reason);
  assert.match(decided.reason, /not after Holm correction across 4 slices/);
  assert.ok(decided.adjustedPValue! >= 0.025);
  // Decided on points, the same slice fails (its accuracy is below 0.8).
  const point = decideGates({
    config: evaluateConfig.parse({ decideOn: 'point' }),
    gates: [gate],
    overall,
    slices,
    hasChampion: true,
    latency,
    sizeBytes: 1,
  }).find((g) => g.slice === 'borderline')!;
  assert.equal(point.status, 'fail');
});

test('latency and size budgets', async () => {
  const overall = await population(200, 0.9, 0.9, 4, 50);
  const results = decideGates({
    config: evaluateConfig.parse({ latency: { p95RowMs: 2, p50BatchMs: 5 }, maxModelMegabytes: 1 }),
    gates: [],
    overall,
    slices: [],
    hasChampion: false,
    latency,
    sizeBytes: 2_500_000,
  });
  const byName = Object.fromEntries(results.map((g) => [g.metric, g]));
  assert.equal(byName.p95RowMs!.status, 'fail');
  assert.equal(byName.p95RowMs!.observed, 2.5);
  assert.equal(byName.p50BatchMs!.status, 'pass');
  assert.equal(byName.size!.status, 'fail');
  assert.match(byName.size!.reason, /2\.5 MB over the budget/);
});
