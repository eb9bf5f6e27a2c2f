/**
 * Implicit-feedback matrix factorisation (Hu, Koren & Volinsky 2008), solved by alternating least
 * squares with a few conjugate-gradient steps per row (Takács et al. 2011) instead of an exact
 * k×k solve: the cost per sweep is O(nnz·k + n·k²) rather than O(n·k³), which keeps 500k
 * interactions well inside the training budget in plain JavaScript.
 */
import { normal, seededRng } from '../common/seeded-rng.js';

export interface AlsOptions {
  factors?: number;
  iterations?: number;
  /** L2 penalty on factor vectors. */
  lambda?: number;
  /** Confidence slope: c = 1 + alpha · log(1 + weight). */
  alpha?: number;
  cgSteps?: number;
  seed?: number;
}

export interface AlsFactors { k: number; userFactors: Float32Array; itemFactors: Float32Array }

interface Csr { ptr: Int32Array; idx: Int32Array; conf: Float32Array }

function transpose(ptr: Int32Array, idx: Int32Array, val: Float32Array, nCols: number): Csr {
  const cptr = new Int32Array(nCols + 1);
  for (let t = 0; t < idx.length; t++) cptr[idx[t] + 1]++;
  for (let c = 0; c < nCols; c++) cptr[c + 1] += cptr[c];
  const fill = cptr.slice(0, nCols);
  const cidx = new Int32Array(idx.length);
  const cval = new Float32Array(idx.length);
  for (let r = 0; r + 1 < ptr.length; r++) {
    for (let t = ptr[r]; t < ptr[r + 1]; t++) { const c = idx[t]; cidx[fill[c]] = r; cval[fill[c]] = val[t]; fill[c]++; }
  }
  return { ptr: cptr, idx: cidx, conf: cval };
}

/** Gram matrix FᵀF of a flat row-major factor table. */
function gram(f: Float32Array, k: number): Float64Array {
  const g = new Float64Array(k * k);
  for (let r = 0; r < f.length; r += k) {
    for (let a = 0; a < k; a++) {
      const fa = f[r + a];
      if (fa === 0) continue;
      for (let b = a; b < k; b++) g[a * k + b] += fa * f[r + b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) g[a * k + b] = g[b * k + a];
  return g;
}

/** out = (YᵀY + λI)·v + Σ_t (c_t − 1)(y_t·v) y_t over the row's entries [start, end). */
function mulA(v: Float64Array, out: Float64Array, yty: Float64Array, y: Float32Array, idx: Int32Array, conf: Float32Array, start: number, end: number, k: number, lambda: number): void {
  for (let a = 0; a < k; a++) {
    let s = lambda * v[a];
    const row = a * k;
    for (let b = 0; b < k; b++) s += yty[row + b] * v[b];
    out[a] = s;
  }
  for (let t = start; t < end; t++) {
    const off = idx[t] * k;
    let dot = 0;
    for (let a = 0; a < k; a++) dot += y[off + a] * v[a];
    const w = (conf[t] - 1) * dot;
    for (let a = 0; a < k; a++) out[a] += w * y[off + a];
  }
}

/** One half-sweep: re-solves every row of `x` against fixed `y` with CG warm-started at the old row. */
function solveRows(x: Float32Array, y: Float32Array, m: Csr, k: number, lambda: number, cgSteps: number): void {
  const yty = gram(y, k);
  const { ptr, idx, conf } = m;
  const xr = new Float64Array(k);
  const r = new Float64Array(k);
  const p = new Float64Array(k);
  const ap = new Float64Array(k);
  for (let u = 0; u + 1 < ptr.length; u++) {
    const start = ptr[u];
    const end = ptr[u + 1];
    const off = u * k;
    if (start === end) { x.fill(0, off, off + k); continue; }
    for (let a = 0; a < k; a++) xr[a] = x[off + a];
    mulA(xr, ap, yty, y, idx, conf, start, end, k, lambda);
    for (let a = 0; a < k; a++) r[a] = -ap[a];
    for (let t = start; t < end; t++) {
      const yo = idx[t] * k;
      const c = conf[t];
      for (let a = 0; a < k; a++) r[a] += c * y[yo + a];
    }
    for (let a = 0; a < k; a++) p[a] = r[a];
    let rsOld = 0;
    for (let a = 0; a < k; a++) rsOld += r[a] * r[a];
    for (let step = 0; step < cgSteps && rsOld > 1e-12; step++) {
      mulA(p, ap, yty, y, idx, conf, start, end, k, lambda);
      let pap = 0;
      for (let a = 0; a < k; a++) pap += p[a] * ap[a];
      const alpha = rsOld / pap;
      let rsNew = 0;
      for (let a = 0; a < k; a++) { xr[a] += alpha * p[a]; r[a] -= alpha * ap[a]; rsNew += r[a] * r[a]; }
      const beta = rsNew / rsOld;
      for (let a = 0; a < k; a++) p[a] = r[a] + beta * p[a];
      rsOld = rsNew;
    }
    for (let a = 0; a < k; a++) x[off + a] = xr[a];
  }
}

/** Trains user and item factors from a user×item CSR of interaction weights. */
export function fitAls(userPtr: Int32Array, userItems: Int32Array, userWeights: Float32Array, nItems: number, options: AlsOptions = {}): AlsFactors {
  const k = options.factors ?? 64;
  const lambda = options.lambda ?? 1;
  const alpha = options.alpha ?? 5;
  const cgSteps = options.cgSteps ?? 3;
  const nUsers = userPtr.length - 1;
  const conf = new Float32Array(userWeights.length);
  for (let t = 0; t < conf.length; t++) conf[t] = 1 + alpha * Math.log1p(userWeights[t]);
  const byUser: Csr = { ptr: userPtr, idx: userItems, conf };
  const byItem = transpose(userPtr, userItems, conf, nItems);
  const rng = seededRng(options.seed ?? 42);
  const userFactors = new Float32Array(nUsers * k);
  const itemFactors = new Float32Array(nItems * k);
  for (let t = 0; t < userFactors.length; t++) userFactors[t] = normal(rng) * 0.01;
  for (let t = 0; t < itemFactors.length; t++) itemFactors[t] = normal(rng) * 0.01;
  for (let it = 0; it < (options.iterations ?? 10); it++) {
    solveRows(userFactors, itemFactors, byUser, k, lambda, cgSteps);
    solveRows(itemFactors, userFactors, byItem, k, lambda, cgSteps);
  }
  return { k, userFactors, itemFactors };
}

/** Scores of every item for one user vector: out[i] = x_u · y_i. */
export function scoreUser(f: AlsFactors, u: number, out: Float64Array): Float64Array {
  const k = f.k;
  const uo = u * k;
  for (let i = 0, io = 0; io < f.itemFactors.length; i++, io += k) {
    let s = 0;
    for (let a = 0; a < k; a++) s += f.userFactors[uo + a] * f.itemFactors[io + a];
    out[i] = s;
  }
  return out;
}

/** Cosine similarity of two items' factor vectors, used to name the owned item behind a recommendation. */
export function itemCosine(f: AlsFactors, i: number, j: number): number {
  const k = f.k;
  let dot = 0; let ni = 0; let nj = 0;
  for (let a = 0; a < k; a++) {
    const x = f.itemFactors[i * k + a]; const y = f.itemFactors[j * k + a];
    dot += x * y; ni += x * x; nj += y * y;
  }
  return ni && nj ? dot / Math.sqrt(ni * nj) : 0;
}
