/**
 * Returns and refunds through HTTP on real orders (a real cart and checkout): request, authorise,
 * receive with restock and write-off, refunds to the card and as store credit, exchanges,
 * rejection, the return window, over-quantity, double and concurrent refunds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';
import { placeOrder, setupShop, type Shop } from '../support/shop.js';

let t: TestApp;
let shop: Shop;
let me: { id: string; token: string; email: string };
let support: string;
let clerk: string;
beforeAll(async () => {
  t = await startTestApp();
  shop = await setupShop(t);
  me = await t.customer();
  support = (await t.staff('support')).token;
  clerk = (await t.staff('clerk')).token;
});
afterAll(async () => { await t?.close(); });

/** Marks every unit of an order sent, through the orders service (what fulfilment reports). */
async function fulfil(orderId: string) {
  const order = await t.app.modules.orders.service.get(t.app.systemCtx(), orderId);
  return t.app.modules.orders.service.recordFulfilment(t.app.systemCtx(), orderId, { lines: order.lines.map((l) => ({ lineId: l.id, quantity: l.quantity })), message: 'sent' });
}

async function sentOrder(lines: { variantId: string; quantity: number }[], opts: { guest?: string } = {}) {
  const { order } = await placeOrder(t, shop, { lines, ...(opts.guest ? { email: opts.guest } : { customerToken: me.token }) });
  return fulfil(order.id);
}

const lineOf = (order: any, variantId: string) => order.lines.find((l: any) => l.variantId === variantId);
const onHand = async (variantId: string, locationId: string) => {
  const res = await t.api('GET', `/admin/inventory/levels?variantId=${variantId}&locationId=${locationId}`, { token: shop.admin });
  return res.body.items[0]?.onHand ?? 0;
};

async function authorizedReturn(order: any, lines: any[], body: Record<string, unknown> = {}) {
  const req = await t.api('POST', `/store/account/orders/${order.id}/returns`, { token: me.token, body: { lines, ...body } });
  expect(req.status, JSON.stringify(req.body)).toBe(201);
  const auth = await t.api('POST', `/admin/returns/${req.body.id}/authorize`, { token: support, body: {} });
  expect(auth.status, JSON.stringify(auth.body)).toBe(200);
  return auth.body;
}

