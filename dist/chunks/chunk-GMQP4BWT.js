import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);

// src/core/stats/random.ts
var Random = class {
  a;
  b;
  c;
  d;
  constructor(seed) {
    let s = seed >>> 0;
    const next = () => {
      s = s + 2654435769 >>> 0;
      let z = s;
      z = Math.imul(z ^ z >>> 16, 2246822507);
      z = Math.imul(z ^ z >>> 13, 3266489909);
      return (z ^ z >>> 16) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }
  /** A uniform 32-bit unsigned integer. */
  nextUint32() {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }
  /** Uniform in [0, 1) with 53 random bits. */
  next() {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }
  /** Unbiased uniform integer in [0, n) (Lemire's method; exact in doubles for n < 2^21). */
  int(n) {
    if (n <= 0) throw new RangeError("n must be positive");
    if (n >= 2097152) return Math.floor(this.next() * n);
    let m = this.nextUint32() * n;
    let low = m % 4294967296;
    if (low < n) {
      const threshold = (4294967296 - n) % n;
      while (low < threshold) {
        m = this.nextUint32() * n;
        low = m % 4294967296;
      }
    }
    return Math.floor(m / 4294967296);
  }
  /**
   * Multinomial counts of n draws with replacement from n rows (a bootstrap replicate): out[i] = times row i
   * was drawn.
   *
   * Drawing n row indices scatters n increments over the whole array, and those cache misses were most of a
   * bootstrap's time. Instead every row gets an independent Poisson(1) count, written in one sequential pass,
   * and the total S is then corrected to exactly n. This is exact, not an approximation: given S = s, independent
   * Poisson counts are multinomial(s) over the rows; adding n - s further uniform draws makes them
   * multinomial(n), and removing s - n of the s drawn units uniformly at random without replacement leaves n
   * independent uniform draws, which again is multinomial(n). |S - n| is about sqrt(n), so the correction is
   * a few thousand random accesses against n.
   */
  drawCounts(n, out) {
    let { a, b, c, d } = this;
    let total = 0;
    let largest = POISSON_TABLE_MAX;
    for (let i = 0; i < n; i++) {
      const u = a + d >>> 0;
      let t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = d << 11 | d >>> 21;
      let k = POISSON_TABLE[u >>> 32 - POISSON_TABLE_BITS];
      if (k === STRADDLES) {
        const v = a + d >>> 0;
        t = b << 9;
        c ^= a;
        d ^= b;
        b ^= c;
        a ^= d;
        c ^= t;
        d = d << 11 | d >>> 21;
        const x = u + v * 23283064365386963e-26;
        k = 0;
        while (x >= POISSON_QUANTILES[k]) k++;
        if (k > largest) largest = k;
      }
      out[i] = k;
      total += k;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    for (; total < n; total++) out[this.int(n)]++;
    while (total > n) {
      const i = this.int(n);
      if (this.int(largest) < out[i]) {
        out[i]--;
        total--;
      }
    }
  }
  /** A standard normal draw (Box-Muller). */
  normal() {
    let u = 0;
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
};
function rotl(x, k) {
  return x << k | x >>> 32 - k;
}
var POISSON_QUANTILES = (() => {
  const quantiles = [];
  let p = Math.exp(-1);
  let cdf = 0;
  for (let k = 0; cdf < 1 && k < 40; k++) {
    cdf += p;
    p /= k + 1;
    quantiles.push(cdf * 4294967296);
  }
  quantiles.push(Number.POSITIVE_INFINITY);
  return Float64Array.from(quantiles);
})();
var POISSON_TABLE_BITS = 12;
var STRADDLES = 255;
var POISSON_TABLE = (() => {
  const table = new Uint8Array(1 << POISSON_TABLE_BITS);
  const width = 2 ** (32 - POISSON_TABLE_BITS);
  for (let j = 0; j < table.length; j++) {
    const start = j * width;
    let k = 0;
    while (start >= POISSON_QUANTILES[k]) k++;
    table[j] = POISSON_QUANTILES[k] < start + width ? STRADDLES : k;
  }
  return table;
})();
var POISSON_TABLE_MAX = POISSON_TABLE.reduce((m, k) => k === STRADDLES ? m : Math.max(m, k), 1);

// src/core/stats/bootstrap.ts
function replicateSeed(seed, r) {
  let z = (seed ^ Math.imul(r + 1, 2654435769)) >>> 0;
  z = Math.imul(z ^ z >>> 16, 2246822507);
  z = Math.imul(z ^ z >>> 13, 3266489909);
  return (z ^ z >>> 16) >>> 0;
}
function forEachReplicate(n, from, to, seed, visit) {
  const counts2 = new Int32Array(n);
  for (let r = from; r < to; r++) {
    new Random(replicateSeed(seed, r)).drawCounts(n, counts2);
    visit(counts2, r);
  }
}
function quantileSorted(sorted, q) {
  const m = sorted.length;
  if (m === 0) return Number.NaN;
  const h = (m - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, m - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
function percentileInterval(replicates, level, minShare = 0.9) {
  const finite = replicates.filter((v) => Number.isFinite(v)).sort();
  if (finite.length === 0 || finite.length < minShare * replicates.length) return null;
  const alpha = 1 - level;
  return {
    lower: quantileSorted(finite, alpha / 2),
    upper: quantileSorted(finite, 1 - alpha / 2),
    finite: finite.length
  };
}
function bootstrapPValue(replicates, threshold, side) {
  let finite = 0;
  let beyond = 0;
  for (const v of replicates) {
    if (!Number.isFinite(v)) continue;
    finite++;
    if (side === "above" ? v >= threshold : v <= threshold) beyond++;
  }
  if (finite === 0) return null;
  return (beyond + 1) / (finite + 1);
}

// src/core/evaluate/metric-value.ts
function computed(value) {
  return Number.isFinite(value) ? { value } : { value: null, reason: `the value is ${value}` };
}
function notComputable(reason) {
  return { value: null, reason };
}

// src/core/evaluate/metrics-classification.ts
var BINARY_METRICS = [
  "accuracy",
  "balanced_accuracy",
  "precision",
  "recall",
  "f1",
  "precision_macro",
  "recall_macro",
  "f1_macro",
  "precision_micro",
  "recall_micro",
  "f1_micro",
  "precision_weighted",
  "recall_weighted",
  "f1_weighted",
  "roc_auc",
  "average_precision",
  "log_loss",
  "brier",
  "ece"
];
var MULTICLASS_METRICS = [
  "accuracy",
  "balanced_accuracy",
  "precision_macro",
  "recall_macro",
  "f1_macro",
  "precision_micro",
  "recall_micro",
  "f1_micro",
  "precision_weighted",
  "recall_weighted",
  "f1_weighted",
  "roc_auc_ovr",
  "roc_auc_ovr_weighted",
  "average_precision",
  "log_loss",
  "brier",
  "ece"
];
function descendingOrder(matrix, columns, c, n) {
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) {
    if (matrix[i * columns + c] > matrix[(i - 1) * columns + c]) sorted = false;
  }
  if (sorted) return null;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = matrix[i * columns + c];
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => keys[b] - keys[a] || a - b);
  return order;
}
function ranking(input, c, n) {
  const C = input.classes.length;
  const proba = input.proba;
  const order = descendingOrder(proba, C, c, n);
  const member = new Uint8Array(n);
  const ends = [];
  let previous = Number.NaN;
  for (let k = 0; k < n; k++) {
    const i = order ? order[k] : k;
    const score = proba[i * C + c];
    if (k > 0 && score !== previous) ends.push(k);
    previous = score;
    member[k] = input.yTrue[i] === c ? 1 : 0;
  }
  if (n > 0) ends.push(n);
  return { order, groupEnds: Int32Array.from(ends), member };
}
function prepareClassification(input, positive = 1) {
  const n = input.yTrue.length;
  const C = input.classes.length;
  const rankings = Array.from({ length: C }, () => null);
  if (input.proba) {
    if (C === 2) rankings[positive] = ranking(input, positive, n);
    else for (let c = 0; c < C; c++) rankings[c] = ranking(input, c, n);
  }
  const correct = new Uint8Array(n);
  for (let i = 0; i < n; i++) correct[i] = input.yTrue[i] === input.yPred[i] ? 1 : 0;
  return { ...input, n, positive, correct, rankings };
}
function permuteClassification(input, order) {
  const n = order.length;
  const C = input.classes.length;
  const yTrue = new Int32Array(n);
  const yPred = new Int32Array(n);
  const proba = input.proba ? new Float64Array(n * C) : null;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    yTrue[k] = input.yTrue[i];
    yPred[k] = input.yPred[i];
    if (proba) for (let c = 0; c < C; c++) proba[k * C + c] = input.proba[i * C + c];
  }
  return { classes: input.classes, yTrue, yPred, proba };
}
function counts(d, weights) {
  const C = d.classes.length;
  const trueSum = new Float64Array(C);
  const predSum = new Float64Array(C);
  const tp = new Float64Array(C);
  let total = 0;
  const { yTrue, yPred, n } = d;
  for (let i = 0; i < n; i++) {
    const w = weights === void 0 ? 1 : weights[i];
    if (w === 0) continue;
    const t = yTrue[i];
    const p = yPred[i];
    total += w;
    trueSum[t] += w;
    predSum[p] += w;
    if (t === p) tp[t] += w;
  }
  return { total, trueSum, predSum, tp };
}
function binaryAuc(d, c, weights) {
  const r = d.rankings[c];
  if (!d.proba || !r) return notComputable("the model gives no scores");
  const { order, groupEnds, member } = r;
  const w = weights ?? new Int32Array(d.n).fill(1);
  let P = 0;
  let N = 0;
  let area = 0;
  let k = 0;
  for (let g = 0; g < groupEnds.length; g++) {
    const end = groupEnds[g];
    if (end - k === 1) {
      const weight = w[order ? order[k] : k];
      const positive = member[k] * weight;
      area += (weight - positive) * P;
      P += positive;
      N += weight - positive;
      k = end;
      continue;
    }
    let tp = 0;
    let total = 0;
    for (; k < end; k++) {
      const weight = w[order ? order[k] : k];
      total += weight;
      tp += member[k] * weight;
    }
    const fp = total - tp;
    area += fp * (P + tp / 2);
    P += tp;
    N += fp;
  }
  if (P === 0 || N === 0) {
    return notComputable(`only one class present (${P === 0 ? "no" : "only"} "${d.classes[c]}" rows)`);
  }
  return computed(area / (P * N));
}
function binaryAveragePrecision(d, c, weights) {
  const r = d.rankings[c];
  if (!d.proba || !r) return notComputable("the model gives no scores");
  const { order, groupEnds, member } = r;
  let P = 0;
  for (let k2 = 0; k2 < d.n; k2++) {
    if (member[k2]) P += weights === void 0 ? 1 : weights[order ? order[k2] : k2];
  }
  if (P === 0) return notComputable(`no "${d.classes[c]}" rows, so precision-recall is undefined`);
  let tp = 0;
  let seen = 0;
  let ap = 0;
  let k = 0;
  for (let g = 0; g < groupEnds.length; g++) {
    const end = groupEnds[g];
    let tpGroup = 0;
    for (; k < end; k++) {
      const w = weights === void 0 ? 1 : weights[order ? order[k] : k];
      seen += w;
      if (member[k]) tpGroup += w;
    }
    tp += tpGroup;
    if (tpGroup > 0) ap += tpGroup / P * (tp / seen);
  }
  return computed(ap);
}
function absentClasses(d, trueSum) {
  return d.classes.filter((_, c) => trueSum[c] === 0);
}
function logLoss(d, weights) {
  const { proba, yTrue, n } = d;
  if (!proba) return notComputable("the model gives no probabilities");
  const C = d.classes.length;
  const eps = 2220446049250313e-31;
  let sum = 0;
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === void 0 ? 1 : weights[i];
    if (w === 0) continue;
    let rowSum = 0;
    for (let c = 0; c < C; c++) rowSum += Math.min(Math.max(proba[i * C + c], eps), 1 - eps);
    const p = Math.min(Math.max(proba[i * C + yTrue[i]], eps), 1 - eps) / rowSum;
    sum += -w * Math.log(p);
    sw += w;
  }
  return sw === 0 ? notComputable("no rows") : computed(sum / sw);
}
function brier(d, weights) {
  const { proba, yTrue, n } = d;
  if (!proba) return notComputable("the model gives no probabilities");
  const C = d.classes.length;
  let sum = 0;
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === void 0 ? 1 : weights[i];
    if (w === 0) continue;
    const t = yTrue[i];
    let loss;
    if (C === 2) {
      const e = proba[i * C + d.positive] - (t === d.positive ? 1 : 0);
      loss = e * e;
    } else {
      loss = 0;
      for (let c = 0; c < C; c++) {
        const e = proba[i * C + c] - (c === t ? 1 : 0);
        loss += e * e;
      }
    }
    sum += w * loss;
    sw += w;
  }
  return sw === 0 ? notComputable("no rows") : computed(sum / sw);
}
function binOf(value, bins) {
  let b = Math.min(bins - 1, Math.max(0, Math.ceil(value * bins) - 1));
  while (b > 0 && value <= b / bins) b--;
  while (b < bins - 1 && value > (b + 1) / bins) b++;
  return b;
}
function expectedCalibrationError(d, weights, bins = 10) {
  const { proba, yTrue, n } = d;
  if (!proba) return notComputable("the model gives no probabilities");
  const C = d.classes.length;
  const binWeight = new Float64Array(bins);
  const binCorrect = new Float64Array(bins);
  const binConfidence = new Float64Array(bins);
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === void 0 ? 1 : weights[i];
    if (w === 0) continue;
    let top = 0;
    let conf = proba[i * C];
    for (let c = 1; c < C; c++) {
      if (proba[i * C + c] > conf) {
        conf = proba[i * C + c];
        top = c;
      }
    }
    const b = binOf(conf, bins);
    binWeight[b] += w;
    binConfidence[b] += w * conf;
    if (top === yTrue[i]) binCorrect[b] += w;
    sw += w;
  }
  if (sw === 0) return notComputable("no rows");
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (binWeight[b] === 0) continue;
    ece += Math.abs(binCorrect[b] - binConfidence[b]) / sw;
  }
  return computed(ece);
}
function averagedScores(k) {
  let labels = 0;
  const sums = { precision: 0, recall: 0, f1: 0 };
  const weighted = { precision: 0, recall: 0, f1: 0 };
  let tpAll = 0;
  let supportAll = 0;
  for (let c = 0; c < k.tp.length; c++) {
    const t = k.trueSum[c];
    const p = k.predSum[c];
    if (t === 0 && p === 0) continue;
    labels++;
    const tp = k.tp[c];
    const precision = p === 0 ? 0 : tp / p;
    const recall = t === 0 ? 0 : tp / t;
    const f1 = precision + recall === 0 ? 0 : 2 * precision * recall / (precision + recall);
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
  const div = (x, by) => by === 0 ? 0 : x / by;
  return {
    macro: { precision: div(sums.precision, labels), recall: div(sums.recall, labels), f1: div(sums.f1, labels) },
    micro: { precision: micro, recall: micro, f1: micro },
    weighted: {
      precision: div(weighted.precision, supportAll),
      recall: div(weighted.recall, supportAll),
      f1: div(weighted.f1, supportAll)
    }
  };
}
var COUNT_FREE = /* @__PURE__ */ new Set(["accuracy", "roc_auc", "average_precision", "log_loss", "brier", "ece"]);
function classificationMetrics(d, weights, options = {}) {
  const C = d.classes.length;
  const wanted = new Set(options.metrics ?? (C === 2 ? BINARY_METRICS : MULTICLASS_METRICS));
  const out = {};
  const needCounts = C > 2 || [...wanted].some((name) => !COUNT_FREE.has(name));
  let k;
  let total = 0;
  let right = 0;
  if (needCounts) {
    k = counts(d, weights);
    total = k.total;
    for (let c = 0; c < C; c++) right += k.tp[c];
  } else {
    const { correct, n } = d;
    for (let i = 0; i < n; i++) {
      const w = weights === void 0 ? 1 : weights[i];
      total += w;
      right += correct[i] * w;
    }
    k = { total, trueSum: new Float64Array(C), predSum: new Float64Array(C), tp: new Float64Array(C) };
  }
  if (total === 0) {
    for (const name of wanted) out[name] = notComputable("no rows");
    return out;
  }
  const want = (name) => wanted.has(name);
  if (want("accuracy")) out.accuracy = computed(right / total);
  if (want("balanced_accuracy")) {
    let sum = 0;
    let present = 0;
    for (let c = 0; c < C; c++) {
      if (k.trueSum[c] > 0) {
        sum += k.tp[c] / k.trueSum[c];
        present++;
      }
    }
    out.balanced_accuracy = computed(sum / present);
  }
  if (C === 2) {
    const pos = d.positive;
    const tp = k.tp[pos];
    const predicted = k.predSum[pos];
    const actual = k.trueSum[pos];
    const name = d.classes[pos];
    if (want("precision")) {
      out.precision = predicted === 0 ? notComputable(`the model predicts no "${name}" rows`) : computed(tp / predicted);
    }
    if (want("recall")) {
      out.recall = actual === 0 ? notComputable(`no true "${name}" rows`) : computed(tp / actual);
    }
    if (want("f1")) {
      const denom = predicted + actual;
      out.f1 = denom === 0 ? notComputable(`no true or predicted "${name}" rows`) : computed(2 * tp / denom);
    }
  }
  const averages = needCounts ? averagedScores(k) : null;
  for (const avg of averages ? ["macro", "micro", "weighted"] : []) {
    for (const score of ["precision", "recall", "f1"]) {
      const name = `${score}_${avg}`;
      if (want(name)) out[name] = computed(averages[avg][score]);
    }
  }
  const absent = absentClasses(d, k.trueSum);
  if (C === 2 && want("roc_auc")) out.roc_auc = binaryAuc(d, d.positive, weights);
  if (C === 2 && want("average_precision")) out.average_precision = binaryAveragePrecision(d, d.positive, weights);
  if (C > 2 && (want("roc_auc_ovr") || want("roc_auc_ovr_weighted") || want("average_precision"))) {
    const reason = `class${absent.length > 1 ? "es" : ""} ${absent.map((a) => `"${a}"`).join(", ")} absent, so one-vs-rest is undefined`;
    if (absent.length > 0 || !d.proba) {
      const why = d.proba ? reason : "the model gives no scores";
      for (const name of ["roc_auc_ovr", "roc_auc_ovr_weighted", "average_precision"]) {
        if (want(name)) out[name] = notComputable(why);
      }
    } else {
      let macro = 0;
      let weighted = 0;
      let ap = 0;
      for (let c = 0; c < C; c++) {
        if (want("roc_auc_ovr") || want("roc_auc_ovr_weighted")) {
          const auc = binaryAuc(d, c, weights).value ?? Number.NaN;
          macro += auc / C;
          weighted += auc * k.trueSum[c] / k.total;
        }
        if (want("average_precision")) ap += (binaryAveragePrecision(d, c, weights).value ?? Number.NaN) / C;
      }
      if (want("roc_auc_ovr")) out.roc_auc_ovr = computed(macro);
      if (want("roc_auc_ovr_weighted")) out.roc_auc_ovr_weighted = computed(weighted);
      if (want("average_precision")) out.average_precision = computed(ap);
    }
  }
  if (want("log_loss")) out.log_loss = logLoss(d, weights);
  if (want("brier")) out.brier = brier(d, weights);
  if (want("ece")) out.ece = expectedCalibrationError(d, weights, options.eceBins);
  return out;
}
function confusionMatrixOf(d) {
  const C = d.classes.length;
  const m = Array.from({ length: C }, () => new Array(C).fill(0));
  for (let i = 0; i < d.yTrue.length; i++) m[d.yTrue[i]][d.yPred[i]]++;
  return m;
}

// src/core/evaluate/metrics-regression.ts
var EPSILON = 2220446049250313e-31;
var REGRESSION_METRICS = ["mae", "rmse", "r2", "mape"];
function regressionMetrics(input, weights) {
  const { yTrue, yPred } = input;
  const n = yTrue.length;
  let sw = 0;
  let absSum = 0;
  let sqSum = 0;
  let apeSum = 0;
  let ySum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === void 0 ? 1 : weights[i];
    if (w === 0) continue;
    const y = yTrue[i];
    const e = y - yPred[i];
    sw += w;
    absSum += w * Math.abs(e);
    sqSum += w * e * e;
    apeSum += w * Math.abs(e) / Math.max(Math.abs(y), EPSILON);
    ySum += w * y;
  }
  if (sw === 0) {
    const empty = notComputable("no rows");
    return { mae: empty, rmse: empty, r2: empty, mape: empty };
  }
  const mean = ySum / sw;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === void 0 ? 1 : weights[i];
    if (w === 0) continue;
    const d = yTrue[i] - mean;
    ssTot += w * d * d;
  }
  return {
    mae: computed(absSum / sw),
    rmse: computed(Math.sqrt(sqSum / sw)),
    r2: ssTot === 0 ? notComputable("the target is constant, so R\xB2 is undefined") : computed(1 - sqSum / ssTot),
    mape: computed(apeSum / sw)
  };
}

