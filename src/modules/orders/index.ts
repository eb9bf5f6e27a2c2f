/**
 * Orders: the order management system. The order record, its lines, returns and timeline; orders
 * placed by checkout and imported history in the same tables; the state machine (pending, paid,
 * fulfilling, partially fulfilled, fulfilled, completed, cancelled, on hold), holds, edits before
 * fulfilment, cancellation with refund and restock, notes, and guest lookup by number and email;
 * returns (requests, authorisation, receiving, refunds to the card or as store credit, exchanges).
 */
import type { ModuleDeps, ModuleParts } from '../../platform/index.js';
import { ordersMigrations } from './data/migrations.js';
import { ordersRoutes } from './http/orders.routes.js';
import type { OrdersService } from './contracts/service.js';
import { returnsMigrations } from './data/returns.migration.js';
import { returnsRoutes } from './http/returns.routes.js';
import type { ReturnsUses } from './service/returns.js';
import { OrdersService as OrdersServiceImpl } from './service/orders.service.js';

export * from './contracts/events.js';
export * from './contracts/return-events.js';
export type * from './contracts/returns.js';
export { RETURN_REASONS, RETURN_TRANSITIONS, type ReturnReason } from './domain/returns.js';
export type * from './contracts/service.js';
export type { OrderSummaryDto, OrderLineDto, OrderReturnDto, OrderAddress, TimelineEntryDto } from './contracts/schemas.js';
/** The order's schema and type: other modules' routes answer orders too (checkout). */
export { OrderDto } from './contracts/schemas.js';
export * from './domain/status.js';

export interface OrdersModule { parts: ModuleParts; service: OrdersService }

export function createOrdersModule(deps: ModuleDeps, uses: ReturnsUses): OrdersModule {
  const service = new OrdersServiceImpl(uses, deps.database.dialect, { returnWindowDays: deps.config.returnWindowDays });
  return { parts: { name: 'orders', migrations: [...ordersMigrations, ...returnsMigrations], routes: [...ordersRoutes(service), ...returnsRoutes(service)] }, service };
}
