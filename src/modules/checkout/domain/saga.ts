/**
 * The checkout saga's steps, in order, and what recovery does with a checkout a dead node left
 * running. Pure: the service records steps and asks `recoveryPlan` what to do next.
 *
 * validate → reserve stock (and redeem promotions) → authorize payment → create the order and
 * commit stock (one transaction) → capture (at once, or later at fulfilment) → complete.
 *
 * The order is the point of no return. Before it exists, every failure (and every crash) is
 * compensated: the authorization voided, the promotions given back, the stock released. Once it
 * exists, the checkout only moves forward: a crash before capture is finished by capturing, and a
 * capture the provider refuses cancels the order through the OMS (void, restock).
 */
export const STEPS = ['validated', 'reserved', 'authorized', 'order_created', 'captured', 'completed'] as const;
export type Step = (typeof STEPS)[number];

export type CheckoutStatus = 'running' | 'completed' | 'failed';

export const reached = (step: Step, target: Step): boolean => STEPS.indexOf(step) >= STEPS.indexOf(target);

export interface RecoveryState { step: Step; orderId: string | null; captureMode: 'immediate' | 'fulfilment' }

export type RecoveryPlan =
  /** The order exists: finish the remaining steps. */
  | { action: 'finish'; capture: boolean }
  /** No order: undo whatever was done (void any payment for the checkout, release promotions and stock). */
  | { action: 'compensate' };

export function recoveryPlan(s: RecoveryState): RecoveryPlan {
  if (s.orderId || reached(s.step, 'order_created')) return { action: 'finish', capture: s.captureMode === 'immediate' && !reached(s.step, 'captured') };
  return { action: 'compensate' };
}

/** The HTTP status a failed checkout answers with, by the error code that stopped it. */
export function failureStatus(code: string): number {
  if (code === 'checkout.sold_out' || code.startsWith('promotions.')) return 409;
  if (code === 'payments.declined') return 402;
  if (code === 'payments.provider_timeout') return 504;
  if (code === 'payments.provider_error' || code === 'checkout.capture_failed') return 502;
  if (code === 'checkout.abandoned') return 409;
  return 422;
}
