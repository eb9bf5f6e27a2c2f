/**
 * Payments: a provider port with the built-in `test`, `manual` and `cash` providers and Stripe
 * (PaymentIntents, chosen by STRIPE_SECRET_KEY); a transition table with amounts the database
 * also enforces; every transition recorded and announced; idempotency keys passed through to the
 * provider so a retried authorize, capture or refund never charges twice. The front door.
 */
import type { ModuleDeps, ModuleParts } from '../../platform/index.js';
import type { PaymentsService } from './contracts/service.js';
import { paymentsMigrations } from './data/migrations.js';
import { paymentSettingsRoutes, paymentsRoutes } from './http/payments.routes.js';
import { OfflineProvider } from './providers/offline.provider.js';
import type { PaymentProvider } from './providers/provider.js';
import { StripeProvider } from './providers/stripe.provider.js';
import { TestProvider } from './providers/test.provider.js';
import { PaymentsServiceImpl } from './service/payments.service.js';
import { storeCreditMigrations } from './data/store-credit.migration.js';
import { storeCreditRoutes } from './http/store-credit.routes.js';
import { StoreCreditProvider } from './providers/store-credit.provider.js';
import { StoreCreditLedger } from './service/store-credit.js';

export * from './contracts/events.js';
export * from './contracts/store-credit-events.js';
export { creditHolderKey } from './contracts/store-credit.js';
export type { CreditHolder, IssueCreditInput, StoreCreditBalance, StoreCreditEntryDto } from './contracts/store-credit.js';
export type * from './contracts/service.js';
export { PROVIDER_NAMES } from './contracts/service.js';
export { PAYMENT_STATUSES, PAYMENT_TRANSITIONS } from './domain/payment-state.js';
export type { PaymentProvider } from './providers/provider.js';
export { TestProvider } from './providers/test.provider.js';
export { signStripePayload } from './providers/stripe-signature.js';

export interface PaymentsModule { parts: ModuleParts; service: PaymentsService; providers: ReadonlyMap<string, PaymentProvider> }

export function createPaymentsModule(deps: ModuleDeps, opts: { testTimeoutDelayMs?: number } = {}): PaymentsModule {
  const { config } = deps;
  const providers = new Map<string, PaymentProvider>();
  // Fake card tokens have no place in a live store. `tok_timeout` answers well after the timeout.
  if (config.nodeEnv !== 'production') providers.set('test', new TestProvider({ timeoutDelayMs: opts.testTimeoutDelayMs ?? config.paymentTimeoutMs * 3 }));
  providers.set('manual', new OfflineProvider('manual'));
  providers.set('cash', new OfflineProvider('cash'));
  if (config.stripeSecretKey) {
    providers.set('stripe', new StripeProvider({ secretKey: config.stripeSecretKey, webhookSecret: config.stripeWebhookSecret, apiBase: config.stripeApiBase }));
  }
  const credit = new StoreCreditLedger();
  providers.set('store_credit', new StoreCreditProvider(deps.database.db, deps.clock, credit));
  const service = new PaymentsServiceImpl(providers, config.paymentTimeoutMs, credit);
  return {
    parts: { name: 'payments', migrations: [...paymentsMigrations, ...storeCreditMigrations], routes: [
      ...paymentSettingsRoutes({ providers: [...providers.keys()], captureMode: config.captureMode, stripeWebhooks: !!config.stripeWebhookSecret }),
      ...paymentsRoutes(service), ...storeCreditRoutes(service, config.defaultCurrency)] },
    service, providers,
  };
}
