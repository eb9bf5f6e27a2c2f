import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseThreshold, fitTemperature, thresholdOutcome, type HeldOutOutcome } from './calibration.js';

describe('fitTemperature', () => {
  it('cools down over-confident logits that are often wrong', () => {
    // Huge margins, but only 60 % right: the fitted temperature must soften them.
    const logits = Array.from({ length: 100 }, () => Float64Array.from([10, 0]));
    const labels = Array.from({ length: 100 }, (_, i) => (i < 60 ? 0 : 1));
    expect(fitTemperature(logits, labels)).toBeGreaterThan(5);
  });

  it('keeps sharp logits sharp when they are always right', () => {
    const logits = Array.from({ length: 50 }, () => Float64Array.from([2, 0]));
    expect(fitTemperature(logits, new Array(50).fill(0))).toBeLessThan(0.5);
  });
});

describe('chooseThreshold', () => {
  const rows = Array.from({ length: 100 }, (_, i) => ({ confidence: (i + 1) / 100, correct: i >= 10, outOfScope: false, predictedOutOfScope: false }));

  it('refuses at most the allowed share of correct answers', () => {
    const th = chooseThreshold(rows, { maxFalseReject: 0.05 });
    const refusedCorrect = rows.filter((r) => r.correct && r.confidence < th).length;
    expect(refusedCorrect).toBeLessThanOrEqual(Math.floor(90 * 0.05));
    expect(th).toBeGreaterThan(0.11);
  });

  it('trades accuracy for out-of-scope recall when given a weight', () => {
    const withOos = [...rows, ...Array.from({ length: 20 }, () => ({ confidence: 0.05, correct: false, outOfScope: true, predictedOutOfScope: false }))];
    const th = chooseThreshold(withOos, { oosWeight: 1 });
    expect(th).toBeGreaterThan(0.05);
    expect(th).toBeLessThanOrEqual(0.11);
  });

  it('picks a threshold no candidate (0 or an observed confidence) beats on the weighted objective', () => {
    const row = fc.record({
      confidence: fc.integer({ min: 1, max: 20 }).map((v) => v / 20),
      correct: fc.boolean(), outOfScope: fc.boolean(), predictedOutOfScope: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.constantFrom(0.5, 1, 2), (rows: HeldOutOutcome[], w) => {
      fc.pre(rows.some((r) => r.outOfScope));
      const score = (th: number): number => { const o = thresholdOutcome(rows, th); return o.inScopeAccuracy + w * o.oosRecall; };
      const th = chooseThreshold(rows, { oosWeight: w });
      for (const c of [0, ...rows.map((r) => r.confidence)]) expect(score(th)).toBeGreaterThanOrEqual(score(c) - 1e-9);
    }), { numRuns: 200 });
  });
});
