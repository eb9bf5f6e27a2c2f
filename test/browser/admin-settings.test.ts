/**
 * Admin settings and returns in Chromium: an owner adds a tax rate (after the API refuses a bad
 * country, shown beside the field) and a delivery method with weight brackets and a free-over
 * threshold through the settings page, and both are checked through the API; a guest's return is
 * authorised with a restocking fee, received (restock and write-off) and refunded from the returns
 * page (artifacts/screenshots/admin-returns*.png). Screenshots go to
 * artifacts/screenshots/admin-settings-*.png. An existing discount is then edited through its dialog.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowser, type BrowserHarness } from '../support/browser.js';
import { placeOrder, setupShop, type Shop } from '../support/shop.js';

let h: BrowserHarness;
let shop: Shop;
let owner: { email: string; password: string; token: string };

beforeAll(async () => {
  h = await startBrowser();
  shop = await setupShop(h.t);
  owner = await h.t.staff('owner');
});
afterAll(async () => { await h?.close(); });

async function clearToasts(page: Page) {
  for (const b of await page.locator('.ui-toasts button[aria-label="Dismiss"]').all()) await b.click({ timeout: 500 }).catch(() => undefined);
  await page.mouse.move(0, 0);
}

async function signIn(page: Page) {
  await page.goto('/admin');
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill(owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Settings' }).waitFor();
}

describe('admin settings in the browser', () => {
  it('adds a tax rate, a zone, a delivery method with weight brackets and a pickup location through the settings page, and edits a discount', async () => {
    expect(shop.store.id).toBeTruthy();
    const { page } = await h.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page);

    // Taxes: a bad country is refused with the field named; then the rate is added.
    await page.goto('/admin#/settings?tab=taxes');
    await page.getByRole('heading', { name: 'Tax rates' }).waitFor();
    await page.getByRole('button', { name: 'Add rate' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByLabel('Rate name').fill('New York UI');
    await dialog.getByLabel('Country').fill('U');
    await dialog.getByLabel('Region (optional)').fill('NY');
    await dialog.getByLabel('Rate (%)').fill('6.25');
    await dialog.getByRole('button', { name: 'Add rate' }).click();
    await dialog.locator('.ui-alert, [role="alert"]').first().waitFor();
    await dialog.getByText('body.country', { exact: true }).waitFor();
    await dialog.locator('.ui-field--error').getByText(/must match pattern/).waitFor();
    await h.screenshot(page, 'admin-settings-tax-error', { fullPage: false });
    await dialog.getByLabel('Country').fill('US');
    await dialog.getByRole('button', { name: 'Add rate' }).click();
    await page.locator('tbody tr').filter({ hasText: 'New York UI' }).getByText('6.25%').waitFor();
    await page.getByLabel('Shelf prices include tax (VAT style); otherwise tax is added at checkout').waitFor();
    await clearToasts(page);
    await h.screenshot(page, 'admin-settings-taxes');

    // Shipping: a zone with countries and a region.
    await page.getByRole('tab', { name: 'Shipping' }).click();
    await page.getByRole('button', { name: 'Add zone' }).click();
    await dialog.getByLabel('Zone name').fill('Europe UI');
    await dialog.getByLabel('Areas').fill('FR, DE, ES-CT');
    await dialog.getByRole('button', { name: 'Add zone' }).click();
    await page.locator('tbody tr').filter({ hasText: 'Europe UI' }).getByText('FR, DE, ES-CT').waitFor();
    await clearToasts(page);

    // Shipping: a delivery method in the US zone with two brackets and a free-over threshold.
    await page.getByRole('tab', { name: 'Shipping' }).click();
    await page.getByRole('heading', { name: 'Methods' }).waitFor();
    await page.getByRole('button', { name: 'Add method' }).click();
    await dialog.getByLabel('Method name').fill('Express UI');
    await dialog.getByLabel('Zone').selectOption({ label: 'US' });
    await dialog.getByLabel('Bracket 1 up to (g)').fill('1000');
    await dialog.getByLabel('Bracket 1 price (USD)').fill('7.50');
    await dialog.getByRole('button', { name: 'Add bracket' }).click();
    await dialog.getByLabel('Bracket 2 price (USD)').fill('15.00');
    await dialog.getByLabel('Free over (order subtotal, optional)').fill('100');
    await h.screenshot(page, 'admin-settings-method-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Add method' }).click();
    await page.locator('tbody tr').filter({ hasText: 'Express UI' }).getByText(/free over \$100\.00/).waitFor();
    await clearToasts(page);
    await h.screenshot(page, 'admin-settings-shipping');

    // Payments: the configured providers and capture mode, read-only.
    await page.getByRole('tab', { name: 'Payments' }).click();
    await page.getByText('Immediate', { exact: true }).waitFor();
    await page.locator('tbody tr').filter({ hasText: 'Store credit' }).waitFor();
    await h.screenshot(page, 'admin-settings-payments');

    // Locations: the list with its pickup flag.
    await page.getByRole('tab', { name: 'Locations' }).click();
    await page.locator('tbody tr').filter({ hasText: 'Downtown' }).first().waitFor();
    await page.getByRole('button', { name: 'Add location' }).click();
    await dialog.getByLabel('Location name').fill('Harbour store UI');
    await dialog.getByLabel('Kind').selectOption('store');
    await dialog.getByLabel('Priority').fill('7');
    await dialog.getByLabel('Shoppers may pick up orders here').check();
    await dialog.getByLabel('Address line 1').fill('1 Quay St');
    await dialog.getByLabel('City').fill('Boston');
    await dialog.getByLabel('Postal code').fill('02110');
    await dialog.getByLabel('Country').fill('US');
    await dialog.getByRole('button', { name: 'Add location' }).click();
    await page.locator('tbody tr').filter({ hasText: 'Harbour store UI' }).waitFor();
    await clearToasts(page);
    await h.screenshot(page, 'admin-settings-locations');

    const rates = await h.t.api('GET', '/admin/tax/rates?country=US', { token: owner.token });
    expect(rates.body.items.find((r: any) => r.name === 'New York UI')).toMatchObject({ country: 'US', region: 'NY', postalPrefix: null, rateBp: 625 });
    const zones = await h.t.api('GET', '/admin/shipping/zones', { token: owner.token });
    expect(zones.body.items.find((z: any) => z.name === 'Europe UI').areas).toEqual([{ country: 'FR', region: null }, { country: 'DE', region: null }, { country: 'ES', region: 'CT' }]);
    const locations = await h.t.api('GET', '/admin/locations', { token: owner.token });
    expect(locations.body.items.find((l: any) => l.name === 'Harbour store UI')).toMatchObject({ kind: 'store', pickup: true, priority: 7, address: { line1: '1 Quay St', city: 'Boston', postalCode: '02110', country: 'US' } });
    const methods = await h.t.api('GET', '/admin/shipping/methods', { token: owner.token });
    expect(methods.body.items.find((m: any) => m.name === 'Express UI')).toMatchObject({
      kind: 'delivery', currency: 'USD', active: true, freeOverSubtotal: 10_000,
      brackets: expect.arrayContaining([{ upToGrams: 1000, amount: 750 }, { upToGrams: null, amount: 1500 }]),
    });

    // Discounts: edit an existing promotion's percent, limits and minimum subtotal.
    const promo = await h.t.api('POST', '/admin/promotions', { token: owner.token, body: { name: 'Edit me', code: 'EDITME', kind: 'percentage', percent: 10 } });
    expect(promo.status).toBe(201);
    await page.getByRole('link', { name: 'Discounts' }).click();
    await page.getByRole('button', { name: 'Edit Edit me' }).click();
    await dialog.getByLabel('Percent', { exact: true }).fill('15');
    await dialog.getByLabel('Minimum subtotal (optional)').fill('50');
    await dialog.getByLabel('Per customer limit (optional)').fill('1');
    await h.screenshot(page, 'admin-settings-discount-edit', { fullPage: false });
    await dialog.getByRole('button', { name: 'Save discount' }).click();
    await page.locator('tbody tr').filter({ hasText: 'EDITME' }).getByText('15% off').waitFor();
    const edited = await h.t.api('GET', `/admin/promotions/${promo.body.id}`, { token: owner.token });
    expect(edited.body).toMatchObject({ percent: 15, minSubtotal: 5000, perCustomerLimit: 1, code: 'EDITME', active: true });
    expect(errors).toEqual([]);
  });

  it('authorises a return with a restocking fee, receives it (restock one line, write off one) and refunds it to the card from the returns page', async () => {
    const t = h.t;
    const { order } = await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }, { variantId: shop.variants.mug, quantity: 2 }], email: 'returner@example.com' });
    const placed = await t.app.modules.orders.service.get(t.app.systemCtx(), order.id);
    await t.app.modules.orders.service.recordFulfilment(t.app.systemCtx(), order.id, { lines: placed.lines.map((l: any) => ({ lineId: l.id, quantity: l.quantity })), message: 'sent' });
    const tee = placed.lines.find((l: any) => l.variantId === shop.variants.tee)!;
    const mug = placed.lines.find((l: any) => l.variantId === shop.variants.mug)!;
    const req = await t.api('POST', '/store/orders/returns', { body: { number: placed.number, email: 'returner@example.com', lines: [
      { orderLineId: tee.id, quantity: 1, reason: 'too_small' }, { orderLineId: mug.id, quantity: 1, reason: 'damaged' },
    ] } });
    expect(req.status, JSON.stringify(req.body)).toBe(201);

    const { page } = await h.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page);
    await page.getByRole('link', { name: 'Returns' }).click();
    await page.getByRole('heading', { name: 'Returns' }).waitFor();
    const row = page.locator('tbody tr').filter({ hasText: req.body.id.slice(-8) });
    await row.waitFor();
    await row.getByRole('link', { name: new RegExp(placed.displayNumber) }).waitFor();
    await h.screenshot(page, 'admin-returns-queue');
    await row.getByRole('link', { name: req.body.id.slice(-8) }).click();
    await page.getByRole('heading', { name: new RegExp(`Return for order ${placed.displayNumber}`) }).waitFor();

    // Authorise with a $2.00 restocking fee.
    await page.getByRole('button', { name: 'Authorise' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByLabel(/Restocking fee/).fill('2.00');
    await dialog.getByRole('button', { name: 'Authorise' }).click();
    await page.locator('.ui-badge', { hasText: 'Authorized' }).waitFor();

    // Receive: the tee goes back on the shelf, the damaged mug is written off.
    await page.getByRole('button', { name: 'Receive' }).click();
    await dialog.getByLabel('What to do with Order Path Mug').selectOption('write_off');
    await dialog.getByLabel('Condition of Order Path Mug (optional)').fill('cracked');
    await dialog.getByRole('button', { name: 'Receive' }).click();
    await page.locator('.ui-badge', { hasText: 'Received' }).waitFor();

    // Refund to the card: what the units were worth less the fee.
    const received = await t.api('GET', `/admin/returns/${req.body.id}`, { token: owner.token });
    const worth = received.body.lines.reduce((n: number, l: any) => n + l.value, 0) - 200;
    await page.getByRole('button', { name: 'Refund', exact: true }).click();
    await dialog.getByLabel('Original payment').check();
    await dialog.getByRole('button', { name: /^Refund \$/ }).click();
    await page.locator('.ui-badge', { hasText: 'Refunded' }).waitFor();
    await clearToasts(page);
    await page.locator('.ui-toasts button[aria-label="Dismiss"]').first().waitFor({ state: 'detached', timeout: 6000 }).catch(() => undefined);
    await clearToasts(page);
    await h.screenshot(page, 'admin-returns');

    const after = await t.api('GET', `/admin/returns/${req.body.id}`, { token: owner.token });
    expect(after.body).toMatchObject({ status: 'refunded', restockingFee: 200, refundMethod: 'original_payment', refundTotal: worth });
    expect(Object.fromEntries(after.body.lines.map((l: any) => [l.orderLineId, l.disposition]))).toEqual({ [tee.id]: 'restock', [mug.id]: 'write_off' });
    expect(after.body.lines.find((l: any) => l.orderLineId === mug.id).condition).toBe('cracked');
    const o = await t.api('GET', `/admin/orders/${order.id}`, { token: owner.token });
    expect(o.body.refundedTotal).toBe(worth);
    expect(errors).toEqual([]);
  });
});
