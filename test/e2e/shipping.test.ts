import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeTotals } from '../../src/modules/cart/index.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = (await t.staff('admin')).token;
});
afterAll(async () => { await t?.close(); });

async function post(url: string, body: Record<string, unknown>) {
  const res = await t.api('POST', url, { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const quote = async (qs: string) => {
  const res = await t.api('GET', `/store/shipping-options?${qs}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as { id: string; kind: string; amount: number; rate: number; locationId: string | null; freeOverSubtotal: number | null; name: string; currency: string }[];
};

describe('shipping zones, methods and quotes', () => {
  it('quotes delivery by zone and weight, free over a threshold, plus pickup and curbside', async () => {
    const us = await post('/admin/shipping/zones', { name: 'United States', areas: [{ country: 'US' }] });
    const remote = await post('/admin/shipping/zones', { name: 'Alaska and Hawaii', areas: [{ country: 'us', region: 'ak' }, { country: 'US', region: 'HI' }, { country: 'US', region: 'HI' }] });
    expect(remote.areas).toEqual([{ country: 'US', region: 'AK' }, { country: 'US', region: 'HI' }]);
    const standard = await post('/admin/shipping/methods', {
      kind: 'delivery', name: 'Standard', zoneId: us.id, currency: 'usd', freeOverSubtotal: 7500,
      brackets: [{ upToGrams: null, amount: 1800 }, { upToGrams: 1000, amount: 599 }, { upToGrams: 5000, amount: 999 }],
    });
    expect(standard.brackets.map((b: any) => b.upToGrams)).toEqual([1000, 5000, null]);
    const express = await post('/admin/shipping/methods', { kind: 'delivery', name: 'Express', zoneId: us.id, currency: 'USD', brackets: [{ upToGrams: 2000, amount: 1999 }] });
    await post('/admin/shipping/methods', { kind: 'delivery', name: 'Island', zoneId: remote.id, currency: 'USD', brackets: [{ upToGrams: null, amount: 3500 }] });
    const pickup = await post('/admin/shipping/methods', { kind: 'pickup', name: 'Pick up at Downtown', locationId: 'loc_downtown' });
    const curbside = await post('/admin/shipping/methods', { kind: 'curbside', name: 'Curbside at Downtown', locationId: 'loc_downtown' });

    const light = await quote('country=US&region=NY&weightGrams=800&subtotal=3000&currency=USD');
    expect(light.map((o) => [o.name, o.amount])).toEqual([['Standard', 599], ['Express', 1999], ['Curbside at Downtown', 0], ['Pick up at Downtown', 0]]);
    expect(light.find((o) => o.id === pickup.id)).toMatchObject({ kind: 'pickup', locationId: 'loc_downtown', amount: 0 });
    expect(light.find((o) => o.id === curbside.id)).toMatchObject({ kind: 'curbside', locationId: 'loc_downtown' });

    const heavy = await quote('country=US&weightGrams=12000&subtotal=3000&currency=USD');
    expect(heavy.filter((o) => o.kind === 'delivery').map((o) => [o.name, o.amount])).toEqual([['Standard', 1800]]);
    const free = await quote('country=US&weightGrams=800&subtotal=7500&currency=USD');
    expect(free[0]).toMatchObject({ id: standard.id, amount: 0, rate: 599, freeOverSubtotal: 7500 });
    const island = await quote('country=US&region=HI&weightGrams=800&subtotal=3000&currency=USD');
    expect(island.filter((o) => o.kind === 'delivery').map((o) => o.name)).toEqual(['Island']);
    const abroad = await quote('country=FR&weightGrams=800&subtotal=3000&currency=EUR');
    expect(abroad.map((o) => o.kind)).toEqual(['curbside', 'pickup']);

    // The quote goes straight into the totals: the threshold is checked against the discounted subtotal.
    const chosen = (await quote('country=US&weightGrams=800&subtotal=8000&currency=USD'))[0];
    expect(chosen.amount).toBe(0);
    const totals = computeTotals({
      lines: [{ variantId: 'v1', productId: 'p1', categoryIds: [], unitPrice: 8000, quantity: 1, weightGrams: 800, taxClass: null }], currency: 'USD',
      promotions: [{ id: 'promo_x', name: 'Ten off', code: 'TEN', kind: 'percentage', percent: 10, amount: null, amountScope: null, currency: null,
        targets: { variantIds: [], productIds: [], categoryIds: [] }, buyX: null, getY: null, maxApplications: null, minSubtotal: null, combinable: true, priority: 0 }],
      taxRates: [], taxInclusive: false, shipping: chosen,
    });
    expect(totals.shippingTotal).toBe(599);
    expect(totals.total).toBe(8000 - 800 + 599);

    // Archiving: the method, then the zone, stop being offered.
    expect((await t.api('DELETE', `/admin/shipping/methods/${express.id}`, { token })).status).toBe(204);
    expect((await quote('country=US&weightGrams=800&subtotal=0&currency=USD')).map((o) => o.name)).not.toContain('Express');
    expect((await t.api('DELETE', `/admin/shipping/zones/${us.id}`, { token })).status).toBe(204);
    expect((await quote('country=US&weightGrams=800&subtotal=0&currency=USD')).filter((o) => o.kind === 'delivery')).toEqual([]);
    expect((await t.api('GET', '/admin/shipping/zones?includeInactive=true', { token })).body.items.map((z: any) => z.id)).toContain(us.id);

    const events = await t.app.database.db.selectFrom('outbox').select('type').where('aggregate_id', '=', standard.id).execute();
    expect(events.map((e: any) => e.type)).toEqual(['shipping_method.changed']);
    const audit = await t.app.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', us.id).execute();
    expect(audit.map((a: any) => a.action)).toEqual(['shipping_zone.created', 'shipping_zone.archived']);
  });

  it('changes methods, re-checking the merged definition, and refuses incomplete ones naming the field', async () => {
    const zone = await post('/admin/shipping/zones', { name: 'Germany', areas: [{ country: 'DE' }] });
    const m = await post('/admin/shipping/methods', { kind: 'delivery', name: 'DHL', zoneId: zone.id, currency: 'EUR', brackets: [{ upToGrams: null, amount: 490 }] });
    const patched = await t.api('PATCH', `/admin/shipping/methods/${m.id}`, { token, body: { freeOverSubtotal: 5000, name: 'DHL Paket' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'DHL Paket', freeOverSubtotal: 5000, currency: 'EUR' });
    const cases: [string, string, Record<string, unknown>, string, number][] = [
      ['POST', '/admin/shipping/methods', { kind: 'delivery', name: 'x', currency: 'EUR', brackets: [{ upToGrams: null, amount: 1 }] }, 'body.zoneId', 400],
      ['POST', '/admin/shipping/methods', { kind: 'pickup', name: 'x' }, 'body.locationId', 400],
      ['POST', '/admin/shipping/methods', { kind: 'delivery', name: 'x', zoneId: 'shz_missing', currency: 'EUR', brackets: [{ upToGrams: null, amount: 1 }] }, 'body.zoneId', 404],
      ['PATCH', `/admin/shipping/methods/${m.id}`, { brackets: [] }, 'body.brackets', 400],
      ['PATCH', `/admin/shipping/methods/${m.id}`, { kind: 'pickup' }, 'body.locationId', 400],
    ];
    for (const [method, url, body, field, status] of cases) {
      const res = await t.api(method, url, { token, body });
      expect(res.status, `${method} ${JSON.stringify(body)}`).toBe(status);
      const fields = Array.isArray(res.body.error.details) ? res.body.error.details.map((d: any) => d.field) : [res.body.error.details.field];
      expect(fields).toContain(field);
    }
    const bad = await t.api('GET', '/store/shipping-options?country=USA&weightGrams=-1&subtotal=0&currency=USD');
    expect(bad.status).toBe(400);
  });
});
