import { describe, expect, it } from 'vitest';
import { failureStatus, reached, recoveryPlan } from './saga.js';

describe('checkout saga recovery', () => {
  it('compensates a checkout that died before its order existed', () => {
    for (const step of ['validated', 'reserved', 'authorized'] as const) {
      expect(recoveryPlan({ step, orderId: null, captureMode: 'immediate' })).toEqual({ action: 'compensate' });
    }
  });

  it('finishes a checkout whose order exists, capturing only when the store captures at once and it has not yet', () => {
    expect(recoveryPlan({ step: 'order_created', orderId: 'ord_1', captureMode: 'immediate' })).toEqual({ action: 'finish', capture: true });
    expect(recoveryPlan({ step: 'order_created', orderId: 'ord_1', captureMode: 'fulfilment' })).toEqual({ action: 'finish', capture: false });
    expect(recoveryPlan({ step: 'captured', orderId: 'ord_1', captureMode: 'immediate' })).toEqual({ action: 'finish', capture: false });
    // The order id is the fact that counts, even if the step was not recorded.
    expect(recoveryPlan({ step: 'authorized', orderId: 'ord_1', captureMode: 'immediate' })).toEqual({ action: 'finish', capture: true });
  });

  it('orders steps and maps failures to statuses', () => {
    expect(reached('captured', 'order_created')).toBe(true);
    expect(reached('reserved', 'authorized')).toBe(false);
    expect(failureStatus('checkout.sold_out')).toBe(409);
    expect(failureStatus('promotions.usage_limit_reached')).toBe(409);
    expect(failureStatus('payments.declined')).toBe(402);
    expect(failureStatus('payments.provider_timeout')).toBe(504);
    expect(failureStatus('checkout.capture_failed')).toBe(502);
  });
});
