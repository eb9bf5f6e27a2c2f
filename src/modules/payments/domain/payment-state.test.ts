import { describe, expect, it } from 'vitest';
import { allowedActions, amountsConsistent, plan, type PaymentAmounts } from './payment-state.js';

const pending: PaymentAmounts = { status: 'pending', amount: 1000, authorized: 0, captured: 0, refunded: 0 };

function run(p: PaymentAmounts, ...steps: [Parameters<typeof plan>[1], number?][]): PaymentAmounts {
  for (const [action, amount] of steps) {
    const r = plan(p, action, amount);
    if (!r.ok) throw new Error(r.error.message);
    p = r.value.next;
    expect(amountsConsistent(p)).toBe(true);
  }
  return p;
}

describe('payment state machine', () => {
  it('authorize → capture → partial refund → refund', () => {
    const a = run(pending, ['authorize']);
    expect(a).toMatchObject({ status: 'authorized', authorized: 1000 });
    const c = run(a, ['capture', 800]);
    expect(c).toMatchObject({ status: 'captured', captured: 800 });
    const pr = run(c, ['refund', 300]);
    expect(pr).toMatchObject({ status: 'partially_refunded', refunded: 300 });
    const r = run(pr, ['refund']);
    expect(r).toMatchObject({ status: 'refunded', refunded: 800 });
    expect(allowedActions(r)).toEqual([]);
  });

  it('refuses refunds above what was captured minus refunded', () => {
    const c = run(pending, ['authorize'], ['capture', 500], ['refund', 200]);
    const over = plan(c, 'refund', 301);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.error).toMatchObject({ code: 'payments.invalid_amount', max: 300 });
    expect(plan(c, 'refund', 300).ok).toBe(true);
  });

  it('refuses captures above the authorization, zero and fractional amounts', () => {
    const a = run(pending, ['authorize']);
    for (const bad of [1001, 0, -5, 1.5, Number.NaN]) expect(plan(a, 'capture', bad).ok).toBe(false);
  });

  it('refuses transitions the table does not allow', () => {
    const voided = run(pending, ['authorize'], ['void']);
    expect(voided.status).toBe('voided');
    for (const action of ['capture', 'refund', 'void', 'authorize'] as const) {
      const r = plan(voided, action, 100);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('payments.invalid_transition');
    }
    expect(plan(run(pending, ['fail']), 'capture').ok).toBe(false);
    expect(plan(pending, 'refund', 1).ok).toBe(false);
    expect(plan(run(pending, ['authorize'], ['capture']), 'void').ok).toBe(false);
  });

  it('voids a pending payment (an unresolved timeout) and offers the right actions', () => {
    expect(run(pending, ['void']).status).toBe('voided');
    expect(allowedActions(pending)).toEqual(['void']);
    expect(allowedActions(run(pending, ['authorize']))).toEqual(['capture', 'void']);
    expect(allowedActions(run(pending, ['authorize'], ['capture', 10]))).toEqual(['refund']);
  });
});
