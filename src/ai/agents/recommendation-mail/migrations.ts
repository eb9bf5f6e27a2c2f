/**
 * Recommendation mail owns two tables: campaigns (a segment, who started it, progress counters and
 * status) and their recipients — the segment's members captured when the campaign starts, each
 * with what happened to them (queued with the message id, or skipped and why). A recipient is
 * processed once, and the mail outbox queues one message per (kind, campaign:customer), so a
 * retried or repeated run never mails anyone twice.
 */
import type { Migration } from '../../../platform/index.js';

export const recommendationMailMigrations: Migration[] = [
  {
    id: 'ai/recommendation_mail/001_campaigns',
    async up(db) {
      await db.schema.createTable('recommendation_campaigns')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('segment', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('queued', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('recommendation_campaigns_created').on('recommendation_campaigns').columns(['created_at', 'id']).execute();
      await db.schema.createTable('recommendation_campaign_recipients')
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('notification_id', 'text')
        .addColumn('reason', 'text')
        .addColumn('items', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('recommendation_campaign_recipients_pk', ['campaign_id', 'customer_id'])
        .execute();
      await db.schema.createIndex('recommendation_campaign_recipients_status').on('recommendation_campaign_recipients').columns(['campaign_id', 'status', 'customer_id']).execute();
    },
  },
];
