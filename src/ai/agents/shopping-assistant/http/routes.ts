/** The storefront's assistant route. Thin: check the input, run the agent in the shopper's context, answer its output. */
import type { FastifyRequest } from 'fastify';
import { validationError } from '../../../../kernel/index.js';
import { access, route, type AnyRoute } from '../../../../platform/index.js';
import type { AgentRunner } from '../../../runtime/index.js';
import { AssistantAnswer, AssistantInput, type AgentOutput } from '../contracts.js';
import { cartTokens } from '../tools.js';

const cartToken = (req: FastifyRequest): string | undefined => {
  const v = req.headers['x-cart-token'];
  return typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : undefined;
};

export function assistantRoutes(runner: AgentRunner<AssistantInput, AgentOutput>): AnyRoute[] {
  return [
    route({
      method: 'POST', url: '/store/assistant/messages', access: access.optional, tags: ['store: assistant'], status: 200, rateLimit: 120,
      summary: 'Ask the shopping assistant: natural-language search (answered with editable constraints), whether a product comes in a size or colour, a comparison, or add to cart',
      description: 'Send `message` (or edited `constraints` to search with exactly those), the product in view and the results shown in `context`, and the cart in `cartId` with its guest secret as `x-cart-token`. '
        + 'Every price and stock level in the reply comes from the catalogue or the cart. When the assistant starts a guest cart, `cart.cartToken` carries its secret once.',
      body: AssistantInput, response: { 200: AssistantAnswer },
      handler: async ({ body, ctx, req }) => {
        if (!body.message?.trim() && !body.constraints) {
          throw validationError('invalid request: body.message or body.constraints is required', [{ field: 'body.message', message: 'is required unless constraints are sent' }]);
        }
        const token = cartToken(req);
        if (token) cartTokens.set(ctx, token);
        const result = await runner.run(ctx, body, { kind: 'request', ref: 'POST /store/assistant/messages' });
        return { runId: result.runId, path: result.path, ...result.output };
      },
    }),
  ];
}
