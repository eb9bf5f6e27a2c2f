/**
 * Store routes of the cart. Thin: parse, call one service method, answer the live cart. A guest
 * proves access with the `x-cart-token` header; a signed-in customer with their bearer token.
 */
import type { FastifyRequest } from 'fastify';
import { access, route, type AnyRoute } from '../../../platform/index.js';
import { CartCreate, CartCreateAnswer, CartDto, CartParams, CodeApply, CodeParams, LineAdd, LineParams, LinePatch, ShippingSet } from '../contracts/schemas.js';
import type { CartService } from '../contracts/service.js';

const tags = ['store: cart'];
const answer = { 200: CartDto };

/** The guest secret, if one was sent; anything oversized or repeated counts as none. */
const cartToken = (req: FastifyRequest): string | undefined => {
  const v = req.headers['x-cart-token'];
  return typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : undefined;
};

export function cartRoutes(carts: CartService): AnyRoute[] {
  return [
    route({
      method: 'POST', url: '/store/carts', access: access.optional, tags,
      summary: 'Start a cart: a guest gets its secret once (send it back as `x-cart-token`); a signed-in customer gets their active cart (`created: false` when they had one)',
      body: CartCreate, response: { 201: CartCreateAnswer },
      handler: async ({ body, ctx }) => carts.create(ctx, body),
    }),
    route({
      method: 'GET', url: '/store/carts/:id', access: access.optional, tags,
      summary: 'A cart with live prices, availability, discounts, shipping, tax and totals (404 unless it is yours)',
      params: CartParams, response: answer,
      handler: async ({ params, ctx, req }) => carts.get(ctx, params.id, cartToken(req)),
    }),
    route({
      method: 'POST', url: '/store/carts/:id/lines', access: access.optional, tags, status: 200,
      summary: 'Add a variant (added to its line when already in the cart); more than is in stock is allowed and flagged',
      params: CartParams, body: LineAdd, response: answer,
      handler: async ({ params, body, ctx, req }) => carts.addLine(ctx, params.id, cartToken(req), body),
    }),
    route({
      method: 'PATCH', url: '/store/carts/:id/lines/:lineId', access: access.optional, tags,
      summary: 'Set a line\'s quantity (0 removes it)',
      params: LineParams, body: LinePatch, response: answer,
      handler: async ({ params, body, ctx, req }) => carts.setQuantity(ctx, params.id, cartToken(req), params.lineId, body.quantity),
    }),
    route({
      method: 'DELETE', url: '/store/carts/:id/lines/:lineId', access: access.optional, tags,
      summary: 'Remove a line', params: LineParams, response: answer,
      handler: async ({ params, ctx, req }) => carts.removeLine(ctx, params.id, cartToken(req), params.lineId),
    }),
    route({
      method: 'POST', url: '/store/carts/:id/codes', access: access.optional, tags, status: 200,
      summary: 'Apply a discount code; a refused code answers 422 with the reason as the error code',
      params: CartParams, body: CodeApply, response: answer,
      handler: async ({ params, body, ctx, req }) => carts.applyCode(ctx, params.id, cartToken(req), body.code),
    }),
    route({
      method: 'DELETE', url: '/store/carts/:id/codes/:code', access: access.optional, tags,
      summary: 'Remove a discount code', params: CodeParams, response: answer,
      handler: async ({ params, ctx, req }) => carts.removeCode(ctx, params.id, cartToken(req), params.code),
    }),
    route({
      method: 'PUT', url: '/store/carts/:id/shipping', access: access.optional, tags,
      summary: 'Set the address and a quoted delivery method, or pickup / curbside at a stock location',
      params: CartParams, body: ShippingSet, response: answer,
      handler: async ({ params, body, ctx, req }) => carts.setShipping(ctx, params.id, cartToken(req), body),
    }),
    route({
      method: 'POST', url: '/store/carts/:id/merge', access: access.customer, tags, status: 200,
      summary: 'Merge a guest cart (its `x-cart-token`) into your cart: quantities add up, codes are kept',
      params: CartParams, response: answer,
      handler: async ({ params, ctx, req }) => carts.merge(ctx, params.id, cartToken(req)),
    }),
  ];
}
