/**
 * Message understanding on every customer message, on every channel: language, intent, entities,
 * sentiment and urgency from the offline models (src/ai/ml/language), recorded on the message
 * through `recordAnalysis`, then the router acts on the new reading. It runs as an event consumer,
 * after the customer's request has been answered, so it never slows the chat, the email or the
 * SMS webhook down.
 */
import { understandMessage, type Entity } from '../../../ai/ml/language/index.js';
import type { Subscription } from '../../../platform/index.js';
import type { Assist } from '../service/assist.js';
import type { Router } from '../service/routing.js';

/** ISO 639-1 → 639-3 for the languages the store may set as its own. */
const ISO3: Record<string, string> = { en: 'eng', fr: 'fra', de: 'deu', es: 'spa', it: 'ita', nl: 'nld', pt: 'por' };

function entityValue(e: Entity): string {
  switch (e.type) {
    case 'amount': return `${e.value.minor}${e.value.currency ? ` ${e.value.currency}` : ''}`;
    case 'date': return e.value.iso ?? e.text;
    case 'product': return e.value.id ?? e.value.name;
    default: return e.value;
  }
}

export function understandMessagesSubscription(deps: { assist: Assist; router: Router; storeLanguage: string }): Subscription {
  return {
    consumer: 'support.understand_messages',
    types: ['support.message_received'],
    async handle(ctx, event) {
      const { messageId } = event.payload as { messageId: string };
      const m = await ctx.db.selectFrom('support_messages').select(['id', 'body', 'conversation_id', 'analysed_at']).where('id', '=', messageId).executeTakeFirst();
      // Already read (e.g. by the assistant on its own path): the router still gets its turn.
      if (m && !m.analysed_at) {
        const u = understandMessage(m.body, { referenceDate: ctx.clock.now(), defaultLanguage: ISO3[deps.storeLanguage] ?? 'eng' });
        await deps.assist.recordAnalysis(ctx, m.id, {
          language: u.language.code === 'und' ? null : u.language.code,
          intent: u.intent.intent,
          sentiment: Number(u.sentiment.score.toFixed(3)),
          urgency: u.urgency.score,
          entities: u.entities.map((e) => ({ type: e.type, value: entityValue(e) })),
        });
      }
      if (m) await deps.router.routeAfterAnalysis(ctx, m.conversation_id);
    },
  };
}
