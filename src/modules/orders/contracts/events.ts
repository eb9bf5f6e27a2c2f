import { Type } from '@sinclair/typebox';
import { defineEvent, Nullable } from '../../../platform/index.js';

/**
 * One event per imported batch, not per order: a history of tens of thousands of orders would
 * otherwise flood every consumer at first start. Consumers that need the orders read them through
 * the service (`scan`) for the announced window.
 */
export const OrderHistoryImported = defineEvent('order.history_imported', 1, 'A batch of historical orders was imported (e.g. the demo store or a migration from another platform).',
  Type.Object({ source: Type.String(), count: Type.Integer(), firstPlacedAt: Type.String(), lastPlacedAt: Type.String() }));

const ref = { orderId: Type.String(), number: Type.Integer() };

export const OrderPlaced = defineEvent('order.placed', 1, 'A checkout (or the point of sale) placed an order; its stock is committed and its payment secured.',
  Type.Object({
    ...ref, checkoutId: Nullable(Type.String()), customerId: Nullable(Type.String()), email: Type.String(), currency: Type.String(), total: Type.Integer(),
    itemCount: Type.Integer(), channel: Type.String(), fulfilmentKind: Type.String(), locationId: Nullable(Type.String()), status: Type.String(),
    lines: Type.Array(Type.Object({ variantId: Nullable(Type.String()), productId: Nullable(Type.String()), quantity: Type.Integer(), total: Type.Integer() })),
  }));
export const OrderStatusChanged = defineEvent('order.status_changed', 1, 'An order moved in its life (paid, fulfilling, fulfilled, completed, on hold, released, cancelled).',
  Type.Object({ ...ref, from: Type.String(), to: Type.String(), reason: Nullable(Type.String()) }));
export const OrderCancelled = defineEvent('order.cancelled', 1, 'An order was cancelled: its payment voided or refunded and its unfulfilled stock put back when asked.',
  Type.Object({ ...ref, reason: Type.String(), refunded: Type.Integer(), restocked: Type.Boolean() }));
export const OrderEdited = defineEvent('order.edited', 1, 'Quantities of an order were lowered before fulfilment.',
  Type.Object({ ...ref, reason: Type.String(), total: Type.Integer(), refunded: Type.Integer(), lines: Type.Array(Type.Object({ lineId: Type.String(), from: Type.Integer(), to: Type.Integer() })) }));
export const OrderRefunded = defineEvent('order.refunded', 1, 'Money went back to the customer of an order, to the original payment or as store credit.',
  Type.Object({ ...ref, amount: Type.Integer(), currency: Type.String(), method: Type.String(), reason: Nullable(Type.String()), returnId: Nullable(Type.String()), refundedTotal: Type.Integer() }));
export const OrderPaymentUpdated = defineEvent('order.payment_updated', 1, "An order's payment status changed (captured, refunded, voided).",
  Type.Object({ ...ref, from: Type.String(), to: Type.String() }));
export const OrderNoteAdded = defineEvent('order.note_added', 1, 'Staff added a note to an order.',
  Type.Object({ ...ref, internal: Type.Boolean() }));
