/** Store credit: what the payments module offers other modules (returns, checkout) and shoppers. */
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../../platform/index.js';

/** Whose credit: a customer, or a guest by email (kept apart from the customer's account). */
export interface CreditHolder { customerId?: string | null; email?: string | null }

export interface IssueCreditInput extends CreditHolder {
  amount: number;
  currency: string;
  reason: string;
  /** What the credit is for, e.g. a return id. */
  reference: string | null;
  /** A retry with the same key returns the first entry and issues nothing more. */
  idempotencyKey: string;
}

export type StoreCreditEntryKind = 'issue' | 'hold' | 'release' | 'redeem' | 'refund';

export const StoreCreditEntryDto = Type.Object({
  id: Type.String(), kind: Type.String(), amount: Type.Integer(), balanceAfter: Type.Integer(), reference: Nullable(Type.String()),
  reason: Nullable(Type.String()), createdAt: Type.String(),
});
export type StoreCreditEntryDto = { id: string; kind: StoreCreditEntryKind; amount: number; balanceAfter: number; reference: string | null; reason: string | null; createdAt: string };

export const StoreCreditBalanceDto = Type.Object({
  holder: Type.String(), currency: Type.String(),
  balance: Type.Integer({ description: 'credit owned, in minor units' }), held: Type.Integer({ description: 'promised to payments not captured yet' }),
  available: Type.Integer(), entries: Type.Array(StoreCreditEntryDto),
});
export interface StoreCreditBalance { holder: string; currency: string; balance: number; held: number; available: number; entries: StoreCreditEntryDto[] }

/** The account key of a holder: the customer id, else `email:<address>`; the `store_credit` payment token. */
export function creditHolderKey(h: CreditHolder): string {
  if (h.customerId) return h.customerId;
  if (h.email) return `email:${h.email.trim().toLowerCase()}`;
  throw new Error('a store credit holder needs a customer id or an email');
}
