/** Forecast accuracy measures with the M3/M4 definitions, so our figures compare with published ones. */

/** Symmetric MAPE in percent: mean of 200·|y − f| / (|y| + |f|) (a 0/0 term counts as 0). */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i]) + Math.abs(forecast[i]);
    s += d > 0 ? (200 * Math.abs(actual[i] - forecast[i])) / d : 0;
  }
  return s / actual.length;
}

/** In-sample mean absolute seasonal difference, the MASE denominator (falls back to lag 1 for short series). */
export function maseScale(train: readonly number[], period: number): number {
  const m = train.length > period ? period : 1;
  let s = 0;
  for (let t = m; t < train.length; t++) s += Math.abs(train[t] - train[t - m]);
  return train.length > m ? s / (train.length - m) : NaN;
}

/** Mean absolute scaled error (Hyndman & Koehler 2006). */
export function mase(actual: readonly number[], forecast: readonly number[], train: readonly number[], period: number): number {
  const scale = maseScale(train, period);
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i] - forecast[i]);
  return s / actual.length / scale;
}

/** Share of actuals inside [lower, upper]. */
export function coverage(actual: readonly number[], lower: readonly number[], upper: readonly number[]): number {
  let hit = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] >= lower[i] && actual[i] <= upper[i]) hit++;
  return hit / actual.length;
}
