import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeTotals } from '../../src/modules/cart/index.js';
import { fixedClock } from '../../src/kernel/index.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = (await t.staff('admin')).token;
});
afterAll(async () => { await t?.close(); });

let n = 0;
const uniqueCode = (prefix: string) => `${prefix}${++n}${Date.now().toString(36)}`.toUpperCase();

async function create(body: Record<string, unknown>) {
  const res = await t.api('POST', '/admin/promotions', { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const redeem = (id: string, body: Record<string, unknown>) => t.api('POST', `/admin/promotions/${id}/redemptions`, { token, body });

describe('promotions admin', () => {
  it('creates, reads, changes and archives promotions; codes are unique regardless of case', async () => {
    const code = uniqueCode('spring');
    const p = await create({ name: 'Spring sale', code: code.toLowerCase(), kind: 'percentage', percent: 10, minSubtotal: 5000, currency: 'usd' });
    expect(p).toMatchObject({ kind: 'percentage', percent: 10, automatic: false, currency: 'USD', usageCount: 0, active: true, combinable: true, priority: 0 });
    expect(p.targets).toEqual({ variantIds: [], productIds: [], categoryIds: [] });

    const dup = await t.api('POST', '/admin/promotions', { token, body: { name: 'Dup', code: code.toUpperCase(), kind: 'free_shipping' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('promotions.code_taken');

    const found = await t.api('GET', `/admin/promotions?code=${code.toLowerCase()}`, { token });
    expect(found.body.items.map((x: any) => x.id)).toEqual([p.id]);

    const patched = await t.api('PATCH', `/admin/promotions/${p.id}`, { token, body: { percent: 15, priority: 5 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ percent: 15, priority: 5, code: code.toLowerCase() });

    // The merged definition is checked again: a percentage promotion cannot lose its percent.
    const broken = await t.api('PATCH', `/admin/promotions/${p.id}`, { token, body: { percent: null } });
    expect(broken.status).toBe(400);
    expect(broken.body.error.details.map((d: any) => d.field)).toContain('body.percent');

    expect((await t.api('DELETE', `/admin/promotions/${p.id}`, { token })).status).toBe(204);
    expect((await t.api('GET', `/admin/promotions/${p.id}`, { token })).body.active).toBe(false);
    expect((await t.api('GET', '/admin/promotions?active=false', { token })).body.items.map((x: any) => x.id)).toContain(p.id);

    const audit = await t.app.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', p.id).execute();
    expect(audit.map((a: any) => a.action)).toEqual(expect.arrayContaining(['promotion.created', 'promotion.updated', 'promotion.archived']));
    const events = await t.app.database.db.selectFrom('outbox').select('type').where('aggregate_id', '=', p.id).execute();
    expect(events.map((e: any) => e.type)).toContain('promotion.changed');
  });

  it('refuses incomplete definitions naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', kind: 'fixed_amount', amount: 500, currency: 'USD' }, 'body.amountScope'],
      [{ name: 'x', kind: 'buy_x_get_y', buyX: { quantity: 2 } }, 'body.getY'],
      [{ name: 'x', kind: 'free_shipping', startsAt: '2030-02-01T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' }, 'body.endsAt'],
      [{ name: 'x', kind: 'percentage', percent: 101 }, 'body.percent'],
      [{ name: 'x', kind: 'percentage', percent: 10, minSubtotal: 100 }, 'body.currency'],
    ];
    for (const [body, field] of cases) {
      const res = await t.api('POST', '/admin/promotions', { token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.map((d: any) => d.field)).toContain(field);
    }
  });
});

describe('eligibility and validity windows', () => {
  it('offers live automatic promotions and live codes, and says why other codes are refused', async () => {
    const svc = t.app.modules.promotions.service;
    const ctx = t.app.systemCtx();
    const auto = await create({ name: 'Everything 5% off', kind: 'percentage', percent: 5 });
    const future = await create({ name: 'Later', code: uniqueCode('later'), kind: 'free_shipping', startsAt: '2099-01-01T00:00:00Z' });
    const past = await create({ name: 'Gone', code: uniqueCode('gone'), kind: 'free_shipping', endsAt: '2001-01-01T00:00:00Z' });
    const live = await create({ name: 'Live', code: uniqueCode('live'), kind: 'fixed_amount', amount: 500, amountScope: 'order', currency: 'USD' });

    const answer = await svc.eligible(ctx, { codes: [live.code.toLowerCase(), future.code, past.code, 'NOPE-404'] });
    expect(answer.promotions.map((p) => p.id)).toEqual(expect.arrayContaining([auto.id, live.id]));
    expect(answer.promotions.map((p) => p.id)).not.toContain(future.id);
    expect(Object.fromEntries(answer.rejected.map((r) => [r.code, r.reason]))).toEqual({
      [future.code]: 'promotions.not_started', [past.code]: 'promotions.expired', 'NOPE-404': 'promotions.unknown_code',
    });

    const early = await redeem(future.id, { orderReference: 'ord-early' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('promotions.not_started');
    expect((await redeem(past.id, { orderReference: 'ord-late' })).body.error.code).toBe('promotions.expired');

    // The eligible promotions feed the totals calculator directly.
    const totals = computeTotals({
      lines: [{ variantId: 'v1', productId: 'p1', categoryIds: [], unitPrice: 2000, quantity: 2, weightGrams: 100, taxClass: null }],
      currency: 'USD', promotions: answer.promotions.filter((p) => p.id === auto.id || p.id === live.id), taxRates: [], taxInclusive: false, shipping: null,
    });
    expect(totals.discountTotal).toBe(200 + 500);
    expect(totals.applied.map((a) => a.reason)).toEqual(expect.arrayContaining([`5% off (Everything 5% off)`, `500 off with code ${live.code}`]));
    await t.app.database.db.updateTable('promotions').set({ active: 0 }).where('id', '=', auto.id).execute();
  });
});

describe('usage limits under concurrency', () => {
  it('50 concurrent redemptions of a code limited to 7 uses: exactly 7 succeed', async () => {
    const p = await create({ name: 'Flash', code: uniqueCode('flash'), kind: 'percentage', percent: 20, usageLimit: 7 });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => redeem(p.id, { orderReference: `ord-flash-${i}`, email: `s${i}@example.com` })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(7);
    expect(statuses.filter((s) => s === 409)).toHaveLength(43);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('promotions.usage_limit_reached');
    expect((await t.api('GET', `/admin/promotions/${p.id}`, { token })).body.usageCount).toBe(7);
    const list = await t.api('GET', `/admin/promotions/${p.id}/redemptions?limit=100`, { token });
    expect(list.body.items).toHaveLength(7);
    const redeemed = await t.app.database.db.selectFrom('outbox').select('type').where('aggregate_id', '=', p.id).where('type', '=', 'promotion.redeemed').execute();
    expect(redeemed).toHaveLength(7);

    // Releasing one (the saga's compensation) gives a use back, once.
    const winner = results.find((r) => r.status === 201)!.body;
    expect((await t.api('DELETE', `/admin/promotions/${p.id}/redemptions/${winner.orderReference}`, { token })).status).toBe(204);
    expect((await t.api('DELETE', `/admin/promotions/${p.id}/redemptions/${winner.orderReference}`, { token })).status).toBe(204);
    expect((await t.api('GET', `/admin/promotions/${p.id}`, { token })).body.usageCount).toBe(6);
    const again = await Promise.all(Array.from({ length: 10 }, (_, i) => redeem(p.id, { orderReference: `ord-flash-again-${i}` })));
    expect(again.filter((r) => r.status === 201)).toHaveLength(1);
    expect((await t.api('GET', `/admin/promotions/${p.id}`, { token })).body.usageCount).toBe(7);
  });

  it('50 concurrent redemptions by one customer limited to 2 per customer: exactly 2 succeed; others still can', async () => {
    const p = await create({ name: 'Welcome', code: uniqueCode('welcome'), kind: 'free_shipping', perCustomerLimit: 2, usageLimit: 100 });
    const customer = await t.customer();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => redeem(p.id, { orderReference: `ord-welcome-${i}`, customerId: customer.id })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('promotions.customer_limit_reached');
    expect((await t.api('GET', `/admin/promotions/${p.id}`, { token })).body.usageCount).toBe(2);

    const other = await redeem(p.id, { orderReference: 'ord-welcome-other', email: 'Other@Example.com' });
    expect(other.status).toBe(201);
    expect((await redeem(p.id, { orderReference: 'ord-welcome-other-2', email: 'other@example.com' })).status).toBe(201);
    expect((await redeem(p.id, { orderReference: 'ord-welcome-other-3', email: 'OTHER@example.com' })).body.error.code).toBe('promotions.customer_limit_reached');
    const anon = await redeem(p.id, { orderReference: 'ord-welcome-anon' });
    expect(anon.status).toBe(400);
    expect(anon.body.error.code).toBe('promotions.customer_required');

    const eligible = await t.app.modules.promotions.service.eligible(t.app.systemCtx(), { codes: [p.code], customerId: customer.id });
    expect(eligible.rejected[0]).toMatchObject({ reason: 'promotions.customer_limit_reached' });
  });

  it('redeeming the same order reference twice, even at once, counts one use', async () => {
    const p = await create({ name: 'Once', code: uniqueCode('once'), kind: 'free_shipping', usageLimit: 5 });
    const results = await Promise.all(Array.from({ length: 10 }, () => redeem(p.id, { orderReference: 'ord-same' })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect((await t.api('GET', `/admin/promotions/${p.id}`, { token })).body.usageCount).toBe(1);
  });
});

describe('validity window as time passes', () => {
  // The service with the app's clock moved (staff tokens are checked against real time, so this part skips HTTP).
  it('a code works from startsAt up to (not including) endsAt', async () => {
    const clock = fixedClock(new Date('2030-03-01T00:00:00.000Z'));
    const app = await startTestApp({}, { clock });
    try {
      const svc = app.app.modules.promotions.service;
      const ctx = app.app.systemCtx();
      const p = await svc.create(ctx, { name: 'March madness', code: 'MARCH', kind: 'percentage', percent: 30, startsAt: '2030-03-10T00:00:00Z', endsAt: '2030-03-20T00:00:00Z' });
      const use = async (ref: string) => { const r = await svc.redeem(ctx, { promotionId: p.id, orderReference: ref }); return r.ok ? 'ok' : r.error.code; };
      const codes = () => svc.eligible(ctx, { codes: ['march'] });

      expect(await use('a')).toBe('promotions.not_started');
      expect((await codes()).rejected[0].reason).toBe('promotions.not_started');
      clock.set(new Date('2030-03-10T00:00:00.000Z'));
      expect(await use('b')).toBe('ok');
      expect((await codes()).promotions.map((x) => x.id)).toEqual([p.id]);
      clock.set(new Date('2030-03-19T23:59:59.999Z'));
      expect(await use('c')).toBe('ok');
      clock.set(new Date('2030-03-20T00:00:00.000Z'));
      expect(await use('d')).toBe('promotions.expired');
      expect((await codes()).rejected[0].reason).toBe('promotions.expired');
      // Releasing after the window still gives the use back (the saga may compensate late).
      await svc.release(ctx, { promotionId: p.id, orderReference: 'b' });
      expect((await svc.get(ctx, p.id)).usageCount).toBe(1);
    } finally {
      await app.close();
    }
  });
});
