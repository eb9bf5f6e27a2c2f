/**
 * Visual search's front door for the composition root: its table, the consumer that describes
 * product images when products are created or changed, the catch-up job, and the routes.
 */
import type { ModuleDeps, ModuleParts, Subscription } from '../../platform/index.js';
import type { CatalogModule } from '../../modules/catalog/index.js';
import { embeddingsClient } from './embeddings.js';
import { visualSearchMigrations } from './migrations.js';
import { REBUILD_JOB, visualSearchRoutes } from './routes.js';
import { VisualSearch } from './service.js';

export { VisualSearch } from './service.js';
export type { VisualMatch, VisualSearchResult } from './service.js';

export function createVisualSearch(deps: ModuleDeps, uses: { catalog: CatalogModule['service'] }): { parts: ModuleParts; service: VisualSearch } {
  const c = deps.config;
  const embeddings = c.embeddingsUrl && c.embeddingsModel
    ? embeddingsClient({ url: c.embeddingsUrl, model: c.embeddingsModel, apiKey: c.embeddingsApiKey, timeoutMs: c.embeddingsTimeoutMs })
    : undefined;
  const service = new VisualSearch({
    db: deps.database.db, clock: deps.clock, log: deps.log.child({ component: 'visual-search' }), catalog: uses.catalog, currency: c.defaultCurrency, embeddings,
  });
  const describe: Subscription = {
    consumer: 'ai.visual_search.describe',
    types: ['product.created', 'product.updated', 'product.deleted'],
    async handle(ctx, e) {
      const id = (e.payload as { productId: string }).productId;
      if (e.type === 'product.deleted') await service.forget(ctx, id);
      else if (e.type === 'product.created' || ((e.payload as { fields?: string[] }).fields ?? ['images']).includes('images')) await service.describeProduct(ctx, id);
    },
  };
  return {
    service,
    parts: {
      name: 'ai-visual-search', migrations: visualSearchMigrations, routes: visualSearchRoutes(service), subscriptions: [describe],
      jobs: [{
        name: REBUILD_JOB,
        async handle(ctx) {
          // Listed through the job's own transaction: the storefront read model would query the
          // database outside it, which on SQLite's single connection waits for this transaction forever.
          let cursor: string | undefined;
          do {
            const page = await uses.catalog.products.list(ctx, { status: 'active', limit: 100, cursor });
            for (const p of page.items) await service.describeProduct(ctx, p.id);
            cursor = page.nextCursor ?? undefined;
          } while (cursor);
        },
      }],
    },
  };
}
