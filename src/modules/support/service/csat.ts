/**
 * CSAT: a survey offered after each resolution (in the chat widget, and by email when the
 * conversation has an address), answered once with 1–5 and a comment; and a prediction of
 * satisfaction for any conversation, open or resolved, from a model learnt on answered surveys
 * (or a transparent rule while there are few), with its reasons.
 */
import { conflict, newId, notFound } from '../../../kernel/index.js';
import { emit, inTransaction, withDb, type Ctx } from '../../../platform/index.js';
import { predictCsat, trainCsat, type CsatConversation, type CsatModel } from '../../../ai/ml/support/index.js';
import type { CsatSurveyDto } from '../contracts/schemas.js';
import type { CsatView } from '../contracts/service.js';
import { SupportCsatAnswered, SupportCsatRequested } from '../contracts/events.js';
import { supportRepo as repo, type ConversationRow } from '../data/support.repo.js';
import { guestTokenMatches, hashGuestToken, newGuestToken } from '../domain/guest-token.js';
import { escapeHtml } from '../domain/templates.js';
import { slaOf, type Priority, type SlaTargets } from '../domain/status.js';
import { conversationNotFound } from './conversations.js';
import type { SupportUses } from './uses.js';


const toSurvey = (r: any): CsatSurveyDto => ({
  id: r.id, channel: r.channel, rating: r.rating == null ? null : Number(r.rating), comment: r.comment ?? null, sentAt: r.sent_at, answeredAt: r.answered_at ?? null,
});

const minutes = (a: string, b: string) => Math.max(0, (Date.parse(b) - Date.parse(a)) / 60_000);

export class Csat {
  private model: { model: CsatModel; answered: number; at: number } | null = null;

  constructor(private uses: SupportUses, private sla: SlaTargets, private publicUrl: string | undefined) {}

  /** Offers a survey for a resolved conversation (once per resolution: an unanswered one is reused). */
  async request(t: Ctx, conversationId: string, eventId: string): Promise<void> {
    const c = await repo.conversation(t.db, conversationId);
    if (!c || c.status !== 'resolved') return;
    const open = await t.db.selectFrom('support_csat').select('id').where('conversation_id', '=', conversationId).where('answered_at', 'is', null).executeTakeFirst();
    if (open) return;
    const token = newGuestToken();
    const id = newId('csat');
    const channel = c.email ? 'email' : 'web';
    await t.db.insertInto('support_csat').values({
      id, conversation_id: conversationId, token_hash: hashGuestToken(token), channel, rating: null, comment: null, sent_at: t.clock.now().toISOString(), answered_at: null,
    }).execute();
    await emit(t, SupportCsatRequested, conversationId, { conversationId, surveyId: id, channel });
    if (c.email && this.uses.notifications) {
      const link = `${(this.publicUrl ?? '').replace(/\/$/, '')}/csat?token=${token}`;
      const text = `How did we do?\n\nYour conversation "${c.subject ?? 'with our support team'}" was resolved. Tell us how it went (1 to 5, one click and a comment if you like):\n${link}\n\nThank you!`;
      const html = `<p>How did we do?</p><p>Your conversation “${escapeHtml(c.subject ?? 'with our support team')}” was resolved. Tell us how it went:</p><p><a href="${escapeHtml(link)}">Rate this conversation</a></p><p>Thank you!</p>`;
      await this.uses.notifications.queueMessage(t, { kind: 'support_survey', eventId, to: c.email, subject: 'How did we do?', text, html });
    }
  }

  private async answer(ctx: Ctx, survey: any, input: { rating: number; comment?: string }): Promise<CsatSurveyDto> {
    return inTransaction(ctx.db, async (tx) => {
      const now = ctx.clock.now().toISOString();
      const res = await tx.updateTable('support_csat').set({ rating: input.rating, comment: input.comment?.trim() || null, answered_at: now })
        .where('id', '=', survey.id).where('answered_at', 'is', null).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('support.csat_answered', 'this survey has already been answered');
      await emit(withDb(ctx, tx), SupportCsatAnswered, survey.conversation_id, { conversationId: survey.conversation_id, surveyId: survey.id, rating: input.rating });
      return toSurvey({ ...survey, rating: input.rating, comment: input.comment?.trim() || null, answered_at: now });
    });
  }

