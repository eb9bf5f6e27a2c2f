/** The support service: one front object over conversations, the inbox, canned replies and the assistant seams. */
import type { Ctx, Dialect } from '../../../platform/index.js';
import type { SupportService as Contract } from '../contracts/service.js';
import { DEFAULT_SLA, type SlaTargets } from '../domain/status.js';
import { Agents } from './agents.js';
import { Assist } from './assist.js';
import { supportAnalytics } from './analytics.js';
import { Channels, type ChannelSecrets } from './channels.js';
import { Csat } from './csat.js';
import { validationError } from '../../../kernel/index.js';
import { CannedReplies } from './canned.js';
import { Conversations } from './conversations.js';
import { Inbox } from './inbox.js';
import { KnowledgeBase } from './kb.js';
import { Router } from './routing.js';
import type { SupportUses } from './uses.js';

export interface SupportOptions {
  sla: SlaTargets;
  /** Spend (minor units) from which a customer counts as high-value. */
  vipSpend: number;
  /** The store's own language (ISO 639-1); messages in others go to that language's queue. */
  storeLanguage: string;
  /** Secrets of the inbound email and SMS webhooks (unset: refused). */
  secrets?: ChannelSecrets;
  /** The store's public address, for links in emails (the CSAT survey). */
  publicUrl?: string;
}

export const DEFAULT_SUPPORT_OPTIONS: SupportOptions = { sla: DEFAULT_SLA, vipSpend: 50_000, storeLanguage: 'en' };

export class SupportService implements Contract {
  private conversations: Conversations;
  private inboxView: Inbox;
  private canned: CannedReplies;
  readonly assist = new Assist();
  readonly kb = new KnowledgeBase();
  readonly agentSkills: Agents;
  readonly router: Router;

  constructor(private uses: SupportUses, dialect: Dialect, readonly options: SupportOptions = DEFAULT_SUPPORT_OPTIONS) {
    this.conversations = new Conversations(uses, dialect);
    this.inboxView = new Inbox(uses, options.sla);
    this.canned = new CannedReplies(uses);
    this.agentSkills = new Agents(uses);
    this.router = new Router(uses, this.agentSkills, dialect, options);
    this.channels = new Channels(uses, this.conversations, options.secrets ?? {});
    this.csatService = new Csat(uses, options.sla, options.publicUrl);
  }

  readonly csatService: Csat;
  rateConversation: Contract['rateConversation'] = async (ctx, id, token, input) => {
    await this.conversations.openForCustomer(ctx, id, token);
    return this.csatService.answerForConversation(ctx, id, input);
  };
  surveyByToken: Contract['surveyByToken'] = async (ctx, token) => {
    const { survey, subject } = await this.csatService.byToken(ctx, token);
    return { subject, rating: survey.rating == null ? null : Number(survey.rating), answeredAt: survey.answered_at ?? null };
  };
  answerSurvey: Contract['answerSurvey'] = (ctx, token, input) => this.csatService.answerByToken(ctx, token, input);
  csat: Contract['csat'] = (ctx, id) => this.csatService.view(ctx, id);
  analytics: Contract['analytics'] = async (ctx, q) => {
    const span = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
    if (!(span >= 0)) throw validationError('to must not be before from', [{ field: 'query.to', message: 'must be on or after from' }]);
    if (span > 366) throw validationError('the range is longer than a year', [{ field: 'query.to', message: 'at most 366 days after from' }]);
    return supportAnalytics(ctx, { from: q.from, to: q.to, bucket: q.bucket ?? 'day' });
  };

  private channels: Channels;
  verifyWebhook: Contract['verifyWebhook'] = (ctx, channel, raw, headers) => this.channels.verify(ctx, channel, raw, headers);
  inboundEmail: Contract['inboundEmail'] = (ctx, input) => this.channels.email(ctx, input);
  inboundSms: Contract['inboundSms'] = (ctx, input) => this.channels.sms(ctx, input);

  start: Contract['start'] = (ctx, input) => this.conversations.start(ctx, input);
  getForCustomer: Contract['getForCustomer'] = (ctx, id, token) => this.conversations.getForCustomer(ctx, id, token);
  listForCustomer: Contract['listForCustomer'] = (ctx) => this.conversations.listForCustomer(ctx);
  postCustomerMessage: Contract['postCustomerMessage'] = (ctx, id, token, body) => this.conversations.postCustomerMessage(ctx, id, token, body);

  inbox: Contract['inbox'] = (ctx, f) => this.inboxView.list(ctx, f);
  counts: Contract['counts'] = (ctx) => this.inboxView.counts(ctx);
  get: Contract['get'] = (ctx, id) => this.inboxView.get(ctx, id);
  customerContext: Contract['customerContext'] = (ctx, id) => this.inboxView.customerContext(ctx, id);
  reply: Contract['reply'] = (ctx, id, input) => this.conversations.reply(ctx, id, input);
  addNote: Contract['addNote'] = (ctx, id, body) => this.conversations.addNote(ctx, id, body);

  async assign(ctx: Ctx, id: string, assigneeId: string | null) { await this.conversations.assign(ctx, id, assigneeId); return this.get(ctx, id); }
  async escalate(ctx: Ctx, id: string, input: Parameters<Contract['escalate']>[2]) { await this.conversations.escalate(ctx, id, input); return this.get(ctx, id); }
  async resolve(ctx: Ctx, id: string, note?: string) { await this.conversations.resolve(ctx, id, note); return this.get(ctx, id); }
  async reopen(ctx: Ctx, id: string) { await this.conversations.reopen(ctx, id); return this.get(ctx, id); }
  async close(ctx: Ctx, id: string) { await this.conversations.close(ctx, id); return this.get(ctx, id); }
  async update(ctx: Ctx, id: string, patch: Parameters<Contract['update']>[2]) { await this.conversations.update(ctx, id, patch); return this.get(ctx, id); }

  /** Active staff who may answer support, with their skills and how many active conversations each holds now. */
  agents: Contract['agents'] = (ctx) => this.agentSkills.list(ctx);
  setAgentSkills: Contract['setAgentSkills'] = (ctx, staffId, patch) => this.agentSkills.setSkills(ctx, staffId, patch);
  queues: Contract['queues'] = (ctx) => this.router.queues(ctx);
  runEscalations: Contract['runEscalations'] = (ctx) => this.router.sweep(ctx);

  recordAnalysis: Contract['recordAnalysis'] = (ctx, messageId, a) => this.assist.recordAnalysis(ctx, messageId, a);
  addSuggestion: Contract['addSuggestion'] = (ctx, id, input) => this.assist.addSuggestion(ctx, id, input);
  assistantReply: Contract['assistantReply'] = (ctx, id, input) => this.assist.assistantReply(ctx, id, input);
  assistantHandOff: Contract['assistantHandOff'] = (ctx, id, input) => this.assist.assistantHandOff(ctx, id, input);

  listCanned: Contract['listCanned'] = (ctx, q) => this.canned.list(ctx, q);
  createCanned: Contract['createCanned'] = (ctx, input) => this.canned.create(ctx, input);
  updateCanned: Contract['updateCanned'] = (ctx, id, patch) => this.canned.update(ctx, id, patch);
  deleteCanned: Contract['deleteCanned'] = (ctx, id) => this.canned.delete(ctx, id);
  renderCanned: Contract['renderCanned'] = (ctx, cannedId, conversationId) => this.canned.render(ctx, cannedId, conversationId);
}
