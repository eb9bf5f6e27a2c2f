/** Staff routes of recommendation mail: the segments, starting a campaign for one, and following its progress. Thin. */
import { Type } from '@sinclair/typebox';
import { access, IdParam, Nullable, route, Strict, type AnyRoute } from '../../../platform/index.js';
import type { RecommendationMail } from './service.js';

const tags = ['admin: marketing'];
// Mailing customers is customer work; seeing who is in which segment needs only reading them.
const read = access.staff('customers:read');
const write = access.staff('customers:write');

const Campaign = Type.Object({
  id: Type.String(), segment: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('completed'), Type.Literal('failed')]),
  total: Type.Integer({ description: 'members of the segment when the campaign started' }), processed: Type.Integer(),
  queued: Type.Integer({ description: 'emails queued in the mail outbox' }), skipped: Type.Integer({ description: 'no consent, disabled account or nothing to recommend' }),
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
  error: Nullable(Type.String()), createdBy: Type.String(), createdAt: Type.String(), startedAt: Nullable(Type.String()), finishedAt: Nullable(Type.String()),
});

export function recommendationMailRoutes(mail: RecommendationMail): AnyRoute[] {
  return [
    route({
      method: 'GET', url: '/admin/recommendation-campaigns/segments', access: read, tags,
      summary: 'Customer segments from the store\'s orders (RFM k-means named like "Champions" or "At risk"), with sizes, to pick for a recommendation email',
      query: Strict({ fresh: Type.Optional(Type.Boolean({ description: 'recompute now instead of using the last minute\'s answer' })) }),
      response: { 200: Type.Object({
        segments: Type.Array(Type.Object({ name: Type.String(), description: Type.String(), size: Type.Integer() })),
        customers: Type.Integer(), method: Type.Union([Type.Literal('kmeans'), Type.Literal('rfm_rules')]),
      }) },
      handler: async ({ query, ctx }) => {
        const s = await mail.segments(ctx, query.fresh ?? false);
        return { segments: s.segments, customers: s.customers, method: s.method };
      },
    }),
    route({
      method: 'POST', url: '/admin/recommendation-campaigns', access: write, tags, status: 202,
      summary: 'Email every customer of a segment their personal recommendations (with reasons), as a background job; poll the campaign for progress',
      description: 'Each customer is mailed at most once per campaign (also when the job is retried); customers without marketing consent are skipped. Send an Idempotency-Key so a retried request does not start a second campaign.',
      body: Strict({ segment: Type.String({ minLength: 1, maxLength: 120 }) }),
      response: { 202: Campaign },
      handler: async ({ body, ctx }) => mail.create(ctx, body),
    }),
    route({
      method: 'GET', url: '/admin/recommendation-campaigns', access: read, tags, summary: 'Recommendation email campaigns, newest first',
      query: Strict({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }),
      response: { 200: Type.Object({ items: Type.Array(Campaign) }) },
      handler: async ({ query, ctx }) => ({ items: await mail.list(ctx, query.limit) }),
    }),
    route({
      method: 'GET', url: '/admin/recommendation-campaigns/:id', access: read, tags, summary: 'A campaign with its progress (total, processed, queued, skipped, percent)',
      params: IdParam(), response: { 200: Campaign },
      handler: async ({ params, ctx }) => mail.get(ctx, params.id),
    }),
    route({
      method: 'GET', url: '/admin/recommendation-campaigns/:id/recipients', access: read, tags, summary: 'What happened to each member of the segment (queued with the message id, or skipped and why)',
      params: IdParam(), query: Strict({ limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }) }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({
        customerId: Type.String(), status: Type.Union([Type.Literal('pending'), Type.Literal('queued'), Type.Literal('skipped')]),
        reason: Nullable(Type.String()), notificationId: Nullable(Type.String()), items: Type.Integer(),
      })) }) },
      handler: async ({ params, query, ctx }) => ({ items: await mail.recipients(ctx, params.id, query.limit) }),
    }),
  ];
}
