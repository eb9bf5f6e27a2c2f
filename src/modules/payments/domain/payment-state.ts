/**
 * The payment lifecycle as a transition table with amounts. Pure: the service asks `plan` what an
 * action would do to a payment and either applies the answer or refuses it; the admin reads
 * `allowedActions` to know which buttons to offer.
 */
import { fail, ok, type Result } from '../../../kernel/index.js';

export const PAYMENT_STATUSES = ['pending', 'authorized', 'captured', 'partially_refunded', 'refunded', 'voided', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export type PaymentAction = 'authorize' | 'fail' | 'capture' | 'void' | 'refund';

/** Which statuses each action may start from. Refunds go on until nothing captured is left. */
export const PAYMENT_TRANSITIONS: Record<PaymentAction, readonly PaymentStatus[]> = {
  authorize: ['pending'],
  fail: ['pending'],
  capture: ['authorized'],
  // A pending payment (e.g. after a provider timeout) is voided so a late authorization is released.
  void: ['pending', 'authorized'],
  refund: ['captured', 'partially_refunded'],
};

export const TERMINAL_STATUSES: readonly PaymentStatus[] = ['refunded', 'voided', 'failed'];

export interface PaymentAmounts {
  status: PaymentStatus;
  /** What was asked for, in minor units. */
  amount: number;
  authorized: number;
  captured: number;
  refunded: number;
}

export type TransitionError =
  | { code: 'payments.invalid_transition'; message: string; status: PaymentStatus; action: PaymentAction }
  | { code: 'payments.invalid_amount'; message: string; amount: number; max: number };

export interface Planned { next: PaymentAmounts; amount: number }

/**
 * What `action` (with an amount for authorize, capture and refund; capture and refund default to
 * everything still open) does to a payment: the next status and amounts, or why it is refused.
 */
export function plan(p: PaymentAmounts, action: PaymentAction, amount?: number): Result<Planned, TransitionError> {
  if (!PAYMENT_TRANSITIONS[action].includes(p.status)) {
    return fail({ code: 'payments.invalid_transition', message: `a ${p.status} payment cannot be ${pastTense(action)}`, status: p.status, action });
  }
  const bad = (max: number, amt: number) => fail<TransitionError>({ code: 'payments.invalid_amount', message: `amount must be a whole number of minor units between 1 and ${max}`, amount: amt, max });
  switch (action) {
    case 'authorize': {
      const amt = amount ?? p.amount;
      if (!validAmount(amt) || amt > p.amount) return bad(p.amount, amt);
      return ok({ next: { ...p, status: 'authorized', authorized: amt }, amount: amt });
    }
    case 'fail':
      return ok({ next: { ...p, status: 'failed' }, amount: 0 });
    case 'void':
      return ok({ next: { ...p, status: 'voided' }, amount: p.authorized });
    case 'capture': {
      const amt = amount ?? p.authorized;
      // One capture per authorization (as card networks and Stripe allow): the rest is released.
      if (!validAmount(amt) || amt > p.authorized) return bad(p.authorized, amt);
      return ok({ next: { ...p, status: 'captured', captured: amt }, amount: amt });
    }
    case 'refund': {
      const open = p.captured - p.refunded;
      const amt = amount ?? open;
      if (!validAmount(amt) || amt > open) return bad(open, amt);
      const refunded = p.refunded + amt;
      return ok({ next: { ...p, status: refunded === p.captured ? 'refunded' : 'partially_refunded', refunded }, amount: amt });
    }
  }
}

/** The actions a payment in this state offers (what the admin shows). */
export function allowedActions(p: PaymentAmounts): PaymentAction[] {
  return (Object.keys(PAYMENT_TRANSITIONS) as PaymentAction[])
    .filter((a) => a !== 'authorize' && a !== 'fail' && PAYMENT_TRANSITIONS[a].includes(p.status))
    .filter((a) => a !== 'refund' || p.captured > p.refunded);
}

/** The invariants the database also enforces with CHECK constraints. */
export function amountsConsistent(p: PaymentAmounts): boolean {
  return [p.amount, p.authorized, p.captured, p.refunded].every((n) => Number.isSafeInteger(n) && n >= 0)
    && p.authorized <= p.amount && p.captured <= p.authorized && p.refunded <= p.captured;
}

const validAmount = (n: number) => Number.isSafeInteger(n) && n >= 1;

function pastTense(a: PaymentAction): string {
  return { authorize: 'authorized', fail: 'failed', capture: 'captured', void: 'voided', refund: 'refunded' }[a];
}
