/**
 * Shared shapes of the forecasting family: a method fits one series and returns a fitted
 * forecaster that can project forward from the end of the data (and, when it can, from any
 * in-sample origin, which is how prediction intervals are measured).
 */

export type MethodName =
  | 'naive' | 'snaive' | 'ses' | 'holt' | 'damped' | 'theta' | 'comb'
  | 'croston' | 'sba' | 'tsb' | 'ets' | 'mstl';

export interface FittedMethod {
  readonly name: MethodName;
  /** Fitted parameters, for explanations and the registry. */
  readonly params: Record<string, number>;
  /** Point forecasts for steps 1..h after the last observation. */
  forecast(h: number): number[];
  /**
   * Forecasts for steps 1..h from in-sample origin `t` (having seen y[0..t]) with the parameters
   * fitted on the whole series; absent when the method cannot replay its state (WASM models).
   */
  pathFrom?(t: number, h: number): number[];
  /** Standard deviation of the forecast error per step, when the method computes its own. */
  errorScale?(h: number): number[];
}

export interface ForecastMethod {
  readonly name: MethodName;
  /** Whether the method can be fitted to this series at all (length, seasonality, backend). */
  applicable(y: readonly number[], period: number): boolean;
  fit(y: readonly number[], period: number): FittedMethod;
}
