/** Return routes: customers and guests ask; staff authorise, reject, receive, refund and exchange. Thin. */
import { Type } from '@sinclair/typebox';
import { notFound } from '../../../kernel/index.js';
import { access, Cursor, IdParam, Limit, Page, route, Strict, type AnyRoute, type Ctx } from '../../../platform/index.js';
import type { ReturnRequestInput } from '../contracts/returns.js';
import { OrderReturnDto } from '../contracts/schemas.js';
import type { OrdersService } from '../contracts/service.js';
import { RETURN_REASONS } from '../domain/returns.js';
import { RETURN_STATUSES } from '../domain/status.js';
import { shopperId, shopperOrder } from './shopper.js';

const oneOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const LineId = Type.String({ minLength: 1, maxLength: 120 });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

const requestFields = {
  lines: Type.Array(Strict({ orderLineId: LineId, quantity: Type.Integer({ minimum: 1, maximum: 999 }), reason: oneOf(RETURN_REASONS) }), { minItems: 1, maxItems: 100 }),
  note: Type.Optional(Text(2000)),
  exchange: Type.Optional(Type.Array(Strict({ variantId: LineId, quantity: Type.Integer({ minimum: 1, maximum: 999 }) }), {
    minItems: 1, maxItems: 20,
    description: 'replacement variants instead of money; they may cost at most what the returned units are worth (422 returns.exchange_exceeds_value otherwise), and any difference is refunded',
  })),
};
const tags = ['admin: returns'];

