/**
 * A small real store for order-path tests, built through the admin API: two products, a
 * warehouse and a shop with pickup and curbside, stock, an 8 % US tax and a US delivery method.
 * `placeOrder` drives a real cart and checkout over HTTP, the way a storefront does.
 */
import { randomUUID } from 'node:crypto';
import type { TestApp } from './harness.js';

export interface Shop {
  admin: string;
  variants: { tee: string; mug: string; poster: string };
  warehouse: { id: string };
  store: { id: string };
  methods: { standard: { id: string }; pickup: { id: string }; curbside: { id: string } };
  address: { firstName: string; lastName: string; line1: string; city: string; region: string; postalCode: string; country: string };
}

export interface ShopOptions {
  /** Units of the tee at the warehouse and at the shop. */
  teeStock?: { warehouse: number; store: number };
  mugStock?: { warehouse: number; store: number };
}

async function must(t: TestApp, method: string, path: string, token: string, body?: unknown, status = 201): Promise<any> {
  const res = await t.api(method, path, { token, body });
  if (res.status !== status) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function setupShop(t: TestApp, opts: ShopOptions = {}): Promise<Shop> {
  const admin = (await t.staff('admin')).token;
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const tee = await must(t, 'POST', '/admin/products', admin, {
    title: 'Order Path Tee', status: 'active',
    variants: [{ sku: `OPT-${tag}`, weightGrams: 200, prices: [{ currency: 'USD', amount: 2500 }] }],
  });
  const mug = await must(t, 'POST', '/admin/products', admin, {
    title: 'Order Path Mug', status: 'active',
    variants: [{ sku: `OPM-${tag}`, weightGrams: 400, prices: [{ currency: 'USD', amount: 1200 }] }],
  });
  const poster = await must(t, 'POST', '/admin/products', admin, {
    title: 'Digital Poster', status: 'active',
    variants: [{ sku: `OPP-${tag}`, weightGrams: 0, manageInventory: false, prices: [{ currency: 'USD', amount: 500 }] }],
  });
  const place = { line1: '1 Main St', city: 'New York', region: 'NY', postalCode: '10001', country: 'US' };
  const warehouse = await must(t, 'POST', '/admin/locations', admin, { name: `Warehouse ${tag}`, kind: 'warehouse', address: place, latitude: 40.75, longitude: -73.99, priority: 1 });
  const store = await must(t, 'POST', '/admin/locations', admin, { name: `Downtown ${tag}`, kind: 'store', pickup: true, address: place, latitude: 40.71, longitude: -74.0, priority: 2 });
  const stock = async (variantId: string, at: string, delta: number) => {
    if (delta > 0) await must(t, 'POST', '/admin/inventory/adjustments', admin, { variantId, locationId: at, reason: 'received', delta });
  };
  const teeStock = opts.teeStock ?? { warehouse: 20, store: 5 };
  const mugStock = opts.mugStock ?? { warehouse: 10, store: 3 };
  await stock(tee.variants[0].id, warehouse.id, teeStock.warehouse);
  await stock(tee.variants[0].id, store.id, teeStock.store);
  await stock(mug.variants[0].id, warehouse.id, mugStock.warehouse);
  await stock(mug.variants[0].id, store.id, mugStock.store);

  const classes = await must(t, 'GET', '/admin/tax/classes', admin, undefined, 200);
  const standardClass = classes.items.find((c: any) => c.code === 'standard').id;
  const rates = await must(t, 'GET', '/admin/tax/rates?country=US', admin, undefined, 200);
  if (!rates.items.length) await must(t, 'POST', '/admin/tax/rates', admin, { taxClassId: standardClass, name: 'US', country: 'US', rateBp: 800 });
  const zones = await must(t, 'GET', '/admin/shipping/zones', admin, undefined, 200);
  const zone = zones.items.find((z: any) => z.name === 'US') ?? await must(t, 'POST', '/admin/shipping/zones', admin, { name: 'US', areas: [{ country: 'US' }] });
  const standard = await must(t, 'POST', '/admin/shipping/methods', admin, { kind: 'delivery', name: `Standard ${tag}`, zoneId: zone.id, currency: 'USD', brackets: [{ upToGrams: null, amount: 599 }] });
  const pickup = await must(t, 'POST', '/admin/shipping/methods', admin, { kind: 'pickup', name: `Pick up ${tag}`, locationId: store.id });
  const curbside = await must(t, 'POST', '/admin/shipping/methods', admin, { kind: 'curbside', name: `Curbside ${tag}`, locationId: store.id });
  return {
    admin,
    variants: { tee: tee.variants[0].id, mug: mug.variants[0].id, poster: poster.variants[0].id },
    warehouse, store, methods: { standard, pickup, curbside },
    address: { firstName: 'Ada', lastName: 'Lovelace', ...place },
  };
}

export interface CartHandle {
  id: string;
  /** Headers that open the cart: the guest secret, or nothing for a customer's own cart. */
  headers: Record<string, string>;
  token?: string;
}

/** A guest cart (or the customer's, with `customerToken`) holding the lines, with the fulfilment chosen. */
export async function fillCart(t: TestApp, shop: Shop, opts: {
  lines: { variantId: string; quantity: number }[];
  fulfilment?: 'delivery' | 'pickup' | 'curbside';
  customerToken?: string;
  codes?: string[];
}): Promise<CartHandle> {
  const created = await t.api('POST', '/store/carts', { body: {}, token: opts.customerToken });
  if (created.status !== 201 && created.status !== 200) throw new Error(`cart: ${created.status} ${JSON.stringify(created.body)}`);
  const cart: CartHandle = { id: created.body.cart.id, headers: created.body.token ? { 'x-cart-token': created.body.token } : {}, token: opts.customerToken };
  const call = async (method: string, path: string, body: unknown) => {
    const res = await t.api(method, `/store/carts/${cart.id}${path}`, { body, headers: cart.headers, token: cart.token });
    if (res.status >= 300) throw new Error(`${method} cart${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  for (const l of opts.lines) await call('POST', '/lines', l);
  for (const code of opts.codes ?? []) await call('POST', '/codes', { code });
  const kind = opts.fulfilment ?? 'delivery';
  if (kind === 'delivery') await call('PUT', '/shipping', { address: { country: 'US', region: 'NY', postalCode: '10001' }, methodId: shop.methods.standard.id });
  else await call('PUT', '/shipping', { pickup: { kind, locationId: shop.store.id } });
  return cart;
}

/** POST /store/carts/:id/checkout with a test card; answers the raw response. */
export async function checkout(t: TestApp, shop: Shop, cart: CartHandle, opts: { token?: string; email?: string; idempotencyKey?: string; body?: Record<string, unknown> } = {}) {
  const headers: Record<string, string> = { ...cart.headers };
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  return t.api('POST', `/store/carts/${cart.id}/checkout`, {
    token: cart.token, headers,
    body: opts.body ?? {
      email: cart.token ? undefined : opts.email ?? 'guest@example.com',
      shippingAddress: shop.address,
      payment: { provider: 'test', token: opts.token ?? 'tok_visa' },
    },
  });
}

/** Fills a cart and checks it out; throws unless the order is placed. */
export async function placeOrder(t: TestApp, shop: Shop, opts: Parameters<typeof fillCart>[2] & { email?: string; token?: string }): Promise<{ order: any; checkout: any; cart: CartHandle }> {
  const cart = await fillCart(t, shop, opts);
  const res = await checkout(t, shop, cart, { email: opts.email, token: opts.token, idempotencyKey: randomUUID() });
  if (res.status !== 201) throw new Error(`checkout: ${res.status} ${JSON.stringify(res.body)}`);
  return { order: res.body.order, checkout: res.body.checkout, cart };
}
