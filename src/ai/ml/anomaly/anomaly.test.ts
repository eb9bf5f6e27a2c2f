import { describe, expect, it } from 'vitest';
import { normal, seededRng } from '../common/seeded-rng.js';
import { isolationForestFromJSON, seasonalRobustFromJSON, trainIsolationForest, trainSeasonalRobust } from './index.js';

const rng = seededRng(11);
/** Daily sales with a weekly rhythm (weekends high) and 5 % noise. */
const daily = (n: number) => Array.from({ length: n }, (_, t) => 1000 * (t % 7 >= 5 ? 1.6 : 1) * (1 + 0.05 * normal(rng)));

describe('seasonal robust z-score', () => {
  it('flags an injected spike and dip at their positions and explains them', () => {
    const y = daily(148);
    const history = y.slice(0, 120);
    const fresh = y.slice(120);
    fresh[10] *= 2.5; // spike
    fresh[20] *= 0.3; // dip
    const labels = fresh.map((_, i) => `day ${i}`);
    const model = trainSeasonalRobust({ metric: 'Sales', values: history, period: 7 });
    const scores = model.predict({ values: fresh, labels });
    const flagged = scores.filter((p) => p.anomalous).map((p) => p.index);
    expect(flagged).toContain(10);
    expect(flagged).toContain(20);
    expect(flagged.length).toBeLessThanOrEqual(3);
    const text = model.explain({ values: fresh, labels });
    expect(text.join(' ')).toMatch(/Sales on day 10 was .*2\.\d× the usual/);
    expect(text.join(' ')).toMatch(/below the usual/);
  });

  it('a weekend peak is not an anomaly when the model knows the week, but is for a non-seasonal one', () => {
    const y = daily(140);
    const weekly = trainSeasonalRobust({ metric: 'Sales', values: y.slice(0, 112), period: 7 }).predict({ values: y.slice(112) });
    const flat = trainSeasonalRobust({ metric: 'Sales', values: y.slice(0, 112), period: 1 }).predict({ values: y.slice(112) });
    expect(weekly.filter((p) => p.anomalous).length).toBeLessThanOrEqual(1);
    expect(flat.filter((p) => p.anomalous).length).toBeGreaterThan(weekly.filter((p) => p.anomalous).length);
  });

  it('round-trips through JSON', () => {
    const model = trainSeasonalRobust({ metric: 'Orders', values: daily(60), period: 7 });
    const copy = seasonalRobustFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    const fresh = daily(10);
    expect(copy.predict({ values: fresh })).toEqual(model.predict({ values: fresh }));
  });
});

describe('isolation forest', () => {
  const rows = Array.from({ length: 400 }, () => [10 + normal(rng), 50 + 5 * normal(rng), normal(rng)]);
  const features = ['orders', 'revenue', 'errors'];

  it('scores an outlier high, inliers low, and names the feature that is off', () => {
    const model = trainIsolationForest({ features, rows }, { seed: 3 });
    // Off in two features: a point beyond the training range in only one of three features scores like
    // the most extreme training value there (splits are drawn inside the training range).
    const outlier = [10, 80, 8];
    expect(model.predict(outlier).score).toBeGreaterThan(0.6);
    const inlierFlags = rows.filter((r) => model.predict(r).anomalous).length;
    expect(inlierFlags / rows.length).toBeLessThan(0.03);
    const why = model.explain([10, 50, 8]);
    expect(why.contributions[0].feature).toBe('errors');
    expect(why.text).toMatch(/errors 8\.00 vs typical/);
  });

  it('is reproducible from its seed and round-trips through JSON', () => {
    const a = trainIsolationForest({ features, rows }, { seed: 5, trees: 30 });
    const b = trainIsolationForest({ features, rows }, { seed: 5, trees: 30 });
    const x = [12, 40, 1];
    expect(a.predict(x)).toEqual(b.predict(x));
    expect(isolationForestFromJSON(JSON.parse(JSON.stringify(a.toJSON()))).predict(x)).toEqual(a.predict(x));
  });
});