export function returnsRoutes(orders: OrdersService): AnyRoute[] {
  const request = (ctx: Ctx, orderId: string, source: ReturnRequestInput['source'], body: any, ignoreWindow = false) =>
    orders.requestReturn(ctx, orderId, { source, lines: body.lines, note: body.note ?? null, exchange: body.exchange, ignoreWindow });
  /** A customer's own return; anyone else's answers like a missing one. */
  const mine = async (ctx: Ctx, id: string) => {
    const r = await orders.getReturn(ctx, id).catch(() => null);
    const order = r ? await orders.get(ctx, r.orderId) : null;
    if (!r || !order || order.customerId !== shopperId(ctx)) throw notFound('returns.return_not_found', 'return', id);
    return r;
  };
  return [
    route({
      method: 'GET', url: '/admin/returns', access: access.staff('orders:read'), tags, summary: 'Returns, newest first (filter by status or order)',
      query: Strict({ status: Type.Optional(oneOf(RETURN_STATUSES)), orderId: Type.Optional(LineId), limit: Limit(200, 50), cursor: Type.Optional(Cursor) }),
      response: { 200: Page(OrderReturnDto) },
      handler: async ({ query, ctx }) => orders.listReturns(ctx, query as any),
    }),
    route({
      method: 'GET', url: '/admin/returns/:id', access: access.staff('orders:read'), tags, summary: 'One return, with the actions it offers',
      params: IdParam(), response: { 200: OrderReturnDto },
      handler: async ({ params, ctx }) => orders.getReturn(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/admin/orders/:id/returns', access: access.staff('orders:write'), tags, summary: 'Open a return for a customer (staff may accept it after the return window)',
      params: IdParam(), body: Strict({ ...requestFields, ignoreWindow: Type.Optional(Type.Boolean()) }), response: { 201: OrderReturnDto },
      handler: async ({ params, body, ctx }) => request(ctx, params.id, 'staff', body, body.ignoreWindow === true),
    }),
    route({
      method: 'POST', url: '/admin/returns/:id/authorize', access: access.staff('orders:refund'), tags, status: 200,
      summary: 'Accept a return request, optionally with a restocking fee taken off the refund',
      params: IdParam(), body: Strict({ restockingFee: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })), note: Type.Optional(Text(2000)) }),
      response: { 200: OrderReturnDto },
      handler: async ({ params, body, ctx }) => orders.authorizeReturn(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/admin/returns/:id/reject', access: access.staff('orders:refund'), tags, status: 200, summary: 'Turn a return request down, with a reason the customer sees',
      params: IdParam(), body: Strict({ reason: Text(500) }), response: { 200: OrderReturnDto },
      handler: async ({ params, body, ctx }) => orders.rejectReturn(ctx, params.id, body.reason),
    }),
    route({
      method: 'POST', url: '/admin/returns/:id/cancel', access: access.staff('orders:write'), tags, status: 200, summary: 'Withdraw a return before the units come back',
      params: IdParam(), body: Strict({ reason: Type.Optional(Text(500)) }), response: { 200: OrderReturnDto },
      handler: async ({ params, body, ctx }) => orders.cancelReturn(ctx, params.id, body.reason ?? null),
    }),
    route({
      method: 'POST', url: '/admin/returns/:id/receive', access: access.staff('orders:fulfil'), tags, status: 200,
      summary: 'Take the units back: restock each line (at its location or a chosen one) or write it off; an exchange is then placed',
      params: IdParam(),
      body: Strict({
        lines: Type.Array(Strict({
          orderLineId: LineId, disposition: oneOf(['restock', 'write_off']), locationId: Type.Optional(LineId),
          condition: Type.Optional(Text(500)),
        }), { minItems: 1, maxItems: 100 }),
        note: Type.Optional(Text(2000)),
      }),
      response: { 200: OrderReturnDto },
      handler: async ({ params, body, ctx }) => orders.receiveReturn(ctx, params.id, body as any),
    }),
    route({
      method: 'POST', url: '/admin/returns/:id/refund', access: access.staff('orders:refund'), tags, status: 200,
      summary: 'Refund a received return to the original payment or as store credit: the value of its units less the restocking fee, or a smaller amount',
      params: IdParam(),
      body: Strict({ method: oneOf(['original_payment', 'store_credit']), amount: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 })), reason: Type.Optional(Text(500)) }),
      response: { 200: OrderReturnDto },
      handler: async ({ params, body, ctx }) => orders.refundReturn(ctx, params.id, body as any),
    }),
    route({
      method: 'POST', url: '/admin/returns/:id/exchange', access: access.staff('orders:refund'), tags, status: 200,
      summary: 'Place (or retry placing) the replacement order of a received exchange; any difference is refunded',
      params: IdParam(), body: Strict({}), response: { 200: OrderReturnDto },
      handler: async ({ params, ctx }) => orders.exchangeReturn(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/store/account/orders/:id/returns', access: access.customer, tags: ['store: account'],
      summary: 'Ask to return units of one of my orders (for money back, or an exchange)', params: IdParam(), body: Strict(requestFields),
      response: { 201: OrderReturnDto },
      handler: async ({ params, body, ctx }) => {
        await shopperOrder(orders, ctx, params.id);
        return request(ctx, params.id, 'customer', body);
      },
    }),
    route({
      method: 'POST', url: '/store/account/returns/:id/cancel', access: access.customer, tags: ['store: account'], status: 200,
      summary: 'Withdraw my return request before the units are sent back', params: IdParam(), body: Strict({}), response: { 200: OrderReturnDto },
      handler: async ({ params, ctx }) => {
        await mine(ctx, params.id);
        return orders.cancelReturn(ctx, params.id, 'withdrawn by the customer');
      },
    }),
    route({
      method: 'POST', url: '/store/orders/returns', access: access.public, tags: ['store: orders'],
      summary: "A guest asks to return units of an order, named by its number and email (a wrong pair is a 404)",
      body: Strict({
        number: Type.Union([Type.Integer({ minimum: 1, maximum: 2_000_000_000 }), Type.String({ pattern: '^#?\\d{1,10}$', maxLength: 11 })]),
        email: Type.String({ minLength: 3, maxLength: 254 }), ...requestFields,
      }),
      response: { 201: OrderReturnDto },
      handler: async ({ body, ctx }) => {
        const number = typeof body.number === 'number' ? body.number : Number(body.number.replace('#', ''));
        const order = await orders.lookup(ctx, number, body.email);
        return request(ctx, order.id, order.customerId ? 'customer' : 'guest', body);
      },
    }),
  ];
}
