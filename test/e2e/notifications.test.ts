/**
 * Customer messages end to end: real orders (a real cart and checkout over HTTP, and the orders
 * service, emit `order.placed` and `order.refunded`), real fulfilments shipped and made ready over
 * the admin API, the bus delivering their events (which only queues each message), and the mail
 * outbox sending them afterwards through the SMTP adapter to a small SMTP server written here —
 * retries with backoff when it is down, a refusal recorded, staff retrying a failed message,
 * racing senders and expired claims, templates overridden by staff, and the record of what was sent.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/kernel/index.js';
import type { PlaceOrderInput } from '../../src/modules/orders/index.js';
import { systemActor, type Ctx } from '../../src/platform/index.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { checkout, fillCart, placeOrder as checkoutOrder, setupShop, type Shop } from '../support/shop.js';

// ---------------------------------------------------------------- a tiny SMTP server

interface Received { from: string; to: string[]; auth: string | null; raw: string }

/** Speaks just enough SMTP for nodemailer: greeting, EHLO/HELO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT. */
function smtpSink() {
  const received: Received[] = [];
  const state = { down: false, reject: new Set<string>() };
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const say = (line: string) => socket.write(`${line}\r\n`);
    if (state.down) { say('421 sink.test service not available'); socket.end(); return; }
    let buffer = '';
    let mail: Received = { from: '', to: [], auth: null, raw: '' };
    let auth: string | null = null;
    let mode: 'command' | 'data' | 'auth-plain' | 'auth-user' | 'auth-pass' = 'command';
    let user = '';
    say('220 sink.test ESMTP ready');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (mode === 'data') {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          // Undo dot-stuffing.
          mail.raw = buffer.slice(0, end).replace(/^\.\./gm, '.');
          buffer = buffer.slice(end + 5);
          received.push({ ...mail, auth });
          mail = { from: '', to: [], auth: null, raw: '' };
          mode = 'command';
          say('250 2.0.0 queued');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        if (mode === 'auth-plain') { auth = Buffer.from(line, 'base64').toString('utf8').split('\0').slice(1).join(':'); mode = 'command'; say('235 2.7.0 ok'); continue; }
        if (mode === 'auth-user') { user = Buffer.from(line, 'base64').toString('utf8'); mode = 'auth-pass'; say('334 UGFzc3dvcmQ6'); continue; }
        if (mode === 'auth-pass') { auth = `${user}:${Buffer.from(line, 'base64').toString('utf8')}`; mode = 'command'; say('235 2.7.0 ok'); continue; }
        const [verb, ...rest] = line.split(' ');
        const arg = rest.join(' ');
        switch (verb.toUpperCase()) {
          case 'EHLO': socket.write('250-sink.test\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n'); break;
          case 'HELO': say('250 sink.test'); break;
          case 'AUTH': {
            const [method, initial] = arg.split(' ');
            if (method.toUpperCase() === 'PLAIN' && initial) { auth = Buffer.from(initial, 'base64').toString('utf8').split('\0').slice(1).join(':'); say('235 2.7.0 ok'); }
            else if (method.toUpperCase() === 'PLAIN') { mode = 'auth-plain'; say('334 '); }
            else if (method.toUpperCase() === 'LOGIN') { mode = 'auth-user'; say('334 VXNlcm5hbWU6'); }
            else say('504 5.5.4 unrecognised authentication type');
            break;
          }
          case 'MAIL': mail.from = /<([^>]*)>/.exec(arg)?.[1] ?? ''; say('250 2.1.0 ok'); break;
          case 'RCPT': {
            const to = /<([^>]*)>/.exec(arg)?.[1] ?? '';
            if (state.reject.has(to)) { say(`550 5.1.1 <${to}>: mailbox unavailable`); break; }
            mail.to.push(to);
            say('250 2.1.5 ok');
            break;
          }
          case 'DATA': mode = 'data'; say('354 end data with <CR><LF>.<CR><LF>'); break;
          case 'RSET': mail = { from: '', to: [], auth: null, raw: '' }; say('250 2.0.0 ok'); break;
          case 'NOOP': say('250 2.0.0 ok'); break;
          case 'QUIT': say('221 2.0.0 bye'); socket.end(); break;
          default: say('502 5.5.2 command not recognised');
        }
      }
    });
  });
  return {
    received, state,
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port))),
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}

