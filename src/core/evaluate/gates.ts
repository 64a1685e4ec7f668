/**
 * Gate decisions. With decideOn=bound (the default):
 * - a value gate on the whole set holds only when the pessimistic confidence bound meets the threshold, so a
 *   lucky split does not pass;
 * - a change gate fails only when the paired difference is significantly worse than the tolerance (the
 *   optimistic bound of the difference is beyond it), so a noisy metric does not block;
 * - per-slice gates fail only when the violation is significant after Holm's correction across the slices
 *   (one-sided bootstrap p-values), so twenty small slices do not produce a failure by chance.
 * With decideOn=point every gate compares the point estimate with the threshold.
 */
import { bootstrapPValue } from '../stats/bootstrap.js';
import { holm } from '../stats/multiple-testing.js';
import type { EvaluateConfig, GateConfig } from './config.js';
import { metricDirection } from './metrics.js';
import type { PopulationResult } from './population.js';
import type { GateResult, LatencyResult } from './report.js';

export interface SlicePopulation {
  label: string;
  gated: boolean;
  rows: number;
  result: PopulationResult;
}

export interface GateInputs {
  config: EvaluateConfig;
  gates: GateConfig[];
  overall: PopulationResult;
  slices: SlicePopulation[];
  hasChampion: boolean;
  latency: LatencyResult;
  sizeBytes: number;
  /** Labelled rows, and those where the candidate's outputs were not finite (left out of every metric). */
  outputs?: { labelledRows: number; nonFiniteRows: number };
  lineOf?: (path: (string | number)[]) => number | undefined;
}

const f = (v: number) => Number(v.toPrecision(4)).toString();

interface Check {
  /** Human name of the comparison, e.g. "accuracy ≥ 0.9". */
  name: string;
  type: 'value' | 'change';
  metric: string;
  /** Which side is good: the statistic must be >= threshold ('above') or <= threshold ('below'). */
  side: 'above' | 'below';
  /** Threshold for this population (relative change gates depend on the champion's value). */
  threshold(pop: PopulationResult): number | null;
  /** The statistic: the candidate's value, or the candidate - champion difference. */
  uses: 'candidate' | 'delta';
}

function checksOf(gate: GateConfig): Check[] {
  const checks: Check[] = [];
  const m = gate.metric;
  if (gate.lower !== undefined) {
    const t = gate.lower;
    checks.push({
      name: `${m} ≥ ${t}`,
      type: 'value',
      metric: m,
      side: 'above',
      threshold: () => t,
      uses: 'candidate',
    });
  }
  if (gate.upper !== undefined) {
    const t = gate.upper;
    checks.push({
      name: `${m} ≤ ${t}`,
      type: 'value',
      metric: m,
      side: 'below',
      threshold: () => t,
      uses: 'candidate',
    });
  }
  if (gate.change) {
    const { tolerance, relative } = gate.change;
    const direction = gate.change.direction ?? metricDirection(m);
    const allowed = (pop: PopulationResult): number | null => {
      if (!relative) return tolerance;
      const champ = pop.point.get(m)?.champion?.value;
      return champ === null || champ === undefined ? null : tolerance * Math.abs(champ);
    };
    const what = relative ? `${tolerance * 100}%` : `${tolerance}`;
    checks.push({
      name: `${m} ${direction === 'higher' ? 'drop' : 'rise'} vs champion ≤ ${what}`,
      type: 'change',
      metric: m,
      side: direction === 'higher' ? 'above' : 'below',
      threshold: (pop) => {
        const a = allowed(pop);
        return a === null ? null : direction === 'higher' ? -a : a;
      },
      uses: 'delta',
    });
  }
  return checks;
}

function meets(value: number, side: 'above' | 'below', threshold: number): boolean {
  return side === 'above' ? value >= threshold : value <= threshold;
}

interface Evaluated {
  status: 'pass' | 'fail' | 'skip';
  observed: number | null;
  threshold: number | null;
  pValue?: number | null;
  adjustedPValue?: number;
  decidedOn: 'point' | 'bound';
  reason: string;
}

function describe(check: Check, value: number): string {
  return check.uses === 'delta' ? `change ${value >= 0 ? '+' : ''}${f(value)}` : `${check.metric} ${f(value)}`;
}

