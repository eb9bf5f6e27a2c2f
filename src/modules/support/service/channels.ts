/**
 * Email and SMS into conversations. A signed webhook (the secret from config) delivers each
 * inbound message; it is threaded into the conversation it belongs to: the email thread it
 * replies to (In-Reply-To / References, from the same address), else the customer's conversation
 * still going on that channel (a known account by email or phone, or the same address or number),
 * else a new one. A provider that delivers the same message twice adds it once.
 */
import { AppError, validationError } from '../../../kernel/index.js';
import { inTransaction, withDb, type Ctx } from '../../../platform/index.js';
import { hashGuestToken, newGuestToken } from '../domain/guest-token.js';
import { htmlToText, parseMailbox, phoneDigits, replyText } from '../domain/inbound.js';
import { SIGNATURE_HEADER, verifyWebhook } from '../domain/webhook-signature.js';
import type { InboundEmail, InboundResult, InboundSms } from '../contracts/service.js';
import type { Conversations } from './conversations.js';
import type { SupportUses } from './uses.js';


export interface ChannelSecrets { email?: string; sms?: string }

/** A Message-ID without its angle brackets, as stored and compared. */
export const bareMessageId = (id: string) => id.trim().replace(/^<|>$/g, '').trim();

const invalidSignature = (message: string) => new AppError('support.invalid_signature', message, 401);

export class Channels {
  constructor(private uses: SupportUses, private conversations: Conversations, private secrets: ChannelSecrets) {}

  /** Refuses a webhook whose signature does not verify (401), before anything is read from it. */
  verify(ctx: Ctx, channel: 'email' | 'sms', rawBody: Buffer | undefined, headers: Record<string, string | string[] | undefined>): void {
    const secret = this.secrets[channel];
    if (!secret) throw invalidSignature(`SUPPORT_${channel.toUpperCase()}_WEBHOOK_SECRET is not set; ${channel} webhooks are refused`);
    const h = headers[SIGNATURE_HEADER];
    const verdict = verifyWebhook(rawBody ?? Buffer.alloc(0), Array.isArray(h) ? h[0] : h, secret, ctx.clock.now());
    if (!verdict.ok) throw invalidSignature(verdict.reason);
  }

  private async duplicate(ctx: Ctx, externalId: string): Promise<InboundResult | null> {
    const m = await ctx.db.selectFrom('support_messages').select(['id', 'conversation_id']).where('external_id', '=', externalId).executeTakeFirst();
    return m ? { conversationId: m.conversation_id, messageId: m.id, created: false, duplicate: true } : null;
  }

  async email(ctx: Ctx, input: InboundEmail): Promise<InboundResult> {
    const sender = parseMailbox(input.from);
    if (!sender) throw validationError('from is not an email address', [{ field: 'body.from', message: 'must be an address like ann@example.com or Ann <ann@example.com>' }]);
    const mid = bareMessageId(input.messageId);
    if (!mid) throw validationError('messageId is empty', [{ field: 'body.messageId', message: 'must be the Message-ID header' }]);
    const full = input.text?.trim() ? input.text : input.html ? htmlToText(input.html) : '';
    const body = (replyText(full) || full.trim()).slice(0, 4000);
    if (!body) throw validationError('the email has no text', [{ field: 'body.text', message: 'text or html must hold the message' }]);
    const externalId = `email:${mid}`;
    const seen = await this.duplicate(ctx, externalId);
    if (seen) return seen;
    const customer = await this.uses.customers.findByContact(ctx, { email: sender.email });
    const refs = [input.inReplyTo, ...(input.references ?? [])].filter((x): x is string => !!x).map((x) => `email:${bareMessageId(x)}`);
    return inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      let id: string | null = null;
      if (refs.length) {
        // The thread it answers, but only from the address that thread belongs to.
        const hit = await tx.selectFrom('support_messages as m').innerJoin('support_conversations as c', 'c.id', 'm.conversation_id')
          .select(['c.id', 'c.email', 'c.customer_id']).where('m.external_id', 'in', refs).where('c.status', '!=', 'closed').where('c.channel', '=', 'email')
          .orderBy('m.created_at', 'desc').limit(1).executeTakeFirst();
        if (hit && (hit.email === sender.email || (customer && hit.customer_id === customer.id))) id = hit.id;
      }
      if (!id) {
        const open = await tx.selectFrom('support_conversations').select('id').where('channel', '=', 'email').where('status', 'in', ['open', 'pending'])
          .where((eb) => (customer ? eb('customer_id', '=', customer.id) : eb.and([eb('customer_id', 'is', null), eb('email', '=', sender.email)])))
          .orderBy('last_message_at', 'desc').limit(1).executeTakeFirst();
        id = open?.id ?? null;
      }
      let created = false;
      if (!id) {
        created = true;
        const name = customer ? `${customer.firstName} ${customer.lastName}`.trim() || sender.name : sender.name;
        id = await this.conversations.createIn(t, {
          channel: 'email', customerId: customer?.id ?? null, guestTokenHash: null, email: customer?.email ?? sender.email, name,
          subject: input.subject?.trim().replace(/^(re|fw|fwd|aw|tr)\s*:\s*/i, '').slice(0, 200) || null, locale: null,
        });
      }
      const messageId = await this.conversations.customerMessageIn(t, id, body, externalId);
      await tx.updateTable('support_conversations').set({ email_reference: mid }).where('id', '=', id).execute();
      return { conversationId: id, messageId, created, duplicate: false };
    });
  }

  async sms(ctx: Ctx, input: InboundSms): Promise<InboundResult> {
    const phone = phoneDigits(input.from);
    if (!phone) throw validationError('from is not a phone number', [{ field: 'body.from', message: 'must be a phone number like +14155550100' }]);
    const body = input.body.trim().slice(0, 4000);
    if (!body) throw validationError('the message is empty', [{ field: 'body.body', message: 'must not be empty' }]);
    const externalId = input.messageId ? `sms:${input.messageId}` : null;
    if (externalId) {
      const seen = await this.duplicate(ctx, externalId);
      if (seen) return seen;
    }
    const customer = await this.uses.customers.findByContact(ctx, { phone });
    return inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const open = await tx.selectFrom('support_conversations').select('id').where('channel', '=', 'sms').where('status', '!=', 'closed')
        .where((eb) => (customer ? eb.or([eb('customer_id', '=', customer.id), eb('phone', '=', phone)]) : eb('phone', '=', phone)))
        .orderBy('last_message_at', 'desc').limit(1).executeTakeFirst();
      let id = open?.id ?? null;
      const created = !id;
      if (!id) {
        id = await this.conversations.createIn(t, {
          channel: 'sms', customerId: customer?.id ?? null,
          // Nobody reads an SMS conversation on the web: its web secret is one no one holds.
          guestTokenHash: customer ? null : hashGuestToken(newGuestToken()),
          email: customer?.email ?? null, phone, name: customer ? `${customer.firstName} ${customer.lastName}`.trim() || null : null, subject: null, locale: null,
        });
      }
      const messageId = await this.conversations.customerMessageIn(t, id, body, externalId);
      return { conversationId: id, messageId, created, duplicate: false };
    });
  }
}
