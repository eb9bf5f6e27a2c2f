import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averagePrecision, recallAtRate, rocAuc } from './classifier-metrics.js';
import { fitLogistic, logisticMargin } from './logistic-regression.js';
import { seededRng, stratifiedFolds } from './seeded-rng.js';
import { TabularLogit } from './tabular-logit.js';
import { topK } from './top-k.js';

describe('topK', () => {
  it('matches a full sort for any input', () => {
    fc.assert(fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { maxLength: 60 }), fc.integer({ min: 0, max: 12 }), (xs, k) => {
      const got = topK(xs, k).map((i) => xs[i]);
      const want = [...xs].sort((a, b) => b - a).slice(0, k);
      expect(got).toEqual(want);
    }));
  });
});

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0.5 for all ties, and matches pairwise counting', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0.5);
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 2, maxLength: 40 }), (pairs) => {
      const s = pairs.map((p) => p[0]);
      const y = pairs.map((p) => (p[1] ? 1 : 0));
      let num = 0; let den = 0;
      for (let i = 0; i < s.length; i++) for (let j = 0; j < s.length; j++) {
        if (y[i] === 1 && y[j] === 0) { den++; num += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0; }
      }
      const auc = rocAuc(s, y);
      if (den === 0) expect(auc).toBeNaN(); else expect(auc).toBeCloseTo(num / den, 10);
    }));
  });

  it('recall at a review rate and average precision behave on a simple case', () => {
    expect(recallAtRate([0.9, 0.1, 0.2, 0.3], [1, 1, 0, 0], 0.25)).toBe(0.5);
    expect(averagePrecision([0.9, 0.8, 0.1], [1, 0, 1])).toBeCloseTo((1 + 2 / 3) / 2, 10);
  });
});

describe('logistic regression', () => {
  it('recovers the sign and rough size of planted weights', () => {
    const rng = seededRng(2);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const a = rng() * 2 - 1; const b = rng() * 2 - 1; const noise = rng() * 2 - 1;
      x.push([a, b, noise]);
      y.push(rng() < 1 / (1 + Math.exp(-(3 * a - 2 * b + 0.5))) ? 1 : 0);
    }
    const m = fitLogistic(x, y, { l2: 0.1 });
    expect(m.weights[0]).toBeGreaterThan(2.3);
    expect(m.weights[1]).toBeLessThan(-1.4);
    expect(Math.abs(m.weights[2])).toBeLessThan(0.3);
    expect(rocAuc(x.map((r) => logisticMargin(m, r)), y)).toBeGreaterThan(0.8);
  });

  it('explains a record by the categorical level that drives it', () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({ plan: i % 4 === 0 ? 'monthly' : 'yearly', age: i % 7 }));
    const labels = rows.map((r, i) => (r.plan === 'monthly' && i % 8 === 0 ? 1 : 0));
    const model = TabularLogit.fit(rows, labels, { l2: 0.01 });
    const top = model.contributions({ plan: 'monthly', age: 3 })[0];
    expect(top.feature).toBe('plan');
    expect(top.label).toBe('plan = monthly');
    expect(top.value).toBeGreaterThan(0);
  });
});

describe('stratifiedFolds', () => {
  it('spreads each class evenly over the folds', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i < 20 ? 1 : 0));
    const folds = stratifiedFolds(labels, 5, 1);
    for (let f = 0; f < 5; f++) expect(labels.filter((y, i) => y === 1 && folds[i] === f).length).toBe(4);
  });
});
