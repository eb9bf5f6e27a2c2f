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

/** First-response targets by priority, in minutes: the SLA clock the inbox shows (defaults; SUPPORT_SLA_FIRST_RESPONSE changes them). */
export const FIRST_RESPONSE_MINUTES: Record<Priority, number> = { urgent: 15, high: 60, normal: 240, low: 1440 };
/** Resolution targets by priority, in minutes (defaults; SUPPORT_SLA_RESOLUTION changes them). */
export const RESOLUTION_MINUTES: Record<Priority, number> = { urgent: 240, high: 1440, normal: 2880, low: 10080 };

export interface SlaTargets { firstResponse: Record<Priority, number>; resolution: Record<Priority, number> }
export const DEFAULT_SLA: SlaTargets = { firstResponse: FIRST_RESPONSE_MINUTES, resolution: RESOLUTION_MINUTES };

export interface SlaState { firstResponseDueAt: string; breached: boolean; resolutionDueAt: string; resolutionBreached: boolean }

/** When the first answer and the resolution are due, and whether either moment passed without it. */
export function slaOf(
  c: { createdAt: string; priority: Priority; firstResponseAt: string | null; resolvedAt?: string | null },
  now: Date, targets: SlaTargets = DEFAULT_SLA,
): SlaState {
  const start = Date.parse(c.createdAt);
  const due = new Date(start + targets.firstResponse[c.priority] * 60_000);
  const answeredAt = c.firstResponseAt ? Date.parse(c.firstResponseAt) : null;
  const breached = answeredAt == null ? now.getTime() > due.getTime() : answeredAt > due.getTime();
  const resolutionDue = new Date(start + targets.resolution[c.priority] * 60_000);
  const resolvedAt = c.resolvedAt ? Date.parse(c.resolvedAt) : null;
  const resolutionBreached = resolvedAt == null ? now.getTime() > resolutionDue.getTime() : resolvedAt > resolutionDue.getTime();
  return { firstResponseDueAt: due.toISOString(), breached, resolutionDueAt: resolutionDue.toISOString(), resolutionBreached };
}

/** Reads `urgent=15,high=60,…` (minutes per priority) over the defaults. */
export function parseSlaTargets(raw: string[] | undefined, defaults: Record<Priority, number>, name: string): Record<Priority, number> {
  const out = { ...defaults };
  for (const part of raw ?? []) {
    const m = /^(low|normal|high|urgent)\s*[=:]\s*(\d{1,7})$/.exec(part.trim());
    if (!m || Number(m[2]) < 1) throw new Error(`${name}: '${part}' must look like urgent=15 (minutes, at least 1)`);
    out[m[1] as Priority] = Number(m[2]);
  }
  return out;
}

/** Escalation raises priority to at least `high`. */
export const escalatedPriority = (p: Priority): Priority => (PRIORITIES.indexOf(p) < PRIORITIES.indexOf('high') ? 'high' : p);
