/**
 * Routing: which queue a conversation belongs in and how urgent it is, from what message
 * understanding found (intent, language, sentiment, urgency) and what the customer is worth to
 * the store. Plain rules, each with the reason the console shows ("returns: asks about a return").
 */
import { PRIORITIES, type Priority } from './status.js';

/** The queues the router fills; staff may also create their own by naming them. */
export const ROUTING_QUEUES = ['orders', 'returns', 'billing', 'product', 'general', 'priority', 'senior'] as const;

const INTENT_QUEUE: Record<string, string> = {
  order_status: 'orders', cancel_order: 'orders', change_order: 'orders', change_address: 'orders', delivery_problem: 'orders', shipping_info: 'orders',
  return_item: 'returns', refund: 'returns',
  payment_problem: 'billing', invoice: 'billing', discount: 'billing',
  product_question: 'product',
  account: 'general', complaint: 'general', human_agent: 'general', greeting: 'general', unknown: 'general',
};

export interface RoutingInput {
  intent: string | null;
  language: string | null;
  /** −1 … 1 */
  sentiment: number | null;
  /** 0 … 1 */
  urgency: number | null;
  /** The customer's spend in minor units (their main currency), when known. */
  spend: number | null;
  vipSpend: number;
  /** The store's language: messages in another language go to that language's queue. */
  storeLanguage: string;
}

export interface RoutingDecision { queue: string; priority: Priority; vip: boolean; reasons: string[] }

/** The queue for a language the store does not write in by default, e.g. `lang-fr`. */
export const languageQueue = (language: string) => `lang-${language}`;

export function route(input: RoutingInput): RoutingDecision {
  const reasons: string[] = [];
  let queue: string;
  const lang = input.language && input.language !== 'und' ? input.language : null;
  if (lang && lang !== input.storeLanguage) {
    // The intent model reads English only; a person who reads the language sorts the rest.
    queue = languageQueue(lang);
    reasons.push(`written in ${lang}`);
  } else {
    queue = INTENT_QUEUE[input.intent ?? 'unknown'] ?? 'general';
    reasons.push(input.intent && input.intent !== 'unknown' ? `intent ${input.intent}` : 'intent not recognised');
  }
  const vip = input.spend != null && input.spend >= input.vipSpend;
  let points = 0;
  const urgency = input.urgency ?? 0;
  if (urgency >= 0.6) { points += 2; reasons.push('urgent wording'); } else if (urgency >= 0.3) { points += 1; reasons.push('some urgency'); }
  if ((input.sentiment ?? 0) <= -0.5) { points += 1; reasons.push('upset'); }
  if (vip) { points += 1; reasons.push('high-value customer'); }
  let priority: Priority = points >= 3 ? 'urgent' : points >= 2 ? 'high' : 'normal';
  if (points === 0 && input.intent === 'greeting' && (input.sentiment ?? 0) > 0.25) priority = 'low';
  return { queue, priority, vip, reasons };
}

/** The higher of two priorities: routing raises priority, it never lowers what staff chose. */
export const maxPriority = (a: Priority, b: Priority): Priority => (PRIORITIES.indexOf(a) >= PRIORITIES.indexOf(b) ? a : b);
