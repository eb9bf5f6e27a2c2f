/**
 * Seasonality detection and classical multiplicative decomposition, as used by the Theta method
 * in the M3 competition: test the autocorrelation at the seasonal lag, and if significant divide
 * the series by seasonal indices before fitting a non-seasonal model.
 */
import { normalQuantile } from '../common/robust-stats.js';

/** Autocorrelation at lags 1..maxLag. */
export function acf(y: readonly number[], maxLag: number): number[] {
  const n = y.length;
  let m = 0;
  for (const v of y) m += v / n;
  let denom = 0;
  for (const v of y) denom += (v - m) ** 2;
  const r: number[] = [];
  for (let k = 1; k <= maxLag; k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += (y[t] - m) * (y[t - k] - m);
    r.push(denom > 0 ? s / denom : 0);
  }
  return r;
}

/** True when the autocorrelation at lag `period` is significant at 90 % (two-sided), Bartlett's variance. */
export function isSeasonal(y: readonly number[], period: number, confidence = 0.9): boolean {
  if (period < 2 || y.length < 2 * period + 1) return false;
  const r = acf(y, period);
  let s = 1;
  for (let k = 0; k < period - 1; k++) s += 2 * r[k] ** 2;
  const stat = Math.sqrt(s / y.length);
  return Math.abs(r[period - 1]) / stat > normalQuantile(1 - (1 - confidence) / 2);
}

/** Multiplicative seasonal indices (mean 1) from ratios to a centred moving average. */
export function seasonalIndices(y: readonly number[], period: number): number[] {
  const n = y.length;
  const half = Math.floor(period / 2);
  const sums = new Array<number>(period).fill(0);
  const counts = new Array<number>(period).fill(0);
  for (let t = half; t < n - half; t++) {
    let trend: number;
    if (period % 2 === 0) {
      // 2×m moving average keeps the even-period average centred on t.
      let s = 0.5 * (y[t - half] + y[t + half]);
      for (let k = t - half + 1; k < t + half; k++) s += y[k];
      trend = s / period;
    } else {
      let s = 0;
      for (let k = t - half; k <= t + half; k++) s += y[k];
      trend = s / period;
    }
    if (trend > 0) { sums[t % period] += y[t] / trend; counts[t % period]++; }
  }
  const idx = sums.map((s, i) => (counts[i] > 0 ? s / counts[i] : 1));
  const avg = idx.reduce((a, b) => a + b, 0) / period;
  return idx.map((v) => (avg > 0 ? v / avg : 1));
}

/** Seasonal indices when the series is positive and seasonal (ACF test at `confidence`, default 90 %), else undefined. */
export function detectMultiplicativeSeason(y: readonly number[], period: number, confidence = 0.9): number[] | undefined {
  if (period < 2 || y.some((v) => v <= 0) || !isSeasonal(y, period, confidence)) return undefined;
  const idx = seasonalIndices(y, period);
  return idx.every((v) => v > 0 && Number.isFinite(v)) ? idx : undefined;
}
