/**
 * From distribution comparisons to drift decisions. The rule per column: with small samples a test decides
 * (KS / chi-square p-value, corrected across columns), with large samples a distance threshold decides,
 * because on millions of rows every p-value is tiny and flags trivial shifts. mlops.yaml can set the test
 * and threshold per column. The report says which rule applied and why.
 */

import { chiSquareContingency } from '../stats/chisquare.js';
import { jensenShannonDistance, lInfinityDistance } from '../stats/jensen-shannon.js';
import { ksPValue } from '../stats/ks.js';
import { benjaminiHochberg, holm } from '../stats/multiple-testing.js';
import { populationStabilityIndex } from '../stats/psi.js';
import type { ColumnComparison } from './compare.js';
import type { DriftConfig } from './config.js';
import type { ColumnDrift, DistributionChart, DriftStatistic, DriftTestName } from './report.js';

const TEST_RULE: ReadonlySet<DriftTestName> = new Set(['ks', 'chisquare']);

function shares(counts: number[]): number[] {
  const total = counts.reduce((s, v) => s + v, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function statistics(c: ColumnComparison): DriftStatistic[] {
  const nRef = c.reference.count;
  const nCur = c.current.count;
  if (c.numeric) {
    const n = c.numeric;
    const exactKs = n.ks.bound === 0;
    const ks = ksPValue(n.ks.value, nRef, nCur);
    // A constant reference has no spread to normalise by: the distance is then in the column's own units.
    const std = n.referenceStd > 0 ? n.referenceStd : 1;
    return [
      {
        test: 'ks',
        statistic: exactKs ? ks.statistic : n.ks.value,
        pValue: finite(ks.pValue),
        bound: n.ks.bound,
        exact: exactKs,
      },
      {
        test: 'wasserstein',
        statistic: finite(n.wasserstein.value / std),
        bound: Number.isFinite(n.wasserstein.bound / std) ? n.wasserstein.bound / std : 0,
        exact: n.wasserstein.bound === 0,
      },
      {
        test: 'psi',
        statistic: finite(populationStabilityIndex(n.referenceBins, n.currentBins)),
        bound: 0,
        exact: n.binsExact,
      },
    ];
  }
  if (c.categorical) {
    const cat = c.categorical;
    const keep = cat.labels.map((_, i) => cat.reference[i]! + cat.current[i]! > 0);
    const ref = cat.reference.filter((_, i) => keep[i]);
    const cur = cat.current.filter((_, i) => keep[i]);
    const chi = ref.length > 0 && nRef > 0 && nCur > 0 ? chiSquareContingency([ref, cur]) : undefined;
    return [
      { test: 'chisquare', statistic: chi?.statistic ?? null, pValue: chi?.pValue ?? null, bound: 0, exact: true },
      {
        test: 'jensenshannon',
        statistic: nRef && nCur ? jensenShannonDistance(ref, cur) : null,
        bound: 0,
        exact: true,
      },
      { test: 'linf', statistic: nRef && nCur ? lInfinityDistance(ref, cur) : null, bound: 0, exact: true },
    ];
  }
  return [];
}

function chart(c: ColumnComparison): DistributionChart | undefined {
  if (c.numeric) {
    const e = c.numeric.edges;
    const fmt = (x: number) => Number(x.toPrecision(3)).toString();
    const labels = [
      ...e.map((x, i) => (i === 0 ? `≤${fmt(x)}` : `${fmt(e[i - 1]!)}–${fmt(x)}`)),
      `>${fmt(e.at(-1) ?? 0)}`,
    ];
    return { labels, reference: shares(c.numeric.referenceBins), current: shares(c.numeric.currentBins) };
  }
  if (c.categorical) {
    const order = c.categorical.labels
      .map((label, i) => ({ label, r: c.categorical!.reference[i]!, k: c.categorical!.current[i]! }))
      .sort((a, b) => b.r + b.k - (a.r + a.k))
      .slice(0, 10);
    const rs = shares(c.categorical.reference);
    const cs = shares(c.categorical.current);
    return {
      labels: order.map((o) => o.label),
      reference: order.map((o) => rs[c.categorical!.labels.indexOf(o.label)]!),
      current: order.map((o) => cs[c.categorical!.labels.indexOf(o.label)]!),
    };
  }
  return undefined;
}

export interface DecideOptions {
  config: DriftConfig;
  role: ColumnDrift['role'];
}

/** Decide each column; p-values of test-rule columns are corrected together (call once per family). */
export function decideColumns(comparisons: ColumnComparison[], { config, role }: DecideOptions): ColumnDrift[] {
  const drafts = comparisons.map((c) => {
    const override = config.columns[c.column] ?? {};
    const nMin = Math.min(c.reference.count, c.current.count);
    const small = nMin <= config.sampleSizeThreshold;
    let decision: DriftTestName;
    let ruleReason: string;
    if (override.test && override.test !== 'auto') {
      decision = override.test;
      ruleReason = `${override.test} set for this column in mlops.yaml`;
    } else if (c.kind === 'numeric') {
      decision = small ? 'ks' : 'wasserstein';
      ruleReason = small
        ? `smaller sample ${nMin} <= ${config.sampleSizeThreshold}: KS test`
        : `smaller sample ${nMin} > ${config.sampleSizeThreshold}: Wasserstein distance / reference std`;
    } else {
      decision = small ? 'chisquare' : 'jensenshannon';
      ruleReason = small
        ? `smaller sample ${nMin} <= ${config.sampleSizeThreshold}: chi-square test`
        : `smaller sample ${nMin} > ${config.sampleSizeThreshold}: Jensen-Shannon distance`;
    }
    const rule: ColumnDrift['rule'] = TEST_RULE.has(decision) ? 'test' : 'distance';
    const threshold =
      override.threshold ??
      (rule === 'test' ? config.alpha : config.thresholds[decision as keyof DriftConfig['thresholds']]);
    return { c, stats: statistics(c), decision, rule, ruleReason, threshold };
  });

  // Multiple-testing correction across the test-rule columns of this family.
  const tested = drafts.filter((d) => d.rule === 'test');
  const pValues = tested.map((d) => d.stats.find((s) => s.test === d.decision)?.pValue ?? 1);
  const adjusted =
    config.correction === 'holm' ? holm(pValues) : config.correction === 'bh' ? benjaminiHochberg(pValues) : pValues;
  tested.forEach((d, i) => {
    const s = d.stats.find((x) => x.test === d.decision);
    if (s) s.adjustedPValue = adjusted[i]!;
  });

  return drafts.map(({ c, stats, decision, rule, ruleReason, threshold }) => {
    const s = stats.find((x) => x.test === decision);
    let score = 0;
    let statDrift = false;
    if (s && rule === 'test') {
      const p = s.adjustedPValue ?? s.pValue ?? 1;
      statDrift = p < threshold;
      score = p > 0 ? Math.log(p) / Math.log(threshold) : 100;
    } else if (s?.statistic !== null && s?.statistic !== undefined) {
      statDrift = s.statistic >= threshold;
      score = s.statistic / threshold;
    }
    const refRows = c.reference.count + c.reference.nulls;
    const curRows = c.current.count + c.current.nulls;
    const refNull = refRows > 0 ? c.reference.nulls / refRows : 0;
    const curNull = curRows > 0 ? c.current.nulls / curRows : 0;
    const nullDrift = Math.abs(curNull - refNull) > config.nullShareChange;
    const newCategories = c.categorical?.newCategories ?? [];
    const newShare =
      c.categorical && c.current.count > 0
        ? newCategories.reduce((sum, k) => sum + (c.categorical!.current[c.categorical!.labels.indexOf(k)] ?? 0), 0) /
          c.current.count
        : 0;
    const categoryDrift = newShare > config.nullShareChange;
    const drifted = statDrift || nullDrift || categoryDrift;
    if (nullDrift) score = Math.max(score, Math.abs(curNull - refNull) / config.nullShareChange);
    if (categoryDrift) score = Math.max(score, newShare / config.nullShareChange);
    return {
      column: c.column,
      role,
      kind: c.kind,
      rule,
      ruleReason,
      decision,
      threshold,
      score: Number.isFinite(score) ? score : 100,
      drifted,
      statistics: stats,
      referenceCount: c.reference.count,
      currentCount: c.current.count,
      nullShare: { reference: refNull, current: curNull, drifted: nullDrift, threshold: config.nullShareChange },
      newCategories,
      vanishedCategories: c.categorical?.vanishedCategories ?? [],
      chart: chart(c),
    };
  });
}
