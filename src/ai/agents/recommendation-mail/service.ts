/**
 * Recommendation mail campaigns: staff pick a segment; the campaign captures its members, then a
 * job works through them in batches — each batch commits, so progress shows as it goes — asking
 * the recommender for each customer's picks (with reasons) and queueing one email per customer
 * through the notifications outbox. Customers without marketing consent, disabled accounts and
 * customers with nothing to recommend are skipped with the reason. Idempotent per campaign: each
 * recipient is processed once and the outbox holds one message per (campaign, customer).
 */
import { newId, notFound, validationError } from '../../../kernel/index.js';
import { audit, enqueueJob, inTransaction, withDb, type Ctx, type Logger } from '../../../platform/index.js';
import type { CustomersService } from '../../../modules/identity/index.js';
import type { NotificationsService } from '../../../modules/notifications/index.js';
import type { OrdersService } from '../../../modules/orders/index.js';
import type { RecommendationList } from '../../recommendations/index.js';
import { composeRecommendationMail, languageOf } from './compose.js';
import { computeSegments, type Segmentation } from './segments.js';

export const CAMPAIGN_JOB = 'recommendation_mail.batch';
export const MAIL_KIND = 'product_recommendations';
const BATCH = 50;
const PICKS = 4;
const SEGMENT_CACHE_MS = 60_000;

export type CampaignStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface CampaignDto {
  id: string; segment: string; status: CampaignStatus;
  total: number; processed: number; queued: number; skipped: number;
  /** Share done, 0–100. */
  percent: number;
  error: string | null; createdBy: string; createdAt: string; startedAt: string | null; finishedAt: string | null;
}

export interface RecipientDto { customerId: string; status: 'pending' | 'queued' | 'skipped'; reason: string | null; notificationId: string | null; items: number }

const toDto = (r: any): CampaignDto => {
  const total = Number(r.total), processed = Number(r.processed);
  return {
    id: r.id, segment: r.segment, status: r.status, total, processed, queued: Number(r.queued), skipped: Number(r.skipped),
    percent: r.status === 'completed' ? 100 : total ? Math.floor((processed / total) * 100) : 0,
    error: r.error ?? null, createdBy: r.created_by, createdAt: r.created_at, startedAt: r.started_at ?? null, finishedAt: r.finished_at ?? null,
  };
};

export interface RecommendationMailDeps {
  orders: Pick<OrdersService, 'scan'>;
  customers: Pick<CustomersService, 'get'>;
  notifications: Pick<NotificationsService, 'queueMessage'>;
  recommend(ctx: Ctx, customerId: string, limit: number): Promise<RecommendationList>;
  storeUrl: string;
  log: Logger;
  /** Recipients mailed per step (each step commits, so progress moves in steps of this size). */
  batchSize?: number;
  /** 'caller': steps are not enqueued as jobs; whoever holds the service calls `step` (scripts, tests). */
  runSteps?: 'job' | 'caller';
}

export class RecommendationMail {
  private cache?: { at: number; value: Segmentation };

  constructor(private deps: RecommendationMailDeps) {}

  /** The segments staff can choose from (recomputed at most once a minute). */
  async segments(ctx: Ctx, fresh = false): Promise<Segmentation> {
    const now = Date.now();
    if (!fresh && this.cache && now - this.cache.at < SEGMENT_CACHE_MS) return this.cache.value;
    const value = await computeSegments(ctx, this.deps.orders);
    this.cache = { at: now, value };
    return value;
  }

