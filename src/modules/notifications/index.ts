/**
 * Notifications: transactional messages to shoppers — order confirmation, shipped (with the
 * tracking link), ready for pickup, refund issued — rendered from templates in the order's
 * language (English, French and German built in; merchants override any part per language),
 * queued once per event in the delivery's transaction and sent afterwards, outside it, by the
 * mail outbox (retried with backoff, at least once). The front door of the module.
 */
import { systemActor, type ModuleDeps, type ModuleParts } from '../../platform/index.js';
import type { InventoryService } from '../inventory/index.js';
import type { OrdersService } from '../orders/index.js';
import type { NotificationsService } from './contracts/service.js';
import { notificationsMigrations } from './data/migrations.js';
import { notificationsRoutes } from './http/notifications.routes.js';
import { NotificationsServiceImpl } from './service/notifications.service.js';
import { MailOutbox, OutboxSender } from './service/outbox.js';
import { orderMessagesSubscription } from './subscribers/order-messages.js';

export type * from './contracts/service.js';
export { NOTIFICATION_KINDS, NOTIFICATION_STATUSES } from './contracts/service.js';

export interface NotificationsModule { parts: ModuleParts; service: NotificationsService }

export function createNotificationsModule(
  deps: ModuleDeps,
  uses: { orders: Pick<OrdersService, 'get'>; inventory?: Pick<InventoryService, 'getLocation'> },
): NotificationsModule {
  const log = deps.log.child({ module: 'notifications' });
  const outbox = new MailOutbox({ mailer: deps.mailer, log, options: { leaseMs: deps.config.mailLeaseSeconds * 1000 } });
  const sender = new OutboxSender(outbox, () => ({ db: deps.database.db, actor: systemActor('notifications.sender'), clock: deps.clock }), log);
  const service = new NotificationsServiceImpl({
    outbox, defaultLocale: deps.config.defaultLocale, defaultCurrency: deps.config.defaultCurrency, queued: () => sender.wake(),
  });
  return {
    parts: {
      name: 'notifications',
      migrations: notificationsMigrations,
      routes: notificationsRoutes(service),
      subscriptions: [orderMessagesSubscription({ orders: uses.orders, inventory: uses.inventory, service, log })],
      // Processes that run workers also send mail; any number of them may (claims are exclusive).
      async start() { if (deps.config.workers) sender.start(); },
      async stop() { await sender.stop(); },
    },
    service,
  };
}
