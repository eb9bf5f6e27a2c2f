import { describe, expect, it } from 'vitest';
import { multiclassReport } from './multiclass-metrics.js';

describe('multiclassReport', () => {
  it('computes accuracy, per-class scores and the unweighted macro-F1', () => {
    const r = multiclassReport(['a', 'a', 'a', 'b'], ['a', 'a', 'b', 'b']);
    expect(r.accuracy).toBe(0.75);
    expect(r.perClass.a).toMatchObject({ precision: 1, recall: 2 / 3, support: 3 });
    expect(r.perClass.b).toMatchObject({ precision: 0.5, recall: 1, support: 1 });
    expect(r.macroF1).toBeCloseTo((0.8 + 2 / 3) / 2, 10);
  });

  it('averages macro-F1 over the given labels only', () => {
    const r = multiclassReport(['a', 'a'], ['a', 'z'], ['a']);
    expect(r.macroF1).toBeCloseTo(2 / 3, 10);
    expect(r.accuracy).toBe(0.5);
  });

  it('refuses mismatched lengths', () => {
    expect(() => multiclassReport(['a'], [])).toThrow();
  });
});
