/** Rows of the payments tables and their mapping to the public shapes. */
import { newId } from '../../../kernel/index.js';
import type { Db } from '../../../platform/index.js';
import type { Payment, PaymentTransition, ProviderName } from '../contracts/service.js';
import { allowedActions, type PaymentAmounts, type PaymentStatus } from '../domain/payment-state.js';

export interface PaymentRow {
  id: string; reference: string; provider: ProviderName; status: PaymentStatus; currency: string;
  amount: number; authorized_amount: number; captured_amount: number; refunded_amount: number;
  provider_ref: string | null; idempotency_key: string; token: string | null; description: string | null;
  failure_code: string | null; failure_reason: string | null; created_at: string; updated_at: string;
}

export interface TransitionRow {
  payment_id: string; action: string; from_status: PaymentStatus | null; to_status: PaymentStatus; amount: number;
  provider_ref: string | null; idempotency_key: string | null; reason: string | null; actor: string; at: string;
}

/** bigint columns come back as numbers from both engines (see platform/db); make sure of it. */
const num = (v: unknown) => Number(v);

export const amountsOf = (r: PaymentRow): PaymentAmounts => ({
  status: r.status, amount: num(r.amount), authorized: num(r.authorized_amount), captured: num(r.captured_amount), refunded: num(r.refunded_amount),
});

export function toPayment(r: PaymentRow): Payment {
  const a = amountsOf(r);
  return {
    id: r.id, reference: r.reference, provider: r.provider, status: r.status, currency: r.currency,
    amount: a.amount, authorized: a.authorized, captured: a.captured, refunded: a.refunded,
    providerRef: r.provider_ref, failureCode: r.failure_code, failureReason: r.failure_reason,
    actions: allowedActions(a), createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export const toTransition = (r: any): PaymentTransition => ({
  id: r.id, action: r.action, from: r.from_status, to: r.to_status, amount: num(r.amount),
  providerRef: r.provider_ref, reason: r.reason, actor: r.actor, at: r.at,
});

export const paymentsRepo = {
  async get(db: Db, id: string): Promise<PaymentRow | undefined> {
    return db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst() as Promise<PaymentRow | undefined>;
  },
  async byKey(db: Db, key: string): Promise<PaymentRow | undefined> {
    return db.selectFrom('payments').selectAll().where('idempotency_key', '=', key).executeTakeFirst() as Promise<PaymentRow | undefined>;
  },
  async byProviderRef(db: Db, provider: string, ref: string): Promise<PaymentRow | undefined> {
    return db.selectFrom('payments').selectAll().where('provider', '=', provider).where('provider_ref', '=', ref).executeTakeFirst() as Promise<PaymentRow | undefined>;
  },
  /** Inserts unless the key is taken; returns whether this call created the row. */
  async insert(db: Db, row: PaymentRow): Promise<boolean> {
    const r = await db.insertInto('payments').values(row).onConflict((oc) => oc.column('idempotency_key').doNothing()).returning('id').executeTakeFirst();
    return !!r;
  },
  /**
   * Moves a payment from the state it was read in to the next one. The WHERE on the old status and
   * amounts makes it a compare-and-set: a concurrent change wins and this returns false.
   */
  async update(db: Db, before: PaymentRow, next: PaymentAmounts, extra: Partial<PaymentRow>, at: string): Promise<boolean> {
    const res = await db.updateTable('payments')
      .set({ status: next.status, authorized_amount: next.authorized, captured_amount: next.captured, refunded_amount: next.refunded, updated_at: at, ...extra })
      .where('id', '=', before.id).where('status', '=', before.status)
      .where('authorized_amount', '=', before.authorized_amount).where('captured_amount', '=', before.captured_amount).where('refunded_amount', '=', before.refunded_amount)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  async addTransition(db: Db, row: TransitionRow): Promise<void> {
    await db.insertInto('payment_transitions').values({ id: newId('ptr'), ...row }).execute();
  },
  async transitionByKey(db: Db, paymentId: string, key: string) {
    return db.selectFrom('payment_transitions').selectAll().where('payment_id', '=', paymentId).where('idempotency_key', '=', key).executeTakeFirst();
  },
  async transitions(db: Db, paymentId: string): Promise<PaymentTransition[]> {
    return (await db.selectFrom('payment_transitions').selectAll().where('payment_id', '=', paymentId).orderBy('id').execute()).map(toTransition);
  },
  /** Records a webhook event; false when it was already recorded (a replay). */
  async markWebhook(db: Db, row: { provider: string; event_id: string; type: string; payment_id: string | null; received_at: string }): Promise<boolean> {
    const r = await db.insertInto('payment_webhook_events').values(row).onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing()).returning('event_id').executeTakeFirst();
    return !!r;
  },
};
