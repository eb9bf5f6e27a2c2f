/** Promotion routes for staff. Thin: parse, call one service method, map the result. */
import { Type } from '@sinclair/typebox';
import { AppError } from '../../../kernel/index.js';
import { access, Cursor, IdParam, Limit, Page, route, Strict, type AnyRoute } from '../../../platform/index.js';
import { PromotionCreate, PromotionDto, PromotionPatch, RedeemBody, RedemptionDto } from '../contracts/schemas.js';
import type { PromotionsService } from '../contracts/service.js';

// Promotions change prices, so they sit with the catalogue's permissions.
const read = access.staff('catalog:read');
const write = access.staff('catalog:write');
const tags = ['admin: promotions'];

export function promotionsRoutes(promotions: PromotionsService): AnyRoute[] {
  return [
    route({
      method: 'GET', url: '/admin/promotions', access: read, tags, summary: 'Promotions, newest first',
      query: Strict({ active: Type.Optional(Type.Boolean()), code: Type.Optional(Type.String({ maxLength: 64 })), limit: Limit(200, 50), cursor: Type.Optional(Cursor) }),
      response: { 200: Page(PromotionDto) },
      handler: async ({ query, ctx }) => promotions.list(ctx, query),
    }),
    route({
      method: 'POST', url: '/admin/promotions', access: write, tags, summary: 'Create a promotion (automatic, or with a code unique regardless of case)',
      body: PromotionCreate, response: { 201: PromotionDto },
      handler: async ({ body, ctx }) => promotions.create(ctx, body),
    }),
    route({
      method: 'GET', url: '/admin/promotions/:id', access: read, tags, summary: 'One promotion with its usage count',
      params: IdParam(), response: { 200: PromotionDto },
      handler: async ({ params, ctx }) => promotions.get(ctx, params.id),
    }),
    route({
      method: 'PATCH', url: '/admin/promotions/:id', access: write, tags, summary: 'Change a promotion (the merged definition is checked again)',
      params: IdParam(), body: PromotionPatch, response: { 200: PromotionDto },
      handler: async ({ params, body, ctx }) => promotions.update(ctx, params.id, body),
    }),
    route({
      method: 'DELETE', url: '/admin/promotions/:id', access: write, tags, status: 204, summary: 'Archive a promotion (its redemptions stay)',
      params: IdParam(),
      handler: async ({ params, ctx }) => { await promotions.archive(ctx, params.id); },
    }),
    route({
      method: 'GET', url: '/admin/promotions/:id/redemptions', access: read, tags, summary: 'Redemptions of a promotion, newest first',
      params: IdParam(), query: Strict({ limit: Limit(200, 50), cursor: Type.Optional(Cursor) }), response: { 200: Page(RedemptionDto) },
      handler: async ({ params, query, ctx }) => promotions.listRedemptions(ctx, params.id, query),
    }),
    route({
      method: 'POST', url: '/admin/promotions/:id/redemptions', access: write, tags,
      summary: 'Redeem for an order reference (e.g. a phone order); 409 when a limit is reached or the promotion is not live; idempotent per reference',
      params: IdParam(), body: RedeemBody, response: { 201: RedemptionDto },
      handler: async ({ params, body, ctx }) => {
        const r = await promotions.redeem(ctx, { promotionId: params.id, ...body });
        if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.code === 'promotions.customer_required' ? 400 : 409);
        return r.value;
      },
    }),
    route({
      method: 'DELETE', url: '/admin/promotions/:id/redemptions/:reference', access: write, tags, status: 204,
      summary: 'Release the redemption of an order reference; the use counts again (idempotent)',
      params: Strict({ id: Type.String({ minLength: 1, maxLength: 120 }), reference: Type.String({ minLength: 1, maxLength: 200 }) }),
      handler: async ({ params, ctx }) => {
        await promotions.get(ctx, params.id);
        await promotions.release(ctx, { promotionId: params.id, orderReference: params.reference });
      },
    }),
  ];
}
