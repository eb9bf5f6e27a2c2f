/** Payments routes: staff see, take, release and refund payments; providers post webhooks. Thin. */
import { Type } from '@sinclair/typebox';
import { AppError, newId, type Result } from '../../../kernel/index.js';
import { access, Cursor, IdParam, Limit, Page, route, Strict, type AnyRoute } from '../../../platform/index.js';
import { AuthorizeBody, CaptureBody, PaymentDetailDto, PaymentDto, Reference, RefundBody, VoidBody } from '../contracts/schemas.js';
import type { Payment, PaymentError, PaymentsService } from '../contracts/service.js';

const read = access.staff('orders:read');
const write = access.staff('orders:write');
const tags = ['admin: payments'];

/** A decline is 402 naming the reason; a provider that timed out or failed is 504/502 (not stored, so a retry with the same key resolves it). */
function orError(r: Result<Payment, PaymentError>): Payment {
  if (r.ok) return r.value;
  const e = r.error;
  if (e.code === 'payments.declined') throw new AppError(e.code, e.message, 402, { paymentId: e.paymentId, reason: e.reason });
  throw new AppError(e.code, e.message, e.code === 'payments.provider_timeout' ? 504 : 502, { paymentId: e.paymentId });
}

const keyOf = (headers: Record<string, unknown>) => {
  const k = headers['idempotency-key'];
  return typeof k === 'string' ? k : undefined;
};

export function paymentsRoutes(payments: PaymentsService): AnyRoute[] {
  return [
    route({
      method: 'GET', url: '/admin/payments', access: read, tags, summary: 'Payments, newest first, optionally for one reference (an order or checkout id)',
      query: Strict({ reference: Type.Optional(Reference), limit: Limit(200, 50), cursor: Type.Optional(Cursor) }),
      response: { 200: Page(PaymentDto) },
      handler: async ({ query, ctx }) => payments.list(ctx, query),
    }),
    route({
      method: 'GET', url: '/admin/payments/:id', access: read, tags, summary: 'One payment with every transition it went through',
      params: IdParam(), response: { 200: PaymentDetailDto },
      handler: async ({ params, ctx }) => payments.get(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/admin/payments', access: write, tags,
      summary: 'Authorize a payment (e.g. a manual or cash payment taken by staff); 402 with the reason when declined. Send an Idempotency-Key: a retry never charges twice',
      body: AuthorizeBody, response: { 201: PaymentDto },
      handler: async ({ body, ctx, req }) => orError(await payments.authorize(ctx, { ...body, idempotencyKey: keyOf(req.headers) ?? newId('idem') })),
    }),
    route({
      method: 'POST', url: '/admin/payments/:id/capture', access: write, tags, status: 200,
      summary: 'Capture all (default) or part of an authorized payment — for manual and cash, mark it paid',
      params: IdParam(), body: CaptureBody, response: { 200: PaymentDto },
      handler: async ({ params, body, ctx, req }) => orError(await payments.capture(ctx, params.id, { amount: body.amount, idempotencyKey: keyOf(req.headers) })),
    }),
    route({
      method: 'POST', url: '/admin/payments/:id/void', access: write, tags, status: 200, summary: 'Release an authorization (or a payment left pending by a provider timeout)',
      params: IdParam(), body: VoidBody, response: { 200: PaymentDto },
      handler: async ({ params, ctx, req }) => orError(await payments.void(ctx, params.id, { idempotencyKey: keyOf(req.headers) })),
    }),
    route({
      method: 'POST', url: '/admin/payments/:id/refund', access: write, tags, status: 200,
      summary: 'Refund all that is left (default) or part of it; 409 above captured minus refunded',
      params: IdParam(), body: RefundBody, response: { 200: PaymentDto },
      handler: async ({ params, body, ctx, req }) => orError(await payments.refund(ctx, params.id, { ...body, idempotencyKey: keyOf(req.headers) })),
    }),
    route({
      method: 'POST', url: '/webhooks/payments/:provider', access: access.public, tags: ['webhooks'], status: 200, captureRawBody: true,
      summary: 'Provider webhooks (Stripe: signed with Stripe-Signature); 400 payments.invalid_signature when the signature does not verify; a replayed event is applied once',
      params: Strict({ provider: Type.String({ minLength: 1, maxLength: 40 }) }),
      response: { 200: Type.Object({ received: Type.Boolean(), duplicate: Type.Boolean(), paymentId: Type.Union([Type.String(), Type.Null()]) }) },
      handler: async ({ params, ctx, req }) => {
        if (!req.rawBody) throw new AppError('payments.invalid_webhook', 'a webhook needs a JSON body', 400);
        return payments.handleWebhook(ctx, params.provider, req.rawBody, req.headers);
      },
    }),
  ];
}

/** What the environment configured: the providers checkout and staff can use, and when checkout takes the money. Read-only. */
export function paymentSettingsRoutes(info: { providers: string[]; captureMode: string; stripeWebhooks: boolean }): AnyRoute[] {
  return [
    route({
      method: 'GET', url: '/admin/payments/settings', access: access.staff('settings:manage'), tags,
      summary: 'The configured payment providers and capture mode (set by the environment: STRIPE_SECRET_KEY, CAPTURE_MODE)',
      response: { 200: Type.Object({
        providers: Type.Array(Type.Object({ name: Type.String(), webhooks: Type.Boolean({ description: 'signed webhooks are accepted (stripe needs STRIPE_WEBHOOK_SECRET)' }) })),
        captureMode: Type.String({ description: "'immediate' or 'fulfilment'" }),
      }) },
      handler: async () => ({
        providers: info.providers.map((name) => ({ name, webhooks: name === 'stripe' ? info.stripeWebhooks : false })),
        captureMode: info.captureMode,
      }),
    }),
  ];
}
