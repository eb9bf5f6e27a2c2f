/**
 * The seams the support assistant plugs into: message understanding is recorded on the message
 * (and the conversation keeps the customer's newest reading), and suggestions — draft replies,
 * hand-off summaries — are offered to agents without ever reaching the customer on their own.
 */
import { newId, notFound } from '../../../kernel/index.js';
import { emit, inTransaction, withDb, type Ctx } from '../../../platform/index.js';
import { SupportMessageAnalysed, SupportSuggestionAdded } from '../contracts/events.js';
import type { MessageDto, SuggestionDto } from '../contracts/schemas.js';
import type { MessageAnalysis, SuggestionInput } from '../contracts/service.js';
import { supportRepo as repo, toMessage, toSuggestion } from '../data/support.repo.js';
import { conversationNotFound } from './conversations.js';

const clamp = (v: number | null | undefined, lo: number, hi: number) => (v == null ? null : Math.min(hi, Math.max(lo, v)));

export class Assist {
  async recordAnalysis(ctx: Ctx, messageId: string, a: MessageAnalysis): Promise<MessageDto> {
    return inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const m = await tx.selectFrom('support_messages').selectAll().where('id', '=', messageId).executeTakeFirst();
      if (!m) throw notFound('support.message_not_found', 'message', messageId);
      const now = ctx.clock.now().toISOString();
      const set = {
        language: a.language ?? null, intent: a.intent ?? null, sentiment: clamp(a.sentiment, -1, 1), urgency: clamp(a.urgency, 0, 1),
        entities: a.entities ? JSON.stringify(a.entities) : null, analysed_at: now,
      };
      await tx.updateTable('support_messages').set(set).where('id', '=', messageId).execute();
      if (m.author_kind === 'customer') {
        // Only the newest customer message speaks for the conversation's current mood.
        const newer = await tx.selectFrom('support_messages').select('id').where('conversation_id', '=', m.conversation_id).where('author_kind', '=', 'customer')
          .where('analysed_at', 'is not', null).where('created_at', '>', m.created_at).limit(1).executeTakeFirst();
        if (!newer) {
          await tx.updateTable('support_conversations').set({ language: set.language, intent: set.intent, sentiment: set.sentiment, urgency: set.urgency })
            .where('id', '=', m.conversation_id).execute();
        }
      }
      await emit(t, SupportMessageAnalysed, m.conversation_id, {
        conversationId: m.conversation_id, messageId, language: set.language, intent: set.intent, sentiment: set.sentiment, urgency: set.urgency,
      });
      return toMessage({ ...m, ...set }, null);
    });
  }

  async addSuggestion(ctx: Ctx, conversationId: string, input: SuggestionInput): Promise<SuggestionDto> {
    return inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      if (!(await repo.conversation(tx, conversationId))) throw conversationNotFound(conversationId);
      const row = {
        id: newId('sugg'), conversation_id: conversationId, kind: input.kind, body: input.body, data: input.data ? JSON.stringify(input.data) : null,
        source: input.source, status: 'pending', created_at: ctx.clock.now().toISOString(),
      };
      await tx.insertInto('support_suggestions').values(row).execute();
      if (input.kind === 'handoff_summary') await tx.updateTable('support_conversations').set({ summary: input.body }).where('id', '=', conversationId).execute();
      await emit(t, SupportSuggestionAdded, conversationId, { conversationId, suggestionId: row.id, kind: input.kind, source: input.source });
      return toSuggestion(row);
    });
  }
}
