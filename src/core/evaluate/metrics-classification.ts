/**
 * Classification metrics with scikit-learn's definitions (sample weights as `sample_weight`, so a bootstrap
 * replicate is the same call with multinomial counts as weights). Rows with weight 0 are absent, as if the
 * rows had been dropped, which is what resampling does. Ranking metrics walk rows in descending score order,
 * computed once per score column (O(n log n) once, O(n) per call).
 */
import { computed, type MetricValue, notComputable, type Weights } from './metric-value.js';

export interface ClassificationInput {
  /** Class names; index = column of `proba`. Binary: classes[positive] is the positive class. */
  classes: string[];
  /** True class index per row. */
  yTrue: Int32Array;
  /** Predicted class index per row. */
  yPred: Int32Array;
  /** Row-major n x C probabilities, or null when the model only predicts labels. */
  proba: Float64Array | null;
}

/** Rows of one score column in descending order, with tie groups and the class flag in that order. */
export interface Ranking {
  /** Row index at each sorted position; null when the rows are already in that order. */
  order: Int32Array | null;
  /** Exclusive end position of each group of equal scores. */
  groupEnds: Int32Array;
  /** 1 when the row at that sorted position belongs to the class. */
  member: Uint8Array;
}

export interface PreparedClassification extends ClassificationInput {
  n: number;
  /** Index of the positive class for binary metrics (default 1). */
  positive: number;
  /** 1 when the prediction is right. */
  correct: Uint8Array;
  /** Per class column (binary: the positive one only), computed once so that each metric call is O(n). */
  rankings: (Ranking | null)[];
}

export const BINARY_METRICS = [
  'accuracy',
  'balanced_accuracy',
  'precision',
  'recall',
  'f1',
  'precision_macro',
  'recall_macro',
  'f1_macro',
  'precision_micro',
  'recall_micro',
  'f1_micro',
  'precision_weighted',
  'recall_weighted',
  'f1_weighted',
  'roc_auc',
  'average_precision',
  'log_loss',
  'brier',
  'ece',
] as const;

export const MULTICLASS_METRICS = [
  'accuracy',
  'balanced_accuracy',
  'precision_macro',
  'recall_macro',
  'f1_macro',
  'precision_micro',
  'recall_micro',
  'f1_micro',
  'precision_weighted',
  'recall_weighted',
  'f1_weighted',
  'roc_auc_ovr',
  'roc_auc_ovr_weighted',
  'average_precision',
  'log_loss',
  'brier',
  'ece',
] as const;

export type ClassificationMetric = (typeof BINARY_METRICS)[number] | (typeof MULTICLASS_METRICS)[number];

/** Row indices sorted by descending value of column c of a row-major matrix (ties keep row order). */
export function descendingOrder(matrix: Float64Array, columns: number, c: number, n: number): Int32Array | null {
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) {
    if (matrix[i * columns + c]! > matrix[(i - 1) * columns + c]!) sorted = false;
  }
  if (sorted) return null;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = matrix[i * columns + c]!;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => keys[b]! - keys[a]! || a - b);
  return order;
}

function ranking(input: ClassificationInput, c: number, n: number): Ranking {
  const C = input.classes.length;
  const proba = input.proba!;
  const order = descendingOrder(proba, C, c, n);
  const member = new Uint8Array(n);
  const ends: number[] = [];
  let previous = Number.NaN;
  for (let k = 0; k < n; k++) {
    const i = order ? order[k]! : k;
    const score = proba[i * C + c]!;
    if (k > 0 && score !== previous) ends.push(k);
    previous = score;
    member[k] = input.yTrue[i] === c ? 1 : 0;
  }
  if (n > 0) ends.push(n);
  return { order, groupEnds: Int32Array.from(ends), member };
}

export function prepareClassification(input: ClassificationInput, positive = 1): PreparedClassification {
  const n = input.yTrue.length;
  const C = input.classes.length;
  const rankings: (Ranking | null)[] = Array.from({ length: C }, () => null);
  if (input.proba) {
    if (C === 2) rankings[positive] = ranking(input, positive, n);
    else for (let c = 0; c < C; c++) rankings[c] = ranking(input, c, n);
  }
  const correct = new Uint8Array(n);
  for (let i = 0; i < n; i++) correct[i] = input.yTrue[i] === input.yPred[i] ? 1 : 0;
  return { ...input, n, positive, correct, rankings };
}

