/** Checkout routes: the shopper places the order of a cart; staff watch checkouts and their steps. Thin. */
import { Type } from '@sinclair/typebox';
import { access, Cursor, IdParam, idempotencyKeyOf, Limit, Page, route, Strict, type AnyRoute } from '../../../platform/index.js';
import { CheckoutBody, CheckoutDto } from '../contracts/schemas.js';
import type { CheckoutService } from '../contracts/service.js';

const cartToken = (h: string | string[] | undefined) => (typeof h === 'string' ? h : undefined);

export function checkoutRoutes(checkout: CheckoutService, orderSchema: ReturnType<typeof Type.Object>): AnyRoute[] {
  return [
    route({
      method: 'POST', url: '/store/carts/:id/checkout', access: access.optional, tags: ['store: checkout'], ownIdempotency: true,
      summary: 'Place the order of a cart: reserve stock, authorize (and capture) the payment, create the order',
      description: 'Send an Idempotency-Key: a retry with the same key and body answers the same order (or the same refusal) and never charges twice; '
        + 'the same key with another body is a 422. Refusals: 409 checkout.sold_out, 402 payments.declined, 504 payments.provider_timeout, '
        + '409 checkout.in_progress (a checkout of this cart is running). Guests send the cart secret as x-cart-token.',
      params: IdParam(), body: CheckoutBody,
      response: { 201: Type.Object({ checkout: CheckoutDto, order: orderSchema }) },
      handler: async ({ params, body, ctx, req, reply }) => {
        const result = await checkout.start(ctx, { ...body, cartId: params.id, cartToken: cartToken(req.headers['x-cart-token']), idempotencyKey: idempotencyKeyOf(req) } as never);
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        reply.code(201);
        return { checkout: result.checkout, order: result.order };
      },
    }),
    route({
      method: 'GET', url: '/admin/checkouts', access: access.staff('orders:read'), tags: ['admin: orders'],
      summary: 'Checkouts, newest first (running ones are in flight or waiting for recovery)',
      query: Strict({ status: Type.Optional(Type.Union([Type.Literal('running'), Type.Literal('completed'), Type.Literal('failed')])), limit: Limit(200, 50), cursor: Type.Optional(Cursor) }),
      response: { 200: Page(CheckoutDto) },
      handler: async ({ query, ctx }) => checkout.list(ctx, query),
    }),
    route({
      method: 'GET', url: '/admin/checkouts/:id', access: access.staff('orders:read'), tags: ['admin: orders'],
      summary: 'One checkout with every saga step taken, failed or compensated', params: IdParam(), response: { 200: CheckoutDto },
      handler: async ({ params, ctx }) => checkout.get(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/admin/checkouts/recover', access: access.staff('orders:write'), tags: ['admin: orders'],
      summary: 'Finish or undo now every checkout whose node stopped answering (the schedule does this every 15 s)',
      response: { 200: Type.Object({ recovered: Type.Integer() }) }, status: 200,
      handler: async ({ ctx }) => ({ recovered: await checkout.recover(ctx) }),
    }),
  ];
}
