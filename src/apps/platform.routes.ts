/** Admin routes over platform facilities: the audit log, event deliveries (dead letters, replay) and the live event stream. */
import { Type } from '@sinclair/typebox';
import { AppError } from '../kernel/index.js';
import { access, Cursor, Limit, listAudit, route, Strict, type AnyRoute, type EventBus, type EventStreamHub } from '../platform/index.js';

/**
 * Who may watch which events live: the permission that already lets a staff member read the thing
 * an event is about. Types not listed here are not streamed.
 */
const STREAM_PERMISSIONS: [prefix: string, permission: string][] = [
  ['order.', 'orders:read'], ['fulfillment.', 'orders:read'], ['return.', 'orders:read'], ['payment.', 'orders:read'], ['checkout.', 'orders:read'],
  ['inventory.', 'inventory:read'], ['stock_location.', 'inventory:read'],
  ['product.', 'catalog:read'], ['price.', 'catalog:read'], ['category.', 'catalog:read'], ['collection.', 'catalog:read'],
  ['customer.', 'customers:read'], ['store_credit.', 'customers:read'],
  ['promotion.', 'catalog:read'], ['support.', 'support:read'],
];

/** The permission needed to see an event type on the live stream (null: not streamed). */
export const streamPermissionFor = (type: string): string | null => STREAM_PERMISSIONS.find(([prefix]) => type.startsWith(prefix))?.[1] ?? null;

export function platformRoutes(bus: EventBus, stream: EventStreamHub): AnyRoute[] {
  return [
    route({
      method: 'GET', url: '/admin/events/stream', access: access.staff('self'), tags: ['admin: events'],
      summary: 'Live store events as server-sent events (send Accept: text/event-stream)',
      description: 'Streams `text/event-stream`: each event as `id: <seq>`, `event: <type>`, `data: <envelope JSON>`, and a `: ping` comment every 15 s. '
        + 'Only the types the caller may read are sent (orders:read for order/fulfillment/return/payment events, inventory:read for inventory, support:read for support, …). '
        + 'Narrow with `types` (comma-separated exact types or `prefix.*`). Send `Last-Event-ID` (the last `id` seen) on reconnect to receive what was missed. '
        + 'Authenticate with the usual `Authorization: Bearer` header: read it with fetch streaming (a browser EventSource cannot send headers). '
        + 'Without `Accept: text/event-stream` the answer is 406.',
      query: Strict({ types: Type.Optional(Type.String({ maxLength: 1000, pattern: '^[a-z_.*,]*$', description: 'comma-separated event types or prefixes like order.*' })) }),
      handler: async ({ query, ctx, req, reply }) => {
        if (!String(req.headers.accept ?? '').includes('text/event-stream')) {
          throw new AppError('events.stream_not_acceptable', 'this endpoint streams text/event-stream; send Accept: text/event-stream', 406);
        }
        const lastId = Number(req.headers['last-event-id']);
        reply.hijack();
        await stream.open(reply.raw, ctx.actor, {
          types: (query.types ?? '').split(',').map((s) => s.trim()).filter(Boolean),
          lastEventId: Number.isSafeInteger(lastId) && lastId >= 0 ? lastId : undefined,
          headers: reply.getHeaders(),
        });
      },
    }),
    route({
      method: 'GET', url: '/admin/audit', access: access.staff('audit:read'), tags: ['admin: audit'],
      summary: 'The audit log of staff mutations, newest first',
      query: Strict({ entityType: Type.Optional(Type.String({ maxLength: 60 })), entityId: Type.Optional(Type.String({ maxLength: 120 })), actor: Type.Optional(Type.String({ maxLength: 120 })), limit: Limit(200, 50), cursor: Type.Optional(Cursor) }),
      handler: async ({ query, ctx }) => {
        const items = await listAudit(ctx, { ...query, before: query.cursor });
        return { items, nextCursor: items.length === query.limit ? items[items.length - 1].id : null };
      },
    }),
    route({
      method: 'GET', url: '/admin/events/deliveries', access: access.staff('events:manage'), tags: ['admin: events'],
      summary: 'Event deliveries that are dead (gave up after retries) or still pending',
      query: Strict({ status: Type.Union([Type.Literal('dead'), Type.Literal('pending')], { default: 'dead' }), limit: Limit(500, 100) }),
      handler: async ({ query }) => ({ items: await bus.listDeliveries(query.status, query.limit) }),
    }),
    route({
      method: 'POST', url: '/admin/events/deliveries/:consumer/:seq/replay', access: access.staff('events:manage'), tags: ['admin: events'],
      summary: 'Puts a dead delivery back in line',
      params: Strict({ consumer: Type.String({ maxLength: 200 }), seq: Type.Integer({ minimum: 1 }) }),
      status: 200,
      handler: async ({ params }) => {
        if (!(await bus.replay(params.consumer, params.seq))) throw new AppError('events.delivery_not_dead', 'no dead delivery with that consumer and sequence', 404);
        return { replayed: true };
      },
    }),
  ];
}
