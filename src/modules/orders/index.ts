/**
 * Orders: the order record, its lines, returns and refunds. Today it holds imported history (the
 * demo store, migrations from other platforms) and serves it to staff, customers and the AI; the
 * order path (cart, checkout, payments, fulfilment) extends the same service and tables.
 */
import type { ModuleDeps, ModuleParts } from '../../platform/index.js';
import { ordersMigrations } from './data/migrations.js';
import { ordersRoutes } from './http/orders.routes.js';
import type { OrdersService } from './contracts/service.js';
import { OrdersService as OrdersServiceImpl } from './service/orders.service.js';

export * from './contracts/events.js';
export type * from './contracts/service.js';
export type { OrderDto, OrderSummaryDto, OrderLineDto, OrderReturnDto, OrderAddress } from './contracts/schemas.js';
export * from './domain/status.js';

export interface OrdersModule { parts: ModuleParts; service: OrdersService }

export function createOrdersModule(_deps: ModuleDeps): OrdersModule {
  const service = new OrdersServiceImpl();
  return { parts: { name: 'orders', migrations: ordersMigrations, routes: ordersRoutes(service) }, service };
}
