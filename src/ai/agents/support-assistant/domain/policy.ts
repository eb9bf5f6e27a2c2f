/**
 * The dialogue policy: what the assistant does with one customer message, given what the
 * conversation has established so far. Pure — the agent performs the step (tools, reply) and
 * stores the updated dialogue. Hand-off wins over everything: on request, when the customer is
 * upset, in a language we cannot answer in, after repeated failed lookups, when unsure twice.
 */
import { angerSignals, asksForHuman, confirmation, emails, generalQuestion, injectionSignals, orderNumbers, returnReason, ruleIntent, type AssistIntent, type Lang } from './lexicon.js';

/** What the assistant read in one message (from the language models and the lexicon). */
export interface Turn {
  text: string;
  /** ISO 639-1 as detected (may be a language we do not answer in). */
  detected: string;
  lang: Lang | null;
  /** The intent model's answer (English only), before the phrase rules. */
  modelIntent: string;
  modelConfidence: number;
  intent: AssistIntent;
  sentiment: { label: string; score: number };
  urgency: { level: string; score: number; reasons: string[] };
  orderNumbers: number[];
  emails: string[];
  injection: string[];
  asksHuman: boolean;
  confirmation: 'yes' | 'no' | 'unclear';
  returnReason: string | null;
  /** The message names one of the store's products. */
  product: boolean;
  anger: boolean;
}

export type Want = 'status' | 'cancel' | 'return' | 'refund';

export interface Pending {
  action: 'cancel' | 'return';
  orderId: string;
  /** Return lines and reason, fixed when the question was asked. */
  lines?: { orderLineId: string; quantity: number }[];
  reason?: string;
  asked: number;
}

/** What a conversation has established, kept between messages. */
export interface Dialogue {
  lang: Lang | null;
  /** What the customer is trying to do, carried over while we ask for an order number or email. */
  want: Want | null;
  orderNumber: number | null;
  email: string | null;
  /** Orders this customer has proved are theirs (id → number). */
  verified: Record<string, number>;
  /** Emails proved by naming an order with them. */
  provedEmails: string[];
  pending: Pending | null;
  failedLookups: number;
  clarifications: number;
  handedOff: boolean;
  /** What the assistant did, for the hand-off summary. */
  tried: string[];
  turns: number;
}

export const newDialogue = (): Dialogue => ({
  lang: null, want: null, orderNumber: null, email: null, verified: {}, provedEmails: [], pending: null,
  failedLookups: 0, clarifications: 0, handedOff: false, tried: [], turns: 0,
});

export type HandOffReason = 'requested' | 'upset' | 'unsupported_language' | 'lookup_failed' | 'unsure' | 'needs_person' | 'outside_policy' | 'action_failed';

export type Step =
  | { kind: 'draft_only' }
  | { kind: 'handoff'; reason: HandOffReason }
  | { kind: 'confirm'; answer: 'yes' | 'no' }
  | { kind: 'confirm_again' }
  | { kind: 'order'; want: Want }
  | { kind: 'product' }
  | { kind: 'kb'; topic: AssistIntent; fallback: 'clarify' | 'handoff' }
  | { kind: 'greet' }
  | { kind: 'clarify' }
  | { kind: 'refuse_others' }
  /** Only instructions to the assistant, nothing a customer asks of the store. */
  | { kind: 'refuse_injection' };

const MODEL_TRUSTED = 0.45;

/** Reads one message: the models' findings plus the phrase rules of its language. */
export function readTurn(text: string, m: {
  detected: string; modelIntent: string; modelConfidence: number; sentiment: { label: string; score: number };
  urgency: { level: string; score: number; reasons: string[] };
  /** Whether the message names a product of the store (the agent matches names). */
  product?: boolean;
}, previous: Lang | null): Turn {
  const detected = m.detected;
  const short = text.trim().split(/\s+/).length <= 3;
  // A short reply ("oui", "1042", "ja bitte") keeps the conversation's language.
  let lang: Lang | null = detected === 'en' || detected === 'fr' || detected === 'de' ? detected : null;
  // A short reply ("yes", "1042", an email) carries no language of its own; nor does a conversation
  // that began in one of ours switch away on a mixed message ("Bestellung 1042, E-Mail a@b.c").
  if (previous && (short || detected === 'und' || !lang)) lang = previous;
  if (!lang && (detected === 'und' || (short && !/[^\x00-\x7f]/.test(text)))) lang = 'en';
  const rule = lang ? ruleIntent(text, lang) : null;
  let intent: AssistIntent = 'unknown';
  if (lang === 'en' && m.modelIntent !== 'unknown' && m.modelConfidence >= MODEL_TRUSTED) intent = m.modelIntent as AssistIntent;
  const anger = angerSignals(text);
  // "I have a problem" is not a complaint yet: too short to say what about.
  if (intent === 'complaint' && !anger && text.trim().split(/\s+/).length <= 5) intent = 'unknown';
  // Rules decide where the model cannot (French, German) or is unsure, and always for "a person".
  const orderRule = rule === 'order_status' || rule === 'cancel_order' || rule === 'return_item' || rule === 'refund';
  if (rule && (intent === 'unknown' || rule === 'human_agent' || lang !== 'en' || (orderRule && orderNumbers(text).length > 0))) intent = rule;
  if (intent === 'unknown' && lang === 'en' && m.modelIntent !== 'unknown' && m.modelIntent !== 'complaint') intent = m.modelIntent as AssistIntent;
  // Angry words are evidence of mood in any language (the sentiment model reads English only).
  const sentiment = anger && m.sentiment.label !== 'negative' ? { label: 'negative', score: Math.min(m.sentiment.score, -0.6) } : m.sentiment;
  return {
    text, detected, lang, modelIntent: m.modelIntent, modelConfidence: m.modelConfidence, intent,
    sentiment, urgency: m.urgency, orderNumbers: orderNumbers(text), emails: emails(text),
    injection: injectionSignals(text), asksHuman: asksForHuman(text), confirmation: confirmation(text), returnReason: returnReason(text),
    product: m.product ?? false, anger,
  };
}

