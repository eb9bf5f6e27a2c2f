/** Offers a satisfaction survey when a conversation is resolved, by staff or by the assistant. */
import type { Subscription } from '../../../platform/index.js';
import type { Csat } from '../service/csat.js';

export function csatRequestsSubscription(csat: Csat): Subscription {
  return {
    consumer: 'support.csat_requests',
    types: ['support.resolved', 'support.assistant_replied'],
    async handle(ctx, event) {
      const p = event.payload as { conversationId: string; resolved?: boolean };
      if (event.type === 'support.assistant_replied' && !p.resolved) return;
      await csat.request(ctx, p.conversationId, event.id);
    },
  };
}
