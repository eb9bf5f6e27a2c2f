import { describe, expect, it } from 'vitest';
import { newId } from '../../../kernel/index.js';
import { flatRateTrackingNumber, isFlatRateTrackingNumber, luhnCheckDigit } from './tracking.js';

describe('flat-rate tracking numbers', () => {
  it('computes the Luhn check digit', () => {
    // The textbook example: 7992739871 has check digit 3.
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(luhnCheckDigit('0000000000')).toBe(0);
  });

  it('is FR + 14 digits + a check digit, the same for the same id, different for ids of one millisecond', () => {
    const a = newId('ful'), b = newId('ful');
    const ta = flatRateTrackingNumber(a);
    expect(ta).toMatch(/^FR\d{15}$/);
    expect(flatRateTrackingNumber(a)).toBe(ta);
    expect(flatRateTrackingNumber(b)).not.toBe(ta);
    expect(isFlatRateTrackingNumber(ta)).toBe(true);
  });

  it('catches a mistyped digit', () => {
    const t = flatRateTrackingNumber(newId('ful'));
    for (let i = 2; i < t.length; i++) {
      const typo = t.slice(0, i) + String((Number(t[i]) + 1) % 10) + t.slice(i + 1);
      expect(isFlatRateTrackingNumber(typo), typo).toBe(false);
    }
    expect(isFlatRateTrackingNumber('FR123')).toBe(false);
    expect(() => flatRateTrackingNumber('ful_!!')).toThrow();
  });
});
