/**
 * Stripe's webhook signature: `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`
 * (several v1 entries while a secret is being rolled) — the platform's timestamped scheme.
 */
import { checkTimestamped, signTimestamped } from '../../../platform/index.js';

export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Signs a payload the way Stripe does (for tests and the local fake). */
export const signStripePayload = signTimestamped;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

const REASONS = {
  missing: 'missing Stripe-Signature header',
  no_timestamp: 'Stripe-Signature has no timestamp',
  no_signature: 'Stripe-Signature has no v1 signature',
  stale: 'Stripe-Signature timestamp is outside the tolerance window',
  mismatch: 'no Stripe-Signature v1 matches the payload',
} as const;

/** Checks a Stripe-Signature header against the raw body, in constant time per candidate. */
export function verifyStripeSignature(payload: Buffer, header: string | undefined, secret: string, now: Date, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS): SignatureCheck {
  const r = checkTimestamped(payload, header, secret, now, { toleranceSeconds, maxHeaderLength: 2000 });
  return r.ok ? r : { ok: false, reason: REASONS[r.problem] };
}
