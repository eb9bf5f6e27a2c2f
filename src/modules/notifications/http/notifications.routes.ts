/** Notification routes: staff edit and preview the message templates, see what was sent and retry what failed. Thin. */
import { Type } from '@sinclair/typebox';
import { access, Cursor, Limit, Nullable, Page, route, Strict, type AnyRoute } from '../../../platform/index.js';
import { notFound } from '../../../kernel/index.js';
import { NOTIFICATION_KINDS, NOTIFICATION_STATUSES, type NotificationKind, type NotificationsService } from '../contracts/service.js';

// Customer messages are a store setting; whether one went out is everyday order work.
const manage = access.staff('settings:manage');
const read = access.staff('orders:read');
// Sending a failed message again (e.g. once the address or the mail server is fixed) is order work too.
const write = access.staff('orders:write');
const tags = ['admin: notifications'];

const Kind = Type.Union(NOTIFICATION_KINDS.map((k) => Type.Literal(k)));
const Status = Type.Union(NOTIFICATION_STATUSES.map((s) => Type.Literal(s)));
const Locale = Type.String({ minLength: 2, maxLength: 35, pattern: '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$', description: 'a language tag, e.g. en, fr or fr-CA' });
// Path parameters stay loose so a bad body is reported as such; the kind and language are checked in the handler.
const TemplateParams = Strict({ kind: Type.String({ minLength: 1, maxLength: 40 }), locale: Type.String({ minLength: 1, maxLength: 35 }) });

const kindOf = (kind: string): NotificationKind => {
  if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) throw notFound('notifications.unknown_kind', 'message kind', kind);
  return kind as NotificationKind;
};

const syntax = 'Template language: {{name}}, {{#if name}}…{{else}}…{{/if}}, {{#each lines}}…{{/each}}; every value is HTML-escaped in the HTML part.';
const Parts = Strict({
  subject: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: `the subject line. ${syntax}` })),
  text: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000, description: 'the plain-text body' })),
  html: Type.Optional(Type.String({ minLength: 1, maxLength: 100_000, description: 'the HTML body' })),
});

const TemplateDto = Type.Object({
  kind: Type.String(), locale: Type.String(), subject: Type.String(), text: Type.String(), html: Type.String(),
  custom: Type.Boolean(), updatedAt: Nullable(Type.String()),
});
const RenderedDto = Type.Object({ locale: Type.String(), subject: Type.String(), text: Type.String(), html: Type.String() });
const NotificationDto = Type.Object({
  id: Type.String(), kind: Type.String(), eventId: Type.String(), orderId: Nullable(Type.String()), to: Type.String(), subject: Type.String(),
  locale: Type.String(), status: Type.String(), error: Nullable(Type.String()),
  attempts: Type.Integer(), nextAttemptAt: Nullable(Type.String()), sentAt: Nullable(Type.String()), createdAt: Type.String(),
});

export function notificationsRoutes(notifications: NotificationsService): AnyRoute[] {
  return [
    route({
      method: 'GET', url: '/admin/notifications', access: read, tags, summary: 'Messages to shoppers, queued and sent, newest first (filter by order, kind, status)',
      query: Strict({
        orderId: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })), kind: Type.Optional(Kind), status: Type.Optional(Status),
        limit: Limit(200, 50), cursor: Type.Optional(Cursor),
      }),
      response: { 200: Page(NotificationDto) },
      handler: async ({ query, ctx }) => notifications.list(ctx, query),
    }),
    route({
      method: 'POST', url: '/admin/notifications/:id/retry', access: write, tags, status: 200,
      summary: 'Queue a failed message again, due now, with its attempts counted from zero',
      params: Strict({ id: Type.String({ minLength: 1, maxLength: 120 }) }), response: { 200: NotificationDto },
      handler: async ({ params, ctx }) => notifications.retry(ctx, params.id),
    }),
    route({
      method: 'GET', url: '/admin/notifications/templates', access: manage, tags,
      summary: 'Message templates of every kind and language, the merchant\'s changes applied',
      query: Strict({ kind: Type.Optional(Kind), locale: Type.Optional(Locale) }),
      response: { 200: Type.Object({ items: Type.Array(TemplateDto) }) },
      handler: async ({ query, ctx }) => ({ items: await notifications.listTemplates(ctx, query) }),
    }),
    route({
      method: 'GET', url: '/admin/notifications/templates/:kind/:locale', access: manage, tags, summary: 'The template used for a kind of message in a language',
      params: TemplateParams, response: { 200: TemplateDto },
      handler: async ({ params, ctx }) => notifications.getTemplate(ctx, kindOf(params.kind), params.locale),
    }),
    route({
      method: 'PUT', url: '/admin/notifications/templates/:kind/:locale', access: manage, tags,
      summary: 'Change a template\'s subject, text or HTML for one language (parts not sent keep their current text)',
      params: TemplateParams, body: Strict(Parts.properties, { minProperties: 1 }), response: { 200: TemplateDto },
      handler: async ({ params, body, ctx }) => notifications.saveTemplate(ctx, kindOf(params.kind), params.locale, body),
    }),
    route({
      method: 'DELETE', url: '/admin/notifications/templates/:kind/:locale', access: manage, tags, status: 204,
      summary: 'Go back to the built-in template for one language',
      params: TemplateParams,
      handler: async ({ params, ctx }) => { await notifications.resetTemplate(ctx, kindOf(params.kind), params.locale); },
    }),
    route({
      method: 'POST', url: '/admin/notifications/templates/:kind/:locale/preview', access: manage, tags, status: 200,
      summary: 'Render the template (or a draft of some of its parts) with sample data',
      params: TemplateParams, body: Parts, response: { 200: RenderedDto },
      handler: async ({ params, body, ctx }) => notifications.preview(ctx, kindOf(params.kind), params.locale, body ?? {}),
    }),
  ];
}
