/** Request and response shapes of the support HTTP API (store side and staff side). */
import { Type, type Static } from '@sinclair/typebox';
import { Cursor, Limit, Nullable, Strict } from '../../../platform/index.js';
import { CONVERSATION_STATUSES, PRIORITIES } from '../domain/status.js';

const lit = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Ref = Type.String({ minLength: 1, maxLength: 120 });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Queue = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9][a-z0-9_-]*$', description: 'queue name, e.g. general or senior' });
const Tag = Type.String({ minLength: 1, maxLength: 40, pattern: '^[^\\s,][^,]*$' });

export const StatusSchema = lit(CONVERSATION_STATUSES);
export const PrioritySchema = lit(PRIORITIES);

// ----- store side -----

export const StartConversationBody = Strict({
  message: Text(4000),
  email: Type.Optional(Type.String({ maxLength: 254, format: 'email', description: 'a guest may leave an email for the answer' })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  subject: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  locale: Type.Optional(Type.String({ minLength: 2, maxLength: 12, pattern: '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$' })),
});
export const CustomerMessageBody = Strict({ body: Text(4000) });

export const PublicMessageDto = Type.Object({
  id: Type.String(),
  author: Type.Object({ kind: Type.String({ description: 'customer, agent, system or assistant' }), name: Nullable(Type.String()) }),
  body: Type.String(),
  createdAt: Type.String(),
});
export type PublicMessageDto = Static<typeof PublicMessageDto>;

export const PublicConversationDto = Type.Object({
  id: Type.String(), channel: Type.String(), status: Type.String(), subject: Nullable(Type.String()),
  email: Nullable(Type.String()), name: Nullable(Type.String()),
  createdAt: Type.String(), updatedAt: Type.String(),
  messages: Type.Array(PublicMessageDto),
  csat: Nullable(Type.Object({
    rating: Nullable(Type.Integer()), answeredAt: Nullable(Type.String()),
  }, { description: 'the satisfaction survey offered after resolution (rate it with POST …/csat); null when none was offered' })),
});
export type PublicConversationDto = Static<typeof PublicConversationDto>;

export const StartAnswer = Type.Object({
  conversation: PublicConversationDto,
  token: Nullable(Type.String({ description: 'guests only, shown once: send it back as `x-support-token`' })),
  created: Type.Boolean({ description: 'false when a signed-in customer already had an open conversation (the message joined it)' }),
});

export const PublicConversationSummary = Type.Object({
  id: Type.String(), status: Type.String(), subject: Nullable(Type.String()), lastMessageAt: Type.String(), lastMessagePreview: Type.String(), createdAt: Type.String(),
});

// ----- staff side -----

export const InboxQuery = Strict({
  status: Type.Optional(Type.Union([StatusSchema, Type.Literal('active')], { description: '`active` is open and pending together' })),
  assignee: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'a staff id, or `me`' })),
  unassigned: Type.Optional(Type.Boolean()),
  escalated: Type.Optional(Type.Boolean()),
  queue: Type.Optional(Queue),
  priority: Type.Optional(PrioritySchema),
  customerId: Type.Optional(Ref),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'matches email, name, subject, id or any message' })),
  limit: Limit(200, 50),
  cursor: Type.Optional(Cursor),
});

const NlpFields = {
  language: Nullable(Type.String()), intent: Nullable(Type.String()),
  sentiment: Nullable(Type.Number({ description: '-1 (negative) to 1 (positive)' })),
  urgency: Nullable(Type.Number({ description: '0 (none) to 1 (urgent)' })),
};

