/**
 * Trains the recommender from the store's own orders (through the orders front door) and measures
 * it on a held-back window at the end of the history: for every customer who bought something new
 * in that window, are those items in their top 10? (HR@10, NDCG@10, coverage — the "new items"
 * protocol of bench/eval/recommend.eval.ts, which is what the home feed serves.)
 */
import type { OrdersService } from '../../modules/orders/index.js';
import { Recommender, recommendationMetrics, trainRecommender, type Interaction, type RecommenderMethod } from '../ml/recommend/index.js';
import type { Metrics, ModelTrainer, TrainingWindow } from '../registry/index.js';

export const RECOMMEND_MODEL = 'recommend';
const METHODS: RecommenderMethod[] = ['hybrid', 'als', 'item-knn', 'popularity'];
const K = 10;
const DAY = 86_400_000;
/** Below this many orders in the held-back days, the last fifth of the orders is held back instead. */
const MIN_HOLDOUT_ORDERS = 10;

interface Basket { user: string; order: string; time: number; items: Map<string, number> }
interface Holdout { user: string; relevant: Set<string> }

export function recommendTrainer(uses: { orders: Pick<OrdersService, 'scan'> }): ModelTrainer {
  return {
    model: RECOMMEND_MODEL, methods: METHODS, defaultMethod: 'hybrid',
    async train(ctx, opts, progress) {
      const now = ctx.clock.now();
      let holdoutFrom = new Date(now.getTime() - opts.holdoutDays * DAY);
      const trainFrom = new Date(holdoutFrom.getTime() - opts.trainDays * DAY);
      await progress('reading orders', 5, `Reading orders placed since ${trainFrom.toISOString().slice(0, 10)}`);
      const baskets: Basket[] = [];
      let pages = 0;
      for (let after: string | undefined; ;) {
        const page = await uses.orders.scan(ctx, { after, placedFrom: trainFrom.toISOString(), placedTo: now.toISOString(), limit: 1000 });
        for (const o of page.items) {
          if (o.status === 'cancelled') continue;
          const items = new Map<string, number>();
          for (const l of o.lines) if (l.productId && l.quantity - l.returnedQuantity > 0) items.set(l.productId, (items.get(l.productId) ?? 0) + l.quantity - l.returnedQuantity);
          if (items.size) baskets.push({ user: o.customerId ?? `email:${o.email.toLowerCase()}`, order: o.id, time: Date.parse(o.placedAt), items });
        }
        pages++;
        await progress('reading orders', Math.min(40, 5 + pages * 3), page.nextCursor ? undefined : `${baskets.length} orders with products`);
        if (!page.nextCursor) break;
        after = page.nextCursor;
      }
      if (!baskets.length) throw new Error('no orders with products yet: nothing to learn from (the storefront serves bestsellers and new items meanwhile)');
      baskets.sort((a, b) => a.time - b.time);
      const inHoldout = baskets.filter((b) => b.time >= holdoutFrom.getTime()).length;
      if (inHoldout < MIN_HOLDOUT_ORDERS && baskets.length >= 2 * MIN_HOLDOUT_ORDERS) {
        holdoutFrom = new Date(baskets[Math.floor(baskets.length * 0.8)].time);
        await progress('reading orders', 40, `Only ${inHoldout} orders in the last ${opts.holdoutDays} days: holding back the last fifth of the orders instead (from ${holdoutFrom.toISOString().slice(0, 10)})`);
      }
      const window: TrainingWindow = { trainFrom: trainFrom.toISOString(), trainTo: holdoutFrom.toISOString(), holdoutFrom: holdoutFrom.toISOString(), holdoutTo: now.toISOString() };
      const train: Interaction[] = [];
      const seen = new Map<string, Set<string>>();
      const held = new Map<string, Set<string>>();
      for (const b of baskets) {
        if (b.time < holdoutFrom.getTime()) {
          for (const [item, q] of b.items) train.push({ user: b.user, item, basket: b.order, time: b.time, weight: q });
          const s = seen.get(b.user) ?? new Set();
          for (const item of b.items.keys()) s.add(item);
          seen.set(b.user, s);
        } else {
          const h = held.get(b.user) ?? new Set();
          for (const item of b.items.keys()) h.add(item);
          held.set(b.user, h);
        }
      }
      if (!train.length) throw new Error('every order falls in the held-back window: nothing left to train on');
      const tests: Holdout[] = [];
      for (const [user, items] of held) {
        const before = seen.get(user) ?? new Set<string>();
        const relevant = new Set([...items].filter((i) => !before.has(i)));
        if (relevant.size) tests.push({ user, relevant });
      }
      const catalogue = new Set(train.map((t) => t.item)).size;
      await progress('training', 45, `Training ${opts.method} on ${train.length} order lines from ${seen.size} customers; ${tests.length} customers held back`);
      const trained = trainRecommender(train, { method: opts.method as RecommenderMethod, now: () => now });
      await progress('measuring', 75, 'Compacting the model (4 significant digits)');
      // What is measured is what is stored and served: the compacted snapshot, read back.
      const artefact = compactNumbers(trained.toJSON()) as ReturnType<Recommender['toJSON']>;
      const model = Recommender.fromJSON(artefact);
      await progress('measuring', 80, `Measuring HR@${K} and NDCG@${K} on the held-back window`);
      const measure = (m: Recommender): Metrics => {
        const lists = tests.map((t) => ({ recommended: m.predict({ user: t.user, k: K }).map((r) => r.item), relevant: t.relevant }));
        const r = recommendationMetrics(lists, K, Math.max(1, catalogue));
        return { [`ndcg@${K}`]: r.ndcg, [`hr@${K}`]: r.hr, coverage: r.coverage, users: r.users };
      };
      const metrics = measure(model);
      return {
        method: opts.method, window, trainingExamples: train.length, artefact, metrics, primaryMetric: `ndcg@${K}`,
        evaluate: (artefact) => measure(Recommender.fromJSON(artefact as ReturnType<Recommender['toJSON']>)),
      };
    },
  };
}

/** Rounds every non-integer number to `digits` significant digits (factors and weights need no more; the artefact shrinks by half). */
export function compactNumbers(value: unknown, digits = 4): unknown {
  if (typeof value === 'number') return Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(digits));
  if (Array.isArray(value)) return value.map((v) => compactNumbers(v, digits));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compactNumbers(v, digits)]));
  return value;
}
