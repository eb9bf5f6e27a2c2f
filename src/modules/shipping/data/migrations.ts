/**
 * Shipping owns two tables: zones (a list of countries and regions, as JSON — a store has a handful
 * and matching happens in code) and methods (delivery rates by weight bracket in a zone, or pickup
 * and curbside at a stock location, whose id is stored as text: the inventory module owns locations).
 */
import { sql } from 'kysely';
import type { Migration } from '../../../platform/index.js';

export const shippingMigrations: Migration[] = [
  {
    id: 'shipping/001_init',
    async up(db) {
      await db.schema.createTable('shipping_zones')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('areas', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('shipping_methods')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('zone_id', 'text', (c) => c.references('shipping_zones.id'))
        .addColumn('location_id', 'text')
        .addColumn('currency', 'text')
        .addColumn('brackets', 'text', (c) => c.notNull())
        .addColumn('free_over_subtotal', 'bigint')
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('shipping_methods_kind', sql`(kind = 'delivery' and zone_id is not null and currency is not null) or (kind in ('pickup', 'curbside') and location_id is not null)`)
        .execute();
      await db.schema.createIndex('shipping_methods_zone').on('shipping_methods').column('zone_id').execute();
    },
  },
];
