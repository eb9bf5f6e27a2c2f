/**
 * Promotions: definitions (automatic or by code), which of them are live for a shopper, and
 * redemptions that count against the total and per-customer limits in the same transaction as the
 * redemption row, so the limits hold under any number of concurrent checkouts.
 */
import { conflict, fail, newId, notFound, ok, validationError, type Result } from '../../../kernel/index.js';
import { audit, decodeCursor, emit, encodeCursor, inTransaction, isTransientConflict, isUniqueViolation, withDb, type Ctx } from '../../../platform/index.js';
import { PromotionChanged, PromotionRedeemed, PromotionRedemptionReleased } from '../contracts/events.js';
import type {
  EligibleAnswer, EligibleQuery, Promotion, PromotionInput, PromotionsService as Contract, RedeemError, RedeemInput, Redemption,
} from '../contracts/service.js';
import { promotionsRepo as repo, toPromotion, toRedemption } from '../data/promotions.repo.js';
import { codeKey, definitionProblems, liveness, targetsOf, type Liveness } from '../domain/rules.js';

// Deadlocks on PostgreSQL (a redeem and a release of the same order crossing) are transient: retry.

const LIVENESS_ERRORS: Record<Exclude<Liveness, 'live'>, RedeemError> = {
  inactive: { code: 'promotions.inactive', message: 'this promotion is not active' },
  not_started: { code: 'promotions.not_started', message: 'this promotion has not started yet' },
  expired: { code: 'promotions.expired', message: 'this promotion has ended' },
};

const customerKeyOf = (q: { customerId?: string | null; email?: string | null }): string | null =>
  q.customerId ? `cus:${q.customerId}` : q.email ? `email:${q.email.trim().toLowerCase()}` : null;

function columns(p: PromotionInput) {
  return {
    name: p.name.trim(), code: p.code ? p.code.trim() : null, code_key: p.code ? codeKey(p.code) : null, kind: p.kind,
    percent: p.percent ?? null, amount: p.amount ?? null, amount_scope: p.amountScope ?? null, currency: p.currency ? p.currency.toUpperCase() : null,
    targets: JSON.stringify(targetsOf(p.targets)),
    buy_x: p.buyX ? JSON.stringify({ quantity: p.buyX.quantity, targets: targetsOf(p.buyX.targets) }) : null,
    get_y: p.getY ? JSON.stringify({ quantity: p.getY.quantity, targets: targetsOf(p.getY.targets) }) : null,
    max_applications: p.maxApplications ?? null, min_subtotal: p.minSubtotal ?? null,
    starts_at: p.startsAt ? new Date(p.startsAt).toISOString() : null, ends_at: p.endsAt ? new Date(p.endsAt).toISOString() : null,
    usage_limit: p.usageLimit ?? null, per_customer_limit: p.perCustomerLimit ?? null,
    combinable: p.combinable === false ? 0 : 1, priority: p.priority ?? 0, active: p.active === false ? 0 : 1,
  };
}

function check(p: PromotionInput): void {
  for (const [field, v] of [['startsAt', p.startsAt], ['endsAt', p.endsAt]] as const) {
    if (v && Number.isNaN(Date.parse(v))) throw validationError(`${field} is not a valid time`, [{ field: `body.${field}`, message: 'must be an ISO 8601 time' }]);
  }
  const normalised = { ...p, startsAt: p.startsAt ? new Date(p.startsAt).toISOString() : null, endsAt: p.endsAt ? new Date(p.endsAt).toISOString() : null };
  const problems = definitionProblems(normalised);
  if (problems.length) throw validationError(`promotion is not valid: ${problems.map((d) => `${d.field} ${d.message}`).join('; ')}`, problems);
}

const codeTaken = (code: string | null | undefined) => conflict('promotions.code_taken', `a promotion with code ${code} already exists (codes are case-insensitive)`, { field: 'body.code' });

const asInput = (p: Promotion): PromotionInput => ({
  name: p.name, code: p.code, kind: p.kind, percent: p.percent, amount: p.amount, amountScope: p.amountScope, currency: p.currency, targets: p.targets,
  buyX: p.buyX, getY: p.getY, maxApplications: p.maxApplications, minSubtotal: p.minSubtotal, startsAt: p.startsAt, endsAt: p.endsAt,
  usageLimit: p.usageLimit, perCustomerLimit: p.perCustomerLimit, combinable: p.combinable, priority: p.priority, active: p.active,
});

