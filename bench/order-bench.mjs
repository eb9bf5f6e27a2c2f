/**
 * The order path under load, part of `npm run bench`: cart create-and-add operations per second
 * (each connection creates a guest cart and adds a line, over and over), then completed checkouts
 * per second at concurrency 20 over carts prepared beforehand (delivery, test card, capture at
 * once), with latency percentiles. Runs against a server the caller started.
 */
import autocannon from 'autocannon';
import { CHECKOUT_BODY, call, inParallel, prepareCart } from './lib.mjs';

export const ORDER_TARGETS = { checkoutsPerSec: 300, checkoutP95Ms: 100, cartOpsPerSec: 1000 };

const round1 = (x) => Math.round(x * 10) / 10;
const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

/** A product with enough stock that no checkout in the run is refused, and the store's delivery method. */
async function fixture(url, login) {
  const { accessToken: token } = await call(url, 'POST', '/admin/auth/login', { body: login });
  const locations = await call(url, 'GET', '/admin/locations', { token });
  const warehouse = (locations.items ?? locations).find((l) => l.kind === 'warehouse');
  const product = await call(url, 'POST', '/admin/products', { token, body: {
    title: `Bench Tee ${Date.now()}`, status: 'active', variants: [{ sku: `BENCH-${Date.now()}`, weightGrams: 200, prices: [{ currency: 'USD', amount: 2500 }] }],
  } });
  const variantId = product.variants[0].id;
  await call(url, 'POST', '/admin/inventory/adjustments', { token, body: { variantId, locationId: warehouse.id, reason: 'received', delta: 1_000_000 } });
  const methods = await call(url, 'GET', '/admin/shipping/methods?kind=delivery', { token });
  const method = (methods.items ?? methods).find((m) => m.active !== false && m.zoneId);
  if (!method) throw new Error('the store has no delivery method to check out with');
  return { variantId, methodId: method.id };
}

function summarize(name, result, latencies, completed, durationMs) {
  latencies.sort((a, b) => a - b);
  return {
    name, completed, perSec: Math.round((completed / durationMs) * 1000), requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
    p50: round1(percentile(latencies, 50)), p95: round1(percentile(latencies, 95)), p99: round1(percentile(latencies, 99)), maxMs: round1(latencies[latencies.length - 1] ?? NaN),
  };
}

/** Guest cart created, then one line added: one operation. */
async function cartOps(url, fx, { connections, duration }) {
  const latencies = [];
  let completed = 0;
  const t0 = performance.now();
  const instance = autocannon({
    url, connections, duration,
    requests: [
      { method: 'POST', path: '/store/carts', headers: { 'content-type': 'application/json' }, body: '{}',
        onResponse: (status, body, context) => { if (status === 201) { const b = JSON.parse(body); context.cart = b.cart.id; context.secret = b.token; } } },
      { method: 'POST', setupRequest: (req, context) => ({ ...req, path: `/store/carts/${context.cart}/lines`, headers: { 'content-type': 'application/json', 'x-cart-token': context.secret }, body: JSON.stringify({ variantId: fx.variantId, quantity: 1 }) }),
        onResponse: (status) => { if (status === 200) completed++; } },
    ],
  });
  instance.on('response', (_c, _s, _b, ms) => latencies.push(ms));
  const result = await new Promise((resolve, reject) => instance.on('done', resolve).on('error', reject));
  return summarize('cart create + add line', result, latencies, completed, performance.now() - t0);
}

/** Checkouts of prepared carts at a fixed concurrency; each request is one whole saga. */
async function checkouts(url, fx, { connections, carts: count }) {
  const carts = await inParallel(16, count, () => prepareCart(url, fx));
  const body = CHECKOUT_BODY;
  let i = 0;
  let completed = 0;
  const latencies = [];
  const t0 = performance.now();
  const instance = autocannon({
    url, connections, amount: carts.length,
    requests: [{
      method: 'POST',
      setupRequest: (req) => {
        const c = carts[i++ % carts.length];
        return { ...req, path: `/store/carts/${c.id}/checkout`, headers: { 'content-type': 'application/json', 'x-cart-token': c.secret, 'idempotency-key': `bench-${c.id}` }, body };
      },
      onResponse: (status) => { if (status === 201) completed++; },
    }],
  });
  instance.on('response', (_c, _s, _b, ms) => latencies.push(ms));
  const result = await new Promise((resolve, reject) => instance.on('done', resolve).on('error', reject));
  return summarize(`checkout (concurrency ${connections})`, result, latencies, completed, performance.now() - t0);
}

export async function orderPathBench(url, login, { duration = 15, carts = 3000 } = {}) {
  const fx = await fixture(url, login);
  // Warm-up: compile the paths before measuring.
  await cartOps(url, fx, { connections: 10, duration: 2 });
  await checkouts(url, fx, { connections: 10, carts: 100 });
  const cart = await cartOps(url, fx, { connections: 20, duration });
  const checkout = await checkouts(url, fx, { connections: 20, carts });
  return {
    cart, checkout,
    pass: {
      cartOps: cart.perSec >= ORDER_TARGETS.cartOpsPerSec,
      checkoutsPerSec: checkout.perSec >= ORDER_TARGETS.checkoutsPerSec,
      checkoutP95: checkout.p95 < ORDER_TARGETS.checkoutP95Ms,
      allCompleted: checkout.completed === carts && checkout.errors === 0,
    },
  };
}
