import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal, isId, newId, parseDecimal } from './index.js';

describe('ids', () => {
  it('are prefixed, well-formed and sort in creation order', () => {
    const ids = Array.from({ length: 2000 }, () => newId('prod'));
    expect(ids.every((id) => isId('prod', id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('money', () => {
  it('parses and formats decimals without floats, round trip', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom('USD', 'JPY', 'KWD'), (amount, cur) => {
      expect(parseDecimal(formatDecimal(amount, cur), cur)).toBe(amount);
    }));
  });

  it('reads common spellings and refuses sub-minor precision', () => {
    expect(parseDecimal('19.99', 'USD')).toBe(1999);
    expect(parseDecimal('19,9', 'EUR')).toBe(1990);
    expect(parseDecimal('7', 'USD')).toBe(700);
    expect(parseDecimal('0.10', 'USD')).toBe(10);
    expect(parseDecimal('1.005', 'USD')).toBeNull();
    expect(parseDecimal('1.000', 'USD')).toBe(100);
    expect(parseDecimal('abc', 'USD')).toBeNull();
    expect(parseDecimal('500', 'JPY')).toBe(500);
  });
});
