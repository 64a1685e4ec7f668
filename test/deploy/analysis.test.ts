import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../src/core/deploy/analysis.js';
import { deployConfig } from '../../src/core/deploy/config.js';
import { emptyObservations, type VariantObservations } from '../../src/core/deploy/observations.js';

const config = deployConfig.parse({ analysis: { minRequests: 50 }, checks: { quality: { minFeedback: 30 } } });

function variant(over: Partial<VariantObservations> & { seed?: number; latency?: number }): VariantObservations {
  let s = over.seed ?? 1;
  const rand = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  const n = over.requests ?? 500;
  return {
    ...emptyObservations(),
    requests: n,
    errors: 0,
    latenciesMs: Array.from({ length: n }, () => (over.latency ?? 5) + rand()),
    labels: { yes: Math.round(n / 2), no: n - Math.round(n / 2) },
    feedback: { n: 200, correct: 180, absErrorSum: 0 },
    ...over,
  };
}

const verdicts = (run: ReturnType<typeof analyze>) => Object.fromEntries(run.checks.map((c) => [c.name, c.verdict]));

test('equal variants pass every check', () => {
  const run = analyze({ stable: variant({ seed: 1 }), canary: variant({ seed: 2 }) }, config);
  assert.equal(run.verdict, 'pass');
  assert.deepEqual(verdicts(run), {
    'error-rate': 'pass',
    'latency-p95': 'pass',
    'rejected-requests': 'pass',
    'prediction-shift': 'pass',
    'live-quality': 'pass',
  });
});

test('too little traffic or feedback is inconclusive, never a pass', () => {
  const run = analyze(
    { stable: variant({}), canary: variant({ requests: 10, feedback: { n: 5, correct: 5, absErrorSum: 0 } }) },
    config,
  );
  assert.equal(run.verdict, 'inconclusive');
  assert.equal(verdicts(run)['error-rate'], 'inconclusive');
  assert.equal(verdicts(run)['live-quality'], 'inconclusive');
  assert.match(
    run.checks.find((c) => c.name === 'live-quality')!.message,
    /5 canary and 200 stable rows; 30 each needed/,
  );
  // Without feedback, traffic checks still decide; quality is reported inconclusive.
  const noFeedback = analyze(
    {
      stable: variant({ feedback: { n: 0, correct: 0, absErrorSum: 0 } }),
      canary: variant({ seed: 3, feedback: { n: 0, correct: 0, absErrorSum: 0 } }),
    },
    config,
  );
  assert.equal(noFeedback.verdict, 'pass');
  assert.equal(verdicts(noFeedback)['live-quality'], 'inconclusive');
});

test('a canary that refuses what stable accepts fails, even when it never answers', () => {
  // Every request routed to the canary was refused as invalid (it requires a feature clients do not send).
  const refusing = analyze(
    {
      stable: variant({ rejected: 5 }),
      canary: { ...emptyObservations(), rejected: 120, feedback: { n: 0, correct: 0, absErrorSum: 0 } },
    },
    config,
  );
  assert.equal(verdicts(refusing)['error-rate'], 'inconclusive', 'no answered requests: no error rate');
  assert.equal(verdicts(refusing)['rejected-requests'], 'fail');
  assert.equal(refusing.verdict, 'fail');
  assert.match(refusing.checks.find((c) => c.name === 'rejected-requests')!.message, /refused 100.00%/);
  // Client mistakes spread over both variants alike are not the canary's fault.
  const both = analyze({ stable: variant({ rejected: 40 }), canary: variant({ seed: 8, rejected: 42 }) }, config);
  assert.equal(verdicts(both)['rejected-requests'], 'pass');
  assert.equal(both.verdict, 'pass');
});

test('each check fails on its own problem', () => {
  const errors = analyze({ stable: variant({}), canary: variant({ seed: 4, errors: 40 }) }, config);
  assert.equal(verdicts(errors)['error-rate'], 'fail');
  const slow = analyze({ stable: variant({}), canary: variant({ seed: 5, latency: 9 }) }, config);
  assert.equal(verdicts(slow)['latency-p95'], 'fail');
  // Slower but within maxRatio (x1.2): statistically clear, practically harmless, so it passes.
  const slightly = analyze({ stable: variant({}), canary: variant({ seed: 6, latency: 5.3 }) }, config);
  assert.equal(verdicts(slightly)['latency-p95'], 'pass');
  assert.ok(slightly.checks.find((c) => c.name === 'latency-p95')!.pValue! < 0.01);
  const shifted = analyze({ stable: variant({}), canary: variant({ seed: 7, labels: { yes: 450, no: 50 } }) }, config);
  assert.equal(verdicts(shifted)['prediction-shift'], 'fail');
  const worse = analyze(
    { stable: variant({}), canary: variant({ seed: 8, feedback: { n: 200, correct: 140, absErrorSum: 0 } }) },
    config,
  );
  assert.equal(verdicts(worse)['live-quality'], 'fail');
  assert.equal(worse.verdict, 'fail');
});

test('live quality of a regressor: equal models rarely fail on noise, a worse one fails, no spread is inconclusive', () => {
  let seed = 11;
  const rand = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const gaussian = () => Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
  const feedback = (n: number, scale: number) => {
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const e = Math.abs(gaussian()) * scale;
      sum += e;
      sq += e * e;
    }
    return { n, correct: 0, absErrorSum: sum, absErrorSqSum: sq };
  };
  const quality = (stable: VariantObservations['feedback'], canary: VariantObservations['feedback']) =>
    analyze(
      { stable: variant({ feedback: stable }), canary: variant({ seed: 9, feedback: canary }) },
      config,
    ).checks.find((c) => c.name === 'live-quality')!;
  // Same model on both sides, 30 feedback rows each (the default minimum): a 2% rise in MAE is well within noise.
  let falseFailures = 0;
  for (let r = 0; r < 200; r++) if (quality(feedback(30, 1), feedback(30, 1)).verdict === 'fail') falseFailures++;
  assert.ok(falseFailures <= 20, `${falseFailures} of 200 equal pairs failed (alpha 0.05)`);
  const worse = quality(feedback(300, 1), feedback(300, 1.5));
  assert.equal(worse.verdict, 'fail');
  assert.ok(worse.pValue! < 0.05);
  const { absErrorSqSum: _s, ...withoutSpread } = feedback(300, 1);
  assert.equal(quality(withoutSpread, feedback(300, 1.5)).verdict, 'inconclusive');
});
