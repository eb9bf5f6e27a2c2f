/** Store credit routes: a shopper's own balance, and staff looking one up or giving credit. Thin. */
import { Type } from '@sinclair/typebox';
import { AppError, newId } from '../../../kernel/index.js';
import { access, route, Strict, type AnyRoute, type Ctx } from '../../../platform/index.js';
import { StoreCreditBalanceDto, StoreCreditEntryDto } from '../contracts/store-credit.js';
import type { PaymentsService } from '../contracts/service.js';

const Currency = Type.String({ pattern: '^[A-Z]{3}$', maxLength: 3, description: 'ISO 4217; the store currency when omitted' });

export function storeCreditRoutes(payments: PaymentsService, defaultCurrency: string): AnyRoute[] {
  const holderOf = (q: { customerId?: string; email?: string }) => {
    if (!q.customerId && !q.email) throw new AppError('validation.failed', 'name a customerId or an email', 400, [{ field: 'query.customerId', message: 'or query.email is required' }]);
    return { customerId: q.customerId ?? null, email: q.email ?? null };
  };
  const me = (ctx: Ctx) => (ctx.actor.kind === 'customer' ? ctx.actor.id : '');
  return [
    route({
      method: 'GET', url: '/store/account/store-credit', access: access.customer, tags: ['store: account'],
      summary: 'My store credit balance and its latest movements', query: Strict({ currency: Type.Optional(Currency) }),
      response: { 200: StoreCreditBalanceDto },
      handler: async ({ query, ctx }) => payments.creditBalance(ctx, { customerId: me(ctx) }, query.currency ?? defaultCurrency),
    }),
    route({
      method: 'GET', url: '/admin/store-credit', access: access.staff('orders:read'), tags: ['admin: payments'],
      summary: "A customer's (or a guest email's) store credit", query: Strict({ customerId: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })), email: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })), currency: Type.Optional(Currency) }),
      response: { 200: StoreCreditBalanceDto },
      handler: async ({ query, ctx }) => payments.creditBalance(ctx, holderOf(query), query.currency ?? defaultCurrency),
    }),
    route({
      method: 'POST', url: '/admin/store-credit', access: access.staff('orders:refund'), tags: ['admin: payments'],
      summary: 'Give store credit (goodwill); send an Idempotency-Key so a retry gives it once',
      body: Strict({
        customerId: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })), email: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })),
        amount: Type.Integer({ minimum: 1, maximum: 100_000_000 }), currency: Type.Optional(Currency), reason: Type.String({ minLength: 1, maxLength: 500 }),
      }),
      response: { 201: StoreCreditEntryDto },
      handler: async ({ body, ctx, req }) => {
        const key = req.headers['idempotency-key'];
        return payments.issueCredit(ctx, {
          ...holderOf(body), amount: body.amount, currency: body.currency ?? defaultCurrency, reason: body.reason, reference: null,
          idempotencyKey: typeof key === 'string' ? `admin:${key}` : newId('idem'),
        });
      },
    }),
  ];
}
