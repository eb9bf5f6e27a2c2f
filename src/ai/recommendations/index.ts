/**
 * Recommendations: the recommender trained from the store's orders and versioned in the model
 * registry, served from memory on the storefront (home feed, bought together, similar items, cart)
 * with a reason and a tracking token per item, split between two versions when an experiment runs,
 * and its outcomes (impressions, clicks, add-to-carts, attributed purchases) counted per arm.
 */
import type { ModuleDeps, ModuleParts, PayloadOf, Subscription } from '../../platform/index.js';
import type { CheckoutCompleted } from '../../modules/checkout/index.js';
import type { OrdersService } from '../../modules/orders/index.js';
import type { FeatureViews } from '../features/index.js';
import type { ModelRegistryModule } from '../registry/index.js';
import { RecommendationEngine } from './engine.js';
import { recommendationRoutes } from './routes.js';
import { RECOMMEND_MODEL, recommendTrainer } from './trainer.js';

export type { RecommendationList, RecommendedItem, RecommendRequest, Surface } from './engine.js';
export { RecommendationListDto, RecommendedItemDto } from './routes.js';
export { RECOMMEND_MODEL } from './trainer.js';

/** Nightly by default; "retrain now" in the admin runs one at once. */
const RETRAIN_EVERY_SECONDS = 86_400;

export interface RecommendationsModule { parts: ModuleParts; service: RecommendationEngine }

export function createRecommendations(deps: ModuleDeps, uses: { registry: ModelRegistryModule; features: FeatureViews; orders: Pick<OrdersService, 'scan' | 'get'> }): RecommendationsModule {
  const registry = uses.registry.service;
  registry.registerTrainer(recommendTrainer(uses));
  uses.registry.schedule(RECOMMEND_MODEL, RETRAIN_EVERY_SECONDS);
  const engine = new RecommendationEngine({
    db: deps.database.db, clock: deps.clock, log: deps.log.child({ component: 'recommendations' }), registry, features: uses.features, secret: deps.authSecret,
  });
  const attribution: Subscription = {
    consumer: 'ai.recommendations.attribution',
    types: ['checkout.completed'],
    async handle(ctx, e) {
      const p = e.payload as PayloadOf<typeof CheckoutCompleted>;
      const o = await uses.orders.get(ctx, p.orderId);
      await registry.attributeOrder(ctx, {
        orderId: o.id, customerId: o.customerId, cartId: p.cartId, placedAt: o.placedAt,
        lines: o.lines.map((l) => ({ productId: l.productId, total: l.total })),
      });
    },
  };
  return {
    parts: {
      name: 'ai-recommendations', migrations: [], routes: recommendationRoutes(engine, registry), subscriptions: [attribution],
      start: () => engine.start(), stop: () => engine.stop(),
    },
    service: engine,
  };
}