/** Reorders rows (used to put rows in score order once, so bootstrap passes read memory sequentially). */
export function permuteClassification(input: ClassificationInput, order: Int32Array): ClassificationInput {
  const n = order.length;
  const C = input.classes.length;
  const yTrue = new Int32Array(n);
  const yPred = new Int32Array(n);
  const proba = input.proba ? new Float64Array(n * C) : null;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    yTrue[k] = input.yTrue[i]!;
    yPred[k] = input.yPred[i]!;
    if (proba) for (let c = 0; c < C; c++) proba[k * C + c] = input.proba![i * C + c]!;
  }
  return { classes: input.classes, yTrue, yPred, proba };
}

interface Counts {
  total: number;
  /** Weighted per-class sums: true-class totals, predicted totals, true positives. */
  trueSum: Float64Array;
  predSum: Float64Array;
  tp: Float64Array;
}

function counts(d: PreparedClassification, weights: Weights): Counts {
  const C = d.classes.length;
  const trueSum = new Float64Array(C);
  const predSum = new Float64Array(C);
  const tp = new Float64Array(C);
  let total = 0;
  const { yTrue, yPred, n } = d;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    if (w === 0) continue;
    const t = yTrue[i]!;
    const p = yPred[i]!;
    total += w;
    trueSum[t]! += w;
    predSum[p]! += w;
    if (t === p) tp[t]! += w;
  }
  return { total, trueSum, predSum, tp };
}

/** Binary ROC AUC of class c vs rest: one pass over the precomputed ranking (ties count one half). */
export function binaryAuc(d: PreparedClassification, c: number, weights: Weights): MetricValue {
  const r = d.rankings[c];
  if (!d.proba || !r) return notComputable('the model gives no scores');
  const { order, groupEnds, member } = r;
  const w = weights ?? new Int32Array(d.n).fill(1);
  let P = 0;
  let N = 0;
  let area = 0;
  let k = 0;
  // Branch-free sums: labels are unpredictable, so branching on them would mispredict on half of the rows.
  for (let g = 0; g < groupEnds.length; g++) {
    const end = groupEnds[g]!;
    if (end - k === 1) {
      // A score of its own (the common case): a negative adds every positive ranked above it.
      const weight = w[order ? order[k]! : k]!;
      const positive = member[k]! * weight;
      area += (weight - positive) * P;
      P += positive;
      N += weight - positive;
      k = end;
      continue;
    }
    let tp = 0;
    let total = 0;
    for (; k < end; k++) {
      const weight = w[order ? order[k]! : k]!;
      total += weight;
      tp += member[k]! * weight;
    }
    const fp = total - tp;
    area += fp * (P + tp / 2);
    P += tp;
    N += fp;
  }
  if (P === 0 || N === 0) {
    return notComputable(`only one class present (${P === 0 ? 'no' : 'only'} "${d.classes[c]}" rows)`);
  }
  return computed(area / (P * N));
}

/** Average precision (scikit-learn's step-function integral, no interpolation) of class c vs rest. */
export function binaryAveragePrecision(d: PreparedClassification, c: number, weights: Weights): MetricValue {
  const r = d.rankings[c];
  if (!d.proba || !r) return notComputable('the model gives no scores');
  const { order, groupEnds, member } = r;
  let P = 0;
  for (let k = 0; k < d.n; k++) {
    if (member[k]) P += weights === undefined ? 1 : weights[order ? order[k]! : k]!;
  }
  if (P === 0) return notComputable(`no "${d.classes[c]}" rows, so precision-recall is undefined`);
  let tp = 0;
  let seen = 0;
  let ap = 0;
  let k = 0;
  for (let g = 0; g < groupEnds.length; g++) {
    const end = groupEnds[g]!;
    let tpGroup = 0;
    for (; k < end; k++) {
      const w = weights === undefined ? 1 : weights[order ? order[k]! : k]!;
      seen += w;
      if (member[k]) tpGroup += w;
    }
    tp += tpGroup;
    if (tpGroup > 0) ap += (tpGroup / P) * (tp / seen);
  }
  return computed(ap);
}

function absentClasses(d: PreparedClassification, trueSum: Float64Array): string[] {
  return d.classes.filter((_, c) => trueSum[c] === 0);
}

function logLoss(d: PreparedClassification, weights: Weights): MetricValue {
  const { proba, yTrue, n } = d;
  if (!proba) return notComputable('the model gives no probabilities');
  const C = d.classes.length;
  const eps = 2.220446049250313e-16;
  let sum = 0;
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    if (w === 0) continue;
    let rowSum = 0;
    for (let c = 0; c < C; c++) rowSum += Math.min(Math.max(proba[i * C + c]!, eps), 1 - eps);
    const p = Math.min(Math.max(proba[i * C + yTrue[i]!]!, eps), 1 - eps) / rowSum;
    sum += -w * Math.log(p);
    sw += w;
  }
  return sw === 0 ? notComputable('no rows') : computed(sum / sw);
}

