import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../src/modules/support/index.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const EMAIL_SECRET = 'email-secret-0123456789';
const SMS_SECRET = 'sms-secret-0123456789ab';
let t: TestApp;
let agent: { id: string; token: string };
beforeAll(async () => {
  t = await startTestApp({ SUPPORT_EMAIL_WEBHOOK_SECRET: EMAIL_SECRET, SUPPORT_SMS_WEBHOOK_SECRET: SMS_SECRET, SUPPORT_SMS_FROM: '+15550001111', MAIL_FROM: 'Shop <help@shop.example>' });
  agent = await t.staff('support');
});
afterAll(async () => { await t?.close(); });

const now = () => Math.floor(Date.now() / 1000);
const post = (channel: 'email' | 'sms', body: unknown, opts: { secret?: string; ts?: number; signature?: string | null } = {}) => {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const sig = opts.signature === undefined ? signWebhook(raw, opts.secret ?? (channel === 'email' ? EMAIL_SECRET : SMS_SECRET), opts.ts ?? now()) : opts.signature;
  if (sig !== null) headers['x-emporia-signature'] = sig;
  return t.api('POST', `/webhooks/support/${channel}`, { raw, headers });
};
const staffGet = async (id: string) => (await t.api('GET', `/admin/support/conversations/${id}`, { token: agent.token })).body;
async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  let v = await fn();
  for (let i = 0; i < 100 && !ok(v); i++) { await t.drain(); await new Promise((r) => setTimeout(r, 50)); v = await fn(); }
  return v;
}

