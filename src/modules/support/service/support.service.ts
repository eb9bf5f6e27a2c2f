/** The support service: one front object over conversations, the inbox, canned replies and the assistant seams. */
import type { Ctx, Dialect } from '../../../platform/index.js';
import { ROLE_PERMISSIONS } from '../../../platform/index.js';
import { sql } from 'kysely';
import type { SupportService as Contract } from '../contracts/service.js';
import { Assist } from './assist.js';
import { CannedReplies } from './canned.js';
import { Conversations } from './conversations.js';
import { Inbox } from './inbox.js';
import { KnowledgeBase } from './kb.js';
import type { SupportUses } from './uses.js';

export class SupportService implements Contract {
  private conversations: Conversations;
  private inboxView: Inbox;
  private canned: CannedReplies;
  private assist = new Assist();
  readonly kb = new KnowledgeBase();

  constructor(private uses: SupportUses, dialect: Dialect) {
    this.conversations = new Conversations(uses, dialect);
    this.inboxView = new Inbox(uses);
    this.canned = new CannedReplies(uses);
  }

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

  /** Active staff who may answer support, with how many active conversations each holds now. */
  async agents(ctx: Ctx) {
    const staff = (await this.uses.staff.list(ctx)).filter((s) => s.status === 'active' && ROLE_PERMISSIONS[s.role as keyof typeof ROLE_PERMISSIONS]?.has('support:write'));
    const load = await ctx.db.selectFrom('support_conversations').select(['assignee_id', sql<number>`count(*)`.as('n')])
      .where('status', 'in', ['open', 'pending']).where('assignee_id', 'is not', null).groupBy('assignee_id').execute();
    const by = new Map(load.map((r: any) => [r.assignee_id as string, Number(r.n)]));
    return staff.map((s) => ({ id: s.id, name: s.name, email: s.email, role: s.role, assigned: by.get(s.id) ?? 0 })).sort((a, b) => a.name.localeCompare(b.name));
  }

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
