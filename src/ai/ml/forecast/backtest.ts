/**
 * Rolling-origin backtest: refit each candidate on the data up to several origins near the end and
 * score its forecasts of the following periods; the method with the lowest mean MASE wins.
 */
import { METHODS } from './methods/registry.js';
import { maseScale, smape } from './metrics.js';
import type { MethodName } from './types.js';

export interface BacktestScore { method: MethodName; mase: number; smape: number; folds: number }

/** Origins (training lengths) for `folds` windows of `h` steps, spaced by max(1, ⌊h/2⌋), each keeping at least `minTrain` points. */
export function backtestOrigins(n: number, h: number, folds: number, minTrain: number): number[] {
  const step = Math.max(1, Math.floor(h / 2));
  const out: number[] = [];
  for (let i = folds - 1; i >= 0; i--) {
    const origin = n - h - i * step;
    if (origin >= minTrain) out.push(origin);
  }
  return out;
}

/** Scores each candidate; candidates that fail on a fold are scored Infinity rather than aborting. */
export function backtest(y: readonly number[], period: number, h: number, candidates: MethodName[], folds = 3): BacktestScore[] {
  const minTrain = Math.max(4, period > 1 ? period + 2 : 4);
  const origins = backtestOrigins(y.length, h, folds, minTrain);
  return candidates.map((method) => {
    let maseSum = 0;
    let smapeSum = 0;
    let used = 0;
    for (const origin of origins) {
      const train = y.slice(0, origin);
      const test = y.slice(origin, origin + h);
      if (!METHODS[method].applicable(train, period)) continue;
      try {
        const f = METHODS[method].fit(train, period).forecast(test.length);
        // Scale-free error: a flat training window has no natural scale, so fall back to its mean level.
        const scale = maseScale(train, period) || Math.abs(train.reduce((a, b) => a + b, 0) / train.length) || 1;
        let abs = 0;
        for (let k = 0; k < test.length; k++) abs += Math.abs(test[k] - f[k]);
        const m = abs / test.length / scale;
        if (!Number.isFinite(m)) throw new Error('non-finite forecast');
        maseSum += m;
        smapeSum += smape(test, f);
        used++;
      } catch {
        return { method, mase: Infinity, smape: Infinity, folds: 0 };
      }
    }
    return used ? { method, mase: maseSum / used, smape: smapeSum / used, folds: used } : { method, mase: Infinity, smape: Infinity, folds: 0 };
  });
}
