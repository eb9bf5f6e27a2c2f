/**
 * The order's three status dimensions and the transitions between their values. `status` is the
 * order's life (the OMS state machine); payment and fulfilment status are its two details. The
 * order path moves orders through these tables; the historical import only writes end states,
 * checked against the same lists.
 *
 * `paid` means the payment is secured: captured, or authorized when the store captures at
 * fulfilment. `on_hold` is a review stop (fraud, a failed capture, staff's choice) from which
 * staff release the order back to where it was, or cancel it.
 */
export const ORDER_STATUSES = ['pending', 'paid', 'fulfilling', 'partially_fulfilled', 'fulfilled', 'completed', 'cancelled', 'on_hold'] as const;
export const PAYMENT_STATUSES = ['pending', 'authorized', 'paid', 'partially_refunded', 'refunded', 'voided', 'charged_back'] as const;
export const FULFILLMENT_STATUSES = ['unfulfilled', 'partially_fulfilled', 'fulfilled', 'partially_returned', 'returned'] as const;
export const CHANNELS = ['web', 'pos', 'pickup', 'mobile', 'marketplace'] as const;
export const FULFILMENT_KINDS = ['delivery', 'pickup', 'curbside'] as const;
export const RETURN_STATUSES = ['requested', 'authorized', 'received', 'refunded', 'rejected', 'cancelled', 'exchanged'] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];
export type Channel = (typeof CHANNELS)[number];
export type FulfilmentKind = (typeof FULFILMENT_KINDS)[number];
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['paid', 'on_hold', 'cancelled'],
  paid: ['fulfilling', 'partially_fulfilled', 'fulfilled', 'on_hold', 'cancelled'],
  fulfilling: ['paid', 'partially_fulfilled', 'fulfilled', 'on_hold', 'cancelled'],
  partially_fulfilled: ['fulfilling', 'partially_fulfilled', 'fulfilled', 'on_hold'],
  fulfilled: ['completed'],
  on_hold: ['pending', 'paid', 'fulfilling', 'partially_fulfilled', 'cancelled'],
  completed: [],
  cancelled: [],
};

/** States in which nothing has left the building: the order can still be edited or cancelled whole. */
export const EDITABLE_STATUSES: readonly OrderStatus[] = ['pending', 'paid', 'fulfilling', 'on_hold'];

/** Where fulfilment progress puts an order: by how many units have gone out of how many. */
export function statusForProgress(fulfilled: number, ordered: number, started: boolean): OrderStatus {
  if (ordered > 0 && fulfilled >= ordered) return 'fulfilled';
  if (fulfilled > 0) return 'partially_fulfilled';
  return started ? 'fulfilling' : 'paid';
}

export const PAYMENT_TRANSITIONS: Record<PaymentStatus, readonly PaymentStatus[]> = {
  pending: ['authorized', 'paid', 'voided'],
  authorized: ['paid', 'voided'],
  paid: ['partially_refunded', 'refunded', 'charged_back'],
  partially_refunded: ['partially_refunded', 'refunded', 'charged_back'],
  refunded: [],
  voided: [],
  charged_back: [],
};

export const FULFILLMENT_TRANSITIONS: Record<FulfillmentStatus, readonly FulfillmentStatus[]> = {
  unfulfilled: ['partially_fulfilled', 'fulfilled'],
  partially_fulfilled: ['partially_fulfilled', 'fulfilled'],
  fulfilled: ['partially_returned', 'returned'],
  partially_returned: ['partially_returned', 'returned'],
  returned: [],
};

/** Whether a status dimension may move from one value to another. */
export function canTransition<S extends string>(table: Record<S, readonly S[]>, from: S, to: S): boolean {
  return table[from]?.includes(to) ?? false;
}

/** The order number shown to people, e.g. 1042 → "#1042". */
export const displayNumber = (n: number): string => `#${n}`;

/** Numbering starts here so the first order of a new store does not look like the only one. */
export const FIRST_ORDER_NUMBER = 1001;
