/**
 * The three baseline estimators on a row-major design matrix X [n x d] (already standardized / one-hot):
 * logistic regression (binary), softmax regression (multinomial) and ridge regression. Objectives match
 * scikit-learn's: mean log-loss + ||W||² / (2·C·n) for the classifiers (intercept not penalised, solved with
 * L-BFGS), and ||y − Xw − b||² + α||w||² for ridge (solved exactly through the normal equations).
 */
import { MlopsError } from '../errors.js';
import { type LbfgsResult, minimizeLbfgs } from './lbfgs.js';
import { blockCount, blockStride, lossKernel } from './loss-kernel.js';

/** Coefficients: weights [d x k] row-major (design column j, output c at j*k+c), then intercepts [k]. */
export interface LinearCoefficients {
  d: number;
  k: number;
  weights: Float64Array;
  intercepts: Float64Array;
}

export interface SolverInfo {
  solver: 'lbfgs' | 'cholesky';
  iterations: number;
  /** Objective evaluations, line search included. */
  evaluations: number;
  converged: boolean;
  objective: number;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

function split(result: LbfgsResult, d: number, k: number): LinearCoefficients {
  return {
    d,
    k,
    weights: result.w.slice(0, d * k),
    intercepts: result.w.slice(d * k, d * k + k),
  };
}

/**
 * Minimises mean log-loss + ||W||² / (2·C·n) (intercepts not penalised) with L-BFGS; the loss runs on the
 * blocked kernel (worker threads for large data), summed in block order.
 */
function fitClassifier(
  x: Float64Array,
  y: Uint16Array,
  n: number,
  d: number,
  k: number,
  options: { C: number; tol: number; maxIter: number },
): { coefficients: LinearCoefficients; info: SolverInfo } {
  const lambda = 1 / (options.C * n);
  const kernel = lossKernel(x, y, n, d, k);
  const blocks = blockCount(n);
  const stride = blockStride(d, k);
  const weights = d * k;
  const objective = (w: Float64Array, grad: Float64Array): number => {
    const partials = kernel.run(w);
    grad.fill(0);
    let loss = 0;
    // Block order, always: the sum does not depend on how many threads computed the blocks.
    for (let block = 0; block < blocks; block++) {
      const o = block * stride;
      loss += partials[o]!;
      for (let i = 0; i < stride - 1; i++) grad[i] = grad[i]! + partials[o + 1 + i]!;
    }
    let reg = 0;
    for (let i = 0; i < weights; i++) {
      reg += w[i]! * w[i]!;
      grad[i] = grad[i]! / n + lambda * w[i]!;
    }
    for (let c = 0; c < k; c++) grad[weights + c] = grad[weights + c]! / n;
    return loss / n + 0.5 * lambda * reg;
  };
  let result: LbfgsResult;
  try {
    result = minimizeLbfgs(objective, new Float64Array((d + 1) * k), { tol: options.tol, maxIter: options.maxIter });
  } finally {
    kernel.close();
  }
  return {
    coefficients: split(result, d, k),
    info: {
      solver: 'lbfgs',
      iterations: result.iterations,
      evaluations: result.evaluations,
      converged: result.converged,
      objective: result.value,
    },
  };
}

/** Binary logistic regression; y holds 0/1. */
export function fitLogistic(
  x: Float64Array,
  y: Uint16Array,
  n: number,
  d: number,
  options: { C: number; tol: number; maxIter: number },
): { coefficients: LinearCoefficients; info: SolverInfo } {
  return fitClassifier(x, y, n, d, 1, options);
}

/** Multinomial (softmax) regression; y holds class indices 0..k-1. */
export function fitSoftmax(
  x: Float64Array,
  y: Uint16Array,
  n: number,
  d: number,
  k: number,
  options: { C: number; tol: number; maxIter: number },
): { coefficients: LinearCoefficients; info: SolverInfo } {
  return fitClassifier(x, y, n, d, k, options);
}

/** Solves A x = b in place for a symmetric positive definite A [m x m] (Cholesky). */
function choleskySolve(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * m + j]!;
      for (let p = 0; p < j; p++) s -= l[i * m + p]! * l[j * m + p]!;
      if (i === j) {
        if (!(s > 0)) {
          throw new MlopsError('Ridge regression: the normal equations are singular.', {
            kind: 'input',
            hint: 'A feature is constant or duplicates another; set a positive `alpha` or drop the feature.',
          });
        }
        l[i * m + i] = Math.sqrt(s);
      } else {
        l[i * m + j] = s / l[j * m + j]!;
      }
    }
  }
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = b[i]!;
    for (let p = 0; p < i; p++) s -= l[i * m + p]! * z[p]!;
    z[i] = s / l[i * m + i]!;
  }
  const out = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let p = i + 1; p < m; p++) s -= l[p * m + i]! * out[p]!;
    out[i] = s / l[i * m + i]!;
  }
  return out;
}

