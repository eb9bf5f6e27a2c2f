/**
 * Rows of the promotions tables and the conditional counter updates that hold the usage limits:
 * each UPDATE re-checks its limit at write time, so two racing redemptions cannot both take the
 * last use (PostgreSQL re-evaluates the WHERE clause after waiting for the row lock; SQLite
 * serialises writers).
 */
import { sql } from 'kysely';
import type { Db } from '../../../platform/index.js';
import type { Promotion, Redemption } from '../contracts/service.js';

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const numOrNull = (v: unknown): number | null => (v == null ? null : Number(v));

export const toPromotion = (r: any): Promotion => ({
  id: r.id, name: r.name, code: r.code ?? null, automatic: r.code == null, kind: r.kind,
  percent: numOrNull(r.percent), amount: numOrNull(r.amount), amountScope: r.amount_scope ?? null, currency: r.currency ?? null,
  targets: json(r.targets), buyX: r.buy_x ? json(r.buy_x) : null, getY: r.get_y ? json(r.get_y) : null,
  maxApplications: numOrNull(r.max_applications), minSubtotal: numOrNull(r.min_subtotal),
  startsAt: r.starts_at ?? null, endsAt: r.ends_at ?? null, usageLimit: numOrNull(r.usage_limit), perCustomerLimit: numOrNull(r.per_customer_limit),
  usageCount: Number(r.usage_count), combinable: !!r.combinable, priority: Number(r.priority), active: !!r.active,
  createdAt: r.created_at, updatedAt: r.updated_at,
});

export const toRedemption = (r: any): Redemption => ({
  id: r.id, promotionId: r.promotion_id, customerKey: r.customer_key ?? null, orderReference: r.order_reference, status: r.status,
  createdAt: r.created_at, releasedAt: r.released_at ?? null,
});

export const promotionsRepo = {
  async get(db: Db, id: string) {
    return db.selectFrom('promotions').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async byCodeKey(db: Db, key: string) {
    return db.selectFrom('promotions').selectAll().where('code_key', '=', key).executeTakeFirst();
  },
  async redemption(db: Db, promotionId: string, orderReference: string) {
    return db.selectFrom('promotion_redemptions').selectAll().where('promotion_id', '=', promotionId).where('order_reference', '=', orderReference).executeTakeFirst();
  },
  async customerUsed(db: Db, promotionId: string, customerKey: string): Promise<number> {
    const r = await db.selectFrom('promotion_customer_usage').select('used').where('promotion_id', '=', promotionId).where('customer_key', '=', customerKey).executeTakeFirst();
    return r ? Number(r.used) : 0;
  },
  /** Takes one use if the total limit allows; false when it is used up. */
  async takeUse(db: Db, id: string, now: string): Promise<boolean> {
    const res = await db.updateTable('promotions').set({ usage_count: sql`usage_count + 1`, updated_at: now })
      .where('id', '=', id).where(sql<boolean>`(usage_limit is null or usage_count < usage_limit)`).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  async giveUse(db: Db, id: string, now: string): Promise<void> {
    await db.updateTable('promotions').set({ usage_count: sql`usage_count - 1`, updated_at: now }).where('id', '=', id).where('usage_count', '>', 0).execute();
  },
  /** Takes one of a customer's uses if their limit allows; false when they have used them all. */
  async takeCustomerUse(db: Db, id: string, customerKey: string, limit: number): Promise<boolean> {
    await db.insertInto('promotion_customer_usage').values({ promotion_id: id, customer_key: customerKey, used: 0 })
      .onConflict((oc) => oc.columns(['promotion_id', 'customer_key']).doNothing()).execute();
    const res = await db.updateTable('promotion_customer_usage').set({ used: sql`used + 1` })
      .where('promotion_id', '=', id).where('customer_key', '=', customerKey).where('used', '<', limit).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  async giveCustomerUse(db: Db, id: string, customerKey: string): Promise<void> {
    await db.updateTable('promotion_customer_usage').set({ used: sql`used - 1` })
      .where('promotion_id', '=', id).where('customer_key', '=', customerKey).where('used', '>', 0).execute();
  },
};
