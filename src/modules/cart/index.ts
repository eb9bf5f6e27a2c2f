/**
 * Cart: guest and customer carts (merged at sign-in), lines of variants and quantities, discount
 * codes, a shipping address with a delivery method or pickup / curbside at a stock location.
 * Prices, availability, discounts, tax, shipping and totals are computed live on every read
 * through the catalog, inventory, promotions, tax and shipping front doors. The front door of the module.
 */
import type { ModuleDeps, ModuleParts } from '../../platform/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { InventoryService } from '../inventory/index.js';
import type { PromotionsService } from '../promotions/index.js';
import type { ShippingService } from '../shipping/index.js';
import type { TaxService } from '../tax/index.js';
import type { CartService } from './contracts/service.js';
import { cartMigrations } from './data/migrations.js';
import { cartRoutes } from './http/cart.routes.js';
import { CartServiceImpl } from './service/cart.service.js';

export type * from './contracts/service.js';
export { MAX_CART_LINES, MAX_LINE_QUANTITY } from './contracts/service.js';
export * from './contracts/events.js';
/** The pure totals calculator: the checkout saga prices an order with the same arithmetic the cart shows. */
export { computeTotals, splitRefund } from './domain/totals.js';
export type { TotalsInput, TotalsLine, Totals } from './domain/totals.js';

export interface CartModule { parts: ModuleParts; service: CartService }

export function createCartModule(deps: ModuleDeps, uses: { catalog: CatalogService; inventory: InventoryService; promotions: PromotionsService; tax: TaxService; shipping: ShippingService }): CartModule {
  const service = new CartServiceImpl(uses, deps.config.defaultCurrency);
  return { parts: { name: 'cart', migrations: cartMigrations, routes: cartRoutes(service) }, service };
}
