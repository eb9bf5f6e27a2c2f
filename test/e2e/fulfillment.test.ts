/**
 * Fulfilment over real HTTP on a real database, with orders placed by the real cart and checkout:
 * location planning, a delivery from pick to delivered (order fulfilled, then completed) with a
 * flat-rate label and the public tracking page, a split order, pickup and curbside with check-in,
 * capture at fulfilment (and a failed capture that holds the order), and clean refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';
import { placeOrder, setupShop, type Shop } from '../support/shop.js';

let t: TestApp;
let shop: Shop;
let admin: string;

// The tee is only at the warehouse and the mug only at the shop, so an order of both must split.
beforeAll(async () => {
  t = await startTestApp();
  shop = await setupShop(t, { teeStock: { warehouse: 40, store: 0 }, mugStock: { warehouse: 0, store: 30 } });
  admin = shop.admin;
});
afterAll(async () => { await t?.close(); });

const post = (path: string, body: unknown = {}, token = admin) => t.api('POST', path, { token, body });
const get = (path: string, token = admin) => t.api('GET', path, { token });
const order = async (id: string) => (await get(`/admin/orders/${id}`)).body;

async function events(type: string, orderId: string): Promise<any[]> {
  const rows = await t.app.database.db.selectFrom('outbox').select(['payload']).where('type', '=', type).orderBy('seq').execute();
  return rows.map((r: any) => JSON.parse(r.payload)).filter((p) => p.orderId === orderId);
}

async function eventually<T>(fn: () => Promise<T>, done: (v: T) => boolean, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function expectMove(path: string, status: string, body: unknown = {}, token = admin) {
  const res = await post(path, body, token);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  expect(res.body.status).toBe(status);
  return res.body;
}

describe('location planning', () => {
  it('ships from one location that has everything, else splits greedily, and names shortfalls', async () => {
    const boston = { country: 'US', region: 'MA', latitude: 42.36, longitude: -71.06 };
    const one = await post('/admin/fulfillments/plan', { lines: [{ variantId: shop.variants.tee, quantity: 2 }], destination: boston });
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    expect(one.body).toMatchObject({ locations: [shop.warehouse.id], splits: 0, lines: [{ variantId: shop.variants.tee, quantity: 2, locationId: shop.warehouse.id }] });
    expect(one.body.reason).toMatch(/km away/);

    const split = await post('/admin/fulfillments/plan', { lines: [{ variantId: shop.variants.tee, quantity: 1 }, { variantId: shop.variants.mug, quantity: 1 }], destination: { country: 'US', region: 'NY' } });
    expect(split.body).toMatchObject({ splits: 1, shortfalls: [] });
    expect(new Set(split.body.locations)).toEqual(new Set([shop.warehouse.id, shop.store.id]));

    const short = await post('/admin/fulfillments/plan', { lines: [{ variantId: shop.variants.mug, quantity: 1000 }], destination: { country: 'US' } });
    expect(short.body.shortfalls).toEqual([{ variantId: shop.variants.mug, missing: 970 }]);
    expect(short.body.reason).toMatch(/cannot be planned/);

    const service = await t.app.modules.fulfillment.service.planShipment(t.app.systemCtx(), { lines: [{ variantId: shop.variants.mug, quantity: 3 }], destination: { country: 'US', region: 'NY', postalCode: '10001' } });
    expect(service.locations).toEqual([shop.store.id]);
    expect((await post('/admin/fulfillments/plan', { lines: [], destination: { country: 'US' } })).status).toBe(400);
  });

  it('prefers a nearer location that has everything, and never plans from an inactive one', async () => {
    const boston = await post('/admin/locations', { name: 'Boston depot', kind: 'warehouse', address: { line1: '1 Dock Sq', city: 'Boston', region: 'MA', postalCode: '02109', country: 'US' }, latitude: 42.36, longitude: -71.05, priority: 9 });
    expect(boston.status).toBe(201);
    expect((await post('/admin/inventory/adjustments', { variantId: shop.variants.tee, locationId: boston.body.id, reason: 'received', delta: 5 })).status).toBe(201);
    const plan = (to: Record<string, unknown>) => post('/admin/fulfillments/plan', { lines: [{ variantId: shop.variants.tee, quantity: 2 }], destination: to });
    const cambridge = { country: 'US', region: 'MA', latitude: 42.37, longitude: -71.11 };
    expect((await plan(cambridge)).body.locations).toEqual([boston.body.id]);
    expect((await plan({ country: 'US', region: 'NY' })).body.locations).toEqual([shop.warehouse.id]);
    expect((await t.api('PATCH', `/admin/locations/${boston.body.id}`, { token: admin, body: { active: false } })).status).toBe(200);
    expect((await plan(cambridge)).body.locations).toEqual([shop.warehouse.id]);
  });
});

describe('delivery', () => {
  it('picks, packs, ships with a flat-rate label, delivers; the order is fulfilled then completed', async () => {
    const { order: placed } = await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 2 }] });
    expect(placed.status).toBe('paid');
    const created = await post(`/admin/orders/${placed.id}/fulfillments`);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.items).toHaveLength(1);
    const f = created.body.items[0];
    expect(f).toMatchObject({ orderId: placed.id, orderNumber: placed.number, locationId: shop.warehouse.id, kind: 'delivery', status: 'pending', actions: ['pick', 'cancel'] });
    expect(f.lines).toEqual([expect.objectContaining({ orderLineId: placed.lines[0].id, variantId: shop.variants.tee, quantity: 2 })]);

    const { token: clerk } = await t.staff('clerk');
    await expectMove(`/admin/fulfillments/${f.id}/pick`, 'picking', {}, clerk);
    expect((await order(placed.id)).status).toBe('fulfilling');
    const { token: support } = await t.staff('support');
    expect((await post(`/admin/fulfillments/${f.id}/pack`, {}, support)).status).toBe(403);
    await expectMove(`/admin/fulfillments/${f.id}/pack`, 'packed', {}, clerk);
    const shipped = await expectMove(`/admin/fulfillments/${f.id}/ship`, 'shipped', {}, clerk);
    expect(shipped).toMatchObject({ carrier: 'flat-rate', trackingNumber: expect.stringMatching(/^FR\d{15}$/), actions: ['deliver'] });
    expect(shipped.trackingUrl).toMatch(new RegExp(`/store/track/${shipped.trackingNumber}$`));
    expect(await order(placed.id)).toMatchObject({ status: 'fulfilled', fulfillmentStatus: 'fulfilled', lines: [expect.objectContaining({ fulfilledQuantity: 2 })] });

    const tracking = await t.api('GET', `/store/track/${shipped.trackingNumber}`);
    expect(tracking.status).toBe(200);
    expect(tracking.body).toMatchObject({ trackingNumber: shipped.trackingNumber, carrier: 'flat-rate', status: 'shipped', kind: 'delivery', itemCount: 2 });
    expect(tracking.body.history.map((h: any) => h.status)).toEqual(['pending', 'picking', 'packed', 'shipped']);
    expect(JSON.stringify(tracking.body)).not.toMatch(/ord_|@|Lovelace|Main St/);
    expect((await t.api('GET', '/store/track/FR000000000000000')).status).toBe(404);

    await expectMove(`/admin/fulfillments/${f.id}/deliver`, 'delivered', {}, clerk);
    expect((await order(placed.id)).status).toBe('completed');
    expect((await t.api('GET', `/store/track/${shipped.trackingNumber}`)).body.status).toBe('delivered');
    const again = await post(`/admin/fulfillments/${f.id}/deliver`, {}, clerk);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'fulfillment.invalid_transition', details: { from: 'delivered', action: 'deliver' } });

    const [ev] = await events('fulfillment.shipped', placed.id);
    expect(ev).toMatchObject({
      fulfillmentId: f.id, orderId: placed.id, orderNumber: placed.number, locationId: shop.warehouse.id, carrier: 'flat-rate',
      trackingNumber: shipped.trackingNumber, trackingUrl: shipped.trackingUrl, lines: [expect.objectContaining({ quantity: 2, title: expect.any(String) })],
    });
    for (const type of ['fulfillment.created', 'fulfillment.picking_started', 'fulfillment.packed', 'fulfillment.delivered']) expect(await events(type, placed.id), type).toHaveLength(1);
    const timeline = (await get(`/admin/orders/${placed.id}/timeline`)).body.items.map((e: any) => e.message);
    expect(timeline.some((m: string) => m.includes(shipped.trackingNumber))).toBe(true);
  });

  it('ships a split order as one fulfilment per stock location', async () => {
    const { order: placed } = await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }, { variantId: shop.variants.mug, quantity: 2 }] });
    const locations = new Set(placed.lines.map((l: any) => l.locationId));
    expect(locations).toEqual(new Set([shop.warehouse.id, shop.store.id]));
    const created = await post(`/admin/orders/${placed.id}/fulfillments`);
    expect(created.status).toBe(201);
    expect(new Set(created.body.items.map((f: any) => f.locationId))).toEqual(locations);
    const [a, b] = created.body.items;
    for (const f of [a, b]) {
      await expectMove(`/admin/fulfillments/${f.id}/pick`, 'picking');
      await expectMove(`/admin/fulfillments/${f.id}/pack`, 'packed');
    }
    await expectMove(`/admin/fulfillments/${a.id}/ship`, 'shipped');
    expect((await order(placed.id)).status).toBe('partially_fulfilled');
    // A manual carrier with the number it issued.
    const manual = await expectMove(`/admin/fulfillments/${b.id}/ship`, 'shipped', { carrier: 'Acme Couriers', service: 'next day', trackingNumber: 'ACME-12345', trackingUrl: 'https://acme.example/t/ACME-12345' });
    expect(manual).toMatchObject({ carrier: 'Acme Couriers', service: 'next day', trackingNumber: 'ACME-12345', trackingUrl: 'https://acme.example/t/ACME-12345' });
    expect((await order(placed.id)).status).toBe('fulfilled');
    await expectMove(`/admin/fulfillments/${a.id}/deliver`, 'delivered');
    expect((await order(placed.id)).status).toBe('fulfilled');
    await expectMove(`/admin/fulfillments/${b.id}/deliver`, 'delivered');
    expect((await order(placed.id)).status).toBe('completed');
    expect((await get(`/admin/orders/${placed.id}/fulfillments`)).body.items).toHaveLength(2);
  });
});

describe('pickup and curbside', () => {
  it('BOPIS: ready for pickup (in the store queue), then picked up completes the order', async () => {
    const { order: placed } = await placeOrder(t, shop, { lines: [{ variantId: shop.variants.mug, quantity: 2 }], fulfilment: 'pickup', email: 'bopis@example.com' });
    const [f] = (await post(`/admin/orders/${placed.id}/fulfillments`)).body.items;
    expect(f).toMatchObject({ kind: 'pickup', locationId: shop.store.id });
    await expectMove(`/admin/fulfillments/${f.id}/pick`, 'picking');
    const ship = await post(`/admin/fulfillments/${f.id}/pack`);
    expect(ship.status).toBe(409);
    expect(ship.body.error.details.allowed).toEqual(['ready', 'cancel']);
    await expectMove(`/admin/fulfillments/${f.id}/ready`, 'ready_for_pickup');
    const [ready] = await events('fulfillment.ready_for_pickup', placed.id);
    expect(ready).toMatchObject({ fulfillmentId: f.id, orderId: placed.id, orderNumber: placed.number, locationId: shop.store.id, kind: 'pickup' });

    const queue = await get(`/admin/fulfillments?locationId=${shop.store.id}&status=ready_for_pickup`);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((x: any) => x.id)).toContain(f.id);
    expect(queue.body.items.every((x: any) => x.status === 'ready_for_pickup' && x.locationId === shop.store.id)).toBe(true);

    const guest = await t.api('POST', `/store/orders/${placed.id}/fulfillments/lookup`, { body: { email: 'BOPIS@example.com' } });
    expect(guest.status).toBe(200);
    expect(guest.body.items[0]).toMatchObject({ id: f.id, status: 'ready_for_pickup', actions: [] });
    expect((await t.api('POST', `/store/orders/${placed.id}/fulfillments/lookup`, { body: { email: 'someone@example.com' } })).status).toBe(404);
    expect((await t.api('POST', `/store/orders/${placed.id}/fulfillments/lookup`, { body: {} })).status).toBe(400);

    await expectMove(`/admin/fulfillments/${f.id}/picked-up`, 'picked_up');
    expect(await order(placed.id)).toMatchObject({ status: 'completed', fulfillmentStatus: 'fulfilled' });
    expect(await events('fulfillment.picked_up', placed.id)).toHaveLength(1);
  });

  it('curbside: ready, the customer checks in with where they parked, then staff hand it over', async () => {
    const me = await t.customer();
    const other = await t.customer();
    const { order: placed } = await placeOrder(t, shop, { lines: [{ variantId: shop.variants.mug, quantity: 1 }], fulfilment: 'curbside', customerToken: me.token });
    const [f] = (await post(`/admin/orders/${placed.id}/fulfillments`)).body.items;
    expect(f.kind).toBe('curbside');
    const checkIn = (body: unknown, token?: string) => t.api('POST', `/store/orders/${placed.id}/fulfillments/${f.id}/check-in`, { body, token });
    await expectMove(`/admin/fulfillments/${f.id}/pick`, 'picking');
    expect((await checkIn({}, me.token)).body.error.code).toBe('fulfillment.invalid_transition');
    await expectMove(`/admin/fulfillments/${f.id}/ready`, 'ready_for_pickup');
    const early = await post(`/admin/fulfillments/${f.id}/picked-up`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('fulfillment.invalid_transition');

    expect((await checkIn({ bay: '3' }, other.token)).status).toBe(404);
    expect((await checkIn({ email: 'nobody@example.com', bay: '3' })).status).toBe(404);
    const arrived = await checkIn({ vehicle: 'blue estate', bay: '3' }, me.token);
    expect(arrived.status, JSON.stringify(arrived.body)).toBe(200);
    expect(arrived.body).toMatchObject({ status: 'arrived', arrival: { vehicle: 'blue estate', bay: '3', note: null } });
    const moved = await checkIn({ email: me.email, bay: '5', note: 'boot is open' });
    expect(moved.body).toMatchObject({ status: 'arrived', arrival: { bay: '5', note: 'boot is open' } });
    expect(await events('fulfillment.customer_arrived', placed.id)).toEqual([expect.objectContaining({ fulfillmentId: f.id, kind: 'curbside', bay: '3', vehicle: 'blue estate' })]);
    expect((await get(`/admin/fulfillments?locationId=${shop.store.id}&status=arrived`)).body.items.map((x: any) => x.id)).toContain(f.id);

    await expectMove(`/admin/fulfillments/${f.id}/picked-up`, 'picked_up');
    expect((await order(placed.id)).status).toBe('completed');
    const mine = await t.api('GET', `/store/account/orders/${placed.id}/fulfillments`, { token: me.token });
    expect(mine.body.items).toEqual([expect.objectContaining({ id: f.id, status: 'picked_up' })]);
    expect((await t.api('GET', `/store/account/orders/${placed.id}/fulfillments`, { token: other.token })).status).toBe(404);
  });
});

describe('refusals', () => {
  it('refuses over-fulfilling, unknown lines and skipped steps, and gives units back on cancel', async () => {
    const { order: placed } = await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 2 }] });
    const lineId = placed.lines[0].id;
    const over = await post(`/admin/orders/${placed.id}/fulfillments`, { lines: [{ orderLineId: lineId, quantity: 3 }] });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: 'fulfillment.over_fulfilled', details: [{ field: 'body.lines[0].quantity' }] });
    const unknown = await post(`/admin/orders/${placed.id}/fulfillments`, { lines: [{ orderLineId: 'oli_nope', quantity: 1 }] });
    expect(unknown.body.error.code).toBe('fulfillment.line_not_found');
    expect((await post('/admin/orders/ord_nope/fulfillments')).status).toBe(404);

    const first = (await post(`/admin/orders/${placed.id}/fulfillments`, { lines: [{ orderLineId: lineId, quantity: 1 }] })).body.items[0];
    expect(first.lines[0].quantity).toBe(1);
    const second = (await post(`/admin/orders/${placed.id}/fulfillments`)).body.items[0];
    expect(second.lines[0].quantity).toBe(1);
    const none = await post(`/admin/orders/${placed.id}/fulfillments`);
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('fulfillment.nothing_to_fulfil');

    const skip = await post(`/admin/fulfillments/${first.id}/ship`);
    expect(skip.status).toBe(409);
    expect(skip.body.error).toMatchObject({ code: 'fulfillment.invalid_transition', details: { from: 'pending', action: 'ship', allowed: ['pick', 'cancel'] } });
    expect((await post(`/admin/fulfillments/${first.id}/ready`)).status).toBe(409);
    expect((await post(`/admin/fulfillments/${first.id}/cancel`, {})).status).toBe(400);
    await expectMove(`/admin/fulfillments/${first.id}/cancel`, 'cancelled', { reason: 'wrong box' });
    expect(await events('fulfillment.cancelled', placed.id)).toEqual([expect.objectContaining({ from: 'pending', reason: 'wrong box' })]);
    const redo = await post(`/admin/orders/${placed.id}/fulfillments`);
    expect(redo.status).toBe(201);
    expect(redo.body.items[0].lines[0].quantity).toBe(1);

    await expectMove(`/admin/fulfillments/${second.id}/pick`, 'picking');
    await expectMove(`/admin/fulfillments/${second.id}/pack`, 'packed');
    const manual = await post(`/admin/fulfillments/${second.id}/ship`, { carrier: 'Acme Couriers' });
    expect(manual.status).toBe(422);
    expect(manual.body.error).toMatchObject({ code: 'fulfillment.tracking_number_required', details: [{ field: 'body.trackingNumber' }] });
    await expectMove(`/admin/fulfillments/${second.id}/ship`, 'shipped');
    const cancelShipped = await post(`/admin/fulfillments/${second.id}/cancel`, { reason: 'too late' });
    expect(cancelShipped.status).toBe(409);
    expect(cancelShipped.body.error.code).toBe('fulfillment.invalid_transition');
  });

  it('hands out each unit once when two people fulfil the same order at the same moment', async () => {
    const { order: placed } = await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 3 }] });
    const results = await Promise.all([post(`/admin/orders/${placed.id}/fulfillments`), post(`/admin/orders/${placed.id}/fulfillments`)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const all = (await get(`/admin/orders/${placed.id}/fulfillments`)).body.items;
    expect(all.flatMap((f: any) => f.lines).reduce((n: number, l: any) => n + l.quantity, 0)).toBe(3);
  });

  it("refuses to send a held or cancelled order's goods, and cancels its open fulfilments", async () => {
    const { order: placed } = await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }] });
    const [f] = (await post(`/admin/orders/${placed.id}/fulfillments`)).body.items;
    expect((await post(`/admin/orders/${placed.id}/hold`, { reason: 'fraud check' })).status).toBeLessThan(300);
    const held = await post(`/admin/fulfillments/${f.id}/pick`);
    expect(held.status).toBe(409);
    expect(held.body.error).toMatchObject({ code: 'fulfillment.order_not_fulfillable', details: { status: 'on_hold' } });
    expect((await post(`/admin/orders/${placed.id}/release`)).status).toBeLessThan(300);
    await expectMove(`/admin/fulfillments/${f.id}/pick`, 'picking');
    await expectMove(`/admin/fulfillments/${f.id}/pack`, 'packed');

    const cancelled = await post(`/admin/orders/${placed.id}/cancel`, { reason: 'customer changed their mind' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBeLessThan(300);
    // The order's own state refuses it, or (once the in-process worker has caught up) the fulfilment's.
    const ship = await post(`/admin/fulfillments/${f.id}/ship`);
    expect(ship.status).toBe(409);
    expect(['fulfillment.order_not_fulfillable', 'fulfillment.invalid_transition']).toContain(ship.body.error.code);
    expect((await post(`/admin/orders/${placed.id}/fulfillments`)).body.error.code).toBe('fulfillment.order_not_fulfillable');
    // drain() skips a delivery the app's own worker is running at that moment, so wait for it.
    await t.drain();
    const after = await eventually(() => get(`/admin/fulfillments/${f.id}`), (r) => r.body.status !== 'packed');
    expect(after.body).toMatchObject({ status: 'cancelled', cancelReason: expect.stringMatching(/order cancelled/) });
    expect((await post(`/admin/fulfillments/${f.id}/ship`)).body.error.code).toBe('fulfillment.invalid_transition');
  });
});

describe('capture at fulfilment', () => {
  let c: TestApp;
  let s: Shop;
  beforeAll(async () => {
    c = await startTestApp({ CAPTURE_MODE: 'fulfilment' });
    s = await setupShop(c);
  });
  afterAll(async () => { await c?.close(); });

  const cpost = (path: string, body: unknown = {}) => c.api('POST', path, { token: s.admin, body });
  const send = async (id: string, last: 'ship' | 'picked-up') => {
    const [f] = (await cpost(`/admin/orders/${id}/fulfillments`)).body.items;
    expect((await cpost(`/admin/fulfillments/${f.id}/pick`)).status).toBe(200);
    expect((await cpost(`/admin/fulfillments/${f.id}/${last === 'ship' ? 'pack' : 'ready'}`)).status).toBe(200);
    return { f, res: await cpost(`/admin/fulfillments/${f.id}/${last}`) };
  };

  it('captures the authorized payment when the goods first leave', async () => {
    const { order: placed } = await placeOrder(c, s, { lines: [{ variantId: s.variants.tee, quantity: 1 }] });
    expect(placed.paymentStatus).toBe('authorized');
    const { res } = await send(placed.id, 'ship');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = (await c.api('GET', `/admin/orders/${placed.id}`, { token: s.admin })).body;
    expect(after).toMatchObject({ paymentStatus: 'paid', status: 'fulfilled' });
    const payment = await c.app.modules.payments.service.get(c.app.systemCtx(), placed.paymentId);
    expect(payment).toMatchObject({ status: 'captured', captured: after.total });

    const { order: pickup } = await placeOrder(c, s, { lines: [{ variantId: s.variants.mug, quantity: 1 }], fulfilment: 'pickup' });
    expect((await send(pickup.id, 'picked-up')).res.status).toBe(200);
    expect((await c.api('GET', `/admin/orders/${pickup.id}`, { token: s.admin })).body).toMatchObject({ paymentStatus: 'paid', status: 'completed' });
  });

  it('holds the order and keeps the goods when the capture fails', async () => {
    const { order: placed } = await placeOrder(c, s, { lines: [{ variantId: s.variants.tee, quantity: 1 }] });
    // The authorization lapsed at the provider (here: voided behind the order's back).
    const voided = await c.app.modules.payments.service.void(c.app.systemCtx(), placed.paymentId);
    expect(voided.ok).toBe(true);
    const { f, res } = await send(placed.id, 'ship');
    expect(res.status).toBe(402);
    expect(res.body.error.code).toBe('fulfillment.capture_declined');
    expect((await c.api('GET', `/admin/orders/${placed.id}`, { token: s.admin })).body).toMatchObject({ status: 'on_hold', paymentStatus: 'authorized' });
    expect((await c.api('GET', `/admin/fulfillments/${f.id}`, { token: s.admin })).body.status).toBe('packed');
  });
});
