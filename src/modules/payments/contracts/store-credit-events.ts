/** Facts about store credit, written in the transaction that moves it. */
import { Type } from '@sinclair/typebox';
import { defineEvent, Nullable } from '../../../platform/index.js';

const base = { accountId: Type.String(), holder: Type.String(), customerId: Nullable(Type.String()), currency: Type.String(), amount: Type.Integer(), balance: Type.Integer({ description: 'balance after the movement' }) };

export const StoreCreditIssued = defineEvent('store_credit.issued', 1, 'Store credit was given to a customer (a refund as credit, an exchange, goodwill).',
  Type.Object({ ...base, reason: Type.String(), reference: Nullable(Type.String()) }));
export const StoreCreditRedeemed = defineEvent('store_credit.redeemed', 1, 'Store credit was spent: a `store_credit` payment was captured.',
  Type.Object({ ...base, paymentReference: Nullable(Type.String()) }));
