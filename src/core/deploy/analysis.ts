/**
 * One analysis run: the canary judged against the stable version on the same window of live traffic.
 * Checks: error rate, latency (Mann-Whitney U on the samples, Kayenta's judge, plus a p95 ratio so that a
 * statistically significant but harmless difference does not fail), prediction-distribution shift between the
 * variants, and live quality from feedback. Too little data makes a check `inconclusive`, never a pass.
 */
import { chiSquareContingency } from '../stats/chisquare.js';
import { normalSf } from '../stats/distributions.js';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import type { DeployConfig } from './config.js';
import type { VariantObservations, WindowObservations } from './observations.js';
import type { AnalysisCheck, AnalysisRun, AnalysisVerdict } from './report.js';

type Checks = DeployConfig['checks'];

function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const samples = (o: WindowObservations) => ({ stable: o.stable.requests, canary: o.canary.requests });
const rate = (v: VariantObservations) => (v.requests > 0 ? v.errors / v.requests : null);
const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(2)}%`);

/** A canary's rate fails when it is above the ceiling and higher than stable's by more than allowed. */
function rateExceeds(canary: number, stable: number | null, c: Checks['errorRate']) {
  const increase = canary - (stable ?? 0);
  return { failed: canary > c.max && increase > c.maxIncrease, increase };
}

export function errorRateCheck(o: WindowObservations, c: Checks['errorRate'], minRequests: number): AnalysisCheck {
  const stable = rate(o.stable);
  const canary = rate(o.canary);
  const base = { name: 'error-rate', stable, canary, threshold: c.max, samples: samples(o) };
  if (o.canary.requests < minRequests || canary === null) {
    return {
      ...base,
      verdict: 'inconclusive',
      message: `${o.canary.requests} canary requests; ${minRequests} needed.`,
    };
  }
  const { failed, increase } = rateExceeds(canary, stable, c);
  return {
    ...base,
    verdict: failed ? 'fail' : 'pass',
    message: failed
      ? `Canary error rate ${pct(canary)} is above ${pct(c.max)} and ${pct(increase)} above stable.`
      : `Canary error rate ${pct(canary)} (stable ${pct(stable)}).`,
  };
}

/**
 * Requests refused as invalid (4xx), as a share of all requests routed to each variant. Judged like the error rate:
 * a canary that refuses what stable accepts fails even when it never answers (its error rate then has no data).
 */
export function rejectionCheck(o: WindowObservations, c: Checks['errorRate'], minRequests: number): AnalysisCheck {
  const routedTo = (v: VariantObservations) => v.requests + v.rejected;
  const share = (v: VariantObservations) => (routedTo(v) > 0 ? v.rejected / routedTo(v) : null);
  const stable = share(o.stable);
  const canary = share(o.canary);
  const routed = routedTo(o.canary);
  const base = {
    name: 'rejected-requests',
    stable,
    canary,
    threshold: c.max,
    samples: { stable: routedTo(o.stable), canary: routed },
  };
  if (routed < minRequests || canary === null) {
    return { ...base, verdict: 'inconclusive', message: `${routed} canary requests; ${minRequests} needed.` };
  }
  const { failed, increase } = rateExceeds(canary, stable, c);
  return {
    ...base,
    verdict: failed ? 'fail' : 'pass',
    message: failed
      ? `The canary refused ${pct(canary)} of its requests as invalid, ${pct(increase)} more than stable (${pct(stable)}).`
      : `Requests refused as invalid: canary ${pct(canary)}, stable ${pct(stable)}.`,
  };
}

export function latencyCheck(o: WindowObservations, c: Checks['latency'], minRequests: number): AnalysisCheck {
  const stableP95 = quantile(o.stable.latenciesMs, 0.95);
  const canaryP95 = quantile(o.canary.latenciesMs, 0.95);
  const base = { name: 'latency-p95', stable: stableP95, canary: canaryP95, threshold: c.alpha, samples: samples(o) };
  const enough = Math.min(minRequests, 20);
  if (
    o.canary.latenciesMs.length < enough ||
    o.stable.latenciesMs.length < enough ||
    stableP95 === null ||
    canaryP95 === null
  ) {
    return { ...base, verdict: 'inconclusive', message: 'Too few latency samples on one of the variants.' };
  }
  const test = mannWhitneyU(o.canary.latenciesMs, o.stable.latenciesMs, 'greater');
  const ratio = stableP95 > 0 ? canaryP95 / stableP95 : 1;
  const failed = test.pValue < c.alpha && ratio > c.maxRatio;
  return {
    ...base,
    pValue: test.pValue,
    statistic: test.u,
    verdict: failed ? 'fail' : 'pass',
    message: failed
      ? `Canary is slower: p95 ${canaryP95.toFixed(2)} ms vs ${stableP95.toFixed(2)} ms (x${ratio.toFixed(2)} > x${c.maxRatio}), Mann-Whitney p=${test.pValue.toExponential(2)}.`
      : `p95 ${canaryP95.toFixed(2)} ms vs stable ${stableP95.toFixed(2)} ms (x${ratio.toFixed(2)}), Mann-Whitney p=${test.pValue.toPrecision(3)}.`,
  };
}

export function predictionShiftCheck(
  o: WindowObservations,
  c: Checks['predictionShift'],
  minRequests: number,
): AnalysisCheck {
  const classes = [...new Set([...Object.keys(o.stable.labels), ...Object.keys(o.canary.labels)])].sort();
  const base = { name: 'prediction-shift', threshold: c.maxDistance, samples: samples(o) };
  if (classes.length > 0) {
    const s = classes.map((k) => o.stable.labels[k] ?? 0);
    const k = classes.map((k) => o.canary.labels[k] ?? 0);
    const ns = s.reduce((a, b) => a + b, 0);
    const nk = k.reduce((a, b) => a + b, 0);
    if (ns < minRequests || nk < minRequests) {
      return {
        ...base,
        stable: null,
        canary: null,
        verdict: 'inconclusive',
        message: 'Too few predictions to compare class shares.',
      };
    }
    let tvd = 0;
    for (let i = 0; i < classes.length; i++) tvd += Math.abs(s[i]! / ns - k[i]! / nk) / 2;
    const test = classes.length > 1 ? chiSquareContingency([s, k]) : { statistic: 0, pValue: 1 };
    const failed = test.pValue < c.alpha && tvd > c.maxDistance;
    return {
      ...base,
      stable: null,
      canary: tvd,
      pValue: test.pValue,
      statistic: test.statistic,
      verdict: failed ? 'fail' : 'pass',
      message: `Predicted-class shares differ by ${(tvd * 100).toFixed(1)} points (total variation), chi-square p=${test.pValue.toPrecision(3)}.`,
    };
  }
  if (o.stable.values.length < minRequests || o.canary.values.length < minRequests) {
    return { ...base, stable: null, canary: null, verdict: 'inconclusive', message: 'Too few predictions to compare.' };
  }
  const test = mannWhitneyU(o.canary.values, o.stable.values, 'two-sided');
  const distance = Math.abs(test.effect - 0.5) * 2;
  const failed = test.pValue < c.alpha && distance > c.maxDistance;
  return {
    ...base,
    stable: quantile(o.stable.values, 0.5),
    canary: quantile(o.canary.values, 0.5),
    pValue: test.pValue,
    statistic: test.u,
    verdict: failed ? 'fail' : 'pass',
    message: `Predicted values: Mann-Whitney p=${test.pValue.toPrecision(3)}, effect ${distance.toFixed(3)}.`,
  };
}

export function qualityCheck(o: WindowObservations, c: Checks['quality']): AnalysisCheck {
  const fs = o.stable.feedback;
  const fc = o.canary.feedback;
  const base = { name: 'live-quality', threshold: c.maxDrop, samples: { stable: fs.n, canary: fc.n } };
  if (fs.n < c.minFeedback || fc.n < c.minFeedback) {
    return {
      ...base,
      stable: fs.n ? fs.correct / fs.n : null,
      canary: fc.n ? fc.correct / fc.n : null,
      verdict: 'inconclusive',
      message: `Feedback on ${fc.n} canary and ${fs.n} stable rows; ${c.minFeedback} each needed.`,
    };
  }
  const regression = fs.correct === 0 && fc.correct === 0 && (fs.absErrorSum > 0 || fc.absErrorSum > 0);
  if (regression) {
    const ms = fs.absErrorSum / fs.n;
    const mc = fc.absErrorSum / fc.n;
    if (fs.absErrorSqSum === undefined || fc.absErrorSqSum === undefined) {
      return {
        ...base,
        stable: ms,
        canary: mc,
        verdict: 'inconclusive',
        message: `Mean absolute error ${mc.toPrecision(4)} vs stable ${ms.toPrecision(4)}; the target does not report the errors' spread, so the difference cannot be tested.`,
      };
    }
    // One-sided test on the mean absolute errors (normal approximation of Welch's test; at least minFeedback rows
    // each): a relative rise beyond maxDrop fails only when it is more than chance.
    const variance = (sq: number, mean: number, n: number) => Math.max(0, (sq - n * mean * mean) / Math.max(1, n - 1));
    const se = Math.sqrt(variance(fs.absErrorSqSum, ms, fs.n) / fs.n + variance(fc.absErrorSqSum, mc, fc.n) / fc.n);
    const z = se > 0 ? (mc - ms) / se : 0;
    const p = se > 0 ? normalSf(z) : mc > ms ? 0 : 1;
    const failed = mc > ms * (1 + c.maxDrop) && p < c.alpha;
    return {
      ...base,
      stable: ms,
      canary: mc,
      pValue: p,
      statistic: z,
      verdict: failed ? 'fail' : 'pass',
      message: failed
        ? `Canary mean absolute error ${mc.toPrecision(4)} is above stable's ${ms.toPrecision(4)} (p=${p.toExponential(2)}).`
        : `Mean absolute error ${mc.toPrecision(4)} vs stable ${ms.toPrecision(4)} on live feedback.`,
    };
  }
  const as = fs.correct / fs.n;
  const ac = fc.correct / fc.n;
  // One-sided two-proportion z-test: is the canary's accuracy lower than stable's by more than chance?
  const pooled = (fs.correct + fc.correct) / (fs.n + fc.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / fs.n + 1 / fc.n));
  const z = se > 0 ? (as - ac) / se : 0;
  const p = se > 0 ? normalSf(z) : as > ac ? 0 : 1;
  const failed = as - ac > c.maxDrop && p < c.alpha;
  return {
    ...base,
    stable: as,
    canary: ac,
    pValue: p,
    statistic: z,
    verdict: failed ? 'fail' : 'pass',
    message: failed
      ? `Canary accuracy ${pct(ac)} is ${pct(as - ac)} below stable ${pct(as)} (p=${p.toExponential(2)}).`
      : `Canary accuracy ${pct(ac)} vs stable ${pct(as)} on live feedback.`,
  };
}

/** Judges a window. Any failed check fails the run; without enough traffic for errors and latency it is inconclusive. */
export function analyze(o: WindowObservations, config: DeployConfig, at = new Date()): AnalysisRun {
  const min = config.analysis.minRequests;
  const checks = [
    errorRateCheck(o, config.checks.errorRate, min),
    latencyCheck(o, config.checks.latency, min),
    rejectionCheck(o, config.checks.errorRate, min),
    predictionShiftCheck(o, config.checks.predictionShift, min),
    qualityCheck(o, config.checks.quality),
  ];
  let verdict: AnalysisVerdict = 'pass';
  if (checks.some((c) => c.verdict === 'fail')) verdict = 'fail';
  else if (checks.slice(0, 2).some((c) => c.verdict === 'inconclusive')) verdict = 'inconclusive';
  return { at: at.toISOString(), verdict, checks };
}
