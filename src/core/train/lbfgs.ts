/**
 * Limited-memory BFGS for smooth convex objectives (logistic and softmax regression). Deterministic: no
 * randomness, fixed summation order. Line search: backtracking on the Armijo condition with a curvature check
 * before each update, which is enough for the strictly convex, L2-regularised losses trained here.
 */

/** Writes the gradient at w into grad and returns the objective value. */
export type Objective = (w: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Stop when the largest absolute gradient entry is at most this (scikit-learn's `tol`). */
  tol?: number;
  maxIter?: number;
  /** Number of correction pairs kept. */
  memory?: number;
}

export interface LbfgsResult {
  w: Float64Array;
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  gradNorm: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]!);
    if (v > m) m = v;
  }
  return m;
}

export function minimizeLbfgs(objective: Objective, w0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const tol = options.tol ?? 1e-4;
  const maxIter = options.maxIter ?? 100;
  const m = options.memory ?? 10;
  const d = w0.length;
  let w = Float64Array.from(w0);
  let g = new Float64Array(d);
  let f = objective(w, g);
  let evaluations = 1;
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  const dir = new Float64Array(d);
  let wNew = new Float64Array(d);
  let gNew = new Float64Array(d);
  let iterations = 0;
  let converged = maxAbs(g) <= tol;

  while (!converged && iterations < maxIter) {
    // Two-loop recursion: dir = -H g.
    for (let i = 0; i < d; i++) dir[i] = -g[i]!;
    const k = sList.length;
    for (let j = k - 1; j >= 0; j--) {
      alpha[j] = rho[j]! * dot(sList[j]!, dir);
      const y = yList[j]!;
      const a = alpha[j]!;
      for (let i = 0; i < d; i++) dir[i] = dir[i]! - a * y[i]!;
    }
    if (k > 0) {
      const gamma = dot(sList[k - 1]!, yList[k - 1]!) / dot(yList[k - 1]!, yList[k - 1]!);
      for (let i = 0; i < d; i++) dir[i] = dir[i]! * gamma;
    }
    for (let j = 0; j < k; j++) {
      const beta = rho[j]! * dot(yList[j]!, dir);
      const s = sList[j]!;
      const c = alpha[j]! - beta;
      for (let i = 0; i < d; i++) dir[i] = dir[i]! + c * s[i]!;
    }
    let slope = dot(g, dir);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sList.length = 0;
      yList.length = 0;
      rho.length = 0;
      for (let i = 0; i < d; i++) dir[i] = -g[i]!;
      slope = dot(g, dir);
    }
    let step = k === 0 ? Math.min(1, 1 / Math.max(Math.sqrt(-slope), 1e-12)) : 1;
    let fNew = Number.POSITIVE_INFINITY;
    let accepted = false;
    for (let ls = 0; ls < 40; ls++) {
      for (let i = 0; i < d; i++) wNew[i] = w[i]! + step * dir[i]!;
      fNew = objective(wNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    iterations++;
    if (!accepted) break;
    const s = new Float64Array(d);
    const y = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      s[i] = wNew[i]! - w[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * dot(y, y)) {
      if (sList.length === m) {
        sList.shift();
        yList.shift();
        rho.shift();
      }
      sList.push(s);
      yList.push(y);
      rho.push(1 / sy);
    }
    const relativeDecrease = (f - fNew) / Math.max(Math.abs(f), Math.abs(fNew), 1);
    [w, wNew] = [wNew, w];
    [g, gNew] = [gNew, g];
    f = fNew;
    converged = maxAbs(g) <= tol;
    if (!converged && relativeDecrease <= 64 * Number.EPSILON) converged = true;
  }
  return { w, value: f, iterations, evaluations, converged, gradNorm: maxAbs(g) };
}
