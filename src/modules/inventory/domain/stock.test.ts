import { describe, expect, it } from 'vitest';
import { crossedLowStock, mergeLines, planAllocation, resolveDelta } from './stock.js';
import { nextTransferStatus } from './transfer-process.js';

describe('crossedLowStock', () => {
  it('fires only when available drops to or below the threshold', () => {
    expect(crossedLowStock(6, 5, 5)).toBe(true);
    expect(crossedLowStock(10, 0, 5)).toBe(true);
    expect(crossedLowStock(5, 4, 5)).toBe(false);
    expect(crossedLowStock(3, 8, 5)).toBe(false);
    expect(crossedLowStock(7, 6, 5)).toBe(false);
  });
});

describe('resolveDelta', () => {
  it('takes a delta or turns an absolute count into one', () => {
    expect(resolveDelta({ reason: 'received', delta: 5 }, 10)).toEqual({ delta: 5 });
    expect(resolveDelta({ reason: 'counted', onHand: 7 }, 10)).toEqual({ delta: -3 });
  });
  it('names the field when the adjustment makes no sense', () => {
    expect(resolveDelta({ reason: 'received' }, 0)).toEqual({ problem: { field: 'body.delta', message: 'give exactly one of delta or onHand' } });
    expect(resolveDelta({ reason: 'received', delta: 1, onHand: 1 }, 0)).toMatchObject({ problem: { field: 'body.onHand' } });
    expect(resolveDelta({ reason: 'damaged', delta: 2 }, 0)).toMatchObject({ problem: { field: 'body.delta' } });
    expect(resolveDelta({ reason: 'received', onHand: 1 }, 4)).toMatchObject({ problem: { field: 'body.onHand' } });
    expect(resolveDelta({ reason: 'correction', delta: 0 }, 4)).toMatchObject({ problem: { field: 'body.delta' } });
  });
});

describe('planAllocation', () => {
  const c = (locationId: string, available: number, priority = 0) => ({ locationId, available, priority });
  it('prefers one location that covers the whole line, by priority', () => {
    expect(planAllocation([c('a', 10, 1), c('b', 20, 0), c('c', 3, 0)], 5)).toEqual([{ locationId: 'b', quantity: 5 }]);
  });
  it('splits across the fullest locations when no single one suffices', () => {
    expect(planAllocation([c('a', 3), c('b', 4), c('c', 0)], 6)).toEqual([{ locationId: 'b', quantity: 4 }, { locationId: 'a', quantity: 2 }]);
  });
  it('returns null when all together are short', () => {
    expect(planAllocation([c('a', 3), c('b', -1)], 4)).toBeNull();
    expect(planAllocation([], 1)).toBeNull();
  });
});

describe('mergeLines', () => {
  it('sums repeats and orders by variant', () => {
    expect(mergeLines([{ variantId: 'v2', quantity: 1 }, { variantId: 'v1', quantity: 2 }, { variantId: 'v2', quantity: 3 }, { variantId: 'v2', quantity: 1, locationId: 'l' }]))
      .toEqual([{ variantId: 'v1', quantity: 2 }, { variantId: 'v2', quantity: 4 }, { variantId: 'v2', quantity: 1, locationId: 'l' }]);
  });
});

describe('transfer lifecycle', () => {
  it('allows receive and cancel only while in transit', () => {
    expect(nextTransferStatus('in_transit', 'receive')).toBe('received');
    expect(nextTransferStatus('in_transit', 'cancel')).toBe('cancelled');
    expect(nextTransferStatus('received', 'cancel')).toBeNull();
    expect(nextTransferStatus('cancelled', 'receive')).toBeNull();
  });
});
