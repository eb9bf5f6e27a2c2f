/**
 * Shipping: zones (countries and regions), delivery methods priced by weight bracket per zone with
 * an optional free-over-subtotal threshold, and pickup in store (BOPIS) and curbside at a stock
 * location at no cost; a public quote of the options. The front door of the module.
 */
import type { ModuleDeps, ModuleParts } from '../../platform/index.js';
import type { ShippingService } from './contracts/service.js';
import { shippingMigrations } from './data/migrations.js';
import { shippingRoutes } from './http/shipping.routes.js';
import { ShippingServiceImpl } from './service/shipping.service.js';

export type * from './contracts/service.js';
export { METHOD_KINDS } from './contracts/service.js';
export * from './contracts/events.js';

export interface ShippingModule { parts: ModuleParts; service: ShippingService }

export function createShippingModule(_deps: ModuleDeps): ShippingModule {
  const service = new ShippingServiceImpl();
  return { parts: { name: 'shipping', migrations: shippingMigrations, routes: shippingRoutes(service) }, service };
}