function brier(d: PreparedClassification, weights: Weights): MetricValue {
  const { proba, yTrue, n } = d;
  if (!proba) return notComputable('the model gives no probabilities');
  const C = d.classes.length;
  let sum = 0;
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    if (w === 0) continue;
    const t = yTrue[i]!;
    let loss: number;
    if (C === 2) {
      const e = proba[i * C + d.positive]! - (t === d.positive ? 1 : 0);
      loss = e * e;
    } else {
      loss = 0;
      for (let c = 0; c < C; c++) {
        const e = proba[i * C + c]! - (c === t ? 1 : 0);
        loss += e * e;
      }
    }
    sum += w * loss;
    sw += w;
  }
  return sw === 0 ? notComputable('no rows') : computed(sum / sw);
}

/** Index of the equal-width bin (lo, hi] of [0, 1] holding value, decided by comparisons, not rounding. */
function binOf(value: number, bins: number): number {
  let b = Math.min(bins - 1, Math.max(0, Math.ceil(value * bins) - 1));
  while (b > 0 && value <= b / bins) b--;
  while (b < bins - 1 && value > (b + 1) / bins) b++;
  return b;
}

/**
 * Expected calibration error of the top label: rows binned by their highest probability into `bins`
 * equal-width bins (lo, hi]; the support-weighted mean of |accuracy - mean confidence| per bin.
 */
export function expectedCalibrationError(d: PreparedClassification, weights: Weights, bins = 10): MetricValue {
  const { proba, yTrue, n } = d;
  if (!proba) return notComputable('the model gives no probabilities');
  const C = d.classes.length;
  const binWeight = new Float64Array(bins);
  const binCorrect = new Float64Array(bins);
  const binConfidence = new Float64Array(bins);
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    if (w === 0) continue;
    let top = 0;
    let conf = proba[i * C]!;
    for (let c = 1; c < C; c++) {
      if (proba[i * C + c]! > conf) {
        conf = proba[i * C + c]!;
        top = c;
      }
    }
    const b = binOf(conf, bins);
    binWeight[b]! += w;
    binConfidence[b]! += w * conf;
    if (top === yTrue[i]) binCorrect[b]! += w;
    sw += w;
  }
  if (sw === 0) return notComputable('no rows');
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (binWeight[b] === 0) continue;
    ece += Math.abs(binCorrect[b]! - binConfidence[b]!) / sw;
  }
  return computed(ece);
}

type Averages = Record<'macro' | 'micro' | 'weighted', { precision: number; recall: number; f1: number }>;

/** scikit-learn's precision_recall_fscore_support over the labels present (zero_division=0). */
function averagedScores(k: Counts): Averages {
  let labels = 0;
  const sums = { precision: 0, recall: 0, f1: 0 };
  const weighted = { precision: 0, recall: 0, f1: 0 };
  let tpAll = 0;
  let supportAll = 0;
  for (let c = 0; c < k.tp.length; c++) {
    const t = k.trueSum[c]!;
    const p = k.predSum[c]!;
    if (t === 0 && p === 0) continue;
    labels++;
    const tp = k.tp[c]!;
    const precision = p === 0 ? 0 : tp / p;
    const recall = t === 0 ? 0 : tp / t;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    sums.precision += precision;
    sums.recall += recall;
    sums.f1 += f1;
    weighted.precision += precision * t;
    weighted.recall += recall * t;
    weighted.f1 += f1 * t;
    tpAll += tp;
    supportAll += t;
  }
  const micro = supportAll === 0 ? 0 : tpAll / supportAll;
  const div = (x: number, by: number) => (by === 0 ? 0 : x / by);
  return {
    macro: { precision: div(sums.precision, labels), recall: div(sums.recall, labels), f1: div(sums.f1, labels) },
    micro: { precision: micro, recall: micro, f1: micro },
    weighted: {
      precision: div(weighted.precision, supportAll),
      recall: div(weighted.recall, supportAll),
      f1: div(weighted.f1, supportAll),
    },
  };
}

/** Metrics computed without per-class counts (binary only; one-vs-rest needs the class totals). */
const COUNT_FREE = new Set<string>(['accuracy', 'roc_auc', 'average_precision', 'log_loss', 'brier', 'ece']);

export interface ClassificationOptions {
  /** Metrics to compute; default: all for the task. */
  metrics?: readonly ClassificationMetric[];
  eceBins?: number;
}

