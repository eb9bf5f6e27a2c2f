/**
 * Fulfillment: where to ship from (location planning for the checkout), fulfilments per order and
 * stock location with their transition tables (delivery, pickup, curbside), carriers (a built-in
 * flat-rate carrier and manual ones), the public tracking page, curbside check-in, and capture of
 * an authorized payment when goods first leave. The front door of the module; it uses orders,
 * inventory and payments only through theirs.
 */
import type { ModuleDeps, ModuleParts } from '../../platform/index.js';
import type { InventoryService } from '../inventory/index.js';
import type { OrdersService } from '../orders/index.js';
import type { PaymentsService } from '../payments/index.js';
import type { Carrier } from './carriers/carrier.js';
import { FlatRateCarrier } from './carriers/flat-rate.carrier.js';
import type { FulfillmentService } from './contracts/service.js';
import { fulfillmentMigrations } from './data/migrations.js';
import { fulfillmentRoutes } from './http/fulfillment.routes.js';
import { FulfillmentServiceImpl } from './service/fulfillment.service.js';
import { orderCancelledSubscription } from './subscribers/order-cancelled.js';

export * from './contracts/events.js';
export type * from './contracts/service.js';
export type { FulfillmentDto, FulfillmentLineDto, TrackingDto } from './contracts/schemas.js';
export type { Carrier, CarrierQuote, Label, Shipment } from './carriers/carrier.js';
export { FlatRateCarrier, trackingUrl } from './carriers/flat-rate.carrier.js';
export { planShipment, haversineKm } from './domain/plan.js';
export { FULFILMENT_STATUSES, FULFILMENT_TRANSITIONS, allowedActions } from './domain/status.js';
export { isFlatRateTrackingNumber } from './domain/tracking.js';

export interface FulfillmentModule { parts: ModuleParts; service: FulfillmentService; carriers: ReadonlyMap<string, Carrier> }

export interface FulfillmentUses {
  orders: OrdersService;
  inventory: InventoryService;
  payments: PaymentsService;
  /** Carriers besides the built-in flat-rate one (a real carrier's API client). */
  carriers?: Carrier[];
}

export function createFulfillmentModule(deps: ModuleDeps, uses: FulfillmentUses): FulfillmentModule {
  const baseUrl = deps.config.publicUrl ?? `http://localhost:${deps.config.port}`;
  const carriers = new Map<string, Carrier>([['flat-rate', new FlatRateCarrier(baseUrl)]]);
  for (const c of uses.carriers ?? []) carriers.set(c.name, c);
  const service = new FulfillmentServiceImpl({ orders: uses.orders, inventory: uses.inventory, payments: uses.payments }, carriers);
  return {
    parts: {
      name: 'fulfillment', migrations: fulfillmentMigrations, routes: fulfillmentRoutes(service),
      subscriptions: [orderCancelledSubscription(service)],
    },
    service, carriers,
  };
}
