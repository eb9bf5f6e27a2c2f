import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/harness.js';
import type { HistoricalOrder } from './index.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

const order = (ref: string, placedAt: string, over: Partial<HistoricalOrder> = {}): HistoricalOrder => ({
  externalRef: ref, email: 'Guest@Example.com', status: 'completed', paymentStatus: 'paid', fulfillmentStatus: 'fulfilled', channel: 'web', currency: 'usd',
  shippingTotal: 595, placedAt, billingAddress: { country: 'US', city: 'Portland' }, shippingAddress: { country: 'CA', city: 'Toronto' },
  lines: [{ sku: 'A-1', title: 'Alpha', quantity: 2, unitPrice: 1000, discountTotal: 200, taxTotal: 130 }, { sku: 'B-1', title: 'Beta', quantity: 1, unitPrice: 500 }],
  ...over,
});

describe('orders: historical import and reads', () => {
  it('imports in placed order, numbers from 1001, totals from lines, and skips refs already imported', async () => {
    const ctx = t.app.systemCtx();
    const orders = t.app.modules.orders.service;
    const report = await orders.importHistorical(ctx, [order('b', '2024-02-01T10:00:00.000Z'), order('a', '2024-01-01T10:00:00.000Z')], { source: 'test' });
    expect(report).toEqual({ imported: 2, skipped: 0, firstNumber: 1001, lastNumber: 1002 });
    const again = await orders.importHistorical(ctx, [order('a', '2024-01-01T10:00:00.000Z'), order('c', '2024-03-01T10:00:00.000Z')], { source: 'test' });
    expect(again).toMatchObject({ imported: 1, skipped: 1, firstNumber: 1003 });
    const page = await orders.list(ctx, { limit: 10 });
    expect(page.items.map((o) => o.number)).toEqual([1003, 1002, 1001]);
    const first = await orders.get(ctx, page.items[2].id);
    expect(first).toMatchObject({ email: 'guest@example.com', currency: 'USD', subtotal: 2500, discountTotal: 200, taxTotal: 130, shippingTotal: 595, total: 3025, itemCount: 3, billingCountry: 'US', shippingCountry: 'CA', displayNumber: '#1001' });
    expect(first.lines.map((l) => l.total)).toEqual([1930, 500]);
  });

  it('refuses bad input naming each field, and writes nothing', async () => {
    const ctx = t.app.systemCtx();
    const before = await t.app.modules.orders.service.count(ctx);
    await expect(t.app.modules.orders.service.importHistorical(ctx, [order('ok', '2024-01-05T00:00:00.000Z'), order('bad', 'yesterday', { lines: [{ title: 'X', quantity: 0, unitPrice: 1.5 }] })]))
      .rejects.toMatchObject({ code: 'validation.failed', details: expect.arrayContaining([{ field: 'orders[1].placedAt', message: expect.any(String) }, { field: 'orders[1].lines[0].quantity', message: expect.any(String) }, { field: 'orders[1].lines[0].unitPrice', message: expect.any(String) }]) });
    expect(await t.app.modules.orders.service.count(ctx)).toBe(before);
  });

  it('serves staff lists with filters and cursors, and order details with returns', async () => {
    const ctx = t.app.systemCtx();
    await t.app.modules.orders.service.importHistorical(ctx, [order('r1', '2024-04-01T00:00:00.000Z', {
      channel: 'pos', paymentStatus: 'partially_refunded', fulfillmentStatus: 'partially_returned', refundedTotal: 500,
      returns: [{ status: 'refunded', reason: 'too small', refundTotal: 500, requestedAt: '2024-04-10T00:00:00.000Z', refundedAt: '2024-04-12T00:00:00.000Z', lines: [{ line: 1, quantity: 1 }] }],
    })], { source: 'test' });
    const { token } = await t.staff('clerk');
    const pos = await t.api('GET', '/admin/orders?channel=pos', { token });
    expect(pos.status).toBe(200);
    expect(pos.body.items).toHaveLength(1);
    const detail = await t.api('GET', `/admin/orders/${pos.body.items[0].id}`, { token });
    expect(detail.body.returns[0]).toMatchObject({ reason: 'too small', refundTotal: 500, lines: [{ quantity: 1, restock: true }] });
    const p1 = await t.api('GET', '/admin/orders?limit=2', { token });
    const p2 = await t.api('GET', `/admin/orders?limit=2&cursor=${p1.body.nextCursor}`, { token });
    expect(p1.body.items).toHaveLength(2);
    expect(p2.body.items.map((o: any) => o.id)).not.toContain(p1.body.items[0].id);
    const ranged = await t.api('GET', '/admin/orders?placedFrom=2024-01-15&placedTo=2024-03-15', { token });
    expect(ranged.body.items.map((o: any) => o.number)).toEqual([1003, 1002]);
    expect((await t.api('GET', '/admin/orders/ord_nope', { token })).status).toBe(404);
    expect((await t.api('GET', '/admin/orders')).status).toBe(401);
    const { token: support } = await t.staff('support');
    expect((await t.api('GET', '/admin/orders', { token: support })).status).toBe(200);
  });

  it('shows customers their own orders only', async () => {
    const me = await t.customer();
    const other = await t.customer();
    await t.app.modules.orders.service.importHistorical(t.app.systemCtx(), [
      order('mine', '2024-05-01T00:00:00.000Z', { customerId: me.id, email: me.email, metadata: { internal: true } }),
      order('theirs', '2024-05-02T00:00:00.000Z', { customerId: other.id, email: other.email }),
    ], { source: 'test' });
    const list = await t.api('GET', '/store/account/orders', { token: me.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((o: any) => o.email)).toEqual([me.email]);
    const mine = await t.api('GET', `/store/account/orders/${list.body.items[0].id}`, { token: me.token });
    expect(mine.status).toBe(200);
    expect(mine.body.metadata).toBeNull();
    const theirs = (await t.api('GET', '/store/account/orders', { token: other.token })).body.items[0];
    expect((await t.api('GET', `/store/account/orders/${theirs.id}`, { token: me.token })).status).toBe(404);
  });

  it('scans full orders in placed order for model training', async () => {
    const ctx = t.app.systemCtx();
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.app.modules.orders.service.scan(ctx, { after: cursor, limit: 2 });
      all.push(...page.items.map((o) => o.placedAt));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(all).toEqual([...all].sort());
    expect(all.length).toBe(await t.app.modules.orders.service.count(ctx));
  });
});
