/**
 * The conversation lifecycle as a transition table, and the actions staff may take in each state.
 * `open` waits for the store (new, or the customer wrote last); `pending` waits for the customer
 * (an agent replied); `resolved` is done but reopens when the customer writes again; `closed` is
 * final (a customer who writes afterwards starts a new conversation).
 */
export const CONVERSATION_STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ['chat', 'email', 'sms'] as const;
export type SupportChannel = (typeof CHANNELS)[number];

/** Who wrote a message. `assistant` is reserved for the support assistant's own replies. */
export const AUTHOR_KINDS = ['customer', 'agent', 'system', 'assistant'] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];

export const CONVERSATION_TRANSITIONS: Record<ConversationStatus, readonly ConversationStatus[]> = {
  open: ['pending', 'resolved', 'closed'],
  pending: ['open', 'resolved', 'closed'],
  resolved: ['open', 'pending', 'closed'],
  closed: [],
};

export type StaffAction = 'reply' | 'note' | 'assign' | 'escalate' | 'resolve' | 'reopen' | 'close';

/** What the console offers for a conversation in this state (read from the same table). */
export function actionsFor(status: ConversationStatus): StaffAction[] {
  const next = CONVERSATION_TRANSITIONS[status];
  const out: StaffAction[] = ['note'];
  // Answering keeps (or puts) the conversation in pending, from any state but closed.
  if (status !== 'closed') out.push('reply', 'assign', 'escalate');
  if (next.includes('resolved')) out.push('resolve');
  if (status === 'resolved') out.push('reopen');
  if (next.includes('closed')) out.push('close');
  return out;
}

export const canMove = (from: ConversationStatus, to: ConversationStatus): boolean => CONVERSATION_TRANSITIONS[from].includes(to);

/** Where a customer's message puts the conversation: waiting on the store again. */
export const statusAfterCustomerMessage = (s: ConversationStatus): ConversationStatus => (s === 'closed' ? 'closed' : 'open');

/** First-response targets by priority, in minutes: the SLA clock the inbox shows. */
export const FIRST_RESPONSE_MINUTES: Record<Priority, number> = { urgent: 15, high: 60, normal: 240, low: 1440 };

/** When the first answer is due, and whether that moment passed without one. */
export function slaOf(c: { createdAt: string; priority: Priority; firstResponseAt: string | null }, now: Date): { firstResponseDueAt: string; breached: boolean } {
  const due = new Date(Date.parse(c.createdAt) + FIRST_RESPONSE_MINUTES[c.priority] * 60_000);
  const answeredAt = c.firstResponseAt ? Date.parse(c.firstResponseAt) : null;
  const breached = answeredAt == null ? now.getTime() > due.getTime() : answeredAt > due.getTime();
  return { firstResponseDueAt: due.toISOString(), breached };
}

/** Escalation raises priority to at least `high`. */
export const escalatedPriority = (p: Priority): Priority => (PRIORITIES.indexOf(p) < PRIORITIES.indexOf('high') ? 'high' : p);
