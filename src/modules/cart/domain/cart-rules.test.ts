import { describe, expect, it } from 'vitest';
import { availabilityOf, codeKey, hashToken, lineWarnings, mergeCodes, mergePlan, tokenMatches } from './cart-rules.js';

describe('cart rules', () => {
  it('flags availability without refusing the quantity', () => {
    expect(availabilityOf(2, 5)).toEqual({ status: 'in_stock', quantityAvailable: 5 });
    expect(availabilityOf(6, 5)).toEqual({ status: 'not_enough', quantityAvailable: 5 });
    expect(availabilityOf(1, -3)).toEqual({ status: 'out_of_stock', quantityAvailable: 0 });
    expect(availabilityOf(1, null).status).toBe('not_tracked');
  });

  it('warns about price changes and stock', () => {
    const codes = lineWarnings({ quantity: 3, unitPrice: 1200, priceWhenAdded: 1000, sellable: true, availability: { status: 'not_enough', quantityAvailable: 1 } }, 'USD').map((w) => w.code);
    expect(codes).toEqual(['cart.price_changed', 'cart.not_enough_stock']);
  });

  it('merges quantities of the same variant, capped, and keeps codes once', () => {
    const plan = mergePlan([{ id: 'l1', variantId: 'a', quantity: 990 }], [{ variantId: 'a', quantity: 20, priceSeen: 1 }, { variantId: 'b', quantity: 2, priceSeen: 5 }]);
    expect(plan).toEqual({ update: [{ id: 'l1', quantity: 999 }], insert: [{ variantId: 'b', quantity: 2, priceSeen: 5 }] });
    expect(mergeCodes(['A'], ['B', 'A'])).toEqual(['A', 'B']);
  });

  it('matches guest secrets by hash only', () => {
    expect(tokenMatches(hashToken('s3cret'), 's3cret')).toBe(true);
    expect(tokenMatches(hashToken('s3cret'), 'other')).toBe(false);
    expect(tokenMatches(null, 's3cret')).toBe(false);
    expect(codeKey('  save10 ')).toBe('SAVE10');
  });
});
