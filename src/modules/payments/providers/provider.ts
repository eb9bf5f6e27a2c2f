/**
 * The payment provider port: one small interface per gateway. Every call carries an idempotency
 * key the provider must honour (Stripe's Idempotency-Key), so a retried call never charges twice,
 * and an AbortSignal the service fires when PAYMENT_TIMEOUT_MS runs out.
 */
import type { Result } from '../../../kernel/index.js';

export interface CallOptions { idempotencyKey: string; signal: AbortSignal }

export type ProviderOutcome =
  | { kind: 'ok'; providerRef: string; amount: number }
  | { kind: 'declined'; reason: string; message: string; providerRef?: string }
  | { kind: 'error'; message: string };

export interface AuthorizeRequest { paymentId: string; reference: string; amount: number; currency: string; token?: string; description?: string }

/** A provider-side fact from a verified webhook, in our vocabulary. */
export interface WebhookEvent {
  id: string;
  type: string;
  providerRef: string;
  /** What the provider now says happened; `refunded` carries the provider's refunded total. */
  change: { kind: 'authorized' | 'captured' | 'voided'; amount: number } | { kind: 'failed'; reason: string } | { kind: 'refunded'; total: number } | { kind: 'ignored' };
}

export type WebhookError = { code: 'payments.invalid_signature'; message: string } | { code: 'payments.invalid_webhook'; message: string };

export interface PaymentProvider {
  readonly name: string;
  authorize(req: AuthorizeRequest, opts: CallOptions): Promise<ProviderOutcome>;
  capture(req: { providerRef: string; amount: number; currency: string }, opts: CallOptions): Promise<ProviderOutcome>;
  /** `providerRef` is null when an authorize timed out before the provider answered; `authorizeKey` then finds it. */
  void(req: { providerRef: string | null; authorizeKey: string; authorize: AuthorizeRequest }, opts: CallOptions): Promise<ProviderOutcome>;
  refund(req: { providerRef: string; amount: number; currency: string; reason?: string }, opts: CallOptions): Promise<ProviderOutcome>;
  /** Verifies a webhook's signature and reads it; absent for providers that send none. */
  parseWebhook?(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, now: Date): Result<WebhookEvent, WebhookError>;
}

/** Resolves after `ms`, or rejects with an AbortError when the signal fires first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(signal.reason); };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
