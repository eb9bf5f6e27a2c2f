/**
 * Checkout: the saga that turns a cart into an order — validate, reserve stock and redeem
 * promotions, authorize the payment, create the order and commit the stock, capture, complete —
 * with a persisted record of every step, a compensation for each, idempotent retries, and a
 * recovery schedule that finishes or undoes what a dead node left running. The front door.
 */
import { failpoints, type ModuleDeps, type ModuleParts } from '../../platform/index.js';
import type { CartService } from '../cart/index.js';
import type { CustomersService } from '../identity/index.js';
import type { InventoryService } from '../inventory/index.js';
import { OrderDto, type OrdersService } from '../orders/index.js';
import type { PaymentsService } from '../payments/index.js';
import type { PromotionsService } from '../promotions/index.js';
import type { CheckoutService } from './contracts/service.js';
import { checkoutMigrations } from './data/migrations.js';
import { checkoutRoutes } from './http/checkout.routes.js';
import { CheckoutServiceImpl, type ShipmentPlanner } from './service/checkout.service.js';

export * from './contracts/events.js';
export type * from './contracts/service.js';
export type { ShipmentPlanner };

/** How often each node looks for checkouts whose node died. */
const RECOVER_EVERY_SECONDS = 15;
const RECOVER_JOB = 'checkout.recover';

export interface CheckoutModule { parts: ModuleParts; service: CheckoutService }

export function createCheckoutModule(deps: ModuleDeps, uses: {
  cart: CartService; inventory: InventoryService; payments: PaymentsService; orders: OrdersService; promotions: PromotionsService; customers: CustomersService;
  planShipment?: ShipmentPlanner;
}): CheckoutModule {
  const { config } = deps;
  const service = new CheckoutServiceImpl(uses, {
    captureMode: config.captureMode,
    leaseSeconds: config.checkoutLeaseSeconds,
    // The hold outlives any lease, so recovery finds the stock still reserved.
    reservationTtlSeconds: Math.max(config.reservationTtl, config.checkoutLeaseSeconds * 4),
    failpoint: failpoints(config),
    log: deps.log.child({ module: 'checkout' }),
  });
  return {
    parts: {
      name: 'checkout', migrations: checkoutMigrations, routes: checkoutRoutes(service, OrderDto),
      jobs: [{ name: RECOVER_JOB, handle: async (ctx) => { await service.recover(ctx); } }],
      schedules: [{ name: RECOVER_JOB, everySeconds: RECOVER_EVERY_SECONDS, job: RECOVER_JOB }],
    },
    service,
  };
}
