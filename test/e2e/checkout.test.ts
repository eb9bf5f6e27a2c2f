/**
 * The checkout saga through HTTP on a real database: the happy paths (delivery, pickup, curbside),
 * every refusal ending consistent (sold out between cart and checkout, declined card, provider
 * timeout), idempotent retries, and the OMS moves that follow (hold, edit, cancel with refund).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkout, fillCart, placeOrder, setupShop, type Shop } from '../support/shop.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let shop: Shop;

beforeAll(async () => {
  t = await startTestApp({ PAYMENT_TIMEOUT_MS: '200' });
  shop = await setupShop(t);
});
afterAll(async () => { await t?.close(); });

const level = async (variantId: string, locationId: string) => {
  const res = await t.api('GET', `/admin/inventory/levels?variantId=${variantId}&locationId=${locationId}`, { token: shop.admin });
  const l = res.body.items[0];
  return { onHand: l.onHand, reserved: l.reserved, available: l.available };
};
const payment = async (id: string) => (await t.api('GET', `/admin/payments/${id}`, { token: shop.admin })).body;
const checkoutOf = async (id: string) => (await t.api('GET', `/admin/checkouts/${id}`, { token: shop.admin })).body;
const failedCheckout = async (cartId: string) => (await t.api('GET', '/admin/checkouts?status=failed&limit=200', { token: shop.admin })).body.items.find((c: any) => c.cartId === cartId);

describe('checkout', () => {
  it('delivery: reserves, authorizes, places, commits and captures; the order is paid and the cart closed', async () => {
    const before = await level(shop.variants.tee, shop.warehouse.id);
    const { order, checkout: chk, cart } = await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 2 }, { variantId: shop.variants.poster, quantity: 1 }] });
    // 2 × 25.00 + 5.00, 8 % tax on 55.00 = 4.40, shipping 5.99.
    expect(order).toMatchObject({ status: 'paid', paymentStatus: 'paid', fulfillmentStatus: 'unfulfilled', fulfilmentKind: 'delivery', subtotal: 5500, taxTotal: 440, shippingTotal: 599, total: 6539, email: 'guest@example.com', source: 'checkout' });
    expect(order.lines.map((l: any) => [l.quantity, l.locationId])).toEqual([[2, shop.warehouse.id], [1, null]]);
    expect(chk).toMatchObject({ status: 'completed', step: 'completed', orderId: order.id, amount: 6539 });
    expect(chk.steps.map((s: any) => `${s.step}:${s.outcome}`)).toEqual(['validated:done', 'reserved:done', 'authorized:done', 'order_created:done', 'captured:done', 'completed:done']);
    const after = await level(shop.variants.tee, shop.warehouse.id);
    expect(after).toEqual({ onHand: before.onHand - 2, reserved: before.reserved, available: before.available - 2 });
    expect(await payment(chk.paymentId)).toMatchObject({ status: 'captured', captured: 6539 });
    const cartNow = await t.api('GET', `/store/carts/${cart.id}`, { headers: cart.headers });
    expect(cartNow.body.status).toBe('converted');
    // The shopper finds it again by number and email; another email is a 404.
    expect((await t.api('POST', '/store/orders/lookup', { body: { number: order.number, email: 'GUEST@example.com' } })).body.id).toBe(order.id);
    expect((await t.api('POST', '/store/orders/lookup', { body: { number: order.displayNumber, email: 'someone@else.com' } })).status).toBe(404);
    await t.drain();
    const timeline = (await t.api('GET', `/admin/orders/${order.id}/timeline`, { token: shop.admin })).body.items;
    expect(timeline.map((e: any) => e.kind)).toEqual(['placed', 'payment']);
  });

  it('pickup and curbside: stock is taken at the chosen shop', async () => {
    for (const kind of ['pickup', 'curbside'] as const) {
      const before = await level(shop.variants.mug, shop.store.id);
      const { order } = await placeOrder(t, shop, { lines: [{ variantId: shop.variants.mug, quantity: 1 }], fulfilment: kind });
      expect(order).toMatchObject({ fulfilmentKind: kind, locationId: shop.store.id, shippingTotal: 0, status: 'paid' });
      expect(order.lines[0].locationId).toBe(shop.store.id);
      expect((await level(shop.variants.mug, shop.store.id)).onHand).toBe(before.onHand - 1);
    }
  });

  it('delivery from two locations when no single one has it all: one order line per location, tax shared exactly', async () => {
    const split = await setupShop(t, { teeStock: { warehouse: 3, store: 2 }, mugStock: { warehouse: 0, store: 0 } });
    const { order } = await placeOrder(t, split, { lines: [{ variantId: split.variants.tee, quantity: 5 }] });
    const parts = order.lines.map((l: any) => ({ quantity: l.quantity, locationId: l.locationId }));
    expect(parts).toEqual([{ quantity: 3, locationId: split.warehouse.id }, { quantity: 2, locationId: split.store.id }]);
    expect(order.lines.reduce((s: number, l: any) => s + l.taxTotal, 0)).toBe(1000);
    expect(order.taxTotal).toBe(1000);
  });

  it('a signed-in customer checks out without an email and sees the order in their history', async () => {
    const me = await t.customer();
    const { order } = await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }], customerToken: me.token });
    expect(order).toMatchObject({ customerId: me.id, email: me.email });
    const mine = await t.api('GET', '/store/account/orders', { token: me.token });
    expect(mine.body.items.map((o: any) => o.id)).toEqual([order.id]);
    const other = await t.customer();
    expect((await t.api('GET', `/store/account/orders/${order.id}`, { token: other.token })).status).toBe(404);
  });

  it('stock gone between cart and checkout: a clean 409, nothing held, nothing charged', async () => {
    const lone = await setupShop(t, { teeStock: { warehouse: 1, store: 0 }, mugStock: { warehouse: 0, store: 0 } });
    const first = await fillCart(t, lone, { lines: [{ variantId: lone.variants.tee, quantity: 1 }] });
    const second = await fillCart(t, lone, { lines: [{ variantId: lone.variants.tee, quantity: 1 }] });
    expect((await checkout(t, lone, first)).status).toBe(201);
    const res = await checkout(t, lone, second);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('checkout.sold_out');
    expect(await level(lone.variants.tee, lone.warehouse.id)).toEqual({ onHand: 0, reserved: 0, available: 0 });
  });

  it('declined card: stock released and the checkout recorded as compensated; the same key answers the same 402', async () => {
    const before = await level(shop.variants.tee, shop.warehouse.id);
    const cart = await fillCart(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 3 }] });
    const key = randomUUID();
    const res = await checkout(t, shop, cart, { token: 'tok_decline', idempotencyKey: key });
    expect(res.status).toBe(402);
    expect(res.body.error).toMatchObject({ code: 'payments.declined' });
    expect(await level(shop.variants.tee, shop.warehouse.id)).toEqual(before);
    const chk = await checkoutOf((await failedCheckout(cart.id)).id);
    expect(chk).toMatchObject({ status: 'failed', orderId: null, error: { code: 'payments.declined', status: 402 } });
    expect(chk.steps.map((s: any) => `${s.step}:${s.outcome}`)).toEqual(['validated:done', 'reserved:done', 'reserved:failed', 'reserved:compensated']);
    expect((await payment(chk.paymentId)).status).toBe('failed');
    const again = await checkout(t, shop, cart, { token: 'tok_decline', idempotencyKey: key });
    expect(again.status).toBe(402);
    // A new attempt (new key) with a good card goes through on the same cart.
    const ok = await checkout(t, shop, cart, { idempotencyKey: randomUUID() });
    expect(ok.status).toBe(201);
  });

  it('payment timeout: the pending payment is voided and the stock released', async () => {
    const before = await level(shop.variants.mug, shop.warehouse.id);
    const cart = await fillCart(t, shop, { lines: [{ variantId: shop.variants.mug, quantity: 2 }] });
    const res = await checkout(t, shop, cart, { token: 'tok_timeout', idempotencyKey: randomUUID() });
    expect(res.status).toBe(504);
    expect(res.body.error.code).toBe('payments.provider_timeout');
    expect(await level(shop.variants.mug, shop.warehouse.id)).toEqual(before);
    const chk = await failedCheckout(cart.id);
    expect((await payment(chk.paymentId)).status).toBe('voided');
  });

  it('a retry with the same key returns the same order without charging again; another body with it is a 422', async () => {
    const cart = await fillCart(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }] });
    const key = randomUUID();
    const first = await checkout(t, shop, cart, { idempotencyKey: key });
    const again = await checkout(t, shop, cart, { idempotencyKey: key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.order.id).toBe(first.body.order.id);
    const payments = (await t.api('GET', `/admin/payments?reference=${first.body.checkout.id}`, { token: shop.admin })).body.items;
    expect(payments).toHaveLength(1);
    const changed = await checkout(t, shop, cart, { idempotencyKey: key, email: 'other@example.com' });
    expect(changed.status).toBe(422);
    expect(changed.body.error.code).toBe('checkout.idempotency_key_reused');
    // Without the key, the converted cart cannot be checked out twice either.
    const twice = await checkout(t, shop, cart);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('checkout.cart_not_active');
  });

  it('refuses what cannot become an order, naming the problem', async () => {
    const empty = await t.api('POST', '/store/carts', { body: {} });
    const headers = { 'x-cart-token': empty.body.token };
    const res = await t.api('POST', `/store/carts/${empty.body.cart.id}/checkout`, { headers, body: { email: 'a@b.co', payment: { provider: 'test', token: 'tok_visa' } } });
    expect([res.status, res.body.error.code]).toEqual([422, 'checkout.cart_empty']);
    const noShipping = await t.api('POST', '/store/carts', { body: {} });
    await t.api('POST', `/store/carts/${noShipping.body.cart.id}/lines`, { headers: { 'x-cart-token': noShipping.body.token }, body: { variantId: shop.variants.tee, quantity: 1 } });
    const r2 = await t.api('POST', `/store/carts/${noShipping.body.cart.id}/checkout`, { headers: { 'x-cart-token': noShipping.body.token }, body: { email: 'a@b.co', payment: { provider: 'test', token: 'tok_visa' } } });
    expect([r2.status, r2.body.error.code]).toEqual([422, 'checkout.fulfilment_required']);
    const cart = await fillCart(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }] });
    const noAddress = await t.api('POST', `/store/carts/${cart.id}/checkout`, { headers: cart.headers, body: { email: 'a@b.co', payment: { provider: 'test', token: 'tok_visa' } } });
    expect([noAddress.status, noAddress.body.error.code]).toEqual([400, 'checkout.address_required']);
    const noEmail = await t.api('POST', `/store/carts/${cart.id}/checkout`, { headers: cart.headers, body: { shippingAddress: shop.address, payment: { provider: 'test', token: 'tok_visa' } } });
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.error.details[0].field).toBe('body.email');
    const wrongSecret = await t.api('POST', `/store/carts/${cart.id}/checkout`, { headers: { 'x-cart-token': 'nope' }, body: { email: 'a@b.co', shippingAddress: shop.address, payment: { provider: 'test', token: 'tok_visa' } } });
    expect(wrongSecret.status).toBe(404);
  });
});

describe('orders after checkout', () => {
  it('hold and release; edit lowers a quantity, restocks and refunds the difference', async () => {
    const { order } = await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 3 }] });
    const held = await t.api('POST', `/admin/orders/${order.id}/hold`, { token: shop.admin, body: { reason: 'address looks odd' } });
    expect(held.body).toMatchObject({ status: 'on_hold', holdReason: 'address looks odd' });
    expect((await t.api('POST', `/admin/orders/${order.id}/release`, { token: shop.admin })).body.status).toBe('paid');

    const stockBefore = await level(shop.variants.tee, shop.warehouse.id);
    const edited = await t.api('POST', `/admin/orders/${order.id}/edit`, { token: shop.admin, body: { lines: [{ lineId: order.lines[0].id, quantity: 1 }], reason: 'customer asked' } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    // Two tees of 25.00 with 8 % tax go back: 54.00.
    expect(edited.body).toMatchObject({ subtotal: 2500, taxTotal: 200, total: 2500 + 200 + 599, paymentStatus: 'partially_refunded' });
    expect((await level(shop.variants.tee, shop.warehouse.id)).onHand).toBe(stockBefore.onHand + 2);
    expect(await payment(order.paymentId)).toMatchObject({ captured: order.total, refunded: 5400 });
    const up = await t.api('POST', `/admin/orders/${order.id}/edit`, { token: shop.admin, body: { lines: [{ lineId: order.lines[0].id, quantity: 5 }], reason: 'more' } });
    expect([up.status, up.body.error.code]).toEqual([422, 'orders.quantity_increase']);
  });

  it('cancel refunds what was captured and restocks; a second cancel changes nothing', async () => {
    const me = await t.customer();
    const { order } = await placeOrder(t, shop, { lines: [{ variantId: shop.variants.mug, quantity: 2 }], customerToken: me.token });
    const before = await level(shop.variants.mug, shop.warehouse.id);
    const res = await t.api('POST', `/store/account/orders/${order.id}/cancel`, { token: me.token, body: { reason: 'changed my mind' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded', refundedTotal: order.total });
    expect((await level(shop.variants.mug, shop.warehouse.id)).onHand).toBe(before.onHand + 2);
    expect(await payment(order.paymentId)).toMatchObject({ status: 'refunded', refunded: order.total });
    const again = await t.api('POST', `/admin/orders/${order.id}/cancel`, { token: shop.admin, body: { reason: 'again' } });
    expect(again.body.refundedTotal).toBe(order.total);
    expect((await payment(order.paymentId)).refunded).toBe(order.total);
    await t.drain();
    const kinds = (await t.api('GET', `/store/account/orders/${order.id}/timeline`, { token: me.token })).body.items.map((e: any) => e.kind);
    expect(kinds).toEqual(['placed', 'payment', 'status']);
  });
});
