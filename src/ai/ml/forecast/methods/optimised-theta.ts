/**
 * Optimised Theta (in the spirit of Fiorucci et al. 2016, "OTM"): the theta line
 * Z = θ·y + (1 − θ)·(A + B·t) is smoothed by SES and recombined with the regression line with weights
 * 1/θ and 1 − 1/θ; θ is chosen per series from a small grid by the in-sample one-step squared error.
 * θ = 1 is SES, θ = 2 the classic Theta method.
 */
import { linearFit } from '../../common/robust-stats.js';
import type { FittedMethod } from '../types.js';
import { esFilter, fitEs } from './exp-smoothing.js';

export const THETA_GRID = [1, 1.5, 2, 2.5, 3] as const;

/** Fits the optimised Theta method to non-seasonal (or already deseasonalised) data. */
export function fittedOptimisedTheta(y: readonly number[], grid: readonly number[] = THETA_GRID): FittedMethod {
  const n = y.length;
  const { intercept: a, slope: b } = linearFit(y.map((_, i) => i), y);
  let best: { theta: number; alpha: number; level: Float64Array; mse: number } | undefined;
  for (const theta of grid) {
    const z = y.map((v, t) => theta * v + (1 - theta) * (a + b * t));
    const { params } = fitEs(z, 'ses');
    const { level } = esFilter(z, params, false);
    // One-step in-sample error of the recombined forecast on y itself (origins 1..n-1).
    let sse = 0;
    for (let t = 0; t < n - 1; t++) {
      const f = (1 - 1 / theta) * (a + b * (t + 1)) + level[t] / theta;
      sse += (y[t + 1] - f) ** 2;
    }
    const mse = sse / Math.max(1, n - 1);
    if (!best || mse < best.mse - 1e-12 * Math.abs(best.mse)) best = { theta, alpha: params.alpha, level, mse };
  }
  const { theta, level, alpha } = best!;
  const path = (t: number, h: number) => Array.from({ length: h }, (_, k) => (1 - 1 / theta) * (a + b * (t + 1 + k)) + level[t] / theta);
  return {
    name: 'theta',
    params: { theta, alpha, slope: b },
    forecast: (h) => path(n - 1, h),
    pathFrom: (t, h) => path(t, h),
  };
}
