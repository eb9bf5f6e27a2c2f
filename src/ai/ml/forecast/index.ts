/** The forecasting family's front door: train/predict/explain/serialise, methods, metrics and augurs init. */
export { train, fromJSON, ForecastModel, FORECAST_FORMAT_VERSION } from './model.js';
export type { ForecastData, ForecastOptions, ForecastQuery, ForecastOutput } from './model.js';
export type { MethodName, FittedMethod, ForecastMethod } from './types.js';
export { METHODS, defaultCandidates } from './methods/registry.js';
export { initAugurs, augursReady } from './methods/augurs.js';
export { backtest, type BacktestScore } from './backtest.js';
export { errorScales, DEFAULT_INTERVAL_CALIBRATION } from './intervals.js';
export { smape, mase, maseScale, coverage } from './metrics.js';
export { isSeasonal, seasonalIndices } from './seasonality.js';
