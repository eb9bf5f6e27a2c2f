/**
 * The payments module's public service interface, for the checkout saga, the POS and staff.
 * A decline or a provider timeout is an expected outcome and is returned; an impossible request
 * (capturing a voided payment, refunding more than is left) is thrown as a 409.
 */
import type { Result } from '../../../kernel/index.js';
import type { Ctx } from '../../../platform/index.js';
import type { PaymentAction, PaymentStatus } from '../domain/payment-state.js';
import type { CreditHolder, IssueCreditInput, StoreCreditBalance, StoreCreditEntryDto } from './store-credit.js';

export type { PaymentAction, PaymentStatus };

export type ProviderName = 'test' | 'manual' | 'cash' | 'stripe' | 'store_credit';
export const PROVIDER_NAMES: readonly ProviderName[] = ['test', 'manual', 'cash', 'stripe', 'store_credit'];

export interface Payment {
  id: string;
  /** What is being paid for, e.g. an order or checkout id. */
  reference: string;
  provider: ProviderName;
  status: PaymentStatus;
  currency: string;
  /** Minor units: asked for, held by the authorization, taken, and given back. */
  amount: number; authorized: number; captured: number; refunded: number;
  providerRef: string | null;
  failureCode: string | null;
  failureReason: string | null;
  /** What staff may do next, from the transition table. */
  actions: PaymentAction[];
  createdAt: string; updatedAt: string;
}

export interface PaymentTransition {
  id: string;
  action: string;
  from: PaymentStatus | null;
  to: PaymentStatus;
  amount: number;
  providerRef: string | null;
  reason: string | null;
  actor: string;
  at: string;
}

export interface PaymentDetail extends Payment { transitions: PaymentTransition[] }

export type PaymentError =
  /** The provider said no: `reason` is its decline code (card_declined, insufficient_funds…). */
  | { code: 'payments.declined'; message: string; paymentId: string; reason: string }
  /** The provider did not answer in time; the payment stays pending until a retry with the same key or a void resolves it. */
  | { code: 'payments.provider_timeout'; message: string; paymentId: string }
  /** The provider failed (5xx, network); safe to retry with the same idempotency key. */
  | { code: 'payments.provider_error'; message: string; paymentId: string };

export interface AuthorizeInput {
  reference: string;
  amount: number;
  currency: string;
  provider: ProviderName;
  /** Card token or payment method id (`tok_visa`, `pm_…`); manual and cash need none. */
  token?: string;
  description?: string;
  /** A retry with the same key returns the first payment and never charges twice. */
  idempotencyKey: string;
}

export interface PaymentsService {
  /** Creates a payment and asks the provider to hold the amount. */
  authorize(ctx: Ctx, input: AuthorizeInput): Promise<Result<Payment, PaymentError>>;
  /** Takes all (default) or part of the authorized amount; a second call with the same key is a no-op. */
  capture(ctx: Ctx, paymentId: string, opts?: { amount?: number; idempotencyKey?: string }): Promise<Result<Payment, PaymentError>>;
  /** Releases an authorization (or a pending payment left by a timeout). */
  void(ctx: Ctx, paymentId: string, opts?: { idempotencyKey?: string }): Promise<Result<Payment, PaymentError>>;
  /** Gives back all that is left (default) or part of it; never more than captured minus refunded. */
  refund(ctx: Ctx, paymentId: string, opts?: { amount?: number; reason?: string; idempotencyKey?: string }): Promise<Result<Payment, PaymentError>>;
  get(ctx: Ctx, paymentId: string): Promise<PaymentDetail>;
  listForReference(ctx: Ctx, reference: string): Promise<Payment[]>;
  list(ctx: Ctx, q: { reference?: string; limit: number; cursor?: string }): Promise<{ items: Payment[]; nextCursor: string | null }>;
  /** Verifies and applies a provider's webhook; a replayed event is acknowledged and not applied again. */
  handleWebhook(ctx: Ctx, provider: string, rawBody: Buffer, headers: Record<string, string | string[] | undefined>): Promise<{ received: true; duplicate: boolean; paymentId: string | null }>;
  /** Gives store credit (a refund as credit, goodwill) in the caller's transaction; idempotent by key. Spent with the `store_credit` provider, whose token is `creditHolderKey(holder)`. */
  issueCredit(ctx: Ctx, input: IssueCreditInput): Promise<StoreCreditEntryDto>;
  /** A holder's store credit in one currency, with its latest movements. */
  creditBalance(ctx: Ctx, holder: CreditHolder, currency: string): Promise<StoreCreditBalance>;
}
