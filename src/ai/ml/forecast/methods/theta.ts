/**
 * The standard Theta method (Assimakopoulos & Nikolopoulos 2000, the M3 winner), in Hyndman &
 * Billah's form: simple exponential smoothing plus a drift of half the linear-regression slope.
 */
import { linearFit } from '../../common/robust-stats.js';
import type { FittedMethod } from '../types.js';
import { esFilter, fitEs } from './exp-smoothing.js';

/** Fits Theta to non-seasonal (or already deseasonalised) data. */
export function fittedTheta(y: readonly number[]): FittedMethod {
  const { params } = fitEs(y, 'ses');
  const { level } = esFilter(y, params, false);
  const n = y.length;
  const drift = linearFit(y.map((_, i) => i), y).slope / 2;
  const alpha = Math.max(params.alpha, 1e-10);
  const project = (l: number, seen: number, h: number) => {
    const tail = (1 - (1 - alpha) ** seen) / alpha;
    return Array.from({ length: h }, (_, k) => l + drift * (k + tail));
  };
  return {
    name: 'theta',
    params: { alpha, drift },
    forecast: (h) => project(level[n - 1], n, h),
    pathFrom: (t, h) => project(level[t], t + 1, h),
  };
}