export class PromotionsService implements Contract {
  async create(ctx: Ctx, input: PromotionInput): Promise<Promotion> {
    check(input);
    const now = ctx.clock.now().toISOString();
    const row = { id: newId('promo'), ...columns(input), usage_count: 0, created_at: now, updated_at: now };
    try {
      await inTransaction(ctx.db, async (tx) => {
        const t = withDb(ctx, tx);
        await tx.insertInto('promotions').values(row).execute();
        await emit(t, PromotionChanged, row.id, { promotionId: row.id, code: row.code, change: 'created' });
        await audit(t, { action: 'promotion.created', entityType: 'promotion', entityId: row.id, after: toPromotion(row) });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw codeTaken(input.code);
      throw e;
    }
    return toPromotion(row);
  }

  async get(ctx: Ctx, id: string): Promise<Promotion> {
    const r = await repo.get(ctx.db, id);
    if (!r) throw notFound('promotions.promotion_not_found', 'promotion', id);
    return toPromotion(r);
  }

  async list(ctx: Ctx, q: { active?: boolean; code?: string; limit: number; cursor?: string }) {
    const after = decodeCursor<string>(q.cursor);
    const rows = await ctx.db.selectFrom('promotions').selectAll()
      .$if(q.active !== undefined, (b) => b.where('active', '=', q.active ? 1 : 0))
      .$if(!!q.code, (b) => b.where('code_key', '=', codeKey(q.code!)))
      .$if(typeof after === 'string', (b) => b.where('id', '<', after!))
      .orderBy('id', 'desc').limit(q.limit + 1).execute();
    const items = rows.slice(0, q.limit).map(toPromotion);
    return { items, nextCursor: rows.length > q.limit ? encodeCursor(items[items.length - 1].id) : null };
  }

  async update(ctx: Ctx, id: string, patch: Partial<PromotionInput>): Promise<Promotion> {
    try {
      return await inTransaction(ctx.db, async (tx) => {
        const t = withDb(ctx, tx);
        const before = await this.get(t, id);
        const merged: PromotionInput = { ...asInput(before), ...patch };
        check(merged);
        await tx.updateTable('promotions').set({ ...columns(merged), updated_at: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
        const after = await this.get(t, id);
        await emit(t, PromotionChanged, id, { promotionId: id, code: after.code, change: 'updated' });
        await audit(t, { action: 'promotion.updated', entityType: 'promotion', entityId: id, before, after });
        return after;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw codeTaken(patch.code);
      throw e;
    }
  }

  async archive(ctx: Ctx, id: string): Promise<void> {
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.get(t, id);
      if (!before.active) return;
      await tx.updateTable('promotions').set({ active: 0, updated_at: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
      await emit(t, PromotionChanged, id, { promotionId: id, code: before.code, change: 'archived' });
      await audit(t, { action: 'promotion.archived', entityType: 'promotion', entityId: id, before, after: await this.get(t, id) });
    });
  }

  async eligible(ctx: Ctx, q: EligibleQuery): Promise<EligibleAnswer> {
    const now = ctx.clock.now().toISOString();
    const customerKey = customerKeyOf(q);
    const automatic = (await ctx.db.selectFrom('promotions').selectAll().where('active', '=', 1).where('code_key', 'is', null).execute()).map(toPromotion);
    const promotions: Promotion[] = [];
    const rejected: EligibleAnswer['rejected'] = [];
    const usable = async (p: Promotion): Promise<RedeemError | null> => {
      const live = liveness(p, now);
      if (live !== 'live') return LIVENESS_ERRORS[live];
      if (p.usageLimit != null && p.usageCount >= p.usageLimit) return { code: 'promotions.usage_limit_reached', message: 'this promotion has been used up' };
      if (p.perCustomerLimit != null) {
        if (!customerKey) return { code: 'promotions.customer_required', message: 'sign in or give an email to use this promotion' };
        if ((await repo.customerUsed(ctx.db, p.id, customerKey)) >= p.perCustomerLimit) return { code: 'promotions.customer_limit_reached', message: 'you have already used this promotion' };
      }
      return null;
    };
    for (const p of automatic) if (!(await usable(p))) promotions.push(p);
    for (const code of new Set((q.codes ?? []).map(codeKey))) {
      const r = await repo.byCodeKey(ctx.db, code);
      if (!r) { rejected.push({ code, reason: 'promotions.unknown_code', message: `no promotion has the code ${code}` }); continue; }
      const p = toPromotion(r);
      const why = await usable(p);
      if (why) rejected.push({ code, reason: why.code, message: why.message });
      else promotions.push(p);
    }
    return { promotions, rejected };
  }

  async redeem(ctx: Ctx, input: RedeemInput): Promise<Result<Redemption, RedeemError>> {
    const customerKey = customerKeyOf(input);
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(ctx.db, (tx) => this.redeemIn(withDb(ctx, tx), input.promotionId, input.orderReference, customerKey));
      } catch (e) {
        if (isUniqueViolation(e) && !ctx.db.isTransaction) {
          // The same order redeemed twice at once: the other request's row is the answer.
          const r = await repo.redemption(ctx.db, input.promotionId, input.orderReference);
          if (r && r.status === 'active') return ok(toRedemption(r));
        }
        if ((isTransientConflict(e) || isUniqueViolation(e)) && attempt < 4 && !ctx.db.isTransaction) continue;
        throw e;
      }
    }
  }

  private async redeemIn(t: Ctx, promotionId: string, orderReference: string, customerKey: string | null): Promise<Result<Redemption, RedeemError>> {
    const p = await this.get(t, promotionId);
    const existing = await repo.redemption(t.db, promotionId, orderReference);
    if (existing?.status === 'active') return ok(toRedemption(existing));
    const now = t.clock.now().toISOString();
    const live = liveness(p, now);
    if (live !== 'live') return fail(LIVENESS_ERRORS[live]);
    if (p.perCustomerLimit != null && !customerKey) return fail({ code: 'promotions.customer_required', message: 'this promotion is limited per customer; a customer id or email is required' });
    if (!(await repo.takeUse(t.db, promotionId, now))) return fail({ code: 'promotions.usage_limit_reached', message: `promotion ${p.code ?? p.name} has been used up` });
    if (p.perCustomerLimit != null && !(await repo.takeCustomerUse(t.db, promotionId, customerKey!, p.perCustomerLimit))) {
      // Undo the total use taken above, in the same transaction.
      await repo.giveUse(t.db, promotionId, now);
      return fail({ code: 'promotions.customer_limit_reached', message: `this customer has already used promotion ${p.code ?? p.name} ${p.perCustomerLimit} time(s)` });
    }
    let id: string;
    if (existing) {
      id = existing.id;
      await t.db.updateTable('promotion_redemptions').set({ status: 'active', customer_key: customerKey, released_at: null, created_at: now }).where('id', '=', id).execute();
    } else {
      id = newId('prdm');
      await t.db.insertInto('promotion_redemptions').values({ id, promotion_id: promotionId, customer_key: customerKey, order_reference: orderReference, status: 'active', created_at: now, released_at: null }).execute();
    }
    const redemption: Redemption = { id, promotionId, customerKey, orderReference, status: 'active', createdAt: now, releasedAt: null };
    await emit(t, PromotionRedeemed, promotionId, { promotionId, redemptionId: id, orderReference, customerKey });
    await audit(t, { action: 'promotion.redeemed', entityType: 'promotion', entityId: promotionId, after: redemption });
    return ok(redemption);
  }

  async release(ctx: Ctx, input: { promotionId: string; orderReference: string }): Promise<void> {
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const r = await repo.redemption(tx, input.promotionId, input.orderReference);
      if (!r || r.status !== 'active') return;
      const now = ctx.clock.now().toISOString();
      const res = await tx.updateTable('promotion_redemptions').set({ status: 'released', released_at: now }).where('id', '=', r.id).where('status', '=', 'active').executeTakeFirst();
      // Another release got there first: the use was already given back.
      if (Number(res.numUpdatedRows) !== 1) return;
      await repo.giveUse(tx, input.promotionId, now);
      if (r.customer_key) await repo.giveCustomerUse(tx, input.promotionId, r.customer_key);
      await emit(t, PromotionRedemptionReleased, input.promotionId, { promotionId: input.promotionId, redemptionId: r.id, orderReference: input.orderReference });
      await audit(t, { action: 'promotion.redemption_released', entityType: 'promotion', entityId: input.promotionId, before: toRedemption(r) });
    });
  }

  async listRedemptions(ctx: Ctx, promotionId: string, q: { limit: number; cursor?: string }) {
    await this.get(ctx, promotionId);
    const after = decodeCursor<string>(q.cursor);
    const rows = await ctx.db.selectFrom('promotion_redemptions').selectAll().where('promotion_id', '=', promotionId)
      .$if(typeof after === 'string', (b) => b.where('id', '<', after!))
      .orderBy('id', 'desc').limit(q.limit + 1).execute();
    const items = rows.slice(0, q.limit).map(toRedemption);
    return { items, nextCursor: rows.length > q.limit ? encodeCursor(items[items.length - 1].id) : null };
  }
}