// ---------------------------------------------------------------- reading a received message

const decodeWords = (s: string) => s.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, body: string) => (enc.toUpperCase() === 'B'
  ? Buffer.from(body, 'base64').toString('utf8')
  : Buffer.from(body.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')));

const decodeBody = (body: string, encoding: string | undefined) => {
  if (/base64/i.test(encoding ?? '')) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding ?? '')) {
    return Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  }
  return body;
};

function headersOf(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

/** Subject, plain text and HTML of a raw MIME message (enough MIME for what nodemailer writes). */
function parseMail(raw: string): { subject: string; text: string; html: string; headers: Record<string, string> } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = headersOf(raw.slice(0, split));
  const out = { subject: decodeWords(headers.subject ?? ''), text: '', html: '', headers };
  const boundary = /boundary="?([^";]+)"?/.exec(headers['content-type'] ?? '')?.[1];
  const parts = boundary ? raw.slice(split + 4).split(`--${boundary}`).slice(1, -1) : [raw];
  for (const part of parts) {
    const p = part.replace(/^\r\n/, '');
    const at = p.indexOf('\r\n\r\n');
    const h = headersOf(p.slice(0, at));
    const body = decodeBody(p.slice(at + 4).replace(/\r\n$/, ''), h['content-transfer-encoding']);
    // SMTP carries CRLF line ends; the templates wrote LF.
    if (/text\/html/i.test(h['content-type'] ?? '')) out.html = body.replace(/\r\n/g, '\n');
    else if (/text\/plain/i.test(h['content-type'] ?? '')) out.text = body.replace(/\r\n/g, '\n');
  }
  return out;
}

// ---------------------------------------------------------------- the store

const sink = smtpSink();
const clock = fixedClock(new Date());
let t: TestApp;
let admin: string;
const ctx = (): Ctx => ({ db: t.app.database.db, actor: systemActor('test'), clock });

let smtpPort: number;
beforeAll(async () => {
  smtpPort = await sink.listen();
  t = await startTestApp({ SMTP_URL: `smtp://shop:s3cret@127.0.0.1:${smtpPort}`, MAIL_FROM: 'Test Shop <orders@shop.test>', EVENT_WORKERS: 'false' }, { clock });
  admin = (await t.staff('admin')).token;
});
afterAll(async () => { await t?.close(); await sink.close(); });

let n = 0;
/** An order placed straight through the orders service (any currency, locale and line titles). */
async function placeOrder(over: Partial<PlaceOrderInput> = {}) {
  n++;
  return t.app.modules.orders.service.place(ctx(), {
    checkoutId: `chk_test_${randomBytes(4).toString('hex')}`, customerId: null, email: `shopper${n}@example.com`, channel: 'web', fulfilmentKind: 'delivery',
    locationId: null, currency: 'EUR', taxInclusive: false, promotionCode: null, notes: null, paymentId: `pay_test_${n}`, paymentStatus: 'paid', reservationId: null,
    shippingTotal: 490, shippingMethod: 'Standard', locale: 'en',
    billingAddress: { firstName: 'Zoë <b>', lastName: 'Test', line1: '1 Rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FR' }, shippingAddress: null,
    lines: [
      { productId: 'prod_1', variantId: 'var_1', sku: 'CHAIR', title: 'Chaise <longue>', variantTitle: 'Chêne', quantity: 1, unitPrice: 123456, discountTotal: 0, taxTotal: 0, locationId: null, weightGrams: 9000 },
      { productId: 'prod_2', variantId: 'var_2', sku: 'TOTE', title: 'Tote', variantTitle: null, quantity: 2, unitPrice: 1500, discountTotal: 0, taxTotal: 0, locationId: null, weightGrams: 200 },
    ],
    ...over,
  });
}

const mailsTo = (to: string) => sink.received.filter((m) => m.to.includes(to)).map((m) => ({ ...m, ...parseMail(m.raw) }));
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const sent = async (orderId: string) => (await t.api('GET', `/admin/notifications?orderId=${orderId}`, { token: admin })).body.items as any[];
/** Sends what the outbox holds due now, as the background sender of a worker process would. */
const flush = () => t.app.modules.notifications.service.flush(ctx());
/** Events delivered (messages queued), then the queue sent. */
const settle = async () => { await t.drain(); return flush(); };
/**
 * A sender hours ahead of the store's clock (which stays put, so staff sessions do not expire):
 * `later.advance(ms)` moves only the sender's time.
 */
