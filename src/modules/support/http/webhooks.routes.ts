/**
 * Inbound channels: an email provider (or a relay in front of the mailbox) and an SMS provider
 * POST each message here, signed with the shared secret (`X-Emporia-Signature`, see
 * domain/webhook-signature.ts). A wrong or missing signature is a 401 and nothing is read.
 */
import { access, route, type AnyRoute } from '../../../platform/index.js';
import { InboundAnswer, InboundEmailBody, InboundSmsBody } from '../contracts/schemas.js';
import type { SupportService } from '../contracts/service.js';

const tags = ['webhooks'];
const description = 'Signed with `X-Emporia-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` and the shared secret; '
  + 'a timestamp more than five minutes away, a wrong signature or no configured secret is a 401 `support.invalid_signature`.';

export function supportWebhookRoutes(support: SupportService): AnyRoute[] {
  return [
    route({
      method: 'POST', url: '/webhooks/support/email', access: access.public, tags, status: 200, captureRawBody: true, rateLimit: 600, description,
      summary: 'An inbound support email: threaded into the conversation it replies to, else the sender\'s open email conversation, else a new one',
      body: InboundEmailBody, response: { 200: InboundAnswer },
      handler: async ({ body, ctx, req }) => {
        support.verifyWebhook(ctx, 'email', req.rawBody, req.headers);
        return support.inboundEmail(ctx, body);
      },
    }),
    route({
      method: 'POST', url: '/webhooks/support/sms', access: access.public, tags, status: 200, captureRawBody: true, rateLimit: 600, description,
      summary: 'An inbound support SMS: joins the open SMS conversation of that number (or of the customer it belongs to), else starts one',
      body: InboundSmsBody, response: { 200: InboundAnswer },
      handler: async ({ body, ctx, req }) => {
        support.verifyWebhook(ctx, 'sms', req.rawBody, req.headers);
        return support.inboundSms(ctx, body);
      },
    }),
  ];
}
