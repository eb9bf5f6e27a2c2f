/**
 * The support module's public service interface: what the routes call, and the seams the support
 * assistant (a later agent) uses — `recordAnalysis` for message understanding, `addSuggestion` for
 * draft replies and hand-off summaries. A guest proves access to a conversation with its secret;
 * a signed-in customer with their session.
 */
import type { Ctx } from '../../../platform/index.js';
import type { ConversationStatus, Priority, SupportChannel } from '../domain/status.js';
import type {
  AgentDto, CannedReplyDto, ConversationDto, ConversationSummaryDto, CustomerContextDto, InboxCounts, MessageDto, NoteDto,
  PublicConversationDto, PublicMessageDto, SuggestionDto,
} from './schemas.js';

import type { Static } from '@sinclair/typebox';
import type { AnalyticsDto, CsatSurveyDto } from './schemas.js';
import type { KbArticleDto, KbArticleSummaryDto, KbSearchHitDto, KbStatus, KbVersionDto } from './kb.schemas.js';

export type { ConversationStatus, Priority, SupportChannel };
export type { KbArticleDto, KbArticleSummaryDto, KbSearchHitDto, KbStatus, KbVersionDto };

export interface KbSearchOptions {
  /** ISO 639-1 (en, fr, de …); only articles in that language. */
  language?: string;
  category?: string;
  /** Passages to return, best first (default 5, at most 20). */
  limit?: number;
}

export interface KbArticleInput {
  title: string;
  body: string;
  category: string;
  language: string;
  status?: KbStatus;
  tags?: string[];
  translationKey?: string | null;
  /** What this version changed. */
  note?: string;
}

/**
 * The knowledge base: articles with every version kept, searched by passage. `search` is what
 * the support assistant cites from: only published articles, each hit naming the article and the
 * version its passage came from.
 */
export interface KnowledgeBase {
  search(ctx: Ctx, query: string, options?: KbSearchOptions): Promise<KbSearchHitDto[]>;
  list(ctx: Ctx, q?: { q?: string; category?: string; language?: string; status?: KbStatus }): Promise<KbArticleSummaryDto[]>;
  get(ctx: Ctx, id: string): Promise<KbArticleDto>;
  versions(ctx: Ctx, id: string): Promise<KbVersionDto[]>;
  getVersion(ctx: Ctx, id: string, version: number): Promise<KbVersionDto>;
  categories(ctx: Ctx): Promise<{ category: string; articles: number; published: number; languages: string[] }[]>;
  create(ctx: Ctx, input: KbArticleInput): Promise<KbArticleDto>;
  /** Every edit is a new version; the old ones stay readable. */
  update(ctx: Ctx, id: string, patch: Partial<Omit<KbArticleInput, 'language'>>): Promise<KbArticleDto>;
}

export interface CsatView {
  survey: CsatSurveyDto | null;
  prediction: { satisfied: number; score: number; method: 'rule' | 'model'; reasons: string[]; trainedOn: number; accuracy: number | null };
}

export interface InboundEmail {
  from: string; to?: string; subject?: string; text?: string; html?: string;
  messageId: string; inReplyTo?: string | null; references?: string[];
}
export interface InboundSms { from: string; to: string; body: string; messageId?: string }
export interface InboundResult { conversationId: string; messageId: string; created: boolean; duplicate: boolean }

export interface StartConversationInput {
  message: string;
  email?: string;
  name?: string;
  subject?: string;
  locale?: string;
  channel?: SupportChannel;
}

export interface InboxFilter {
  status?: ConversationStatus | 'active';
  /** A staff id or `me`. */
  assignee?: string;
  unassigned?: boolean;
  escalated?: boolean;
  queue?: string;
  priority?: Priority;
  customerId?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

export interface EscalateInput { reason: string; queue?: string; assigneeId?: string; summary?: string }

export interface MessageAnalysis {
  language?: string | null;
  intent?: string | null;
  /** -1 (negative) to 1 (positive). */
  sentiment?: number | null;
  /** 0 (none) to 1 (urgent). */
  urgency?: number | null;
  entities?: { type: string; value: string }[] | null;
}

export interface SuggestionInput {
  kind: 'draft_reply' | 'handoff_summary';
  body: string;
  /** Why: citations, tools called, the agent run. */
  data?: Record<string, unknown> | null;
  /** Who offers it, e.g. `assistant` or `assistant@1.2`. */
  source: string;
}

export interface AssistantReplyInput {
  body: string;
  /** Who answers, e.g. `assistant@1.0` (kept as the message's author id). */
  source: string;
  /** The language the answer is written in (ISO 639-1). */
  language?: string | null;
  /** The answer met the customer's request with facts, no person needed (automated resolution). */
  settled?: boolean;
  /** Also resolve the conversation with this answer (default: it waits on the customer). */
  resolve?: boolean;
}

export interface AssistantHandOffInput {
  reason: string;
  /** What the next agent needs to know (also kept as the conversation's summary). */
  summary: string;
  queue?: string;
}

export interface SupportService {
  /** The knowledge base (articles, versions, passage search for citations). */
  readonly kb: KnowledgeBase;

