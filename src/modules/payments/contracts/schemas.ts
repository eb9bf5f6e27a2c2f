/** Request and response shapes of the payments HTTP API. */
import { Type } from '@sinclair/typebox';
import { Nullable, Strict } from '../../../platform/index.js';
import { PROVIDER_NAMES } from './service.js';

const Amount = Type.Integer({ minimum: 1, maximum: 1_000_000_000_000, description: 'minor units' });
export const Reference = Type.String({ minLength: 1, maxLength: 200, description: 'what is paid for, e.g. an order or checkout id' });

export const AuthorizeBody = Strict({
  reference: Reference,
  amount: Amount,
  currency: Type.String({ pattern: '^[A-Z]{3}$', maxLength: 3, description: 'ISO 4217' }),
  provider: Type.Union(PROVIDER_NAMES.map((p) => Type.Literal(p))),
  token: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'card token or payment method id, e.g. tok_visa or pm_…' })),
  description: Type.Optional(Type.String({ maxLength: 500 })),
});
export const CaptureBody = Strict({ amount: Type.Optional(Amount) });
export const VoidBody = Strict({});
export const RefundBody = Strict({ amount: Type.Optional(Amount), reason: Type.Optional(Type.String({ maxLength: 500 })) });

const transitionFields = {
  id: Type.String(), action: Type.String(), from: Nullable(Type.String()), to: Type.String(), amount: Type.Integer(),
  providerRef: Nullable(Type.String()), reason: Nullable(Type.String()), actor: Type.String(), at: Type.String(),
};
const paymentFields = {
  id: Type.String(), reference: Type.String(), provider: Type.String(), status: Type.String(), currency: Type.String(),
  amount: Type.Integer(), authorized: Type.Integer(), captured: Type.Integer(), refunded: Type.Integer(),
  providerRef: Nullable(Type.String()), failureCode: Nullable(Type.String()), failureReason: Nullable(Type.String()),
  actions: Type.Array(Type.String()), createdAt: Type.String(), updatedAt: Type.String(),
};
export const PaymentDto = Type.Object(paymentFields);
export const PaymentDetailDto = Type.Object({ ...paymentFields, transitions: Type.Array(Type.Object(transitionFields)) });
