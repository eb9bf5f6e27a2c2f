/**
 * Notifications: transactional messages to shoppers — order confirmation, shipped (with the
 * tracking link), ready for pickup, refund issued — rendered from templates in the order's
 * language (English, French and German built in; merchants override any part per language),
 * sent through the mail port once per event and recorded. The front door of the module.
 */
import type { ModuleDeps, ModuleParts } from '../../platform/index.js';
import type { InventoryService } from '../inventory/index.js';
import type { OrdersService } from '../orders/index.js';
import type { NotificationsService } from './contracts/service.js';
import { notificationsMigrations } from './data/migrations.js';
import { notificationsRoutes } from './http/notifications.routes.js';
import { NotificationsServiceImpl } from './service/notifications.service.js';
import { orderMessagesSubscription } from './subscribers/order-messages.js';

export type * from './contracts/service.js';
export { NOTIFICATION_KINDS, NOTIFICATION_STATUSES } from './contracts/service.js';

export interface NotificationsModule { parts: ModuleParts; service: NotificationsService }

export function createNotificationsModule(
  deps: ModuleDeps,
  uses: { orders: Pick<OrdersService, 'get'>; inventory?: Pick<InventoryService, 'getLocation'> },
): NotificationsModule {
  const log = deps.log.child({ module: 'notifications' });
  const service = new NotificationsServiceImpl({ mailer: deps.mailer, log, defaultLocale: deps.config.defaultLocale, defaultCurrency: deps.config.defaultCurrency });
  return {
    parts: {
      name: 'notifications',
      migrations: notificationsMigrations,
      routes: notificationsRoutes(service),
      subscriptions: [orderMessagesSubscription({ orders: uses.orders, inventory: uses.inventory, service, log })],
    },
    service,
  };
}