// src/core/evaluate/metrics.ts
var LOWER_IS_BETTER = /* @__PURE__ */ new Set(["log_loss", "brier", "ece", "mae", "rmse", "mape"]);
function metricDirection(name) {
  return LOWER_IS_BETTER.has(name) ? "lower" : "higher";
}
function metricsFor(task) {
  return task === "binary" ? BINARY_METRICS : task === "multiclass" ? MULTICLASS_METRICS : REGRESSION_METRICS;
}
function primaryMetric(task) {
  return task === "regression" ? "rmse" : "accuracy";
}
function computeMetrics(predictions, names, weights) {
  if (predictions.task === "regression") {
    const all2 = regressionMetrics(predictions.data, weights);
    return Object.fromEntries(names.map((n) => [n, all2[n]]));
  }
  const all = classificationMetrics(predictions.data, weights, { metrics: names });
  return Object.fromEntries(names.map((n) => [n, all[n]]));
}

// src/core/evaluate/bootstrap-replicates.ts
function replicateWidth(job) {
  return job.champion ? 3 * job.names.length : job.names.length;
}
function runReplicates(job, from, to, out) {
  const k = job.names.length;
  const width = replicateWidth(job);
  forEachReplicate(job.n, from, to, job.seed, (counts2, r) => {
    const c = computeMetrics(job.candidate, job.names, counts2);
    const h = job.champion ? computeMetrics(job.champion, job.names, counts2) : null;
    const row = (r - from) * width;
    for (let j = 0; j < k; j++) {
      const cv = c[job.names[j]].value ?? Number.NaN;
      out[row + j] = cv;
      if (h) {
        const hv = h[job.names[j]].value ?? Number.NaN;
        out[row + k + j] = hv;
        out[row + 2 * k + j] = cv - hv;
      }
    }
  });
}

export {
  quantileSorted,
  percentileInterval,
  bootstrapPValue,
  descendingOrder,
  prepareClassification,
  permuteClassification,
  confusionMatrixOf,
  metricDirection,
  metricsFor,
  primaryMetric,
  computeMetrics,
  replicateWidth,
  runReplicates
};
//# sourceMappingURL=chunk-GMQP4BWT.js.map