export const ConversationSummaryDto = Type.Object({
  id: Type.String(), channel: Type.String(), status: Type.String(), priority: Type.String(), queue: Type.String(), tags: Type.Array(Type.String()),
  customerId: Nullable(Type.String()), guest: Type.Boolean(), email: Nullable(Type.String()), name: Nullable(Type.String()), subject: Nullable(Type.String()),
  assigneeId: Nullable(Type.String()), escalated: Type.Boolean(), escalatedAt: Nullable(Type.String()), escalationReason: Nullable(Type.String()),
  summary: Nullable(Type.String({ description: 'hand-off summary for the next agent' })), locale: Nullable(Type.String()),
  ...NlpFields,
  messageCount: Type.Integer(), lastMessageAt: Type.String(), lastMessagePreview: Type.String(), lastAuthorKind: Type.String(),
  waitingSince: Nullable(Type.String({ description: 'the customer has been waiting for an answer since' })),
  firstResponseAt: Nullable(Type.String()), firstResponseDueAt: Type.String(), slaBreached: Type.Boolean(),
  resolutionDueAt: Type.String(), resolutionBreached: Type.Boolean(),
  phone: Nullable(Type.String({ description: 'SMS conversations: the customer\'s number' })),
  vip: Type.Boolean({ description: 'a high-value customer (spend at or above SUPPORT_VIP_SPEND when routed)' }),
  customerSpend: Nullable(Type.Object({ amount: Type.Integer(), currency: Type.String() })),
  routingReason: Nullable(Type.String({ description: 'why the router chose the queue and priority' })),
  escalationRules: Type.Array(Type.String(), { description: 'escalation rules the schedule applied' }),
  reopenCount: Type.Integer(),
  resolvedAt: Nullable(Type.String()), closedAt: Nullable(Type.String()), createdAt: Type.String(), updatedAt: Type.String(),
});
export type ConversationSummaryDto = Static<typeof ConversationSummaryDto>;

export const InboxCounts = Type.Object({
  all: Type.Integer(), active: Type.Integer(), open: Type.Integer(), pending: Type.Integer(), resolved: Type.Integer(), closed: Type.Integer(),
  mine: Type.Integer({ description: 'active and assigned to the caller' }), unassigned: Type.Integer({ description: 'active and unassigned' }),
  escalated: Type.Integer({ description: 'active and escalated' }), breached: Type.Integer({ description: 'active, unanswered and past the first-response target' }),
  queues: Type.Record(Type.String(), Type.Integer(), { description: 'active conversations per queue' }),
  priorities: Type.Record(Type.String(), Type.Integer(), { description: 'active conversations per priority' }),
});
export type InboxCounts = Static<typeof InboxCounts>;

export const InboxPage = Type.Object({ items: Type.Array(ConversationSummaryDto), nextCursor: Nullable(Type.String()), counts: InboxCounts });

export const MessageDto = Type.Object({
  id: Type.String(), conversationId: Type.String(),
  author: Type.Object({ kind: Type.String(), id: Nullable(Type.String()), name: Nullable(Type.String()) }),
  body: Type.String(), channel: Type.String(), createdAt: Type.String(),
  ...NlpFields,
  entities: Nullable(Type.Array(Type.Object({ type: Type.String(), value: Type.String() }))),
  analysedAt: Nullable(Type.String()),
});
export type MessageDto = Static<typeof MessageDto>;

export const NoteDto = Type.Object({
  id: Type.String(), conversationId: Type.String(), kind: Type.String({ description: 'note (by staff) or activity (assignments, escalations, status changes)' }),
  author: Type.String(), authorName: Nullable(Type.String()), body: Type.String(), data: Nullable(Type.Record(Type.String(), Type.Unknown())), createdAt: Type.String(),
});
export type NoteDto = Static<typeof NoteDto>;

export const SuggestionDto = Type.Object({
  id: Type.String(), conversationId: Type.String(), kind: Type.String({ description: 'draft_reply or handoff_summary' }), body: Type.String(),
  data: Nullable(Type.Record(Type.String(), Type.Unknown())), source: Type.String(), status: Type.String(), createdAt: Type.String(),
});
export type SuggestionDto = Static<typeof SuggestionDto>;

export const ConversationDto = Type.Composite([ConversationSummaryDto, Type.Object({
  assigneeName: Nullable(Type.String()),
  messages: Type.Array(MessageDto), notes: Type.Array(NoteDto), suggestions: Type.Array(SuggestionDto),
  actions: Type.Array(Type.String(), { description: 'what staff may do next, from the transition table' }),
})]);
export type ConversationDto = Static<typeof ConversationDto>;

