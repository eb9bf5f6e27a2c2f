import { describe, expect, it } from 'vitest';
import { htmlToText, parseMailbox, phoneDigits, replyText } from './inbound.js';
import { signWebhook, verifyWebhook } from './webhook-signature.js';

describe('inbound channel messages', () => {
  it('reads a From header', () => {
    expect(parseMailbox('Ann Lee <Ann@Example.com>')).toEqual({ email: 'ann@example.com', name: 'Ann Lee' });
    expect(parseMailbox('"Lee, Ann" <ann@example.com>')).toEqual({ email: 'ann@example.com', name: 'Lee, Ann' });
    expect(parseMailbox('ann@example.com')).toEqual({ email: 'ann@example.com', name: null });
    expect(parseMailbox('not an address')).toBeNull();
  });
  it('keeps only the new part of a reply', () => {
    expect(replyText('Thanks, that works!\n\nOn Mon, 2 Mar 2026 at 10:00, Store <s@x.com> wrote:\n> Your order shipped')).toBe('Thanks, that works!');
    expect(replyText('Merci\nLe lun. 2 mars 2026, Store a écrit :\n> bonjour')).toBe('Merci');
    expect(replyText('Hello\n-- \nAnn')).toBe('Hello');
    expect(replyText('No quote here')).toBe('No quote here');
  });
  it('turns HTML into text', () => {
    expect(htmlToText('<html><head><style>p{}</style></head><body><p>Hi &amp; hello</p><div>Order <b>1042</b><br>thanks</div><script>x()</script></body></html>'))
      .toBe('Hi & hello\nOrder 1042\nthanks');
  });
  it('phone numbers are compared on digits', () => {
    expect(phoneDigits('+33 6 12-34 (56) 78')).toBe('33612345678');
    expect(phoneDigits('12')).toBeNull();
  });
  it('signatures verify against the exact body, secret and a recent time', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const t = Math.floor(now.getTime() / 1000);
    const body = Buffer.from('{"from":"a@b.co"}');
    const header = signWebhook(body, 'secret-secret-secret', t);
    expect(verifyWebhook(body, header, 'secret-secret-secret', now)).toEqual({ ok: true });
    expect(verifyWebhook(Buffer.from('{"from":"x@b.co"}'), header, 'secret-secret-secret', now).ok).toBe(false);
    expect(verifyWebhook(body, header, 'another-secret-here', now).ok).toBe(false);
    expect(verifyWebhook(body, header, 'secret-secret-secret', new Date(now.getTime() + 301_000)).ok).toBe(false);
    expect(verifyWebhook(body, undefined, 'secret-secret-secret', now).ok).toBe(false);
  });
});