function senderAhead() {
  const later = fixedClock(clock.now());
  return { later, flush: () => t.app.modules.notifications.service.flush({ ...ctx(), clock: later }) };
}

describe('order messages over SMTP', () => {
  let shop: Shop;
  beforeAll(async () => { shop = await setupShop(t); });
  // A test that fails half way must not leave the server down for the next ones.
  afterEach(() => { sink.state.down = false; });

  it('queues the confirmation of a real checkout in its delivery, then sends it in the order\'s language, once', async () => {
    const chair = await t.api('POST', '/admin/products', {
      token: admin, body: { title: 'Chaise <longue>', status: 'active', variants: [{ sku: `CHAISE-${randomBytes(3).toString('hex')}`, manageInventory: false, prices: [{ currency: 'USD', amount: 123456 }] }] },
    });
    expect(chair.status, JSON.stringify(chair.body)).toBe(201);
    const cart = await fillCart(t, shop, { lines: [{ variantId: chair.body.variants[0].id, quantity: 1 }, { variantId: shop.variants.mug, quantity: 2 }] });
    const res = await checkout(t, shop, cart, {
      idempotencyKey: `idem-${randomBytes(4).toString('hex')}`,
      body: { email: 'zoe@example.com', locale: 'fr', shippingAddress: { ...shop.address, firstName: 'Zoë <b>' }, payment: { provider: 'test', token: 'tok_visa' } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const order = await t.app.modules.orders.service.get(ctx(), res.body.order.id);

    // The event's delivery only renders and queues: no mail server is talked to inside it.
    await t.drain();
    expect(mailsTo(order.email)).toEqual([]);
    expect(await sent(order.id)).toEqual([expect.objectContaining({ kind: 'order_confirmation', status: 'queued', attempts: 0, sentAt: null, nextAttemptAt: expect.any(String) })]);

    expect(await flush()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [mail, ...more] = mailsTo(order.email);
    expect(more).toEqual([]);
    expect(mail.from).toBe('orders@shop.test');
    expect(mail.auth).toBe('shop:s3cret');
    expect(mail.headers.from).toContain('orders@shop.test');
    expect(mail.subject).toBe(`Commande ${order.displayNumber} confirmée`);
    expect(mail.text).toContain('Bonjour Zoë <b>,');
    const fr = (minor: number) => plain(new Intl.NumberFormat('fr', { style: 'currency', currency: 'USD' }).format(minor / 100));
    const line = order.lines.find((l) => l.title === 'Chaise <longue>')!;
    expect(plain(mail.text)).toContain(`- 1 × Chaise <longue>${line.variantTitle ? ` (${line.variantTitle})` : ''}: ${fr(line.total)}`);
    expect(plain(mail.text)).toContain(`Total: ${fr(order.total)}`);
    expect(mail.html).toContain('Chaise &lt;longue&gt;');
    expect(mail.html).toContain('Bonjour Zoë &lt;b&gt;,');
    expect(mail.html).not.toMatch(/<longue>|Zoë <b>/);

    const records = await sent(order.id);
    expect(records).toEqual([expect.objectContaining({
      kind: 'order_confirmation', orderId: order.id, to: order.email, subject: mail.subject, locale: 'fr', status: 'sent', error: null,
      attempts: 1, nextAttemptAt: null, sentAt: clock.now().toISOString(),
    })]);

    // At-least-once delivery: the same event handed over again queues and sends nothing more.
    await t.app.database.db.updateTable('event_deliveries').set({ status: 'pending' }).where('consumer', '=', 'notifications.mail').execute();
    expect(await settle()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(mailsTo(order.email)).toHaveLength(1);
    expect(await sent(order.id)).toHaveLength(1);
  });

  it('confirms a signed-in customer\'s checkout to the customer\'s address', async () => {
    const me = await t.customer();
    const { order } = await checkoutOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }], fulfilment: 'pickup', customerToken: me.token });
    await settle();
    expect(mailsTo(me.email).map((m) => m.subject)).toEqual([`Order ${order.displayNumber} confirmed`]);
    expect(mailsTo(me.email)[0].text).toContain('Order Path Tee');
  });

  it('never sends one message twice when senders race for it', async () => {
    const order = await placeOrder();
    await t.drain();
    const results = await Promise.all([flush(), flush(), flush()]);
    expect(results.reduce((a, r) => a + r.sent, 0)).toBe(1);
    expect(mailsTo(order.email)).toHaveLength(1);
  });

  it('sends again a message whose sender died holding it, once its lease runs out (at least once)', async () => {
    const order = await placeOrder();
    await t.drain();
    const [queued] = await sent(order.id);
    // A sender claimed it and died before settling it (after the server accepted it, or not: it cannot know).
    await t.app.database.db.updateTable('notifications').set({ status: 'sending', attempts: 1, lease_until: new Date(clock.now().getTime() + 60_000).toISOString() })
      .where('id', '=', queued.id).execute();
    expect(await flush()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    clock.advance(60_000);
    expect(await flush()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(mailsTo(order.email)).toHaveLength(1);
    expect((await sent(order.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('falls back to the store default language, and sends refund, shipped and ready-for-pickup messages from real fulfilments', async () => {
    /** A real checkout in Spanish, which has no built-in templates. */
    const spanish = async (fulfilment: 'delivery' | 'pickup', variantId: string, email: string) => {
      const cart = await fillCart(t, shop, { lines: [{ variantId, quantity: 1 }], fulfilment });
      const res = await checkout(t, shop, cart, {
        idempotencyKey: `idem-${randomBytes(4).toString('hex')}`,
        body: { email, locale: 'es', shippingAddress: shop.address, payment: { provider: 'test', token: 'tok_visa' } },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return t.app.modules.orders.service.get(ctx(), res.body.order.id);
    };
    const move = async (path: string, body: unknown = {}) => {
      const res = await t.api('POST', path, { token: admin, body });
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      return res.body;
    };
    const fulfil = async (orderId: string) => (await move(`/admin/orders/${orderId}/fulfillments`)).items[0].id as string;

    // A delivery: refunded in part as store credit, then shipped with a manual carrier.
    const delivery = await spanish('delivery', shop.variants.tee, 'lucia@example.com');
    await t.app.modules.orders.service.recordRefund(ctx(), delivery.id, { amount: 2500, method: 'store_credit', reason: 'goodwill' });
    const parcel = await fulfil(delivery.id);
    await move(`/admin/fulfillments/${parcel}/pick`);
    await move(`/admin/fulfillments/${parcel}/pack`);
    await move(`/admin/fulfillments/${parcel}/ship`, { carrier: 'Colissimo', trackingNumber: '6A123', trackingUrl: 'https://track.example/6A123?x=1&y=2' });

    // A pickup at the shop, whose name needs escaping in HTML.
    const pickup = await spanish('pickup', shop.variants.mug, 'mateo@example.com');
    const renamed = await t.api('PATCH', `/admin/locations/${shop.store.id}`, {
      token: admin, body: { name: 'Left Bank <store>', address: { line1: '5 Quai Voltaire', city: 'Paris', postalCode: '75007', country: 'FR' } },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const box = await fulfil(pickup.id);
    await move(`/admin/fulfillments/${box}/pick`);
    await move(`/admin/fulfillments/${box}/ready`);
    await settle();

    const mails = mailsTo(delivery.email);
    expect(mails.map((m) => m.subject)).toEqual([
      `Order ${delivery.displayNumber} confirmed`,
      `Refund for order ${delivery.displayNumber}`,
      `Order ${delivery.displayNumber} is on its way`,
    ]);
    expect(mails[1].text).toContain(`We have added $25.00 of store credit to your account for order ${delivery.displayNumber}.`);
    expect(mails[2].text).toContain('has shipped with Colissimo.\nTracking number: 6A123\nTrack your parcel: https://track.example/6A123?x=1&y=2');
    expect(mails[2].html).toContain('href="https://track.example/6A123?x&#61;1&amp;y&#61;2"');
    const collect = mailsTo(pickup.email);
    expect(collect.map((m) => m.subject)).toEqual([`Order ${pickup.displayNumber} confirmed`, `Order ${pickup.displayNumber} is ready for pickup`]);
    expect(collect[1].text).toContain('ready to collect at Left Bank <store>.\nAddress: 5 Quai Voltaire, 75007 Paris, FR');
    expect(collect[1].html).toContain('at Left Bank &lt;store&gt;.');

    expect((await sent(delivery.id)).map((r) => [r.kind, r.locale, r.status]).sort()).toEqual([
      ['order_confirmation', 'en', 'sent'], ['order_shipped', 'en', 'sent'], ['refund_issued', 'en', 'sent'],
    ]);
    expect((await sent(pickup.id)).map((r) => [r.kind, r.locale, r.status]).sort()).toEqual([
      ['order_confirmation', 'en', 'sent'], ['ready_for_pickup', 'en', 'sent'],
    ]);
  });

  it('retries with backoff while the mail server is down, then sends once; the event is done at once', async () => {
    sink.state.down = true;
    const order = await placeOrder({ locale: 'de' });
    await t.drain();
    // The delivery committed the queued message and is done: nothing waits on the mail server.
    for (const status of ['pending', 'dead'] as const) {
      expect((await t.app.bus.listDeliveries(status)).filter((d) => d.consumer === 'notifications.mail')).toEqual([]);
    }
    expect(await flush()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(mailsTo(order.email)).toEqual([]);
    const [record] = await sent(order.id);
    expect(record).toMatchObject({ status: 'queued', attempts: 1, sentAt: null, nextAttemptAt: new Date(clock.now().getTime() + 15_000).toISOString() });
    expect(record.error).toMatch(/421|not available|Greeting/i);

    // Not due yet: nothing is tried, even with the server back.
    sink.state.down = false;
    expect(await flush()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    clock.advance(15_000);
    expect(await flush()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(mailsTo(order.email).map((m) => m.subject)).toEqual([`Bestellung ${order.displayNumber} bestätigt`]);
    expect(await sent(order.id)).toEqual([expect.objectContaining({ status: 'sent', attempts: 2, error: null, nextAttemptAt: null, sentAt: clock.now().toISOString() })]);
  });

  it('gives up after every attempt fails, waiting longer each time', async () => {
    sink.state.down = true;
    const order = await placeOrder();
    await t.drain();
    const { later, flush } = senderAhead();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 10; attempt++) {
      const r = await flush();
      const [record] = await sent(order.id);
      expect(record.attempts).toBe(attempt);
      if (attempt < 10) {
        expect(r).toEqual({ sent: 0, retrying: 1, failed: 0 });
        waits.push(new Date(record.nextAttemptAt).getTime() - later.now().getTime());
        later.advance(waits[waits.length - 1]);
      } else {
        expect(r).toEqual({ sent: 0, retrying: 0, failed: 1 });
        expect(record).toMatchObject({ status: 'failed', nextAttemptAt: null });
        expect(record.error).toMatch(/421|not available|Greeting/i);
      }
    }
    expect(waits.slice(0, 4)).toEqual([15_000, 30_000, 60_000, 120_000]);
    expect(Math.max(...waits)).toBe(3_600_000);
    sink.state.down = false;
    later.advance(3_600_000);
    expect(await flush()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(mailsTo(order.email)).toEqual([]);
  });

  it('records a message the server refuses for good as failed, without retrying, and staff can send it again', async () => {
    sink.state.reject.add('bounce@example.com');
    const order = await placeOrder({ email: 'bounce@example.com' });
    await t.drain();
    expect(await flush()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const [record] = await sent(order.id);
    expect(record).toMatchObject({ status: 'failed', to: 'bounce@example.com', attempts: 1, nextAttemptAt: null, sentAt: null });
    expect(record.error).toMatch(/550/);
    const ahead = senderAhead();
    ahead.later.advance(3_600_000);
    expect(await ahead.flush()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(mailsTo('bounce@example.com')).toEqual([]);

    // Retrying is order work (orders:write): a clerk, who may read the record, may not.
    const url = `/admin/notifications/${record.id}/retry`;
    expect((await t.api('POST', url, { token: (await t.staff('clerk')).token })).status).toBe(403);
    expect((await t.api('POST', '/admin/notifications/ntf_missing/retry', { token: admin })).status).toBe(404);

    // A second refusal leaves it failed again; once the mailbox exists, a retry sends it.
    const again = await t.api('POST', url, { token: admin });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ id: record.id, status: 'queued', attempts: 0, error: null, nextAttemptAt: clock.now().toISOString() });
    expect(await flush()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    sink.state.reject.delete('bounce@example.com');
    expect((await t.api('POST', url, { token: (await t.staff('support')).token })).status).toBe(200);
    expect(await flush()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(mailsTo('bounce@example.com')).toHaveLength(1);
    expect(await sent(order.id)).toEqual([expect.objectContaining({ status: 'sent', attempts: 1, error: null })]);
    // Only a failed message can be retried.
    const sentAlready = await t.api('POST', url, { token: admin });
    expect(sentAlready.status).toBe(409);
    expect(sentAlready.body.error.code).toBe('notifications.not_failed');
    const audit = await t.app.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'notification').where('entity_id', '=', record.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['notification.retried', 'notification.retried']);

    // The list still knows it as the bounce it was, for the record test below.
    sink.state.reject.add('bounce@example.com');
    const bounced = await placeOrder({ email: 'bounce@example.com' });
    await settle();
    expect((await sent(bounced.id))[0]).toMatchObject({ status: 'failed' });
  });
});

describe('templates staff can change', () => {
  const url = '/admin/notifications/templates/order_confirmation/en';

  it('lists every kind in every built-in language', async () => {
    const res = await t.api('GET', '/admin/notifications/templates', { token: admin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const keys = res.body.items.map((i: any) => `${i.kind}/${i.locale}`);
    for (const kind of ['order_confirmation', 'order_shipped', 'ready_for_pickup', 'refund_issued']) {
      for (const locale of ['de', 'en', 'fr']) expect(keys).toContain(`${kind}/${locale}`);
    }
    expect(res.body.items.every((i: any) => i.custom === false)).toBe(true);
    const one = await t.api('GET', '/admin/notifications/templates?kind=refund_issued&locale=de', { token: admin });
    expect(one.body.items).toHaveLength(1);
    expect(one.body.items[0].subject).toBe('Erstattung für Bestellung {{orderNumber}}');
  });

  it('previews a draft with sample data, escaping it in HTML', async () => {
    const res = await t.api('POST', `${url}/preview`, { token: admin, body: { subject: 'Hi {{customerName}} – {{orderNumber}}', html: '<p>{{#each lines}}{{title}}; {{/each}}</p>' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ locale: 'en', subject: 'Hi Ada – #1042', html: '<p>Linen shirt; Canvas tote; </p>' });
    expect(res.body.text).toContain('Hello Ada,');
    const saved = await t.api('POST', '/admin/notifications/templates/order_shipped/fr/preview', { token: admin, body: {} });
    expect(saved.body.subject).toBe('Votre commande #1042 est en route');
    expect(saved.body.html).toContain('https://www.ups.com/track?tracknum&#61;1Z999AA10123456784');
  });

  it('refuses a template with mistakes, naming the part', async () => {
    const unknown = await t.api('PUT', url, { token: admin, body: { subject: 'Track: {{trackingUrl}}' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([expect.objectContaining({ field: 'body.subject', message: expect.stringContaining('{{trackingUrl}}') })]);
    const broken = await t.api('PUT', url, { token: admin, body: { text: 'ok', html: '{{#if hasTax}}no end' } });
    expect(broken.status).toBe(400);
    expect(broken.body.error.details.map((d: any) => d.field)).toEqual(['body.html']);
    expect((await t.api('PUT', '/admin/notifications/templates/birthday/en', { token: admin, body: { subject: 'x' } })).status).toBe(404);
    expect((await t.api('PUT', '/admin/notifications/templates/order_shipped/not%20a%20tag', { token: admin, body: { subject: 'x' } })).status).toBe(400);
    const staff = (await t.staff('staff')).token;
    expect((await t.api('PUT', url, { token: staff, body: { subject: 'x' } })).status).toBe(403);
  });

  it('uses the merchant\'s subject for the next message, and the built-in one again after a reset', async () => {
    const put = await t.api('PUT', url, { token: admin, body: { subject: '{{customerName}}, we got order {{orderNumber}} ({{total}})' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ kind: 'order_confirmation', locale: 'en', custom: true });
    expect(put.body.text).toContain('Hello'); // untouched parts stay built in
    const order = await placeOrder({ currency: 'USD' });
    await settle();
    expect(mailsTo(order.email).map((m) => m.subject)).toEqual([`Zoë <b>, we got order ${order.displayNumber} ($1,269.46)`]);

    // Other languages keep their own templates.
    const fr = await placeOrder({ locale: 'fr' });
    await settle();
    expect(mailsTo(fr.email).map((m) => m.subject)).toEqual([`Commande ${fr.displayNumber} confirmée`]);

    expect((await t.api('DELETE', url, { token: admin })).status).toBe(204);
    const again = await placeOrder();
    await settle();
    expect(mailsTo(again.email).map((m) => m.subject)).toEqual([`Order ${again.displayNumber} confirmed`]);
    const audit = await t.app.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'notification_template').execute();
    expect(audit.map((a) => a.action)).toEqual(['notification_template.updated', 'notification_template.reset']);
  });

  it('accepts a language without built-in templates, which orders in it then use', async () => {
    const es = '/admin/notifications/templates/order_confirmation/es';
    const put = await t.api('PUT', es, { token: admin, body: { subject: 'Pedido {{orderNumber}} confirmado' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const order = await placeOrder({ locale: 'es-MX' });
    await settle();
    const [mail] = mailsTo(order.email);
    expect(mail.subject).toBe(`Pedido ${order.displayNumber} confirmado`);
    expect(mail.text).toContain('Hello'); // the parts not written in Spanish come from the store default
    expect((await sent(order.id))[0].locale).toBe('es');
    await t.api('DELETE', es, { token: admin });
  });
});

describe('the record of messages', () => {
  it('lists messages newest first, by order, kind and status, page by page', async () => {
    const all = await t.api('GET', '/admin/notifications?limit=200', { token: admin });
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThanOrEqual(10);
    const times = all.body.items.map((i: any) => `${i.createdAt}|${i.id}`);
    expect([...times].sort().reverse()).toEqual(times);

    // The bounce, and the message that failed every attempt while the server was down.
    const failed = await t.api('GET', '/admin/notifications?status=failed', { token: admin });
    expect(failed.body.items).toHaveLength(2);
    expect(failed.body.items.every((i: any) => i.status === 'failed')).toBe(true);
    expect(failed.body.items[0]).toMatchObject({ to: 'bounce@example.com', attempts: 1 });
    expect(failed.body.items[1]).toMatchObject({ attempts: 10 });
    const refunds = await t.api('GET', '/admin/notifications?kind=refund_issued', { token: admin });
    expect(refunds.body.items).toHaveLength(1);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await t.api('GET', `/admin/notifications?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: admin });
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((i: any) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((i: any) => i.id));

    // Support staff may read it (orders:read); customers may not.
    expect((await t.api('GET', '/admin/notifications', { token: (await t.staff('support')).token })).status).toBe(200);
    expect((await t.api('GET', '/admin/notifications', { token: (await t.customer()).token })).status).toBe(403);
  });
});

describe('the background sender', () => {
  it('sends on a worker process without anyone flushing, soon after the event is delivered', async () => {
    // Workers on (the default): the bus delivers, the handler queues and wakes the sender, which sends.
    const w = await startTestApp({ SMTP_URL: `smtp://shop:s3cret@127.0.0.1:${smtpPort}`, MAIL_FROM: 'Test Shop <orders@shop.test>' });
    try {
      const order = await w.app.modules.orders.service.place(w.app.systemCtx(), {
        checkoutId: `chk_test_${randomBytes(4).toString('hex')}`, customerId: null, email: 'worker@example.com', channel: 'web', fulfilmentKind: 'delivery',
        locationId: null, currency: 'EUR', taxInclusive: false, promotionCode: null, notes: null, paymentId: 'pay_worker', paymentStatus: 'paid', reservationId: null,
        shippingTotal: 0, shippingMethod: null, locale: 'en', billingAddress: null, shippingAddress: null,
        lines: [{ productId: 'prod_1', variantId: 'var_1', sku: 'TOTE', title: 'Tote', variantTitle: null, quantity: 1, unitPrice: 1500, discountTotal: 0, taxTotal: 0, locationId: null, weightGrams: 200 }],
      });
      const record = async () => (await w.app.modules.notifications.service.list(w.app.systemCtx(), { orderId: order.id, limit: 10 })).items[0];
      const until = Date.now() + 10_000;
      while ((await record())?.status !== 'sent' && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(mailsTo(order.email).map((m) => m.subject)).toEqual([`Order ${order.displayNumber} confirmed`]);
      expect(await record()).toMatchObject({ status: 'sent', attempts: 1 });
    } finally {
      await w.close();
    }
  });
});
