/**
 * Model registry, feature views and recommendations through the HTTP API on a real database.
 * The store sells 8 families of 4 products; each customer buys within one family, so the model
 * can learn what goes together and a popularity-only candidate measurably cannot. History is
 * imported (as a migration would), then live orders go through the real cart and checkout.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoricalOrder } from '../../src/modules/orders/index.js';
import { enqueueJob } from '../../src/platform/index.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { checkout, fillCart, placeOrder, setupShop, type Shop } from '../support/shop.js';

let t: TestApp;
let shop: Shop;
let admin: string;
const FAMILIES = 8;
const PER_FAMILY = 4;
/** products[f][i]: { id, variantId, title } */
const products: { id: string; variantId: string; title: string }[][] = [];
let shopper: { id: string; token: string; email: string };

const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();

async function must(method: string, path: string, body?: unknown, status = 200, token = admin): Promise<any> {
  const res = await t.api(method, path, { token, body });
  if (res.status !== status) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

async function trainAndWait(body: Record<string, unknown> = {}): Promise<{ run: any; version: any }> {
  const queued = await must('POST', '/admin/ai/models/recommend/retrain', body, 202);
  expect(queued).toMatchObject({ status: 'queued', model: 'recommend', percent: 0 });
  await idle();
  const run = await must('GET', `/admin/ai/training-runs/${queued.id}`);
  expect(run.status, JSON.stringify(run)).toBe('succeeded');
  const version = await must('GET', `/admin/ai/models/versions/${run.versionId}`);
  return { run, version };
}

/** Until every event and job is handled (the app's own worker may hold a delivery while a drain runs). */
async function idle(): Promise<void> {
  const db = t.app.database.db;
  for (let i = 0; i < 400; i++) {
    await t.drain();
    // One statement, one snapshot: a relay or a handler committing in between cannot hide work.
    const { rows } = await sql<{ n: number }>`select (select count(*) from outbox where relayed = 0) + (select count(*) from event_deliveries where status = 'pending') as n`.execute(db);
    if (Number(rows[0]?.n) === 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Lets the serving side pick up what the last drain committed, and writes its counters. */
async function settle(): Promise<void> {
  await idle();
  const engine = t.app.modules.recommendations.service;
  engine.markProductsDirty();
  engine.markModelsDirty();
  await engine.fresh();
  await engine.flush();
}

beforeAll(async () => {
  t = await startTestApp();
  shop = await setupShop(t, { teeStock: { warehouse: 500, store: 0 }, mugStock: { warehouse: 500, store: 0 } });
  admin = shop.admin;
  const cats = [];
  for (let f = 0; f < FAMILIES; f++) cats.push(await must('POST', '/admin/categories', { name: `Family ${f}` }, 201));
  for (let f = 0; f < FAMILIES; f++) {
    products.push([]);
    for (let i = 0; i < PER_FAMILY; i++) {
      const p = await must('POST', '/admin/products', {
        title: `F${f} item ${i}`, status: 'active', categoryIds: [cats[f].id],
        variants: [{ sku: `F${f}-${i}-${randomUUID().slice(0, 4)}`, prices: [{ currency: 'USD', amount: 1000 + 100 * i }] }],
      }, 201);
      await must('POST', '/admin/inventory/adjustments', { variantId: p.variants[0].id, locationId: shop.warehouse.id, reason: 'received', delta: 100 }, 201);
      products[f].push({ id: p.id, variantId: p.variants[0].id, title: p.title });
    }
  }
  shopper = await t.customer();
  await idle();
}, 120_000);

afterAll(async () => { await t?.close(); });

describe('cold start', () => {
  it('a new store with no orders and no model answers new items, not an error', async () => {
    await settle();
    const home = await must('GET', '/store/recommendations/home?limit=5', undefined, 200, shopper.token);
    expect(home.fallback).toBe(true);
    expect(home.model).toBeNull();
    expect(home.items).toHaveLength(5);
    expect(home.items.every((i: any) => i.reason === 'New in the shop' && i.source === 'new' && i.token)).toBe(true);
    const together = await must('GET', `/store/recommendations/products/${products[0][0].id}/together?limit=4`);
    expect(together.items.length).toBeGreaterThan(0);
    expect(together.items.map((i: any) => i.productId)).not.toContain(products[0][0].id);
    // Training with no orders fails with the reason; nothing is promoted.
    const queued = await must('POST', '/admin/ai/models/recommend/retrain', {}, 202);
    await idle();
    const run = await must('GET', `/admin/ai/training-runs/${queued.id}`);
    expect(run).toMatchObject({ status: 'failed', versionId: null });
    expect(run.error).toContain('no orders');
  });
});

describe('training and the promotion gate', () => {
  beforeAll(async () => {
    // 10 customers per family (the shopper is one of family 0's): first two items well before the
    // held-back window, the third inside it.
    const history: HistoricalOrder[] = [];
    let n = 0;
    for (let f = 0; f < FAMILIES; f++) {
      for (let c = 0; c < 10; c++) {
        const customerId = f === 0 && c === 0 ? shopper.id : `cus_hist_${f}_${c}`;
        const p = products[f];
        const order = (days: number, items: number[]): HistoricalOrder => ({
          externalRef: `hist-${n++}`, customerId, email: `h${f}-${c}@example.com`, status: 'completed', paymentStatus: 'paid', fulfillmentStatus: 'fulfilled',
          channel: 'web', currency: 'USD', placedAt: daysAgo(days),
          lines: items.map((i) => ({ productId: p[i].id, variantId: p[i].variantId, title: p[i].title, quantity: 1, unitPrice: 1000 + 100 * i })),
        });
        const shift = (c + f) % PER_FAMILY;
        const pick = (k: number) => (shift + k) % PER_FAMILY;
        history.push(order(60 - c, [pick(0), pick(1)]));
        if (c % 2 === 0) history.push(order(40 - c, [pick(1), pick(3)]));
        if (!(f === 0 && c === 0)) history.push(order(5 + (c % 5), [pick(2)]));
      }
    }
    await t.app.database.db.transaction().execute(async (tx) => {
      await t.app.modules.orders.service.importHistorical({ ...t.app.systemCtx(), db: tx }, history, { source: 'test-history' });
    });
    await settle();
  }, 60_000);

  it('feature views are rebuilt from imported history', async () => {
    const f = await must('GET', `/admin/ai/features/customers/${shopper.id}`);
    expect(f.orders).toBe(2);
    expect(f.favouriteCategories[0].name).toBe('Family 0');
    const p = await must('GET', `/admin/ai/features/products/${products[0][1].id}`);
    expect(p.unitsSold).toBeGreaterThan(0);
    expect(p.salesVelocity).toBeGreaterThan(0);
    expect(p.inStock).toBe(true);
    expect(p.coPurchased.length).toBeGreaterThan(0);
    expect(p.categories[0].name).toBe('Family 0');
  });

  let first: any;
  let best: any;
  it('training on the store\'s orders produces an active version with held-back metrics and visible progress', async () => {
    const { run, version } = await trainAndWait({ method: 'popularity' });
    first = version;
    expect(run.percent).toBe(100);
    expect(run.stage).toBe('done');
    expect(run.messages.map((m: any) => m.text).join('\n')).toMatch(/orders with products[\s\S]*Training popularity[\s\S]*Measuring/);
    expect(version).toMatchObject({ model: 'recommend', version: 1, method: 'popularity', status: 'active', decision: 'first', primaryMetric: 'ndcg@10', baselineMetrics: null });
    expect(version.metrics.users).toBeGreaterThanOrEqual(60);
    expect(version.metrics['ndcg@10']).toBeGreaterThan(0);
    expect(Date.parse(version.holdoutFrom)).toBe(Date.parse(version.trainTo));
    expect(version.trainingExamples).toBeGreaterThan(100);
    expect(version.artefactBytes).toBeGreaterThan(100);
    const models = await must('GET', '/admin/ai/models');
    expect(models.items.find((m: any) => m.model === 'recommend')).toMatchObject({ activeVersionId: version.id, retrainEverySeconds: 86400 });
  });

  it('a better candidate is promoted, the old version retired, and the new one served at once', async () => {
    const { version } = await trainAndWait();
    best = version;
    expect(version).toMatchObject({ version: 2, method: 'hybrid', status: 'active', decision: 'promoted', baselineVersionId: first.id });
    expect(version.metrics['ndcg@10']).toBeGreaterThan(0.5);
    expect(version.metrics['hr@10']).toBeGreaterThan(0.8);
    expect(version.metrics['ndcg@10']).toBeGreaterThan(version.baselineMetrics['ndcg@10']);
    expect(version.baselineMetrics['ndcg@10']).toBeCloseTo(first.metrics['ndcg@10'], 6);
    expect(version.reason).toContain('Promoted');
    expect((await must('GET', `/admin/ai/models/versions/${first.id}`)).status).toBe('retired');
    await settle();
    expect((await must('GET', '/store/recommendations/home', undefined, 200, shopper.token)).model).toEqual({ versionId: version.id, version: 2 });
  });

  let worse: any;
  it('a worse candidate is measured against the active version on the same window and not promoted', async () => {
    const { version } = await trainAndWait({ method: 'popularity' });
    worse = version;
    expect(version).toMatchObject({ version: 3, method: 'popularity', status: 'candidate', decision: 'rejected', baselineVersionId: best.id });
    expect(version.metrics['ndcg@10']).toBeLessThan(version.baselineMetrics['ndcg@10']);
    expect(version.reason).toContain('Not promoted');
    expect(version.reason).toContain('v2');
    const list = await must('GET', '/admin/ai/models/versions?model=recommend');
    expect(list.items.filter((v: any) => v.status === 'active').map((v: any) => v.id)).toEqual([best.id]);
    // An unknown method names the field; only settings managers retrain.
    const bad = await t.api('POST', '/admin/ai/models/recommend/retrain', { token: admin, body: { method: 'magic' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('body.method');
    const support = await t.staff('support');
    expect((await t.api('POST', '/admin/ai/models/recommend/retrain', { token: support.token, body: {} })).status).toBe(403);
  });

  it('serves the active model: reasons, tokens, stock and publish state respected', async () => {
    await settle();
    const home = await must('GET', '/store/recommendations/home?limit=6', undefined, 200, shopper.token);
    expect(home.model).toEqual({ versionId: best.id, version: 2 });
    expect(home.fallback).toBe(false);
    const family0 = new Set(products[0].map((p) => p.id));
    const personal = home.items.filter((i: any) => i.source === 'personal');
    expect(personal.length).toBeGreaterThan(0);
    expect(family0.has(personal[0].productId)).toBe(true);
    expect(personal[0].reason).toMatch(/^Because you (bought F0 item \d|like Family 0)$/);
    expect(home.items.every((i: any) => typeof i.token === 'string' && i.token.length > 20)).toBe(true);

    const seed = products[3][0];
    const together = await must('GET', `/store/recommendations/products/${seed.id}/together?limit=3`);
    expect(together.items[0].reason).toBe(`Often bought with ${seed.title}`);
    expect(products[3].map((p) => p.id)).toContain(together.items[0].productId);

    const similar = await must('GET', `/store/recommendations/products/${seed.id}/similar?limit=3`);
    expect(similar.items[0].reason).toBe('Similar in category and price');
    expect(products[3].map((p) => p.id)).toContain(similar.items[0].productId);

    const cart = await must('GET', `/store/recommendations/cart?products=${products[5][0].id},${products[5][1].id}&limit=4`);
    expect(cart.items.map((i: any) => i.productId)).not.toContain(products[5][0].id);
    expect(products[5].map((p) => p.id)).toContain(cart.items[0].productId);
    expect(cart.items[0].reason).toMatch(/^Often bought with F5 item [01]$/);

    // Sold out and archived items disappear from every list.
    const top = together.items[0];
    const variant = products[3].find((p) => p.id === top.productId)!.variantId;
    await must('POST', '/admin/inventory/adjustments', { variantId: variant, locationId: shop.warehouse.id, reason: 'damaged', delta: -100 }, 201);
    const archived = together.items[1];
    await must('POST', `/admin/products/${archived.productId}/archive`);
    await settle();
    const f = await must('GET', `/admin/ai/features/products/${top.productId}`);
    expect(f).toMatchObject({ inStock: false, available: 0 });
    expect((await must('GET', `/admin/ai/features/products/${archived.productId}`)).published).toBe(false);
    for (const path of [`/store/recommendations/products/${seed.id}/together?limit=8`, `/store/recommendations/products/${seed.id}/similar?limit=8`, '/store/recommendations/home?limit=24']) {
      const ids = (await must('GET', path)).items.map((i: any) => i.productId);
      expect(ids).not.toContain(top.productId);
      expect(ids).not.toContain(archived.productId);
    }
  });

  it('a guest and a new customer get bestsellers with a reason, not an error', async () => {
    const guest = await must('GET', '/store/recommendations/home?limit=4');
    expect(guest.fallback).toBe(true);
    expect(guest.items).toHaveLength(4);
    expect(guest.items.every((i: any) => /^Popular in Family \d$/.test(i.reason))).toBe(true);
    const fresh = await t.customer();
    const mine = await must('GET', '/store/recommendations/home?limit=4', undefined, 200, fresh.token);
    expect(mine.items).toHaveLength(4);
    const unknown = await must('GET', '/store/recommendations/products/prod_does_not_exist/similar?limit=3');
    expect(unknown.fallback).toBe(true);
    expect(unknown.items.length).toBe(3);
  });

  it('feature views follow live orders, and bad input is refused naming the field', async () => {
    const before = await must('GET', `/admin/ai/features/customers/${shopper.id}`);
    const cart = await fillCart(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 2 }, { variantId: shop.variants.mug, quantity: 1 }], customerToken: shopper.token });
    expect((await checkout(t, shop, cart, { idempotencyKey: randomUUID() })).status).toBe(201);
    await settle();
    const after = await must('GET', `/admin/ai/features/customers/${shopper.id}`);
    expect(after.orders).toBe(before.orders + 1);
    expect(after.spend).toBeGreaterThan(before.spend);
    expect(after.recencyDays).toBeLessThan(1);
    const tee = (await must('GET', '/admin/products?q=Order%20Path%20Tee')).items.find((p: any) => p.variants[0].id === shop.variants.tee);
    const teeFeatures = await must('GET', `/admin/ai/features/products/${tee.id}`);
    expect(after.lastBought).toContain(tee.id);
    expect(teeFeatures.unitsSold).toBe(2);
    expect(teeFeatures.coPurchased.length).toBe(1);
    // A product view counts once flushed.
    await must('POST', '/store/recommendations/events', { kind: 'view', productId: tee.id }, 202, shopper.token);
    await settle();
    const viewed = await must('GET', `/admin/ai/features/customers/${shopper.id}`);
    expect(viewed.lastViewed[0]).toBe(tee.id);
    expect((await must('GET', `/admin/ai/features/products/${tee.id}`)).views).toBe(1);

    // A rebuild from the orders agrees with what the events built.
    await must('POST', '/admin/ai/features/rebuild', undefined, 202);
    await settle();
    const rebuilt = await must('GET', `/admin/ai/features/customers/${shopper.id}`);
    expect({ ...rebuilt, updatedAt: null, recencyDays: null }).toEqual({ ...viewed, updatedAt: null, recencyDays: null });
    expect(await must('GET', `/admin/ai/features/products/${tee.id}`)).toMatchObject({ unitsSold: 2, views: 1, coPurchased: teeFeatures.coPurchased });

    const bad = [
      await t.api('GET', '/store/recommendations/home?limit=0'),
      await t.api('GET', '/store/recommendations/home?session=x'),
      await t.api('GET', '/store/recommendations/cart?products=a,,b'),
      await t.api('POST', '/store/recommendations/events', { body: { kind: 'click' } }),
      await t.api('POST', '/store/recommendations/events', { body: { kind: 'view' } }),
    ];
    expect(bad.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
    expect(bad.map((r) => r.body.error.details[0].field)).toEqual(['query.limit', 'query.session', 'query.products', 'body.token', 'body.productId']);
    const forged = await t.api('POST', '/store/recommendations/events', { body: { kind: 'click', token: 'eyJ4Ijoxfq.abc' } });
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('recommendations.invalid_token');
  });

  it('a cancelled order is taken back out of the feature views, as a rebuild would leave it out', async () => {
    const [a, b] = [products[7][0], products[7][1]];
    const before = await must('GET', `/admin/ai/features/customers/${shopper.id}`);
    const beforeA = await must('GET', `/admin/ai/features/products/${a.id}`);
    const { order } = await placeOrder(t, shop, { lines: [{ variantId: a.variantId, quantity: 3 }, { variantId: b.variantId, quantity: 1 }], customerToken: shopper.token });
    await settle();
    const counted = await must('GET', `/admin/ai/features/products/${a.id}`);
    expect(counted.unitsSold).toBe(beforeA.unitsSold + 3);
    expect((await must('GET', `/admin/ai/features/customers/${shopper.id}`)).lastBought.slice(0, 2).sort()).toEqual([a.id, b.id].sort());

    await must('POST', `/admin/orders/${order.id}/cancel`, { reason: 'customer changed their mind' });
    await settle();
    const after = await must('GET', `/admin/ai/features/customers/${shopper.id}`);
    expect(after).toMatchObject({ orders: before.orders, spend: before.spend });
    expect(after.lastBought).not.toContain(a.id);
    const afterA = await must('GET', `/admin/ai/features/products/${a.id}`);
    expect(afterA).toMatchObject({ unitsSold: beforeA.unitsSold, orders: beforeA.orders, revenue: beforeA.revenue, coPurchased: beforeA.coPurchased });

    // A rebuild from the orders agrees (cancelled orders are left out there too).
    await must('POST', '/admin/ai/features/rebuild', undefined, 202);
    await settle();
    expect(await must('GET', `/admin/ai/features/products/${a.id}`)).toMatchObject({ unitsSold: afterA.unitsSold, orders: afterA.orders, revenue: afterA.revenue, coPurchased: afterA.coPurchased });
    expect(await must('GET', `/admin/ai/features/customers/${shopper.id}`)).toMatchObject({ orders: after.orders, spend: after.spend, favouriteCategories: after.favouriteCategories });
  });

  it('an A/B experiment splits sessions deterministically and counts each arm\'s outcomes', async () => {
    const exp = await must('POST', '/admin/ai/experiments', {
      model: 'recommend', name: 'hybrid vs popularity', controlVersionId: best.id, treatmentVersionId: worse.id, treatmentPercent: 50,
    }, 201);
    expect(exp).toMatchObject({ status: 'running', treatmentPercent: 50, attributionHours: 24 });
    expect((await t.api('POST', '/admin/ai/experiments', { token: admin, body: { model: 'recommend', name: 'again', controlVersionId: best.id, treatmentVersionId: worse.id, treatmentPercent: 10 } })).status).toBe(409);
    expect((await t.api('POST', `/admin/ai/models/versions/${worse.id}/retire`, { token: admin })).status).toBe(409);
    await settle();
    const arms = new Map<string, string>();
    for (let i = 0; i < 20; i++) {
      const session = `session-${i}-abcdef`;
      const a = await must('GET', `/store/recommendations/products/${products[2][0].id}/together?limit=3&session=${session}`);
      const b = await must('GET', `/store/recommendations/products/${products[2][0].id}/together?limit=3&session=${session}`);
      expect(a.experiment.id).toBe(exp.id);
      expect(b.experiment.arm).toBe(a.experiment.arm);
      expect(a.model.versionId).toBe(a.experiment.arm === 'treatment' ? worse.id : best.id);
      arms.set(session, a.experiment.arm);
    }
    const counts = [...arms.values()].reduce((m, a) => ({ ...m, [a]: (m[a] ?? 0) + 1 }), {} as Record<string, number>);
    expect(counts.control).toBeGreaterThan(0);
    expect(counts.treatment).toBeGreaterThan(0);

    // A guest in the control arm clicks a recommendation, adds it to the cart and buys it.
    const session = [...arms].find(([, a]) => a === 'control')![0];
    const list = await must('GET', `/store/recommendations/products/${products[2][0].id}/together?limit=3&session=${session}`);
    const item = list.items[0];
    const variantId = products.flat().find((p) => p.id === item.productId)!.variantId;
    const cart = await fillCart(t, shop, { lines: [{ variantId, quantity: 2 }] });
    await must('POST', '/store/recommendations/events', { kind: 'click', token: item.token, session }, 202, undefined as any);
    await must('POST', '/store/recommendations/events', { kind: 'add_to_cart', token: item.token, cartId: cart.id, session }, 202, undefined as any);
    const placed = await checkout(t, shop, cart, { idempotencyKey: randomUUID(), email: 'ab@example.com' });
    expect(placed.status).toBe(201);
    await settle();
    const result = await must('GET', `/admin/ai/experiments/${exp.id}`);
    const control = result.arms.find((a: any) => a.arm === 'control');
    const treatment = result.arms.find((a: any) => a.arm === 'treatment');
    expect(control.lists).toBe(2 * counts.control + 1);
    expect(treatment.lists).toBe(2 * counts.treatment);
    expect(control.impressions).toBeGreaterThanOrEqual(control.lists);
    expect(control).toMatchObject({ clicks: 1, addToCarts: 1, purchases: 1, versionId: best.id, version: 2 });
    expect(control.revenue).toBe(placed.body.order.lines.find((l: any) => l.productId === item.productId).total);
    expect(treatment).toMatchObject({ clicks: 0, purchases: 0, revenue: 0 });
    const stopped = await must('POST', `/admin/ai/experiments/${exp.id}/stop`);
    expect(stopped.status).toBe('stopped');
    await settle();
    const after = await must('GET', `/store/recommendations/products/${products[2][0].id}/together?limit=3&session=${session}`);
    expect(after.experiment).toBeNull();
    expect(after.model.versionId).toBe(best.id);
  });

  it('the nightly schedule\'s job queues a run like "retrain now" does', async () => {
    const before = (await must('GET', '/admin/ai/training-runs?model=recommend')).items.length;
    await enqueueJob(t.app.systemCtx(), 'ai.train.scheduled', { model: 'recommend' });
    await idle();
    const runs = (await must('GET', '/admin/ai/training-runs?model=recommend')).items;
    expect(runs.length).toBe(before + 1);
    // One queued or running run per model: a second "retrain now" waits its turn.
    await t.app.database.db.transaction().execute(async (tx) => {
      const ctx = { ...t.app.systemCtx(), db: tx };
      await t.app.modules.models.service.requestTraining(ctx, 'recommend', {}, 'manual');
      await expect(t.app.modules.models.service.requestTraining(ctx, 'recommend', {}, 'manual')).rejects.toMatchObject({ code: 'ai.training_in_progress', status: 409 });
      throw new Error('roll back');
    }).catch((e) => { if (e.message !== 'roll back') throw e; });
    expect(runs[0]).toMatchObject({ trigger: 'schedule', status: 'succeeded', percent: 100 });
    const v = await must('GET', `/admin/ai/models/versions/${runs[0].versionId}`);
    expect(v.runId).toBe(runs[0].id);
  });

  it('a candidate that only equals the active version is not promoted', async () => {
    const { version } = await trainAndWait({ holdoutDays: 20 });
    expect(version).toMatchObject({ method: 'hybrid', decision: 'rejected', status: 'candidate', baselineVersionId: best.id });
    expect(version.metrics['ndcg@10']).toBeCloseTo(version.baselineMetrics['ndcg@10'], 9);
    await settle();
    expect((await must('GET', '/store/recommendations/home', undefined, 200, shopper.token)).model.versionId).toBe(best.id);
  });
});
