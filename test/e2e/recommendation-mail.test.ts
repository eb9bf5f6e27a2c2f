/**
 * Recommendation emails for a segment over real HTTP: staff read the segments computed from the
 * store's orders, start a campaign for one, follow its progress to the end, and each consenting
 * member gets exactly one email with their picks and the reasons — also when the job runs again.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecommendationMail } from '../../src/ai/agents/recommendation-mail/index.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { placeOrder, setupShop, type Shop } from '../support/shop.js';

describe('recommendation emails for a segment', () => {
  let t: TestApp;
  let shop: Shop;
  let admin: string;
  const people: { id: string; email: string; token: string; consent: boolean }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    shop = await setupShop(t, { teeStock: { warehouse: 200, store: 0 }, mugStock: { warehouse: 200, store: 0 } });
    admin = (await t.staff('admin')).token;
    for (let i = 0; i < 5; i++) {
      const email = `buyer${i}-${randomUUID().slice(0, 6)}@example.com`;
      const consent = i !== 2;
      const res = await t.api('POST', '/store/auth/register', { body: { email, password: 'a long enough secret', firstName: `Buyer${i}`, lastName: 'Test', acceptsMarketing: consent } });
      expect(res.status).toBe(201);
      people.push({ id: res.body.customer.id, email, token: res.body.tokens.accessToken, consent });
    }
    // Everyone buys the tee; some buy more often, so RFM tells them apart.
    for (const [i, p] of people.entries()) {
      for (let k = 0; k <= i % 3; k++) await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }], customerToken: p.token });
    }
    await t.drain();
  });
  afterAll(async () => { await t?.close(); });

  it('lists the segments computed from orders, and refuses an unknown one naming the field', async () => {
    const res = await t.api('GET', '/admin/recommendation-campaigns/segments?fresh=true', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.customers).toBe(5);
    expect(res.body.method).toBe('rfm_rules');
    expect(res.body.segments.reduce((n: number, s: any) => n + s.size, 0)).toBe(5);
    const bad = await t.api('POST', '/admin/recommendation-campaigns', { token: admin, body: { segment: 'Martians' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('body.segment');
    const clerk = await t.api('POST', '/admin/recommendation-campaigns', { token: (await t.staff('clerk')).token, body: { segment: res.body.segments[0].name } });
    expect(clerk.status).toBe(403);
  });

  it('mails each consenting member once with their picks and reasons, with progress to 100 %, and never twice', async () => {
    const seg = (await t.api('GET', '/admin/recommendation-campaigns/segments', { token: admin })).body;
    // Put every customer in one segment's campaign by choosing each segment in turn.
    const campaigns: any[] = [];
    const key = randomUUID();
    for (const s of seg.segments) {
      const res = await t.api('POST', '/admin/recommendation-campaigns', { token: admin, body: { segment: s.name }, headers: { 'idempotency-key': `${key}-${encodeURIComponent(s.name)}` } });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect(res.body).toMatchObject({ segment: s.name, status: 'queued', percent: 0 });
      campaigns.push(res.body);
      // The same request again is the same campaign.
      const again = await t.api('POST', '/admin/recommendation-campaigns', { token: admin, body: { segment: s.name }, headers: { 'idempotency-key': `${key}-${encodeURIComponent(s.name)}` } });
      expect(again.body.id).toBe(res.body.id);
    }
    await t.drain();
    let queued = 0;
    for (const c of campaigns) {
      const done = (await t.api('GET', `/admin/recommendation-campaigns/${c.id}`, { token: admin })).body;
      const size = seg.segments.find((s: any) => s.name === c.segment).size;
      expect(done).toMatchObject({ status: 'completed', percent: 100, total: size, processed: size });
      expect(done.queued + done.skipped).toBe(size);
      queued += done.queued;
      const recipients = (await t.api('GET', `/admin/recommendation-campaigns/${c.id}/recipients`, { token: admin })).body.items;
      for (const r of recipients) {
        const person = people.find((p) => p.id === r.customerId)!;
        if (person.consent) expect(r).toMatchObject({ status: 'queued', notificationId: expect.stringMatching(/^ntf_/), items: expect.any(Number) });
        else expect(r).toMatchObject({ status: 'skipped', reason: 'no consent to marketing email', notificationId: null });
      }
    }
    expect(queued).toBe(4);

    const mails = async () => (await t.api('GET', '/admin/notifications?limit=100', { token: admin })).body.items.filter((n: any) => n.kind === 'product_recommendations');
    const first = await mails();
    expect(first).toHaveLength(4);
    expect(new Set(first.map((m: any) => m.to))).toEqual(new Set(people.filter((p) => p.consent).map((p) => p.email)));
    expect(first.every((m: any) => /^Picked for you, Buyer\d$/.test(m.subject))).toBe(true);

    // The body names products from the catalogue with their prices and the reason each was picked.
    const row = await t.app.database.db.selectFrom('notifications').select(['body_text', 'body_html']).where('id', '=', first[0].id).executeTakeFirstOrThrow() as any;
    expect(row.body_text).toMatch(/Why: .+/);
    expect(row.body_text).toMatch(/\/p\/order-path-(mug|tee|)/);
    for (const m of (row.body_text as string).matchAll(/\(\$(\d+\.\d{2})\)/g)) expect(['25.00', '12.00', '5.00']).toContain(m[1]);
    expect(row.body_html).toContain('<a href=');

    // Running every campaign's job again (a retry, a redelivery) mails nobody twice.
    for (const c of campaigns) await t.app.modules.recommendationMail.service.step(t.app.systemCtx(), c.id);
    await t.drain();
    expect(await mails()).toHaveLength(4);
    // Progress moves batch by batch, each step committed: with batches of two, 5 members take three steps.
    const m = t.app.modules;
    const small = new RecommendationMail({
      orders: m.orders.service, customers: m.identity.service.customers, notifications: m.notifications.service, storeUrl: 'http://shop.test', log: t.app.log, batchSize: 2, runSteps: 'caller',
      recommend: (ctx, customerId, limit) => m.recommendations.service.recommend(ctx, { surface: 'home', customerId, session: null, limit }),
    });
    const ctx = t.app.systemCtx();
    const everyone = (await small.segments(ctx, true)).segments.sort((a, b) => b.size - a.size)[0];
    const c = await small.create(ctx, { segment: everyone.name });
    await small.step(ctx, c.id);
    const seen: number[] = [];
    for (let i = 0; i < 10; i++) {
      const now = await small.get(ctx, c.id);
      if (now.status === 'completed') break;
      seen.push(now.processed);
      await small.step(ctx, c.id);
    }
    const end = await small.get(ctx, c.id);
    expect(seen).toEqual(Array.from({ length: Math.ceil(everyone.size / 2) }, (_, k) => k * 2));
    expect(end).toMatchObject({ status: 'completed', processed: everyone.size, percent: 100 });
    await t.drain();
    const list = (await t.api('GET', '/admin/recommendation-campaigns', { token: admin })).body.items;
    expect(list.map((x: any) => x.id).sort()).toEqual([...campaigns.map((x) => x.id), c.id].sort());
  });
});