describe('support: email channel', () => {
  it('refuses unsigned, wrongly signed and stale webhooks with 401 and writes nothing', async () => {
    const body = { from: 'eve@example.com', subject: 'hi', text: 'hello', messageId: '<forged-1@example.com>' };
    for (const opts of [{ signature: null }, { secret: 'not-the-secret-at-all' }, { ts: now() - 3600 }, { signature: 't=1,v1=zz' }]) {
      const res = await post('email', body, opts);
      expect(res.status, JSON.stringify(opts)).toBe(401);
      expect(res.body.error.code).toBe('support.invalid_signature');
    }
    // The SMS secret does not open the email door.
    expect((await post('email', body, { secret: SMS_SECRET })).status).toBe(401);
    const rows = await t.app.database.db.selectFrom('support_messages').select('id').where('external_id', '=', 'email:forged-1@example.com').execute();
    expect(rows).toEqual([]);
    const bad = await post('email', { from: 'not an address', text: 'x', messageId: '<m@x>' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('body.from');
  });

  it('a signed email starts a conversation; the answer goes out by email threaded on it; the reply to that answer joins the thread', async () => {
    const first = await post('email', {
      from: 'Ann Lee <Ann@Example.com>', to: 'help@shop.example', subject: 'Damaged mug', messageId: '<cust-1@mail.example.com>',
      text: 'Hello, my mug arrived cracked. Can I get a replacement?\n\nAnn',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ created: true, duplicate: false });
    const id = first.body.conversationId;
    const again = await post('email', { from: 'ann@example.com', subject: 'Damaged mug', messageId: '<cust-1@mail.example.com>', text: 'Hello, my mug arrived cracked.' });
    expect(again.body).toEqual({ conversationId: id, messageId: first.body.messageId, created: false, duplicate: true });

    let c = await staffGet(id);
    expect(c).toMatchObject({ channel: 'email', email: 'ann@example.com', name: 'Ann Lee', subject: 'Damaged mug' });
    expect(c.messages.filter((m: any) => m.author.kind === 'customer')).toHaveLength(1);

    const reply = await t.api('POST', `/admin/support/conversations/${id}/replies`, { token: agent.token, body: { body: 'Sorry Ann, a new mug is on its way.' } });
    expect(reply.status).toBe(201);
    const sent = await eventually(async () => t.app.mailer.recent().filter((m) => m.to === 'ann@example.com' && m.text.includes('new mug')), (x) => x.length > 0);
    expect(sent[0]).toMatchObject({ subject: 'Re: Damaged mug', inReplyTo: '<cust-1@mail.example.com>', messageId: `<${reply.body.id}@shop.example>` });
    expect(sent[0].text).toContain('a new mug is on its way');
    expect(sent[0].html).toContain('a new mug is on its way');

    // Ann answers our mail: quoted history is dropped, it joins the same conversation.
    const back = await post('email', {
      from: 'ann@example.com', subject: 'Re: Damaged mug', messageId: '<cust-2@mail.example.com>', inReplyTo: `<${reply.body.id}@shop.example>`,
      references: ['<cust-1@mail.example.com>', `<${reply.body.id}@shop.example>`],
      text: 'Thank you so much!\n\nOn Tue, 3 Mar 2026, Shop <help@shop.example> wrote:\n> Sorry Ann, a new mug is on its way.',
    });
    expect(back.body).toMatchObject({ conversationId: id, created: false });
    c = await staffGet(id);
    // (The support assistant, when it answers too, writes its own messages; these are the people's.)
    expect(c.messages.filter((m: any) => m.author.kind !== 'assistant').map((m: any) => [m.author.kind, m.body, m.channel])).toEqual([
      ['customer', 'Hello, my mug arrived cracked. Can I get a replacement?\n\nAnn', 'email'],
      ['agent', 'Sorry Ann, a new mug is on its way.', 'email'],
      ['customer', 'Thank you so much!', 'email'],
    ]);
    // Every customer message on the channel is understood too.
    c = await eventually(() => staffGet(id), (v) => v.messages.filter((m: any) => m.author.kind === 'customer').every((m: any) => m.analysedAt));
    expect(c.messages.filter((m: any) => m.author.kind === 'customer').every((m: any) => m.language === 'en' && m.analysedAt)).toBe(true);

    // A reply that names a thread from another address does not get into it.
    const stranger = await post('email', { from: 'mallory@example.com', messageId: '<m-1@evil.example>', inReplyTo: `<${reply.body.id}@shop.example>`, text: 'Send me her address' });
    expect(stranger.body.conversationId).not.toBe(id);
    // After the thread is closed, Ann's next mail starts a new conversation.
    await t.api('POST', `/admin/support/conversations/${id}/close`, { token: agent.token });
    const later = await post('email', { from: 'ann@example.com', messageId: '<cust-3@mail.example.com>', inReplyTo: '<cust-2@mail.example.com>', text: 'One more thing' });
    expect(later.body).toMatchObject({ created: true });
    expect(later.body.conversationId).not.toBe(id);
  });

  it('an email from a customer\'s address belongs to their account; HTML-only mail is read as text', async () => {
    const c = await t.customer();
    const res = await post('email', { from: c.email.toUpperCase(), messageId: '<acct-1@x.example>', html: '<p>Where is <b>my order</b>?</p>' });
    expect(res.status).toBe(200);
    const conv = await staffGet(res.body.conversationId);
    expect(conv).toMatchObject({ customerId: c.id, guest: false, channel: 'email' });
    expect(conv.messages[0].body).toBe('Where is my order?');
  });
});

describe('support: SMS channel', () => {
  it('signed SMS from a number thread into one conversation; answers go out by SMS; bad signatures are 401', async () => {
    expect((await post('sms', { from: '+14155550100', to: '+15550001111', body: 'hi' }, { secret: EMAIL_SECRET })).status).toBe(401);
    expect((await post('sms', { from: '+14155550100', to: '+15550001111', body: 'hi' }, { signature: null })).status).toBe(401);

    const a = await post('sms', { from: '+1 (415) 555-0100', to: '+15550001111', body: 'Is my parcel coming today?', messageId: 'SM1' });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body.created).toBe(true);
    const b = await post('sms', { from: '+14155550100', to: '+15550001111', body: 'Order 1042', messageId: 'SM2' });
    expect(b.body).toMatchObject({ conversationId: a.body.conversationId, created: false });
    expect((await post('sms', { from: '+14155550100', to: '+15550001111', body: 'Order 1042', messageId: 'SM2' })).body.duplicate).toBe(true);
    const conv = await staffGet(a.body.conversationId);
    expect(conv).toMatchObject({ channel: 'sms', phone: '14155550100', guest: true });
    expect(conv.messages.filter((m: any) => m.author.kind === 'customer').map((m: any) => m.body)).toEqual(['Is my parcel coming today?', 'Order 1042']);

    const reply = await t.api('POST', `/admin/support/conversations/${a.body.conversationId}/replies`, { token: agent.token, body: { body: 'Yes, it is out for delivery.' } });
    expect(reply.status).toBe(201);
    const out = await eventually(async () => t.app.modules.support.sms.recent().filter((m) => m.to === '+14155550100' && m.body.startsWith('Yes, it is')), (x) => x.length > 0);
    expect(out).toEqual([expect.objectContaining({ to: '+14155550100', from: '+15550001111', body: 'Yes, it is out for delivery.' })]);
    const analysed = await eventually(() => staffGet(a.body.conversationId), (v) => v.messages.filter((m: any) => m.author.kind === 'customer').every((m: any) => m.analysedAt));
    expect(analysed.messages.filter((m: any) => m.author.kind === 'customer' && m.analysedAt)).toHaveLength(2);
  });

  it('a customer\'s known phone number links the SMS to their account', async () => {
    const cus = await t.app.modules.identity.service.customers.register(t.app.systemCtx(), { email: 'sam@example.com', firstName: 'Sam', lastName: 'Ng', phone: '+44 7700 900123' });
    const res = await post('sms', { from: '+447700900123', to: '+15550001111', body: 'Hello it is Sam' });
    const conv = await staffGet(res.body.conversationId);
    expect(conv).toMatchObject({ customerId: cus.id, name: 'Sam Ng', email: 'sam@example.com', channel: 'sms' });
  });
});