export function fitRidge(
  x: Float64Array,
  y: Float64Array,
  n: number,
  d: number,
  options: { alpha: number },
): { coefficients: LinearCoefficients; info: SolverInfo } {
  // Center y and the columns so the intercept drops out, as scikit-learn does; accumulate X'X and X'y in one pass.
  const xMean = new Float64Array(d);
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let j = 0; j < d; j++) xMean[j] = xMean[j]! + x[row + j]!;
    yMean += y[i]!;
  }
  for (let j = 0; j < d; j++) xMean[j] = xMean[j]! / n;
  yMean /= n;
  const a = new Float64Array(d * d);
  const b = new Float64Array(d);
  const xc = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let j = 0; j < d; j++) xc[j] = x[row + j]! - xMean[j]!;
    const yc = y[i]! - yMean;
    for (let j = 0; j < d; j++) {
      const v = xc[j]!;
      if (v === 0) continue;
      b[j] = b[j]! + v * yc;
      const aj = j * d;
      for (let p = 0; p <= j; p++) a[aj + p] = a[aj + p]! + v * xc[p]!;
    }
  }
  for (let j = 0; j < d; j++) {
    for (let p = 0; p < j; p++) a[p * d + j] = a[j * d + p]!;
    a[j * d + j] = a[j * d + j]! + options.alpha;
  }
  const w = d > 0 ? choleskySolve(a, b, d) : new Float64Array(0);
  let intercept = yMean;
  for (let j = 0; j < d; j++) intercept -= xMean[j]! * w[j]!;
  return {
    coefficients: { d, k: 1, weights: w, intercepts: Float64Array.of(intercept) },
    info: { solver: 'cholesky', iterations: 1, evaluations: 1, converged: true, objective: Number.NaN },
  };
}

/** Linear scores [n x k] row-major: X W + b. */
export function linearScores(x: Float64Array, n: number, coefficients: LinearCoefficients): Float64Array {
  const { d, k, weights, intercepts } = coefficients;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    const o = i * k;
    for (let c = 0; c < k; c++) out[o + c] = intercepts[c]!;
    for (let j = 0; j < d; j++) {
      const xv = x[row + j]!;
      if (xv === 0) continue;
      for (let c = 0; c < k; c++) out[o + c] = out[o + c]! + xv * weights[j * k + c]!;
    }
  }
  return out;
}

/** Class probabilities [n x classes] from linear scores: sigmoid for one score column, softmax otherwise. */
export function probabilitiesFromScores(scores: Float64Array, n: number, k: number): Float64Array {
  if (k === 1) {
    const out = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const p = sigmoid(scores[i]!);
      out[2 * i] = 1 - p;
      out[2 * i + 1] = p;
    }
    return out;
  }
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let max = scores[i * k]!;
    for (let c = 1; c < k; c++) max = Math.max(max, scores[i * k + c]!);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(scores[i * k + c]! - max);
      out[i * k + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) out[i * k + c] = out[i * k + c]! / sum;
  }
  return out;
}

/** Index of the first maximum per row (ONNX ArgMax picks the first one too). */
export function argmaxRows(values: Float64Array, n: number, k: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (values[i * k + c]! > values[i * k + best]!) best = c;
    out[i] = best;
  }
  return out;
}
