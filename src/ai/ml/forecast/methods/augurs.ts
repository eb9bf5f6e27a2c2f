/**
 * AutoETS and MSTL from @bsull/augurs (Rust compiled to WASM). The WASM bytes ship inside the npm
 * package; reading them is I/O, so the composition root (or a test) passes them to `initAugurs`
 * once, and these methods stay unavailable until it has.
 */
import { AutoETS, initSync as initEts } from '@bsull/augurs/ets';
import { MSTL, initSync as initMstl } from '@bsull/augurs/mstl';
import { normalQuantile } from '../../common/robust-stats.js';
import type { FittedMethod } from '../types.js';

let ready = false;

/** Instantiates the augurs WASM modules from their bytes (`ets_bg.wasm`, `mstl_bg.wasm` in the package). */
export function initAugurs(wasm: { ets: BufferSource; mstl: BufferSource }): void {
  if (ready) return;
  initEts({ module: wasm.ets });
  initMstl({ module: wasm.mstl });
  ready = true;
}

/** Whether `initAugurs` has run. */
export function augursReady(): boolean {
  return ready;
}

const LEVEL = 0.8;

function fromForecast(name: 'ets' | 'mstl', predict: (h: number) => { point: number[]; intervals?: { lower: number[]; upper: number[] } }): FittedMethod {
  const z = normalQuantile(0.5 + LEVEL / 2);
  return {
    name,
    params: {},
    forecast: (h) => predict(h).point,
    // augurs reports its own intervals; turn them back into a per-step error scale.
    errorScale: (h) => {
      const f = predict(h);
      return f.point.map((_, k) => (f.intervals ? (f.intervals.upper[k] - f.intervals.lower[k]) / (2 * z) : NaN));
    },
  };
}

/** Fits augurs' AutoETS (non-seasonal search 'ZZN'; seasonality comes from the caller's adjustment). */
export function fittedAugursEts(y: readonly number[]): FittedMethod {
  if (!ready) throw new Error('forecast.augurs_not_initialised');
  const model = new AutoETS(1, 'ZZN');
  model.fit(Float64Array.from(y));
  // Forecast once far enough ahead and free the WASM object, so nothing leaks per series.
  const max = model.predict(200, LEVEL);
  model.free();
  return fromForecast('ets', (h) => slice(max, h));
}

/** Fits augurs' MSTL with an AutoETS trend for the given seasonal periods. */
export function fittedMstl(y: readonly number[], periods: number[]): FittedMethod {
  if (!ready) throw new Error('forecast.augurs_not_initialised');
  const model = MSTL.ets(Uint32Array.from(periods));
  model.fit(Float64Array.from(y));
  const max = model.predict(200, LEVEL);
  model.free();
  const fitted = fromForecast('mstl', (h) => slice(max, h));
  return { ...fitted, params: { periods: periods[0] } };
}

function slice(f: { point: number[]; intervals?: { lower: number[]; upper: number[] } }, h: number) {
  if (h > f.point.length) throw new RangeError(`forecast.horizon_too_long: ${h} > ${f.point.length}`);
  return {
    point: f.point.slice(0, h),
    intervals: f.intervals ? { lower: f.intervals.lower.slice(0, h), upper: f.intervals.upper.slice(0, h) } : undefined,
  };
}
