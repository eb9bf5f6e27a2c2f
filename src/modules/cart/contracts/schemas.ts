/** Request and response shapes of the cart's store API. */
import { Type } from '@sinclair/typebox';
import { Nullable, Strict } from '../../../platform/index.js';
import { MAX_LINE_QUANTITY } from './service.js';

const Ref = Type.String({ minLength: 1, maxLength: 120 });

export const CartParams = Strict({ id: Ref });
export const LineParams = Strict({ id: Ref, lineId: Ref });
export const CodeParams = Strict({ id: Ref, code: Type.String({ minLength: 1, maxLength: 64 }) });

export const CartCreate = Strict({
  currency: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$', maxLength: 3, description: 'ISO 4217; the store currency when absent' })),
});
export const LineAdd = Strict({
  variantId: Ref,
  quantity: Type.Integer({ minimum: 1, maximum: MAX_LINE_QUANTITY, description: 'added to the line of the same variant when there is one' }),
});
export const LinePatch = Strict({ quantity: Type.Integer({ minimum: 0, maximum: MAX_LINE_QUANTITY, description: '0 removes the line' }) });
export const CodeApply = Strict({ code: Type.String({ minLength: 1, maxLength: 64 }) });
export const ShippingSet = Strict({
  address: Type.Optional(Nullable(Strict({
    country: Type.String({ pattern: '^[A-Za-z]{2}$', maxLength: 2, description: 'ISO 3166-1 alpha-2' }),
    region: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 10 }))),
    postalCode: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 20 }))),
  }))),
  methodId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 120, description: 'a delivery option quoted for the address' }))),
  pickup: Type.Optional(Nullable(Strict({
    kind: Type.Union([Type.Literal('pickup'), Type.Literal('curbside')]),
    locationId: Ref,
  }, { description: 'collect in store (BOPIS) or curbside at a stock location' }))),
}, { minProperties: 1 });

const Warning = Type.Object({ code: Type.String(), message: Type.String() });
const N = Nullable(Type.Integer());
const S = Nullable(Type.String());

const LineView = Type.Object({
  id: Type.String(), variantId: Type.String(), productId: S, productTitle: S, title: S, sku: S, quantity: Type.Integer(), weightGrams: N,
  unitPrice: N, priceWhenAdded: N, subtotal: Type.Integer(), discount: Type.Integer(), tax: Type.Integer(), total: Type.Integer(),
  availability: Type.Object({ status: Type.String(), quantityAvailable: N }),
  warnings: Type.Array(Warning),
});

export const CartDto = Type.Object({
  id: Type.String(), status: Type.String(), customerId: S, currency: Type.String(), mergedIntoId: S,
  lines: Type.Array(LineView),
  codes: Type.Array(Type.String()),
  rejectedCodes: Type.Array(Type.Object({ code: Type.String(), reason: Type.String(), message: Type.String() })),
  address: Nullable(Type.Object({ country: Type.String(), region: S, postalCode: S })),
  fulfilment: Nullable(Type.Object({ kind: Type.String(), methodId: Type.String(), name: S, locationId: S })),
  shippingOptions: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), name: Type.String(), amount: Type.Integer(), locationId: S })),
  warnings: Type.Array(Warning),
  totals: Type.Object({
    subtotal: Type.Integer(), discountTotal: Type.Integer(), shippingTotal: Type.Integer(), taxTotal: Type.Integer(), taxInclusive: Type.Boolean(),
    total: Type.Integer(), weightGrams: Type.Integer(),
    discounts: Type.Array(Type.Object({ promotionId: Type.String(), code: S, name: Type.String(), kind: Type.String(), amount: Type.Integer(), reason: Type.String() })),
    notApplied: Type.Array(Type.Object({ promotionId: Type.String(), code: S, reason: Type.String() })),
  }),
  createdAt: Type.String(), updatedAt: Type.String(),
});

export const CartCreateAnswer = Type.Object({
  cart: CartDto,
  token: Nullable(Type.String({ description: 'guest carts only, shown once: send it back as the `x-cart-token` header' })),
  created: Type.Boolean({ description: 'false: the signed-in customer\'s existing active cart' }),
});
