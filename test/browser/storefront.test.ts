/**
 * The storefront's golden path in Chromium: a shopper finds a product by instant search, sees
 * where it can be picked up, adds it to the cart, checks out with delivery and a test card, and
 * reads the confirmation with the order number. Screenshots of each key page (desktop and a phone)
 * go to artifacts/screenshots/; first contentful paint of the home page is printed.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstContentfulPaint, startBrowser, type BrowserHarness } from '../support/browser.js';
import { placeOrder, setupShop, type Shop } from '../support/shop.js';

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
    // The page chooses the first method once the quote is in; that can come just after the options render.
    await expect.poll(() => method.isChecked()).toBe(true);
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

  /** Opens a guest's order through the lookup form, as a shopper coming back from the email would. */
  async function openAsGuest(page: Page, order: { displayNumber: string; id: string }, email: string): Promise<void> {
    await page.goto('/order/lookup');
    await page.getByLabel('Order number').fill(order.displayNumber);
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Find order' }).click();
    await page.waitForURL(new RegExp(`/order/${order.id}$`));
    await page.getByTestId('order-number').waitFor();
  }

  /** Staff moves a fulfilment through the admin API, checking each answer. */
  async function staffPost(path: string, body: unknown = {}) {
    const res = await h.t.api('POST', path, { token: shop.admin, body });
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  }

  it('curbside: shows readiness, checks a guest in with "I\'m here", and the store sees the arrival', async () => {
    const { page } = await h.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const email = 'curb@example.com';
    const { order } = await placeOrder(h.t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }], fulfilment: 'curbside', email });

    // Not ready yet: the page says it is being prepared and offers no check-in.
    const [f] = (await staffPost(`/admin/orders/${order.id}/fulfillments`)).items;
    expect(f.kind).toBe('curbside');
    await openAsGuest(page, order, email);
    await page.getByTestId('readiness').filter({ hasText: 'We are preparing your order for collection.' }).waitFor();
    expect(await page.getByRole('button', { name: "I'm here" }).count()).toBe(0);

    await staffPost(`/admin/fulfillments/${f.id}/pick`);
    expect((await staffPost(`/admin/fulfillments/${f.id}/ready`)).status).toBe('ready_for_pickup');
    await page.reload();
    await page.getByTestId('readiness').filter({ hasText: /Ready since .*Tell us when you arrive/ }).waitFor();
    const form = page.getByRole('form', { name: 'Arrived at the store?' });
    await form.getByLabel('Vehicle (make, colour, plate)').fill('Blue Volvo, AB12 CDE');
    await form.getByLabel('Parking bay').fill('4');
    await form.getByLabel('Note for the team').fill('Boot is open');
    await form.getByRole('button', { name: "I'm here" }).click();
    await page.getByTestId('checked-in').waitFor();
    expect(await page.getByText('You are checked in').count()).toBe(1);
    expect(await page.getByTestId('readiness').textContent()).toContain('You have checked in');
    await page.locator('.ful').getByText('Checked in', { exact: true }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await h.screenshot(page, 'store-curbside');

    // The store's pickup queue sees the arrival with where to find the shopper.
    const seen = await h.t.api('GET', `/admin/fulfillments/${f.id}`, { token: shop.admin });
    expect(seen.status).toBe(200);
    expect(seen.body.status).toBe('arrived');
    expect(seen.body.arrivedAt).toBeTruthy();
    expect(seen.body.arrival).toEqual({ vehicle: 'Blue Volvo, AB12 CDE', bay: '4', note: 'Boot is open' });

    // Coming back later shows the check-in, not the form again.
    await page.reload();
    await page.getByTestId('checked-in').waitFor();
    expect(await page.getByRole('button', { name: "I'm here" }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('guest returns: asks to return collected units with a reason per line and a note, and shows the status', async () => {
    const { page } = await h.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const email = 'returner@example.com';
    const { order } = await placeOrder(h.t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 2 }, { variantId: shop.variants.mug, quantity: 1 }], fulfilment: 'pickup', email });
    const [f] = (await staffPost(`/admin/orders/${order.id}/fulfillments`)).items;
    await staffPost(`/admin/fulfillments/${f.id}/pick`);
    await staffPost(`/admin/fulfillments/${f.id}/ready`);

    // Ready but not collected: readiness shows and nothing can be returned yet.
    await openAsGuest(page, order, email);
    await page.getByTestId('readiness').filter({ hasText: /Ready to collect since/ }).waitFor();
    expect(await page.getByRole('form', { name: 'Return items' }).count()).toBe(0);

    await staffPost(`/admin/fulfillments/${f.id}/picked-up`);
    await page.reload();
    await page.getByTestId('readiness').filter({ hasText: /Collected on/ }).waitFor();
    const form = page.getByRole('form', { name: 'Return items' });
    await form.getByLabel('Quantity to return of Order Path Tee').fill('1');
    await form.getByLabel('Reason for Order Path Tee').selectOption('too_small');
    await form.getByLabel('Quantity to return of Order Path Mug').fill('1');
    await form.getByLabel('Reason for Order Path Mug').selectOption('damaged');
    await form.getByLabel('Anything we should know? (optional)').fill('The mug arrived chipped.');
    await form.getByRole('button', { name: 'Request return' }).click();
    await page.getByText('Return requested. We will email you the next steps.').waitFor();
    const list = page.getByTestId('returns');
    await list.getByText('Requested', { exact: true }).waitFor();
    expect(await list.textContent()).toContain('Order Path Mug × 1 · Damaged');
    // One tee is left to return; the mug is not offered again while its return is open.
    expect(await form.getByLabel('Quantity to return of Order Path Tee').getAttribute('max')).toBe('1');
    expect(await form.getByLabel('Quantity to return of Order Path Mug').count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await h.screenshot(page, 'store-return');

    const seen = await h.t.api('POST', '/store/orders/lookup', { body: { number: order.number, email } });
    expect(seen.body.returns).toHaveLength(1);
    const r = seen.body.returns[0];
    expect(r.status).toBe('requested');
    expect(r.source).toBe('guest');
    expect(r.note).toBe('The mug arrived chipped.');
    const byLine = Object.fromEntries(r.lines.map((l: any) => [seen.body.lines.find((x: any) => x.id === l.orderLineId).variantId, [l.quantity, l.reason]]));
    expect(byLine).toEqual({ [shop.variants.tee]: [1, 'too_small'], [shop.variants.mug]: [1, 'damaged'] });

    // Staff authorises: the shopper sees the new status.
    await staffPost(`/admin/returns/${r.id}/authorize`, {});
    await page.reload();
    await page.getByTestId('returns').getByText('Approved — send it back').waitFor();
    expect(errors).toEqual([]);
  });

  it('password reset: asks for a link, sets a new password from the emailed link (once), and signs in with it', async () => {
    const c = await h.t.customer();
    const { page } = await h.newPage();
    await page.goto('/account');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL(/\/account\/forgot$/);
    await page.getByLabel('Email').fill(c.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText(`If an account uses ${c.email}, a reset link is on its way.`, { exact: false }).waitFor();

    // The emailed link points at the storefront's reset page.
    const mail = h.t.app.mailer.recent().filter((m) => m.to === c.email).pop()!;
    const link = new URL(/https?:\/\/\S+/.exec(mail.text)![0]);
    expect(link.pathname).toBe('/account/reset-password');
    await page.goto(link.pathname + link.search);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill('a brand new secret');
    await page.getByLabel('Repeat the new password').fill('a different secret');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('The two passwords differ.').waitFor();
    await page.getByLabel('Repeat the new password').fill('a brand new secret');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText(/Your password is changed/).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await h.screenshot(page, 'store-reset');
    expect((await h.t.api('POST', '/store/auth/login', { body: { email: c.email, password: 'a brand new secret' } })).status).toBe(200);

    // The link works once.
    await page.goto(link.pathname + link.search);
    await page.getByLabel('New password', { exact: true }).fill('yet another secret');
    await page.getByLabel('Repeat the new password').fill('yet another secret');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('This reset link is invalid, used or expired. Ask for a new one.').waitFor();
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
