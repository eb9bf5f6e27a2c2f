/**
 * Inbound channel webhooks (email, SMS) are signed with a shared secret in the platform's
 * timestamped scheme: `X-Emporia-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * A timestamp more than five minutes away is refused, so a captured request cannot be replayed later.
 */
import { checkTimestamped, signTimestamped } from '../../../platform/index.js';

export const SIGNATURE_HEADER = 'x-emporia-signature';
export const TOLERANCE_SECONDS = 300;

/** Signs a body the way a sender must (used by tests and by integrators' relays). */
export const signWebhook = signTimestamped;

export type Verdict = { ok: true } | { ok: false; reason: string };

const REASONS = {
  missing: `missing ${SIGNATURE_HEADER} header`,
  no_timestamp: `${SIGNATURE_HEADER} must be t=<unix seconds>,v1=<hex HMAC>`,
  no_signature: `${SIGNATURE_HEADER} must be t=<unix seconds>,v1=<hex HMAC>`,
  stale: 'signature timestamp is outside the five-minute window',
  mismatch: 'signature does not match the body',
} as const;

export function verifyWebhook(body: Buffer, header: string | undefined, secret: string, now: Date): Verdict {
  const r = checkTimestamped(body, header, secret, now, { toleranceSeconds: TOLERANCE_SECONDS, maxHeaderLength: 1000 });
  return r.ok ? r : { ok: false, reason: REASONS[r.problem] };
}
