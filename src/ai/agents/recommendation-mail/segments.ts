/**
 * The store's customer segments, from its own orders: every customer's purchases summarised at
 * today's date, then named segments from the customers ML — k-means on RFM (recency, frequency,
 * monetary) named like "Champions" or "At risk" when there are enough customers to cluster, and the
 * same naming rules applied to each customer's RFM quintiles when there are too few.
 */
import type { Ctx } from '../../../platform/index.js';
import type { OrdersService } from '../../../modules/orders/index.js';
import { nameSegment, rfmScores, summariseCustomers, trainSegments, type Purchase } from '../../ml/customers/index.js';

export interface SegmentView { name: string; description: string; size: number }
export interface Segmentation { segments: SegmentView[]; members: Map<string, string>; locales: Map<string, string | null>; customers: number; method: 'kmeans' | 'rfm_rules' }

/** Fewer customers than this are named one by one from their RFM quintiles (k-means needs a crowd). */
const MIN_FOR_CLUSTERS = 30;

export async function computeSegments(ctx: Ctx, orders: Pick<OrdersService, 'scan'>): Promise<Segmentation> {
  const purchases: Purchase[] = [];
  const locales = new Map<string, string | null>();
  let after: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const { items, nextCursor } = await orders.scan(ctx, { after, limit: 1000 });
    for (const o of items) {
      if (!o.customerId || o.status === 'cancelled') continue;
      purchases.push({ customer: o.customerId, order: o.id, time: Date.parse(o.placedAt), amount: Math.max(0, o.total - o.refundedTotal) });
      // Orders come oldest first: the last one seen is the customer's latest language.
      locales.set(o.customerId, o.locale);
    }
    if (!nextCursor) break;
    after = nextCursor;
  }
  const now = ctx.clock.now().getTime();
  const summaries = summariseCustomers(purchases, now + 1);
  const members = new Map<string, string>();
  let segments: SegmentView[];
  let method: Segmentation['method'];
  if (summaries.length >= MIN_FOR_CLUSTERS) {
    const model = trainSegments(summaries, { seed: 7, now: () => new Date(now) });
    for (const s of summaries) members.set(s.customer, model.predict(s).name);
    segments = model.profiles.map((p) => ({ name: p.name, description: p.description, size: [...members.values()].filter((n) => n === p.name).length }));
    method = 'kmeans';
  } else {
    for (const r of rfmScores(summaries)) members.set(r.customer, nameSegment(r.r, r.f, r.m));
    const names = [...new Set(members.values())].sort();
    segments = names.map((name) => ({ name, description: 'named from each member\'s RFM quintiles (too few customers to cluster)', size: [...members.values()].filter((n) => n === name).length }));
    method = 'rfm_rules';
  }
  segments.sort((a, b) => b.size - a.size || a.name.localeCompare(b.name));
  return { segments, members, locales, customers: summaries.length, method };
}
