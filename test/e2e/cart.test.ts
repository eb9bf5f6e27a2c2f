import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeTotals } from '../../src/modules/cart/index.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let token: string;
const v: Record<'a' | 'b' | 'c' | 'draft', string> = { a: '', b: '', c: '', draft: '' };
let store: { id: string };
let standard: { id: string; name: string };
let pickup: { id: string };
let promo: any;
let standardClass: string;
const code = `SAVE${Date.now().toString(36)}`.toUpperCase();

async function post(url: string, body: Record<string, unknown>) {
  const res = await t.api('POST', url, { token, body });
  expect(res.status, `${url} ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}

beforeAll(async () => {
  t = await startTestApp();
  token = (await t.staff('admin')).token;
  const product = await post('/admin/products', {
    title: 'Cart Tee', status: 'active', options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
    variants: [
      { sku: 'CART-S', options: { Size: 'S' }, weightGrams: 300, prices: [{ currency: 'USD', amount: 2000 }] },
      { sku: 'CART-M', options: { Size: 'M' }, weightGrams: 500, prices: [{ currency: 'USD', amount: 5000 }] },
      { sku: 'CART-L', options: { Size: 'L' }, weightGrams: 100, prices: [{ currency: 'USD', amount: 1000 }], manageInventory: false },
    ],
  });
  const bySku = (s: string) => product.variants.find((x: any) => x.sku === s).id;
  Object.assign(v, { a: bySku('CART-S'), b: bySku('CART-M'), c: bySku('CART-L') });
  const draft = await post('/admin/products', { title: 'Hidden', variants: [{ sku: 'CART-DRAFT', prices: [{ currency: 'USD', amount: 100 }] }] });
  v.draft = draft.variants[0].id;

  const address = { line1: '1 Main St', city: 'New York', region: 'NY', postalCode: '10001', country: 'US' };
  const wh = await post('/admin/locations', { name: 'Warehouse', kind: 'warehouse', address });
  store = await post('/admin/locations', { name: 'Downtown', kind: 'store', pickup: true, address });
  await post('/admin/inventory/adjustments', { variantId: v.a, locationId: wh.id, reason: 'received', delta: 10 });
  await post('/admin/inventory/adjustments', { variantId: v.a, locationId: store.id, reason: 'received', delta: 2 });
  await post('/admin/inventory/adjustments', { variantId: v.b, locationId: wh.id, reason: 'received', delta: 1 });

  promo = await post('/admin/promotions', { name: 'Ten off', code, kind: 'percentage', percent: 10 });
  standardClass = (await t.api('GET', '/admin/tax/classes', { token })).body.items.find((c: any) => c.code === 'standard').id;
  await post('/admin/tax/rates', { taxClassId: standardClass, name: 'US', country: 'US', rateBp: 800 });
  const zone = await post('/admin/shipping/zones', { name: 'US', areas: [{ country: 'US' }] });
  standard = await post('/admin/shipping/methods', { kind: 'delivery', name: 'Standard', zoneId: zone.id, currency: 'USD', brackets: [{ upToGrams: null, amount: 599 }] });
  pickup = await post('/admin/shipping/methods', { kind: 'pickup', name: 'Pick up Downtown', locationId: store.id });
  await post('/admin/shipping/methods', { kind: 'curbside', name: 'Curbside Downtown', locationId: store.id });
});
afterAll(async () => { await t?.close(); });

async function guestCart() {
  const res = await t.api('POST', '/store/carts', { body: {} });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(typeof res.body.token).toBe('string');
  const secret = res.body.token as string;
  const call = (method: string, path: string, body?: unknown, extra: { token?: string } = {}) =>
    t.api(method, `/store/carts/${res.body.cart.id}${path}`, { body, headers: { 'x-cart-token': secret }, ...extra });
  return { id: res.body.cart.id as string, secret, call };
}

const ok = (res: { status: number; body: any }) => { expect(res.status, JSON.stringify(res.body)).toBe(200); return res.body; };

describe('cart', () => {
  it('guest cart: add (same variant merges), change, remove, with live totals and availability', async () => {
    const g = await guestCart();
    let cart = ok(await g.call('POST', '/lines', { variantId: v.a, quantity: 2 }));
    cart = ok(await g.call('POST', '/lines', { variantId: v.a, quantity: 1 }));
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]).toMatchObject({ variantId: v.a, sku: 'CART-S', productTitle: 'Cart Tee', quantity: 3, unitPrice: 2000, subtotal: 6000, total: 6000, availability: { status: 'in_stock', quantityAvailable: 12 } });

    cart = ok(await g.call('POST', '/lines', { variantId: v.b, quantity: 3 }));
    const b = cart.lines.find((l: any) => l.variantId === v.b);
    expect(b.availability).toEqual({ status: 'not_enough', quantityAvailable: 1 });
    expect(b.warnings.map((w: any) => w.code)).toContain('cart.not_enough_stock');
    expect(cart.totals).toMatchObject({ subtotal: 6000 + 15000, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total: 21000 });

    cart = ok(await g.call('PATCH', `/lines/${b.id}`, { quantity: 1 }));
    expect(cart.lines.find((l: any) => l.id === b.id).availability.status).toBe('in_stock');
    expect(cart.totals.subtotal).toBe(11000);
    cart = ok(await g.call('DELETE', `/lines/${b.id}`));
    expect(cart.lines.map((l: any) => l.variantId)).toEqual([v.a]);
    cart = ok(await g.call('PATCH', `/lines/${cart.lines[0].id}`, { quantity: 0 }));
    expect(cart.lines).toEqual([]);
    expect(cart.totals.total).toBe(0);

    for (const variantId of ['var_missing', v.draft]) {
      const bad = await g.call('POST', '/lines', { variantId, quantity: 1 });
      expect(bad.status, variantId).toBe(422);
      expect(bad.body.error.details.map((d: any) => d.field)).toContain('body.variantId');
    }
    expect((await g.call('PATCH', '/lines/cli_missing', { quantity: 2 })).status).toBe(404);
    const events = await t.app.database.db.selectFrom('outbox').select('type').where('aggregate_id', '=', g.id).execute();
    expect(events.map((e: any) => e.type)).toEqual(expect.arrayContaining(['cart.created', 'cart.updated']));
  });

  it('applies a code with its reason and refuses an unknown one with the reason from promotions', async () => {
    const g = await guestCart();
    ok(await g.call('POST', '/lines', { variantId: v.a, quantity: 2 }));
    const cart = ok(await g.call('POST', '/codes', { code: ` ${code.toLowerCase()} ` }));
    expect(cart.codes).toEqual([code]);
    expect(cart.totals.discountTotal).toBe(400);
    expect(cart.totals.discounts).toEqual([expect.objectContaining({ promotionId: promo.id, amount: 400, reason: `10% off with code ${code}` })]);
    expect(cart.lines[0]).toMatchObject({ discount: 400, total: 3600 });

    const refused = await g.call('POST', '/codes', { code: 'NOPE-404' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('promotions.unknown_code');
    expect(refused.body.error.details.map((d: any) => d.field)).toContain('body.code');

    const removed = ok(await g.call('DELETE', `/codes/${code.toLowerCase()}`));
    expect(removed.codes).toEqual([]);
    expect(removed.totals.discountTotal).toBe(0);
  });

  it('quotes shipping, charges tax at the destination, and its totals equal computeTotals on the same inputs; pickup counts store stock', async () => {
    const g = await guestCart();
    ok(await g.call('POST', '/lines', { variantId: v.a, quantity: 2 }));
    ok(await g.call('POST', '/lines', { variantId: v.b, quantity: 1 }));
    ok(await g.call('POST', '/lines', { variantId: v.c, quantity: 3 }));
    ok(await g.call('POST', '/codes', { code }));
    const quoted = ok(await g.call('PUT', '/shipping', { address: { country: 'us', region: 'ny', postalCode: '10001' } }));
    expect(quoted.shippingOptions.map((o: any) => [o.name, o.amount])).toEqual(expect.arrayContaining([['Standard', 599], ['Pick up Downtown', 0], ['Curbside Downtown', 0]]));
    expect(quoted.fulfilment).toBeNull();

    const cart = ok(await g.call('PUT', '/shipping', { methodId: standard.id }));
    expect(cart.fulfilment).toMatchObject({ kind: 'delivery', methodId: standard.id, name: 'Standard' });
    expect(cart.lines.find((l: any) => l.variantId === v.c).availability.status).toBe('not_tracked');
    const expected = computeTotals({
      lines: [
        { variantId: v.a, productId: cart.lines[0].productId, categoryIds: [], unitPrice: 2000, quantity: 2, weightGrams: 300, taxClass: standardClass },
        { variantId: v.b, productId: cart.lines[0].productId, categoryIds: [], unitPrice: 5000, quantity: 1, weightGrams: 500, taxClass: standardClass },
        { variantId: v.c, productId: cart.lines[0].productId, categoryIds: [], unitPrice: 1000, quantity: 3, weightGrams: 100, taxClass: standardClass },
      ],
      currency: 'USD', promotions: [promo], taxRates: [{ taxClassId: standardClass, rateBp: 800, name: 'US' }], taxInclusive: false,
      shipping: { id: standard.id, name: 'Standard', rate: 599, currency: 'USD', freeOverSubtotal: null },
    });
    expect(cart.totals).toMatchObject({
      subtotal: expected.subtotal, discountTotal: expected.discountTotal, shippingTotal: 599, taxTotal: expected.taxTotal, total: expected.total, weightGrams: 1400,
    });
    expect(expected.taxTotal).toBeGreaterThan(0);
    expect(cart.lines.map((l: any) => l.tax)).toEqual(expected.lines.map((l) => l.tax));

    const collected = ok(await g.call('PUT', '/shipping', { pickup: { kind: 'pickup', locationId: store.id } }));
    expect(collected.fulfilment).toMatchObject({ kind: 'pickup', methodId: pickup.id, locationId: store.id });
    expect(collected.totals.shippingTotal).toBe(0);
    expect(collected.totals.total).toBe(expected.total - 599);
    // Collected at the store: only the store's stock counts.
    expect(collected.lines.find((l: any) => l.variantId === v.a).availability).toEqual({ status: 'in_stock', quantityAvailable: 2 });
    expect(collected.lines.find((l: any) => l.variantId === v.b).availability).toEqual({ status: 'out_of_stock', quantityAvailable: 0 });

    const badMethod = await g.call('PUT', '/shipping', { methodId: 'shm_missing' });
    expect(badMethod.status).toBe(422);
    expect(badMethod.body.error.details.map((d: any) => d.field)).toContain('body.methodId');
    const badPickup = await g.call('PUT', '/shipping', { pickup: { kind: 'curbside', locationId: 'loc_missing' } });
    expect(badPickup.status).toBe(422);
    expect(badPickup.body.error.details.map((d: any) => d.field)).toContain('body.pickup.locationId');
  });

  it('shows a cart only to its customer or the holder of its token (404 for everyone else)', async () => {
    const alice = await t.customer();
    const bob = await t.customer();
    const created = await t.api('POST', '/store/carts', { token: alice.token, body: {} });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ created: true, token: null, cart: { customerId: alice.id } });
    const id = created.body.cart.id;
    ok(await t.api('POST', `/store/carts/${id}/lines`, { token: alice.token, body: { variantId: v.a, quantity: 1 } }));
    const again = await t.api('POST', '/store/carts', { token: alice.token, body: {} });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ created: false, token: null, cart: { id } });

    expect((await t.api('GET', `/store/carts/${id}`, { token: alice.token })).status).toBe(200);
    for (const opts of [{ token: bob.token }, {}, { headers: { 'x-cart-token': 'guess' } }]) {
      const res = await t.api('GET', `/store/carts/${id}`, opts);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('cart.not_found');
    }
    expect((await t.api('POST', `/store/carts/${id}/lines`, { token: bob.token, body: { variantId: v.a, quantity: 1 } })).status).toBe(404);

    const g = await guestCart();
    expect((await t.api('GET', `/store/carts/${g.id}`, { token: bob.token })).status).toBe(404);
    expect((await t.api('GET', `/store/carts/${g.id}`, { headers: { 'x-cart-token': `${g.secret}x` } })).status).toBe(404);
    expect((await t.api('GET', `/store/carts/${g.id}`)).status).toBe(404);
    expect((await t.api('GET', '/store/carts/cart_missing', { headers: { 'x-cart-token': g.secret } })).status).toBe(404);
    ok(await g.call('GET', ''));
  });

  it('merges a guest cart at sign-in: quantities add up and codes are kept; a customer without a cart takes it over', async () => {
    const carol = await t.customer();
    const mine = (await t.api('POST', '/store/carts', { token: carol.token, body: {} })).body.cart;
    ok(await t.api('POST', `/store/carts/${mine.id}/lines`, { token: carol.token, body: { variantId: v.a, quantity: 1 } }));
    const g = await guestCart();
    ok(await g.call('POST', '/lines', { variantId: v.a, quantity: 2 }));
    ok(await g.call('POST', '/lines', { variantId: v.c, quantity: 1 }));
    ok(await g.call('POST', '/codes', { code }));

    const merged = ok(await t.api('POST', `/store/carts/${g.id}/merge`, { token: carol.token, headers: { 'x-cart-token': g.secret } }));
    expect(merged.id).toBe(mine.id);
    expect(Object.fromEntries(merged.lines.map((l: any) => [l.variantId, l.quantity]))).toEqual({ [v.a]: 3, [v.c]: 1 });
    expect(merged.codes).toEqual([code]);
    expect(merged.totals.discountTotal).toBe(700);
    const old = ok(await g.call('GET', ''));
    expect(old).toMatchObject({ status: 'merged', mergedIntoId: mine.id });
    expect((await g.call('POST', '/lines', { variantId: v.a, quantity: 1 })).status).toBe(409);
    const events = await t.app.database.db.selectFrom('outbox').select('type').where('aggregate_id', '=', g.id).execute();
    expect(events.map((e: any) => e.type)).toContain('cart.merged');
    // Without the guest token, merging someone's guest cart is a 404.
    const other = await guestCart();
    expect((await t.api('POST', `/store/carts/${other.id}/merge`, { token: carol.token })).status).toBe(404);

    // Presenting the guest token with a customer token merges automatically; here the customer has no cart, so it becomes theirs.
    const dave = await t.customer();
    ok(await other.call('POST', '/lines', { variantId: v.c, quantity: 2 }));
    const taken = ok(await t.api('GET', `/store/carts/${other.id}`, { token: dave.token, headers: { 'x-cart-token': other.secret } }));
    expect(taken).toMatchObject({ id: other.id, customerId: dave.id, status: 'active' });
    expect((await other.call('GET', '')).status).toBe(404);
    expect(ok(await t.api('GET', `/store/carts/${other.id}`, { token: dave.token })).lines[0].quantity).toBe(2);
  });

  it('shows a price change live, with a warning', async () => {
    const g = await guestCart();
    ok(await g.call('POST', '/lines', { variantId: v.c, quantity: 2 }));
    const patched = await t.api('PATCH', `/admin/variants/${v.c}`, { token, body: { prices: [{ currency: 'USD', amount: 1250 }] } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const cart = ok(await g.call('GET', ''));
    expect(cart.lines[0]).toMatchObject({ unitPrice: 1250, priceWhenAdded: 1000, subtotal: 2500 });
    expect(cart.lines[0].warnings.map((w: any) => w.code)).toEqual(['cart.price_changed']);
    expect(cart.totals.subtotal).toBe(2500);
  });
});
