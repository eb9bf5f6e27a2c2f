import { describe, expect, it } from 'vitest';
import { seededRng } from '../common/seeded-rng.js';
import { blendSignals, defaultBlend, scoreBlend, tuneBlend, tuningCase, type BlendWeights, type SignalScores } from './hybrid.js';
import { buildInteractionMatrix } from './interaction-matrix.js';
import { Recommender, reorderReason, trainRecommender } from './recommender.js';
import type { Interaction } from './types.js';

const DAY = 86_400_000;

/**
 * A planted reorder world: every customer re-buys their own staple every 14 days (6 orders), and
 * each order also holds one of twenty "hits" that everybody buys — far more popular than any staple.
 * A model that only knows popularity or co-purchase puts hits first; the repeat signal must put the
 * customer's own staple first, and say how often they buy it.
 */
function reorderWorld(): Interaction[] {
  const rng = seededRng(5);
  const data: Interaction[] = [];
  for (let u = 0; u < 60; u++) {
    const user = `cus_${u}`;
    for (let b = 0; b < 6; b++) {
      const basket = `ord_${u}_${b}`;
      const time = (b * 14 + (u % 3)) * DAY;
      data.push({ user, item: `staple_${u % 20}`, basket, time });
      data.push({ user, item: `hit_${Math.floor(rng() * 20)}`, basket, time });
    }
  }
  return data;
}

describe('hybrid recommender', () => {
  const data = reorderWorld();

  it('puts the customer\'s own staple first for reorders, with its cycle as the reason', () => {
    const model = trainRecommender(data, { method: 'hybrid', als: { factors: 4 } });
    for (const u of [0, 7, 33]) {
      const [top] = model.predict({ user: `cus_${u}`, k: 5, excludeSeen: false });
      expect(top.item).toBe(`staple_${u % 20}`);
      expect(top.source).toBe('bought-before');
      expect(top.reason).toBe('You buy this every ~2 weeks (6 orders so far)');
    }
  });

  it('in discovery mode never returns bought items and names a reason for each', () => {
    const model = trainRecommender(data, { method: 'hybrid', als: { factors: 4 } });
    const owned = new Set(data.filter((d) => d.user === 'cus_4').map((d) => d.item));
    const recs = model.predict({ user: 'cus_4', k: 5 });
    expect(recs.length).toBe(5);
    for (const r of recs) {
      expect(owned.has(r.item)).toBe(false);
      expect(r.reason.length).toBeGreaterThan(10);
    }
  });

  it('keeps its blend through JSON and withBlend changes the ranking without retraining', () => {
    const model = trainRecommender(data, { method: 'hybrid', als: { factors: 4 } });
    const copy = Recommender.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.info.kind).toBe('recommend/hybrid');
    expect(copy.predict({ user: 'cus_9', k: 5, excludeSeen: false })).toEqual(model.predict({ user: 'cus_9', k: 5, excludeSeen: false }));
    // Popularity alone: the staple (bought by 3 customers) loses to the hits (bought by everyone).
    const popOnly: BlendWeights = { repeat: 0, als: 0, knn: 0, together: 0, popularity: 1 };
    const [top] = model.withBlend({ reorder: popOnly, discovery: defaultBlend.discovery }).predict({ user: 'cus_9', k: 1, excludeSeen: false });
    expect(top.item).toMatch(/^hit_/);
  });

  it('exposes per-customer signals scaled to [0, 1]', () => {
    const model = trainRecommender(data, { method: 'hybrid', als: { factors: 4 } });
    const s = model.signalsFor('cus_2')!;
    for (const name of blendSignals) expect(Math.max(...s[name])).toBeLessThanOrEqual(1);
    expect(s.repeat[model.itemIds.indexOf('staple_2')]).toBe(1);
    expect(model.signalsFor('nobody')).toBeUndefined();
  });
});

describe('order history', () => {
  it('counts distinct orders per item, not lines, and the days they span', () => {
    const m = buildInteractionMatrix([
      { user: 'a', item: 'x', basket: 'o1', time: 0 },
      { user: 'a', item: 'x', basket: 'o1', time: 0 },
      { user: 'a', item: 'x', basket: 'o2', time: 10 * DAY },
      { user: 'a', item: 'x', basket: 'o3', time: 30 * DAY },
      { user: 'a', item: 'y', kind: 'view', time: 30 * DAY },
    ], { repeatHalfLifeDays: 30 });
    const x = m.itemIndex.get('x')!;
    const p = [...m.userItems].indexOf(x);
    expect(m.userOrders[p]).toBe(3);
    expect(m.userSpanDays[p]).toBe(30);
    expect(m.userRepeat[p]).toBeCloseTo(0.5 + Math.pow(0.5, 20 / 30) + 1, 5);
    expect(m.userOrders[[...m.userItems].indexOf(m.itemIndex.get('y')!)]).toBe(0);
  });

  it('phrases the reorder cycle in days, weeks or months', () => {
    expect(reorderReason(3, 42, 1)).toBe('You buy this every ~3 weeks (3 orders so far)');
    expect(reorderReason(4, 12, 1)).toBe('You buy this every ~4 days (4 orders so far)');
    expect(reorderReason(2, 180, 1)).toBe('You buy this every ~6 months (2 orders so far)');
    expect(reorderReason(1, 0, 1)).toMatch(/once before/);
  });
});

describe('tuneBlend', () => {
  /** Planted: the bought item is always the knn favourite, while popularity always favours a decoy. */
  function cases(): ReturnType<typeof tuningCase>[] {
    const rng = seededRng(9);
    return Array.from({ length: 50 }, () => {
      const n = 40;
      const s = Object.fromEntries(blendSignals.map((name) => [name, Float64Array.from({ length: n }, () => rng() * 0.5)])) as SignalScores;
      const target = Math.floor(rng() * 20);
      const decoy = 20 + Math.floor(rng() * 20);
      s.knn[target] = 1;
      s.popularity[decoy] = 1;
      return tuningCase(s, new Set([target]), () => false, 5);
    });
  }

  it('moves weight to the signal that finds the bought item', () => {
    const c = cases();
    const start: BlendWeights = { repeat: 0, als: 1, knn: 0, together: 0, popularity: 2 };
    expect(scoreBlend(c, start, 1).hr).toBeLessThan(0.2);
    const tuned = tuneBlend(c, start, 'als', { k: 1 });
    expect(tuned.hr).toBe(1);
    expect(tuned.weights.knn).toBeGreaterThan(tuned.weights.popularity);
    expect(tuned.weights.als).toBe(1);
  });
});
