/**
 * The checkout saga's memory: one row per checkout with the step it reached and the ids each step
 * produced (reservation, payment, order), and one row per step taken or compensated. A restarted
 * node reads these to finish or undo what a dead one started.
 */
import { sql } from 'kysely';
import type { Migration } from '../../../platform/index.js';

export const checkoutMigrations: Migration[] = [
  {
    id: 'checkout/001_init',
    async up(db) {
      await db.schema.createTable('checkouts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('cart_id', 'text', (c) => c.notNull())
        // Scoped to the caller: the same key from two shoppers is two checkouts.
        .addColumn('idempotency_scope', 'text')
        .addColumn('idempotency_key', 'text')
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('capture_mode', 'text', (c) => c.notNull())
        // What the order will be, fixed at validation (prices, discounts, tax, lines, addresses).
        .addColumn('plan', 'text', (c) => c.notNull())
        // The payment token is kept only while the saga runs; cleared when it ends.
        .addColumn('payment_token', 'text')
        .addColumn('promotion_ids', 'text', (c) => c.notNull())
        .addColumn('reservation_id', 'text')
        .addColumn('payment_id', 'text')
        .addColumn('order_id', 'text')
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .addColumn('error_status', 'integer')
        .addColumn('error_details', 'text')
        // Until when the node running it owns it; after that, recovery may take it over.
        .addColumn('lease_until', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .addCheckConstraint('checkouts_status', sql`status in ('running', 'completed', 'failed')`)
        .addCheckConstraint('checkouts_amount', sql`amount >= 0`)
        .execute();
      await db.schema.createIndex('checkouts_idempotency').on('checkouts').columns(['idempotency_scope', 'idempotency_key']).unique().execute();
      // At most one running checkout per cart: a double click waits for the first instead of racing it.
      await sql`create unique index checkouts_cart_running on checkouts (cart_id) where status = 'running'`.execute(db);
      await db.schema.createIndex('checkouts_status_lease').on('checkouts').columns(['status', 'lease_until']).execute();
      await db.schema.createIndex('checkouts_created').on('checkouts').columns(['created_at', 'id']).execute();

      await db.schema.createTable('checkout_steps')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('checkout_id', 'text', (c) => c.notNull().references('checkouts.id').onDelete('cascade'))
        .addColumn('step', 'text', (c) => c.notNull())
        // 'done', 'failed' or 'compensated'.
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .addColumn('node', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('checkout_steps_checkout').on('checkout_steps').columns(['checkout_id', 'at']).execute();
    },
  },
];
