import { describe, expect, it } from 'vitest';
import { rocAuc } from '../common/classifier-metrics.js';
import { normal, seededRng } from '../common/seeded-rng.js';
import { expectedPurchases, fitBgNbd, probabilityAlive } from './bg-nbd.js';
import { ChurnModel, trainChurn } from './churn.js';
import { churnLabels, summariseCustomers } from './customer-summary.js';
import { trainLifetimeValue } from './lifetime-value.js';
import { quintiles, rfmScores } from './rfm.js';
import { SegmentModel, trainSegments } from './segments.js';
import type { Purchase } from './types.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** Marsaglia–Tsang gamma draw (shape k, scale 1), for simulating BG/NBD customers. */
function gamma(rng: () => number, k: number): number {
  if (k < 1) return gamma(rng, k + 1) * Math.pow(rng(), 1 / k);
  const d = k - 1 / 3; const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng); const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(rng()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Customers drawn from a BG/NBD world with known parameters, each observed for 52 weeks. */
function simulateBgNbd(n: number, r: number, alpha: number, a: number, b: number, seed: number): Purchase[] {
  const rng = seededRng(seed);
  const out: Purchase[] = [];
  for (let c = 0; c < n; c++) {
    const lambda = gamma(rng, r) / alpha;
    const ga = gamma(rng, a);
    const p = ga / (ga + gamma(rng, b));
    const start = Math.floor(rng() * 20) * WEEK;
    let t = start;
    out.push({ customer: `c${c}`, time: t + 1, amount: 10 + rng() * 10 });
    for (;;) {
      t += (-Math.log(1 - rng()) / lambda) * WEEK;
      if (t >= 72 * WEEK) break;
      out.push({ customer: `c${c}`, time: t, amount: 10 + rng() * 10 });
      if (rng() < p) break; // in BG/NBD a customer may drop out only right after a repeat purchase
    }
  }
  return out;
}

describe('BG/NBD and Gamma-Gamma', () => {
  const purchases = simulateBgNbd(3000, 0.8, 4, 0.8, 2.5, 5);
  const asOf = 72 * WEEK;
  const summaries = summariseCustomers(purchases, asOf);

  it('recovers the planted parameters roughly', () => {
    const p = fitBgNbd(summaries.map((c) => ({ x: c.purchaseDays - 1, tx: c.txWeeks, T: c.ageWeeks })));
    expect(p.r).toBeGreaterThan(0.5); expect(p.r).toBeLessThan(1.2);
    expect(p.alpha).toBeGreaterThan(2.5); expect(p.alpha).toBeLessThan(6);
    expect(p.a / (p.a + p.b)).toBeGreaterThan(0.15); expect(p.a / (p.a + p.b)).toBeLessThan(0.35);
  });

  it('ranks a long-silent frequent buyer as less alive than a recently active one', () => {
    const p = { r: 0.8, alpha: 4, a: 0.8, b: 2.5 };
    expect(probabilityAlive(p, { x: 10, tx: 10, T: 50 })).toBeLessThan(probabilityAlive(p, { x: 10, tx: 49, T: 50 }));
    expect(expectedPurchases(p, { x: 10, tx: 49, T: 50 }, 10)).toBeGreaterThan(expectedPurchases(p, { x: 1, tx: 49, T: 50 }, 10));
  });

  it('keeps expected purchases finite and continuous when the dropout shape a is below 1', () => {
    const c = { x: 4, tx: 30, T: 40 };
    const below = expectedPurchases({ r: 0.7, alpha: 9, a: 0.999, b: 4 }, c, 13);
    const above = expectedPurchases({ r: 0.7, alpha: 9, a: 1.001, b: 4 }, c, 13);
    expect(below).toBeGreaterThan(0);
    expect(Math.abs(below - above)).toBeLessThan(0.01);
    expect(expectedPurchases({ r: 0.7, alpha: 9, a: 0.1, b: 4 }, c, 13)).toBeGreaterThan(0);
  });

  it('gives CLV that round-trips through JSON', () => {
    const model = trainLifetimeValue(summaries, { horizonWeeks: 26 });
    const v = model.predict(summaries[0]);
    expect(v.value).toBeCloseTo(v.expectedPurchases * v.expectedOrderValue, 8);
    expect(v.expectedOrderValue).toBeGreaterThan(8); expect(v.expectedOrderValue).toBeLessThan(25);
    const copy = JSON.parse(JSON.stringify(model.toJSON()));
    expect(trainLifetimeValue.name).toBeTruthy();
    expect(copy.info.kind).toBe('customers/bg-nbd-gamma-gamma');
  });
});

describe('summaries and labels', () => {
  it('ignores purchases on or after the cut-off and merges lines of one order', () => {
    const ps: Purchase[] = [
      { customer: 'a', order: 'o1', time: 0, amount: 5 }, { customer: 'a', order: 'o1', time: 0, amount: 7 },
      { customer: 'a', order: 'o2', time: 10 * DAY, amount: 3 }, { customer: 'a', order: 'o3', time: 20 * DAY, amount: 100 },
    ];
    const [s] = summariseCustomers(ps, 20 * DAY);
    expect(s).toMatchObject({ orders: 2, total: 15, purchaseDays: 2, tenureDays: 20, recencyDays: 9, repeatDayValue: 3 });
    expect(churnLabels(ps, 15 * DAY, 10).get('a')).toBe(0);
    expect(churnLabels(ps, 15 * DAY, 3).get('a')).toBe(1);
  });

  it('scores RFM quintiles 1..5 with the most recent customer getting R = 5', () => {
    expect(quintiles([1, 2, 3, 4, 5])).toEqual([1, 2, 3, 4, 5]);
    const base = { orders: 1, purchaseDays: 1, total: 1, avgOrderValue: 1, tenureDays: 1, recentOrders: 0, repeatDayValue: 0, txWeeks: 0, ageWeeks: 1 };
    const scores = rfmScores([1, 50, 100, 200, 300].map((d, i) => ({ ...base, customer: `c${i}`, recencyDays: d })));
    expect(scores[0].r).toBe(5);
    expect(scores[4].r).toBe(1);
  });
});

describe('segments', () => {
  it('finds planted groups and names them by their profile', () => {
    const rng = seededRng(3);
    const base = { purchaseDays: 1, avgOrderValue: 1, tenureDays: 400, recentOrders: 0, repeatDayValue: 0, txWeeks: 0, ageWeeks: 50 };
    const make = (name: string, n: number, rec: number, orders: number, total: number) => Array.from({ length: n }, (_, i) => ({
      ...base, customer: `${name}${i}`, recencyDays: rec * Math.exp(normal(rng) * 0.15), orders: Math.round(orders * Math.exp(normal(rng) * 0.15)) + 1, total: total * Math.exp(normal(rng) * 0.15),
    }));
    const customers = [...make('champ', 100, 3, 40, 20000), ...make('new', 100, 5, 1, 60), ...make('lost', 100, 300, 1, 50), ...make('risk', 100, 150, 40, 15000)];
    const model = trainSegments(customers);
    expect(model.info.metrics.k).toBe(4);
    expect(model.predict(customers[0]).name).toBe('Champions');
    expect(model.predict(customers[150]).name).toBe('New customers');
    expect(model.predict(customers[250]).name).toBe('Lost');
    expect(model.predict(customers[350]).name).toMatch(/At risk/);
    const copy = SegmentModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.predict(customers[5])).toEqual(model.predict(customers[5]));
  });
});

describe('churn', () => {
  it('learns a planted driver, explains with it, and survives JSON', () => {
    const rng = seededRng(9);
    const rows = Array.from({ length: 2000 }, () => ({ contract: rng() < 0.5 ? 'monthly' : 'yearly', tenure: Math.floor(rng() * 60), noise: rng() }));
    const y = rows.map((r) => (rng() < (r.contract === 'monthly' ? 0.5 : 0.05) + (r.tenure < 6 ? 0.3 : 0) ? 1 : 0));
    const model = trainChurn(rows, y);
    expect(rocAuc(rows.map((r) => model.predict(r)), y)).toBeGreaterThan(0.75);
    expect(model.explain({ contract: 'monthly', tenure: 30, noise: 0.5 })[0]).toMatch(/contract = monthly raises/);
    const copy = ChurnModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.predict(rows[0])).toBeCloseTo(model.predict(rows[0]), 12);
  });
});
