/**
 * Orders own four tables: the order header, its lines, returns and their lines. Money columns are
 * integers in minor units of the order's currency (bigint: an order may exceed PostgreSQL's int4). The checkout path (a later issue) writes the same
 * rows the historical import does, so reports and models see one history.
 */
import { sql } from 'kysely';
import type { Migration } from '../../../platform/index.js';
import { FIRST_ORDER_NUMBER } from '../domain/status.js';

export const ordersMigrations: Migration[] = [
  {
    id: 'orders/001_init',
    async up(db) {
      await db.schema.createTable('orders')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // Human-facing sequential number (#1001…), unique per store.
        .addColumn('number', 'integer', (c) => c.notNull().unique())
        .addColumn('customer_id', 'text')
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('payment_status', 'text', (c) => c.notNull())
        .addColumn('fulfillment_status', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        // Where a POS sale happened or a pickup order is collected; null for shipped web orders.
        .addColumn('location_id', 'text')
        // How the order came to exist: 'checkout', 'pos' or 'import' (historical).
        .addColumn('source', 'text', (c) => c.notNull())
        // An id in the source system, unique per source, so an import can be re-run safely.
        .addColumn('external_ref', 'text')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('subtotal', 'bigint', (c) => c.notNull())
        .addColumn('discount_total', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('shipping_total', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('tax_total', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('total', 'bigint', (c) => c.notNull())
        .addColumn('refunded_total', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('promotion_code', 'text')
        .addColumn('shipping_method', 'text')
        .addColumn('billing_country', 'text')
        .addColumn('shipping_country', 'text')
        .addColumn('billing_address', 'text')
        .addColumn('shipping_address', 'text')
        .addColumn('notes', 'text')
        .addColumn('metadata', 'text')
        .addColumn('placed_at', 'text', (c) => c.notNull())
        .addColumn('cancelled_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('orders_money_non_negative', sql`subtotal >= 0 and discount_total >= 0 and shipping_total >= 0 and tax_total >= 0 and total >= 0 and refunded_total >= 0 and refunded_total <= total`)
        .execute();
      await db.schema.createIndex('orders_source_ref').on('orders').columns(['source', 'external_ref']).unique().execute();
      await db.schema.createIndex('orders_customer').on('orders').columns(['customer_id', 'placed_at']).execute();
      await db.schema.createIndex('orders_placed').on('orders').columns(['placed_at', 'id']).execute();
      await db.schema.createIndex('orders_email').on('orders').column('email').execute();

      await db.schema.createTable('order_lines')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        // Product and variant ids are references into the catalog, kept even if the product goes away;
        // sku and titles are a snapshot of what was sold.
        .addColumn('product_id', 'text')
        .addColumn('variant_id', 'text')
        .addColumn('sku', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('variant_title', 'text')
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('unit_price', 'bigint', (c) => c.notNull())
        .addColumn('discount_total', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('tax_total', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('total', 'bigint', (c) => c.notNull())
        .addColumn('returned_quantity', 'integer', (c) => c.notNull().defaultTo(0))
        .addCheckConstraint('order_lines_quantities', sql`quantity > 0 and returned_quantity >= 0 and returned_quantity <= quantity and unit_price >= 0 and total >= 0`)
        .execute();
      await db.schema.createIndex('order_lines_order').on('order_lines').columns(['order_id', 'position']).execute();
      await db.schema.createIndex('order_lines_variant').on('order_lines').column('variant_id').execute();
      await db.schema.createIndex('order_lines_product').on('order_lines').column('product_id').execute();

      await db.schema.createTable('order_returns')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('refund_total', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text')
        .addColumn('refunded_at', 'text')
        .addCheckConstraint('order_returns_refund', sql`refund_total >= 0`)
        .execute();
      await db.schema.createIndex('order_returns_order').on('order_returns').column('order_id').execute();
      await db.schema.createTable('order_return_lines')
        .addColumn('return_id', 'text', (c) => c.notNull().references('order_returns.id').onDelete('cascade'))
        .addColumn('order_line_id', 'text', (c) => c.notNull().references('order_lines.id').onDelete('cascade'))
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('restock', 'integer', (c) => c.notNull().defaultTo(1))
        .addPrimaryKeyConstraint('order_return_lines_pk', ['return_id', 'order_line_id'])
        .addCheckConstraint('order_return_lines_quantity', sql`quantity > 0`)
        .execute();
    },
  },
  {
    // The order management system: orders placed by checkout carry their checkout, payment,
    // reservation, fulfilment kind and locale; lines carry where their stock was taken and how
    // much has gone out; every change lands on the order's timeline.
    id: 'orders/002_oms',
    async up(db) {
      await db.schema.alterTable('orders').addColumn('checkout_id', 'text').execute();
      await db.schema.alterTable('orders').addColumn('payment_id', 'text').execute();
      await db.schema.alterTable('orders').addColumn('reservation_id', 'text').execute();
      await db.schema.alterTable('orders').addColumn('fulfilment_kind', 'text').execute();
      await db.schema.alterTable('orders').addColumn('locale', 'text').execute();
      await db.schema.alterTable('orders').addColumn('hold_reason', 'text').execute();
      // The status to go back to when a hold is released.
      await db.schema.alterTable('orders').addColumn('held_from', 'text').execute();
      // Whether line prices include tax (then total = subtotal − discounts + shipping).
      // Bumped by every change: updates are conditional on it, so two staff edits never interleave.
      await db.schema.alterTable('orders').addColumn('version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('orders').addColumn('tax_inclusive', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.createIndex('orders_checkout').on('orders').column('checkout_id').unique().execute();
      await db.schema.createIndex('orders_status').on('orders').columns(['status', 'placed_at']).execute();
      await db.schema.alterTable('order_lines').addColumn('location_id', 'text').execute();
      await db.schema.alterTable('order_lines').addColumn('fulfilled_quantity', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('order_lines').addColumn('weight_grams', 'integer').execute();

      await db.schema.createTable('order_timeline')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
        // 'placed', 'status', 'payment', 'fulfilment', 'edit', 'note', 'return', 'refund', 'hold'…
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('data', 'text')
        // Staff-only notes are hidden from the customer's view of the order.
        .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // The last order number handed out: one row, incremented under its row lock, so concurrent
      // checkouts on PostgreSQL never collide on a number.
      await db.schema.createTable('order_counter')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('last', 'bigint', (c) => c.notNull())
        .execute();
      await sql`insert into order_counter (id, last) select 1, coalesce(max(number), ${sql.lit(FIRST_ORDER_NUMBER - 1)}) from orders`.execute(db);
      await db.schema.createIndex('order_timeline_order').on('order_timeline').columns(['order_id', 'created_at']).execute();
    },
  },
  {
    // PostgreSQL: order numbers from a sequence, so checkouts on several nodes no longer queue on
    // the counter row's lock until their transactions commit. SQLite keeps the row (one writer).
    id: 'orders/003_number_sequence',
    async up(db, dialect) {
      if (dialect !== 'postgres') return;
      await sql`create sequence order_number_seq`.execute(db);
      await sql`select setval('order_number_seq', (select last from order_counter where id = 1))`.execute(db);
      await db.schema.dropTable('order_counter').execute();
    },
  },
];
