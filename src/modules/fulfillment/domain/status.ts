/**
 * The fulfilment lifecycle as one transition table per kind. The service checks every move
 * against it and the admin reads `allowedActions` to know which buttons to offer.
 *
 *   delivery: pending → picking → packed → shipped → delivered
 *   pickup:   pending → picking → ready_for_pickup → picked_up
 *   curbside: pending → picking → ready_for_pickup → arrived → picked_up
 *
 * Any state before the goods leave can be cancelled. A shipped parcel cannot: its units already
 * count as fulfilled on the order, and what comes back is a return, not a cancellation.
 */
export const FULFILMENT_KINDS = ['delivery', 'pickup', 'curbside'] as const;
export type FulfilmentKind = (typeof FULFILMENT_KINDS)[number];

export const FULFILMENT_STATUSES = ['pending', 'picking', 'packed', 'shipped', 'delivered', 'ready_for_pickup', 'arrived', 'picked_up', 'cancelled'] as const;
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];

export const FULFILMENT_ACTIONS = ['pick', 'pack', 'ship', 'deliver', 'ready', 'arrive', 'picked_up', 'cancel'] as const;
export type FulfilmentAction = (typeof FULFILMENT_ACTIONS)[number];

type Table = Partial<Record<FulfilmentStatus, Partial<Record<FulfilmentAction, FulfilmentStatus>>>>;

const CANCEL = { cancel: 'cancelled' } as const;

export const FULFILMENT_TRANSITIONS: Record<FulfilmentKind, Table> = {
  delivery: {
    pending: { pick: 'picking', ...CANCEL },
    picking: { pack: 'packed', ...CANCEL },
    packed: { ship: 'shipped', ...CANCEL },
    shipped: { deliver: 'delivered' },
  },
  pickup: {
    pending: { pick: 'picking', ...CANCEL },
    picking: { ready: 'ready_for_pickup', ...CANCEL },
    ready_for_pickup: { picked_up: 'picked_up', ...CANCEL },
  },
  curbside: {
    pending: { pick: 'picking', ...CANCEL },
    picking: { ready: 'ready_for_pickup', ...CANCEL },
    ready_for_pickup: { arrive: 'arrived', ...CANCEL },
    arrived: { picked_up: 'picked_up', ...CANCEL },
  },
};

/** States a fulfilment never leaves. */
export const FINAL_STATUSES: readonly FulfilmentStatus[] = ['delivered', 'picked_up', 'cancelled'];

/** Units in a fulfilment in one of these states are in the customer's hands. */
export const HANDED_OVER: readonly FulfilmentStatus[] = ['delivered', 'picked_up'];

/** Units in a fulfilment in one of these states have left the store (they count as fulfilled on the order). */
export const GONE_OUT: readonly FulfilmentStatus[] = ['shipped', 'delivered', 'picked_up'];

/** The status an action leads to from `from` for a kind, or null when the table does not allow it. */
export function nextStatus(kind: FulfilmentKind, from: FulfilmentStatus, action: FulfilmentAction): FulfilmentStatus | null {
  return FULFILMENT_TRANSITIONS[kind][from]?.[action] ?? null;
}

/** What may be done next to a fulfilment of a kind in a status. */
export function allowedActions(kind: FulfilmentKind, status: FulfilmentStatus): FulfilmentAction[] {
  return Object.keys(FULFILMENT_TRANSITIONS[kind][status] ?? {}) as FulfilmentAction[];
}

/** Whether a fulfilment still holds its units (only a cancelled one gives them back to the order). */
export const isLive = (status: FulfilmentStatus): boolean => status !== 'cancelled';
