/**
 * Store credit: one account per holder (a customer id, or `email:<address>` for a guest) and
 * currency, and the ledger of every movement. `held` is credit promised to an authorized
 * payment and not yet taken; the database refuses a negative balance or a hold above it, so two
 * concurrent spends can never take the same credit twice.
 */
import { sql } from 'kysely';
import type { Migration } from '../../../platform/index.js';

export const storeCreditMigrations: Migration[] = [
  {
    id: 'payments/002_store_credit',
    async up(db) {
      await db.schema.createTable('store_credit_accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('email', 'text')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('balance', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('held', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('store_credit_balance', sql`balance >= 0 and held >= 0 and held <= balance`)
        .execute();
      await db.schema.createIndex('store_credit_accounts_holder').on('store_credit_accounts').columns(['holder', 'currency']).unique().execute();

      await db.schema.createTable('store_credit_entries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('store_credit_accounts.id').onDelete('cascade'))
        // issue, hold, release, redeem, refund
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('balance_after', 'bigint', (c) => c.notNull())
        .addColumn('held_after', 'bigint', (c) => c.notNull())
        // What the movement is for: a return, an order, a payment; for a release or redeem, the hold's entry id.
        .addColumn('reference', 'text')
        .addColumn('reason', 'text')
        // One movement per key: a retried issue or provider call finds its entry instead of moving money again.
        .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('store_credit_entries_amount', sql`amount >= 0`)
        .execute();
      await db.schema.createIndex('store_credit_entries_account').on('store_credit_entries').columns(['account_id', 'created_at']).execute();
    },
  },
];
