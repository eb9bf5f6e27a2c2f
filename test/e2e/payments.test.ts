/**
 * Payments over real HTTP on a real database: the test provider's whole lifecycle, declines,
 * timeouts, idempotency, the amount rules, and Stripe against a local fake of the endpoints we
 * use (the network is closed), including signed webhooks.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/kernel/index.js';
import { signStripePayload, type TestProvider } from '../../src/modules/payments/index.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const SECRET_KEY = 'sk_test_fake_0123456789';
const WEBHOOK_SECRET = 'whsec_test_secret_0123456789';

interface StripeCall { method: string; path: string; form: Record<string, string>; idempotencyKey: string | undefined; authorization: string | undefined; contentType: string | undefined }

/** A fake of the Stripe endpoints the provider uses; like Stripe, it replays an answer per Idempotency-Key. */
function fakeStripe() {
  const calls: StripeCall[] = [];
  const intents = new Map<string, any>();
  const answers = new Map<string, [number, unknown]>();
  let n = 0;
  const read = (req: IncomingMessage) => new Promise<string>((resolve) => { let s = ''; req.on('data', (c) => { s += c; }); req.on('end', () => resolve(s)); });
  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    const form = Object.fromEntries(new URLSearchParams(body));
    const key = req.headers['idempotency-key'] as string | undefined;
    const path = req.url ?? '';
    calls.push({ method: req.method ?? '', path, form, idempotencyKey: key, authorization: req.headers.authorization, contentType: req.headers['content-type'] });
    const send = ([status, json]: [number, unknown]) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(json)); };
    const cacheKey = key ? `${path} ${key}` : undefined;
    if (cacheKey && answers.has(cacheKey)) return send(answers.get(cacheKey)!);
    const answer = ((): [number, unknown] => {
      if (req.headers.authorization !== `Bearer ${SECRET_KEY}`) return [401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } }];
      let m: RegExpExecArray | null;
      if (path === '/v1/payment_intents') {
        const id = `pi_${++n}`;
        if (form['payment_method_data[card][token]'] === 'tok_chargeDeclined') {
          intents.set(id, { id, status: 'requires_payment_method', amount: Number(form.amount) });
          return [402, { error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.', payment_intent: { id } } }];
        }
        const pi = { id, object: 'payment_intent', status: 'requires_capture', amount: Number(form.amount), amount_capturable: Number(form.amount), amount_received: 0, currency: form.currency };
        intents.set(id, pi);
        return [200, pi];
      }
      if ((m = /^\/v1\/payment_intents\/(pi_\d+)\/capture$/.exec(path))) {
        const pi = intents.get(m[1]);
        if (!pi || pi.status !== 'requires_capture') return [400, { error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'cannot capture' } }];
        Object.assign(pi, { status: 'succeeded', amount_received: Number(form.amount_to_capture ?? pi.amount), amount_capturable: 0 });
        return [200, pi];
      }
      if ((m = /^\/v1\/payment_intents\/(pi_\d+)\/cancel$/.exec(path))) {
        const pi = intents.get(m[1]);
        if (!pi) return [404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'no such intent' } }];
        Object.assign(pi, { status: 'canceled', amount_capturable: 0 });
        return [200, pi];
      }
      if (path === '/v1/refunds') return [200, { id: `re_${++n}`, object: 'refund', status: 'succeeded', amount: Number(form.amount), payment_intent: form.payment_intent }];
      return [404, { error: { type: 'invalid_request_error', message: `no fake for ${path}` } }];
    })();
    if (cacheKey) answers.set(cacheKey, answer);
    send(answer);
  });
  return { server, calls, intents };
}

let t: TestApp;
let token: string;
let stripe: ReturnType<typeof fakeStripe>;

beforeAll(async () => {
  stripe = fakeStripe();
  await new Promise<void>((resolve) => stripe.server.listen(0, '127.0.0.1', resolve));
  const { port } = stripe.server.address() as AddressInfo;
  t = await startTestApp({
    STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: `http://127.0.0.1:${port}`, PAYMENT_TIMEOUT_MS: '300',
  });
  token = (await t.staff('admin')).token;
});
afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => stripe?.server.close(resolve));
});

