/**
 * The "Stop Redis: checkouts still succeed", on a real cluster: two `emporia start` nodes
 * on PostgreSQL and NATS share a private `redis-server` (started by this test, so stopping it
 * touches nobody else). Mixed storefront traffic runs across both nodes; Redis is killed after the
 * first checkouts. Every checkout still places its order, both nodes say "degraded" (naming redis)
 * and stay ready, and nothing is lost or doubled. When Redis comes back both nodes use it again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateRedis, type PrivateRedis } from '../support/redis.js';
import { setupShop, type Shop } from '../support/shop.js';
import { sleep, startCluster, type Cluster } from './support/cluster.js';
import { runTraffic } from './support/traffic.js';
import { checkEvents, checkOrders, checkPayments, expectNoProblems } from './support/verify.js';

let redis: PrivateRedis;
let cluster: Cluster;
let shop: Shop;
let handles: string[];

beforeAll(async () => {
  redis = await privateRedis();
  cluster = await startCluster({ nodes: 2, env: { REDIS_URL: redis.url } });
  shop = await setupShop(cluster, { teeStock: { warehouse: 200, store: 0 }, mugStock: { warehouse: 200, store: 0 } });
  handles = (await cluster.api('GET', '/store/products?limit=50')).body.items.map((p: any) => p.handle);
}, 180_000);
afterAll(async () => {
  await cluster?.close();
  await redis?.kill();
}, 60_000);

/** Each node's /ready, asked directly (bounded wait for the wanted status: detection is in the background). */
async function readiness(want: string) {
  const out: { status: number; body: any }[] = [];
  for (const n of cluster.nodes) {
    let res = { status: 0, body: undefined as any };
    for (let i = 0; i < 150; i++) {
      const r = await fetch(`${n.url}/ready`);
      res = { status: r.status, body: await r.json() };
      if (res.body.status === want) break;
      await sleep(100);
    }
    out.push(res);
  }
  return out;
}

describe('Redis stops mid-load', () => {
  it('Stop Redis: checkouts still succeed, on every node, and Redis is used again when it returns', async () => {
    expect((await readiness('ready')).map((r) => r.body.checks.redis)).toEqual(['ok', 'ok']);
    let killed: Promise<void> | undefined;
    const traffic = await runTraffic(cluster.client, shop, handles, {
      shoppers: 6, checkouts: 40,
      onCheckout: (done) => { if (done === 8) killed = redis.kill(); },
    });
    await killed;
    const { outcomes } = traffic;
    // Every checkout placed its order: none was refused or failed because Redis was gone.
    expect(outcomes.map((o) => o.status).filter((s) => s !== 201)).toEqual([]);
    expect(outcomes).toHaveLength(40);
    expect(traffic.cartErrors).toEqual([]);
    for (const n of cluster.nodes) expect(cluster.client.stats.byNode[n.name] ?? 0, n.name).toBeGreaterThan(10);

    // Tier 2 down: both nodes stay in service and name what is degraded.
    for (const r of await readiness('degraded')) {
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'degraded', degraded: ['redis'], checks: { database: 'ok', redis: expect.stringMatching(/^failing/) } });
    }
    // Sign-in and account work through each node while Redis is away.
    const shopper = await cluster.customer();
    for (let i = 0; i < 2; i++) expect((await cluster.api('GET', '/store/account', { token: shopper.token })).status).toBe(200);

    await cluster.settle();
    expectNoProblems('orders', await checkOrders(cluster, outcomes));
    expectNoProblems('payments', await checkPayments(cluster));
    expectNoProblems('events', await checkEvents(cluster));

    // Redis returns: both nodes reconnect, and a sign-out on one is refused by the other at once.
    await redis.start();
    expect((await readiness('ready')).map((r) => r.body.status)).toEqual(['ready', 'ready']);
    const [a, b] = cluster.nodes;
    const again = await cluster.customer();
    const on = (n: typeof a, method: string, path: string) => fetch(`${n.url}${path}`, { method, headers: { authorization: `Bearer ${again.token}` } }).then((r) => r.status);
    expect(await on(b, 'GET', '/store/account')).toBe(200);
    expect(await on(a, 'POST', '/store/auth/logout')).toBe(204);
    expect(await on(b, 'GET', '/store/account')).toBe(401);
  }, 180_000);
});
