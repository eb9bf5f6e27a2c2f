/**
 * Support owns five tables: conversations, their messages (what the customer sees), staff-only
 * notes and activity, suggestions for agents (filled by the support assistant later) and canned
 * replies. Notes live in their own table so no query for the customer can reach them by mistake.
 */
import { sql } from 'kysely';
import type { Migration } from '../../../platform/index.js';

export const supportMigrations: Migration[] = [
  {
    id: 'support/001_init',
    async up(db) {
      await db.schema.createTable('support_conversations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        // A signed-in customer; null for a guest, who proves access with a secret (kept as a hash).
        .addColumn('customer_id', 'text')
        .addColumn('guest_token_hash', 'text')
        .addColumn('email', 'text')
        .addColumn('name', 'text')
        .addColumn('subject', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('queue', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('assignee_id', 'text')
        .addColumn('escalated_at', 'text')
        .addColumn('escalation_reason', 'text')
        .addColumn('escalation_count', 'integer', (c) => c.notNull().defaultTo(0))
        // The hand-off summary a human (or, later, the assistant) leaves for the next agent.
        .addColumn('summary', 'text')
        .addColumn('locale', 'text')
        // Latest understanding of the customer, copied from their newest analysed message.
        .addColumn('language', 'text')
        .addColumn('intent', 'text')
        .addColumn('sentiment', 'real')
        .addColumn('urgency', 'real')
        .addColumn('message_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_message_at', 'text', (c) => c.notNull())
        .addColumn('last_message_preview', 'text', (c) => c.notNull())
        .addColumn('last_author_kind', 'text', (c) => c.notNull())
        // The customer's oldest message still unanswered; null when the store spoke last.
        .addColumn('waiting_since', 'text')
        .addColumn('first_response_at', 'text')
        .addColumn('resolved_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('support_conversations_status', sql`status in ('open', 'pending', 'resolved', 'closed')`)
        .addCheckConstraint('support_conversations_priority', sql`priority in ('low', 'normal', 'high', 'urgent')`)
        .addCheckConstraint('support_conversations_channel', sql`channel in ('chat', 'email', 'sms')`)
        .addCheckConstraint('support_conversations_owner', sql`customer_id is not null or guest_token_hash is not null or email is not null`)
        .execute();
      await db.schema.createIndex('support_conversations_inbox').on('support_conversations').columns(['last_message_at', 'id']).execute();
      await db.schema.createIndex('support_conversations_status').on('support_conversations').columns(['status', 'last_message_at']).execute();
      await db.schema.createIndex('support_conversations_customer').on('support_conversations').columns(['customer_id', 'status']).execute();
      await db.schema.createIndex('support_conversations_assignee').on('support_conversations').columns(['assignee_id', 'status']).execute();

      await db.schema.createTable('support_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) => c.notNull().references('support_conversations.id'))
        .addColumn('author_kind', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        // Reserved for message understanding (filled by the NLP pipeline; null until then).
        .addColumn('language', 'text')
        .addColumn('intent', 'text')
        .addColumn('sentiment', 'real')
        .addColumn('urgency', 'real')
        .addColumn('entities', 'text')
        .addColumn('analysed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('support_messages_author', sql`author_kind in ('customer', 'agent', 'system', 'assistant')`)
        .execute();
      await db.schema.createIndex('support_messages_conversation').on('support_messages').columns(['conversation_id', 'id']).execute();

      await db.schema.createTable('support_notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) => c.notNull().references('support_conversations.id'))
        // 'note' is written by staff; 'activity' records assignments, escalations and status changes.
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('data', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('support_notes_kind', sql`kind in ('note', 'activity')`)
        .execute();
      await db.schema.createIndex('support_notes_conversation').on('support_notes').columns(['conversation_id', 'id']).execute();

      await db.schema.createTable('support_suggestions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) => c.notNull().references('support_conversations.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        // Why: citations, the tools called, the agent run it came from.
        .addColumn('data', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('support_suggestions_kind', sql`kind in ('draft_reply', 'handoff_summary')`)
        .addCheckConstraint('support_suggestions_status', sql`status in ('pending', 'used', 'dismissed')`)
        .execute();
      await db.schema.createIndex('support_suggestions_conversation').on('support_suggestions').columns(['conversation_id', 'id']).execute();

      await db.schema.createTable('support_canned_replies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('shortcut', 'text', (c) => c.unique())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  {
    id: 'support/002_knowledge_base',
    async up(db) {
      // An article is the stable thing agents and the assistant cite; every edit is a new row in
      // support_kb_versions and old versions are kept, so a citation (article, version) always resolves.
      await db.schema.createTable('support_kb_articles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // Articles that say the same thing in different languages share a key (e.g. returns-policy).
        .addColumn('translation_key', 'text')
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('support_kb_articles_status', sql`status in ('draft', 'published', 'archived')`)
        .execute();
      await db.schema.createIndex('support_kb_articles_list').on('support_kb_articles').columns(['category', 'language', 'title']).execute();
      await db.schema.createIndex('support_kb_articles_translation').on('support_kb_articles').columns(['translation_key', 'language']).unique().execute();
      await db.schema.createTable('support_kb_versions')
        .addColumn('article_id', 'text', (c) => c.notNull().references('support_kb_articles.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('support_kb_versions_pk', ['article_id', 'version'])
        .execute();
      // One counter bumped in every knowledge-base write: each node's search index compares it to
      // the revision it was built from, so a change on any node is seen on the next search.
      await db.schema.createTable('support_kb_revision')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .execute();
      await db.insertInto('support_kb_revision').values({ id: 1, revision: 0 }).execute();
    },
  },
  {
    id: 'support/003_channels_routing_csat',
    async up(db) {
      // One column per statement: SQLite adds a single column per ALTER TABLE.
      const conv = [
        // SMS conversations are keyed by the customer's phone (E.164 digits).
        ['phone', 'text'],
        // When the router first chose the queue (later messages only raise priority).
        ['routed_at', 'text'],
        ['routing_reason', 'text'],
        // The customer's spend when routed (minor units, in the currency with the most spend).
        ['customer_spend', 'integer'],
        ['spend_currency', 'text'],
        // Escalation rules already applied by the schedule (JSON array of rule names).
        ['escalation_rules', 'text'],
        // Who resolved it last (actor ref); null when the assistant settled it.
        ['resolved_by', 'text'],
        ['reopen_count', 'integer'],
        // Email threading: the Message-ID of the customer's latest mail, for In-Reply-To on our answer.
        ['email_reference', 'text'],
      ] as const;
      for (const [name, type] of conv) await db.schema.alterTable('support_conversations').addColumn(name, type).execute();
      await db.schema.alterTable('support_conversations').addColumn('vip', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.updateTable('support_conversations').set({ escalation_rules: '[]', reopen_count: 0 }).execute();
      await db.schema.createIndex('support_conversations_phone').on('support_conversations').columns(['phone', 'status']).execute();
      await db.schema.createIndex('support_conversations_email').on('support_conversations').columns(['email', 'channel', 'status']).execute();
      await db.schema.createIndex('support_conversations_resolved').on('support_conversations').columns(['resolved_at']).execute();
      // A provider's own id for a message (an email's Message-ID, an SMS id): a webhook delivered twice adds it once.
      await db.schema.alterTable('support_messages').addColumn('external_id', 'text').execute();
      await db.schema.createIndex('support_messages_external').on('support_messages').columns(['external_id']).unique().where(sql.ref('external_id'), 'is not', null).execute();

      // What each agent can take: languages and queues (empty = any), how many at once, leads.
      await db.schema.createTable('support_agent_skills')
        .addColumn('staff_id', 'text', (c) => c.primaryKey())
        .addColumn('languages', 'text', (c) => c.notNull())
        .addColumn('queues', 'text', (c) => c.notNull())
        .addColumn('max_load', 'integer', (c) => c.notNull())
        .addColumn('lead', 'integer', (c) => c.notNull())
        .addColumn('available', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      // One survey per resolution: sent when resolved, answered once (1–5 and a comment).
      await db.schema.createTable('support_csat')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) => c.notNull().references('support_conversations.id'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('rating', 'integer')
        .addColumn('comment', 'text')
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addColumn('answered_at', 'text')
        .addCheckConstraint('support_csat_rating', sql`rating is null or (rating >= 1 and rating <= 5)`)
        .execute();
      await db.schema.createIndex('support_csat_conversation').on('support_csat').columns(['conversation_id', 'sent_at']).execute();
      await db.schema.createIndex('support_csat_answered').on('support_csat').columns(['answered_at']).execute();
    },
  },
];
