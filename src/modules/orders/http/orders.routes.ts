/** Order routes: staff lists and details, and a customer's own orders. Thin: parse, call the service, map. */
import { Type } from '@sinclair/typebox';
import { notFound } from '../../../kernel/index.js';
import { access, Cursor, IdParam, Limit, Page, route, Strict, type AnyRoute, type Ctx } from '../../../platform/index.js';
import { OrderDto, OrderSummaryDto } from '../contracts/schemas.js';
import { CHANNELS, FULFILLMENT_STATUSES, ORDER_STATUSES, PAYMENT_STATUSES } from '../domain/status.js';
import type { OrdersService } from '../service/orders.service.js';

const oneOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const IsoTime = Type.String({ maxLength: 40, pattern: '^\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+Z?)?$', description: 'ISO date or UTC timestamp' });
const customerId = (ctx: Ctx): string => (ctx.actor.kind === 'customer' ? ctx.actor.id : '');

export function ordersRoutes(orders: OrdersService): AnyRoute[] {
  return [
    route({
      method: 'GET', url: '/admin/orders', access: access.staff('orders:read'), tags: ['admin: orders'],
      summary: 'Orders, newest first, with filters',
      query: Strict({
        status: Type.Optional(oneOf(ORDER_STATUSES)), paymentStatus: Type.Optional(oneOf(PAYMENT_STATUSES)),
        fulfillmentStatus: Type.Optional(oneOf(FULFILLMENT_STATUSES)), channel: Type.Optional(oneOf(CHANNELS)),
        customerId: Type.Optional(Type.String({ maxLength: 120 })), email: Type.Optional(Type.String({ maxLength: 254 })),
        placedFrom: Type.Optional(IsoTime), placedTo: Type.Optional(IsoTime),
        limit: Limit(200, 50), cursor: Type.Optional(Cursor),
      }),
      response: { 200: Page(OrderSummaryDto) },
      handler: async ({ query, ctx }) => orders.list(ctx, query as any),
    }),
    route({
      method: 'GET', url: '/admin/orders/:id', access: access.staff('orders:read'), tags: ['admin: orders'],
      summary: 'One order with its lines and returns', params: IdParam(), response: { 200: OrderDto },
      handler: async ({ params, ctx }) => orders.get(ctx, params.id),
    }),
    route({
      method: 'GET', url: '/store/account/orders', access: access.customer, tags: ['store: account'],
      summary: 'My orders, newest first', query: Strict({ limit: Limit(100, 20), cursor: Type.Optional(Cursor) }),
      response: { 200: Page(OrderSummaryDto) },
      handler: async ({ query, ctx }) => orders.listForCustomer(ctx, customerId(ctx), query),
    }),
    route({
      method: 'GET', url: '/store/account/orders/:id', access: access.customer, tags: ['store: account'],
      summary: 'One of my orders', params: IdParam(), response: { 200: OrderDto },
      handler: async ({ params, ctx }) => {
        const order = await orders.get(ctx, params.id).catch(() => null);
        // Another customer's order answers exactly like a missing one.
        if (!order || order.customerId !== customerId(ctx)) throw notFound('orders.order_not_found', 'order', params.id);
        const { metadata: _internal, notes: _notes, ...mine } = order;
        return { ...mine, metadata: null, notes: null };
      },
    }),
  ];
}
