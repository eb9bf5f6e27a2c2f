/**
 * Fulfilment owns three tables: the fulfilment (one location, one kind, one status), its lines
 * (order line ids: references into the orders module, kept as plain text), and a row per order
 * that creators lock first, so two staff splitting the same order at once cannot both hand out
 * its last units.
 */
import { sql } from 'kysely';
import type { Migration } from '../../../platform/index.js';

export const fulfillmentMigrations: Migration[] = [
  {
    id: 'fulfillment/001_init',
    async up(db) {
      await db.schema.createTable('fulfillments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull())
        // A snapshot for events, lists and labels: the order number never changes.
        .addColumn('order_number', 'integer', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('carrier', 'text')
        .addColumn('service', 'text')
        .addColumn('tracking_number', 'text')
        .addColumn('tracking_url', 'text')
        .addColumn('label_url', 'text')
        .addColumn('picking_at', 'text')
        .addColumn('packed_at', 'text')
        .addColumn('shipped_at', 'text')
        .addColumn('delivered_at', 'text')
        .addColumn('ready_at', 'text')
        .addColumn('arrived_at', 'text')
        .addColumn('picked_up_at', 'text')
        .addColumn('cancelled_at', 'text')
        .addColumn('cancel_reason', 'text')
        // Curbside: what the customer told us when they checked in.
        .addColumn('arrival_vehicle', 'text')
        .addColumn('arrival_bay', 'text')
        .addColumn('arrival_note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // Bumped by every move; moves are conditional on it, so two clicks never both apply.
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .addCheckConstraint('fulfillments_kind', sql`kind in ('delivery', 'pickup', 'curbside')`)
        .addCheckConstraint('fulfillments_status', sql`status in ('pending', 'picking', 'packed', 'shipped', 'delivered', 'ready_for_pickup', 'arrived', 'picked_up', 'cancelled')`)
        .execute();
      await db.schema.createIndex('fulfillments_order').on('fulfillments').columns(['order_id', 'created_at']).execute();
      await db.schema.createIndex('fulfillments_queue').on('fulfillments').columns(['location_id', 'status', 'created_at']).execute();
      await db.schema.createIndex('fulfillments_status').on('fulfillments').columns(['status', 'created_at']).execute();
      await db.schema.createIndex('fulfillments_tracking').on('fulfillments').columns(['tracking_number']).execute();

      await db.schema.createTable('fulfillment_lines')
        .addColumn('fulfillment_id', 'text', (c) => c.notNull().references('fulfillments.id').onDelete('cascade'))
        .addColumn('order_line_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        // A snapshot of what is in the box, for packing slips, events and mail.
        .addColumn('variant_id', 'text')
        .addColumn('sku', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('fulfillment_lines_pk', ['fulfillment_id', 'order_line_id'])
        .addCheckConstraint('fulfillment_lines_quantity', sql`quantity > 0`)
        .execute();
      await db.schema.createIndex('fulfillment_lines_order_line').on('fulfillment_lines').column('order_line_id').execute();

      await db.schema.createTable('fulfillment_orders')
        .addColumn('order_id', 'text', (c) => c.primaryKey())
        .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
];
