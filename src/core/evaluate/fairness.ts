/**
 * Fairness gaps across the values of a segment column (Fairlearn's definitions, "between groups" = max - min):
 * demographic parity difference (share predicted positive) and equal opportunity difference (true positive
 * rate). Groups below the minimum support are listed but left out of the gap.
 */
import type { ClassificationInput } from './metrics-classification.js';
import type { FairnessResult } from './report.js';
import type { SliceSpec } from './slices.js';

export function fairnessGaps(
  input: ClassificationInput,
  slices: SliceSpec[],
  positive: number,
  minSupport: number,
): FairnessResult[] {
  const out: FairnessResult[] = [];
  const bySegment = new Map<string, SliceSpec[]>();
  for (const s of slices) {
    if (Object.keys(s.values).length !== 1) continue;
    const list = bySegment.get(s.segment) ?? [];
    list.push(s);
    bySegment.set(s.segment, list);
  }
  const positiveClass = input.classes[positive]!;
  for (const [segment, groups] of bySegment) {
    const parity: FairnessResult['groups'] = [];
    const opportunity: FairnessResult['groups'] = [];
    for (const g of groups) {
      let predictedPositive = 0;
      let actualPositive = 0;
      let truePositive = 0;
      for (const i of g.rows) {
        const p = input.yPred[i] === positive;
        const t = input.yTrue[i] === positive;
        if (p) predictedPositive++;
        if (t) actualPositive++;
        if (p && t) truePositive++;
      }
      const value = Object.values(g.values)[0]!;
      const n = g.rows.length;
      parity.push({ value, rows: n, rate: n === 0 ? null : predictedPositive / n });
      opportunity.push({
        value,
        rows: actualPositive,
        rate: actualPositive === 0 ? null : truePositive / actualPositive,
      });
    }
    out.push(gap(segment, 'demographic_parity_difference', positiveClass, parity, minSupport));
    out.push(gap(segment, 'equal_opportunity_difference', positiveClass, opportunity, minSupport));
  }
  return out;
}

function gap(
  segment: string,
  metric: string,
  positiveClass: string,
  groups: FairnessResult['groups'],
  minSupport: number,
): FairnessResult {
  const usable = groups.filter((g) => g.rate !== null && g.rows >= minSupport).map((g) => g.rate!);
  if (usable.length < 2) {
    return {
      segment,
      metric,
      positiveClass,
      value: null,
      reason: `fewer than two groups with at least ${minSupport} ${metric.startsWith('equal') ? `"${positiveClass}" rows` : 'rows'}`,
      groups,
    };
  }
  return { segment, metric, positiveClass, value: Math.max(...usable) - Math.min(...usable), groups };
}
