/**
 * The seams the support assistant plugs into: message understanding is recorded on the message
 * (and the conversation keeps the customer's newest reading), and suggestions — draft replies,
 * hand-off summaries — are offered to agents without ever reaching the customer on their own.
 */
import { sql } from 'kysely';
import { conflict, newId, notFound } from '../../../kernel/index.js';
import { actorRef, emit, inTransaction, withDb, type Ctx } from '../../../platform/index.js';
import { SupportAssistantReplied, SupportEscalated, SupportMessageAnalysed, SupportSuggestionAdded } from '../contracts/events.js';
import type { MessageDto, SuggestionDto } from '../contracts/schemas.js';
import type { AssistantHandOffInput, AssistantReplyInput, MessageAnalysis, SuggestionInput } from '../contracts/service.js';
import { preview, supportRepo as repo, toMessage, toSuggestion } from '../data/support.repo.js';
import { escalatedPriority, type Priority } from '../domain/status.js';
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

  /**
   * The assistant answers the customer: a message by `assistant` that the customer sees. The
   * conversation then waits on the customer (pending), and counts as answered for the SLA clock.
   */
  async assistantReply(ctx: Ctx, conversationId: string, input: AssistantReplyInput): Promise<MessageDto> {
    return inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const c = await repo.conversation(tx, conversationId);
      if (!c) throw conversationNotFound(conversationId);
      if (c.status === 'closed') throw conflict('support.conversation_closed', 'this conversation is closed');
      const now = ctx.clock.now().toISOString();
      const row = {
        id: newId('msg'), conversation_id: conversationId, author_kind: 'assistant', author_id: input.source, body: input.body, channel: c.channel,
        language: input.language ?? null, intent: null, sentiment: null, urgency: null, entities: null, analysed_at: null, created_at: now,
      };
      await tx.insertInto('support_messages').values(row).execute();
      await tx.updateTable('support_conversations').set({
        status: input.resolve ? 'resolved' : 'pending', message_count: sql`message_count + 1`, last_message_at: now, last_message_preview: preview(input.body),
        last_author_kind: 'assistant', waiting_since: null, first_response_at: sql`coalesce(first_response_at, ${now})`,
        resolved_at: input.resolve ? now : null, updated_at: now,
      }).where('id', '=', conversationId).execute();
      await emit(t, SupportAssistantReplied, conversationId, { conversationId, messageId: row.id, source: input.source, settled: !!input.settled, resolved: !!input.resolve });
      return toMessage(row, null);
    });
  }

  /**
   * The assistant hands the conversation to people: escalated (priority raised, reason and
   * summary kept) in its queue or the one named, unassigned unless someone already holds it.
   */
  async assistantHandOff(ctx: Ctx, conversationId: string, input: AssistantHandOffInput): Promise<void> {
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const c = await repo.conversation(tx, conversationId);
      if (!c) throw conversationNotFound(conversationId);
      if (c.status === 'closed') throw conflict('support.conversation_closed', 'this conversation is closed');
      const now = ctx.clock.now().toISOString();
      const queue = input.queue ?? c.queue;
      const priority = escalatedPriority(c.priority as Priority);
      const count = Number(c.escalation_count) + 1;
      await tx.updateTable('support_conversations').set({
        queue, priority, escalated_at: now, escalation_reason: input.reason, escalation_count: count, summary: input.summary,
        ...(c.status !== 'open' ? { status: 'open', resolved_at: null } : {}), waiting_since: sql`coalesce(waiting_since, ${now})`, updated_at: now,
      }).where('id', '=', conversationId).execute();
      await tx.insertInto('support_notes').values({
        id: newId('snote'), conversation_id: conversationId, kind: 'activity', author: actorRef(ctx.actor), body: `Handed off by the assistant: ${input.reason}`,
        data: JSON.stringify({ queue, reason: input.reason, summary: input.summary }), created_at: now,
      }).execute();
      await emit(t, SupportEscalated, conversationId, { conversationId, reason: input.reason, queue, assigneeId: c.assignee_id ?? null, priority, escalationCount: count });
    });
  }
}
