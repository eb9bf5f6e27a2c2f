/**
 * Returns as a transition table, plus the arithmetic of what returned units are worth. Pure.
 *
 * requested → authorized → received → refunded (money back: card or store credit)
 *                                   → exchanged (a replacement order, any difference refunded)
 * requested → rejected; requested | authorized → cancelled.
 */
import type { ReturnStatus } from './status.js';

export const RETURN_REASONS = ['damaged', 'wrong_item', 'not_as_described', 'too_small', 'too_large', 'changed_mind', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

export const RETURN_ACTIONS = ['authorize', 'reject', 'cancel', 'receive', 'refund', 'exchange'] as const;
export type ReturnAction = (typeof RETURN_ACTIONS)[number];

/** Where each action may start from, and where it goes. */
export const RETURN_TRANSITIONS: Record<ReturnAction, { from: readonly ReturnStatus[]; to: ReturnStatus }> = {
  authorize: { from: ['requested'], to: 'authorized' },
  reject: { from: ['requested'], to: 'rejected' },
  cancel: { from: ['requested', 'authorized'], to: 'cancelled' },
  receive: { from: ['authorized'], to: 'received' },
  refund: { from: ['received'], to: 'refunded' },
  exchange: { from: ['received'], to: 'exchanged' },
};

/** Returns still holding units: a new request cannot claim them again. */
export const OPEN_RETURN_STATUSES: readonly ReturnStatus[] = ['requested', 'authorized'];

export const canReturn = (status: ReturnStatus, action: ReturnAction): boolean => RETURN_TRANSITIONS[action].from.includes(status);

/** The actions a return in this status offers (what the admin shows). */
export const returnActions = (status: ReturnStatus, exchange: boolean): ReturnAction[] =>
  RETURN_ACTIONS.filter((a) => canReturn(status, a) && !(exchange && a === 'refund') && !(!exchange && a === 'exchange'));

/**
 * What `quantity` more units of a line are worth when `before` of its units have already come
 * back: the line total (after discounts, with tax) spread over its units so that, however the
 * units come back, the returns of all of them add up to exactly the line total.
 */
export function unitsValue(line: { total: number; quantity: number }, before: number, quantity: number): number {
  if (!(line.quantity > 0) || before < 0 || quantity < 0 || before + quantity > line.quantity) throw new RangeError('units out of range');
  const t = BigInt(line.total), q = BigInt(line.quantity);
  return Number((t * BigInt(before + quantity)) / q - (t * BigInt(before)) / q);
}

/** Money a return gives back: the value of its units less the restocking fee, never below zero. */
export function refundDue(values: readonly number[], restockingFee: number): number {
  return Math.max(0, values.reduce((s, v) => s + v, 0) - restockingFee);
}

/**
 * The tax on a replacement's gross amount, at the rate the original order was charged (its tax
 * over its merchandise after discounts), so an exchange neither gains nor loses tax.
 */
export function replacementTax(order: { subtotal: number; discountTotal: number; taxTotal: number; taxInclusive: boolean }, gross: number): number {
  const base = order.subtotal - order.discountTotal - (order.taxInclusive ? order.taxTotal : 0);
  if (base <= 0 || order.taxTotal <= 0) return 0;
  const num = BigInt(gross) * BigInt(order.taxTotal);
  const den = BigInt(order.taxInclusive ? base + order.taxTotal : base);
  return Number((num * 2n + den) / (den * 2n));
}

/** Whether a request made at `now` is within `days` of `since` (placement, or the last units sent). */
export function withinWindow(since: string, now: Date, days: number): boolean {
  return now.getTime() - new Date(since).getTime() <= days * 86_400_000;
}
