/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS). With tens of features this
 * converges in a handful of exact steps, needs no learning rate, and gives the same answer every run.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';

export interface LogisticOptions {
  /** L2 penalty on the weights (not the intercept); larger = simpler model. */
  l2?: number;
  maxIter?: number;
  /** Weight per example, e.g. to balance classes. */
  sampleWeight?: ArrayLike<number>;
}

export interface LogisticState { weights: number[]; intercept: number }

/** The logistic function, clamped so extreme margins do not overflow. */
export function sigmoid(z: number): number {
  if (z > 35) return 1;
  if (z < -35) return 0;
  return 1 / (1 + Math.exp(-z));
}

/** Fits weights and intercept on encoded rows `x` and 0/1 labels `y`. */
export function fitLogistic(x: ArrayLike<number>[], y: ArrayLike<number>, options: LogisticOptions = {}): LogisticState {
  const n = x.length;
  const d = n ? x[0].length : 0;
  const l2 = options.l2 ?? 1;
  const sw = options.sampleWeight;
  const dim = d + 1; // last slot is the intercept
  const beta = new Float64Array(dim);
  const eta = new Float64Array(n);
  for (let iter = 0; iter < (options.maxIter ?? 25); iter++) {
    const hess = new Float64Array(dim * dim);
    const grad = new Float64Array(dim);
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      let z = beta[d];
      for (let j = 0; j < d; j++) z += beta[j] * xi[j];
      eta[i] = z;
      const p = sigmoid(z);
      const w = sw ? sw[i] : 1;
      const r = w * (y[i] - p);
      const h = w * Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < d; a++) {
        const xa = xi[a];
        if (xa === 0) continue; // one-hot rows are sparse
        grad[a] += r * xa;
        const row = a * dim;
        const hx = h * xa;
        for (let b = a; b < d; b++) hess[row + b] += hx * xi[b];
        hess[row + d] += hx;
      }
      grad[d] += r;
      hess[d * dim + d] += h;
    }
    for (let a = 0; a < d; a++) {
      grad[a] -= l2 * beta[a];
      hess[a * dim + a] += l2;
      for (let b = a + 1; b < dim; b++) hess[b * dim + a] = hess[a * dim + b];
    }
    hess[d * dim + d] += 1e-8;
    const H = new Matrix(dim, dim);
    for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) H.set(a, b, hess[a * dim + b]);
    const step = new CholeskyDecomposition(H).solve(Matrix.columnVector(Array.from(grad)));
    let maxStep = 0;
    for (let a = 0; a < dim; a++) { beta[a] += step.get(a, 0); maxStep = Math.max(maxStep, Math.abs(step.get(a, 0))); }
    if (maxStep < 1e-6) break;
  }
  return { weights: Array.from(beta.subarray(0, d)), intercept: beta[d] };
}

/** The linear margin (log-odds) for one encoded row. */
export function logisticMargin(state: LogisticState, xi: ArrayLike<number>): number {
  let z = state.intercept;
  for (let j = 0; j < state.weights.length; j++) z += state.weights[j] * xi[j];
  return z;
}
