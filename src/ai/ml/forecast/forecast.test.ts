import { describe, expect, it } from 'vitest';
import { seededRng, normal } from '../common/seeded-rng.js';
import { fromJSON, mase, smape, train } from './index.js';
import { backtestOrigins } from './backtest.js';
import { isSeasonal } from './seasonality.js';
import { fittedOptimisedTheta, THETA_GRID } from './methods/optimised-theta.js';
import { fittedTheta } from './methods/theta.js';

const rng = seededRng(7);
/** Monthly series: level 100, trend +0.5/month, ±20 % multiplicative season, 2 % noise. */
function seasonalSeries(n: number, noise = 0.02): number[] {
  return Array.from({ length: n }, (_, t) => (100 + 0.5 * t) * (1 + 0.2 * Math.sin((2 * Math.PI * t) / 12)) * (1 + noise * normal(rng)));
}

describe('forecast', () => {
  it('detects a 12-month season and not one in white noise', () => {
    expect(isSeasonal(seasonalSeries(72), 12)).toBe(true);
    const flat = Array.from({ length: 72 }, () => 100 + normal(rng));
    expect(isSeasonal(flat, 12)).toBe(false);
  });

  it.each(['comb', 'theta', 'damped', 'ses', 'snaive'] as const)('%s forecasts a known seasonal series within tolerance', (method) => {
    const y = seasonalSeries(84, 0.01);
    const truth = Array.from({ length: 12 }, (_, k) => (100 + 0.5 * (84 + k)) * (1 + 0.2 * Math.sin((2 * Math.PI * (84 + k)) / 12)));
    const f = train({ values: y, period: 12 }, { horizon: 12, method }).predict();
    // snaive ignores the trend (6 units behind) so it gets a looser bound; the smoothing methods must track it.
    expect(smape(truth, f.point)).toBeLessThan(method === 'snaive' ? 6 : 4);
  });

  it('the combination beats naive on a trending seasonal series (MASE)', () => {
    const y = seasonalSeries(96);
    const trainPart = y.slice(0, 84);
    const test = y.slice(84);
    const comb = train({ values: trainPart, period: 12 }, { horizon: 12, method: 'comb' }).predict().point;
    const naive = train({ values: trainPart, period: 12 }, { horizon: 12, method: 'naive' }).predict().point;
    expect(mase(test, comb, trainPart, 12)).toBeLessThan(mase(test, naive, trainPart, 12));
  });

  it('80 % intervals cover roughly 80 % of simulated random-walk futures', () => {
    let hit = 0; let total = 0;
    for (let s = 0; s < 60; s++) {
      const y: number[] = [50];
      for (let t = 1; t < 80; t++) y.push(y[t - 1] + normal(rng));
      const f = train({ values: y.slice(0, 70) }, { horizon: 10, method: 'ses', nonNegative: false }).predict({ level: 0.8 });
      y.slice(70).forEach((v, k) => { total++; if (v >= f.lower[k] && v <= f.upper[k]) hit++; });
    }
    expect(hit / total).toBeGreaterThan(0.65);
    expect(hit / total).toBeLessThan(0.95);
  });

  it('intermittent demand picks a Croston-family or naive method and forecasts the mean rate', () => {
    // Demand of 5 units with probability 0.25 per period: the true mean rate is 1.25.
    const y = Array.from({ length: 104 }, () => (rng() < 0.25 ? 5 : 0));
    const model = train({ values: y, label: 'units of prod_x' }, { horizon: 8 });
    const f = model.predict();
    expect(['croston', 'sba', 'tsb', 'naive', 'ses', 'snaive']).toContain(f.method);
    if (f.method !== 'naive' && f.method !== 'snaive') expect(f.point[0]).toBeGreaterThan(0.5), expect(f.point[0]).toBeLessThan(2.5);
    expect(f.lower.every((v) => v >= 0)).toBe(true);
    expect(model.explain()).toMatch(/no demand/);
  });

  it('TSB forecast decays after an item stops selling, Croston does not', () => {
    const y = [...Array.from({ length: 40 }, (_, t) => (t % 3 === 0 ? 6 : 0)), ...new Array(30).fill(0)];
    const tsb = train({ values: y }, { horizon: 1, method: 'tsb' }).predict().point[0];
    const croston = train({ values: y }, { horizon: 1, method: 'croston' }).predict().point[0];
    expect(tsb).toBeLessThan(croston / 2);
  });

  it('round-trips through JSON with identical predictions', () => {
    const model = train({ values: seasonalSeries(60), period: 12, label: 'units' }, { horizon: 6, trainedAt: '2024-01-01T00:00:00Z' });
    const copy = fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.predict({ level: 0.9 })).toEqual(model.predict({ level: 0.9 }));
    expect(copy.info.kind).toMatch(/^forecast\//);
    expect(copy.explain()).toContain('units');
  });

  it('rejects a horizon longer than trained and empty input', () => {
    const model = train({ values: [1, 2, 3, 4, 5] }, { horizon: 2 });
    expect(() => model.predict({ horizon: 3 })).toThrow(/horizon_too_long/);
    expect(() => train({ values: [] }, { horizon: 2 })).toThrow(/invalid_series/);
  });

  it('optimised Theta picks θ > 2 on a clean trend (beating classic Theta there); θ = 1 on noise stays flat', () => {
    const r = seededRng(11);
    const y = Array.from({ length: 40 }, (_, t) => 10 + 2 * t + 0.5 * normal(r));
    const fit = fittedOptimisedTheta(y);
    expect(THETA_GRID).toContain(fit.params.theta);
    expect(fit.params.theta).toBeGreaterThan(1);
    expect(fit.params.theta).toBeGreaterThan(2);
    // The path carries (1 − 1/θ) of the regression slope, so it keeps more of a clean trend than θ = 2.
    const path = fit.forecast(5);
    expect(path[4] - path[3]).toBeCloseTo((1 - 1 / fit.params.theta) * fit.params.slope, 6);
    const truth5 = 10 + 2 * 44;
    expect(Math.abs(path[4] - truth5)).toBeLessThan(Math.abs(fittedTheta(y).forecast(5)[4] - truth5));
    expect(fit.pathFrom!(39, 5)).toEqual(fit.forecast(5));
    const flat = Array.from({ length: 40 }, () => 50 + normal(r));
    const ses = fittedOptimisedTheta(flat, [1]).forecast(6);
    expect(Math.max(...ses) - Math.min(...ses)).toBeLessThan(1e-9);
    expect(Math.abs(ses[0] - 50)).toBeLessThan(1.5);
  });

  it('places backtest origins at the end, keeping the minimum training length', () => {
    expect(backtestOrigins(30, 6, 3, 10)).toEqual([18, 21, 24]);
    expect(backtestOrigins(14, 6, 3, 6)).toEqual([8]);
  });
});

