/** Facts the support module announces. Payloads carry ids, never message text (it may be personal). */
import { Type, type TSchema, type TString } from '@sinclair/typebox';
import { defineEvent } from '../../../platform/index.js';

const S = Type.String();
const N = <T extends TSchema = TString>(t: T = Type.String() as unknown as T) => Type.Union([t, Type.Null()]);

export const SupportConversationStarted = defineEvent('support.conversation_started', 1,
  'A customer or guest started a conversation (its first message follows as support.message_received).',
  Type.Object({ conversationId: S, channel: S, customerId: N(), guest: Type.Boolean(), queue: S }));

export const SupportMessageReceived = defineEvent('support.message_received', 1,
  'A customer wrote in a conversation; the message understanding and the assistant start from this.',
  Type.Object({ conversationId: S, messageId: S, channel: S, customerId: N(), reopened: Type.Boolean() }));

export const SupportAgentReplied = defineEvent('support.agent_replied', 1,
  'A staff member answered the customer (the first answer stops the first-response clock).',
  Type.Object({ conversationId: S, messageId: S, agentId: S, firstResponse: Type.Boolean(), channel: S }));

export const SupportNoteAdded = defineEvent('support.note_added', 1,
  'A staff member left an internal note on a conversation (never shown to the customer).',
  Type.Object({ conversationId: S, noteId: S, authorId: S }));

export const SupportAssigned = defineEvent('support.assigned', 1,
  'A conversation was assigned to a staff member, or unassigned (assigneeId null).',
  Type.Object({ conversationId: S, assigneeId: N(), previousAssigneeId: N() }));

export const SupportEscalated = defineEvent('support.escalated', 1,
  'A conversation was escalated to a queue or a named agent, with the reason.',
  Type.Object({ conversationId: S, reason: S, queue: S, assigneeId: N(), priority: S, escalationCount: Type.Integer() }));

export const SupportResolved = defineEvent('support.resolved', 1,
  'A conversation was resolved; the times measure the SLA (seconds from the first message).',
  Type.Object({ conversationId: S, resolvedBy: S, firstResponseSeconds: N(Type.Integer()), resolutionSeconds: Type.Integer() }));

export const SupportReopened = defineEvent('support.reopened', 1,
  'A resolved conversation was opened again, by staff or by the customer writing back.',
  Type.Object({ conversationId: S, by: Type.Union([Type.Literal('staff'), Type.Literal('customer')]) }));

export const SupportClosed = defineEvent('support.closed', 1,
  'A conversation was closed for good (a customer who writes again starts a new one).',
  Type.Object({ conversationId: S }));

export const SupportConversationUpdated = defineEvent('support.conversation_updated', 1,
  'Priority, queue, tags or subject of a conversation changed.',
  Type.Object({ conversationId: S, fields: Type.Array(S) }));

export const SupportMessageAnalysed = defineEvent('support.message_analysed', 1,
  'Language, intent, sentiment and urgency were recorded for a customer message.',
  Type.Object({ conversationId: S, messageId: S, language: N(), intent: N(), sentiment: N(Type.Number()), urgency: N(Type.Number()) }));

export const SupportSuggestionAdded = defineEvent('support.suggestion_added', 1,
  'A draft reply or hand-off summary was offered to the agents of a conversation.',
  Type.Object({ conversationId: S, suggestionId: S, kind: S, source: S }));

export const SupportAssistantReplied = defineEvent('support.assistant_replied', 1,
  'The support assistant answered the customer; settled when the answer met the request on its own (automated resolution), resolved when it also resolved the conversation.',
  Type.Object({ conversationId: S, messageId: S, source: S, settled: Type.Boolean(), resolved: Type.Boolean() }));

export const SupportCannedReplyChanged = defineEvent('support.canned_reply_changed', 1,
  'A canned reply was created, changed or deleted.',
  Type.Object({ cannedReplyId: S, change: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('deleted')]) }));

export const SupportKbArticleChanged = defineEvent('support.kb_article_changed', 1,
  'A knowledge-base article was created or edited (a new version), or its status changed.',
  Type.Object({ articleId: S, version: Type.Integer(), status: S, language: S, category: S, change: Type.Union([Type.Literal('created'), Type.Literal('updated')]) }));

export const SupportRouted = defineEvent('support.routed', 1,
  'The router chose (or raised) a conversation\'s queue and priority from message understanding and customer value; assigneeId when it also gave it to an agent.',
  Type.Object({ conversationId: S, queue: S, priority: S, vip: Type.Boolean(), reasons: Type.Array(S), assigneeId: N() }));

export const SupportCsatRequested = defineEvent('support.csat_requested', 1,
  'A satisfaction survey was offered for a resolved conversation (in the chat, and by email when there is an address).',
  Type.Object({ conversationId: S, surveyId: S, channel: S }));

export const SupportCsatAnswered = defineEvent('support.csat_answered', 1,
  'A customer rated a resolved conversation from 1 to 5.',
  Type.Object({ conversationId: S, surveyId: S, rating: Type.Integer() }));
