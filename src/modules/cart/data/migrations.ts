/**
 * The cart owns two tables: carts and their lines. A line holds a variant id and a quantity (plus
 * the price seen when it was added, only to warn about changes); everything else is computed live.
 */
import { sql } from 'kysely';
import type { Migration } from '../../../platform/index.js';
import { MAX_LINE_QUANTITY } from '../contracts/service.js';

export const cartMigrations: Migration[] = [
  {
    id: 'cart/001_init',
    async up(db) {
      await db.schema.createTable('carts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text')
        // SHA-256 of the guest secret: the id alone never grants access, and a leaked table does not either.
        .addColumn('token_hash', 'text')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('ship_country', 'text')
        .addColumn('ship_region', 'text')
        .addColumn('ship_postal', 'text')
        .addColumn('fulfilment', 'text')
        .addColumn('shipping_method_id', 'text')
        .addColumn('pickup_location_id', 'text')
        // Applied codes as a JSON array of upper-case codes: read whole, never queried inside.
        .addColumn('codes', 'text', (c) => c.notNull())
        .addColumn('merged_into_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('carts_status', sql`status in ('active', 'merged', 'converted')`)
        .addCheckConstraint('carts_fulfilment', sql`fulfilment is null or fulfilment in ('delivery', 'pickup', 'curbside')`)
        .addCheckConstraint('carts_owner', sql`customer_id is not null or token_hash is not null`)
        .execute();
      // One active cart per customer: the merge target at sign-in is never ambiguous.
      await sql`create unique index carts_customer_active on carts (customer_id) where status = 'active' and customer_id is not null`.execute(db);

      await db.schema.createTable('cart_lines')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('cart_id', 'text', (c) => c.notNull().references('carts.id'))
        .addColumn('variant_id', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('price_seen', 'bigint')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('cart_lines_quantity', sql.raw(`quantity between 1 and ${MAX_LINE_QUANTITY}`))
        .execute();
      await db.schema.createIndex('cart_lines_variant').on('cart_lines').columns(['cart_id', 'variant_id']).unique().execute();
    },
  },
  {
    // Reports count the carts started in a range (the denominator of conversion).
    id: 'cart/002_created_index',
    async up(db) {
      await db.schema.createIndex('carts_created').on('carts').column('created_at').execute();
    },
  },
];
