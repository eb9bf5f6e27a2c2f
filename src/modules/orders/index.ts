/**
 * Orders: the order management system. The order record, its lines, returns and timeline; orders
 * placed by checkout and imported history in the same tables; the state machine (pending, paid,
 * fulfilling, partially fulfilled, fulfilled, completed, cancelled, on hold), holds, edits before
 * fulfilment, cancellation with refund and restock, notes, and guest lookup by number and email.
 */
import type { ModuleDeps, ModuleParts } from '../../platform/index.js';
import { ordersMigrations } from './data/migrations.js';
import { ordersRoutes } from './http/orders.routes.js';
import type { OrdersService } from './contracts/service.js';
import type { LifecycleUses } from './service/lifecycle.js';
import { OrdersService as OrdersServiceImpl } from './service/orders.service.js';

export * from './contracts/events.js';
export type * from './contracts/service.js';
export type { OrderSummaryDto, OrderLineDto, OrderReturnDto, OrderAddress, TimelineEntryDto } from './contracts/schemas.js';
/** The order's schema and type: other modules' routes answer orders too (checkout). */
export { OrderDto } from './contracts/schemas.js';
export * from './domain/status.js';

export interface OrdersModule { parts: ModuleParts; service: OrdersService }

export function createOrdersModule(_deps: ModuleDeps, uses: LifecycleUses): OrdersModule {
  const service = new OrdersServiceImpl(uses);
  return { parts: { name: 'orders', migrations: ordersMigrations, routes: ordersRoutes(service) }, service };
}
