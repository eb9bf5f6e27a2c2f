import { describe, expect, it } from 'vitest';
import { recallAtRate, rocAuc } from '../common/classifier-metrics.js';
import { seededRng } from '../common/seeded-rng.js';
import { FraudModel, trainFraud } from './fraud-model.js';
import { evaluateRules } from './rules.js';
import type { OrderSignals } from './types.js';

/** Orders where fraud is planted in shared devices and instant checkouts; hour and value are noise. */
function plantedOrders(n: number, seed: number): { orders: OrderSignals[]; y: number[] } {
  const rng = seededRng(seed);
  const orders: OrderSignals[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const fraud = rng() < 0.1;
    const ring = fraud && rng() < 0.6;
    orders.push({
      orderValue: 20 + rng() * 80, isFirstOrder: true, localHour: Math.floor(rng() * 24),
      accountAgeMinutes: fraud && rng() < 0.5 ? rng() * 2 : 60 + rng() * 50_000,
      accountsOnDevice: ring ? 2 + Math.floor(rng() * 5) : 1, accountsOnIp: ring ? 2 : 1, ordersFromDevice24h: 1,
      extra: { browser: rng() < 0.5 ? 'Chrome' : 'Safari' },
    });
    y.push(fraud ? 1 : 0);
  }
  return { orders, y };
}

describe('fraud scoring', () => {
  const train = plantedOrders(4000, 1);
  const test = plantedOrders(2000, 2);
  const model = trainFraud(train.orders, train.y, { reviewRate: 0.05 });

  it('finds the planted signals on unseen orders', () => {
    const scores = test.orders.map((o) => model.predict(o).score);
    expect(rocAuc(scores, test.y)).toBeGreaterThan(0.8);
    expect(recallAtRate(scores, test.y, 0.05)).toBeGreaterThan(0.4);
    const top = model.importance().slice(0, 3).map((w) => w.label).join(' ');
    expect(top).toMatch(/instant_checkout|AccountAge/);
  });

  it('sends roughly the target share of orders to review', () => {
    const reviewed = test.orders.filter((o) => model.predict(o).action === 'review').length / test.orders.length;
    expect(reviewed).toBeGreaterThan(0.02);
    expect(reviewed).toBeLessThan(0.1);
  });

  it('names the rules behind a risky order', () => {
    const risky: OrderSignals = { orderValue: 50, isFirstOrder: true, accountAgeMinutes: 0.5, accountsOnDevice: 4, accountsOnIp: 2, ordersFromDevice24h: 1, localHour: 14 };
    const v = model.predict(risky);
    expect(v.action).toBe('review');
    expect(v.rules.map((r) => r.rule)).toEqual(expect.arrayContaining(['instant_checkout', 'device_shared']));
    expect(model.explain(risky)[0]).toMatch(/^rule: /);
  });

  it('leaves unknown signals unjudged and flags country mismatches', () => {
    expect(evaluateRules({ orderValue: 10 }).flags.rule_address_mismatch).toBeUndefined();
    expect(evaluateRules({ orderValue: 10, billingCountry: 'DE', shippingCountry: 'NG' }).fired.map((r) => r.rule)).toContain('address_mismatch');
  });

  it('round-trips through JSON', () => {
    const copy = FraudModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.predict(test.orders[3])).toEqual(model.predict(test.orders[3]));
  });
});
