import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from './format';

describe('money formatting', () => {
  it('formats integer minor units in the currency and locale', () => {
    expect(formatMoney(2599, 'USD', 'en')).toBe('$25.99');
    expect(formatMoney(2599, 'EUR', 'fr').replace(/\s/g, ' ')).toBe('25,99 €');
    expect(formatMoney(500, 'JPY', 'en')).toBe('¥500');
  });

  it('parses what a person types back into minor units', () => {
    expect(parseMoney('25.99', 'USD')).toBe(2599);
    expect(parseMoney('25,5', 'EUR')).toBe(2550);
    expect(parseMoney('abc', 'USD')).toBeNull();
  });
});
