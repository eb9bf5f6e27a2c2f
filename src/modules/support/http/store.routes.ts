/**
 * Store routes of support chat. A guest proves access with the `x-support-token` header it got
 * when it started the conversation; a signed-in customer with their bearer token. Rate-limited
 * per client, and a conversation that is not yours is a 404 like one that does not exist.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { access, IdParam, route, Strict, type AnyRoute } from '../../../platform/index.js';
import { CsatAnswerBody, CsatSurveyDto, PublicSurveyDto, CustomerMessageBody, PublicConversationDto, PublicConversationSummary, PublicMessageDto, StartAnswer, StartConversationBody } from '../contracts/schemas.js';
import type { SupportService } from '../contracts/service.js';

const tags = ['store: support'];

/** The guest secret, if one was sent; anything oversized or repeated counts as none. */
const supportToken = (req: FastifyRequest): string | undefined => {
  const v = req.headers['x-support-token'];
  return typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : undefined;
};

export function supportStoreRoutes(support: SupportService): AnyRoute[] {
  return [
    route({
      method: 'POST', url: '/store/support/conversations', access: access.optional, tags, rateLimit: 20,
      summary: 'Start a chat with the store: a guest gets its secret once (send it back as `x-support-token`); a signed-in customer with a conversation still going writes into it (`created: false`)',
      body: StartConversationBody, response: { 201: StartAnswer },
      handler: async ({ body, ctx }) => support.start(ctx, body),
    }),
    route({
      method: 'GET', url: '/store/support/conversations', access: access.customer, tags,
      summary: 'Your conversations with the store, latest first',
      response: { 200: Type.Object({ items: Type.Array(PublicConversationSummary) }) },
      handler: async ({ ctx }) => ({ items: await support.listForCustomer(ctx) }),
    }),
    route({
      method: 'GET', url: '/store/support/conversations/:id', access: access.optional, tags, rateLimit: 120,
      summary: 'Your conversation with its messages and the store\'s answers (404 unless it is yours)',
      params: IdParam(), response: { 200: PublicConversationDto },
      handler: async ({ params, ctx, req }) => support.getForCustomer(ctx, params.id, supportToken(req)),
    }),
    route({
      method: 'POST', url: '/store/support/conversations/:id/messages', access: access.optional, tags, rateLimit: 30,
      summary: 'Write in your conversation (a resolved one opens again; a closed one answers 409 `support.conversation_closed`)',
      params: IdParam(), body: CustomerMessageBody, response: { 201: PublicMessageDto },
      handler: async ({ params, body, ctx, req }) => support.postCustomerMessage(ctx, params.id, supportToken(req), body.body),
    }),
      route({
      method: 'POST', url: '/store/support/conversations/:id/csat', access: access.optional, tags, status: 200, rateLimit: 30,
      summary: 'Rate your resolved conversation from 1 to 5 with an optional comment (409 support.csat_not_requested before it is resolved, support.csat_answered the second time)',
      params: IdParam(), body: CsatAnswerBody, response: { 200: CsatSurveyDto },
      handler: async ({ params, body, ctx, req }) => support.rateConversation(ctx, params.id, supportToken(req), body),
    }),
    route({
      method: 'GET', url: '/store/support/csat/:token', access: access.public, tags, rateLimit: 60,
      summary: 'The survey behind a link in a "How did we do?" email (404 for anything else)',
      params: Strict({ token: Type.String({ minLength: 1, maxLength: 200 }) }), response: { 200: PublicSurveyDto },
      handler: async ({ params, ctx }) => support.surveyByToken(ctx, params.token),
    }),
    route({
      method: 'POST', url: '/store/support/csat/:token', access: access.public, tags, status: 200, rateLimit: 30,
      summary: 'Answer the survey from the email link: 1 to 5 and an optional comment, once',
      params: Strict({ token: Type.String({ minLength: 1, maxLength: 200 }) }), body: CsatAnswerBody, response: { 200: CsatSurveyDto },
      handler: async ({ params, body, ctx }) => support.answerSurvey(ctx, params.token, body),
    }),
  ];
}
