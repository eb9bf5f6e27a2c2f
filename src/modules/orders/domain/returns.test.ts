import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RETURN_STATUSES } from './status.js';
import { canReturn, refundDue, replacementTax, RETURN_ACTIONS, RETURN_TRANSITIONS, returnActions, unitsValue, withinWindow } from './returns.js';

/** A random order line and a random way of returning some of its units over several returns. */
const lineAndReturns = fc.record({ quantity: fc.integer({ min: 1, max: 500 }), total: fc.integer({ min: 0, max: 10_000_000_000 }) })
  .chain((line) => fc.tuple(fc.constant(line), fc.array(fc.integer({ min: 1, max: line.quantity }), { maxLength: 8 })
    .map((parts) => {
      const out: number[] = [];
      let left = line.quantity;
      for (const p of parts) { const q = Math.min(p, left); if (q > 0) out.push(q); left -= q; }
      return out;
    })));

describe('unitsValue (what returned units are worth)', () => {
  it('is the line total spread over its units: each unit is worth floor or ceil of total / quantity, and all of them add up to the total', () => {
    fc.assert(fc.property(lineAndReturns, ([line, parts]) => {
      let before = 0;
      const values = parts.map((q) => { const v = unitsValue(line, before, q); before += q; return v; });
      // Independent check, in exact rational terms: k units are worth between k·⌊t/q⌋ and k·⌈t/q⌉.
      const lo = Math.floor(line.total / line.quantity), hi = Math.ceil(line.total / line.quantity);
      parts.forEach((q, i) => { expect(values[i]).toBeGreaterThanOrEqual(q * lo); expect(values[i]).toBeLessThanOrEqual(q * hi); });
      const units = parts.reduce((s, q) => s + q, 0);
      const sum = values.reduce((s, v) => s + v, 0);
      // The cumulative value never drifts from the exact share by a whole minor unit.
      expect(Math.abs(sum - (line.total * units) / line.quantity)).toBeLessThan(1);
      if (units === line.quantity) expect(sum).toBe(line.total);
    }), { numRuns: 500 });
  });

  it('is the unit total times the quantity when the total divides evenly', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 100 }), (quantity, unit, k) => {
      const before = k % quantity;
      const n = Math.max(1, quantity - before);
      expect(unitsValue({ total: unit * quantity, quantity }, before, n)).toBe(unit * n);
    }));
  });

  it('refuses units the line does not have', () => {
    expect(() => unitsValue({ total: 100, quantity: 2 }, 1, 2)).toThrow(RangeError);
    expect(unitsValue({ total: 1000, quantity: 3 }, 0, 1)).toBe(333);
    expect(unitsValue({ total: 1000, quantity: 3 }, 1, 1)).toBe(333);
    expect(unitsValue({ total: 1000, quantity: 3 }, 2, 1)).toBe(334);
  });
});

describe('refundDue', () => {
  it('is the sum of the values less the fee, never negative', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 10 }), fc.integer({ min: 0, max: 2_000_000 }), (values, fee) => {
      const total = values.reduce((s, v) => s + v, 0);
      const due = refundDue(values, fee);
      expect(due).toBe(total > fee ? total - fee : 0);
      expect(due).toBeGreaterThanOrEqual(0);
    }));
  });
});

describe('replacementTax', () => {
  it('charges the original rate, on both tax-exclusive and tax-inclusive orders', () => {
    expect(replacementTax({ subtotal: 10_000, discountTotal: 0, taxTotal: 800, taxInclusive: false }, 5000)).toBe(400);
    expect(replacementTax({ subtotal: 10_800, discountTotal: 0, taxTotal: 800, taxInclusive: true }, 5400)).toBe(400);
    expect(replacementTax({ subtotal: 10_000, discountTotal: 0, taxTotal: 0, taxInclusive: false }, 5000)).toBe(0);
  });
});

describe('return state machine', () => {
  it('starts every action from live statuses only, and ends in a known status', () => {
    for (const a of RETURN_ACTIONS) {
      expect(RETURN_STATUSES).toContain(RETURN_TRANSITIONS[a].to);
      for (const s of RETURN_TRANSITIONS[a].from) expect(RETURN_STATUSES).toContain(s);
    }
    for (const terminal of ['refunded', 'rejected', 'cancelled', 'exchanged'] as const) expect(returnActions(terminal, false)).toEqual([]);
  });

  it('refunds a plain return and exchanges an exchange, never the other way', () => {
    expect(returnActions('received', false)).toEqual(['refund']);
    expect(returnActions('received', true)).toEqual(['exchange']);
    expect(returnActions('requested', false)).toEqual(['authorize', 'reject', 'cancel']);
    expect(canReturn('refunded', 'refund')).toBe(false);
    expect(canReturn('authorized', 'reject')).toBe(false);
  });

  it('measures the return window in days', () => {
    expect(withinWindow('2024-01-01T00:00:00.000Z', new Date('2024-01-31T00:00:00.000Z'), 30)).toBe(true);
    expect(withinWindow('2024-01-01T00:00:00.000Z', new Date('2024-01-31T00:00:01.000Z'), 30)).toBe(false);
  });
});
