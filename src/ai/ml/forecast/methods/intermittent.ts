/**
 * Intermittent-demand methods for slow movers with many zero periods: Croston (1972), its
 * Syntetos–Boylan bias correction (SBA) and Teunter–Syntetos–Babai (TSB), which also lets the
 * forecast decay when an item stops selling (Croston's does not).
 */
import type { FittedMethod } from '../types.js';

export type IntermittentVariant = 'croston' | 'sba' | 'tsb';

/** Fits one intermittent-demand variant with smoothing constants `alpha` (size) and `beta` (interval/probability). */
export function fittedIntermittent(y: readonly number[], variant: IntermittentVariant, alpha = 0.1, beta = 0.1): FittedMethod {
  const n = y.length;
  const rate = new Float64Array(n);
  const firstIdx = y.findIndex((v) => v > 0);
  let size = firstIdx >= 0 ? y[firstIdx] : 0;
  // Initialise the interval/probability from the whole history so short series are not dominated by start-up.
  const nonZero = y.filter((v) => v > 0).length;
  let interval = nonZero > 0 ? n / nonZero : n;
  let prob = nonZero / Math.max(n, 1);
  let since = 1;
  for (let t = 0; t < n; t++) {
    if (variant === 'tsb') {
      const hit = y[t] > 0 ? 1 : 0;
      prob += beta * (hit - prob);
      if (hit) size += alpha * (y[t] - size);
      rate[t] = prob * size;
    } else {
      if (y[t] > 0) {
        size += alpha * (y[t] - size);
        interval += beta * (since - interval);
        since = 1;
      } else since++;
      const corr = variant === 'sba' ? 1 - beta / 2 : 1;
      rate[t] = corr * size / interval;
    }
  }
  return {
    name: variant,
    params: { alpha, beta },
    forecast: (h) => new Array<number>(h).fill(rate[n - 1]),
    pathFrom: (t, h) => new Array<number>(h).fill(rate[t]),
  };
}

/** Share of zero periods and average inter-demand interval (ADI), the usual intermittency measures. */
export function intermittency(y: readonly number[]): { zeroShare: number; adi: number } {
  const nonZero = y.filter((v) => v > 0).length;
  return { zeroShare: y.length ? 1 - nonZero / y.length : 0, adi: nonZero ? y.length / nonZero : Infinity };
}
