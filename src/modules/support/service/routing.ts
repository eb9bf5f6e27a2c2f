/**
 * The router: after a customer message is understood, it chooses the conversation's queue (the
 * first time), raises its priority when the reading calls for it, and gives it to the agent with
 * the right skills and the least load. The escalation sweep (a schedule) applies the escalation
 * rules and hands out conversations still waiting for an agent. Everything here runs as the
 * system, inside the caller's transaction, with an activity entry and events for each change.
 */
import { sql } from 'kysely';
import { newId } from '../../../kernel/index.js';
import { actorRef, emit, type Ctx, type Dialect } from '../../../platform/index.js';
import { SupportAssigned, SupportEscalated, SupportRouted } from '../contracts/events.js';
import type { ConversationRow } from '../data/support.repo.js';
import { pickAgent, type AgentSkills } from '../domain/assignment.js';
import { dueEscalation } from '../domain/escalation.js';
import { maxPriority, route } from '../domain/routing.js';
import { slaOf, type Priority, type SlaTargets } from '../domain/status.js';
import type { Agents } from './agents.js';
import { DEFAULT_QUEUE } from './conversations.js';
import type { SupportUses } from './uses.js';

export interface RouterOptions { sla: SlaTargets; vipSpend: number; storeLanguage: string }

const ACTIVE = ['open', 'pending'];

export class Router {
  constructor(private uses: SupportUses, private agents: Agents, private dialect: Dialect, private opts: RouterOptions) {}

  private async lock(t: Ctx, id: string): Promise<ConversationRow | undefined> {
    return t.db.selectFrom('support_conversations').selectAll().where('id', '=', id).$if(this.dialect === 'postgres', (b) => b.forUpdate()).executeTakeFirst();
  }

  private async activity(t: Ctx, conversationId: string, body: string, data: Record<string, unknown>) {
    await t.db.insertInto('support_notes').values({
      id: newId('snote'), conversation_id: conversationId, kind: 'activity', author: actorRef(t.actor), body,
      data: JSON.stringify(data), created_at: t.clock.now().toISOString(),
    }).execute();
  }

  /** The customer's spend in their main currency (the largest total), by account or by email. */
  private async spend(t: Ctx, c: ConversationRow): Promise<{ amount: number; currency: string } | null> {
    const who = c.customer_id ? { customerId: c.customer_id as string } : c.email ? { email: c.email as string } : null;
    if (!who) return null;
    const v = await this.uses.orders.customerValue(t, who);
    const top = v.totals[0];
    return top ? { amount: top.amount, currency: top.currency } : { amount: 0, currency: '' };
  }

  /** Routes a conversation from its newest reading (called after each customer message is analysed). */
  async routeAfterAnalysis(t: Ctx, conversationId: string): Promise<void> {
    const c = await this.lock(t, conversationId);
    if (!c || !ACTIVE.includes(c.status)) return;
    const spend = await this.spend(t, c);
    const d = route({
      intent: c.intent ?? null, language: c.language ?? null, sentiment: c.sentiment == null ? null : Number(c.sentiment), urgency: c.urgency == null ? null : Number(c.urgency),
      spend: spend && spend.currency ? spend.amount : null, vipSpend: this.opts.vipSpend, storeLanguage: this.opts.storeLanguage,
    });
    // The queue is chosen once, and only while nobody else has placed the conversation.
    const placeQueue = c.routed_at == null && c.queue === DEFAULT_QUEUE && c.escalated_at == null && c.assignee_id == null;
    const queue = placeQueue ? d.queue : c.queue;
    const priority = maxPriority(c.priority as Priority, d.priority);
    const vip = d.vip || !!Number(c.vip);
    const changed = queue !== c.queue || priority !== c.priority || vip !== !!Number(c.vip) || c.routed_at == null;
    if (!changed) return;
    const now = t.clock.now().toISOString();
    const reason = `${queue}, ${priority}: ${d.reasons.join(', ')}`;
    await t.db.updateTable('support_conversations').set({
      queue, priority, vip: vip ? 1 : 0, routed_at: c.routed_at ?? now, routing_reason: reason,
      customer_spend: spend?.currency ? spend.amount : null, spend_currency: spend?.currency || null, updated_at: now,
    }).where('id', '=', conversationId).execute();
    await this.activity(t, conversationId, `Routed to ${reason}`, { queue, priority, vip, reasons: d.reasons });
    const assigneeId = c.assignee_id ? null : await this.assignIn(t, { ...c, queue }, false);
    await emit(t, SupportRouted, conversationId, { conversationId, queue, priority, vip, reasons: d.reasons, assigneeId });
  }

