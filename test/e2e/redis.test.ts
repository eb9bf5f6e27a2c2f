/**
 * Two nodes of one store (same database, same Redis prefix) in distributed mode, on a private
 * `redis-server` this test starts, kills and starts again (the machine's Redis is never touched):
 * a sign-out on one node is refused on the other at once, sign-in attempts are counted across
 * nodes, a lock has one holder across nodes. Then Redis dies: /ready says "degraded" and names it,
 * and sign-up, sign-in, carts and checkouts keep working on both nodes, rate limits fail open and
 * locks fall back to the database. When Redis returns, both nodes use it again.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/apps/app.js';
import { loadConfig } from '../../src/platform/index.js';
import { startTestApp, type ApiResponse, type TestApp } from '../support/harness.js';
import { startNode } from '../support/node-process.js';
import { deleteRedisKeys, privateRedis, uniquePrefix, type PrivateRedis } from '../support/redis.js';
import { placeOrder, setupShop, type Shop } from '../support/shop.js';

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

let redis: PrivateRedis;
let prefix: string;
let a: TestApp;
let b: { app: App; api: TestApp['api'] };
let shop: Shop;

/** A second node on the first one's database and Redis, with the same signing secret. */
async function secondNode(first: TestApp, env: Record<string, string>) {
  const c = first.app.config;
  const db: Record<string, string> = c.databaseUrl
    ? { DATABASE_URL: c.databaseUrl, DATABASE_SCHEMA: c.databaseSchema ?? 'public' }
    : { SQLITE_FILE: c.sqliteFile!, DATA_DIR: c.dataDir };
  const app = await createApp(loadConfig({
    NODE_ENV: 'test', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'error', AUTH_SECRET: c.authSecret!, ...db, ...env,
  }));
  const url = await app.listen(0, '127.0.0.1');
  const api: TestApp['api'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(url + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const text = await res.text();
    let body: any = text;
    try { body = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
    return { status: res.status, body, headers: res.headers } as ApiResponse;
  };
  return { app, api };
}

/** Node B as the shop helpers want it: its own HTTP, the first node's staff. */
const viaB = (): TestApp => ({ ...a, api: b.api });

async function signUp(api: TestApp['api']) {
  const email = `redis-${randomUUID().slice(0, 8)}@test.emporia`;
  const res = await api('POST', '/store/auth/register', { body: { email, password: 'a long enough secret', firstName: 'Red', lastName: 'Is' } });
  expect(res.status).toBe(201);
  return { email, token: res.body.tokens.accessToken as string };
}

/** Waits (bounded) until a node's /ready answers the wanted status: Redis reconnects in the background. */
async function readyStatus(api: TestApp['api'], want: string): Promise<ApiResponse> {
  let res = await api('GET', '/ready');
  for (let i = 0; i < 150 && res.body.status !== want; i++) {
    await new Promise((r) => setTimeout(r, 100));
    res = await api('GET', '/ready');
  }
  return res;
}

describe.skipIf(!hasRedisServer)('Redis: shared revocations, rate limits and locks; degraded while it is down', () => {
  beforeAll(async () => {
    redis = await privateRedis();
    prefix = uniquePrefix();
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: prefix, RATE_LIMIT_MAX: '100000', RATE_LIMIT_AUTH_MAX: '5' };
    a = await startTestApp(env);
    b = await secondNode(a, env);
    shop = await setupShop(a);
  }, 120_000);
  afterAll(async () => {
    await b?.app.close();
    await a?.close();
    if (redis) await deleteRedisKeys(redis.url, prefix);
    await redis?.kill();
  });

  it('reports Redis on /ready', async () => {
    for (const api of [a.api, b.api]) {
      const ready = await api('GET', '/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
    }
  });

  it('refuses on node B a session signed out on node A, at once', async () => {
    const { token } = await signUp(a.api);
    // B has seen the session as valid (and keeps that in its local cache for a while)…
    expect((await b.api('GET', '/store/account', { token })).status).toBe(200);
    expect((await a.api('POST', '/store/auth/logout', { token })).status).toBe(204);
    // …but the revocation list is shared: B refuses the very next request.
    const after = await b.api('GET', '/store/account', { token });
    expect([after.status, after.body.error.code]).toEqual([401, 'auth.session_revoked']);
    expect(await a.app.redis!.client.exists(`${prefix}cache:identity:revoked:${decodeSid(token)}`)).toBe(1);
  });

  it('counts sign-in attempts across both nodes', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.7' };
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const api = i % 2 ? b.api : a.api;
      statuses.push((await api('POST', '/store/auth/login', { headers, body: { email: 'nobody@example.com', password: 'not the password' } })).status);
    }
    // 5 per minute for the whole store, not 5 per node.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it('serves on another node process, at once, a product created and changed on node A', async () => {
    // A separate process: it shares nothing with node A but the database and Redis.
    const other = await startNode(a, { env: { REDIS_URL: redis.url, REDIS_PREFIX: prefix }, args: ['--role', 'api'] });
    try {
      const get = async (id: string) => { const r = await fetch(`${other.url}/store/products/${id}`); return { status: r.status, body: await r.json() as any }; };
      const created = await a.api('POST', '/admin/products', { token: shop.admin, body: {
        title: 'Fresh Tee', status: 'active', variants: [{ sku: `FRESH-${randomUUID().slice(0, 6)}`, manageInventory: false, prices: [{ currency: 'USD', amount: 1500 }] }],
      } });
      expect(created.status).toBe(201);
      const id = created.body.id;
      // Without the signal the other node would learn of it at its next outbox poll (500 ms), not now.
      expect((await get(id)).body).toMatchObject({ id, title: 'Fresh Tee' });
      expect((await a.api('PATCH', `/admin/products/${id}`, { token: shop.admin, body: { title: 'Fresher Tee' } })).status).toBe(200);
      expect((await get(id)).body.title).toBe('Fresher Tee');
      expect((await a.api('PATCH', `/admin/products/${id}`, { token: shop.admin, body: { status: 'archived' } })).status).toBe(200);
      expect((await get(id)).status).toBe(404);
    } finally {
      expect(await other.stop('SIGTERM')).toBe(0);
    }
  }, 120_000);

  it('gives a lock to one node at a time, and only its holder releases it', async () => {
    const lease = await a.app.locks.tryAcquire('test.rebuild', 10_000);
    expect(lease).not.toBeNull();
    expect(await b.app.locks.tryAcquire('test.rebuild', 10_000)).toBeNull();
    // The lock lives in Redis, not in the database fallback.
    expect(await a.app.redis!.client.exists(`${prefix}lock:test.rebuild`)).toBe(1);
    expect(await a.app.database.db.selectFrom('platform_locks').selectAll().execute()).toEqual([]);
    await lease!.release();
    const next = await b.app.locks.tryAcquire('test.rebuild', 10_000);
    expect(next).not.toBeNull();
    // A release by a stale holder (its token no longer matches) leaves the new holder's lock alone.
    await lease!.release();
    expect(await a.app.locks.tryAcquire('test.rebuild', 10_000)).toBeNull();
    await next!.release();
  });

  it('keeps serving when Redis hangs (connected, never answering), and uses it again when it answers', async () => {
    redis.pause();
    try {
      const ready = await readyStatus(a.api, 'degraded');
      expect(ready.body).toMatchObject({ status: 'degraded', degraded: ['redis'], checks: { redis: expect.stringMatching(/^failing/) } });
      // Authenticated requests (each checks the revocation list), sign-in and a checkout all answer.
      const shopper = await signUp(a.api);
      for (const api of [a.api, b.api, a.api, b.api]) expect((await api('GET', '/store/account', { token: shopper.token })).status).toBe(200);
      const login = await b.api('POST', '/store/auth/login', { body: { email: shopper.email, password: 'a long enough secret' } });
      expect(login.status).toBe(200);
      const placed = await placeOrder(viaB(), shop, { lines: [{ variantId: shop.variants.poster, quantity: 1 }], customerToken: login.body.accessToken });
      expect(placed.order.status).toBe('paid');
    } finally { redis.resume(); }
    expect((await readyStatus(a.api, 'ready')).body.status).toBe('ready');
    expect((await readyStatus(b.api, 'ready')).body.status).toBe('ready');
  }, 120_000);

  it('Stop Redis: checkouts still succeed (sign-in, carts, checkout on both nodes), and Redis is used again when it returns', async () => {
    await redis.kill();

    // Tier 2 is down: both nodes stay in the load balancer and say what is degraded.
    for (const api of [a.api, b.api]) {
      const ready = await readyStatus(api, 'degraded');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'degraded', degraded: ['redis'], checks: { database: 'ok' } });
      expect(ready.body.checks.redis).toMatch(/^failing/);
    }

    // Sign-up and sign-in (their rate limit fails open: each node counts on its own).
    const shopper = await signUp(b.api);
    const login = await a.api('POST', '/store/auth/login', { body: { email: shopper.email, password: 'a long enough secret' } });
    expect(login.status).toBe(200);
    expect((await b.api('GET', '/store/account', { token: login.body.accessToken })).status).toBe(200);

    // Carts and checkouts, a guest on A and the signed-in customer on B.
    const guest = await placeOrder(a, shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }] });
    expect(guest.order).toMatchObject({ status: 'paid', paymentStatus: 'paid' });
    const member = await placeOrder(viaB(), shop, { lines: [{ variantId: shop.variants.mug, quantity: 2 }], customerToken: login.body.accessToken });
    expect(member.order).toMatchObject({ status: 'paid', customerId: expect.any(String) });
    const orders = await a.api('GET', `/admin/orders?limit=50`, { token: shop.admin });
    expect(orders.body.items.map((o: any) => o.id)).toEqual(expect.arrayContaining([guest.order.id, member.order.id]));

    // Sign-out still holds on the node that did it (the database is the source of truth).
    expect((await b.api('POST', '/store/auth/logout', { token: login.body.accessToken })).status).toBe(204);
    expect((await b.api('GET', '/store/account', { token: login.body.accessToken })).status).toBe(401);

    // Locks fall back to the database, still one holder across nodes.
    const lease = await a.app.locks.tryAcquire('test.degraded', 10_000);
    expect(lease).not.toBeNull();
    expect(await b.app.locks.tryAcquire('test.degraded', 10_000)).toBeNull();
    expect((await a.app.database.db.selectFrom('platform_locks').select('name').execute()).map((r) => r.name)).toEqual(['test.degraded']);
    await lease!.release();

    // Redis returns (empty): both nodes reconnect and use it again.
    await redis.start();
    for (const api of [a.api, b.api]) {
      const ready = await readyStatus(api, 'ready');
      expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
    }
    const again = await signUp(a.api);
    expect((await b.api('GET', '/store/account', { token: again.token })).status).toBe(200);
    expect((await a.api('POST', '/store/auth/logout', { token: again.token })).status).toBe(204);
    expect((await b.api('GET', '/store/account', { token: again.token })).status).toBe(401);
    const third = await placeOrder(viaB(), shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }] });
    expect(third.order.status).toBe('paid');
  }, 120_000);
});

/** The session id inside an access token (a JWT's `sid` claim). */
function decodeSid(token: string): string {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid;
}