export function classificationMetrics(
  d: PreparedClassification,
  weights?: Weights,
  options: ClassificationOptions = {},
): Partial<Record<ClassificationMetric, MetricValue>> {
  const C = d.classes.length;
  const wanted = new Set<string>(options.metrics ?? (C === 2 ? BINARY_METRICS : MULTICLASS_METRICS));
  const out: Partial<Record<ClassificationMetric, MetricValue>> = {};
  // Per-class counts only when a metric needs them: the bootstrap of accuracy and AUC skips this pass.
  const needCounts = C > 2 || [...wanted].some((name) => !COUNT_FREE.has(name));
  let k: Counts;
  let total = 0;
  let right = 0;
  if (needCounts) {
    k = counts(d, weights);
    total = k.total;
    for (let c = 0; c < C; c++) right += k.tp[c]!;
  } else {
    const { correct, n } = d;
    for (let i = 0; i < n; i++) {
      const w = weights === undefined ? 1 : weights[i]!;
      total += w;
      right += correct[i]! * w;
    }
    k = { total, trueSum: new Float64Array(C), predSum: new Float64Array(C), tp: new Float64Array(C) };
  }
  if (total === 0) {
    for (const name of wanted) out[name as ClassificationMetric] = notComputable('no rows');
    return out;
  }
  const want = (name: ClassificationMetric) => wanted.has(name);
  if (want('accuracy')) out.accuracy = computed(right / total);
  if (want('balanced_accuracy')) {
    let sum = 0;
    let present = 0;
    for (let c = 0; c < C; c++) {
      if (k.trueSum[c]! > 0) {
        sum += k.tp[c]! / k.trueSum[c]!;
        present++;
      }
    }
    out.balanced_accuracy = computed(sum / present);
  }
  if (C === 2) {
    const pos = d.positive;
    const tp = k.tp[pos]!;
    const predicted = k.predSum[pos]!;
    const actual = k.trueSum[pos]!;
    const name = d.classes[pos];
    if (want('precision')) {
      out.precision =
        predicted === 0 ? notComputable(`the model predicts no "${name}" rows`) : computed(tp / predicted);
    }
    if (want('recall')) {
      out.recall = actual === 0 ? notComputable(`no true "${name}" rows`) : computed(tp / actual);
    }
    if (want('f1')) {
      const denom = predicted + actual;
      out.f1 = denom === 0 ? notComputable(`no true or predicted "${name}" rows`) : computed((2 * tp) / denom);
    }
  }
  const averages = needCounts ? averagedScores(k) : null;
  for (const avg of averages ? (['macro', 'micro', 'weighted'] as const) : []) {
    for (const score of ['precision', 'recall', 'f1'] as const) {
      const name = `${score}_${avg}` as ClassificationMetric;
      if (want(name)) out[name] = computed(averages![avg][score]);
    }
  }
  const absent = absentClasses(d, k.trueSum);
  if (C === 2 && want('roc_auc')) out.roc_auc = binaryAuc(d, d.positive, weights);
  if (C === 2 && want('average_precision')) out.average_precision = binaryAveragePrecision(d, d.positive, weights);
  if (C > 2 && (want('roc_auc_ovr') || want('roc_auc_ovr_weighted') || want('average_precision'))) {
    const reason = `class${absent.length > 1 ? 'es' : ''} ${absent.map((a) => `"${a}"`).join(', ')} absent, so one-vs-rest is undefined`;
    if (absent.length > 0 || !d.proba) {
      const why = d.proba ? reason : 'the model gives no scores';
      for (const name of ['roc_auc_ovr', 'roc_auc_ovr_weighted', 'average_precision'] as const) {
        if (want(name)) out[name] = notComputable(why);
      }
    } else {
      let macro = 0;
      let weighted = 0;
      let ap = 0;
      for (let c = 0; c < C; c++) {
        if (want('roc_auc_ovr') || want('roc_auc_ovr_weighted')) {
          const auc = binaryAuc(d, c, weights).value ?? Number.NaN;
          macro += auc / C;
          weighted += (auc * k.trueSum[c]!) / k.total;
        }
        if (want('average_precision')) ap += (binaryAveragePrecision(d, c, weights).value ?? Number.NaN) / C;
      }
      if (want('roc_auc_ovr')) out.roc_auc_ovr = computed(macro);
      if (want('roc_auc_ovr_weighted')) out.roc_auc_ovr_weighted = computed(weighted);
      if (want('average_precision')) out.average_precision = computed(ap);
    }
  }
  if (want('log_loss')) out.log_loss = logLoss(d, weights);
  if (want('brier')) out.brier = brier(d, weights);
  if (want('ece')) out.ece = expectedCalibrationError(d, weights, options.eceBins);
  return out;
}

/** Unweighted confusion matrix over all model classes: rows true class, columns predicted class. */
export function confusionMatrixOf(d: ClassificationInput): number[][] {
  const C = d.classes.length;
  const m = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  for (let i = 0; i < d.yTrue.length; i++) m[d.yTrue[i]!]![d.yPred[i]!]!++;
  return m;
}
