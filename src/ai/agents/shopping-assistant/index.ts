/**
 * The shopping assistant's front door: registers the `shopping.assistant` agent with the runtime
 * and hands the composition root its storefront route.
 */
import type { ModuleDeps, ModuleParts } from '../../../platform/index.js';
import type { CartService } from '../../../modules/cart/index.js';
import type { AgentRuntime } from '../../runtime/index.js';
import { shoppingAssistant } from './agent.js';
import { CatalogueView, type CatalogFrontDoor } from './catalogue.js';
import { assistantRoutes } from './http/routes.js';
import { shoppingTools } from './tools.js';

export type { AssistantAnswer, AssistantInput, ConstraintsDto } from './contracts.js';
export { parseMessage } from './domain/parse-query.js';

export function createShoppingAssistant(deps: ModuleDeps, uses: { runtime: AgentRuntime; catalog: CatalogFrontDoor; cart: CartService }) {
  const currency = deps.config.defaultCurrency;
  const view = new CatalogueView(uses.catalog, currency);
  const tools = shoppingTools({ catalog: uses.catalog, cart: uses.cart, view, currency });
  const runner = uses.runtime.register(shoppingAssistant({ view, tools, currency }));
  uses.runtime.requestTrigger(runner, 'POST /store/assistant/messages');
  const parts: ModuleParts = { name: 'shopping-assistant', migrations: [], routes: assistantRoutes(runner) };
  return { parts, runner, view };
}
