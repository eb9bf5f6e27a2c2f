/** Facts the cart module announces. Small payloads: readers fetch the cart for the rest. */
import { Type } from '@sinclair/typebox';
import { defineEvent } from '../../../platform/index.js';

const Id = Type.String();
const CustomerId = Type.Union([Type.String(), Type.Null()]);

export const CART_CHANGES = ['line_added', 'line_changed', 'line_removed', 'code_applied', 'code_removed', 'shipping_set', 'claimed', 'converted'] as const;
export type CartChange = (typeof CART_CHANGES)[number];

export const CartCreated = defineEvent('cart.created', 1,
  'A guest or customer cart was started.',
  Type.Object({ cartId: Id, customerId: CustomerId, currency: Type.String() }));

export const CartUpdated = defineEvent('cart.updated', 1,
  'A cart\'s lines, codes or shipping changed, a customer claimed a guest cart, or a checkout turned it into an order.',
  Type.Object({ cartId: Id, customerId: CustomerId, change: Type.Union(CART_CHANGES.map((c) => Type.Literal(c))) }));

export const CartMerged = defineEvent('cart.merged', 1,
  'A guest cart was merged into a customer\'s cart at sign-in (quantities added, codes kept).',
  Type.Object({ cartId: Id, intoCartId: Id, customerId: Id }));
