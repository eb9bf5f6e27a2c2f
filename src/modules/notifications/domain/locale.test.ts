import { describe, expect, it } from 'vitest';
import { canonicalLocale, formatMoney, localeChain } from './locale.js';

// Intl separates groups and currency with (narrow) no-break spaces in French and German.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('message language', () => {
  it('tries the order language, its base language, the store default, then English', () => {
    expect(localeChain('fr-CA', 'de')).toEqual(['fr-CA', 'fr', 'de', 'en']);
    expect(localeChain('fr', 'en')).toEqual(['fr', 'en']);
    expect(localeChain(null, 'de')).toEqual(['de', 'en']);
    expect(localeChain(undefined, 'en')).toEqual(['en']);
    expect(localeChain('not a locale!', 'fr')).toEqual(['fr', 'en']);
    expect(localeChain('pt_BR', 'en')).toEqual(['pt-BR', 'pt', 'en']);
  });

  it('canonicalises tags and rejects junk', () => {
    expect(canonicalLocale('FR-ca')).toBe('fr-CA');
    expect(canonicalLocale('')).toBeNull();
    expect(canonicalLocale('x y')).toBeNull();
  });
});

describe('money in a message', () => {
  it('formats minor units in the locale and currency', () => {
    expect(formatMoney(123456, 'USD', 'en')).toBe('$1,234.56');
    expect(plain(formatMoney(123456, 'EUR', 'fr'))).toBe('1 234,56 €');
    expect(plain(formatMoney(123456, 'EUR', 'de'))).toBe('1.234,56 €');
    expect(plain(formatMoney(199, 'CAD', 'fr-CA'))).toBe('1,99 $');
    expect(formatMoney(-580, 'USD', 'en')).toBe('-$5.80');
  });

  it('uses the currency\'s own minor digits', () => {
    expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500');
    expect(plain(formatMoney(1500, 'KWD', 'en'))).toBe('KWD 1.500');
    expect(formatMoney(5, 'USD', 'en')).toBe('$0.05');
  });

  it('falls back to English conventions for a tag Intl refuses, and stays exact for large amounts', () => {
    expect(formatMoney(1999, 'USD', '!!')).toBe('$19.99');
    expect(formatMoney(900_719_925_474_099, 'USD', 'en')).toBe('$9,007,199,254,740.99');
  });
});
