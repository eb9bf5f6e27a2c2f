/** Facts the payments module announces, each written in the transaction that changes the payment. */
import { Type } from '@sinclair/typebox';
import { defineEvent } from '../../../platform/index.js';

const base = {
  paymentId: Type.String(), reference: Type.String(), provider: Type.String(), currency: Type.String(),
  amount: Type.Integer({ description: 'minor units moved by this transition' }),
};

export const PaymentAuthorized = defineEvent('payment.authorized', 1, 'A provider holds the amount of a payment; it can now be captured or voided.', Type.Object(base));
export const PaymentCaptured = defineEvent('payment.captured', 1, 'Money was taken (all or part of the authorization).', Type.Object(base));
export const PaymentVoided = defineEvent('payment.voided', 1, 'An authorization (or a pending payment) was released; nothing was taken.', Type.Object(base));
export const PaymentRefunded = defineEvent('payment.refunded', 1, 'Captured money was given back, in part or in full.',
  Type.Object({ ...base, refundedTotal: Type.Integer(), fully: Type.Boolean() }));
export const PaymentFailed = defineEvent('payment.failed', 1, 'The provider declined a payment.',
  Type.Object({ ...base, reason: Type.String() }));
