/**
 * The assistant's own memory, not business data: per conversation, what the dialogue has
 * established (slots, the question awaiting a yes or no, what was tried); and the brand voice the
 * merchant set. Written in the caller's transaction, so a run's reply and its memory commit together.
 */
import type { Db, Migration } from '../../../../platform/index.js';
import { newDialogue, type Dialogue } from '../domain/policy.js';
import { DEFAULT_VOICE, type BrandVoice, type Tone } from '../domain/templates.js';

export const assistantMigrations: Migration[] = [
  {
    id: 'support_assistant/001_memory',
    async up(db) {
      await db.schema.createTable('assistant_dialogues')
        .addColumn('conversation_id', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('assistant_settings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('tone', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
];

export async function loadDialogue(db: Db, conversationId: string): Promise<Dialogue> {
  const row = await db.selectFrom('assistant_dialogues').select('state').where('conversation_id', '=', conversationId).executeTakeFirst();
  return row ? { ...newDialogue(), ...JSON.parse(row.state as string) } : newDialogue();
}

export async function saveDialogue(db: Db, conversationId: string, d: Dialogue, now: string): Promise<void> {
  const state = JSON.stringify(d);
  await db.insertInto('assistant_dialogues').values({ conversation_id: conversationId, state, updated_at: now })
    .onConflict((oc) => oc.column('conversation_id').doUpdateSet({ state, updated_at: now })).execute();
}

export interface AssistantSettings extends BrandVoice { enabled: boolean; updatedAt: string | null }

export async function loadSettings(db: Db): Promise<AssistantSettings> {
  const row = await db.selectFrom('assistant_settings').selectAll().where('id', '=', 'default').executeTakeFirst();
  if (!row) return { ...DEFAULT_VOICE, enabled: true, updatedAt: null };
  return { enabled: Boolean(row.enabled), tone: row.tone as Tone, name: row.name, signature: row.signature, updatedAt: row.updated_at };
}

export async function saveSettings(db: Db, s: Omit<AssistantSettings, 'updatedAt'>, now: string): Promise<AssistantSettings> {
  const values = { enabled: s.enabled ? 1 : 0, tone: s.tone, name: s.name, signature: s.signature, updated_at: now };
  await db.insertInto('assistant_settings').values({ id: 'default', ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
  return { ...s, updatedAt: now };
}
