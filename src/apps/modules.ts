/** The list of modules in this store, in migration order. Adding a module is one line here. */
import { createCartModule } from '../modules/cart/index.js';
import { createCheckoutModule } from '../modules/checkout/index.js';
import { createCatalogModule } from '../modules/catalog/index.js';
import { createFulfillmentModule } from '../modules/fulfillment/index.js';
import { createIdentityModule } from '../modules/identity/index.js';
import { createInventoryModule } from '../modules/inventory/index.js';
import { createNotificationsModule } from '../modules/notifications/index.js';
import { createOrdersModule } from '../modules/orders/index.js';
import { createPaymentsModule } from '../modules/payments/index.js';
import { createPromotionsModule } from '../modules/promotions/index.js';
import { createReportsModule } from '../modules/reports/index.js';
import { createShippingModule } from '../modules/shipping/index.js';
import { createSupportModule } from '../modules/support/index.js';
import { createTaxModule } from '../modules/tax/index.js';
import { createProductImport } from '../flows/import-products/index.js';
import { createAgentRuntime } from '../ai/index.js';
import { createFeatureViews } from '../ai/features/index.js';
import { createRecommendations } from '../ai/recommendations/index.js';
import { createModelRegistry } from '../ai/registry/index.js';
import { createShoppingAssistant } from '../ai/agents/shopping-assistant/index.js';
import { createVisualSearch } from '../ai/visual-search/index.js';
import { createRecommendationMail } from '../ai/agents/recommendation-mail/index.js';
import { createSupportAssistant } from '../ai/agents/support-assistant/index.js';
import type { ModuleDeps } from '../platform/index.js';

export function createModules(deps: ModuleDeps) {
  const identity = createIdentityModule(deps);
  const inventory = createInventoryModule(deps);
  const catalog = createCatalogModule(deps, { inventory: inventory.service });
  const promotions = createPromotionsModule(deps);
  const tax = createTaxModule(deps);
  const shipping = createShippingModule(deps);
  const payments = createPaymentsModule(deps);
  const orders = createOrdersModule(deps, { inventory: inventory.service, payments: payments.service, catalog: catalog.service });
  const fulfillment = createFulfillmentModule(deps, { orders: orders.service, inventory: inventory.service, payments: payments.service });
  const cart = createCartModule(deps, { catalog: catalog.service, inventory: inventory.service, promotions: promotions.service, tax: tax.service, shipping: shipping.service });
  const notifications = createNotificationsModule(deps, { orders: orders.service, inventory: inventory.service });
  const checkout = createCheckoutModule(deps, {
    cart: cart.service, inventory: inventory.service, payments: payments.service, orders: orders.service, promotions: promotions.service, customers: identity.service.customers,
    planShipment: (ctx, q) => fulfillment.service.planShipment(ctx, q),
  });
  const reports = createReportsModule(deps, { orders: orders.service, cart: cart.service, inventory: inventory.service, catalog: catalog.service });
  const support = createSupportModule(deps, { customers: identity.service.customers, staff: identity.service.staff, orders: orders.service, notifications: notifications.service });
  const productImport = createProductImport(deps, { catalog: catalog.service, inventory: inventory.service });
  // The agent runtime (run log, optional LLM); each agent registers with `ai.runtime` and returns its own parts.
  const ai = createAgentRuntime(deps);
  // The model registry, the feature views agents read, and recommendations served from the registry's active version.
  const models = createModelRegistry(deps);
  const features = createFeatureViews(deps, { orders: orders.service, catalog: catalog.service, inventory: inventory.service });
  const recommendations = createRecommendations(deps, { registry: models, features: features.service, orders: orders.service });
  const shoppingAssistant = createShoppingAssistant(deps, { runtime: ai.runtime, catalog: catalog.service, cart: cart.service });
  const visualSearch = createVisualSearch(deps, { catalog: catalog.service });
  const recommendationMail = createRecommendationMail(deps, { orders: orders.service, customers: identity.service.customers, notifications: notifications.service, recommendations });
  const supportAssistant = createSupportAssistant(deps, { runtime: ai.runtime, orders: orders.service, fulfillment: fulfillment.service, catalog: catalog.service, inventory: inventory.service, support: support.service });
  return { identity, inventory, catalog, orders, fulfillment, productImport, promotions, tax, shipping, payments, cart, checkout, notifications, support, reports, ai, models, features, recommendations, shoppingAssistant, visualSearch, supportAssistant, recommendationMail };
}

export type Modules = ReturnType<typeof createModules>;
