/**
 * Inventory tables. The CHECK constraints are the last line against overselling: whatever the
 * code does, no committed row can hold negative stock or reserve more than it has.
 */
import { sql } from 'kysely';
import type { Migration } from '../../../platform/index.js';

export const inventoryMigrations: Migration[] = [
  {
    id: 'inventory/001_init',
    async up(db, dialect) {
      const float = dialect === 'postgres' ? 'double precision' : 'real';
      await db.schema.createTable('stock_locations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('pickup', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('line1', 'text', (c) => c.notNull())
        .addColumn('line2', 'text')
        .addColumn('city', 'text', (c) => c.notNull())
        .addColumn('region', 'text')
        .addColumn('postal_code', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('latitude', float as any)
        .addColumn('longitude', float as any)
        .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('stock_locations_kind', sql`kind in ('warehouse', 'store')`)
        .execute();

      // Variant ids belong to the catalog: plain text here, no foreign key across modules.
      await db.schema.createTable('inventory_levels')
        .addColumn('variant_id', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull().references('stock_locations.id'))
        .addColumn('on_hand', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('incoming', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reorder_point', 'integer')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('inventory_levels_pk', ['variant_id', 'location_id'])
        .addCheckConstraint('inventory_levels_reserved_nonneg', sql`reserved >= 0`)
        .addCheckConstraint('inventory_levels_available_nonneg', sql`on_hand - reserved >= 0`)
        .addCheckConstraint('inventory_levels_incoming_nonneg', sql`incoming >= 0`)
        .addCheckConstraint('inventory_levels_reorder_point_nonneg', sql`reorder_point is null or reorder_point >= 0`)
        .execute();
      await db.schema.createIndex('inventory_levels_location').on('inventory_levels').columns(['location_id', 'variant_id']).execute();

      // The ledger: every change of on hand is a row, so sum(delta) per level equals on hand.
      await db.schema.createTable('inventory_movements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('variant_id', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull().references('stock_locations.id'))
        .addColumn('delta', 'integer', (c) => c.notNull())
        .addColumn('on_hand_after', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('reference', 'text')
        .addColumn('note', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('inventory_movements_level').on('inventory_movements').columns(['variant_id', 'location_id', 'id']).execute();
      await db.schema.createIndex('inventory_movements_location').on('inventory_movements').columns(['location_id', 'id']).execute();
      await db.schema.createIndex('inventory_movements_reference').on('inventory_movements').column('reference').execute();

      await db.schema.createTable('inventory_reservations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('inventory_reservations_status', sql`status in ('active', 'committed', 'released', 'expired')`)
        .execute();
      await db.schema.createIndex('inventory_reservations_due').on('inventory_reservations').columns(['status', 'expires_at']).execute();
      await db.schema.createIndex('inventory_reservations_reference').on('inventory_reservations').column('reference').execute();
      await db.schema.createTable('inventory_reservation_lines')
        .addColumn('reservation_id', 'text', (c) => c.notNull().references('inventory_reservations.id').onDelete('cascade'))
        .addColumn('variant_id', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull().references('stock_locations.id'))
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('inventory_reservation_lines_pk', ['reservation_id', 'variant_id', 'location_id'])
        .addCheckConstraint('inventory_reservation_lines_qty', sql`quantity > 0`)
        .execute();

      await db.schema.createTable('inventory_transfers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('from_location_id', 'text', (c) => c.notNull().references('stock_locations.id'))
        .addColumn('to_location_id', 'text', (c) => c.notNull().references('stock_locations.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text')
        .addColumn('cancelled_at', 'text')
        .addCheckConstraint('inventory_transfers_status', sql`status in ('in_transit', 'received', 'cancelled')`)
        .addCheckConstraint('inventory_transfers_distinct', sql`from_location_id <> to_location_id`)
        .execute();
      await db.schema.createTable('inventory_transfer_lines')
        .addColumn('transfer_id', 'text', (c) => c.notNull().references('inventory_transfers.id').onDelete('cascade'))
        .addColumn('variant_id', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('inventory_transfer_lines_pk', ['transfer_id', 'variant_id'])
        .addCheckConstraint('inventory_transfer_lines_qty', sql`quantity > 0`)
        .execute();
    },
  },
];
