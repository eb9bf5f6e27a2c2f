/**
 * Payments own three tables: the payment (money in integer minor units, bigint like orders), every
 * transition it went through, and the webhook events already applied. The database refuses
 * impossible amounts, so a bug cannot capture more than was held or refund more than was taken.
 */
import { sql } from 'kysely';
import type { Migration } from '../../../platform/index.js';

export const paymentsMigrations: Migration[] = [
  {
    id: 'payments/001_init',
    async up(db) {
      await db.schema.createTable('payments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('authorized_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('captured_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('refunded_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('provider_ref', 'text')
        // The caller's key for authorize: a retry finds this row instead of charging again.
        .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
        // Kept so a timed-out authorization can be replayed or voided (never a raw card number).
        .addColumn('token', 'text')
        .addColumn('description', 'text')
        .addColumn('failure_code', 'text')
        .addColumn('failure_reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('payments_amounts', sql`amount > 0 and authorized_amount >= 0 and captured_amount >= 0 and refunded_amount >= 0
          and authorized_amount <= amount and captured_amount <= authorized_amount and refunded_amount <= captured_amount`)
        .addCheckConstraint('payments_status', sql`status in ('pending', 'authorized', 'captured', 'partially_refunded', 'refunded', 'voided', 'failed')`)
        .execute();
      await db.schema.createIndex('payments_reference').on('payments').columns(['reference', 'id']).execute();
      await db.schema.createIndex('payments_provider_ref').on('payments').columns(['provider', 'provider_ref']).unique().execute();

      await db.schema.createTable('payment_transitions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id').onDelete('cascade'))
        // authorize, fail, capture, void, refund, create, or an attempt that moved nothing (…_timeout, …_declined, …_error).
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('provider_ref', 'text')
        .addColumn('idempotency_key', 'text')
        .addColumn('reason', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addCheckConstraint('payment_transitions_amount', sql`amount >= 0`)
        .execute();
      await db.schema.createIndex('payment_transitions_payment').on('payment_transitions').columns(['payment_id', 'id']).execute();
      // One capture/void/refund per key: a retried call finds its transition instead of repeating it.
      await db.schema.createIndex('payment_transitions_key').on('payment_transitions').columns(['payment_id', 'idempotency_key']).unique().execute();

      await db.schema.createTable('payment_webhook_events')
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payment_id', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('payment_webhook_events_pk', ['provider', 'event_id'])
        .execute();
    },
  },
];
