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

describe('tax classes, rates and resolution', () => {
  it('starts with standard, reduced and zero classes; resolves the most specific rate per class; switches to inclusive prices', async () => {
    const classes = (await t.api('GET', '/admin/tax/classes', { token })).body.items;
    expect(classes.map((c: any) => c.code)).toEqual(['reduced', 'standard', 'zero']);
    const id = (code: string) => classes.find((c: any) => c.code === code).id;

    const rate = async (body: Record<string, unknown>) => {
      const res = await t.api('POST', '/admin/tax/rates', { token, body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    await rate({ taxClassId: id('standard'), name: 'US base', country: 'US', rateBp: 0 });
    const ca = await rate({ taxClassId: id('standard'), name: 'California', country: 'us', region: 'ca', rateBp: 725 });
    const la = await rate({ taxClassId: id('standard'), name: 'Los Angeles', country: 'US', region: 'CA', postalPrefix: '900', rateBp: 950 });
    await rate({ taxClassId: id('standard'), name: 'Germany VAT', country: 'DE', rateBp: 1900 });
    await rate({ taxClassId: id('reduced'), name: 'Germany reduced VAT', country: 'DE', rateBp: 700 });
    expect(ca).toMatchObject({ country: 'US', region: 'CA', postalPrefix: null, rateBp: 725 });

    const dup = await t.api('POST', '/admin/tax/rates', { token, body: { taxClassId: id('standard'), name: 'Again', country: 'US', region: 'CA', rateBp: 800 } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('tax.rate_exists');
    const noClass = await t.api('POST', '/admin/tax/rates', { token, body: { taxClassId: 'txc_missing', name: 'x', country: 'US', rateBp: 1 } });
    expect(noClass.status).toBe(404);
    expect(noClass.body.error.code).toBe('tax.class_not_found');

    const resolve = async (qs: string) => (await t.api('GET', `/admin/tax/resolve?${qs}`, { token })).body;
    expect((await resolve('country=US&region=CA&postalCode=90012')).rates).toEqual([expect.objectContaining({ taxClassCode: 'standard', rateId: la.id, rateBp: 950 })]);
    expect((await resolve('country=US&region=CA&postalCode=94105')).rates[0]).toMatchObject({ rateId: ca.id, rateBp: 725 });
    expect((await resolve('country=US&region=NY')).rates[0]).toMatchObject({ rateBp: 0 });
    const de = await resolve('country=DE');
    expect(de.pricesIncludeTax).toBe(false);
    expect(de.rates.map((r: any) => [r.taxClassCode, r.rateBp])).toEqual([['reduced', 700], ['standard', 1900]]);

    const changed = await t.api('PATCH', `/admin/tax/rates/${ca.id}`, { token, body: { rateBp: 750 } });
    expect(changed.body.rateBp).toBe(750);
    expect((await t.api('DELETE', `/admin/tax/rates/${la.id}`, { token })).status).toBe(204);
    expect((await resolve('country=US&region=CA&postalCode=90012')).rates[0].rateBp).toBe(750);

    const settings = await t.api('PUT', '/admin/tax/settings', { token, body: { pricesIncludeTax: true } });
    expect(settings.status).toBe(200);
    expect(settings.body.pricesIncludeTax).toBe(true);
    const vat = await resolve('country=DE');
    expect(vat.pricesIncludeTax).toBe(true);

    // A €11.90 shirt at 19 % VAT, prices including tax: €1.90 of it is tax.
    const totals = computeTotals({
      lines: [{ variantId: 'v1', productId: 'p1', categoryIds: [], unitPrice: 1190, quantity: 1, weightGrams: 200, taxClass: id('standard') },
        { variantId: 'v2', productId: 'p2', categoryIds: [], unitPrice: 1070, quantity: 1, weightGrams: 500, taxClass: id('reduced') }],
      currency: 'EUR', promotions: [], taxRates: vat.rates, taxInclusive: vat.pricesIncludeTax, shipping: null,
    });
    expect(totals.lines.map((l) => l.tax)).toEqual([190, 70]);
    expect(totals.total).toBe(2260);

    const events = await t.app.database.db.selectFrom('outbox').select('type').where('type', 'in', ['tax_rate.changed', 'tax_settings.changed']).execute();
    expect(events.length).toBe(5 + 1 + 1 + 1);
    const audit = await t.app.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', ca.id).execute();
    expect(audit.map((a: any) => a.action)).toEqual(['tax_rate.created', 'tax_rate.updated']);
  });

  it('adds and renames classes; codes are unique', async () => {
    const c = await t.api('POST', '/admin/tax/classes', { token, body: { code: 'Books', name: 'Books' } });
    expect(c.status).toBe(201);
    expect(c.body.code).toBe('books');
    expect((await t.api('POST', '/admin/tax/classes', { token, body: { code: 'books', name: 'Again' } })).body.error.code).toBe('tax.class_code_taken');
    expect((await t.api('PATCH', `/admin/tax/classes/${c.body.id}`, { token, body: { name: 'Books and papers' } })).body.name).toBe('Books and papers');
    // Reading is everyday staff work; changing rates is a store setting.
    const staff = (await t.staff('staff')).token;
    expect((await t.api('GET', '/admin/tax/rates', { token: staff })).status).toBe(200);
    expect((await t.api('PUT', '/admin/tax/settings', { token: staff, body: { pricesIncludeTax: false } })).status).toBe(403);
  });
});