  /** The survey behind an emailed link (404 for anything else). */
  async byToken(ctx: Ctx, token: string) {
    const s = await ctx.db.selectFrom('support_csat').selectAll().where('token_hash', '=', hashGuestToken(token)).executeTakeFirst();
    if (!s || !guestTokenMatches(s.token_hash, token)) throw notFound('support.csat_not_found', 'survey', 'this link');
    const c = await repo.conversation(ctx.db, s.conversation_id);
    return { survey: s, subject: (c?.subject as string | null) ?? null };
  }

  async answerByToken(ctx: Ctx, token: string, input: { rating: number; comment?: string }) {
    const { survey } = await this.byToken(ctx, token);
    return this.answer(ctx, survey, input);
  }

  /** The chat widget: the customer rates their own resolved conversation (they proved access already). */
  async answerForConversation(ctx: Ctx, conversationId: string, input: { rating: number; comment?: string }) {
    const s = await ctx.db.selectFrom('support_csat').selectAll().where('conversation_id', '=', conversationId).orderBy('sent_at', 'desc').limit(1).executeTakeFirst();
    if (!s) throw conflict('support.csat_not_requested', 'there is no survey for this conversation (it is rated after it is resolved)');
    return this.answer(ctx, s, input);
  }

  async latest(ctx: Ctx, conversationId: string): Promise<CsatSurveyDto | null> {
    const s = await ctx.db.selectFrom('support_csat').selectAll().where('conversation_id', '=', conversationId).orderBy('sent_at', 'desc').limit(1).executeTakeFirst();
    return s ? toSurvey(s) : null;
  }

  /** What the predictor reads of a conversation. */
  async features(ctx: Ctx, c: ConversationRow, at: string): Promise<CsatConversation> {
    const msgs = await ctx.db.selectFrom('support_messages').select(['author_kind', 'sentiment']).where('conversation_id', '=', c.id).orderBy('created_at').orderBy('id').execute();
    const sla = slaOf({ createdAt: c.created_at, priority: c.priority as Priority, firstResponseAt: c.first_response_at ?? null, resolvedAt: c.resolved_at ?? null }, new Date(at), this.sla);
    return {
      sentiments: msgs.filter((m: any) => m.author_kind === 'customer' && m.sentiment != null).map((m: any) => Number(m.sentiment)),
      firstResponseMinutes: c.first_response_at ? minutes(c.created_at, c.first_response_at) : null,
      resolutionMinutes: minutes(c.created_at, c.resolved_at ?? at),
      firstResponseBreached: sla.breached,
      reopenCount: Number(c.reopen_count ?? 0), escalationCount: Number(c.escalation_count ?? 0), resolved: c.status === 'resolved' || (c.status === 'closed' && !!c.resolved_at),
      agentMessages: msgs.filter((m: any) => m.author_kind === 'agent').length, customerMessages: msgs.filter((m: any) => m.author_kind === 'customer').length,
    };
  }

  /** The model, retrained when the number of answered surveys changed (at most once a minute). */
  private async currentModel(ctx: Ctx): Promise<CsatModel> {
    const row = await ctx.db.selectFrom('support_csat').select((eb) => eb.fn.countAll<number>().as('n')).where('answered_at', 'is not', null).executeTakeFirstOrThrow();
    const answered = Number(row.n);
    const nowMs = Date.now();
    if (this.model && (this.model.answered === answered || nowMs - this.model.at < 60_000)) return this.model.model;
    const rows = await ctx.db.selectFrom('support_csat as s').innerJoin('support_conversations as c', 'c.id', 's.conversation_id')
      .selectAll('c').select(['s.rating as csat_rating', 's.answered_at as csat_answered_at']).where('s.answered_at', 'is not', null)
      .orderBy('s.answered_at', 'desc').limit(5000).execute();
    const examples = [];
    for (const r of rows as any[]) examples.push({ conversation: await this.features(ctx, r, r.csat_answered_at), rating: Number(r.csat_rating) });
    const model = trainCsat(examples);
    this.model = { model, answered, at: nowMs };
    return model;
  }

  async view(ctx: Ctx, conversationId: string): Promise<CsatView> {
    const c = await repo.conversation(ctx.db, conversationId);
    if (!c) throw conversationNotFound(conversationId);
    const model = await this.currentModel(ctx);
    const prediction = predictCsat(model, await this.features(ctx, c, ctx.clock.now().toISOString()));
    return { survey: await this.latest(ctx, conversationId), prediction: { ...prediction, trainedOn: model.trainedOn, accuracy: model.accuracy } };
  }
}
