/**
 * Inbound channel webhooks (email, SMS) are signed with a shared secret:
 * `X-Emporia-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. A timestamp
 * more than five minutes away is refused, so a captured request cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-emporia-signature';
export const TOLERANCE_SECONDS = 300;

/** Signs a body the way a sender must (used by tests and by integrators' relays). */
export function signWebhook(body: string | Buffer, secret: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

export function verifyWebhook(body: Buffer, header: string | undefined, secret: string, now: Date): Verdict {
  if (!header || header.length > 1000) return { ok: false, reason: `missing ${SIGNATURE_HEADER} header` };
  let t: number | undefined;
  const sigs: Buffer[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.split('=', 2).map((x) => x?.trim());
    if (k === 't' && /^\d{1,12}$/.test(v ?? '')) t = Number(v);
    if (k === 'v1' && /^[0-9a-f]{64}$/i.test(v ?? '')) sigs.push(Buffer.from(v!, 'hex'));
  }
  if (t === undefined || !sigs.length) return { ok: false, reason: `${SIGNATURE_HEADER} must be t=<unix seconds>,v1=<hex HMAC>` };
  if (Math.abs(now.getTime() / 1000 - t) > TOLERANCE_SECONDS) return { ok: false, reason: 'signature timestamp is outside the five-minute window' };
  const expected = createHmac('sha256', secret).update(`${t}.`).update(body).digest();
  let match = false;
  for (const s of sigs) match = timingSafeEqual(s, expected) || match;
  return match ? { ok: true } : { ok: false, reason: 'signature does not match the body' };
}