/** Decides one check on one population; the p-value of a violation is returned for Holm across slices. */
function decide(
  check: Check,
  pop: PopulationResult,
  mode: 'point' | 'bound',
  level: number,
  hasChampion: boolean,
  scope: 'overall' | 'slice',
): Evaluated {
  const metric = pop.metrics.find((m) => m.name === check.metric);
  if (!metric) {
    return {
      status: 'skip',
      observed: null,
      threshold: null,
      decidedOn: mode,
      reason: `${check.metric} is not computed for this task`,
    };
  }
  if (check.uses === 'delta' && !hasChampion) {
    return {
      status: 'skip',
      observed: null,
      threshold: null,
      decidedOn: mode,
      reason: 'no champion (first model): change gates do not apply',
    };
  }
  const estimate = check.uses === 'delta' ? metric.delta! : metric.candidate;
  const threshold = check.threshold(pop);
  if (estimate.value === null || threshold === null) {
    // In a slice an undefined metric is expected (one class, no positives) and the slice is not gated on it;
    // overall, a gate that cannot be decided must not let the candidate through.
    return {
      status: scope === 'overall' ? 'fail' : 'skip',
      observed: null,
      threshold,
      decidedOn: mode,
      reason: `not computable: ${estimate.reason ?? 'the champion value is undefined'}${scope === 'overall' ? '; a gate that cannot be decided does not pass' : ''}`,
    };
  }
  const replicates = pop.replicates.get(check.metric);
  const reps = check.uses === 'delta' ? replicates?.delta : replicates?.candidate;
  const pointOk = meets(estimate.value, check.side, threshold);
  if (mode === 'point' || estimate.lower === null || estimate.upper === null || !reps) {
    const note = mode === 'bound' ? ' (point estimate: no confidence interval)' : '';
    return {
      status: pointOk ? 'pass' : 'fail',
      observed: estimate.value,
      threshold,
      decidedOn: 'point',
      reason: `${describe(check, estimate.value)} ${pointOk ? 'meets' : 'violates'} ${check.side === 'above' ? '≥' : '≤'} ${f(threshold)}${note}`,
    };
  }
  const pct = `${Math.round(level * 100)}%`;
  // One-sided p-value of "the gate holds": small means the data show a violation.
  const pValue = bootstrapPValue(reps, threshold, check.side);
  if (check.type === 'value' && scope === 'overall') {
    const bound = check.side === 'above' ? estimate.lower : estimate.upper;
    const ok = meets(bound, check.side, threshold);
    const why = ok
      ? `${pct} interval [${f(estimate.lower)}, ${f(estimate.upper)}] lies on the right side of ${f(threshold)}`
      : pointOk
        ? `point estimate ${f(estimate.value)} meets ${f(threshold)}, but the ${pct} interval [${f(estimate.lower)}, ${f(estimate.upper)}] reaches past it: not enough evidence`
        : `${check.metric} ${f(estimate.value)}, ${pct} interval [${f(estimate.lower)}, ${f(estimate.upper)}], is past ${f(threshold)}`;
    return { status: ok ? 'pass' : 'fail', observed: bound, threshold, pValue, decidedOn: 'bound', reason: why };
  }
  // Change gates and slice gates: fail only on a significant violation (decided after Holm for slices).
  const optimistic = check.side === 'above' ? estimate.upper : estimate.lower;
  const significant = pValue !== null && pValue < (1 - level) / 2;
  return {
    status: significant ? 'fail' : 'pass',
    observed: optimistic,
    threshold,
    pValue,
    decidedOn: 'bound',
    reason: significant
      ? `${describe(check, estimate.value)}; the whole ${pct} interval [${f(estimate.lower)}, ${f(estimate.upper)}] is past ${f(threshold)}`
      : `${describe(check, estimate.value)}; ${pct} interval [${f(estimate.lower)}, ${f(estimate.upper)}] ${pointOk ? 'is consistent with' : 'overlaps'} the limit ${f(threshold)}${pointOk ? '' : ', so the violation is not significant'}`,
  };
}

