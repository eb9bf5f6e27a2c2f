/** The events that keep the feature views fresh (thin: each parses its payload and calls one writer). */
import { enqueueJob, type JobDefinition, type Subscription } from '../../platform/index.js';
import type { PayloadOf } from '../../platform/index.js';
import type { CartUpdated } from '../../modules/cart/index.js';
import type { InventoryLevelChanged } from '../../modules/inventory/index.js';
import type { OrderPlaced } from '../../modules/orders/index.js';
import type { FeatureViewsService } from './features.service.js';

export const REBUILD_JOB = 'ai.features.rebuild';

export function featureSubscriptions(views: FeatureViewsService): Subscription[] {
  return [
    {
      consumer: 'ai.features.orders',
      types: ['order.placed', 'order.history_imported'],
      async handle(ctx, e) {
        if (e.type === 'order.history_imported') {
          // A batch import carries no lines: recount from the orders, once, after the import.
          await enqueueJob(ctx, REBUILD_JOB, { reason: 'order history imported' }, { key: `rebuild@${e.seq}` });
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

export function featureJobs(views: FeatureViewsService): JobDefinition[] {
  return [{ name: REBUILD_JOB, maxAttempts: 3, handle: async (ctx) => { await views.rebuild(ctx); } }];
}
