import { describe, expect, it } from 'vitest';
import { seededRng } from '../common/seeded-rng.js';
import { Recommender, trainRecommender } from './recommender.js';
import { recommendationMetrics } from './ranking-metrics.js';
import type { Interaction } from './types.js';

/**
 * A planted world: two taste groups. "Bakers" buy from flour/yeast/tins/whisk, "cyclists" from
 * helmet/lights/pump/lock; everyone also sometimes buys the bestseller "bag". Each customer has seen
 * only part of their group's items, so a personal model must recommend the rest of their group.
 */
function plantedWorld(): { data: Interaction[]; groupOf: Map<string, 'bake' | 'bike'> } {
  const rng = seededRng(1);
  const bake = ['flour', 'yeast', 'tins', 'whisk', 'apron', 'scale'];
  const bike = ['helmet', 'lights', 'pump', 'lock', 'gloves', 'bell'];
  const data: Interaction[] = [];
  const groupOf = new Map<string, 'bake' | 'bike'>();
  for (let u = 0; u < 200; u++) {
    const group = u % 2 === 0 ? 'bake' : 'bike';
    const user = `cus_${u}`;
    groupOf.set(user, group);
    const pool = group === 'bake' ? bake : bike;
    for (let b = 0; b < 3; b++) {
      const basket = `ord_${u}_${b}`;
      for (const item of pool) if (rng() < 0.35) data.push({ user, item, basket, time: b * 86_400_000 });
      // The bag is the most popular item overall but says nothing about taste.
      if (rng() < 0.9) data.push({ user, item: 'bag', basket, time: b * 86_400_000 });
    }
  }
  return { data, groupOf };
}

describe('trainRecommender', () => {
  const { data, groupOf } = plantedWorld();
  const bake = new Set(['flour', 'yeast', 'tins', 'whisk', 'apron', 'scale']);
  const bike = new Set(['helmet', 'lights', 'pump', 'lock', 'gloves', 'bell']);

  for (const method of ['hybrid', 'als', 'item-knn'] as const) {
    it(`${method} recommends unseen items from the customer's own taste group`, () => {
      const model = trainRecommender(data, { method, als: { factors: 4, iterations: 10 } });
      let inGroup = 0;
      let total = 0;
      for (const [user, group] of groupOf) {
        const seen = new Set(data.filter((d) => d.user === user).map((d) => d.item));
        const unseenInGroup = [...(group === 'bake' ? bake : bike)].filter((i) => !seen.has(i));
        // Only the top pick is judged: after the group's unseen items run out, anything else is fair.
        if (unseenInGroup.length === 0) continue;
        for (const r of model.predict({ user, k: 1 })) {
          if (r.source === 'popularity') continue;
          total++;
          if (bake.has(r.item) === (group === 'bake')) inGroup++;
        }
      }
      expect(total).toBeGreaterThan(150);
      expect(inGroup / total).toBeGreaterThan(0.95);
    });
  }

  it('falls back to bestsellers for an unknown customer and says so', () => {
    const model = trainRecommender(data, { method: 'als', als: { factors: 8 } });
    const recs = model.predict({ user: 'cus_new', k: 3 });
    expect(recs[0]).toMatchObject({ item: 'bag', source: 'popularity' });
    expect(recs[0].reason).toMatch(/bestseller/i);
  });

  it('uses the cart for a cold-start customer and names the item behind each suggestion', () => {
    const model = trainRecommender(data, { method: 'als', als: { factors: 8 } });
    const recs = model.predict({ context: ['helmet'], k: 3 });
    expect(recs.map((r) => r.source)).toContain('item-knn');
    for (const r of recs.filter((x) => x.source === 'item-knn')) {
      expect(bake.has(r.item)).toBe(false);
      expect(r.because).toEqual(['helmet']);
    }
  });

  it('excludes items already bought unless asked for "buy again"', () => {
    const model = trainRecommender(data, { method: 'als', als: { factors: 8 } });
    const owned = new Set(data.filter((d) => d.user === 'cus_0').map((d) => d.item));
    expect(model.predict({ user: 'cus_0', k: 5 }).some((r) => owned.has(r.item))).toBe(false);
    const again = model.predict({ user: 'cus_0', k: 5, excludeSeen: false });
    expect(again.some((r) => r.source === 'bought-before')).toBe(true);
  });

  it('gives frequently-bought-together and similar items from the right group', () => {
    const model = trainRecommender(data, { method: 'item-knn' });
    expect(model.frequentlyBoughtTogether('flour', 3).every((r) => bake.has(r.item) || r.item === 'bag')).toBe(true);
    expect(model.similarItems('pump', 3).every((r) => !bake.has(r.item))).toBe(true);
  });

  it('round-trips through JSON with identical predictions', () => {
    const model = trainRecommender(data, { method: 'als', als: { factors: 8 } });
    const copy = Recommender.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.predict({ user: 'cus_3', k: 5 })).toEqual(model.predict({ user: 'cus_3', k: 5 }));
    expect(copy.info.kind).toBe('recommend/als');
  });

  it('is deterministic for a fixed seed', () => {
    const a = trainRecommender(data, { method: 'als', als: { factors: 8, seed: 3 } });
    const b = trainRecommender(data, { method: 'als', als: { factors: 8, seed: 3 } });
    expect(a.predict({ user: 'cus_5' })).toEqual(b.predict({ user: 'cus_5' }));
  });
});

describe('recommendationMetrics', () => {
  it('scores a hit at rank 1 as HR 1 and NDCG 1, and a miss as 0', () => {
    const m = recommendationMetrics([
      { recommended: ['a', 'b'], relevant: new Set(['a']) },
      { recommended: ['c', 'd'], relevant: new Set(['z']) },
    ], 10, 4);
    expect(m.hr).toBe(0.5);
    expect(m.ndcg).toBe(0.5);
    expect(m.coverage).toBe(1);
  });
});
