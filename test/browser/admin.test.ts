/**
 * The admin in Chromium: a staff member signs in with two-step verification (TOTP enrolled through
 * the API), finds an order placed through a real checkout, fulfils it (creates the fulfilment,
 * picks, packs, ships with a carrier and tracking number) and refunds part of it. Screenshots of
 * the dashboard, orders list, order detail and product editor go to artifacts/screenshots/.
 */
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowser, type BrowserHarness } from '../support/browser.js';
import { placeOrder, setupShop, type Shop } from '../support/shop.js';

let h: BrowserHarness;
let shop: Shop;
let order: any;
let owner: { email: string; password: string; token: string };
let secret: string;

beforeAll(async () => {
  h = await startBrowser();
  const t = h.t;
  shop = await setupShop(t);
  // A few orders so the dashboard has something to show; the last is the one we fulfil.
  await placeOrder(t, shop, { lines: [{ variantId: shop.variants.mug, quantity: 2 }] });
  await placeOrder(t, shop, { lines: [{ variantId: shop.variants.poster, quantity: 1 }], email: 'poster@example.com' });
  order = (await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 2 }, { variantId: shop.variants.mug, quantity: 1 }], email: 'ada@example.com' })).order;
  await t.drain();
  owner = await t.staff('owner');
  const setup = await t.api('POST', '/admin/auth/mfa/setup', { token: owner.token, body: {} });
  expect(setup.status).toBe(200);
  secret = setup.body.secret;
  expect((await t.api('POST', '/admin/auth/mfa/enable', { token: owner.token, body: { code: generateSync({ secret }) } })).status).toBe(200);
});
afterAll(async () => { await h?.close(); });

/** Dismisses the toasts so a full-page screenshot shows the page under them. */
async function clearToasts(page: import('playwright-core').Page) {
  for (const b of await page.locator('.ui-toasts button[aria-label="Dismiss"]').all()) await b.click({ timeout: 500 }).catch(() => undefined);
  await page.mouse.move(0, 0);
}

describe('admin in the browser', () => {
  it('signs in with MFA, fulfils an order with tracking and refunds part of it', async () => {
    const { page } = await h.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto('/admin');
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Authentication code').fill(generateSync({ secret }));
    await page.getByRole('button', { name: 'Verify' }).click();

    // The dashboard, with live figures.
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.locator('[data-testid="kpi-orders"] .kpi__value').filter({ hasText: '3' }).waitFor();
    await page.locator('.live-dot--on').waitFor();
    await page.locator('.top-list li').first().waitFor();
    await page.mouse.move(0, 0);
    await h.screenshot(page, 'admin-dashboard');

    // The orders list, filtered to the customer.
    await page.getByRole('link', { name: 'Orders', exact: true }).click();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    await page.getByText(order.displayNumber).waitFor();
    await h.screenshot(page, 'admin-orders');
    await page.getByPlaceholder('Search by customer email').fill('ada@example.com');
    await page.getByPlaceholder('Search by customer email').press('Enter');
    // The unfiltered list also shows Ada's order: wait until the search's answer has replaced it.
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    await page.locator('tbody tr').filter({ hasText: 'ada@example.com' }).first().waitFor();
    await page.getByRole('link', { name: order.displayNumber }).click();

    // Fulfil: create, pick, pack, ship with a manual carrier and tracking number.
    await page.getByRole('heading', { name: new RegExp(`Order ${order.displayNumber}`) }).waitFor();
    await page.getByRole('button', { name: 'Create fulfilment' }).click();
    await page.getByRole('button', { name: 'Start picking' }).click();
    await page.getByRole('button', { name: 'Mark packed' }).click();
    await page.getByRole('button', { name: 'Ship', exact: true }).click();
    await page.getByLabel('Carrier', { exact: true }).selectOption('manual');
    await page.getByLabel('Carrier name').fill('UPS');
    await page.getByLabel('Tracking number').fill('1Z999AA10123456784');
    await page.locator('dialog').getByRole('button', { name: 'Ship', exact: true }).click();
    await page.locator('[data-testid="fulfilment"]').getByText('1Z999AA10123456784').waitFor();
    await page.locator('[data-testid="fulfilment"]').getByText('Shipped').waitFor();

    // Refund one mug: a staff return, received and refunded to the card.
    await page.getByRole('button', { name: 'Refund', exact: true }).click();
    await page.getByLabel('Units of Order Path Mug to refund').fill('1');
    await page.locator('dialog').getByRole('button', { name: /^Refund \$/ }).click();
    await page.getByText(/^Refunded \$/).first().waitFor();
    await page.locator('.totals').getByText('Refunded').waitFor();
    await clearToasts(page);
    await h.screenshot(page, 'admin-order-detail');

    const after = await h.t.api('GET', `/admin/orders/${order.id}`, { token: owner.token });
    const mug = after.body.lines.find((l: any) => l.variantId === shop.variants.mug);
    expect(after.body.refundedTotal).toBe(mug.total);
    expect(after.body.paymentStatus).toBe('partially_refunded');
    expect(after.body.fulfillmentStatus).toBe('partially_returned');
    const fulfilments = await h.t.api('GET', `/admin/orders/${order.id}/fulfillments`, { token: owner.token });
    expect(fulfilments.body.items[0]).toMatchObject({ status: 'shipped', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });

    // The product editor.
    const tee = await h.t.api('GET', `/admin/products?q=${encodeURIComponent('Order Path Tee')}`, { token: owner.token });
    await page.goto(`/admin#/products/${tee.body.items[0].id}`);
    await page.getByRole('heading', { name: /Order Path Tee/ }).waitFor();
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Order Path Tee');
    await h.screenshot(page, 'admin-product-editor');
    expect(errors).toEqual([]);
  });
});
