/**
 * Feature views: per-customer (orders, spend, recency, favourite categories, last viewed and
 * bought) and per-product (sales velocity, views, co-purchases, stock, publish state) facts kept
 * fresh by order, cart, catalogue and stock events. Agents and the recommender read these through
 * `FeatureViews`, never other modules' tables. The front door.
 */
import type { ModuleDeps, ModuleParts } from '../../platform/index.js';
import type { FeatureViews } from './contracts.js';
import { FeatureViewsService, type FeatureUses } from './features.service.js';
import { featureMigrations } from './migrations.js';
import { featureRoutes } from './routes.js';
import { featureJobs, featureSubscriptions } from './subscriptions.js';

export * from './contracts.js';

export interface FeatureViewsModule { parts: ModuleParts; service: FeatureViews }

export function createFeatureViews(deps: ModuleDeps, uses: Omit<FeatureUses, 'currency'>): FeatureViewsModule {
  const service = new FeatureViewsService({ ...uses, currency: deps.config.defaultCurrency });
  return {
    parts: {
      name: 'ai-features', migrations: featureMigrations, routes: featureRoutes(service),
      subscriptions: featureSubscriptions(service), jobs: featureJobs(service),
    },
    service,
  };
}
