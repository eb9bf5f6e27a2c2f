import { describe, expect, it } from 'vitest';
import { signStripePayload, verifyStripeSignature } from './stripe-signature.js';

const secret = 'whsec_test_0123456789abcdef';
const body = Buffer.from('{\n  "id": "evt_1",\n  "type": "payment_intent.succeeded"\n}');
const now = new Date('2026-01-01T00:00:00Z');
const t = Math.floor(now.getTime() / 1000);

describe('Stripe webhook signatures', () => {
  it('accepts a payload signed with the secret within the tolerance', () => {
    expect(verifyStripeSignature(body, signStripePayload(body, secret, t), secret, now)).toEqual({ ok: true });
    expect(verifyStripeSignature(body, signStripePayload(body, secret, t - 299), secret, now).ok).toBe(true);
  });

  it('accepts when any of several v1 signatures matches (secret rotation)', () => {
    const good = signStripePayload(body, secret, t).split(',')[1];
    const other = signStripePayload(body, 'whsec_other_secret_value', t).split(',')[1];
    expect(verifyStripeSignature(body, `t=${t},${other},${good},v0=abc`, secret, now).ok).toBe(true);
  });

  it('refuses a changed body, a wrong secret, an old timestamp and malformed headers', () => {
    const header = signStripePayload(body, secret, t);
    expect(verifyStripeSignature(Buffer.from(body.toString().replace('evt_1', 'evt_2')), header, secret, now).ok).toBe(false);
    expect(verifyStripeSignature(body, header, 'whsec_wrong_secret_value', now).ok).toBe(false);
    const old = verifyStripeSignature(body, signStripePayload(body, secret, t - 301), secret, now);
    expect(old).toEqual({ ok: false, reason: expect.stringContaining('tolerance') });
    // The timestamp is part of what is signed: moving it breaks the signature.
    expect(verifyStripeSignature(body, header.replace(`t=${t}`, `t=${t + 1}`), secret, now).ok).toBe(false);
    for (const bad of [undefined, '', 'garbage', `t=${t}`, 'v1=abcd', `t=${t},v1=zz`, `t=${t},v1=${'0'.repeat(64)}`]) {
      expect(verifyStripeSignature(body, bad, secret, now).ok, String(bad)).toBe(false);
    }
  });

  it('verifies the exact bytes: re-serialised JSON does not match', () => {
    const header = signStripePayload(body, secret, t);
    expect(verifyStripeSignature(Buffer.from(JSON.stringify(JSON.parse(body.toString()))), header, secret, now).ok).toBe(false);
  });
});
