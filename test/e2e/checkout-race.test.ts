/**
 * 500 shoppers check out at once for 100 units. Exactly 100 orders, stock at zero, one capture per
 * order and no payment at all for the others, who each get a clean 409 'checkout.sold_out' — never
 * a 5xx, never a time-out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { fillCart, setupShop, type CartHandle, type Shop } from '../support/shop.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const BUYERS = 500;
const UNITS = 100;

let t: TestApp;
let shop: Shop;

beforeAll(async () => {
  t = await startTestApp();
  shop = await setupShop(t, { teeStock: { warehouse: UNITS, store: 0 }, mugStock: { warehouse: 0, store: 0 } });
}, 120_000);
afterAll(async () => { await t?.close(); });

/** Runs `fn` over items with at most `n` in flight. */
async function pool<T, R>(items: T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) { const i = next++; out[i] = await fn(items[i]); }
  }));
  return out;
}

describe('checkout under contention', () => {
  it(`${BUYERS} concurrent checkouts for ${UNITS} units: exactly ${UNITS} orders, no oversell, no double charge, clean 409s`, async () => {
    const carts: CartHandle[] = await pool(Array.from({ length: BUYERS }, (_, i) => i), 16, () => fillCart(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }] }));
    const answers = await Promise.all(carts.map((cart, i) => fetch(`${t.url}/store/carts/${cart.id}/checkout`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...cart.headers },
      body: JSON.stringify({ email: `buyer${i}@example.com`, shippingAddress: shop.address, payment: { provider: 'test', token: 'tok_visa' } }),
    }).then(async (r) => ({ status: r.status, body: await r.json() as any }))));

    const byStatus = new Map<number, number>();
    for (const a of answers) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    expect(Object.fromEntries(byStatus)).toEqual({ 201: UNITS, 409: BUYERS - UNITS });
    expect(new Set(answers.filter((a) => a.status === 409).map((a) => a.body.error.code))).toEqual(new Set(['checkout.sold_out']));

    const level = (await t.api('GET', `/admin/inventory/levels?variantId=${shop.variants.tee}&locationId=${shop.warehouse.id}`, { token: shop.admin })).body.items[0];
    expect(level).toMatchObject({ onHand: 0, reserved: 0, available: 0 });
    const orders = answers.filter((a) => a.status === 201).map((a) => a.body.order);
    expect(new Set(orders.map((o) => o.id)).size).toBe(UNITS);
    expect(new Set(orders.map((o) => o.number)).size).toBe(UNITS);

    // Every payment the store made: one captured per order, none for the buyers who were turned away.
    const payments: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await t.api('GET', `/admin/payments?limit=200${cursor ? `&cursor=${cursor}` : ''}`, { token: shop.admin })).body;
      payments.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(payments).toHaveLength(UNITS);
    expect(payments.every((p) => p.status === 'captured' && p.captured === p.amount)).toBe(true);
    expect(new Set(payments.map((p) => p.reference))).toEqual(new Set(answers.filter((a) => a.status === 201).map((a) => a.body.checkout.id)));
  }, 180_000);
});
