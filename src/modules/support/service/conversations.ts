/**
 * Conversations as the customer and the agent change them: start, write, reply, note, assign,
 * escalate, resolve, reopen, close. Each change is one transaction with its activity entry, its
 * audit row (staff) and its events. Counters and the SLA timestamps are written with SQL
 * expressions (`coalesce`, `+ 1`) so two racing writers cannot lose each other's change.
 */
import { sql } from 'kysely';
import { AppError, conflict, newId, notFound, validationError } from '../../../kernel/index.js';
import { actorRef, audit, emit, inTransaction, ROLE_PERMISSIONS, withDb, type Ctx, type Dialect } from '../../../platform/index.js';
import {
  SupportAgentReplied, SupportAssigned, SupportClosed, SupportConversationStarted, SupportConversationUpdated, SupportEscalated,
  SupportMessageReceived, SupportNoteAdded, SupportReopened, SupportResolved,
} from '../contracts/events.js';
import type { MessageDto, NoteDto, PublicConversationDto, PublicMessageDto } from '../contracts/schemas.js';
import type { EscalateInput, Priority, StartConversationInput } from '../contracts/service.js';
import { preview, supportRepo as repo, toMessage, toNote, type ConversationRow } from '../data/support.repo.js';
import { guestTokenMatches, hashGuestToken, newGuestToken } from '../domain/guest-token.js';
import { canMove, escalatedPriority, statusAfterCustomerMessage, type ConversationStatus } from '../domain/status.js';
import { StaffNames, type SupportUses } from './uses.js';

export const DEFAULT_QUEUE = 'general';
export const SENIOR_QUEUE = 'senior';

export const conversationNotFound = (id: string) => notFound('support.conversation_not_found', 'conversation', id);

const seconds = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** The staff id behind the context; support's staff actions always have one. */
function staffId(ctx: Ctx): string {
  if (ctx.actor.kind !== 'staff') throw new AppError('auth.forbidden', 'only staff may do this', 403);
  return ctx.actor.id;
}

export class Conversations {
  constructor(private uses: SupportUses, private dialect: Dialect) {}

  // ---------- store side ----------

