/** Row mappers and the few queries the support service shares between its use cases. */
import type { Db } from '../../../platform/index.js';
import type { CannedReplyDto, ConversationSummaryDto, MessageDto, NoteDto, SuggestionDto } from '../contracts/schemas.js';
import { DEFAULT_SLA, slaOf, type Priority, type SlaTargets } from '../domain/status.js';

const json = <T>(v: unknown): T | null => (v == null ? null : (typeof v === 'string' ? JSON.parse(v) : v) as T);
const num = (v: unknown): number | null => (v == null ? null : Number(v));

export type ConversationRow = Record<string, any>;

export function toSummary(r: ConversationRow, now: Date, targets: SlaTargets = DEFAULT_SLA): ConversationSummaryDto {
  const sla = slaOf({ createdAt: r.created_at, priority: r.priority as Priority, firstResponseAt: r.first_response_at ?? null, resolvedAt: r.resolved_at ?? null }, now, targets);
  return {
    id: r.id, channel: r.channel, status: r.status, priority: r.priority, queue: r.queue, tags: json<string[]>(r.tags) ?? [],
    customerId: r.customer_id ?? null, guest: r.customer_id == null, email: r.email ?? null, name: r.name ?? null, subject: r.subject ?? null,
    assigneeId: r.assignee_id ?? null, escalated: r.escalated_at != null, escalatedAt: r.escalated_at ?? null, escalationReason: r.escalation_reason ?? null,
    summary: r.summary ?? null, locale: r.locale ?? null,
    language: r.language ?? null, intent: r.intent ?? null, sentiment: num(r.sentiment), urgency: num(r.urgency),
    messageCount: Number(r.message_count), lastMessageAt: r.last_message_at, lastMessagePreview: r.last_message_preview, lastAuthorKind: r.last_author_kind,
    waitingSince: r.waiting_since ?? null, firstResponseAt: r.first_response_at ?? null, firstResponseDueAt: sla.firstResponseDueAt, slaBreached: sla.breached,
    resolutionDueAt: sla.resolutionDueAt, resolutionBreached: sla.resolutionBreached,
    phone: r.phone ?? null, vip: !!Number(r.vip ?? 0),
    customerSpend: r.customer_spend != null && r.spend_currency ? { amount: Number(r.customer_spend), currency: r.spend_currency } : null,
    routingReason: r.routing_reason ?? null, escalationRules: json<string[]>(r.escalation_rules) ?? [], reopenCount: Number(r.reopen_count ?? 0),
    resolvedAt: r.resolved_at ?? null, closedAt: r.closed_at ?? null, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export const toMessage = (r: Record<string, any>, name: string | null): MessageDto => ({
  id: r.id, conversationId: r.conversation_id, author: { kind: r.author_kind, id: r.author_id ?? null, name }, body: r.body, channel: r.channel, createdAt: r.created_at,
  language: r.language ?? null, intent: r.intent ?? null, sentiment: num(r.sentiment), urgency: num(r.urgency),
  entities: json(r.entities), analysedAt: r.analysed_at ?? null,
});

export const toNote = (r: Record<string, any>, authorName: string | null): NoteDto => ({
  id: r.id, conversationId: r.conversation_id, kind: r.kind, author: r.author, authorName, body: r.body, data: json(r.data), createdAt: r.created_at,
});

export const toSuggestion = (r: Record<string, any>): SuggestionDto => ({
  id: r.id, conversationId: r.conversation_id, kind: r.kind, body: r.body, data: json(r.data), source: r.source, status: r.status, createdAt: r.created_at,
});

export const toCanned = (r: Record<string, any>): CannedReplyDto => ({
  id: r.id, title: r.title, shortcut: r.shortcut ?? null, body: r.body, active: !!Number(r.active), createdAt: r.created_at, updatedAt: r.updated_at,
});

/** A preview of a message for the inbox list: one line, at most 140 characters. */
export const preview = (body: string): string => {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
};

export const supportRepo = {
  conversation(db: Db, id: string) {
    return db.selectFrom('support_conversations').selectAll().where('id', '=', id).executeTakeFirst();
  },
  messages(db: Db, conversationId: string, limit = 1000) {
    return db.selectFrom('support_messages').selectAll().where('conversation_id', '=', conversationId).orderBy('created_at').orderBy('id').limit(limit).execute();
  },
  notes(db: Db, conversationId: string) {
    return db.selectFrom('support_notes').selectAll().where('conversation_id', '=', conversationId).orderBy('created_at').orderBy('id').execute();
  },
  suggestions(db: Db, conversationId: string) {
    return db.selectFrom('support_suggestions').selectAll().where('conversation_id', '=', conversationId).orderBy('id', 'desc').limit(20).execute();
  },
};
