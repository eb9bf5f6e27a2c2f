/**
 * Runs a non-seasonal fitter on seasonally adjusted data and multiplies the seasonal indices back
 * in — the M3 practice for Theta and exponential smoothing on monthly and quarterly series.
 */
import { detectMultiplicativeSeason } from '../seasonality.js';
import type { FittedMethod } from '../types.js';

/** Wraps `fit` with multiplicative seasonal adjustment when the series is seasonal at `confidence` (default 90 %, the M3 Theta recipe). */
export function withSeasonalAdjustment(y: readonly number[], period: number, fit: (adjusted: number[]) => FittedMethod, confidence = 0.9): FittedMethod {
  const idx = detectMultiplicativeSeason(y, period, confidence);
  if (!idx) return fit(y.slice());
  const at = (t: number) => idx[t % period];
  const inner = fit(y.map((v, t) => v / at(t)));
  const n = y.length;
  const reseason = (fromT: number, xs: number[]) => xs.map((v, k) => v * at(fromT + 1 + k));
  return {
    name: inner.name,
    params: { ...inner.params, seasonalPeriod: period },
    forecast: (h) => reseason(n - 1, inner.forecast(h)),
    pathFrom: inner.pathFrom ? (t, h) => reseason(t, inner.pathFrom!(t, h)) : undefined,
    errorScale: inner.errorScale ? (h) => reseason(n - 1, inner.errorScale!(h)) : undefined,
  };
}
