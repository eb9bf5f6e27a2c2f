import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shareByUnits, splitAcrossLocations } from './split.js';

describe('splitting an order line across locations', () => {
  it('keeps a line whole when its stock came from one place', () => {
    expect(splitAcrossLocations({ quantity: 3, discountTotal: 100, taxTotal: 50, locationId: null }, [{ locationId: 'loc_a', quantity: 3 }]))
      .toEqual([{ quantity: 3, discountTotal: 100, taxTotal: 50, locationId: 'loc_a' }]);
  });

  it('shares discount and tax by units so the parts add up exactly', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }),
      (units, discount, tax) => {
        const line = { quantity: units.reduce((s, u) => s + u, 0), discountTotal: discount, taxTotal: tax, locationId: null };
        const parts = splitAcrossLocations(line, units.map((q, i) => ({ locationId: `loc_${i}`, quantity: q })));
        expect(parts.reduce((s, p) => s + p.quantity, 0)).toBe(line.quantity);
        expect(parts.reduce((s, p) => s + p.discountTotal, 0)).toBe(discount);
        expect(parts.reduce((s, p) => s + p.taxTotal, 0)).toBe(tax);
        // No part is off its exact share by a whole unit or more.
        parts.forEach((p) => expect(Math.abs(p.discountTotal - (discount * p.quantity) / line.quantity)).toBeLessThan(1));
      },
    ));
  });

  it('gives remainders to the largest fractions first', () => {
    expect(shareByUnits(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(shareByUnits(0, [2, 5])).toEqual([0, 0]);
  });
});
