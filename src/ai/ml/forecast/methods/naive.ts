/** Naive and seasonal-naive forecasts: the baselines every other method must beat. */
import type { FittedMethod } from '../types.js';

/** Repeats the last observation (period 1) or the last full season. */
export function fittedSeasonalNaive(y: readonly number[], period: number, name: 'naive' | 'snaive'): FittedMethod {
  const m = name === 'naive' ? 1 : Math.max(1, Math.min(period, y.length));
  const path = (t: number, h: number) => Array.from({ length: h }, (_, k) => y[t - m + 1 + (k % m)]);
  return {
    name,
    params: { period: m },
    forecast: (h) => path(y.length - 1, h),
    pathFrom: (t, h) => path(t, h),
  };
}
