/** Request and response shapes of the orders module. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../../platform/index.js';

const Address = Type.Object({
  firstName: Type.Optional(Type.String()), lastName: Type.Optional(Type.String()), company: Type.Optional(Nullable(Type.String())),
  line1: Type.Optional(Type.String()), line2: Type.Optional(Nullable(Type.String())), city: Type.Optional(Type.String()),
  region: Type.Optional(Nullable(Type.String())), postalCode: Type.Optional(Type.String()), country: Type.String(), phone: Type.Optional(Nullable(Type.String())),
});
export type OrderAddress = Static<typeof Address>;

export const OrderLineDto = Type.Object({
  id: Type.String(), position: Type.Integer(), productId: Nullable(Type.String()), variantId: Nullable(Type.String()), sku: Nullable(Type.String()),
  title: Type.String(), variantTitle: Nullable(Type.String()), quantity: Type.Integer(), unitPrice: Type.Integer(),
  discountTotal: Type.Integer(), taxTotal: Type.Integer(), total: Type.Integer(), returnedQuantity: Type.Integer(),
  fulfilledQuantity: Type.Integer(), locationId: Nullable(Type.String()),
});
export type OrderLineDto = Static<typeof OrderLineDto>;

export const OrderReturnDto = Type.Object({
  id: Type.String(), status: Type.String(), reason: Nullable(Type.String()), refundTotal: Type.Integer(),
  requestedAt: Type.String(), receivedAt: Nullable(Type.String()), refundedAt: Nullable(Type.String()),
  lines: Type.Array(Type.Object({
    orderLineId: Type.String(), quantity: Type.Integer(), restock: Type.Boolean(),
    // Returns made in the store (imported history leaves these null).
    reason: Nullable(Type.String()), disposition: Nullable(Type.String({ description: "'restock' or 'write_off', once received" })),
    condition: Nullable(Type.String()), locationId: Nullable(Type.String()), value: Nullable(Type.Integer({ description: 'what the units were worth, once received' })),
  })),
  orderId: Type.String(), source: Nullable(Type.String({ description: "'customer', 'guest' or 'staff'; null when imported" })), note: Nullable(Type.String()),
  restockingFee: Type.Integer(), rejectionReason: Nullable(Type.String()), refundMethod: Nullable(Type.String()),
  authorizedAt: Nullable(Type.String()), closedAt: Nullable(Type.String()),
  exchange: Type.Array(Type.Object({
    variantId: Type.String(), productId: Nullable(Type.String()), sku: Nullable(Type.String()), title: Type.String(), variantTitle: Nullable(Type.String()),
    quantity: Type.Integer(), unitPrice: Type.Integer(), taxTotal: Type.Integer(), total: Type.Integer(),
  }), { description: 'replacement variants asked for instead of money, priced when asked' }),
  exchangeOrderId: Nullable(Type.String()),
  actions: Type.Array(Type.String(), { description: 'what staff may do next, from the transition table' }),
});
export type OrderReturnDto = Static<typeof OrderReturnDto>;

export const OrderSummaryDto = Type.Object({
  id: Type.String(), number: Type.Integer(), displayNumber: Type.String(), customerId: Nullable(Type.String()), email: Type.String(),
  status: Type.String(), paymentStatus: Type.String(), fulfillmentStatus: Type.String(), channel: Type.String(), locationId: Nullable(Type.String()),
  source: Type.String(), currency: Type.String(), subtotal: Type.Integer(), discountTotal: Type.Integer(), shippingTotal: Type.Integer(),
  taxTotal: Type.Integer(), total: Type.Integer(), refundedTotal: Type.Integer(), promotionCode: Nullable(Type.String()),
  billingCountry: Nullable(Type.String()), shippingCountry: Nullable(Type.String()), itemCount: Type.Integer(), placedAt: Type.String(),
});
export type OrderSummaryDto = Static<typeof OrderSummaryDto>;

export const OrderDto = Type.Composite([OrderSummaryDto, Type.Object({
  shippingMethod: Nullable(Type.String()), billingAddress: Nullable(Address), shippingAddress: Nullable(Address), notes: Nullable(Type.String()),
  externalRef: Nullable(Type.String()), metadata: Nullable(Type.Record(Type.String(), Type.Unknown())),
  cancelledAt: Nullable(Type.String()), closedAt: Nullable(Type.String()), createdAt: Type.String(), updatedAt: Type.String(),
  checkoutId: Nullable(Type.String()), paymentId: Nullable(Type.String()), fulfilmentKind: Nullable(Type.String()), locale: Nullable(Type.String()),
  holdReason: Nullable(Type.String()), taxInclusive: Type.Boolean(),
  version: Type.Integer({ description: 'bumped by every change' }),
  lines: Type.Array(OrderLineDto), returns: Type.Array(OrderReturnDto),
})]);
export type OrderDto = Static<typeof OrderDto>;

export const TimelineEntryDto = Type.Object({
  id: Type.String(), kind: Type.String(), message: Type.String(), data: Nullable(Type.Record(Type.String(), Type.Unknown())),
  internal: Type.Boolean(), actor: Type.String(), createdAt: Type.String(),
});
export type TimelineEntryDto = Static<typeof TimelineEntryDto>;
