/** Order routes: staff lists and details, and a customer's own orders. Thin: parse, call the service, map. */
import { Type } from '@sinclair/typebox';
import { conflict } from '../../../kernel/index.js';
import { access, Cursor, IdParam, Limit, Page, route, Strict, type AnyRoute } from '../../../platform/index.js';
import { OrderDto, OrderSummaryDto, TimelineEntryDto } from '../contracts/schemas.js';
import { CHANNELS, FULFILLMENT_STATUSES, ORDER_STATUSES, PAYMENT_STATUSES } from '../domain/status.js';
import type { OrdersService } from '../service/orders.service.js';
import { shopperId, shopperOrder } from './shopper.js';

const oneOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const IsoTime = Type.String({ maxLength: 40, pattern: '^\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+Z?)?$', description: 'ISO date or UTC timestamp' });
const Reason = Type.String({ minLength: 1, maxLength: 500 });

/** What a shopper sees of an order: no internal notes or metadata. */
const forShopper = (order: OrderDto) => ({ ...order, metadata: null, notes: null });

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
      handler: async ({ query, ctx }) => orders.listForCustomer(ctx, shopperId(ctx), query),
    }),
    route({
      method: 'GET', url: '/store/account/orders/:id', access: access.customer, tags: ['store: account'],
      summary: 'One of my orders', params: IdParam(), response: { 200: OrderDto },
      handler: async ({ params, ctx }) => {
        return forShopper(await shopperOrder(orders, ctx, params.id));
      },
    }),
    route({
      method: 'POST', url: '/store/account/orders/:id/cancel', status: 200, access: access.customer, tags: ['store: account'],
      summary: 'Cancel one of my orders before anything has been sent', params: IdParam(), body: Strict({ reason: Type.Optional(Reason) }),
      response: { 200: OrderDto },
      handler: async ({ params, body, ctx }) => {
        const order = await shopperOrder(orders, ctx, params.id);
        if (order.status !== 'paid' && order.status !== 'pending' && order.status !== 'cancelled') {
          throw conflict('orders.not_cancellable', `order ${order.displayNumber} is already being prepared; contact the store or start a return`, { status: order.status });
        }
        return forShopper(await orders.cancel(ctx, params.id, { reason: body.reason ?? 'cancelled by the customer' }));
      },
    }),
    route({
      method: 'POST', url: '/store/orders/lookup', status: 200, access: access.public, tags: ['store: orders'],
      summary: "A guest's order by its number and email (a wrong pair is a 404)",
      body: Strict({ number: Type.Union([Type.Integer({ minimum: 1, maximum: 2_000_000_000 }), Type.String({ pattern: '^#?\\d{1,10}$', maxLength: 11 })]), email: Type.String({ minLength: 3, maxLength: 254 }) }),
      response: { 200: OrderDto },
      handler: async ({ body, ctx }) => {
        const number = typeof body.number === 'number' ? body.number : Number(body.number.replace('#', ''));
        return forShopper(await orders.lookup(ctx, number, body.email));
      },
    }),
    route({
      method: 'GET', url: '/store/account/orders/:id/timeline', access: access.customer, tags: ['store: account'],
      summary: "My order's history (without the store's internal notes)", params: IdParam(), response: { 200: Type.Object({ items: Type.Array(TimelineEntryDto) }) },
      handler: async ({ params, ctx }) => {
        await shopperOrder(orders, ctx, params.id);
        return { items: await orders.timeline(ctx, params.id) };
      },
    }),
    route({
      method: 'GET', url: '/admin/orders/:id/timeline', access: access.staff('orders:read'), tags: ['admin: orders'],
      summary: "An order's timeline with internal notes", params: IdParam(), response: { 200: Type.Object({ items: Type.Array(TimelineEntryDto) }) },
      handler: async ({ params, ctx }) => {
        await orders.get(ctx, params.id);
        return { items: await orders.timeline(ctx, params.id, { includeInternal: true }) };
      },
    }),
    route({
      method: 'POST', url: '/admin/orders/:id/notes', access: access.staff('orders:write'), tags: ['admin: orders'],
      summary: 'Add a note to an order (internal by default)', params: IdParam(),
      body: Strict({ message: Type.String({ minLength: 1, maxLength: 4000 }), internal: Type.Optional(Type.Boolean({ default: true })) }),
      response: { 201: TimelineEntryDto },
      handler: async ({ params, body, ctx, reply }) => {
        reply.code(201);
        return orders.addNote(ctx, params.id, { message: body.message, internal: body.internal !== false });
      },
    }),
    route({
      method: 'POST', url: '/admin/orders/:id/hold', status: 200, access: access.staff('orders:write'), tags: ['admin: orders'],
      summary: 'Put an order on hold for review', params: IdParam(), body: Strict({ reason: Reason }), response: { 200: OrderDto },
      handler: async ({ params, body, ctx }) => orders.hold(ctx, params.id, body.reason),
    }),
    route({
      method: 'POST', url: '/admin/orders/:id/release', status: 200, access: access.staff('orders:write'), tags: ['admin: orders'],
      summary: 'Release an order from hold', params: IdParam(), response: { 200: OrderDto },
      handler: async ({ params, ctx }) => orders.release(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/admin/orders/:id/cancel', status: 200, access: access.staff('orders:refund'), tags: ['admin: orders'],
      summary: 'Cancel an order: void or refund its payment and restock', params: IdParam(),
      body: Strict({ reason: Reason, restock: Type.Optional(Type.Boolean({ default: true })) }), response: { 200: OrderDto },
      handler: async ({ params, body, ctx }) => orders.cancel(ctx, params.id, { reason: body.reason, restock: body.restock }),
    }),
    route({
      method: 'POST', url: '/admin/orders/:id/edit', status: 200, access: access.staff('orders:refund'), tags: ['admin: orders'],
      summary: 'Lower quantities before fulfilment (0 removes a line): restocks and gives back the difference', params: IdParam(),
      body: Strict({
        lines: Type.Array(Strict({ lineId: Type.String({ minLength: 1, maxLength: 120 }), quantity: Type.Integer({ minimum: 0, maximum: 999 }) }), { minItems: 1, maxItems: 100 }),
        reason: Reason,
      }),
      response: { 200: OrderDto },
      handler: async ({ params, body, ctx }) => orders.edit(ctx, params.id, body),
    }),
  ];
}