  /** Gives an unassigned conversation to the best agent with room; returns who, or null. */
  private async assignIn(t: Ctx, c: ConversationRow, leadsOnly: boolean, pool?: AgentSkills[]): Promise<string | null> {
    const agents = pool ?? (await this.agents.forAssignment(t));
    const agent = pickAgent(agents, { queue: c.queue, language: c.language ?? null, leadsOnly });
    if (!agent) return null;
    await t.db.updateTable('support_conversations').set({ assignee_id: agent.staffId, updated_at: t.clock.now().toISOString() }).where('id', '=', c.id).execute();
    agent.load++;
    await this.activity(t, c.id, `Assigned to ${agent.name} (skills and load)`, { assigneeId: agent.staffId, previousAssigneeId: c.assignee_id ?? null, automatic: true });
    await emit(t, SupportAssigned, c.id, { conversationId: c.id, assigneeId: agent.staffId, previousAssigneeId: c.assignee_id ?? null });
    return agent.staffId;
  }

  /**
   * The schedule's pass: escalation rules on active conversations (each rule once per
   * conversation), then conversations still unassigned go to agents with room, oldest first.
   */
  async sweep(t: Ctx): Promise<{ escalated: number; assigned: number }> {
    const now = t.clock.now();
    let escalated = 0;
    let assigned = 0;
    const pool = await this.agents.forAssignment(t);
    const rows = await t.db.selectFrom('support_conversations').selectAll().where('status', 'in', ACTIVE).orderBy('created_at').limit(2000).execute();
    for (const r of rows) {
      const sla = slaOf({ createdAt: r.created_at, priority: r.priority as Priority, firstResponseAt: r.first_response_at ?? null, resolvedAt: null }, now, this.opts.sla);
      const applied: string[] = JSON.parse(r.escalation_rules ?? '[]');
      const rule = dueEscalation({
        sentiment: r.sentiment == null ? null : Number(r.sentiment), vip: !!Number(r.vip), firstResponseAt: r.first_response_at ?? null,
        firstResponseDueAt: sla.firstResponseDueAt, resolutionDueAt: sla.resolutionDueAt, status: r.status, applied,
      }, now);
      if (rule) {
        const c = await this.lock(t, r.id);
        if (!c || JSON.stringify(JSON.parse(c.escalation_rules ?? '[]')) !== JSON.stringify(applied)) continue;
        const priority = maxPriority(c.priority as Priority, rule.priority);
        const count = Number(c.escalation_count) + 1;
        const at = now.toISOString();
        // To a lead: the current holder keeps it only when they are a lead themselves.
        const holderIsLead = !!c.assignee_id && pool.some((a) => a.staffId === c.assignee_id && a.lead);
        const keep = rule.toLead ? holderIsLead : true;
        await t.db.updateTable('support_conversations').set({
          queue: rule.queue, priority, escalated_at: at, escalation_reason: rule.reason, escalation_count: count,
          escalation_rules: JSON.stringify([...applied, rule.name]), assignee_id: keep ? c.assignee_id ?? null : null, updated_at: at,
        }).where('id', '=', c.id).execute();
        await this.activity(t, c.id, `Escalated to the ${rule.queue} queue by rule: ${rule.reason}`, { rule: rule.name, queue: rule.queue, priority });
        let assigneeId: string | null = keep ? c.assignee_id ?? null : null;
        if (!keep && c.assignee_id) await emit(t, SupportAssigned, c.id, { conversationId: c.id, assigneeId: null, previousAssigneeId: c.assignee_id });
        if (!assigneeId) {
          const prev = pool.find((a) => a.staffId === c.assignee_id);
          if (prev && !keep) prev.load--;
          assigneeId = await this.assignIn(t, { ...c, queue: rule.queue, assignee_id: null }, rule.toLead, pool);
        }
        await emit(t, SupportEscalated, c.id, { conversationId: c.id, reason: rule.reason, queue: rule.queue, assigneeId, priority, escalationCount: count });
        escalated++;
        continue;
      }
      if (r.assignee_id == null && r.status === 'open') {
        const c = await this.lock(t, r.id);
        if (c && c.assignee_id == null && (await this.assignIn(t, c, false, pool))) assigned++;
      }
    }
    return { escalated, assigned };
  }

  /** Counts for the console: active conversations per queue with their oldest wait. */
  async queues(t: Ctx) {
    const rows = await t.db.selectFrom('support_conversations').select([
      'queue', sql<number>`count(*)`.as('n'), sql<number>`sum(case when assignee_id is null then 1 else 0 end)`.as('unassigned'),
      sql<string>`min(waiting_since)`.as('oldest'),
    ]).where('status', 'in', ACTIVE).groupBy('queue').orderBy('queue').execute();
    return rows.map((r: any) => ({ queue: r.queue as string, active: Number(r.n), unassigned: Number(r.unassigned ?? 0), oldestWaitingSince: (r.oldest as string | null) ?? null }));
  }
}

