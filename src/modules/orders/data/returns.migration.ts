/**
 * Returns handled in the store (the tables came with the historical import): who asked, the
 * note, authorisation with a restocking fee, rejection, the refund's method and the claim a
 * refund in flight holds, and an exchange's replacement lines and order. Each returned line
 * gets its reason, what was done with it when it came back, and what it was worth.
 */
import type { Migration } from '../../../platform/index.js';

export const returnsMigrations: Migration[] = [
  {
    id: 'orders/003_returns',
    async up(db) {
      const returns: [string, 'text' | 'bigint'][] = [
        // 'customer', 'guest' or 'staff'; null for imported history.
        ['source', 'text'], ['note', 'text'], ['rejection_reason', 'text'], ['refund_method', 'text'],
        // A refund to the card in flight ({ amount, method } as JSON): a second, different refund waits for it.
        ['refund_claim', 'text'],
        // Replacement lines asked for, priced when asked ([{ variantId, quantity, unitPrice, … }] as JSON).
        ['exchange_lines', 'text'], ['exchange_reservation_id', 'text'], ['exchange_order_id', 'text'],
        ['authorized_at', 'text'], ['closed_at', 'text'], ['updated_at', 'text'],
      ];
      for (const [name, type] of returns) await db.schema.alterTable('order_returns').addColumn(name, type).execute();
      await db.schema.alterTable('order_returns').addColumn('restocking_fee', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.createIndex('order_returns_status').on('order_returns').columns(['status', 'requested_at']).execute();
      // The reason from RETURN_REASONS; on receipt 'restock' or 'write_off', the condition seen, where it went, and its value.
      for (const name of ['reason', 'disposition', 'condition', 'location_id']) await db.schema.alterTable('order_return_lines').addColumn(name, 'text').execute();
      await db.schema.alterTable('order_return_lines').addColumn('value', 'bigint').execute();
    },
  },
];
