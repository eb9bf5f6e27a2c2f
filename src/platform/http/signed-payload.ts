/**
 * The timestamped HMAC signature scheme webhooks use, ours and Stripe's alike:
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, several v1 entries allowed while a
 * secret is rolled. A timestamp outside the tolerance is refused so a captured request cannot be
 * replayed later. Callers word the failures for their own header.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header value for a body signed at `timestamp` (unix seconds). */
export function signTimestamped(body: Buffer | string, secret: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export type TimestampedCheck =
  | { ok: true }
  | { ok: false; problem: 'missing' | 'no_timestamp' | 'no_signature' | 'stale' | 'mismatch' };

export function checkTimestamped(
  body: Buffer, header: string | undefined, secret: string, now: Date, opts: { toleranceSeconds: number; maxHeaderLength: number },
): TimestampedCheck {
  if (!header || header.length > opts.maxHeaderLength) return { ok: false, problem: 'missing' };
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
  if (timestamp === undefined) return { ok: false, problem: 'no_timestamp' };
  if (!candidates.length) return { ok: false, problem: 'no_signature' };
  if (Math.abs(now.getTime() / 1000 - timestamp) > opts.toleranceSeconds) return { ok: false, problem: 'stale' };
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
  // Compare against every candidate (no early exit) so timing says nothing about which matched.
  let match = false;
  for (const c of candidates) match = timingSafeEqual(c, expected) || match;
  return match ? { ok: true } : { ok: false, problem: 'mismatch' };
}
