import { describe, expect, it } from 'vitest';
import { allowedActions, FULFILMENT_KINDS, FULFILMENT_STATUSES, FULFILMENT_TRANSITIONS, isLive, nextStatus } from './status.js';

describe('fulfilment transitions', () => {
  it('walks each kind along its happy path', () => {
    const walk = (kind: (typeof FULFILMENT_KINDS)[number], actions: Parameters<typeof nextStatus>[2][]) => actions.reduce<string>((s, a) => nextStatus(kind, s as any, a) ?? `refused ${a} from ${s}`, 'pending');
    expect(walk('delivery', ['pick', 'pack', 'ship', 'deliver'])).toBe('delivered');
    expect(walk('pickup', ['pick', 'ready', 'picked_up'])).toBe('picked_up');
    expect(walk('curbside', ['pick', 'ready', 'arrive', 'picked_up'])).toBe('picked_up');
  });

  it('refuses skipped steps and moves that belong to another kind', () => {
    expect(nextStatus('delivery', 'pending', 'ship')).toBeNull();
    expect(nextStatus('delivery', 'picking', 'ready')).toBeNull();
    expect(nextStatus('pickup', 'picking', 'pack')).toBeNull();
    expect(nextStatus('pickup', 'ready_for_pickup', 'arrive')).toBeNull();
    expect(nextStatus('curbside', 'ready_for_pickup', 'picked_up')).toBeNull();
  });

  it('cancels anything that has not left, nothing that has', () => {
    for (const kind of FULFILMENT_KINDS) {
      for (const status of FULFILMENT_STATUSES) {
        const reachable = status in FULFILMENT_TRANSITIONS[kind];
        const canCancel = nextStatus(kind, status, 'cancel') === 'cancelled';
        expect(canCancel, `${kind} ${status}`).toBe(reachable && status !== 'shipped');
      }
    }
    expect(allowedActions('delivery', 'delivered')).toEqual([]);
    expect(allowedActions('curbside', 'arrived')).toEqual(['picked_up', 'cancel']);
    expect(isLive('cancelled')).toBe(false);
    expect(isLive('shipped')).toBe(true);
  });
});
