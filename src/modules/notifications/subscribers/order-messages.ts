/**
 * Queues a message to the shopper when an order is placed, shipped, ready for pickup or refunded
 * (the outbox sends it after the delivery commits; nothing here talks to a mail server).
 * The events belong to the orders and fulfillment modules; this reads only the fields it needs,
 * by type name, so those modules can grow their payloads freely.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { isAppError } from '../../../kernel/index.js';
import type { Ctx, EventEnvelope, Logger, Subscription } from '../../../platform/index.js';
import type { InventoryService } from '../../inventory/index.js';
import type { OrdersService } from '../../orders/index.js';
import type { NotificationKind } from '../contracts/service.js';
import type { EventFacts } from '../domain/model.js';
import type { NotificationsServiceImpl } from '../service/notifications.service.js';

const Str = Type.String();
const OptStr = Type.Optional(Type.Union([Type.String(), Type.Null()]));

// What this module reads of each event; extra fields are allowed and ignored.
const Placed = Type.Object({ orderId: Str });
const Shipped = Type.Object({ orderId: Str, fulfillmentId: Str, carrier: OptStr, trackingNumber: OptStr, trackingUrl: OptStr });
const ReadyForPickup = Type.Object({ orderId: Str, fulfillmentId: Str, locationId: OptStr });
const Refunded = Type.Object({ orderId: Str, amount: Type.Integer(), currency: Str, method: Type.Union([Type.Literal('original_payment'), Type.Literal('store_credit')]) });

export const MESSAGE_EVENTS = {
  'order.placed': 'order_confirmation',
  'fulfillment.shipped': 'order_shipped',
  'fulfillment.ready_for_pickup': 'ready_for_pickup',
  'order.refunded': 'refund_issued',
} as const satisfies Record<string, NotificationKind>;

function read<S extends TSchema>(schema: S, event: EventEnvelope): Static<S> {
  if (!Value.Check(schema, event.payload)) {
    const first = [...Value.Errors(schema, event.payload)][0];
    // A payload this module cannot read is a contract break: fail loudly, end up in dead letters.
    throw new Error(`${event.type} ${event.id}: payload unreadable at ${first?.path || '/'}: ${first?.message}`);
  }
  return event.payload as Static<S>;
}

export interface OrderMessageDeps {
  orders: Pick<OrdersService, 'get'>;
  inventory?: Pick<InventoryService, 'getLocation'>;
  service: NotificationsServiceImpl;
  log: Logger;
}

export function orderMessagesSubscription(deps: OrderMessageDeps): Subscription {
  const pickupLocation = async (ctx: Ctx, id: string | null | undefined) => {
    if (!id || !deps.inventory) return null;
    try {
      const l = await deps.inventory.getLocation(ctx, id);
      const a = l.address;
      const address = [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).join(', ');
      return { name: l.name, address };
    } catch (e) {
      // A location archived or unknown still leaves a useful message without it.
      if (isAppError(e) && e.status === 404) return null;
      throw e;
    }
  };

  async function facts(ctx: Ctx, event: EventEnvelope): Promise<{ orderId: string; facts: EventFacts }> {
    switch (event.type) {
      case 'order.placed':
        return { orderId: read(Placed, event).orderId, facts: { kind: 'order_confirmation' } };
      case 'fulfillment.shipped': {
        const p = read(Shipped, event);
        return { orderId: p.orderId, facts: { kind: 'order_shipped', carrier: p.carrier ?? null, trackingNumber: p.trackingNumber ?? null, trackingUrl: p.trackingUrl ?? null } };
      }
      case 'fulfillment.ready_for_pickup': {
        const p = read(ReadyForPickup, event);
        return { orderId: p.orderId, facts: { kind: 'ready_for_pickup', location: await pickupLocation(ctx, p.locationId) } };
      }
      case 'order.refunded': {
        const p = read(Refunded, event);
        return { orderId: p.orderId, facts: { kind: 'refund_issued', amount: p.amount, currency: p.currency, method: p.method } };
      }
      default:
        throw new Error(`notifications.mail does not handle ${event.type}`);
    }
  }

  return {
    consumer: 'notifications.mail',
    types: Object.keys(MESSAGE_EVENTS),
    async handle(ctx, event) {
      const { orderId, facts: f } = await facts(ctx, event);
      const order = await deps.orders.get(ctx, orderId);
      const record = await deps.service.deliver(ctx, { kind: f.kind, eventId: event.id, orderId, order, facts: f });
      deps.log.debug({ kind: record.kind, orderId, status: record.status }, 'customer message handled');
    },
  };
}