/** Upset enough that a person should take over: angry words, threats, or strongly negative and pressing. */
export function upset(t: Turn): boolean {
  if (t.anger || t.urgency.reasons.includes('threatens escalation')) return true;
  const pressing = t.urgency.level === 'high' || t.urgency.reasons.includes('shouting') || t.urgency.reasons.includes('repeated contact');
  return t.sentiment.label === 'negative' && t.sentiment.score <= -0.6 && pressing;
}

const ORDER_WANTS: Partial<Record<AssistIntent, Want>> = { order_status: 'status', cancel_order: 'cancel', return_item: 'return', refund: 'refund' };
const NEEDS_PERSON: AssistIntent[] = ['delivery_problem', 'change_order', 'change_address', 'complaint'];
const POLICY_TOPICS: AssistIntent[] = ['shipping_info', 'payment_problem', 'account', 'invoice', 'discount'];

/** The next step for a message. */
export function decide(t: Turn, d: Dialogue): Step {
  if (d.handedOff) return { kind: 'draft_only' };
  if (!t.lang) return { kind: 'handoff', reason: 'unsupported_language' };
  if (t.asksHuman) return { kind: 'handoff', reason: 'requested' };
  if (upset(t)) return { kind: 'handoff', reason: 'upset' };
  if (d.pending) {
    const fresh = t.intent !== 'unknown' && t.intent !== 'greeting' && t.intent !== 'human_agent' && t.confirmation === 'unclear';
    if (t.confirmation !== 'unclear') return { kind: 'confirm', answer: t.confirmation };
    if (!fresh) return d.pending.asked >= 2 ? { kind: 'handoff', reason: 'unsure' } : { kind: 'confirm_again' };
  }
  // Only an order number or an email, after we asked for one: the answer to our question.
  if (d.want && (t.orderNumbers.length > 0 || t.emails.length > 0) && t.text.trim().split(/\s+/).length <= 6) return { kind: 'order', want: d.want };
  if (t.injection.includes("asks for other people's data") && !(ORDER_WANTS[t.intent] && t.orderNumbers.length)) return { kind: 'refuse_others' };
  if (t.intent === 'human_agent') return { kind: 'handoff', reason: 'requested' };
  // Money taken wrongly, an account at risk: a person checks the payment.
  if (t.urgency.reasons.includes('money or account at risk')) return { kind: 'handoff', reason: 'needs_person' };
  let want = ORDER_WANTS[t.intent];
  // An order number with nothing else understood: they want to know about that order.
  if (!want && t.intent === 'unknown' && t.orderNumbers.length) want = d.want ?? 'status';
  // "Until when can I cancel an order?" asks for the rule, not about an order of theirs.
  if (want && t.lang && !d.want && generalQuestion(t.text, t.lang)) return { kind: 'kb', topic: t.intent, fallback: 'clarify' };
  if (want) return { kind: 'order', want };
  if (t.product && !NEEDS_PERSON.includes(t.intent)) return { kind: 'product' };
  if (t.injection.length && (t.intent === 'unknown' || t.intent === 'greeting')) return { kind: 'refuse_injection' };
  if (t.intent === 'product_question') return { kind: 'product' };
  if (NEEDS_PERSON.includes(t.intent)) return { kind: 'handoff', reason: 'needs_person' };
  if (POLICY_TOPICS.includes(t.intent)) return { kind: 'kb', topic: t.intent, fallback: 'handoff' };
  if (t.intent === 'greeting') return { kind: 'greet' };
  // Only an order number or an email: the answer to our question about the order.
  if (d.want && (t.orderNumbers.length > 0 || t.emails.length > 0)) return { kind: 'order', want: d.want };
  return { kind: 'kb', topic: 'unknown', fallback: d.clarifications >= 1 ? 'handoff' : 'clarify' };
}

