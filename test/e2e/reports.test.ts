/**
 * The reports API against real orders placed through the cart and checkout: revenue, orders,
 * average order value, conversion and top products for a range, compared with the period before,
 * checked against the orders' own totals. The clock is moved so orders land in both periods.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/kernel/index.js';
import { fillCart, placeOrder, setupShop, type Shop } from '../support/shop.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let now = new Date('2024-05-08T10:00:00.000Z');
const clock: Clock = { now: () => new Date(now) };
/** Moves the clock, and signs the admin in again (access tokens expire on the store's clock). */
const at = async (iso: string) => {
  now = new Date(iso);
  if (!shop) return;
  const admin = await t.staff('admin');
  const login = await t.api('POST', '/admin/auth/login', { body: { email: admin.email, password: admin.password } });
  shop.admin = login.body.accessToken;
};

let t: TestApp;
let shop: Shop;
const placed: Record<string, any> = {};

beforeAll(async () => {
  t = await startTestApp({}, { clock });
  shop = await setupShop(t);
  // The previous period (6–15 May): one order of two tees, and a cart left with a line in it.
  await at('2024-05-10T12:00:00.000Z');
  placed.a = (await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 2 }] })).order;
  await fillCart(t, shop, { lines: [{ variantId: shop.variants.mug, quantity: 1 }] });
  // The current period (16–25 May).
  await at('2024-05-18T09:30:00.000Z');
  placed.b = (await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 3 }, { variantId: shop.variants.mug, quantity: 2 }] })).order;
  await at('2024-05-24T23:59:00.000Z');
  placed.c = (await placeOrder(t, shop, { lines: [{ variantId: shop.variants.mug, quantity: 1 }], email: 'second@example.com' })).order;
  placed.d = (await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }] })).order;
  // An abandoned cart with a line, and one never filled: only the first counts as started.
  await fillCart(t, shop, { lines: [{ variantId: shop.variants.poster, quantity: 1 }] });
  await t.api('POST', '/store/carts', { body: {} });
  await at('2024-05-25T08:00:00.000Z');
  // D is cancelled (left out of every figure); B ships and one mug comes back for money (a partial refund).
  expect((await t.api('POST', `/admin/orders/${placed.d.id}/cancel`, { token: shop.admin, body: { reason: 'test' } })).status).toBe(200);
  placed.b = await shipAndRefundOne(placed.b, shop.variants.mug);
  // Outside both periods: never counted.
  await at('2024-05-26T00:00:00.000Z');
  await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }] });
  await at('2024-05-26T12:00:00.000Z');
});
afterAll(async () => { await t?.close(); });

