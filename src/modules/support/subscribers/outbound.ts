/**
 * Answers leave on the channel the customer wrote on: an agent's (or the assistant's) reply in an
 * email conversation is queued as an email through the notifications outbox, threaded with
 * In-Reply-To and References on the customer's latest mail; in an SMS conversation it goes out as
 * an SMS by a job (retried with backoff). Chat answers need nothing: the widget reads them.
 */
import { enqueueJob, type JobDefinition, type Logger, type SmsSender, type Subscription } from '../../../platform/index.js';
import { escapeHtml } from '../domain/templates.js';
import type { SupportUses } from '../service/uses.js';

export const SEND_SMS_JOB = 'support.send_sms';

export interface OutboundDeps { uses: SupportUses; sms: SmsSender; smsFrom: string; mailDomain: string; log: Logger }

export function outboundSubscription(deps: OutboundDeps): Subscription {
  return {
    consumer: 'support.outbound',
    types: ['support.agent_replied', 'support.assistant_replied'],
    async handle(ctx, event) {
      const { messageId } = event.payload as { messageId: string };
      const m = await ctx.db.selectFrom('support_messages').selectAll().where('id', '=', messageId).executeTakeFirst();
      if (!m) return;
      const c = await ctx.db.selectFrom('support_conversations').selectAll().where('id', '=', m.conversation_id).executeTakeFirst();
      if (!c) return;
      if (c.channel === 'email' && c.email) {
        if (!deps.uses.notifications) { deps.log.warn({ conversationId: c.id }, 'no mail outbox wired; an email answer was not sent'); return; }
        const ours = `${m.id}@${deps.mailDomain}`;
        await ctx.db.updateTable('support_messages').set({ external_id: `email:${ours}` }).where('id', '=', m.id).where('external_id', 'is', null).execute();
        const earlier = await ctx.db.selectFrom('support_messages').select('external_id').where('conversation_id', '=', c.id).where('external_id', 'like', 'email:%')
          .where('id', '!=', m.id).orderBy('created_at').limit(20).execute();
        const references = earlier.map((r: any) => `<${String(r.external_id).slice(6)}>`);
        const text = `${m.body}\n\n—\nReply to this email to continue the conversation.`;
        const html = `<div>${escapeHtml(m.body).replace(/\r?\n/g, '<br>')}</div><p style="color:#666">Reply to this email to continue the conversation.</p>`;
        await deps.uses.notifications.queueMessage(ctx, {
          kind: 'support_reply', eventId: event.id, to: c.email, subject: `Re: ${c.subject ?? 'your message'}`, text, html,
          messageId: `<${ours}>`, inReplyTo: c.email_reference ? `<${c.email_reference}>` : undefined, references: references.length ? references : undefined,
        });
      } else if (c.channel === 'sms' && c.phone) {
        await enqueueJob(ctx, SEND_SMS_JOB, { messageId: m.id }, { key: `${SEND_SMS_JOB}:${m.id}` });
      }
    },
  };
}

export function sendSmsJob(deps: OutboundDeps): JobDefinition<{ messageId: string }> {
  return {
    name: SEND_SMS_JOB,
    async handle(ctx, payload) {
      const m = await ctx.db.selectFrom('support_messages').selectAll().where('id', '=', payload.messageId).executeTakeFirst();
      // Sent already (a retried job after the provider accepted it).
      if (!m || m.external_id) return;
      const c = await ctx.db.selectFrom('support_conversations').select(['phone']).where('id', '=', m.conversation_id).executeTakeFirst();
      if (!c?.phone) return;
      const sent = await deps.sms.send({ to: `+${c.phone}`, from: deps.smsFrom, body: m.body.slice(0, 1600) });
      await ctx.db.updateTable('support_messages').set({ external_id: `sms:${sent.id}` }).where('id', '=', m.id).execute();
    },
  };
}
