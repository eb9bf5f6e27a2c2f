/** Staff routes of the support console, under /admin/support. Thin: parse, call one service method. */
import { Type } from '@sinclair/typebox';
import { access, IdParam, route, Strict, type AnyRoute } from '../../../platform/index.js';
import {
  AgentDto, AnalyticsDto, AnalyticsQuery, AssignBody, CsatViewDto, CannedCreate, CannedPatch, CannedQuery, CannedReplyDto, ConversationDto, ConversationPatch, CustomerContextDto,
  EscalateBody, InboxCounts, InboxPage, InboxQuery, MessageDto, NoteBody, NoteDto, RenderedDto, ReplyBody, ResolveBody, SkillsBody,
} from '../contracts/schemas.js';
import type { SupportService } from '../contracts/service.js';

const read = access.staff('support:read');
const write = access.staff('support:write');
const tags = ['admin: support'];
const Conv = { 200: ConversationDto };

export function supportStaffRoutes(support: SupportService): AnyRoute[] {
  return [
    route({
      method: 'GET', url: '/admin/support/conversations', access: read, tags,
      summary: 'The inbox: conversations by latest activity, filtered, with the count behind every filter',
      query: InboxQuery, response: { 200: InboxPage },
      handler: async ({ query, ctx }) => support.inbox(ctx, query),
    }),
    route({
      method: 'GET', url: '/admin/support/counts', access: read, tags, summary: 'Counts per inbox filter (cheap to poll)',
      response: { 200: InboxCounts },
      handler: async ({ ctx }) => support.counts(ctx),
    }),
    route({
      method: 'GET', url: '/admin/support/agents', access: read, tags, summary: 'Staff who can answer support, with their current load',
      response: { 200: Type.Object({ items: Type.Array(AgentDto) }) },
      handler: async ({ ctx }) => ({ items: await support.agents(ctx) }),
    }),
    route({
      method: 'PUT', url: '/admin/support/agents/:id/skills', access: write, tags,
      summary: 'Set an agent\'s skills for automatic assignment: languages and queues (empty = any), how many at once, lead (receives SLA escalations), available',
      params: IdParam(), body: SkillsBody, response: { 200: AgentDto },
      handler: async ({ params, body, ctx }) => support.setAgentSkills(ctx, params.id, body),
    }),
    route({
      method: 'GET', url: '/admin/support/queues', access: read, tags, summary: 'Active conversations per queue, unassigned ones and the oldest wait',
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ queue: Type.String(), active: Type.Integer(), unassigned: Type.Integer(), oldestWaitingSince: Type.Union([Type.String(), Type.Null()]) })) }) },
      handler: async ({ ctx }) => ({ items: await support.queues(ctx) }),
    }),
    route({
      method: 'POST', url: '/admin/support/escalations/run', access: write, tags, status: 200,
      summary: 'Apply the escalation rules and automatic assignment now (a schedule does it every minute)',
      response: { 200: Type.Object({ escalated: Type.Integer(), assigned: Type.Integer() }) },
      handler: async ({ ctx }) => support.runEscalations(ctx),
    }),
    route({
      method: 'GET', url: '/admin/support/conversations/:id', access: read, tags,
      summary: 'A conversation with its messages, internal notes and activity, assistant suggestions and the actions allowed now',
      params: IdParam(), response: Conv,
      handler: async ({ params, ctx }) => support.get(ctx, params.id),
    }),
    route({
      method: 'GET', url: '/admin/support/conversations/:id/csat', access: read, tags,
      summary: 'The customer\'s survey answer, if any, and the predicted satisfaction with its reasons (a model learnt from answered surveys, or a rule while there are few)',
      params: IdParam(), response: { 200: CsatViewDto },
      handler: async ({ params, ctx }) => support.csat(ctx, params.id),
    }),
    route({
      method: 'GET', url: '/admin/support/analytics', access: read, tags,
      summary: 'Support analytics for whole UTC days: resolution rate, automated resolution rate, first response and handling times, CSAT, per day or week',
      query: AnalyticsQuery, response: { 200: AnalyticsDto },
      handler: async ({ query, ctx }) => support.analytics(ctx, query),
    }),
    route({
      method: 'GET', url: '/admin/support/conversations/:id/context', access: read, tags,
      summary: 'The customer behind a conversation: profile, recent orders, lifetime value, latest sentiment',
      params: IdParam(), response: { 200: CustomerContextDto },
      handler: async ({ params, ctx }) => support.customerContext(ctx, params.id),
    }),
    route({
      method: 'PATCH', url: '/admin/support/conversations/:id', access: write, tags, summary: 'Change priority, queue, tags or subject',
      params: IdParam(), body: ConversationPatch, response: Conv,
      handler: async ({ params, body, ctx }) => support.update(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/admin/support/conversations/:id/replies', access: write, tags,
      summary: 'Answer the customer (they see it); the first answer stops the first-response clock and an unassigned conversation becomes yours',
      params: IdParam(), body: ReplyBody, response: { 201: MessageDto },
      handler: async ({ params, body, ctx }) => support.reply(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/admin/support/conversations/:id/notes', access: write, tags, summary: 'Leave an internal note (staff only, never shown to the customer)',
      params: IdParam(), body: NoteBody, response: { 201: NoteDto },
      handler: async ({ params, body, ctx }) => support.addNote(ctx, params.id, body.body),
    }),
    route({
      method: 'POST', url: '/admin/support/conversations/:id/assign', access: write, tags, status: 200,
      summary: 'Assign to a staff member (`me` for yourself) or unassign with null',
      params: IdParam(), body: AssignBody, response: Conv,
      handler: async ({ params, body, ctx }) => support.assign(ctx, params.id, body.assigneeId),
    }),
    route({
      method: 'POST', url: '/admin/support/conversations/:id/escalate', access: write, tags, status: 200,
      summary: 'Escalate to a queue (default `senior`) or a named agent, with the reason and an optional hand-off summary; priority rises to at least high',
      params: IdParam(), body: EscalateBody, response: Conv,
      handler: async ({ params, body, ctx }) => support.escalate(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/admin/support/conversations/:id/resolve', access: write, tags, status: 200,
      summary: 'Resolve (409 `support.invalid_transition` when closed); the customer writing again reopens it',
      params: IdParam(), body: ResolveBody, response: Conv,
      handler: async ({ params, body, ctx }) => support.resolve(ctx, params.id, body.note),
    }),
    route({
      method: 'POST', url: '/admin/support/conversations/:id/reopen', access: write, tags, status: 200, summary: 'Reopen a resolved conversation',
      params: IdParam(), response: Conv,
      handler: async ({ params, ctx }) => support.reopen(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/admin/support/conversations/:id/close', access: write, tags, status: 200, summary: 'Close for good (the customer starts a new conversation next time)',
      params: IdParam(), response: Conv,
      handler: async ({ params, ctx }) => support.close(ctx, params.id),
    }),
    route({
      method: 'GET', url: '/admin/support/canned-replies', access: read, tags, summary: 'Canned replies by title',
      query: CannedQuery, response: { 200: Type.Object({ items: Type.Array(CannedReplyDto) }) },
      handler: async ({ query, ctx }) => ({ items: await support.listCanned(ctx, query) }),
    }),
    route({
      method: 'POST', url: '/admin/support/canned-replies', access: write, tags,
      summary: 'Create a canned reply; placeholders like {{customer.firstName}}, {{agent.name}}, {{order.number}} are filled when used',
      body: CannedCreate, response: { 201: CannedReplyDto },
      handler: async ({ body, ctx }) => support.createCanned(ctx, body),
    }),
    route({
      method: 'PATCH', url: '/admin/support/canned-replies/:id', access: write, tags, summary: 'Change a canned reply',
      params: IdParam(), body: CannedPatch, response: { 200: CannedReplyDto },
      handler: async ({ params, body, ctx }) => support.updateCanned(ctx, params.id, body),
    }),
    route({
      method: 'DELETE', url: '/admin/support/canned-replies/:id', access: write, tags, status: 204, summary: 'Delete a canned reply',
      params: IdParam(),
      handler: async ({ params, ctx }) => { await support.deleteCanned(ctx, params.id); },
    }),
    route({
      method: 'GET', url: '/admin/support/conversations/:id/canned-replies/:cannedId', access: read, tags,
      summary: 'A canned reply filled in for this conversation: plain text for the chat, HTML-escaped for HTML channels, and the placeholders that had no value',
      params: Strict({ id: Type.String({ minLength: 1, maxLength: 120 }), cannedId: Type.String({ minLength: 1, maxLength: 120 }) }), response: { 200: RenderedDto },
      handler: async ({ params, ctx }) => support.renderCanned(ctx, params.cannedId, params.id),
    }),
  ];
}