describe('returns', () => {
  it('request → authorise with a fee → receive (restock one line, write off one) → partial refund to the card; a second refund is refused', async () => {
    const order = await sentOrder([{ variantId: shop.variants.tee, quantity: 2 }, { variantId: shop.variants.mug, quantity: 1 }]);
    const tee = lineOf(order, shop.variants.tee), mug = lineOf(order, shop.variants.mug);
    const req = await t.api('POST', `/store/account/orders/${order.id}/returns`, {
      token: me.token, body: { lines: [{ orderLineId: tee.id, quantity: 1, reason: 'too_small' }, { orderLineId: mug.id, quantity: 1, reason: 'damaged' }], note: 'the mug arrived chipped' },
    });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    expect(req.body).toMatchObject({ status: 'requested', source: 'customer', note: 'the mug arrived chipped', actions: ['authorize', 'reject', 'cancel'] });

    // Units already in an open return cannot be asked for again.
    const over = await t.api('POST', `/store/account/orders/${order.id}/returns`, { token: me.token, body: { lines: [{ orderLineId: tee.id, quantity: 2, reason: 'changed_mind' }] } });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: 'returns.quantity_exceeds', details: [{ field: 'body.lines[0].quantity', message: 'must be at most 1' }] });

    // Receiving before authorisation is a 409; clerks may not authorise.
    const early = await t.api('POST', `/admin/returns/${req.body.id}/receive`, { token: clerk, body: { lines: [{ orderLineId: tee.id, disposition: 'restock' }, { orderLineId: mug.id, disposition: 'write_off' }] } });
    expect(early.body.error.code).toBe('returns.invalid_transition');
    expect((await t.api('POST', `/admin/returns/${req.body.id}/authorize`, { token: clerk, body: {} })).status).toBe(403);

    const auth = await t.api('POST', `/admin/returns/${req.body.id}/authorize`, { token: support, body: { restockingFee: 150 } });
    expect(auth.status, JSON.stringify(auth.body)).toBe(200);
    expect(auth.body).toMatchObject({ status: 'authorized', restockingFee: 150 });

    const before = await onHand(shop.variants.tee, tee.locationId);
    const rec = await t.api('POST', `/admin/returns/${req.body.id}/receive`, {
      token: clerk, body: { lines: [{ orderLineId: tee.id, disposition: 'restock' }, { orderLineId: mug.id, disposition: 'write_off', condition: 'chipped rim' }] },
    });
    expect(rec.status, JSON.stringify(rec.body)).toBe(200);
    expect(rec.body.status).toBe('received');
    expect(await onHand(shop.variants.tee, tee.locationId)).toBe(before + 1);
    const teeValue = Math.floor(tee.total / 2);
    expect(rec.body.lines).toEqual(expect.arrayContaining([
      expect.objectContaining({ orderLineId: tee.id, disposition: 'restock', value: teeValue, locationId: tee.locationId }),
      expect.objectContaining({ orderLineId: mug.id, disposition: 'write_off', condition: 'chipped rim', value: mug.total, restock: false }),
    ]));
    const afterReceipt = (await t.api('GET', `/admin/orders/${order.id}`, { token: support })).body;
    expect(afterReceipt.fulfillmentStatus).toBe('partially_returned');
    expect(lineOf(afterReceipt, shop.variants.tee).returnedQuantity).toBe(1);

    const due = teeValue + mug.total - 150;
    const tooMuch = await t.api('POST', `/admin/returns/${req.body.id}/refund`, { token: support, body: { method: 'original_payment', amount: due + 1 } });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.code).toBe('returns.refund_exceeds');
    const refund = await t.api('POST', `/admin/returns/${req.body.id}/refund`, { token: support, body: { method: 'original_payment', amount: due - 500, reason: 'goodwill split' } });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    expect(refund.body).toMatchObject({ status: 'refunded', refundTotal: due - 500, refundMethod: 'original_payment', refundedAt: expect.any(String) });
    const payment = await t.api('GET', `/admin/payments/${order.paymentId}`, { token: support });
    expect(payment.body.refunded).toBe(due - 500);
    const again = await t.api('POST', `/admin/returns/${req.body.id}/refund`, { token: support, body: { method: 'original_payment' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('returns.invalid_transition');
    expect((await t.api('GET', `/admin/payments/${order.paymentId}`, { token: support })).body.refunded).toBe(due - 500);

    const final = (await t.api('GET', `/admin/orders/${order.id}`, { token: support })).body;
    expect(final).toMatchObject({ refundedTotal: due - 500, paymentStatus: 'partially_refunded' });
    const timeline = (await t.api('GET', `/admin/orders/${order.id}/timeline`, { token: support })).body.items;
    expect(timeline.filter((e: any) => e.kind === 'return').map((e: any) => e.message)).toEqual([
      expect.stringContaining('Return requested'), expect.stringContaining('Return authorised'), expect.stringContaining('Return received'),
    ]);
    expect(timeline.some((e: any) => e.kind === 'refund')).toBe(true);
    const events = await t.app.database.db.selectFrom('outbox').select('type').where('aggregate_id', '=', req.body.id).orderBy('seq').execute();
    expect(events.map((e) => e.type)).toEqual(['return.requested', 'return.authorized', 'return.received', 'return.refunded']);
    await t.drain();

    // The rest of the tee goes back as store credit: staff open the return this time.
    const rest = await t.api('POST', `/admin/orders/${order.id}/returns`, { token: support, body: { lines: [{ orderLineId: tee.id, quantity: 1, reason: 'too_large' }] } });
    expect(rest.status, JSON.stringify(rest.body)).toBe(201);
    expect(rest.body.source).toBe('staff');
    await t.api('POST', `/admin/returns/${rest.body.id}/authorize`, { token: support, body: {} });
    await t.api('POST', `/admin/returns/${rest.body.id}/receive`, { token: clerk, body: { lines: [{ orderLineId: tee.id, disposition: 'restock', locationId: shop.store.id }] } });
    const credit = await t.api('POST', `/admin/returns/${rest.body.id}/refund`, { token: support, body: { method: 'store_credit' } });
    expect(credit.status, JSON.stringify(credit.body)).toBe(200);
    expect(credit.body).toMatchObject({ status: 'refunded', refundMethod: 'store_credit', refundTotal: tee.total - teeValue });
    const balance = await t.api('GET', '/store/account/store-credit', { token: me.token });
    expect(balance.status).toBe(200);
    expect(balance.body).toMatchObject({ balance: tee.total - teeValue, available: tee.total - teeValue, currency: 'USD', entries: [expect.objectContaining({ kind: 'issue', reference: rest.body.id })] });
    const closed = (await t.api('GET', `/admin/orders/${order.id}`, { token: support })).body;
    expect(closed.fulfillmentStatus).toBe('returned');
    expect(closed.refundedTotal).toBe(due - 500 + tee.total - teeValue);
    expect((await t.api('GET', `/admin/payments/${order.paymentId}`, { token: support })).body.refunded).toBe(due - 500);
  });

  it('store credit pays for a later order: authorize holds it, capture takes it, a refund gives it back', async () => {
    const start = (await t.api('GET', '/store/account/store-credit', { token: me.token })).body.balance;
    expect(start).toBeGreaterThan(100);
    const pay = await t.api('POST', '/admin/payments', { token: shop.admin, headers: { 'idempotency-key': 'sc-spend-1' }, body: { reference: 'test:sc', amount: 100, currency: 'USD', provider: 'store_credit', token: me.id } });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    expect((await t.api('GET', '/store/account/store-credit', { token: me.token })).body).toMatchObject({ balance: start, held: 100, available: start - 100 });
    await t.api('POST', `/admin/payments/${pay.body.id}/capture`, { token: shop.admin, body: {} });
    expect((await t.api('GET', '/store/account/store-credit', { token: me.token })).body).toMatchObject({ balance: start - 100, held: 0 });
    await t.api('POST', `/admin/payments/${pay.body.id}/refund`, { token: shop.admin, body: { amount: 40 } });
    expect((await t.api('GET', '/store/account/store-credit', { token: me.token })).body.balance).toBe(start - 60);
    const tooMuch = await t.api('POST', '/admin/payments', { token: shop.admin, body: { reference: 'test:sc2', amount: start * 10, currency: 'USD', provider: 'store_credit', token: me.id } });
    expect(tooMuch.status).toBe(402);
    expect(tooMuch.body.error.details.reason).toBe('insufficient_credit');
  });

  it('exchanges on receipt: a replacement order paid by the returned value, the difference back on the card', async () => {
    const order = await sentOrder([{ variantId: shop.variants.tee, quantity: 1 }]);
    const tee = lineOf(order, shop.variants.tee);
    // A mug order cannot be swapped for the dearer tee.
    const cheap = await sentOrder([{ variantId: shop.variants.mug, quantity: 1 }]);
    const dear = await t.api('POST', `/store/account/orders/${cheap.id}/returns`, { token: me.token, body: { lines: [{ orderLineId: cheap.lines[0].id, quantity: 1, reason: 'changed_mind' }], exchange: [{ variantId: shop.variants.tee, quantity: 1 }] } });
    expect(dear.status).toBe(422);
    expect(dear.body.error.code).toBe('returns.exchange_exceeds_value');

    const ret = await authorizedReturn(order, [{ orderLineId: tee.id, quantity: 1, reason: 'wrong_item' }], { exchange: [{ variantId: shop.variants.mug, quantity: 1 }] });
    expect(ret.exchange).toEqual([expect.objectContaining({ variantId: shop.variants.mug, quantity: 1, unitPrice: 1200 })]);
    const cost = ret.exchange[0].total;
    const mugBefore = await onHand(shop.variants.mug, shop.warehouse.id) + await onHand(shop.variants.mug, shop.store.id);
    const rec = await t.api('POST', `/admin/returns/${ret.id}/receive`, { token: clerk, body: { lines: [{ orderLineId: tee.id, disposition: 'restock' }] } });
    expect(rec.status, JSON.stringify(rec.body)).toBe(200);
    expect(rec.body).toMatchObject({ status: 'exchanged', exchangeOrderId: expect.any(String), refundTotal: tee.total - cost, refundMethod: 'original_payment' });
    const replacement = (await t.api('GET', `/admin/orders/${rec.body.exchangeOrderId}`, { token: support })).body;
    expect(replacement).toMatchObject({ total: cost, paymentStatus: 'paid', customerId: me.id, checkoutId: `exchange:${ret.id}`, status: 'paid' });
    expect(replacement.lines).toEqual([expect.objectContaining({ variantId: shop.variants.mug, quantity: 1 })]);
    expect(await onHand(shop.variants.mug, shop.warehouse.id) + await onHand(shop.variants.mug, shop.store.id)).toBe(mugBefore - 1);
    expect((await t.api('GET', `/admin/payments/${order.paymentId}`, { token: support })).body.refunded).toBe(tee.total - cost);
    const retry = await t.api('POST', `/admin/returns/${ret.id}/exchange`, { token: support, body: {} });
    expect(retry.body.error.code).toBe('returns.invalid_transition');
    const events = await t.app.database.db.selectFrom('outbox').select('type').where('aggregate_id', '=', ret.id).orderBy('seq').execute();
    expect(events.map((e) => e.type)).toContain('return.exchanged');
  });

  it('lets a guest ask by number and email, and staff reject with a reason', async () => {
    const order = await sentOrder([{ variantId: shop.variants.mug, quantity: 2 }], { guest: 'guest-returns@example.com' });
    const body = { number: order.displayNumber, email: 'guest-returns@example.com', lines: [{ orderLineId: order.lines[0].id, quantity: 1, reason: 'not_as_described' }] };
    expect((await t.api('POST', '/store/orders/returns', { body: { ...body, email: 'someone@example.com' } })).status).toBe(404);
    const req = await t.api('POST', '/store/orders/returns', { body });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    expect(req.body.source).toBe('guest');
    const rej = await t.api('POST', `/admin/returns/${req.body.id}/reject`, { token: support, body: { reason: 'outside our policy for opened items' } });
    expect(rej.body).toMatchObject({ status: 'rejected', rejectionReason: 'outside our policy for opened items', actions: [] });
    expect((await t.api('POST', `/admin/returns/${req.body.id}/reject`, { token: support, body: { reason: 'again' } })).status).toBe(409);
    // A rejected return frees its units for a new request.
    expect((await t.api('POST', '/store/orders/returns', { body })).status).toBe(201);
    const list = await t.api('GET', `/admin/returns?orderId=${order.id}`, { token: clerk });
    expect(list.body.items.map((r: any) => r.status)).toEqual(['requested', 'rejected']);
    // Another customer cannot touch these returns.
    const other = await t.customer();
    expect((await t.api('POST', `/store/account/returns/${req.body.id}/cancel`, { token: other.token, body: {} })).status).toBe(404);
  });

  it('refuses a request after the return window, unless staff accept it', async () => {
    await t.app.modules.orders.service.importHistorical(t.app.systemCtx(), [{
      externalRef: 'old-1', customerId: me.id, email: me.email, status: 'completed', paymentStatus: 'paid', fulfillmentStatus: 'fulfilled', channel: 'web', currency: 'USD',
      placedAt: '2020-01-01T00:00:00.000Z', lines: [{ title: 'Old thing', quantity: 1, unitPrice: 1000 }],
    }], { source: 'test' });
    const old = (await t.api('GET', '/store/account/orders?limit=100', { token: me.token })).body.items.find((o: any) => o.placedAt.startsWith('2020'));
    const full = (await t.api('GET', `/store/account/orders/${old.id}`, { token: me.token })).body;
    const res = await t.api('POST', `/store/account/orders/${old.id}/returns`, { token: me.token, body: { lines: [{ orderLineId: full.lines[0].id, quantity: 1, reason: 'changed_mind' }] } });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'returns.window_closed', details: { days: 30, since: '2020-01-01T00:00:00.000Z' } });
    // Staff may open it past the window; imported lines were never marked sent here, so there is nothing to take back.
    const staff = await t.api('POST', `/admin/orders/${old.id}/returns`, { token: support, body: { ignoreWindow: true, lines: [{ orderLineId: full.lines[0].id, quantity: 1, reason: 'other' }] } });
    expect(staff.body.error.code).toBe('returns.quantity_exceeds');
  });

  it('two refunds of one return at the same moment end with exactly one refund', async () => {
    const order = await sentOrder([{ variantId: shop.variants.tee, quantity: 1 }]);
    const ret = await authorizedReturn(order, [{ orderLineId: order.lines[0].id, quantity: 1, reason: 'damaged' }]);
    await t.api('POST', `/admin/returns/${ret.id}/receive`, { token: clerk, body: { lines: [{ orderLineId: order.lines[0].id, disposition: 'write_off' }] } });
    const [a, b] = await Promise.all([1, 2].map(() => t.api('POST', `/admin/returns/${ret.id}/refund`, { token: support, body: { method: 'original_payment' } })));
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const payment = (await t.api('GET', `/admin/payments/${order.paymentId}`, { token: support })).body;
    expect(payment.refunded).toBe(order.lines[0].total);
    expect(payment.transitions.filter((x: any) => x.action === 'refund')).toHaveLength(1);
    const after = (await t.api('GET', `/admin/orders/${order.id}`, { token: support })).body;
    expect(after.refundedTotal).toBe(order.lines[0].total);
    expect(after.returns[0]).toMatchObject({ status: 'refunded', refundTotal: order.lines[0].total });
  });
});
