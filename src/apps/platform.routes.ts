/** Admin routes over platform facilities: the audit log and event deliveries (dead letters, replay). */
import { Type } from '@sinclair/typebox';
import { AppError } from '../kernel/index.js';
import { access, Cursor, Limit, listAudit, route, Strict, type AnyRoute, type EventBus } from '../platform/index.js';

export function platformRoutes(bus: EventBus): AnyRoute[] {
  return [
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
