/**
 * The order's three status dimensions and the transitions between their values. The order path
 * (checkout, payments, fulfilment, returns) will move orders through these tables; the historical
 * import only writes end states, checked against the same lists.
 */
export const ORDER_STATUSES = ['pending', 'open', 'completed', 'cancelled'] as const;
export const PAYMENT_STATUSES = ['pending', 'authorized', 'paid', 'partially_refunded', 'refunded', 'voided', 'charged_back'] as const;
export const FULFILLMENT_STATUSES = ['unfulfilled', 'partially_fulfilled', 'fulfilled', 'partially_returned', 'returned'] as const;
export const CHANNELS = ['web', 'pos', 'pickup', 'mobile', 'marketplace'] as const;
export const RETURN_STATUSES = ['requested', 'received', 'refunded', 'rejected'] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];
export type Channel = (typeof CHANNELS)[number];
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['open', 'cancelled'],
  open: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

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