/** Fulfils and ships every unit, then takes one unit of a variant back and refunds it to the card: the admin's path. */
async function shipAndRefundOne(order: any, variantId: string) {
  const call = async (method: string, path: string, body: unknown = method === 'GET' ? undefined : {}) => {
    const res = await t.api(method, path, { token: shop.admin, body });
    expect(res.status, `${method} ${path} ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  const { items } = await call('POST', `/admin/orders/${order.id}/fulfillments`);
  for (const f of items) {
    await call('POST', `/admin/fulfillments/${f.id}/pick`);
    await call('POST', `/admin/fulfillments/${f.id}/pack`);
    await call('POST', `/admin/fulfillments/${f.id}/ship`, { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
  }
  const line = order.lines.find((l: any) => l.variantId === variantId);
  const ret = await call('POST', `/admin/orders/${order.id}/returns`, { lines: [{ orderLineId: line.id, quantity: 1, reason: 'damaged' }] });
  await call('POST', `/admin/returns/${ret.id}/authorize`);
  await call('POST', `/admin/returns/${ret.id}/receive`, { lines: [{ orderLineId: line.id, disposition: 'write_off' }] });
  await call('POST', `/admin/returns/${ret.id}/refund`, { method: 'original_payment' });
  await t.drain();
  return call('GET', `/admin/orders/${order.id}`, undefined);
}

const dashboard = async (query: string) => {
  const res = await t.api('GET', `/admin/reports/dashboard${query}`, { token: shop.admin });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('reports: dashboard', () => {
  it('computes revenue, orders, AOV and conversion, with the previous period and the change', async () => {
    const d = await dashboard('?from=2024-05-16&to=2024-05-25');
    expect(d.range).toEqual({ from: '2024-05-16', to: '2024-05-25', days: 10 });
    expect(d.previousRange).toEqual({ from: '2024-05-06', to: '2024-05-15', days: 10 });
    expect(d.currency).toBe('USD');
    const { a, b, c } = placed;
    expect(b.refundedTotal).toBeGreaterThan(0);
    const gross = b.total + c.total;
    const revenue = gross - b.refundedTotal;
    expect(d.figures.orders).toEqual({ current: 2, previous: 1, change: 1 });
    expect(d.figures.grossSales.current).toBe(gross);
    expect(d.figures.refunds.current).toBe(b.refundedTotal);
    expect(d.figures.revenue.current).toBe(revenue);
    expect(d.figures.revenue.previous).toBe(a.total);
    expect(d.figures.revenue.change).toBeCloseTo((revenue - a.total) / a.total, 10);
    expect(d.figures.averageOrderValue.current).toBe(Math.round(gross / 2));
    expect(d.figures.averageOrderValue.previous).toBe(a.total);
    expect(d.figures.customers.current).toBe(2);
    expect(d.figures.units.current).toBe(b.itemCount + c.itemCount);
    // Carts started: B, C, D and the abandoned one now (the empty cart does not count); A and one abandoned before.
    expect(d.figures.carts).toMatchObject({ current: 4, previous: 2 });
    expect(d.figures.conversionRate.current).toBeCloseTo(2 / 4, 10);
    expect(d.figures.conversionRate.previous).toBeCloseTo(1 / 2, 10);
    expect(d.figures.conversionRate.change).toBeCloseTo(0, 10);
  });

  it('ranks top products by what their lines were charged, with their share of gross sales', async () => {
    const d = await dashboard('?from=2024-05-16&to=2024-05-25');
    const lines = [...placed.b.lines, ...placed.c.lines];
    const sales = (variantId: string) => lines.filter((l: any) => l.variantId === variantId).reduce((s: number, l: any) => s + l.total, 0);
    const units = (variantId: string) => lines.filter((l: any) => l.variantId === variantId).reduce((s: number, l: any) => s + l.quantity, 0);
    const expected = [
      { title: 'Order Path Tee', revenue: sales(shop.variants.tee), units: units(shop.variants.tee), orders: 1 },
      { title: 'Order Path Mug', revenue: sales(shop.variants.mug), units: units(shop.variants.mug), orders: 2 },
    ].sort((x, y) => y.revenue - x.revenue);
    expect(d.topProducts.map((p: any) => ({ title: p.title, revenue: p.revenue, units: p.units, orders: p.orders }))).toEqual(expected);
    expect(d.topProducts[0].share).toBeCloseTo(expected[0].revenue / d.figures.grossSales.current, 10);
  });

  it('gives a day series aligned with the previous period, summing to the figures', async () => {
    const d = await dashboard('?from=2024-05-16&to=2024-05-25&bucket=day');
    expect(d.series).toHaveLength(10);
    const day = (s: string) => d.series.find((p: any) => p.start === s);
    expect(day('2024-05-18')).toMatchObject({ orders: 1, revenue: placed.b.total - placed.b.refundedTotal, previousStart: '2024-05-08' });
    expect(day('2024-05-24')).toMatchObject({ orders: 1, revenue: placed.c.total });
    expect(d.series.find((p: any) => p.previousStart === '2024-05-10')).toMatchObject({ previousOrders: 1, previousRevenue: placed.a.total });
    expect(d.series.reduce((s: number, p: any) => s + p.revenue, 0)).toBe(d.figures.revenue.current);
    expect(d.series.reduce((s: number, p: any) => s + p.previousRevenue, 0)).toBe(d.figures.revenue.previous);
    const weeks = await t.api('GET', '/admin/reports/sales?from=2024-05-16&to=2024-05-25&bucket=week', { token: shop.admin });
    expect(weeks.status).toBe(200);
    expect(weeks.body.series.map((p: any) => [p.start, p.end, p.orders, p.previousOrders])).toEqual([['2024-05-16', '2024-05-22', 1, 1], ['2024-05-23', '2024-05-25', 1, 0]]);
  });

  it('lists low stock, least available first, with product names', async () => {
    const d = await dashboard('?from=2024-05-16&to=2024-05-25');
    expect(d.lowStock.total).toBeGreaterThan(0);
    const available = d.lowStock.items.map((i: any) => i.available);
    expect(available).toEqual([...available].sort((x, y) => x - y));
    const mugAtStore = d.lowStock.items.find((i: any) => i.variantId === shop.variants.mug && i.locationId === shop.store.id);
    expect(mugAtStore).toMatchObject({ productTitle: 'Order Path Mug', locationName: expect.stringContaining('Downtown') });
  });

  it('answers an empty range with zeros and nulls, never a division by zero', async () => {
    const d = await dashboard('?from=2023-01-01&to=2023-01-31');
    expect(d.figures.orders).toEqual({ current: 0, previous: 0, change: null });
    expect(d.figures.averageOrderValue.current).toBeNull();
    expect(d.figures.conversionRate.current).toBeNull();
    expect(d.topProducts).toEqual([]);
    expect(d.series).toHaveLength(31);
  });

  it('defaults to the 30 days ending today and refuses bad ranges naming the field', async () => {
    const d = await dashboard('');
    expect(d.range).toEqual({ from: '2024-04-27', to: '2024-05-26', days: 30 });
    expect(d.figures.orders.current).toBe(4);
    for (const [q, field] of [['?from=2024-05-10&to=2024-05-01', 'query.to'], ['?from=2023-02-30', 'query.from'], ['?from=2019-01-01&to=2024-01-01', 'query.from'], ['?bucket=month', 'query.bucket'], ['?currency=US', 'query.currency']]) {
      const res = await t.api('GET', `/admin/reports/dashboard${q}`, { token: shop.admin });
      expect(res.status, q).toBe(400);
      expect(res.body.error.details.map((x: any) => x.field), q).toContain(field);
    }
    const clerk = await t.staff('clerk');
    expect((await t.api('GET', '/admin/reports/dashboard', { token: clerk.token })).status).toBe(403);
  });
});