export function decideGates(inputs: GateInputs): GateResult[] {
  const { config } = inputs;
  const level = config.bootstrap.level;
  const alpha = (1 - level) / 2;
  const results: GateResult[] = [];
  inputs.gates.forEach((gate, index) => {
    const mode = gate.decideOn ?? config.decideOn;
    const line = inputs.lineOf?.(['evaluate', 'gates', index]);
    for (const check of checksOf(gate)) {
      const base = { type: check.type, metric: check.metric, severity: gate.severity, ...(line ? { line } : {}) };
      const overall = decide(check, inputs.overall, mode, level, inputs.hasChampion, 'overall');
      results.push({ ...base, name: check.name, slice: null, ...overall });
      if (!gate.slices) continue;
      const decided = inputs.slices.map((s) => ({
        slice: s,
        result: s.gated
          ? decide(check, s.result, mode, level, inputs.hasChampion, 'slice')
          : ({
              status: 'skip',
              observed: null,
              threshold: null,
              decidedOn: mode,
              reason: `not gated: ${s.rows} rows < minSliceSupport ${config.minSliceSupport}`,
            } satisfies Evaluated),
      }));
      // Holm across the slices where a bound-based test ran.
      const tested = decided.filter((d) => d.result.decidedOn === 'bound' && d.result.pValue != null);
      const adjusted = holm(tested.map((d) => d.result.pValue!));
      tested.forEach((d, i) => {
        const significant = adjusted[i]! < alpha;
        const wasFail = d.result.status === 'fail';
        d.result = {
          ...d.result,
          status: significant ? 'fail' : 'pass',
          adjustedPValue: adjusted[i]!,
          reason:
            wasFail && !significant
              ? `${d.result.reason}, but not after Holm correction across ${tested.length} slices (adjusted p ${f(adjusted[i]!)})`
              : d.result.reason,
        };
      });
      for (const d of decided) {
        results.push({ ...base, name: `${check.name} [${d.slice.label}]`, slice: d.slice.label, ...d.result });
      }
    }
  });
  const budgets = config.latency;
  const lat = inputs.latency;
  const latencyChecks: [keyof typeof budgets, string, number][] = [
    ['p50RowMs', 'p50 latency per row', lat.perRowMs.p50],
    ['p95RowMs', 'p95 latency per row', lat.perRowMs.p95],
    ['p50BatchMs', `p50 latency per batch of ${lat.batchSize}`, lat.perBatchMs.p50],
    ['p95BatchMs', `p95 latency per batch of ${lat.batchSize}`, lat.perBatchMs.p95],
  ];
  for (const [key, name, observed] of latencyChecks) {
    const budget = budgets[key];
    if (budget === undefined) continue;
    const ok = observed <= budget;
    results.push({
      name: `${name} ≤ ${budget} ms`,
      type: 'latency',
      metric: key,
      slice: null,
      status: ok ? 'pass' : 'fail',
      severity: 'error',
      decidedOn: 'point',
      observed,
      threshold: budget,
      reason: `measured ${f(observed)} ms ${ok ? 'within' : 'over'} the ${budget} ms budget`,
    });
  }
  if (config.maxModelMegabytes !== undefined) {
    const mb = inputs.sizeBytes / 1e6;
    const ok = mb <= config.maxModelMegabytes;
    results.push({
      name: `model size ≤ ${config.maxModelMegabytes} MB`,
      type: 'size',
      metric: 'size',
      slice: null,
      status: ok ? 'pass' : 'fail',
      severity: 'error',
      decidedOn: 'point',
      observed: mb,
      threshold: config.maxModelMegabytes,
      reason: `${f(mb)} MB ${ok ? 'within' : 'over'} the budget`,
    });
  }
  const outputs = inputs.outputs;
  if (outputs && outputs.nonFiniteRows > 0) {
    const share = outputs.nonFiniteRows / Math.max(1, outputs.labelledRows);
    const ok = share <= config.maxNonFiniteShare;
    results.push({
      name: `non-finite candidate outputs ≤ ${f(config.maxNonFiniteShare * 100)}% of rows`,
      type: 'outputs',
      metric: 'non_finite_share',
      slice: null,
      status: ok ? 'pass' : 'fail',
      severity: 'error',
      decidedOn: 'point',
      observed: share,
      threshold: config.maxNonFiniteShare,
      reason: `${outputs.nonFiniteRows} of ${outputs.labelledRows} rows (${f(share * 100)}%) got non-finite outputs (not a number or infinite) and are left out of every metric${ok ? '' : '; raise evaluate.maxNonFiniteShare only if the model is meant to abstain on such rows'}`,
    });
  }
  return results;
}
