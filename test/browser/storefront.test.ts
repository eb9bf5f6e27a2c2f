/**
 * The storefront's golden path in Chromium: a shopper finds a product by instant search, sees
 * where it can be picked up, adds it to the cart, checks out with delivery and a test card, and
 * reads the confirmation with the order number. Screenshots of each key page (desktop and a phone)
 * go to artifacts/screenshots/; first contentful paint of the home page is printed.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstContentfulPaint, startBrowser, type BrowserHarness } from '../support/browser.js';
import { setupShop, type Shop } from '../support/shop.js';

/** Scrolls through the page so lazy images load before a full-page screenshot. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 30)); }
    window.scrollTo(0, 0);
  });
  await page.waitForLoadState('networkidle');
}

describe('storefront', () => {
  let h: BrowserHarness;
  let shop: Shop;
  let category: { handle: string };

  beforeAll(async () => {
    h = await startBrowser();
    shop = await setupShop(h.t);
    // A category holding the shop's products, for the category page.
    const cat = await h.t.api('POST', '/admin/categories', { token: shop.admin, body: { name: 'Apparel', handle: 'apparel', description: 'Tees, mugs and posters for the order path.' } });
    expect(cat.status).toBe(201);
    category = cat.body;
    const list = await h.t.api('GET', '/store/products?q=order%20path');
    for (const p of list.body.items) {
      const res = await h.t.api('PATCH', `/admin/products/${p.id}`, { token: shop.admin, body: { categoryIds: [cat.body.id] } });
      expect(res.status).toBe(200);
    }
  });
  afterAll(async () => { await h?.close(); });

  it('finds a product by search, adds it to the cart, checks out with delivery and tok_visa, and shows the order number', async () => {
    const { page } = await h.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const fcp = await firstContentfulPaint(page);
    console.log(`storefront first contentful paint: ${fcp?.toFixed(0)} ms`);
    await page.getByRole('heading', { name: 'Picked for you' }).waitFor();
    await settle(page);
    await h.screenshot(page, 'store-home-desktop');

    await page.goto(`/c/${category.handle}`);
    await page.getByRole('heading', { level: 1, name: 'Apparel' }).waitFor();
    await page.getByRole('link', { name: 'Order Path Tee' }).waitFor();
    await settle(page);
    await h.screenshot(page, 'store-category-desktop');

    // Instant search: results appear while typing; the arrow keys and Enter open one.
    await page.goto('/');
    const search = page.getByRole('combobox', { name: 'Search products' });
    await search.fill('order path te');
    const option = page.getByRole('option', { name: /Order Path Tee/ });
    await option.waitFor();
    await search.press('ArrowDown');
    await search.press('Enter');
    await page.waitForURL(/\/p\//);
    await page.getByRole('heading', { level: 1, name: 'Order Path Tee' }).waitFor();

    // The product page offers pickup at the shop, which has 5 in stock.
    const pickup = page.getByTestId('pickup');
    const storeName = (await h.t.api('GET', '/store/locations')).body.items.find((l: any) => l.id === shop.store.id).name;
    await pickup.getByText(`Pick up at ${storeName}`).waitFor();
    expect(await pickup.textContent()).toContain('Ready today · 5 in stock');
    await settle(page);
    await h.screenshot(page, 'store-product-desktop');

    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Order Path Tee added to your cart').waitFor();
    await page.getByTestId('cart-link').click();
    await page.getByRole('heading', { level: 1, name: 'Your cart' }).waitFor();
    await page.getByText('$25.00').first().waitFor();
    await h.screenshot(page, 'store-cart-desktop');

    await page.getByRole('button', { name: 'Check out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('First name').fill(shop.address.firstName);
    await page.getByLabel('Last name').fill(shop.address.lastName);
    await page.getByLabel('Address', { exact: true }).fill(shop.address.line1);
    await page.getByLabel('City').fill(shop.address.city);
    await page.getByLabel('State / region').fill(shop.address.region);
    await page.getByLabel('Postal code').fill(shop.address.postalCode);
    await page.getByLabel('Phone (optional)').focus();
    // Leaving the postal code quotes delivery; the first method is chosen.
    const method = page.getByRole('radio', { name: new RegExp(`Standard`) });
    await method.waitFor();
    expect(await method.isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /Visa test card/ }).isChecked()).toBe(true);
    await page.getByTestId('cart-total').filter({ hasText: '$32.99' }).waitFor(); // 25.00 + 5.99 shipping + 8 % tax on the goods
    await page.evaluate(() => window.scrollTo(0, 0));
    await h.screenshot(page, 'store-checkout-desktop');

    await page.getByTestId('place-order').click();
    await page.waitForURL(/\/order\/ord_/);
    await page.getByRole('heading', { level: 1, name: /Thank you, Ada/ }).waitFor();
    const number = (await page.getByTestId('order-number').textContent())!.trim();
    expect(number).toMatch(/^#?\d+$/);
    expect(await page.getByText(`Order ${number} is confirmed`).count()).toBeGreaterThan(0);
    await h.screenshot(page, 'store-confirmation-desktop');

    // The order really exists, paid, for that shopper; and the cart badge is empty again.
    const orderId = page.url().split('/order/')[1];
    const lookup = await h.t.api('POST', '/store/orders/lookup', { body: { number, email: 'ada@example.com' } });
    expect(lookup.status).toBe(200);
    expect(lookup.body.id).toBe(orderId);
    expect(lookup.body.lines.map((l: any) => l.variantId)).toEqual([shop.variants.tee]);
    expect(await page.getByTestId('cart-link').getAttribute('aria-label')).toBe('Cart, 0 items');
    expect(errors).toEqual([]);
  });

  it('works on a phone: home, category, product with pickup, cart and checkout', async () => {
    const { page } = await h.newPage({ viewport: 'mobile' });
    await page.goto('/');
    await page.getByRole('heading', { name: 'Picked for you' }).waitFor();
    await settle(page);
    await h.screenshot(page, 'store-home-mobile');
    await page.goto(`/c/${category.handle}`);
    await page.getByRole('link', { name: 'Order Path Mug' }).waitFor();
    await settle(page);
    await h.screenshot(page, 'store-category-mobile');
    await page.getByRole('link', { name: 'Order Path Mug' }).click();
    await page.getByRole('heading', { level: 1, name: 'Order Path Mug' }).waitFor();
    expect(await page.getByTestId('pickup').textContent()).toContain('Ready today · 3 in stock');
    await settle(page);
    await h.screenshot(page, 'store-product-mobile');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Order Path Mug added to your cart').waitFor();
    await page.goto('/cart');
    await page.getByRole('heading', { level: 1, name: 'Your cart' }).waitFor();
    await h.screenshot(page, 'store-cart-mobile');
    await page.getByRole('button', { name: 'Check out' }).click();
    await page.getByRole('radio', { name: /Pick up in store/ }).check();
    await page.getByTestId('cart-total').filter({ hasText: '$12.96' }).waitFor(); // pickup: no shipping, taxed at the shop
    await page.evaluate(() => window.scrollTo(0, 0));
    await h.screenshot(page, 'store-checkout-mobile');
  });

  it('speaks French when asked, and formats money for it', async () => {
    const { page } = await h.newPage();
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await page.getByRole('heading', { name: 'Sélectionné pour vous' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.goto(`/c/${category.handle}`);
    await page.getByText('25,00 $US').first().waitFor();
    await h.screenshot(page, 'store-category-fr');
  });

  it('kiosk mode: big touch targets, no account, and back to the start after inactivity', async () => {
    const { page } = await h.newPage({ viewport: 'desktop' });
    await page.goto('/kiosk?idle=3');
    await page.getByRole('heading', { level: 1, name: 'Welcome! Touch to start shopping' }).waitFor();
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(0);
    await settle(page);
    await h.screenshot(page, 'store-kiosk');
    await page.getByRole('link', { name: /^Apparel/ }).first().click();
    await page.waitForURL(/\/c\/apparel/);
    // No touch for three seconds: the screen warns, then resets to the kiosk home.
    await page.waitForURL(/\/kiosk$/, { timeout: 10_000 });
    await page.getByRole('heading', { level: 1, name: 'Welcome! Touch to start shopping' }).waitFor();
  });
});
