/**
 * The read side for staff: the inbox with its filters and the counts behind each filter, one
 * conversation with everything an agent needs, and the customer's context gathered through the
 * identity and orders front doors.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { decodeCursor, encodeCursor, type Ctx } from '../../../platform/index.js';
import type { ConversationDto, CustomerContextDto, InboxCounts, MessageDto } from '../contracts/schemas.js';
import type { InboxFilter } from '../contracts/service.js';
import { supportRepo as repo, toMessage, toNote, toSuggestion, toSummary } from '../data/support.repo.js';
import { actionsFor, DEFAULT_SLA, PRIORITIES, type ConversationStatus, type SlaTargets } from '../domain/status.js';
import { conversationNotFound } from './conversations.js';
import { StaffNames, type SupportUses } from './uses.js';

type Eb = ExpressionBuilder<any, any>;

const ACTIVE = ['open', 'pending'];

/** A LIKE pattern matching the text anywhere, with the user's own % and _ taken literally. */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export function sentimentLabel(score: number): string {
  return score <= -0.25 ? 'negative' : score >= 0.25 ? 'positive' : 'neutral';
}

export class Inbox {
  constructor(private uses: SupportUses, private sla: SlaTargets = DEFAULT_SLA) {}

  async list(ctx: Ctx, f: InboxFilter) {
    const me = ctx.actor.kind === 'staff' ? ctx.actor.id : null;
    const now = ctx.clock.now();
    const after = decodeCursor<{ t: string; i: string }>(f.cursor);
    const assignee = f.assignee === 'me' ? me : f.assignee;
    const rows = await ctx.db.selectFrom('support_conversations as c').selectAll('c')
      .$if(f.status === 'active', (b) => b.where('c.status', 'in', ACTIVE))
      .$if(!!f.status && f.status !== 'active', (b) => b.where('c.status', '=', f.status!))
      .$if(!!assignee, (b) => b.where('c.assignee_id', '=', assignee!))
      .$if(f.unassigned === true, (b) => b.where('c.assignee_id', 'is', null))
      .$if(f.unassigned === false, (b) => b.where('c.assignee_id', 'is not', null))
      .$if(f.escalated === true, (b) => b.where('c.escalated_at', 'is not', null))
      .$if(f.escalated === false, (b) => b.where('c.escalated_at', 'is', null))
      .$if(!!f.queue, (b) => b.where('c.queue', '=', f.queue!))
      .$if(!!f.priority, (b) => b.where('c.priority', '=', f.priority!))
      .$if(!!f.customerId, (b) => b.where('c.customer_id', '=', f.customerId!))
      .$if(!!f.q, (b) => b.where((eb) => this.matches(eb, f.q!)))
      .$if(!!after, (b) => b.where((eb) => eb.or([eb('c.last_message_at', '<', after!.t), eb.and([eb('c.last_message_at', '=', after!.t), eb('c.id', '<', after!.i)])])))
      .orderBy('c.last_message_at', 'desc').orderBy('c.id', 'desc').limit(f.limit + 1).execute();
    const items = rows.slice(0, f.limit).map((r) => toSummary(r, now, this.sla));
    const last = rows[f.limit - 1];
    return { items, nextCursor: rows.length > f.limit ? encodeCursor({ t: last.last_message_at, i: last.id }) : null, counts: await this.counts(ctx) };
  }

  private matches(eb: Eb, q: string): Expression<SqlBool> {
    const p = containsPattern(q.trim());
    const like = (col: string) => sql<SqlBool>`lower(coalesce(${sql.ref(col)}, '')) like ${p} escape '\\'`;
    return eb.or([
      like('c.email'), like('c.name'), like('c.subject'), eb('c.id', '=', q.trim()), eb('c.customer_id', '=', q.trim()),
      eb.exists(eb.selectFrom('support_messages as m').select('m.id').whereRef('m.conversation_id', '=', 'c.id').where(sql<SqlBool>`lower(m.body) like ${p} escape '\\'`)),
    ]);
  }

