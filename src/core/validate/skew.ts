/**
 * Training/serving skew: the data compared with a reference dataset per column. Numeric columns: the
 * Kolmogorov-Smirnov statistic evaluated at the reference's percentiles 1..99 (both CDFs computed exactly there
 * by SQL, so it is a lower bound of the exact statistic within 1% resolution); categorical columns: the
 * Jensen-Shannon distance (base 2) of the value frequencies; plus type changes, new categories, null shares.
 */
import { isNumericType } from '../data/engine.js';
import type { Dataset, LogicalType } from '../data/types.js';
import type { ValidateConfig } from './config.js';
import { addDistributions, inferTypes, num, profileColumns, typedColumn, type ValueType } from './profile.js';
import type { SkewColumn, ValidationCheck } from './report.js';

const PERCENTILES = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);

function jensenShannon(a: Map<string, number>, b: Map<string, number>): number {
  const keys = new Set([...a.keys(), ...b.keys()]);
  const ta = [...a.values()].reduce((s, x) => s + x, 0) || 1;
  const tb = [...b.values()].reduce((s, x) => s + x, 0) || 1;
  let js = 0;
  for (const k of keys) {
    const p = (a.get(k) ?? 0) / ta;
    const q = (b.get(k) ?? 0) / tb;
    const m = (p + q) / 2;
    if (p > 0) js += 0.5 * p * Math.log2(p / m);
    if (q > 0) js += 0.5 * q * Math.log2(q / m);
  }
  return Math.sqrt(Math.max(0, js));
}

async function cdfAt(dataset: Dataset, exprs: string[], points: number[][]): Promise<number[][]> {
  const parts = exprs.flatMap((e, i) =>
    points[i]!.map(
      (p, k) => `avg(CASE WHEN ${e} IS NULL THEN NULL WHEN ${e} <= ${p} THEN 1.0 ELSE 0.0 END) AS c${i}_${k}`,
    ),
  );
  if (parts.length === 0) return [];
  const [row] = await dataset.query(`SELECT ${parts.join(', ')} FROM ${dataset.relation}`);
  return exprs.map((_, i) => points[i]!.map((_, k) => num(row?.[`c${i}_${k}`])));
}

export async function compareWithReference(
  current: Dataset,
  reference: Dataset,
  types: Record<string, ValueType>,
  config: ValidateConfig['skew'],
  referenceName: string,
): Promise<{ columns: SkewColumn[]; checks: ValidationCheck[] }> {
  const referenceTypes = await inferTypes(reference);
  const currentTypes = await inferTypes(current);
  const names = Object.keys(types).filter(
    (n) => current.columns.some((c) => c.name === n) && reference.columns.some((c) => c.name === n),
  );
  const cur = names.map((n) => typedColumn(current, n, types[n]!));
  const ref = names.map((n) => typedColumn(reference, n, types[n]!));
  const curProfile = await profileColumns(current, cur);
  const refProfile = await profileColumns(reference, ref);
  const curCounts = await addDistributions(current, cur, curProfile.columns);
  const refCounts = await addDistributions(reference, ref, refProfile.columns);
  const numericIdx = names.map((n, i) => (isNumericType(types[n] as LogicalType) ? i : -1)).filter((i) => i >= 0);
  // Reference percentiles, then both CDFs at them.
  const qparts = numericIdx.map((i) => `quantile_disc(${ref[i]!.typed}, [${PERCENTILES.join(', ')}]) AS q${i}`);
  const [qrow] =
    qparts.length > 0 ? await reference.query(`SELECT ${qparts.join(', ')} FROM ${reference.relation}`) : [{}];
  const points = numericIdx.map((i) => [...new Set(((qrow?.[`q${i}`] as unknown[] | null) ?? []).map(num))]);
  const curCdf = await cdfAt(
    current,
    numericIdx.map((i) => cur[i]!.typed),
    points,
  );
  const refCdf = await cdfAt(
    reference,
    numericIdx.map((i) => ref[i]!.typed),
    points,
  );

  const columns: SkewColumn[] = names.map((name, i) => {
    const reasons: string[] = [];
    const referenceType = referenceTypes[name];
    const currentType = currentTypes[name];
    if (referenceType !== currentType) reasons.push(`type changed from ${referenceType} to ${currentType}`);
    const referenceNullShare = refProfile.columns[i]!.nullShare;
    const currentNullShare = curProfile.columns[i]!.nullShare;
    if (Math.abs(currentNullShare - referenceNullShare) > config.nullShare) {
      reasons.push(
        `null share moved from ${(referenceNullShare * 100).toFixed(1)}% to ${(currentNullShare * 100).toFixed(1)}%`,
      );
    }
    const k = numericIdx.indexOf(i);
    let metric: SkewColumn['metric'] = 'none';
    let distance: number | null = null;
    let threshold = config.categorical;
    let newCategories: string[] = [];
    if (k >= 0) {
      metric = 'ks';
      threshold = config.numeric;
      const a = curCdf[k] ?? [];
      const b = refCdf[k] ?? [];
      distance = a.length > 0 ? Math.max(...a.map((x, j) => Math.abs(x - b[j]!))) : null;
    } else if (curCounts[name] && refCounts[name]) {
      metric = 'jensen-shannon';
      const a = new Map(curCounts[name]!.map((v) => [v.value, v.count]));
      const b = new Map(refCounts[name]!.map((v) => [v.value, v.count]));
      distance = jensenShannon(a, b);
      newCategories = [...a.keys()].filter((v) => !b.has(v));
      if (newCategories.length > 0) reasons.push(`new categories: ${newCategories.slice(0, 10).join(', ')}`);
    }
    if (distance !== null && distance > threshold) reasons.push(`${metric} ${distance.toFixed(3)} > ${threshold}`);
    return {
      column: name,
      referenceType,
      currentType,
      newCategories,
      referenceNullShare,
      currentNullShare,
      metric,
      distance,
      threshold,
      flagged: reasons.length > 0,
      reasons,
    };
  });
  const checks: ValidationCheck[] = columns.map((c) => ({
    id: `skew:${c.column}`,
    suite: 'skew',
    name: `${c.column} matches the reference`,
    column: c.column,
    severity: config.severity,
    status: c.flagged ? (config.severity === 'error' ? 'fail' : 'warn') : 'pass',
    message: c.flagged
      ? c.reasons.join('; ')
      : `${c.metric === 'none' ? 'no distance' : `${c.metric} ${c.distance?.toFixed(3)}`} within ${c.threshold}.`,
    expected: `distance ≤ ${c.threshold}, same type, no new categories, null share within ${config.nullShare}`,
    found: c.flagged ? c.reasons.join('; ') : undefined,
    rule: { file: referenceName },
    samples: [],
  }));
  // A schema column the reference lacks cannot be compared: said, not left out without a word.
  for (const name of Object.keys(types)) {
    if (names.includes(name) || !current.columns.some((c) => c.name === name)) continue;
    checks.push({
      id: `skew:${name}`,
      suite: 'skew',
      name: `${name} matches the reference`,
      column: name,
      severity: config.severity,
      status: 'skip',
      message: `"${name}" is not a column of the reference: not compared.`,
      expected: `a column "${name}" in ${referenceName}`,
      found: `columns: ${reference.columns.map((c) => c.name).join(', ')}`,
      rule: { file: referenceName },
      samples: [],
    });
  }
  return { columns, checks };
}
