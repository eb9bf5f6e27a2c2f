/**
 * Promotions own three tables: the promotions, their redemptions and a per-customer use counter.
 * The limits live in the database: a redemption increments the counters with conditional UPDATEs
 * (re-checked under the row lock on PostgreSQL, serialised on SQLite), and CHECK constraints back
 * them up, so concurrent checkouts cannot exceed a limit.
 */
import { sql } from 'kysely';
import type { Migration } from '../../../platform/index.js';

export const promotionsMigrations: Migration[] = [
  {
    id: 'promotions/001_init',
    async up(db) {
      await db.schema.createTable('promotions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('code', 'text')
        // The code as matched (trimmed, upper case); unique, null for automatic promotions.
        .addColumn('code_key', 'text', (c) => c.unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('percent', 'integer')
        .addColumn('amount', 'bigint')
        .addColumn('amount_scope', 'text')
        .addColumn('currency', 'text')
        // Targets and the buy X / get Y sides as JSON: read whole, never queried inside.
        .addColumn('targets', 'text', (c) => c.notNull())
        .addColumn('buy_x', 'text')
        .addColumn('get_y', 'text')
        .addColumn('max_applications', 'integer')
        .addColumn('min_subtotal', 'bigint')
        .addColumn('starts_at', 'text')
        .addColumn('ends_at', 'text')
        .addColumn('usage_limit', 'integer')
        .addColumn('per_customer_limit', 'integer')
        .addColumn('usage_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('combinable', 'integer', (c) => c.notNull())
        .addColumn('priority', 'integer', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('promotions_kind', sql`kind in ('percentage', 'fixed_amount', 'free_shipping', 'buy_x_get_y')`)
        .addCheckConstraint('promotions_usage', sql`usage_count >= 0 and (usage_limit is null or usage_count <= usage_limit)`)
        .execute();
      await db.schema.createIndex('promotions_automatic').on('promotions').columns(['active', 'code_key']).execute();

      await db.schema.createTable('promotion_redemptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('promotion_id', 'text', (c) => c.notNull().references('promotions.id'))
        .addColumn('customer_key', 'text')
        .addColumn('order_reference', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('released_at', 'text')
        .addCheckConstraint('promotion_redemptions_status', sql`status in ('active', 'released')`)
        .execute();
      // One redemption per order and promotion: a retried checkout step finds the first one.
      await db.schema.createIndex('promotion_redemptions_ref').on('promotion_redemptions').columns(['promotion_id', 'order_reference']).unique().execute();

      await db.schema.createTable('promotion_customer_usage')
        .addColumn('promotion_id', 'text', (c) => c.notNull().references('promotions.id'))
        .addColumn('customer_key', 'text', (c) => c.notNull())
        .addColumn('used', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('promotion_customer_usage_pk', ['promotion_id', 'customer_key'])
        .addCheckConstraint('promotion_customer_usage_used', sql`used >= 0`)
        .execute();
    },
  },
];
