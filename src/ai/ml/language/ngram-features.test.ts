import { describe, expect, it } from 'vitest';
import { NgramVocabulary } from './ngram-features.js';

const norm = (v: Float64Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('NgramVocabulary', () => {
  const vocab = NgramVocabulary.fit(['where is my order', 'cancel my order', 'refund please']);

  it('gives each block unit length so long messages do not dominate', () => {
    const v = vocab.transform('where is my order');
    expect(norm(v.value)).toBeCloseTo(Math.SQRT2, 6); // word block + char block, each of norm 1
  });

  it('ignores n-grams never seen in training', () => {
    expect(vocab.transform('zzzz qqqq').index.length).toBe(0);
  });

  it('lets a typo share character n-grams with the right word', () => {
    const v = vocab.transform('cancle');
    const terms = Array.from(v.index, (i) => vocab.term(i));
    expect(terms).toContain('c: ca');
    expect(terms.some((t) => t.startsWith('w:'))).toBe(false);
  });

  it('round-trips through its state', () => {
    const copy = NgramVocabulary.fromState(JSON.parse(JSON.stringify(vocab.state)));
    expect(copy.transform('refund my order')).toEqual(vocab.transform('refund my order'));
  });
});