  async create(ctx: Ctx, input: { segment: string }): Promise<CampaignDto> {
    const seg = await this.segments(ctx);
    if (!seg.segments.some((s) => s.name === input.segment)) {
      throw validationError(`invalid request: body.segment '${input.segment}' is not one of the store's segments`, [{ field: 'body.segment', message: `must be one of: ${seg.segments.map((s) => s.name).join(', ') || '(no segments: no customer has ordered yet)'}` }]);
    }
    const row = {
      id: newId('rcm'), segment: input.segment, status: 'queued', total: 0, processed: 0, queued: 0, skipped: 0, error: null,
      created_by: ctx.actor.kind === 'staff' ? ctx.actor.id : ctx.actor.kind, created_at: ctx.clock.now().toISOString(), started_at: null, finished_at: null,
    };
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      await tx.insertInto('recommendation_campaigns').values(row).execute();
      await audit(t, { action: 'recommendation_campaign.created', entityType: 'recommendation_campaign', entityId: row.id, before: null, after: { segment: row.segment } });
      if (this.deps.runSteps !== 'caller') await enqueueJob(t, CAMPAIGN_JOB, { campaignId: row.id });
    });
    return toDto(row);
  }

  async get(ctx: Ctx, id: string): Promise<CampaignDto> {
    const row = await ctx.db.selectFrom('recommendation_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('recommendation_mail.campaign_not_found', 'campaign', id);
    return toDto(row);
  }

  async list(ctx: Ctx, limit: number): Promise<CampaignDto[]> {
    const rows = await ctx.db.selectFrom('recommendation_campaigns').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toDto);
  }

  async recipients(ctx: Ctx, id: string, limit: number): Promise<RecipientDto[]> {
    await this.get(ctx, id);
    const rows = await ctx.db.selectFrom('recommendation_campaign_recipients').selectAll().where('campaign_id', '=', id).orderBy('customer_id').limit(limit).execute();
    return rows.map((r: any) => ({ customerId: r.customer_id, status: r.status, reason: r.reason ?? null, notificationId: r.notification_id ?? null, items: Number(r.items) }));
  }

  /**
   * One step of a campaign, in the job's transaction: the first captures the segment's members,
   * each later one mails a batch of them; the next step is enqueued in the same transaction.
   */
  async step(ctx: Ctx, campaignId: string): Promise<void> {
    const campaign = await this.get(ctx, campaignId);
    const now = () => ctx.clock.now().toISOString();
    if (campaign.status === 'completed' || campaign.status === 'failed') return;
    if (campaign.status === 'queued') {
      const seg = await this.segments(ctx, true);
      const members = [...seg.members].filter(([, name]) => name === campaign.segment).map(([id]) => id).sort();
      for (let i = 0; i < members.length; i += 500) {
        await ctx.db.insertInto('recommendation_campaign_recipients')
          .values(members.slice(i, i + 500).map((customerId) => ({ campaign_id: campaignId, customer_id: customerId, status: 'pending', notification_id: null, reason: null, items: 0, updated_at: now() })))
          .onConflict((oc) => oc.columns(['campaign_id', 'customer_id']).doNothing()).execute();
      }
      await ctx.db.updateTable('recommendation_campaigns').set({ status: 'running', total: members.length, started_at: now() }).where('id', '=', campaignId).where('status', '=', 'queued').execute();
      if (this.deps.runSteps !== 'caller') await enqueueJob(ctx, CAMPAIGN_JOB, { campaignId });
      return;
    }
    const batch = await ctx.db.selectFrom('recommendation_campaign_recipients').select('customer_id')
      .where('campaign_id', '=', campaignId).where('status', '=', 'pending').orderBy('customer_id').limit(this.deps.batchSize ?? BATCH).execute() as { customer_id: string }[];
    let queued = 0, skipped = 0;
    for (const { customer_id: customerId } of batch) {
      const outcome = await this.mailOne(ctx, campaignId, customerId);
      await ctx.db.updateTable('recommendation_campaign_recipients')
        .set({ status: outcome.status, reason: outcome.reason, notification_id: outcome.notificationId, items: outcome.items, updated_at: now() })
        .where('campaign_id', '=', campaignId).where('customer_id', '=', customerId).where('status', '=', 'pending').execute();
      if (outcome.status === 'queued') queued++; else skipped++;
    }
    const left = batch.length === (this.deps.batchSize ?? BATCH);
    const c = await this.get(ctx, campaignId);
    await ctx.db.updateTable('recommendation_campaigns').set({
      processed: c.processed + batch.length, queued: c.queued + queued, skipped: c.skipped + skipped,
      ...(left ? {} : { status: 'completed', finished_at: now() }),
    }).where('id', '=', campaignId).execute();
    if (left && this.deps.runSteps !== 'caller') await enqueueJob(ctx, CAMPAIGN_JOB, { campaignId });
  }

  private async mailOne(ctx: Ctx, campaignId: string, customerId: string): Promise<{ status: 'queued' | 'skipped'; reason: string | null; notificationId: string | null; items: number }> {
    let customer;
    try { customer = await this.deps.customers.get(ctx, customerId); } catch {
      return { status: 'skipped', reason: 'the account no longer exists', notificationId: null, items: 0 };
    }
    if (customer.status !== 'active') return { status: 'skipped', reason: 'the account is disabled', notificationId: null, items: 0 };
    if (!customer.acceptsMarketing) return { status: 'skipped', reason: 'no consent to marketing email', notificationId: null, items: 0 };
    const list = await this.deps.recommend(ctx, customerId, PICKS);
    if (!list.items.length) return { status: 'skipped', reason: 'nothing to recommend', notificationId: null, items: 0 };
    const seg = this.cache?.value;
    const lang = languageOf(seg?.locales.get(customerId));
    const mail = composeRecommendationMail({
      lang, firstName: customer.firstName ?? null, storeUrl: this.deps.storeUrl,
      items: list.items.map((i) => ({ title: i.title, handle: i.handle, price: i.price, reason: i.reason })),
    });
    const record = await this.deps.notifications.queueMessage(ctx, {
      kind: MAIL_KIND, eventId: `${campaignId}:${customerId}`, to: customer.email, subject: mail.subject, text: mail.text, html: mail.html, locale: lang,
    });
    return { status: 'queued', reason: null, notificationId: record.id, items: list.items.length };
  }
}
