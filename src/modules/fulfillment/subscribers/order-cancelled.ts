/** When an order is cancelled, its fulfilments that have not left are cancelled too, so no one picks or hands over goods for it. */
import type { Subscription } from '../../../platform/index.js';
import { OrderCancelled } from '../../orders/index.js';
import type { FulfillmentService } from '../contracts/service.js';
import { nextStatus, type FulfilmentKind, type FulfilmentStatus } from '../domain/status.js';

export function orderCancelledSubscription(fulfillment: FulfillmentService): Subscription {
  return {
    consumer: 'fulfillment.order_cancelled',
    types: [OrderCancelled.type],
    async handle(ctx, event) {
      const { orderId, reason } = event.payload as { orderId: string; reason: string };
      for (const f of await fulfillment.listForOrder(ctx, orderId)) {
        if (nextStatus(f.kind as FulfilmentKind, f.status as FulfilmentStatus, 'cancel')) await fulfillment.cancel(ctx, f.id, `order cancelled: ${reason}`.slice(0, 500));
      }
    },
  };
}
