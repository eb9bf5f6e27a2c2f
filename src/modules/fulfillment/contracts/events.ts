/**
 * Fulfilment events. Every one names the fulfilment, its order (id and number), the location and
 * the kind, so a consumer (notifications, analytics) needs no read-back for the common case.
 */
import { Type } from '@sinclair/typebox';
import { defineEvent, Nullable } from '../../../platform/index.js';

const ref = {
  fulfillmentId: Type.String(), orderId: Type.String(), orderNumber: Type.Integer(), locationId: Type.String(),
  kind: Type.Union([Type.Literal('delivery'), Type.Literal('pickup'), Type.Literal('curbside')]),
};
const Lines = Type.Array(Type.Object({
  orderLineId: Type.String(), variantId: Nullable(Type.String()), sku: Nullable(Type.String()), title: Type.String(), quantity: Type.Integer(),
}));

export const FulfillmentCreated = defineEvent('fulfillment.created', 1, 'Staff created a fulfilment for (part of) an order at one location.',
  Type.Object({ ...ref, status: Type.String(), lines: Lines }));
export const FulfillmentPickingStarted = defineEvent('fulfillment.picking_started', 1, 'Staff started picking a fulfilment; its order is being fulfilled.',
  Type.Object(ref));
export const FulfillmentPacked = defineEvent('fulfillment.packed', 1, 'A delivery fulfilment was packed and waits for the carrier.',
  Type.Object(ref));
export const FulfillmentShipped = defineEvent('fulfillment.shipped', 1, 'A delivery fulfilment left with a carrier; its units count as fulfilled on the order.',
  Type.Object({
    ...ref, carrier: Type.String(), service: Nullable(Type.String()), trackingNumber: Type.String(), trackingUrl: Nullable(Type.String()),
    shippedAt: Type.String(), lines: Lines,
  }));
export const FulfillmentDelivered = defineEvent('fulfillment.delivered', 1, 'A shipped fulfilment was delivered.',
  Type.Object({ ...ref, carrier: Nullable(Type.String()), trackingNumber: Nullable(Type.String()), deliveredAt: Type.String() }));
export const FulfillmentReadyForPickup = defineEvent('fulfillment.ready_for_pickup', 1, 'A pickup or curbside fulfilment is ready to collect at its location.',
  Type.Object({ ...ref, readyAt: Type.String(), lines: Lines }));
export const FulfillmentCustomerArrived = defineEvent('fulfillment.customer_arrived', 1, 'A curbside customer checked in on arrival; staff bring the order out.',
  Type.Object({ ...ref, arrivedAt: Type.String(), vehicle: Nullable(Type.String()), bay: Nullable(Type.String()), note: Nullable(Type.String()) }));
export const FulfillmentPickedUp = defineEvent('fulfillment.picked_up', 1, 'A pickup or curbside fulfilment was handed to the customer.',
  Type.Object({ ...ref, pickedUpAt: Type.String(), lines: Lines }));
export const FulfillmentCancelled = defineEvent('fulfillment.cancelled', 1, 'A fulfilment was cancelled before it left; its units can be fulfilled again.',
  Type.Object({ ...ref, from: Type.String(), reason: Type.String() }));
