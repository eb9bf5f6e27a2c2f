/**
 * Roles and graceful shutdown with real `emporia start` processes on the test store's database
 * (the in-process store runs no workers here, so only the spawned nodes relay and consume).
 * An api node serves the API and leaves events in the outbox; a worker serves only its probes and
 * relays them. SIGTERM under load: /ready turns 503, every request that got an answer succeeded,
 * the process exits 0, and no outbox row is left unrelayed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';
import { startNode, type NodeProcess } from '../support/node-process.js';
import { setupShop, type Shop } from '../support/shop.js';

let t: TestApp;
let shop: Shop;
const nodes: NodeProcess[] = [];

beforeAll(async () => {
  t = await startTestApp({ EVENT_WORKERS: 'false' });
  shop = await setupShop(t);
}, 120_000);
afterAll(async () => {
  for (const n of nodes) await n.stop('SIGKILL');
  await t?.close();
});

const unrelayed = async () => Number((await t.app.database.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('relayed', '=', 0).executeTakeFirstOrThrow()).n);

async function json(url: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('emporia start --role and graceful shutdown', () => {
  it('an api node serves the API and leaves events to a worker; a worker serves only its probes and relays them', async () => {
    const api = await startNode(t, { args: ['--role', 'api'] });
    nodes.push(api);
    expect((await json(`${api.url}/store/products?limit=5`)).status).toBe(200);
    const cart = await json(`${api.url}/store/carts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(cart.status).toBe(201);
    // Nobody consumes yet: the api node does not relay, and the in-process store runs no workers.
    expect(await unrelayed()).toBeGreaterThan(0);

    const worker = await startNode(t, { args: ['--role', 'worker'] });
    nodes.push(worker);
    expect(await json(`${worker.url}/health`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await json(`${worker.url}/ready`)).toEqual({ status: 200, body: { status: 'ready', checks: { database: 'ok' } } });
    const refused = await json(`${worker.url}/store/products`);
    expect([refused.status, refused.body.error.code]).toEqual([404, 'http.not_found']);
    // The worker relays what the api node left (bounded wait: its relay runs in the background).
    for (let i = 0; i < 200 && (await unrelayed()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await unrelayed()).toBe(0);

    expect(await api.stop('SIGTERM')).toBe(0);
    expect(await worker.stop('SIGTERM')).toBe(0);
  }, 120_000);

  it('drains on SIGTERM: every answered request succeeded, the process exits 0, nothing is left unrelayed', async () => {
    const node = await startNode(t, { args: ['--role', 'all'] });
    nodes.push(node);
    const answers: { what: string; status: number }[] = [];
    let refusedConnections = 0;
    let stopping = false;

    /** One shopper: browse, open a cart, add a line, look at it; until the node stops answering. */
    const shopper = async () => {
      while (true) {
        try {
          const list = await fetch(`${node.url}/store/products?limit=10`);
          answers.push({ what: 'browse', status: list.status });
          await list.arrayBuffer();
          const created = await fetch(`${node.url}/store/carts`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body: '{}' });
          answers.push({ what: 'cart', status: created.status });
          const c = await created.json();
          const line = await fetch(`${node.url}/store/carts/${c.cart.id}/lines`, {
            method: 'POST', headers: { 'content-type': 'application/json', 'x-cart-token': c.token },
            body: JSON.stringify({ variantId: shop.variants.poster, quantity: 1 }),
          });
          answers.push({ what: 'line', status: line.status });
          await line.arrayBuffer();
        } catch (e) {
          // Before the signal nothing may fail; after it, the closed listener refuses new connections
          // (no answer at all, which a load balancer retries elsewhere).
          if (!stopping) { answers.push({ what: `error: ${(e as Error).message}`, status: 599 }); return; }
          refusedConnections++;
          return;
        }
      }
    };
    const load = [shopper(), shopper(), shopper(), shopper()];
    while (answers.length < 60) await new Promise((r) => setTimeout(r, 10));

    stopping = true;
    const exit = node.stop('SIGTERM');
    await Promise.all(load);
    expect(await exit, node.output()).toBe(0);

    expect(answers.length).toBeGreaterThanOrEqual(60);
    expect(answers.filter((a) => a.status >= 300)).toEqual([]);
    expect(refusedConnections).toBeGreaterThanOrEqual(4);
    // The relay was flushed on the way out: every event those carts announced is handed on.
    const left = await t.app.database.db.selectFrom('outbox').select(['seq', 'type']).where('relayed', '=', 0).execute();
    expect(left).toEqual([]);
    expect(node.output()).not.toMatch(/did not finish in time|graceful shutdown failed/);
  }, 120_000);
});

describe('nodes starting together on an empty store', () => {
  // Each node seeds and creates the first owner under the `start.bootstrap` lock. Start-up timing
  // usually staggers three spawned nodes enough that they would not collide anyway, so this shows
  // that all of them start through the lock, one owner results and no lease is left behind; the
  // lock's exclusion itself is checked in redis.test.ts (Redis and database backends).
  it('all start, exactly one owner is created, and the bootstrap lock is released', async () => {
    const fresh = await startTestApp({ EVENT_WORKERS: 'false' });
    const started: NodeProcess[] = [];
    try {
      // No Redis here: the lock is the database's (platform_locks).
      const results = await Promise.allSettled([0, 1, 2].map(() => startNode(fresh, { args: ['--role', 'api'] }).then((n) => { started.push(n); return n; })));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      const owners = await fresh.app.database.db.selectFrom('staff_users').select(['email', 'role']).execute();
      expect(owners).toEqual([{ email: 'owner@emporia.local', role: 'owner' }]);
      expect(started.filter((n) => /Owner login/.test(n.output()))).toHaveLength(1);
      expect(await fresh.app.database.db.selectFrom('platform_locks').selectAll().execute()).toEqual([]);
    } finally {
      for (const n of started) await n.stop('SIGTERM');
      await fresh.close();
    }
  }, 180_000);
});
