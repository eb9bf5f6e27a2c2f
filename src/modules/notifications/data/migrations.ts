/**
 * Notifications owns two tables: the merchant's template overrides (one row per kind and language;
 * a null part falls back to the built-in one) and the record of every message, unique per kind
 * and event so a redelivered event never queues twice. Since 002 that record is also the mail
 * outbox: a message is rendered and stored as `queued` by the event handler, and the sender
 * (service/outbox.ts) claims, sends and settles it outside any transaction.
 */
import { sql } from 'kysely';
import type { Migration } from '../../../platform/index.js';

export const notificationsMigrations: Migration[] = [
  {
    id: 'notifications/001_init',
    async up(db) {
      await db.schema.createTable('notification_templates')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('text', 'text')
        .addColumn('html', 'text')
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('notification_templates_pk', ['kind', 'locale'])
        .execute();
      await db.schema.createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('order_id', 'text')
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('notifications_kind_event', ['kind', 'event_id'])
        .execute();
      await db.schema.createIndex('notifications_order').on('notifications').columns(['order_id', 'created_at']).execute();
      await db.schema.createIndex('notifications_created').on('notifications').columns(['created_at', 'id']).execute();
    },
  },
  {
    id: 'notifications/002_outbox',
    async up(db) {
      // One column per statement: SQLite adds a single column per ALTER TABLE.
      const add = [
        ['body_text', 'text'], ['body_html', 'text'], ['next_attempt_at', 'text'], ['lease_until', 'text'], ['sent_at', 'text'],
      ] as const;
      for (const [name, type] of add) await db.schema.alterTable('notifications').addColumn(name, type).execute();
      await db.schema.alterTable('notifications').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      // Messages recorded before the outbox went out inside their event's delivery.
      await db.updateTable('notifications').set({ sent_at: sql`created_at`, attempts: 1 }).where('status', '=', 'sent').execute();
      await db.updateTable('notifications').set({ attempts: 1 }).where('status', '=', 'failed').execute();
      await db.schema.createIndex('notifications_due').on('notifications').columns(['status', 'next_attempt_at']).execute();
    },
  },
  {
    id: 'notifications/003_direct_messages',
    async up(db) {
      // Messages other modules write themselves (a support answer by email) carry their own
      // threading headers (Message-ID, In-Reply-To, References) as JSON.
      await db.schema.alterTable('notifications').addColumn('headers', 'text').execute();
    },
  },
];
