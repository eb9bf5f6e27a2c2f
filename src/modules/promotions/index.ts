/**
 * Promotions: automatic promotions and discount codes (percentage, fixed amount per order or per
 * item, free shipping, buy X get Y), their conditions (minimum subtotal, validity window, total and
 * per-customer usage limits, combinability, priority) and redemptions whose limits the database
 * holds under concurrency. The arithmetic of applying them lives in src/modules/cart/domain/totals.ts.
 * The front door of the module.
 */
import type { ModuleDeps, ModuleParts } from '../../platform/index.js';
import type { PromotionsService } from './contracts/service.js';
import { promotionsMigrations } from './data/migrations.js';
import { promotionsRoutes } from './http/promotions.routes.js';
import { PromotionsService as PromotionsServiceImpl } from './service/promotions.service.js';

export type * from './contracts/service.js';
export { PROMOTION_KINDS } from './contracts/service.js';
export * from './contracts/events.js';

export interface PromotionsModule { parts: ModuleParts; service: PromotionsService }

export function createPromotionsModule(_deps: ModuleDeps): PromotionsModule {
  const service = new PromotionsServiceImpl();
  return { parts: { name: 'promotions', migrations: promotionsMigrations, routes: promotionsRoutes(service) }, service };
}