  // store side
  start(ctx: Ctx, input: StartConversationInput): Promise<{ conversation: PublicConversationDto; token: string | null; created: boolean }>;
  getForCustomer(ctx: Ctx, id: string, token: string | undefined): Promise<PublicConversationDto>;
  listForCustomer(ctx: Ctx): Promise<{ id: string; status: string; subject: string | null; lastMessageAt: string; lastMessagePreview: string; createdAt: string }[]>;
  postCustomerMessage(ctx: Ctx, id: string, token: string | undefined, body: string): Promise<PublicMessageDto>;

  // channels (signed webhooks)
  /** Refuses (401 support.invalid_signature) a webhook whose signature does not verify. */
  verifyWebhook(ctx: Ctx, channel: 'email' | 'sms', rawBody: Buffer | undefined, headers: Record<string, string | string[] | undefined>): void;
  inboundEmail(ctx: Ctx, input: InboundEmail): Promise<InboundResult>;
  inboundSms(ctx: Ctx, input: InboundSms): Promise<InboundResult>;

  // CSAT
  /** The customer rates their own resolved conversation from the chat (guest secret or session). */
  rateConversation(ctx: Ctx, id: string, token: string | undefined, input: { rating: number; comment?: string }): Promise<CsatSurveyDto>;
  /** The survey behind an emailed link. */
  surveyByToken(ctx: Ctx, token: string): Promise<{ subject: string | null; rating: number | null; answeredAt: string | null }>;
  answerSurvey(ctx: Ctx, token: string, input: { rating: number; comment?: string }): Promise<CsatSurveyDto>;
  /** The latest survey answer and the predicted satisfaction, with its reasons. */
  csat(ctx: Ctx, id: string): Promise<CsatView>;
  /** Resolution rate, automated resolution rate, first response and handling times, CSAT, per day or week. */
  analytics(ctx: Ctx, q: { from: string; to: string; bucket?: 'day' | 'week' }): Promise<Static<typeof AnalyticsDto>>;

  // staff side
  inbox(ctx: Ctx, filter: InboxFilter): Promise<{ items: ConversationSummaryDto[]; nextCursor: string | null; counts: InboxCounts }>;
  counts(ctx: Ctx): Promise<InboxCounts>;
  get(ctx: Ctx, id: string): Promise<ConversationDto>;
  customerContext(ctx: Ctx, id: string): Promise<CustomerContextDto>;
  reply(ctx: Ctx, id: string, input: { body: string; resolve?: boolean; suggestionId?: string }): Promise<MessageDto>;
  addNote(ctx: Ctx, id: string, body: string): Promise<NoteDto>;
  assign(ctx: Ctx, id: string, assigneeId: string | null): Promise<ConversationDto>;
  escalate(ctx: Ctx, id: string, input: EscalateInput): Promise<ConversationDto>;
  resolve(ctx: Ctx, id: string, note?: string): Promise<ConversationDto>;
  reopen(ctx: Ctx, id: string): Promise<ConversationDto>;
  close(ctx: Ctx, id: string): Promise<ConversationDto>;
  update(ctx: Ctx, id: string, patch: { priority?: Priority; queue?: string; tags?: string[]; subject?: string | null }): Promise<ConversationDto>;
  /** Staff who can answer support, with their skills (languages, queues, limit, lead, available) and current load. */
  agents(ctx: Ctx): Promise<AgentDto[]>;
  setAgentSkills(ctx: Ctx, staffId: string, patch: { languages?: string[]; queues?: string[]; maxLoad?: number; lead?: boolean; available?: boolean }): Promise<AgentDto>;
  /** Active conversations per queue: how many, how many unassigned, the oldest wait. */
  queues(ctx: Ctx): Promise<{ queue: string; active: number; unassigned: number; oldestWaitingSince: string | null }[]>;
  /** One pass of the escalation rules and automatic assignment (the schedule runs it every minute). */
  runEscalations(ctx: Ctx): Promise<{ escalated: number; assigned: number }>;

  // seams for the support assistant
  /** Records what message understanding found; the conversation keeps the newest customer reading. */
  recordAnalysis(ctx: Ctx, messageId: string, analysis: MessageAnalysis): Promise<MessageDto>;
  /** Offers agents a draft reply or a hand-off summary (shown in the console's suggestions panel). */
  addSuggestion(ctx: Ctx, conversationId: string, input: SuggestionInput): Promise<SuggestionDto>;
  /** The assistant's answer to the customer (a message by `assistant` they see). */
  assistantReply(ctx: Ctx, conversationId: string, input: AssistantReplyInput): Promise<MessageDto>;
  /** The assistant hands the conversation to people: escalated with the reason and its summary. */
  assistantHandOff(ctx: Ctx, conversationId: string, input: AssistantHandOffInput): Promise<void>;

  // canned replies
  listCanned(ctx: Ctx, q: { q?: string; active?: boolean }): Promise<CannedReplyDto[]>;
  createCanned(ctx: Ctx, input: { title: string; shortcut?: string | null; body: string; active?: boolean }): Promise<CannedReplyDto>;
  updateCanned(ctx: Ctx, id: string, patch: { title?: string; shortcut?: string | null; body?: string; active?: boolean }): Promise<CannedReplyDto>;
  deleteCanned(ctx: Ctx, id: string): Promise<void>;
  renderCanned(ctx: Ctx, cannedId: string, conversationId: string): Promise<{ body: string; html: string; missing: string[] }>;
}