  /** How many conversations each inbox view holds; one pass over the table plus two small groupings. */
  async counts(ctx: Ctx): Promise<InboxCounts> {
    const me = ctx.actor.kind === 'staff' ? ctx.actor.id : '';
    const now = ctx.clock.now().getTime();
    const active = sql`status in ('open', 'pending')`;
    // Unanswered past the first-response target of its priority (cut-offs computed here, compared as ISO text).
    const breachedParts = PRIORITIES.map((p) => sql`(priority = ${p} and created_at < ${new Date(now - this.sla.firstResponse[p] * 60_000).toISOString()})`);
    const breached = sql`${active} and first_response_at is null and (${sql.join(breachedParts, sql` or `)})`;
    const count = (cond: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${cond} then 1 else 0 end), 0)`;
    const row = await ctx.db.selectFrom('support_conversations').select([
      sql<number>`count(*)`.as('all'),
      count(active).as('active'),
      count(sql`status = 'open'`).as('open'),
      count(sql`status = 'pending'`).as('pending'),
      count(sql`status = 'resolved'`).as('resolved'),
      count(sql`status = 'closed'`).as('closed'),
      count(sql`${active} and assignee_id = ${me}`).as('mine'),
      count(sql`${active} and assignee_id is null`).as('unassigned'),
      count(sql`${active} and escalated_at is not null`).as('escalated'),
      count(breached).as('breached'),
    ]).executeTakeFirstOrThrow();
    const group = async (col: 'queue' | 'priority') => {
      const rows = await ctx.db.selectFrom('support_conversations').select([col, sql<number>`count(*)`.as('n')]).where('status', 'in', ACTIVE).groupBy(col).execute();
      return Object.fromEntries(rows.map((r: any) => [r[col], Number(r.n)]));
    };
    const n = (v: unknown) => Number(v ?? 0);
    return {
      all: n(row.all), active: n(row.active), open: n(row.open), pending: n(row.pending), resolved: n(row.resolved), closed: n(row.closed),
      mine: n(row.mine), unassigned: n(row.unassigned), escalated: n(row.escalated), breached: n(row.breached),
      queues: await group('queue'), priorities: await group('priority'),
    };
  }

  async get(ctx: Ctx, id: string): Promise<ConversationDto> {
    const c = await repo.conversation(ctx.db, id);
    if (!c) throw conversationNotFound(id);
    const names = new StaffNames(this.uses, ctx);
    const messages: MessageDto[] = [];
    for (const m of await repo.messages(ctx.db, id)) {
      const name = m.author_kind === 'agent' ? await names.get(m.author_id) : m.author_kind === 'customer' ? c.name ?? c.email ?? null : null;
      messages.push(toMessage(m, name));
    }
    const notes = [];
    for (const n of await repo.notes(ctx.db, id)) {
      const staff = typeof n.author === 'string' && n.author.startsWith('staff:') ? n.author.slice(6) : null;
      notes.push(toNote(n, staff ? await names.get(staff) : null));
    }
    const suggestions = (await repo.suggestions(ctx.db, id)).map(toSuggestion);
    return {
      ...toSummary(c, ctx.clock.now(), this.sla), assigneeName: await names.get(c.assignee_id),
      messages, notes, suggestions, actions: actionsFor(c.status as ConversationStatus),
    };
  }

  async customerContext(ctx: Ctx, id: string): Promise<CustomerContextDto> {
    const c = await repo.conversation(ctx.db, id);
    if (!c) throw conversationNotFound(id);
    const customer = c.customer_id ? await this.uses.customers.get(ctx, c.customer_id).catch(() => null) : null;
    const email: string | null = customer?.email ?? c.email ?? null;
    const orders = c.customer_id
      ? (await this.uses.orders.listForCustomer(ctx, c.customer_id, { limit: 10 })).items
      : email ? (await this.uses.orders.list(ctx, { email, limit: 10 })).items : [];
    const value = await this.uses.orders.customerValue(ctx, c.customer_id ? { customerId: c.customer_id } : email ? { email } : {});

    // The newest reading of the customer's mood: this conversation's, else their latest analysed message anywhere.
    let sentiment: CustomerContextDto['sentiment'] = null;
    if (c.sentiment != null) {
      const at = await ctx.db.selectFrom('support_messages').select('analysed_at').where('conversation_id', '=', id).where('sentiment', 'is not', null)
        .orderBy('created_at', 'desc').limit(1).executeTakeFirst();
      sentiment = { score: Number(c.sentiment), label: sentimentLabel(Number(c.sentiment)), at: at?.analysed_at ?? null };
    } else if (c.customer_id || email) {
      const m = await ctx.db.selectFrom('support_messages as m').innerJoin('support_conversations as c', 'c.id', 'm.conversation_id')
        .select(['m.sentiment', 'm.analysed_at']).where('m.sentiment', 'is not', null).where('m.author_kind', '=', 'customer')
        .where((eb) => (c.customer_id ? eb('c.customer_id', '=', c.customer_id) : eb('c.email', '=', email)))
        .orderBy('m.created_at', 'desc').limit(1).executeTakeFirst();
      if (m) sentiment = { score: Number(m.sentiment), label: sentimentLabel(Number(m.sentiment)), at: m.analysed_at ?? null };
    }
    const conversations = await ctx.db.selectFrom('support_conversations').select(sql<number>`count(*)`.as('n'))
      .where((eb) => (c.customer_id ? eb('customer_id', '=', c.customer_id) : email ? eb('email', '=', email) : eb('id', '=', id)))
      .executeTakeFirstOrThrow();
    return {
      customer: customer ? { id: customer.id, email: customer.email, firstName: customer.firstName, lastName: customer.lastName, phone: customer.phone, status: customer.status, createdAt: customer.createdAt } : null,
      guest: customer ? null : { email, name: c.name ?? null },
      matchedBy: c.customer_id ? 'customer' : email ? 'email' : null,
      orders: orders.map((o) => ({
        id: o.id, displayNumber: o.displayNumber, status: o.status, paymentStatus: o.paymentStatus, fulfillmentStatus: o.fulfillmentStatus,
        total: o.total, currency: o.currency, itemCount: o.itemCount, placedAt: o.placedAt,
      })),
      orderCount: value.orders,
      lifetimeValue: value.totals,
      firstOrderAt: value.firstOrderAt, lastOrderAt: value.lastOrderAt,
      sentiment,
      conversations: Number(conversations.n),
    };
  }
}
