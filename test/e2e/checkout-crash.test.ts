/**
 * A crash between the checkout saga's steps: a real `emporia start` process runs the checkout and
 * kills itself (SIGKILL, no cleanup) right after a step commits. Another node on the same database
 * then recovers what it left: before the order existed, everything is undone (stock released,
 * authorization voided, code given back); after, the order is finished (stock committed, payment
 * captured once). A retry with the same Idempotency-Key answers the recovered outcome.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillCart, setupShop, type CartHandle, type Shop } from '../support/shop.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const BIN = join(import.meta.dirname, '../../bin/emporia.js');
const STEPS = ['checkout.after_reserve', 'checkout.after_authorize', 'checkout.after_order', 'checkout.after_capture'] as const;

let t: TestApp;
let shop: Shop;
let code: string;

beforeAll(async () => {
  t = await startTestApp({ CHECKOUT_LEASE_SECONDS: '1' });
  shop = await setupShop(t, { teeStock: { warehouse: 10, store: 0 }, mugStock: { warehouse: 0, store: 0 } });
  code = `CRASH${randomUUID().slice(0, 4)}`.toUpperCase();
  const promo = await t.api('POST', '/admin/promotions', { token: shop.admin, body: { name: 'Crash ten', code, kind: 'percentage', percent: 10, usageLimit: 10 } });
  expect(promo.status).toBe(201);
}, 120_000);
afterAll(async () => { await t?.close(); });

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
});

/** Starts `emporia start` on the test app's database with a failpoint armed; answers its address and its exit. */
async function node(failpoint: string): Promise<{ url: string; exited: Promise<NodeJS.Signals | number | null> }> {
  const port = await freePort();
  const c = t.app.config;
  const db: Record<string, string> = c.databaseUrl
    ? { DATABASE_URL: c.databaseUrl, DATABASE_SCHEMA: c.databaseSchema ?? 'public' }
    : { SQLITE_FILE: c.sqliteFile!, DATA_DIR: c.dataDir };
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: {
      PATH: process.env.PATH, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), SEED_DEMO: 'false', LOG_LEVEL: 'error',
      AUTH_SECRET: 'x'.repeat(40), EMPORIA_FAILPOINTS: failpoint, CHECKOUT_LEASE_SECONDS: '1', EVENT_WORKERS: 'false', ...db,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const up = await fetch(`${url}/ready`).then((r) => r.ok, () => false);
    if (up) break;
    if (i > 300 || child.exitCode !== null) throw new Error(`node did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, exited };
}

async function checkoutOn(url: string, cart: CartHandle, key: string) {
  return fetch(`${url}/store/carts/${cart.id}/checkout`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key, ...cart.headers },
    body: JSON.stringify({ email: 'crash@example.com', shippingAddress: shop.address, payment: { provider: 'test', token: 'tok_visa' } }),
  });
}

const teeLevel = async () => (await t.api('GET', `/admin/inventory/levels?variantId=${shop.variants.tee}&locationId=${shop.warehouse.id}`, { token: shop.admin })).body.items[0];

describe('checkout crash and recovery', () => {
  it('after a kill at every step, recovery leaves either a complete order or nothing held and nothing charged', async () => {
    const runs: { failpoint: string; cart: CartHandle; key: string }[] = [];
    for (const failpoint of STEPS) {
      const cart = await fillCart(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 2 }], codes: [code] });
      const key = randomUUID();
      const n = await node(failpoint);
      const answer = await checkoutOn(n.url, cart, key).then((r) => r.status, (e) => `dropped: ${e.cause?.code ?? e.message}`);
      expect(String(answer)).toMatch(/^dropped/);
      expect(await n.exited).toBe('SIGKILL');
      runs.push({ failpoint, cart, key });
    }
    // The dead node's checkouts stay running until their leases run out (this node's recovery
    // schedule may already have taken some over by now; the explicit call does the rest).
    await new Promise((r) => setTimeout(r, 1200));
    const recovered = await t.api('POST', '/admin/checkouts/recover', { token: shop.admin });
    expect(recovered.status).toBe(200);
    const all = (await t.api('GET', '/admin/checkouts?limit=50', { token: shop.admin })).body.items;
    expect(all.filter((c: any) => c.status === 'running')).toEqual([]);

    for (const run of runs) {
      const summary = all.find((c: any) => c.cartId === run.cart.id);
      const chk = (await t.api('GET', `/admin/checkouts/${summary.id}`, { token: shop.admin })).body;
      const payments = (await t.api('GET', `/admin/payments?reference=${chk.id}`, { token: shop.admin })).body.items;
      const retry = await t.api('POST', `/store/carts/${run.cart.id}/checkout`, {
        headers: { ...run.cart.headers, 'idempotency-key': run.key },
        body: { email: 'crash@example.com', shippingAddress: shop.address, payment: { provider: 'test', token: 'tok_visa' } },
      });
      if (run.failpoint === 'checkout.after_reserve' || run.failpoint === 'checkout.after_authorize') {
        expect(chk, run.failpoint).toMatchObject({ status: 'failed', orderId: null, error: { code: 'checkout.abandoned' } });
        expect(chk.steps.at(-1)).toMatchObject({ step: 'reserved', outcome: 'compensated', detail: { recovered: true } });
        expect(payments.map((p: any) => p.status)).toEqual(run.failpoint === 'checkout.after_reserve' ? [] : ['voided']);
        expect([retry.status, retry.body.error.code]).toEqual([409, 'checkout.abandoned']);
        // The cart is still open, so the shopper can simply try again.
        expect((await t.api('GET', `/store/carts/${run.cart.id}`, { headers: run.cart.headers })).body.status).toBe('active');
      } else {
        expect(chk, run.failpoint).toMatchObject({ status: 'completed', step: 'completed' });
        expect(payments).toHaveLength(1);
        expect(payments[0]).toMatchObject({ status: 'captured', captured: chk.amount });
        expect(retry.status).toBe(201);
        expect(retry.body.order).toMatchObject({ id: chk.orderId, status: 'paid', paymentStatus: 'paid' });
      }
    }
    // Two completed orders of 2 tees each were committed; nothing else is held.
    expect(await teeLevel()).toMatchObject({ onHand: 6, reserved: 0, available: 6 });
    const redemptions = (await t.api('GET', `/admin/promotions?code=${code}`, { token: shop.admin })).body.items[0];
    const used = (await t.api('GET', `/admin/promotions/${redemptions.id}/redemptions`, { token: shop.admin })).body.items;
    expect(used.filter((r: any) => r.status === 'active')).toHaveLength(2);
  }, 180_000);
});