const ref = () => newId('ord');
const key = () => newId('idem');
const testProvider = () => t.app.modules.payments.providers.get('test') as TestProvider;

async function authorize(body: Record<string, unknown>, idempotencyKey = key()) {
  return t.api('POST', '/admin/payments', { token, body: { currency: 'USD', provider: 'test', token: 'tok_visa', ...body }, headers: { 'idempotency-key': idempotencyKey } });
}
const post = (id: string, action: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  t.api('POST', `/admin/payments/${id}/${action}`, { token, body, headers });
const detail = async (id: string) => (await t.api('GET', `/admin/payments/${id}`, { token })).body;

async function events(paymentId: string) {
  const rows = await t.app.database.db.selectFrom('outbox').selectAll().where('aggregate_id', '=', paymentId).orderBy('seq').execute();
  return rows.map((r: any) => ({ type: r.type as string, payload: JSON.parse(r.payload) }));
}

describe('test provider', () => {
  it('authorize → capture → partial refund → refund, each transition recorded, announced and audited', async () => {
    const reference = ref();
    const auth = await authorize({ reference, amount: 5000 });
    expect(auth.status, JSON.stringify(auth.body)).toBe(201);
    expect(auth.body).toMatchObject({ reference, provider: 'test', status: 'authorized', amount: 5000, authorized: 5000, captured: 0, actions: ['capture', 'void'] });
    const id = auth.body.id;

    const cap = await post(id, 'capture');
    expect(cap.status, JSON.stringify(cap.body)).toBe(200);
    expect(cap.body).toMatchObject({ status: 'captured', captured: 5000, actions: ['refund'] });

    const part = await post(id, 'refund', { amount: 2000, reason: 'damaged box' });
    expect(part.status).toBe(200);
    expect(part.body).toMatchObject({ status: 'partially_refunded', refunded: 2000 });

    const rest = await post(id, 'refund');
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ status: 'refunded', refunded: 5000, actions: [] });

    const d = await detail(id);
    expect(d.transitions.map((x: any) => [x.action, x.from, x.to, x.amount])).toEqual([
      ['create', null, 'pending', 5000], ['authorize', 'pending', 'authorized', 5000], ['capture', 'authorized', 'captured', 5000],
      ['refund', 'captured', 'partially_refunded', 2000], ['refund', 'partially_refunded', 'refunded', 3000],
    ]);
    expect(d.transitions[3].reason).toBe('damaged box');
    expect(d.transitions.every((x: any) => x.actor.startsWith('staff:'))).toBe(true);

    const ev = await events(id);
    expect(ev.map((e) => e.type)).toEqual(['payment.authorized', 'payment.captured', 'payment.refunded', 'payment.refunded']);
    expect(ev[3].payload).toMatchObject({ paymentId: id, reference, amount: 3000, refundedTotal: 5000, fully: true, currency: 'USD' });

    const audits = await t.app.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).orderBy('id').execute();
    expect(audits.map((a: any) => a.action)).toEqual(['payment.authorize', 'payment.capture', 'payment.refund', 'payment.refund']);
    expect(JSON.parse(audits[1].before as string).status).toBe('authorized');
    expect(JSON.parse(audits[1].after as string).status).toBe('captured');

    const list = await t.api('GET', `/admin/payments?reference=${reference}`, { token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: any) => p.id)).toEqual([id]);
  });

  it('captures part of an authorization; manual and cash are marked paid by staff', async () => {
    const a = await authorize({ reference: ref(), amount: 1000 });
    const cap = await post(a.body.id, 'capture', { amount: 600 });
    expect(cap.body).toMatchObject({ status: 'captured', authorized: 1000, captured: 600 });
    for (const provider of ['manual', 'cash']) {
      const m = await authorize({ reference: ref(), amount: 2500, provider, token: undefined });
      expect(m.status, JSON.stringify(m.body)).toBe(201);
      expect(m.body.status).toBe('authorized');
      expect((await post(m.body.id, 'capture')).body).toMatchObject({ status: 'captured', captured: 2500 });
    }
  });

  it('a decline is returned with its reason and recorded as a failed transition', async () => {
    const reference = ref();
    const res = await authorize({ reference, amount: 1500, token: 'tok_decline' });
    expect(res.status).toBe(402);
    expect(res.body.error).toMatchObject({ code: 'payments.declined', details: { reason: 'card_declined' } });
    const id = res.body.error.details.paymentId;
    const d = await detail(id);
    expect(d).toMatchObject({ status: 'failed', failureCode: 'card_declined', actions: [] });
    expect(d.transitions.map((x: any) => [x.action, x.from, x.to])).toEqual([['create', null, 'pending'], ['fail', 'pending', 'failed']]);
    expect((await events(id)).map((e) => [e.type, e.payload.reason])).toEqual([['payment.failed', 'card_declined']]);

    const poor = await authorize({ reference, amount: 1500, token: 'tok_insufficient_funds' });
    expect(poor.status).toBe(402);
    expect(poor.body.error.details.reason).toBe('insufficient_funds');
    expect((await post(id, 'capture')).status).toBe(409);
  });

  it('a provider timeout is returned, leaves the payment pending, and a void resolves it', async () => {
    // tok_timeout answers only long after the provider timeout; a 504 shows the timeout cut the wait.
    const res = await authorize({ reference: ref(), amount: 700, token: 'tok_timeout' });
    expect(res.status).toBe(504);
    expect(res.body.error.code).toBe('payments.provider_timeout');
    const id = res.body.error.details.paymentId;
    const d = await detail(id);
    expect(d).toMatchObject({ status: 'pending', actions: ['void'] });
    expect(d.transitions.map((x: any) => x.action)).toEqual(['create', 'authorize_timeout']);

    const voided = await post(id, 'void');
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    expect(voided.body.status).toBe('voided');
    expect((await events(id)).map((e) => e.type)).toEqual(['payment.voided']);
  });

  it('the same idempotency key twice gives one payment and one provider call', async () => {
    const ctx = t.app.systemCtx();
    const { service } = t.app.modules.payments;
    const input = { reference: ref(), amount: 4200, currency: 'USD', provider: 'test' as const, token: 'tok_visa', idempotencyKey: key() };
    const first = await service.authorize(ctx, input);
    const second = await service.authorize(ctx, input);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.value.id).toBe(first.value.id);
    expect(await service.listForReference(ctx, input.reference)).toHaveLength(1);
    expect(testProvider().calls.filter((c) => c.op === 'authorize' && c.idempotencyKey === `${first.value.id}:authorize`)).toHaveLength(1);

    // Capture and refund retried with the same key go to the provider once.
    const id = first.value.id;
    await service.capture(ctx, id, { idempotencyKey: 'cap-1' });
    const again = await service.capture(ctx, id, { idempotencyKey: 'cap-1' });
    expect(again.ok && again.value.status).toBe('captured');
    await service.refund(ctx, id, { amount: 200, idempotencyKey: 'ref-1' });
    const r2 = await service.refund(ctx, id, { amount: 200, idempotencyKey: 'ref-1' });
    expect(r2.ok && r2.value.refunded).toBe(200);
    const calls = testProvider().calls.filter((c) => c.idempotencyKey.startsWith(id));
    expect(calls.map((c) => c.op)).toEqual(['authorize', 'capture', 'refund']);

    // Over HTTP the platform replays the first answer for the same Idempotency-Key.
    const k = key();
    const body = { reference: ref(), amount: 990 };
    const h1 = await authorize(body, k);
    const h2 = await authorize(body, k);
    expect(h2.status).toBe(201);
    expect(h2.headers.get('idempotent-replayed')).toBe('true');
    expect(h2.body.id).toBe(h1.body.id);

    // The same key for a different payment is refused.
    const other = await service.authorize(ctx, { ...input, amount: 1 }).catch((e) => e);
    expect(other).toMatchObject({ code: 'payments.idempotency_key_reused', status: 422 });
  });

  it('refuses a refund above what was captured minus refunded (409), and the database refuses impossible amounts', async () => {
    const a = await authorize({ reference: ref(), amount: 3000 });
    const id = a.body.id;
    const early = await post(id, 'refund', { amount: 10 });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('payments.invalid_transition');
    expect((await post(id, 'capture', { amount: 3001 })).status).toBe(409);
    await post(id, 'capture', { amount: 2000 });
    await post(id, 'refund', { amount: 1500 });
    const over = await post(id, 'refund', { amount: 501 });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'payments.refund_exceeds_captured', details: { refundable: 500 } });
    expect((await detail(id)).refunded).toBe(1500);

    const db = t.app.database.db;
    await expect(db.updateTable('payments').set({ refunded_amount: 2001 }).where('id', '=', id).execute()).rejects.toThrow();
    await expect(db.updateTable('payments').set({ captured_amount: 3001 }).where('id', '=', id).execute()).rejects.toThrow();
    expect((await post(id, 'void')).status).toBe(409);
    expect((await t.api('GET', '/admin/payments/pay_missing', { token })).status).toBe(404);
  });
});