describe('forecast with augurs (WASM)', () => {
  it('MSTL and ETS fit a weekly-seasonal daily series and beat naive', async () => {
    const { readFileSync } = await import('node:fs');
    const { createRequire } = await import('node:module');
    const { dirname, join } = await import('node:path');
    const { initAugurs } = await import('./index.js');
    const dir = dirname(createRequire(import.meta.url).resolve('@bsull/augurs/ets'));
    initAugurs({ ets: readFileSync(join(dir, 'ets_bg.wasm')), mstl: readFileSync(join(dir, 'mstl_bg.wasm')) });
    const r = seededRng(3);
    const y = Array.from({ length: 119 }, (_, t) => 50 + 15 * Math.sin((2 * Math.PI * t) / 7) + 2 * normal(r));
    const trainPart = y.slice(0, 105);
    const test = y.slice(105);
    const mstl = train({ values: trainPart, period: 7 }, { horizon: 14, method: 'mstl' }).predict();
    const naive = train({ values: trainPart, period: 7 }, { horizon: 14, method: 'naive' }).predict();
    expect(mase(test, mstl.point, trainPart, 7)).toBeLessThan(mase(test, naive.point, trainPart, 7));
    expect(mstl.upper.every((u, k) => u > mstl.lower[k])).toBe(true);
    const ets = train({ values: trainPart, period: 7 }, { horizon: 14, method: 'ets' }).predict();
    expect(smape(test, ets.point)).toBeLessThan(15);
  });
});
