/** Facts the checkout announces; the order it places announces `order.placed` itself. */
import { Type } from '@sinclair/typebox';
import { defineEvent, Nullable } from '../../../platform/index.js';

export const CheckoutCompleted = defineEvent('checkout.completed', 1, 'A checkout placed its order and secured the payment.',
  Type.Object({ checkoutId: Type.String(), cartId: Type.String(), orderId: Type.String(), amount: Type.Integer(), currency: Type.String(), recovered: Type.Boolean() }));

export const CheckoutFailed = defineEvent('checkout.failed', 1, 'A checkout stopped; every step it took was undone (stock released, payment voided, promotions given back).',
  Type.Object({ checkoutId: Type.String(), cartId: Type.String(), code: Type.String(), step: Type.String(), paymentId: Nullable(Type.String()), recovered: Type.Boolean() }));
