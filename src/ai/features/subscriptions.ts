/** The events that keep the feature views fresh (thin: each parses its payload and calls one writer). */
import { newId } from '../../kernel/index.js';
import { enqueueJob, type Ctx, type JobDefinition, type Subscription } from '../../platform/index.js';
import type { PayloadOf } from '../../platform/index.js';
import type { CartUpdated } from '../../modules/cart/index.js';
import type { InventoryLevelChanged } from '../../modules/inventory/index.js';
import type { OrderCancelled, OrderPlaced } from '../../modules/orders/index.js';
import type { FeatureViewsService } from './features.service.js';

export const REBUILD_JOB = 'ai.features.rebuild';

export function featureSubscriptions(views: FeatureViewsService): Subscription[] {
  return [
    {
      consumer: 'ai.features.orders',
      types: ['order.placed', 'order.cancelled', 'order.history_imported'],
      async handle(ctx, e) {
        if (e.type === 'order.history_imported') {
          // A batch import carries no lines: recount from the orders once the imports are in.
          await requestRebuild(ctx, 'order history imported');
          return;
        }
        if (e.type === 'order.cancelled') {
          await views.applyCancelledOrder(ctx, (e.payload as PayloadOf<typeof OrderCancelled>).orderId);
          return;
        }
        await views.applyPlacedOrder(ctx, (e.payload as PayloadOf<typeof OrderPlaced>).orderId);
      },
    },
    {
      consumer: 'ai.features.catalog',
      types: ['product.created', 'product.updated', 'product.archived', 'product.deleted', 'price.changed', 'inventory.level_changed'],
      async handle(ctx, e) {
        if (e.type === 'inventory.level_changed') {
          await views.stockChanged(ctx, (e.payload as PayloadOf<typeof InventoryLevelChanged>).variantId);
          return;
        }
        await views.refreshProducts(ctx, [(e.payload as { productId: string }).productId]);
      },
    },
    {
      consumer: 'ai.features.carts',
      types: ['cart.updated'],
      async handle(ctx, e) {
        const p = e.payload as PayloadOf<typeof CartUpdated>;
        if (p.customerId && p.change !== 'converted') await views.cartActivity(ctx, p.customerId, e.occurredAt);
      },
    },
  ];
}

/** Asks for a rebuild of the feature views (in the caller's transaction). */
export async function requestRebuild(ctx: Ctx, reason: string): Promise<void> {
  const id = newId('rbd');
  await ctx.db.insertInto('ai_feature_rebuilds').values({ id, reason, requested_at: ctx.clock.now().toISOString() }).execute();
  await enqueueJob(ctx, REBUILD_JOB, { requestId: id }, { key: id });
}

export function featureJobs(views: FeatureViewsService): JobDefinition[] {
  return [{
    name: REBUILD_JOB, maxAttempts: 3,
    async handle(ctx, p: { requestId?: string }) {
      // A later request's job runs after this one and reads everything this one would: let it.
      const later = p.requestId && await ctx.db.selectFrom('ai_feature_rebuilds').select('id').where('id', '>', p.requestId).executeTakeFirst();
      if (later) return;
      await views.rebuild(ctx);
      if (p.requestId) await ctx.db.deleteFrom('ai_feature_rebuilds').where('id', '<=', p.requestId).execute();
    },
  }];
}