describe('stripe provider', () => {
  const callsFor = (paymentId: string, pi: string) => stripe.calls.filter((c) => c.path.includes(`/${pi}/`) || c.form['metadata[payment_id]'] === paymentId || c.form.payment_intent === pi);

  it('authorizes, captures part and refunds through PaymentIntents with form bodies and idempotency keys', async () => {
    const reference = ref();
    const a = await authorize({ reference, amount: 5000, provider: 'stripe', token: 'tok_visa', description: 'Order #1001' });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body).toMatchObject({ status: 'authorized', authorized: 5000, providerRef: expect.stringMatching(/^pi_/) });
    const id = a.body.id;
    const pi = a.body.providerRef;

    const create = stripe.calls.find((c) => c.form['metadata[payment_id]'] === id)!;
    expect(create).toMatchObject({
      method: 'POST', path: '/v1/payment_intents', idempotencyKey: `${id}:authorize`, authorization: `Bearer ${SECRET_KEY}`, contentType: 'application/x-www-form-urlencoded',
    });
    expect(create.form).toMatchObject({
      amount: '5000', currency: 'usd', capture_method: 'manual', confirm: 'true', 'payment_method_data[type]': 'card',
      'payment_method_data[card][token]': 'tok_visa', 'metadata[reference]': reference, description: 'Order #1001',
    });

    const cap = await post(id, 'capture', { amount: 3000 }, { 'idempotency-key': 'cap-stripe-1' });
    expect(cap.status, JSON.stringify(cap.body)).toBe(200);
    expect(cap.body).toMatchObject({ status: 'captured', captured: 3000 });
    const refund = await post(id, 'refund', { amount: 1000 });
    expect(refund.body).toMatchObject({ status: 'partially_refunded', refunded: 1000 });

    const calls = callsFor(id, pi);
    expect(calls.map((c) => c.path)).toEqual(['/v1/payment_intents', `/v1/payment_intents/${pi}/capture`, '/v1/refunds']);
    expect(calls[1]).toMatchObject({ form: { amount_to_capture: '3000' }, idempotencyKey: `${id}:capture:cap-stripe-1` });
    expect(calls[2]).toMatchObject({ form: { payment_intent: pi, amount: '1000' }, idempotencyKey: `${id}:refund:0:1000` });
    expect(stripe.intents.get(pi)).toMatchObject({ status: 'succeeded', amount_received: 3000 });

    const d = await detail(id);
    expect(d.transitions.map((x: any) => [x.action, x.to, x.amount])).toEqual([
      ['create', 'pending', 5000], ['authorize', 'authorized', 5000], ['capture', 'captured', 3000], ['refund', 'partially_refunded', 1000],
    ]);
    expect(d.transitions[3].providerRef).toMatch(/^re_/);
  });

  it('voids by cancelling the PaymentIntent, and returns a decline with Stripe\'s reason', async () => {
    const a = await authorize({ reference: ref(), amount: 800, provider: 'stripe', token: 'pm_card_visa' });
    expect(a.status).toBe(201);
    const create = stripe.calls.find((c) => c.form['metadata[payment_id]'] === a.body.id)!;
    expect(create.form.payment_method).toBe('pm_card_visa');
    const v = await post(a.body.id, 'void');
    expect(v.body.status).toBe('voided');
    expect(stripe.calls.at(-1)).toMatchObject({ path: `/v1/payment_intents/${a.body.providerRef}/cancel`, idempotencyKey: `${a.body.id}:void` });
    expect(stripe.intents.get(a.body.providerRef).status).toBe('canceled');

    const declined = await authorize({ reference: ref(), amount: 800, provider: 'stripe', token: 'tok_chargeDeclined' });
    expect(declined.status).toBe(402);
    expect(declined.body.error.details.reason).toBe('generic_decline');
    expect((await detail(declined.body.error.details.paymentId)).status).toBe('failed');
  });

  it('webhooks: a valid signature updates the payment, a bad one is 400, a replayed event is applied once', async () => {
    const a = await authorize({ reference: ref(), amount: 2500, provider: 'stripe', token: 'tok_visa' });
    const { id, providerRef: pi } = a.body;
    const send = (event: unknown, sign = true) => {
      const raw = JSON.stringify(event, null, 2); // Stripe pretty-prints: the signature is over these exact bytes
      const header = sign ? signStripePayload(raw, WEBHOOK_SECRET, Math.floor(Date.now() / 1000)) : signStripePayload(raw, 'whsec_somebody_else_123', Math.floor(Date.now() / 1000));
      return t.api('POST', '/webhooks/payments/stripe', { raw, headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': header } });
    };
    const succeeded = { id: `evt_${newId('x')}`, type: 'payment_intent.succeeded', data: { object: { id: pi, object: 'payment_intent', status: 'succeeded', amount_received: 2500 } } };

    const bad = await send(succeeded, false);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('payments.invalid_signature');
    const unsigned = await t.api('POST', '/webhooks/payments/stripe', { body: succeeded });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.error.code).toBe('payments.invalid_signature');
    expect((await detail(id)).status).toBe('authorized');

    const ok1 = await send(succeeded);
    expect(ok1.status, JSON.stringify(ok1.body)).toBe(200);
    expect(ok1.body).toEqual({ received: true, duplicate: false, paymentId: id });
    const dup = await send(succeeded);
    expect(dup.status).toBe(200);
    expect(dup.body.duplicate).toBe(true);

    const refunded = { id: `evt_${newId('x')}`, type: 'charge.refunded', data: { object: { id: 'ch_1', object: 'charge', payment_intent: pi, amount_refunded: 2500 } } };
    expect((await send(refunded)).status).toBe(200);

    const d = await detail(id);
    expect(d).toMatchObject({ status: 'refunded', captured: 2500, refunded: 2500 });
    expect(d.transitions.filter((x: any) => x.action === 'capture')).toHaveLength(1);
    expect(d.transitions.slice(-2).map((x: any) => [x.action, x.actor])).toEqual([['capture', 'webhook:stripe'], ['refund', 'webhook:stripe']]);
    expect((await events(id)).map((e) => e.type)).toEqual(['payment.authorized', 'payment.captured', 'payment.refunded']);

    // A webhook for a provider without webhooks is a 404; an unknown intent is acknowledged.
    expect((await t.api('POST', '/webhooks/payments/test', { body: {} })).status).toBe(404);
    const stranger = await send({ id: `evt_${newId('x')}`, type: 'payment_intent.succeeded', data: { object: { id: 'pi_unknown', amount_received: 1 } } });
    expect(stranger.body).toMatchObject({ received: true, paymentId: null });
  });
});
