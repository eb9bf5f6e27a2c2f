/** Request and response shapes of the checkout. */
import { Type } from '@sinclair/typebox';
import { Nullable, Strict } from '../../../platform/index.js';

const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });

const Address = {
  firstName: Type.Optional(Text(100)), lastName: Type.Optional(Text(100)), company: Type.Optional(Nullable(Text(200))),
  line1: Type.Optional(Text(200)), line2: Type.Optional(Nullable(Text(200, 0))), city: Type.Optional(Text(100)),
  region: Type.Optional(Nullable(Text(100))), postalCode: Type.Optional(Text(20)), country: Type.String({ pattern: '^[A-Za-z]{2}$', maxLength: 2, description: 'ISO 3166-1 alpha-2' }),
  phone: Type.Optional(Nullable(Text(40))),
};

export const CheckoutBody = Strict({
  email: Type.Optional(Type.String({ minLength: 3, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$', description: 'required for guests; customers default to their account email' })),
  shippingAddress: Type.Optional(Strict({ ...Address, firstName: Text(100), lastName: Text(100), line1: Text(200), city: Text(100), postalCode: Text(20) }, { description: 'required for delivery' })),
  billingAddress: Type.Optional(Strict(Address)),
  payment: Strict({
    provider: Type.String({ minLength: 1, maxLength: 40, description: 'test, manual, cash or stripe (when configured)' }),
    token: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'card token or payment method id (tok_visa, pm_…)' })),
  }),
  locale: Type.Optional(Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$', maxLength: 5, description: 'language for messages, e.g. en, fr, de-CH' })),
  notes: Type.Optional(Text(1000)),
});

export const CheckoutStepDto = Type.Object({
  step: Type.String(), outcome: Type.String(), detail: Nullable(Type.Record(Type.String(), Type.Unknown())), node: Type.String(), at: Type.String(),
});

export const CheckoutDto = Type.Object({
  id: Type.String(), cartId: Type.String(), status: Type.String(), step: Type.String(), customerId: Nullable(Type.String()), email: Type.String(),
  currency: Type.String(), amount: Type.Integer(), provider: Type.String(), captureMode: Type.String(),
  reservationId: Nullable(Type.String()), paymentId: Nullable(Type.String()), orderId: Nullable(Type.String()),
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String(), status: Type.Integer() })),
  attempts: Type.Integer(), createdAt: Type.String(), updatedAt: Type.String(), endedAt: Nullable(Type.String()),
  steps: Type.Array(CheckoutStepDto),
});
