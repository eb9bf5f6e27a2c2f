/**
 * Exponential smoothing with additive errors: simple (level only), Holt (linear trend) and
 * damped trend. Parameters and initial states are fitted by minimising the one-step squared error
 * with Nelder–Mead, in the bounded (logistic) parametrisation Hyndman et al. use.
 */
import { nelderMead } from '../../common/nelder-mead.js';
import { linearFit, mean } from '../../common/robust-stats.js';
import type { FittedMethod, MethodName } from '../types.js';

export interface EsParams { alpha: number; beta: number; phi: number; l0: number; b0: number }

const sigmoid = (u: number) => 1 / (1 + Math.exp(-u));
const logit = (p: number) => Math.log(p / (1 - p));

/** Runs the smoothing recursions; returns the SSE and the state after each observation. */
export function esFilter(y: readonly number[], p: EsParams, trend: boolean): { sse: number; level: Float64Array; slope: Float64Array } {
  const n = y.length;
  const level = new Float64Array(n);
  const slope = new Float64Array(n);
  let l = p.l0;
  let b = trend ? p.b0 : 0;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const f = l + p.phi * b;
    const e = y[t] - f;
    sse += e * e;
    l = f + p.alpha * e;
    b = trend ? p.phi * b + p.beta * e : 0;
    level[t] = l;
    slope[t] = b;
  }
  return { sse, level, slope };
}

/** Forecast 1..h steps from a level/slope state with damping `phi`. */
export function esProject(l: number, b: number, phi: number, h: number): number[] {
  const out: number[] = [];
  let damp = 0;
  let pk = 1;
  for (let k = 1; k <= h; k++) {
    pk *= phi;
    damp += pk;
    out.push(l + damp * b);
  }
  return out;
}

type Variant = 'ses' | 'holt' | 'damped';

/** Fits one exponential-smoothing variant to `y` (non-seasonal; seasonality is handled by the caller). */
export function fitEs(y: readonly number[], variant: Variant): { params: EsParams; sse: number } {
  const trend = variant !== 'ses';
  // Work on a scaled copy so the simplex steps on the initial states are sensible for any units.
  const scale = Math.abs(mean(y)) || 1;
  const ys = y.map((v) => v / scale);
  const head = ys.slice(0, Math.min(ys.length, 10));
  const lf = linearFit(head.map((_, i) => i), head);
  const decode = (u: number[]): EsParams => {
    const alpha = 0.0001 + 0.9998 * sigmoid(u[0]);
    if (!trend) return { alpha, beta: 0, phi: 1, l0: u[1], b0: 0 };
    const beta = 0.0001 + (alpha - 0.0002) * sigmoid(u[2]);
    const phi = variant === 'damped' ? 0.8 + 0.18 * sigmoid(u[3]) : 1;
    return { alpha, beta, phi, l0: u[1], b0: variant === 'damped' ? u[4] : u[3] };
  };
  const x0 = !trend
    ? [logit(0.3), ys[0]]
    : variant === 'damped'
      ? [logit(0.3), lf.intercept, logit(0.1), 0, lf.slope]
      : [logit(0.3), lf.intercept, logit(0.1), lf.slope];
  const best = nelderMead((u) => esFilter(ys, decode(u), trend).sse, x0, { maxIterations: trend ? 600 : 200, tolerance: 1e-10 });
  const p = decode(best.x);
  return { params: { ...p, l0: p.l0 * scale, b0: p.b0 * scale }, sse: best.value * scale * scale };
}

/** A fitted exponential-smoothing forecaster over (possibly deseasonalised) data. */
export function fittedEs(name: MethodName, y: readonly number[], variant: Variant): FittedMethod {
  const { params } = fitEs(y, variant);
  const trend = variant !== 'ses';
  const { level, slope } = esFilter(y, params, trend);
  const n = y.length;
  return {
    name,
    params: { alpha: params.alpha, beta: params.beta, phi: params.phi },
    forecast: (h) => esProject(level[n - 1], slope[n - 1], params.phi, h),
    pathFrom: (t, h) => esProject(level[t], slope[t], params.phi, h),
  };
}
