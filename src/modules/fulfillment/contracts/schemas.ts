/** Response shapes of the fulfillment module. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../../platform/index.js';

export const FulfillmentLineDto = Type.Object({
  orderLineId: Type.String(), variantId: Nullable(Type.String()), sku: Nullable(Type.String()), title: Type.String(), quantity: Type.Integer(),
});
export type FulfillmentLineDto = Static<typeof FulfillmentLineDto>;

export const FulfillmentDto = Type.Object({
  id: Type.String(), orderId: Type.String(), orderNumber: Type.Integer(), locationId: Type.String(),
  kind: Type.String(), status: Type.String(),
  carrier: Nullable(Type.String()), service: Nullable(Type.String()), trackingNumber: Nullable(Type.String()), trackingUrl: Nullable(Type.String()),
  labelUrl: Nullable(Type.String()),
  pickingAt: Nullable(Type.String()), packedAt: Nullable(Type.String()), shippedAt: Nullable(Type.String()), deliveredAt: Nullable(Type.String()),
  readyAt: Nullable(Type.String()), arrivedAt: Nullable(Type.String()), pickedUpAt: Nullable(Type.String()), cancelledAt: Nullable(Type.String()),
  cancelReason: Nullable(Type.String()),
  arrival: Nullable(Type.Object({ vehicle: Nullable(Type.String()), bay: Nullable(Type.String()), note: Nullable(Type.String()) })),
  lines: Type.Array(FulfillmentLineDto),
  /** What may be done next, from the transition table. */
  actions: Type.Array(Type.String()),
  createdAt: Type.String(), updatedAt: Type.String(), version: Type.Integer(),
});
export type FulfillmentDto = Static<typeof FulfillmentDto>;

/** What anyone holding a tracking number may see: no names, addresses or order ids. */
export const TrackingDto = Type.Object({
  trackingNumber: Type.String(), carrier: Nullable(Type.String()), service: Nullable(Type.String()), kind: Type.String(), status: Type.String(),
  itemCount: Type.Integer(),
  history: Type.Array(Type.Object({ status: Type.String(), at: Type.String() })),
});
export type TrackingDto = Static<typeof TrackingDto>;

export const ShipmentPlanDto = Type.Object({
  lines: Type.Array(Type.Object({ variantId: Type.String(), quantity: Type.Integer(), locationId: Type.String() })),
  locations: Type.Array(Type.String()),
  splits: Type.Integer(),
  shortfalls: Type.Array(Type.Object({ variantId: Type.String(), missing: Type.Integer() })),
  reason: Type.String(),
});
