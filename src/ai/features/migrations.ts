/**
 * Feature views: per-customer and per-product facts computed from events (orders, carts, catalog,
 * stock, storefront views), so agents read one small table instead of other modules' tables.
 */
import type { Migration } from '../../platform/index.js';

export const featureMigrations: Migration[] = [
  {
    id: 'ai-features/001_init',
    async up(db) {
      await db.schema.createTable('ai_customer_features')
        .addColumn('customer_id', 'text', (c) => c.primaryKey())
        .addColumn('orders', 'integer', (c) => c.notNull())
        // In the store's currency only: money is never summed across currencies.
        .addColumn('spend', 'integer', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('first_order_at', 'text')
        .addColumn('last_order_at', 'text')
        // JSON: category id → units bought; product ids, newest first.
        .addColumn('category_units', 'text', (c) => c.notNull())
        .addColumn('last_bought', 'text', (c) => c.notNull())
        .addColumn('last_viewed', 'text', (c) => c.notNull())
        .addColumn('cart_updates', 'integer', (c) => c.notNull())
        .addColumn('last_cart_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema.createTable('ai_product_features')
        .addColumn('product_id', 'text', (c) => c.primaryKey())
        .addColumn('handle', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('thumbnail', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        // JSON: [{ id, name }].
        .addColumn('categories', 'text', (c) => c.notNull())
        .addColumn('price', 'integer')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('available', 'integer', (c) => c.notNull())
        .addColumn('in_stock', 'integer', (c) => c.notNull())
        .addColumn('units_sold', 'integer', (c) => c.notNull())
        .addColumn('orders', 'integer', (c) => c.notNull())
        .addColumn('revenue', 'integer', (c) => c.notNull())
        // Exponentially decayed rates (per day, 14-day time constant) as of *_rate_at.
        .addColumn('sales_rate', 'real', (c) => c.notNull())
        .addColumn('sales_rate_at', 'text')
        .addColumn('views', 'integer', (c) => c.notNull())
        .addColumn('view_rate', 'real', (c) => c.notNull())
        .addColumn('view_rate_at', 'text')
        .addColumn('last_sold_at', 'text')
        .addColumn('last_viewed_at', 'text')
        .addColumn('product_created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema.createTable('ai_product_variants')
        .addColumn('variant_id', 'text', (c) => c.primaryKey())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('managed', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ai_product_variants_product').on('ai_product_variants').column('product_id').execute();

      await db.schema.createTable('ai_product_pairs')
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('other_id', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('ai_product_pairs_pk', ['product_id', 'other_id'])
        .execute();

      // Orders already counted: the live path and a rebuild never count one twice.
      await db.schema.createTable('ai_feature_orders')
        .addColumn('order_id', 'text', (c) => c.primaryKey())
        .execute();
    },
  },
  {
    id: 'ai-features/002_rebuild_requests',
    async up(db) {
      // One row per asked-for rebuild (an import, or staff): a rebuild job skips itself while a later
      // request is waiting, so ten import batches cost one rebuild, not ten.
      await db.schema.createTable('ai_feature_rebuilds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  {
    id: 'ai-features/003_product_features_updated',
    async up(db) {
      // Serving re-reads only the products changed since its last look.
      await db.schema.createIndex('ai_product_features_updated').on('ai_product_features').column('updated_at').execute();
    },
  },
];
