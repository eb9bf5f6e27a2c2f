/**
 * Stripe's webhook signature: `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`
 * (several v1 entries while a secret is being rolled). A timestamp outside the tolerance window
 * is refused so a captured request cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Signs a payload the way Stripe does (for tests and the local fake). */
export function signStripePayload(payload: Buffer | string, secret: string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(payload).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Checks a Stripe-Signature header against the raw body, in constant time per candidate. */
export function verifyStripeSignature(payload: Buffer, header: string | undefined, secret: string, now: Date, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS): SignatureCheck {
  if (!header || header.length > 2000) return { ok: false, reason: 'missing Stripe-Signature header' };
  let timestamp: number | undefined;
  const candidates: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === 't' && /^\d{1,12}$/.test(v)) timestamp = Number(v);
    if (k === 'v1' && /^[0-9a-f]{64}$/i.test(v)) candidates.push(Buffer.from(v, 'hex'));
  }
  if (timestamp === undefined) return { ok: false, reason: 'Stripe-Signature has no timestamp' };
  if (!candidates.length) return { ok: false, reason: 'Stripe-Signature has no v1 signature' };
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return { ok: false, reason: 'Stripe-Signature timestamp is outside the tolerance window' };
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(payload).digest();
  // Compare against every candidate (no early exit) so timing says nothing about which matched.
  let match = false;
  for (const c of candidates) match = timingSafeEqual(c, expected) || match;
  return match ? { ok: true } : { ok: false, reason: 'no Stripe-Signature v1 matches the payload' };
}