/** Folds a message's slots into the dialogue (order number, email, language, return reason). */
export function remember(d: Dialogue, t: Turn): Dialogue {
  return {
    ...d,
    lang: t.lang ?? d.lang,
    orderNumber: t.orderNumbers[0] ?? d.orderNumber,
    email: t.emails[0] ?? d.email,
    turns: d.turns + 1,
  };
}

export interface SummaryInput {
  reason: HandOffReason;
  who: { name: string | null; email: string | null; customerId: string | null };
  /** The customer's words, newest last. */
  messages: string[];
  intent: AssistIntent | null;
  want: Want | null;
  orders: string[];
  sentiment: { label: string; score: number };
  language: string;
  tried: string[];
  injection: string[];
}

export interface HandOffSummary {
  body: string;
  data: {
    reason: HandOffReason; customer: SummaryInput['who']; wants: string; intent: string | null; orders: string[];
    /** Order numbers the customer wrote that were not verified as theirs (the next agent checks before discussing them). */
    mentioned: string[];
    sentiment: { label: string; score: number }; language: string; tried: string[]; injection: string[];
  };
}

const REASON_WORDS: Record<HandOffReason, string> = {
  requested: 'the customer asked for a person',
  upset: 'the customer is upset',
  unsupported_language: 'the customer writes in a language the assistant does not answer in',
  lookup_failed: 'the order could not be verified after two attempts',
  unsure: 'the assistant could not tell what the customer needs',
  needs_person: 'this needs a person (the assistant cannot act on it)',
  outside_policy: 'the request is outside the store policy; an exception needs a person',
  action_failed: 'the store refused the action the customer confirmed',
};

const WANT_WORDS: Record<Want, string> = { status: 'to know where their order is', cancel: 'to cancel an order', return: 'to return items', refund: 'a refund' };

/** The hand-off note for the next agent: who, what they want, what was tried, orders, mood, language. */
export function handOffSummary(s: SummaryInput): HandOffSummary {
  const who = [s.who.name, s.who.email].filter(Boolean).join(' · ') || 'a guest (no name or email given)';
  const last = s.messages[s.messages.length - 1] ?? '';
  const wants = s.want ? WANT_WORDS[s.want] : s.intent && s.intent !== 'unknown' ? s.intent.replace(/_/g, ' ') : 'unclear';
  const quoted = last.length > 240 ? `${last.slice(0, 239)}…` : last;
  const mentioned = [...new Set(s.messages.flatMap(orderNumbers).map((n) => `#${n}`))].filter((n) => !s.orders.includes(n));
  const unverified = mentioned.length ? `; mentioned, not verified: ${mentioned.join(', ')} (check it is theirs before discussing it)` : '';
  const lines = [
    `Hand-off: ${REASON_WORDS[s.reason]}.`,
    `Customer: ${who}${s.who.customerId ? ' (signed in)' : ''}.`,
    `Wants: ${wants}. Last message: "${quoted}"`,
    `Orders: ${s.orders.length ? s.orders.join(', ') : 'none verified'}${unverified}.`,
    `Mood: ${s.sentiment.label} (${s.sentiment.score.toFixed(2)}). Language: ${s.language}.`,
    `Tried: ${s.tried.length ? s.tried.join('; ') : 'nothing yet'}.`,
  ];
  if (s.injection.length) lines.push(`Note: the message contained instructions to the assistant (${s.injection.join(', ')}); they were ignored.`);
  return {
    body: lines.join('\n'),
    data: { reason: s.reason, customer: s.who, wants, intent: s.intent, orders: s.orders, mentioned, sentiment: s.sentiment, language: s.language, tried: s.tried, injection: s.injection },
  };
}

/**
 * The sentences of a passage that best answer a question (by shared words): a contiguous slice of
 * the passage, so the quote can be checked against it character for character.
 */
export function bestSentences(passage: string, question: string, max = 2): string {
  const spans: { start: number; end: number }[] = [];
  const re = /[^.!?]+(?:[.!?]+|$)/g;
  for (const m of passage.matchAll(re)) {
    const lead = m[0].length - m[0].trimStart().length;
    const text = m[0].trim();
    if (text) spans.push({ start: m.index! + lead, end: m.index! + lead + text.length });
  }
  if (spans.length === 0) return passage.trim();
  const words = new Set(question.toLowerCase().match(/\p{L}{3,}/gu) ?? []);
  const score = (i: number) => (passage.slice(spans[i].start, spans[i].end).toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter((w) => words.has(w)).length;
  let best = 0, bestScore = -1;
  for (let i = 0; i < spans.length; i++) {
    let s = 0;
    for (let j = i; j < Math.min(spans.length, i + max); j++) s += score(j);
    if (s > bestScore) { best = i; bestScore = s; }
  }
  const last = Math.min(spans.length, best + max) - 1;
  return passage.slice(spans[best].start, spans[last].end);
}
