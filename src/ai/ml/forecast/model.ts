/**
 * `train(data, options) → ForecastModel` for one series (a product at a location, a metric):
 * picks a method (given, or by rolling-origin backtest), fits it on all the data, and keeps the
 * forecast path and per-step error scales so the model serialises to plain JSON for the registry.
 */
import type { ModelInfo, SerialisedModel, TrainedModel } from '../model.js';
import { normalQuantile } from '../common/robust-stats.js';
import { backtest, type BacktestScore } from './backtest.js';
import { errorScales } from './intervals.js';
import { defaultCandidates, METHODS } from './methods/registry.js';
import { intermittency } from './methods/intermittent.js';
import type { MethodName } from './types.js';

export interface ForecastData {
  /** Equally spaced observations, oldest first (e.g. daily units of one product at one location). */
  values: readonly number[];
  /** Seasonal period in steps (7 for daily with a weekly pattern, 12 monthly, 4 quarterly; 1 = none). */
  period?: number;
  /** What the series is, for explanations (e.g. "units of prod_123 at loc_main"). */
  label?: string;
}

export interface ForecastOptions {
  /** The longest horizon `predict` will be asked for. */
  horizon: number;
  /** A fixed method, or `auto` (default) to select by backtest among `candidates`. */
  method?: MethodName | 'auto';
  candidates?: MethodName[];
  /** Backtest origins for `auto` (default 3). */
  folds?: number;
  /** Clip forecasts and interval bounds at zero (default: true when every value is ≥ 0). */
  nonNegative?: boolean;
  /** Interval widening factor over in-sample error scales. */
  intervalCalibration?: number;
  /** Timestamp recorded in the model info (the caller's clock; the library reads none). */
  trainedAt?: string;
}

export interface ForecastQuery { horizon?: number; level?: number }

export interface ForecastOutput { method: MethodName; point: number[]; lower: number[]; upper: number[]; level: number }

interface State {
  method: MethodName;
  period: number;
  label?: string;
  point: number[];
  scale: number[];
  nonNegative: boolean;
  params: Record<string, number>;
  backtest: BacktestScore[];
  seasonal: boolean;
  recentMean: number;
  zeroShare: number;
}

/** A fitted forecaster for one series. */
export class ForecastModel implements TrainedModel<ForecastQuery, ForecastOutput> {
  constructor(readonly info: ModelInfo, private readonly state: State) {}

  /** Point forecast and a central prediction interval (default 80 %) for the next `horizon` steps. */
  predict(q: ForecastQuery = {}): ForecastOutput {
    const h = q.horizon ?? this.state.point.length;
    const level = q.level ?? 0.8;
    if (h > this.state.point.length) throw new RangeError(`forecast.horizon_too_long: ${h} > trained ${this.state.point.length}`);
    const z = normalQuantile(0.5 + level / 2);
    const clip = (v: number) => (this.state.nonNegative ? Math.max(0, v) : v);
    const point = this.state.point.slice(0, h);
    return {
      method: this.state.method,
      level,
      point: point.map(clip),
      lower: point.map((p, k) => clip(p - z * this.state.scale[k])),
      upper: point.map((p, k) => clip(p + z * this.state.scale[k])),
    };
  }

  /** A merchant-readable sentence on what the forecast is and why this method was chosen. */
  explain(q: ForecastQuery = {}): string {
    const f = this.predict(q);
    const s = this.state;
    const total = f.point.reduce((a, b) => a + b, 0);
    const lo = f.lower.reduce((a, b) => a + b, 0);
    const hi = f.upper.reduce((a, b) => a + b, 0);
    const what = s.label ? `${s.label}: ` : '';
    const parts = [
      `${what}next ${f.point.length} periods total about ${round(total)} (per-period ${Math.round(f.level * 100)} % ranges sum to ${round(lo)}–${round(hi)}), against a recent average of ${round(s.recentMean)} per period.`,
      `Method: ${METHOD_WORDS[s.method]}.`,
    ];
    if (s.seasonal) parts.push(`A repeating pattern every ${s.period} periods was detected and is carried forward.`);
    if (s.zeroShare > 0.3) parts.push(`${Math.round(s.zeroShare * 100)} % of past periods had no demand, so it is treated as intermittent.`);
    const ranked = s.backtest.filter((b) => Number.isFinite(b.mase)).sort((a, b) => a.mase - b.mase);
    if (ranked.length > 1) {
      parts.push(`Chosen because it had the smallest error when replayed on recent history (scaled error ${ranked[0].mase.toFixed(2)} vs ${ranked[1].mase.toFixed(2)} for ${METHOD_WORDS[ranked[1].method]}).`);
    }
    return parts.join(' ');
  }

