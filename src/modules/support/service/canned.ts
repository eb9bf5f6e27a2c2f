/** Canned replies: a small library of answers with placeholders, rendered for one conversation. */
import { conflict, newId, notFound } from '../../../kernel/index.js';
import { audit, emit, inTransaction, isUniqueViolation, withDb, type Ctx } from '../../../platform/index.js';
import { SupportCannedReplyChanged } from '../contracts/events.js';
import type { CannedReplyDto } from '../contracts/schemas.js';
import { supportRepo as repo, toCanned } from '../data/support.repo.js';
import { renderTemplate } from '../domain/templates.js';
import { conversationNotFound } from './conversations.js';
import type { SupportUses } from './uses.js';

const shortcutTaken = (s: string | null | undefined) => conflict('support.shortcut_taken', `a canned reply with shortcut ${s} already exists`, { field: 'body.shortcut' });

export class CannedReplies {
  constructor(private uses: SupportUses) {}

  async list(ctx: Ctx, q: { q?: string; active?: boolean }): Promise<CannedReplyDto[]> {
    const rows = await ctx.db.selectFrom('support_canned_replies').selectAll()
      .$if(q.active !== undefined, (b) => b.where('active', '=', q.active ? 1 : 0))
      .orderBy('title').orderBy('id').limit(500).execute();
    const needle = q.q?.trim().toLowerCase();
    return rows.map(toCanned).filter((c) => !needle || `${c.title} ${c.shortcut ?? ''} ${c.body}`.toLowerCase().includes(needle));
  }

  async get(ctx: Ctx, id: string): Promise<CannedReplyDto> {
    const r = await ctx.db.selectFrom('support_canned_replies').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('support.canned_reply_not_found', 'canned reply', id);
    return toCanned(r);
  }

  async create(ctx: Ctx, input: { title: string; shortcut?: string | null; body: string; active?: boolean }): Promise<CannedReplyDto> {
    const now = ctx.clock.now().toISOString();
    const row = { id: newId('canned'), title: input.title.trim(), shortcut: input.shortcut ?? null, body: input.body, active: input.active === false ? 0 : 1, created_at: now, updated_at: now };
    try {
      await inTransaction(ctx.db, async (tx) => {
        const t = withDb(ctx, tx);
        await tx.insertInto('support_canned_replies').values(row).execute();
        await emit(t, SupportCannedReplyChanged, row.id, { cannedReplyId: row.id, change: 'created' });
        await audit(t, { action: 'support.canned_reply_created', entityType: 'support_canned_reply', entityId: row.id, after: toCanned(row) });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw shortcutTaken(input.shortcut);
      throw e;
    }
    return toCanned(row);
  }

  async update(ctx: Ctx, id: string, patch: { title?: string; shortcut?: string | null; body?: string; active?: boolean }): Promise<CannedReplyDto> {
    try {
      return await inTransaction(ctx.db, async (tx) => {
        const t = withDb(ctx, tx);
        const before = await this.get(t, id);
        const set: Record<string, unknown> = { updated_at: ctx.clock.now().toISOString() };
        if (patch.title !== undefined) set.title = patch.title.trim();
        if (patch.shortcut !== undefined) set.shortcut = patch.shortcut;
        if (patch.body !== undefined) set.body = patch.body;
        if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
        await tx.updateTable('support_canned_replies').set(set).where('id', '=', id).execute();
        const after = await this.get(t, id);
        await emit(t, SupportCannedReplyChanged, id, { cannedReplyId: id, change: 'updated' });
        await audit(t, { action: 'support.canned_reply_updated', entityType: 'support_canned_reply', entityId: id, before, after });
        return after;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw shortcutTaken(patch.shortcut);
      throw e;
    }
  }

  async delete(ctx: Ctx, id: string): Promise<void> {
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.get(t, id);
      await tx.deleteFrom('support_canned_replies').where('id', '=', id).execute();
      await emit(t, SupportCannedReplyChanged, id, { cannedReplyId: id, change: 'deleted' });
      await audit(t, { action: 'support.canned_reply_deleted', entityType: 'support_canned_reply', entityId: id, before });
    });
  }

  /** Fills a canned reply for a conversation: the customer's names, the agent's, their latest order. */
  async render(ctx: Ctx, cannedId: string, conversationId: string) {
    const canned = await this.get(ctx, cannedId);
    const c = await repo.conversation(ctx.db, conversationId);
    if (!c) throw conversationNotFound(conversationId);
    const customer = c.customer_id ? await this.uses.customers.get(ctx, c.customer_id).catch(() => null) : null;
    const guestFirst = (c.name as string | null)?.trim().split(/\s+/)[0] ?? null;
    const agent = ctx.actor.kind === 'staff' ? await this.uses.staff.get(ctx, ctx.actor.id).catch(() => null) : null;
    const latest = c.customer_id ? (await this.uses.orders.listForCustomer(ctx, c.customer_id, { limit: 1 })).items[0] : undefined;
    return renderTemplate(canned.body, {
      'customer.firstName': customer?.firstName ?? guestFirst,
      'customer.lastName': customer?.lastName ?? null,
      'customer.name': customer ? `${customer.firstName} ${customer.lastName}`.trim() : c.name ?? null,
      'customer.email': customer?.email ?? c.email ?? null,
      'agent.name': agent?.name ?? null,
      'agent.firstName': agent?.name.split(/\s+/)[0] ?? null,
      'conversation.id': c.id,
      'order.number': latest?.displayNumber ?? null,
    });
  }
}