export const CustomerContextDto = Type.Object({
  customer: Nullable(Type.Object({ id: Type.String(), email: Type.String(), firstName: Type.String(), lastName: Type.String(), phone: Nullable(Type.String()), status: Type.String(), createdAt: Type.String() })),
  guest: Nullable(Type.Object({ email: Nullable(Type.String()), name: Nullable(Type.String()) })),
  matchedBy: Nullable(Type.String({ description: "how orders were found: 'customer' (signed in) or 'email' (a guest's own, unverified, email); null when none could be" })),
  orders: Type.Array(Type.Object({
    id: Type.String(), displayNumber: Type.String(), status: Type.String(), paymentStatus: Type.String(), fulfillmentStatus: Type.String(),
    total: Type.Integer(), currency: Type.String(), itemCount: Type.Integer(), placedAt: Type.String(),
  })),
  orderCount: Type.Integer(),
  lifetimeValue: Type.Array(Type.Object({ currency: Type.String(), amount: Type.Integer({ description: 'order totals less refunds, minor units' }), orders: Type.Integer() })),
  firstOrderAt: Nullable(Type.String()), lastOrderAt: Nullable(Type.String()),
  sentiment: Nullable(Type.Object({ score: Type.Number(), label: Type.String(), at: Nullable(Type.String()) })),
  conversations: Type.Integer({ description: 'conversations this customer has had, this one included' }),
});
export type CustomerContextDto = Static<typeof CustomerContextDto>;

export const ReplyBody = Strict({
  body: Text(4000),
  resolve: Type.Optional(Type.Boolean({ description: 'resolve the conversation with this reply' })),
  suggestionId: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'the assistant draft this reply came from (marked used)' })),
});
export const NoteBody = Strict({ body: Text(4000) });
export const AssignBody = Strict({ assigneeId: Nullable(Type.String({ minLength: 1, maxLength: 120, description: 'a staff id, `me`, or null to unassign' })) });
export const EscalateBody = Strict({
  reason: Text(1000),
  queue: Type.Optional(Queue),
  assigneeId: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'hand to a named agent' })),
  summary: Type.Optional(Type.String({ minLength: 1, maxLength: 4000, description: 'hand-off summary for the next agent' })),
}, { description: 'without queue or assigneeId the conversation goes to the `senior` queue' });
export const ConversationPatch = Strict({
  priority: Type.Optional(PrioritySchema),
  queue: Type.Optional(Queue),
  tags: Type.Optional(Type.Array(Tag, { maxItems: 20 })),
  subject: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
}, { minProperties: 1 });
export const ResolveBody = Strict({ note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })) });

export const AgentDto = Type.Object({
  id: Type.String(), name: Type.String(), email: Type.String(), role: Type.String(), assigned: Type.Integer({ description: 'active conversations assigned now' }),
  languages: Type.Array(Type.String(), { description: 'languages they answer in (empty: any)' }),
  queues: Type.Array(Type.String(), { description: 'queues they work (empty: any)' }),
  maxLoad: Type.Integer({ description: 'active conversations they take at most from automatic assignment' }),
  lead: Type.Boolean({ description: 'receives escalations (SLA breaches)' }),
  available: Type.Boolean({ description: 'takes new conversations from automatic assignment (off until the agent turns it on)' }),
});
export type AgentDto = Static<typeof AgentDto>;

const Lang = Type.String({ minLength: 2, maxLength: 3, pattern: '^[a-z]{2,3}$' });
export const SkillsBody = Strict({
  languages: Type.Optional(Type.Array(Lang, { maxItems: 20, description: 'ISO 639-1 codes; empty for any' })),
  queues: Type.Optional(Type.Array(Queue, { maxItems: 40, description: 'queue names; empty for any' })),
  maxLoad: Type.Optional(Type.Integer({ minimum: 0, maximum: 500 })),
  lead: Type.Optional(Type.Boolean()),
  available: Type.Optional(Type.Boolean()),
}, { minProperties: 1 });

export const CannedReplyDto = Type.Object({
  id: Type.String(), title: Type.String(), shortcut: Nullable(Type.String()), body: Type.String(), active: Type.Boolean(), createdAt: Type.String(), updatedAt: Type.String(),
});
export type CannedReplyDto = Static<typeof CannedReplyDto>;
const cannedFields = {
  title: Text(120),
  shortcut: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9][a-z0-9_-]*$', description: 'typed after `/` in the reply box' }))),
  body: Text(4000),
  active: Type.Optional(Type.Boolean()),
};
export const CannedCreate = Strict(cannedFields);
export const CannedPatch = Strict({ ...cannedFields, title: Type.Optional(cannedFields.title), body: Type.Optional(cannedFields.body) }, { minProperties: 1 });
export const CannedQuery = Strict({ q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), active: Type.Optional(Type.Boolean()) });
export const RenderedDto = Type.Object({
  body: Type.String({ description: 'plain text with placeholders filled, for the chat' }),
  html: Type.String({ description: 'the same, HTML-escaped (values and template), for HTML channels' }),
  missing: Type.Array(Type.String(), { description: 'placeholders with no value here (left empty)' }),
});