  /** Plain-JSON snapshot for the model registry. */
  toJSON(): SerialisedModel {
    return { info: this.info, state: this.state };
  }
}

const METHOD_WORDS: Record<MethodName, string> = {
  naive: 'last value repeated', snaive: 'same period last season', ses: 'simple exponential smoothing',
  holt: 'linear-trend exponential smoothing', damped: 'damped-trend exponential smoothing', theta: 'Theta method',
  comb: 'median of exponential smoothing, damped trend, Theta and optimised Theta', croston: "Croston's method for intermittent demand",
  sba: 'Croston with Syntetos–Boylan correction', tsb: 'TSB intermittent demand (demand probability × size)',
  ets: 'automatic exponential smoothing (ETS)', mstl: 'seasonal-trend decomposition (MSTL) with ETS trend',
};

const round = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-GB') : v.toFixed(1));

export const FORECAST_FORMAT_VERSION = 1;

/** Fits a forecaster to one series. Throws on empty or non-finite input (a caller bug, not an outcome). */
export function train(data: ForecastData, options: ForecastOptions): ForecastModel {
  const y = data.values;
  if (y.length === 0 || y.some((v) => !Number.isFinite(v))) throw new Error('forecast.invalid_series: empty or non-finite values');
  if (!(options.horizon >= 1)) throw new Error('forecast.invalid_horizon');
  const period = Math.max(1, Math.floor(data.period ?? 1));
  const h = Math.floor(options.horizon);
  let method: MethodName;
  let scores: BacktestScore[] = [];
  if (options.method && options.method !== 'auto') {
    method = options.method;
  } else {
    const candidates = (options.candidates ?? defaultCandidates(y, period)).filter((m) => METHODS[m].applicable(y, period));
    scores = candidates.length > 1 ? backtest(y, period, h, candidates, options.folds ?? 3) : [];
    const best = scores.filter((s) => Number.isFinite(s.mase)).sort((a, b) => a.mase - b.mase)[0];
    // With no usable backtest (very short history) fall back to the combination, the best all-rounder on M3.
    method = best?.method ?? (candidates.includes('comb') ? 'comb' : candidates[0] ?? 'naive');
  }
  if (!METHODS[method].applicable(y, period)) method = 'naive';
  const fitted = METHODS[method].fit(y, period);
  const point = fitted.forecast(h);
  const scale = errorScales(y, fitted, h, options.intervalCalibration);
  const nonNegative = options.nonNegative ?? y.every((v) => v >= 0);
  const recent = y.slice(-Math.max(period, Math.min(y.length, 4)));
  const state: State = {
    method, period, label: data.label, point, scale, nonNegative, params: fitted.params, backtest: scores,
    seasonal: fitted.params.seasonalPeriod !== undefined || method === 'mstl' || (method === 'snaive' && period > 1),
    recentMean: recent.reduce((a, b) => a + b, 0) / recent.length,
    zeroShare: intermittency(y).zeroShare,
  };
  const best = scores.find((s) => s.method === method);
  const info: ModelInfo = {
    kind: `forecast/${method}`,
    formatVersion: FORECAST_FORMAT_VERSION,
    trainedAt: options.trainedAt ?? new Date(0).toISOString(),
    trainingExamples: y.length,
    metrics: best ? { backtestMase: best.mase, backtestSmape: best.smape } : {},
  };
  return new ForecastModel(info, state);
}

/** Restores a model saved with `toJSON`. */
export function fromJSON(saved: SerialisedModel): ForecastModel {
  if (!saved.info.kind.startsWith('forecast/') || saved.info.formatVersion !== FORECAST_FORMAT_VERSION) {
    throw new Error(`forecast.unsupported_format: ${saved.info.kind} v${saved.info.formatVersion}`);
  }
  return new ForecastModel(saved.info, saved.state as State);
}