  async start(ctx: Ctx, input: StartConversationInput) {
    const customerId = ctx.actor.kind === 'customer' ? ctx.actor.id : null;
    const customer = customerId ? await this.uses.customers.get(ctx, customerId) : null;
    const channel = input.channel ?? 'chat';
    const made = await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      if (customerId) {
        // Threaded per customer: a signed-in customer with a conversation still going writes into it.
        const existing = await tx.selectFrom('support_conversations').select('id').where('customer_id', '=', customerId)
          .where('channel', '=', channel).where('status', '!=', 'closed').orderBy('last_message_at', 'desc').limit(1).executeTakeFirst();
        if (existing) {
          await this.customerMessageIn(t, existing.id as string, input.message);
          return { id: existing.id as string, token: null, created: false };
        }
      }
      // The guest's secret is shown once; only its hash is kept.
      const token = customerId ? null : newGuestToken();
      const name = customer ? `${customer.firstName} ${customer.lastName}`.trim() || null : input.name?.trim() || null;
      const id = await this.createIn(t, {
        channel, customerId, guestTokenHash: token ? hashGuestToken(token) : null, email: customer?.email ?? input.email?.trim().toLowerCase() ?? null,
        name, subject: input.subject?.trim() || null, locale: input.locale ?? null,
      });
      await this.customerMessageIn(t, id, input.message);
      return { id, token, created: true };
    });
    return { conversation: await this.publicView(ctx, made.id), token: made.token, created: made.created };
  }

  /** Inserts a new open conversation (no message yet) in the caller's transaction and announces it. */
  async createIn(t: Ctx, f: {
    channel: string; customerId: string | null; guestTokenHash: string | null; email: string | null; phone?: string | null; name: string | null;
    subject: string | null; locale: string | null;
  }): Promise<string> {
    const now = t.clock.now().toISOString();
    const id = newId('conv');
    await t.db.insertInto('support_conversations').values({
      id, channel: f.channel, customer_id: f.customerId, guest_token_hash: f.guestTokenHash, email: f.email, phone: f.phone ?? null, name: f.name, subject: f.subject,
      status: 'open', priority: 'normal', queue: DEFAULT_QUEUE, tags: '[]', assignee_id: null,
      escalated_at: null, escalation_reason: null, escalation_count: 0, summary: null, locale: f.locale,
      language: null, intent: null, sentiment: null, urgency: null,
      message_count: 0, last_message_at: now, last_message_preview: '', last_author_kind: 'customer', waiting_since: null,
      first_response_at: null, resolved_at: null, closed_at: null, created_at: now, updated_at: now, escalation_rules: '[]', reopen_count: 0,
    }).execute();
    await emit(t, SupportConversationStarted, id, { conversationId: id, channel: f.channel, customerId: f.customerId, guest: !f.customerId, queue: DEFAULT_QUEUE });
    return id;
  }

  /** Opens a conversation for its customer: their session, or the guest's secret; anything else is a 404. */
  async openForCustomer(ctx: Ctx, id: string, token: string | undefined): Promise<ConversationRow> {
    const r = await repo.conversation(ctx.db, id);
    if (!r) throw conversationNotFound(id);
    const own = ctx.actor.kind === 'customer' && r.customer_id === ctx.actor.id;
    if (!own && !guestTokenMatches(r.guest_token_hash ?? null, token)) throw conversationNotFound(id);
    return r;
  }

  async getForCustomer(ctx: Ctx, id: string, token: string | undefined): Promise<PublicConversationDto> {
    await this.openForCustomer(ctx, id, token);
    return this.publicView(ctx, id);
  }

  async listForCustomer(ctx: Ctx) {
    if (ctx.actor.kind !== 'customer') return [];
    const rows = await ctx.db.selectFrom('support_conversations').selectAll().where('customer_id', '=', ctx.actor.id).orderBy('last_message_at', 'desc').limit(100).execute();
    return rows.map((r) => ({ id: r.id, status: r.status, subject: r.subject ?? null, lastMessageAt: r.last_message_at, lastMessagePreview: r.last_message_preview, createdAt: r.created_at }));
  }

  async postCustomerMessage(ctx: Ctx, id: string, token: string | undefined, body: string): Promise<PublicMessageDto> {
    await this.openForCustomer(ctx, id, token);
    const messageId = await inTransaction(ctx.db, (tx) => this.customerMessageIn(withDb(ctx, tx), id, body));
    const row = await ctx.db.selectFrom('support_messages').selectAll().where('id', '=', messageId).executeTakeFirstOrThrow();
    return { id: row.id, author: { kind: 'customer', name: null }, body: row.body, createdAt: row.created_at };
  }

  /** Adds a customer's message in the caller's transaction: the conversation waits on the store again. */
  async customerMessageIn(t: Ctx, id: string, body: string, externalId: string | null = null): Promise<string> {
    const c = await this.lock(t, id);
    if (c.status === 'closed') throw conflict('support.conversation_closed', 'this conversation is closed; start a new one');
    const now = t.clock.now().toISOString();
    const messageId = newId('msg');
    await t.db.insertInto('support_messages').values({
      id: messageId, conversation_id: id, author_kind: 'customer', author_id: c.customer_id ?? null, body, channel: c.channel,
      language: null, intent: null, sentiment: null, urgency: null, entities: null, analysed_at: null, created_at: now, external_id: externalId,
    }).execute();
    const reopened = c.status === 'resolved';
    await t.db.updateTable('support_conversations').set({
      status: statusAfterCustomerMessage(c.status as ConversationStatus), message_count: sql`message_count + 1`,
      last_message_at: now, last_message_preview: preview(body), last_author_kind: 'customer',
      waiting_since: sql`coalesce(waiting_since, ${now})`, resolved_at: reopened ? null : c.resolved_at ?? null, updated_at: now,
      ...(reopened ? { reopen_count: sql`coalesce(reopen_count, 0) + 1`, resolved_by: null } : {}),
    }).where('id', '=', id).execute();
    if (reopened) {
      await this.activity(t, id, 'Reopened by the customer writing back', { status: 'open' });
      await emit(t, SupportReopened, id, { conversationId: id, by: 'customer' });
    }
    await emit(t, SupportMessageReceived, id, { conversationId: id, messageId, channel: c.channel, customerId: c.customer_id ?? null, reopened });
    return messageId;
  }

  /** What the customer sees: their messages and the store's answers, never notes or analysis. */
  async publicView(ctx: Ctx, id: string): Promise<PublicConversationDto> {
    const c = await repo.conversation(ctx.db, id);
    if (!c) throw conversationNotFound(id);
    const names = new StaffNames(this.uses, ctx);
    const rows = await repo.messages(ctx.db, id, 500);
    const messages: PublicMessageDto[] = [];
    for (const m of rows) {
      // Customers see an agent's first name only.
      const name = m.author_kind === 'agent' ? ((await names.get(m.author_id))?.split(/\s+/)[0] ?? null) : null;
      messages.push({ id: m.id, author: { kind: m.author_kind, name }, body: m.body, createdAt: m.created_at });
    }
    const survey = await ctx.db.selectFrom('support_csat').select(['rating', 'answered_at']).where('conversation_id', '=', id).orderBy('sent_at', 'desc').limit(1).executeTakeFirst();
    return {
      id: c.id, channel: c.channel, status: c.status, subject: c.subject ?? null, email: c.email ?? null, name: c.name ?? null,
      createdAt: c.created_at, updatedAt: c.updated_at, messages,
      csat: survey ? { rating: survey.rating == null ? null : Number(survey.rating), answeredAt: survey.answered_at ?? null } : null,
    };
  }

  // ---------- staff side ----------

  /** Loads a conversation for change inside a transaction (locked on PostgreSQL). */
  private async lock(t: Ctx, id: string): Promise<ConversationRow> {
    const r = await t.db.selectFrom('support_conversations').selectAll().where('id', '=', id)
      .$if(this.dialect === 'postgres', (b) => b.forUpdate()).executeTakeFirst();
    if (!r) throw conversationNotFound(id);
    return r;
  }

  async reply(ctx: Ctx, id: string, input: { body: string; resolve?: boolean; suggestionId?: string }): Promise<MessageDto> {
    const agentId = staffId(ctx);
    const messageId = await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const c = await this.lock(t, id);
      if (c.status === 'closed') throw this.refused(c, 'reply');
      const now = ctx.clock.now().toISOString();
      const mid = newId('msg');
      await tx.insertInto('support_messages').values({
        id: mid, conversation_id: id, author_kind: 'agent', author_id: agentId, body: input.body, channel: c.channel,
        language: null, intent: null, sentiment: null, urgency: null, entities: null, analysed_at: null, created_at: now,
      }).execute();
      const firstResponse = c.first_response_at == null;
      // The first agent to answer an unassigned conversation takes it.
      const takes = c.assignee_id == null;
      await tx.updateTable('support_conversations').set({
        status: 'pending', message_count: sql`message_count + 1`, last_message_at: now, last_message_preview: preview(input.body), last_author_kind: 'agent',
        waiting_since: null, first_response_at: sql`coalesce(first_response_at, ${now})`, resolved_at: null, updated_at: now,
        ...(takes ? { assignee_id: agentId } : {}),
      }).where('id', '=', id).execute();
      if (input.suggestionId) {
        await tx.updateTable('support_suggestions').set({ status: 'used' }).where('id', '=', input.suggestionId).where('conversation_id', '=', id).execute();
      }
      await emit(t, SupportAgentReplied, id, { conversationId: id, messageId: mid, agentId, firstResponse, channel: c.channel });
      if (takes) {
        await this.activity(t, id, 'Assigned on reply', { assigneeId: agentId });
        await emit(t, SupportAssigned, id, { conversationId: id, assigneeId: agentId, previousAssigneeId: null });
      }
      await audit(t, { action: 'support.replied', entityType: 'support_conversation', entityId: id, after: { messageId: mid } });
      if (input.resolve) await this.resolveIn(t, id, undefined);
      return mid;
    });
    const row = await ctx.db.selectFrom('support_messages').selectAll().where('id', '=', messageId).executeTakeFirstOrThrow();
    return toMessage(row, await new StaffNames(this.uses, ctx).get(agentId));
  }

  async addNote(ctx: Ctx, id: string, body: string): Promise<NoteDto> {
    const authorId = staffId(ctx);
    const row = await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      await this.lock(t, id);
      const now = ctx.clock.now().toISOString();
      const r = { id: newId('snote'), conversation_id: id, kind: 'note', author: actorRef(ctx.actor), body, data: null, created_at: now };
      await tx.insertInto('support_notes').values(r).execute();
      await tx.updateTable('support_conversations').set({ updated_at: now }).where('id', '=', id).execute();
      await emit(t, SupportNoteAdded, id, { conversationId: id, noteId: r.id, authorId });
      await audit(t, { action: 'support.note_added', entityType: 'support_conversation', entityId: id, after: { noteId: r.id } });
      return r;
    });
    return toNote(row, await new StaffNames(this.uses, ctx).get(authorId));
  }

  async assign(ctx: Ctx, id: string, assigneeId: string | null): Promise<void> {
    const me = staffId(ctx);
    const target = assigneeId === 'me' ? me : assigneeId;
    const name = target ? await this.checkAgent(ctx, target, 'body.assigneeId') : null;
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const c = await this.lock(t, id);
      if (c.status === 'closed') throw this.refused(c, 'assign');
      if ((c.assignee_id ?? null) === target) return;
      await tx.updateTable('support_conversations').set({ assignee_id: target, updated_at: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
      await this.activity(t, id, target ? `Assigned to ${name}` : 'Unassigned', { assigneeId: target, previousAssigneeId: c.assignee_id ?? null });
      await emit(t, SupportAssigned, id, { conversationId: id, assigneeId: target, previousAssigneeId: c.assignee_id ?? null });
      await audit(t, { action: 'support.assigned', entityType: 'support_conversation', entityId: id, before: { assigneeId: c.assignee_id ?? null }, after: { assigneeId: target } });
    });
  }

  async escalate(ctx: Ctx, id: string, input: EscalateInput): Promise<void> {
    staffId(ctx);
    const agentName = input.assigneeId ? await this.checkAgent(ctx, input.assigneeId, 'body.assigneeId') : null;
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const c = await this.lock(t, id);
      if (c.status === 'closed') throw this.refused(c, 'escalate');
      const now = ctx.clock.now().toISOString();
      // To a named agent the queue stays unless one is given; otherwise it goes to the senior queue.
      const queue = input.queue ?? (input.assigneeId ? c.queue : SENIOR_QUEUE);
      const assigneeId = input.assigneeId ?? (queue !== c.queue ? null : c.assignee_id ?? null);
      const priority = escalatedPriority(c.priority as Priority);
      const count = Number(c.escalation_count) + 1;
      await tx.updateTable('support_conversations').set({
        queue, assignee_id: assigneeId, priority, escalated_at: now, escalation_reason: input.reason, escalation_count: count,
        ...(input.summary ? { summary: input.summary } : {}),
        ...(c.status === 'resolved' ? { status: 'open', resolved_at: null } : {}), updated_at: now,
      }).where('id', '=', id).execute();
      const to = agentName ? `${agentName}${input.queue ? ` (${queue})` : ''}` : `the ${queue} queue`;
      await this.activity(t, id, `Escalated to ${to}: ${input.reason}`, { queue, assigneeId, reason: input.reason, summary: input.summary ?? null });
      await emit(t, SupportEscalated, id, { conversationId: id, reason: input.reason, queue, assigneeId, priority, escalationCount: count });
      if (assigneeId !== (c.assignee_id ?? null)) await emit(t, SupportAssigned, id, { conversationId: id, assigneeId, previousAssigneeId: c.assignee_id ?? null });
      await audit(t, {
        action: 'support.escalated', entityType: 'support_conversation', entityId: id,
        before: { queue: c.queue, assigneeId: c.assignee_id ?? null, priority: c.priority }, after: { queue, assigneeId, priority, reason: input.reason },
      });
    });
  }

  async resolve(ctx: Ctx, id: string, note?: string): Promise<void> {
    staffId(ctx);
    await inTransaction(ctx.db, (tx) => this.resolveIn(withDb(ctx, tx), id, note));
  }

  private async resolveIn(t: Ctx, id: string, note: string | undefined): Promise<void> {
    const c = await this.lock(t, id);
    if (!canMove(c.status as ConversationStatus, 'resolved')) throw this.refused(c, 'resolve');
    const now = t.clock.now().toISOString();
    await t.db.updateTable('support_conversations').set({ status: 'resolved', resolved_at: now, resolved_by: actorRef(t.actor), waiting_since: null, updated_at: now }).where('id', '=', id).execute();
    await this.activity(t, id, note ? `Resolved: ${note}` : 'Resolved', { status: 'resolved' });
    const after = await repo.conversation(t.db, id);
    await emit(t, SupportResolved, id, {
      conversationId: id, resolvedBy: actorRef(t.actor),
      firstResponseSeconds: after?.first_response_at ? seconds(c.created_at, after.first_response_at) : null, resolutionSeconds: seconds(c.created_at, now),
    });
    await audit(t, { action: 'support.resolved', entityType: 'support_conversation', entityId: id, before: { status: c.status }, after: { status: 'resolved' } });
  }

  async reopen(ctx: Ctx, id: string): Promise<void> {
    staffId(ctx);
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const c = await this.lock(t, id);
      if (c.status !== 'resolved') throw this.refused(c, 'reopen');
      const now = ctx.clock.now().toISOString();
      await tx.updateTable('support_conversations').set({ status: 'open', resolved_at: null, resolved_by: null, reopen_count: sql`coalesce(reopen_count, 0) + 1`, updated_at: now }).where('id', '=', id).execute();
      await this.activity(t, id, 'Reopened', { status: 'open' });
      await emit(t, SupportReopened, id, { conversationId: id, by: 'staff' });
      await audit(t, { action: 'support.reopened', entityType: 'support_conversation', entityId: id, before: { status: c.status }, after: { status: 'open' } });
    });
  }

  async close(ctx: Ctx, id: string): Promise<void> {
    staffId(ctx);
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const c = await this.lock(t, id);
      if (!canMove(c.status as ConversationStatus, 'closed')) throw this.refused(c, 'close');
      const now = ctx.clock.now().toISOString();
      await tx.updateTable('support_conversations').set({ status: 'closed', closed_at: now, waiting_since: null, updated_at: now }).where('id', '=', id).execute();
      await this.activity(t, id, 'Closed', { status: 'closed' });
      await emit(t, SupportClosed, id, { conversationId: id });
      await audit(t, { action: 'support.closed', entityType: 'support_conversation', entityId: id, before: { status: c.status }, after: { status: 'closed' } });
    });
  }

  async update(ctx: Ctx, id: string, patch: { priority?: Priority; queue?: string; tags?: string[]; subject?: string | null }): Promise<void> {
    staffId(ctx);
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const c = await this.lock(t, id);
      const set: Record<string, unknown> = {};
      if (patch.priority !== undefined && patch.priority !== c.priority) set.priority = patch.priority;
      if (patch.queue !== undefined && patch.queue !== c.queue) set.queue = patch.queue;
      if (patch.subject !== undefined && (patch.subject?.trim() || null) !== (c.subject ?? null)) set.subject = patch.subject?.trim() || null;
      if (patch.tags !== undefined) {
        const tags = JSON.stringify([...new Set(patch.tags.map((x) => x.trim().toLowerCase()).filter(Boolean))].sort());
        if (tags !== c.tags) set.tags = tags;
      }
      const fields = Object.keys(set);
      if (!fields.length) return;
      await tx.updateTable('support_conversations').set({ ...set, updated_at: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
      await this.activity(t, id, `Changed ${fields.join(', ')}`, set);
      await emit(t, SupportConversationUpdated, id, { conversationId: id, fields });
      await audit(t, {
        action: 'support.updated', entityType: 'support_conversation', entityId: id,
        before: Object.fromEntries(fields.map((f) => [f, c[f]])), after: set,
      });
    });
  }

  /** A staff member who can work support conversations, by id; their name. */
  private async checkAgent(ctx: Ctx, id: string, field: string): Promise<string> {
    const bad = () => validationError(`${id} is not an active staff member who can answer support`, [{ field, message: 'must be an active staff member with support:write' }]);
    const s = await this.uses.staff.get(ctx, id).catch(() => { throw bad(); });
    if (s.status !== 'active' || !ROLE_PERMISSIONS[s.role as keyof typeof ROLE_PERMISSIONS]?.has('support:write')) throw bad();
    return s.name;
  }

  private refused(c: ConversationRow, action: string) {
    return conflict('support.invalid_transition', `cannot ${action} a conversation that is ${c.status}`, { status: c.status, action });
  }

  private async activity(t: Ctx, conversationId: string, body: string, data: Record<string, unknown>): Promise<void> {
    await t.db.insertInto('support_notes').values({
      id: newId('snote'), conversation_id: conversationId, kind: 'activity', author: actorRef(t.actor), body, data: JSON.stringify(data), created_at: t.clock.now().toISOString(),
    }).execute();
  }
}
