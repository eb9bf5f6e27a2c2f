/** Admin routes of the feature views: what the agents see about a customer or a product, and a rebuild. */
import { Type } from '@sinclair/typebox';
import { notFound } from '../../kernel/index.js';
import { access, IdParam, inTransaction, route, withDb, type AnyRoute } from '../../platform/index.js';
import { CustomerFeaturesDto, ProductFeaturesDto } from './contracts.js';
import type { FeatureViewsService } from './features.service.js';
import { requestRebuild } from './subscriptions.js';

const tags = ['admin: ai'];

export function featureRoutes(views: FeatureViewsService): AnyRoute[] {
  return [
    route({
      method: 'GET', url: '/admin/ai/features/customers/:id', access: access.staff('customers:read'), tags,
      summary: 'A customer\'s feature view: orders, spend, recency, favourite categories, last bought and viewed (what the agents read)',
      params: IdParam(), response: { 200: CustomerFeaturesDto },
      handler: async ({ params, ctx }) => (await views.customer(ctx, params.id)) ?? Promise.reject(notFound('ai.features_not_found', 'customer features', params.id)),
    }),
    route({
      method: 'GET', url: '/admin/ai/features/products/:id', access: access.staff('catalog:read'), tags,
      summary: 'A product\'s feature view: sales velocity, views, co-purchases, stock and publish state',
      params: IdParam(), response: { 200: ProductFeaturesDto },
      handler: async ({ params, ctx }) => (await views.product(ctx, params.id)) ?? Promise.reject(notFound('ai.features_not_found', 'product features', params.id)),
    }),
    route({
      method: 'POST', url: '/admin/ai/features/rebuild', access: access.staff('settings:manage'), tags, status: 202,
      summary: 'Recompute the feature views from every order and product (runs as a background job)',
      response: { 202: Type.Object({ queued: Type.Boolean() }) },
      handler: async ({ ctx }) => { await inTransaction(ctx.db, (tx) => requestRebuild(withDb(ctx, tx), 'requested by staff')); return { queued: true }; },
    }),
  ];
}