// ----- channel webhooks -----

export const InboundEmailBody = Strict({
  from: Type.String({ minLength: 3, maxLength: 320, description: 'the From header, e.g. Ann Lee <ann@example.com>' }),
  to: Type.Optional(Type.String({ maxLength: 320 })),
  subject: Type.Optional(Type.String({ maxLength: 500 })),
  text: Type.Optional(Type.String({ maxLength: 100_000 })),
  html: Type.Optional(Type.String({ maxLength: 500_000 })),
  messageId: Type.String({ minLength: 3, maxLength: 500, description: 'the Message-ID header' }),
  inReplyTo: Type.Optional(Nullable(Type.String({ maxLength: 500, description: 'the In-Reply-To header' }))),
  references: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 100, description: 'the References header, split' })),
});
export const InboundSmsBody = Strict({
  from: Type.String({ minLength: 4, maxLength: 40, description: 'the sender\'s number, e.g. +14155550100' }),
  to: Type.String({ minLength: 4, maxLength: 40 }),
  body: Type.String({ minLength: 1, maxLength: 4000 }),
  messageId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the provider\'s id (a retried delivery adds the message once)' })),
});
export const InboundAnswer = Type.Object({ conversationId: Type.String(), messageId: Type.String(), created: Type.Boolean(), duplicate: Type.Boolean() });

// ----- CSAT and analytics -----

export const CsatAnswerBody = Strict({
  rating: Type.Integer({ minimum: 1, maximum: 5, description: '1 (very unhappy) to 5 (very happy)' }),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
});
export const CsatSurveyDto = Type.Object({
  id: Type.String(), channel: Type.String({ description: 'web or email' }), rating: Nullable(Type.Integer()), comment: Nullable(Type.String()),
  sentAt: Type.String(), answeredAt: Nullable(Type.String()),
});
export type CsatSurveyDto = Static<typeof CsatSurveyDto>;
export const CsatViewDto = Type.Object({
  survey: Nullable(CsatSurveyDto),
  prediction: Type.Object({
    satisfied: Type.Number({ description: 'probability of a 4 or 5' }), score: Type.Number({ description: 'the same on the 1–5 scale' }),
    method: Type.String({ description: 'model (learnt from answered surveys) or rule (too few surveys yet)' }),
    reasons: Type.Array(Type.String()), trainedOn: Type.Integer(), accuracy: Nullable(Type.Number()),
  }),
});
export const PublicSurveyDto = Type.Object({ subject: Nullable(Type.String()), rating: Nullable(Type.Integer()), answeredAt: Nullable(Type.String()) });

const Day = Type.String({ maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a UTC day, YYYY-MM-DD' });
export const AnalyticsQuery = Strict({ from: Day, to: Day, bucket: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week')], { default: 'day' })) });
const Minutes = Type.Object({ median: Nullable(Type.Number()), average: Nullable(Type.Number()) });
export const AnalyticsDto = Type.Object({
  from: Type.String(), to: Type.String(), bucket: Type.String(),
  conversations: Type.Integer({ description: 'conversations started in the range' }),
  resolved: Type.Integer({ description: 'of those, resolved' }), automated: Type.Integer({ description: 'of those, resolved with no answer from a person' }),
  resolutionRate: Nullable(Type.Number()), automatedResolutionRate: Nullable(Type.Number({ description: 'automated ÷ resolved' })),
  firstResponseMinutes: Minutes, handlingMinutes: Type.Object({ median: Nullable(Type.Number()), average: Nullable(Type.Number()) }, { description: 'first message to resolution' }),
  csat: Type.Object({ average: Nullable(Type.Number()), responses: Type.Integer(), satisfiedShare: Nullable(Type.Number({ description: 'share of 4 and 5' })) }),
  byChannel: Type.Record(Type.String(), Type.Integer()),
  series: Type.Array(Type.Object({
    start: Type.String(), conversations: Type.Integer(), resolved: Type.Integer(), automated: Type.Integer(),
    firstResponseMinutes: Nullable(Type.Number()), handlingMinutes: Nullable(Type.Number()), csatAverage: Nullable(Type.Number()), csatResponses: Type.Integer(),
  })),
});
