/**
 * The shopping assistant and recommendations in Chromium: a shopper asks in plain words, sees
 * what was understood as chips and the one product that fits, asks the assistant to add it to the
 * cart (the header's cart count and the cart page follow), sends a photo for visual search, and
 * sees recommendations with their reasons on a product page and in the cart. Screenshots go to
 * artifacts/screenshots/.
 */
import sharp from 'sharp';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowser, type BrowserHarness } from '../support/browser.js';

describe('storefront shopping assistant', () => {
  let h: BrowserHarness;
  let admin: string;
  const handles: Record<string, string> = {};

  async function must(method: string, path: string, body?: unknown, status = 201) {
    const res = await h.t.api(method, path, { token: admin, body });
    if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  const png = (rgb: [number, number, number]) => sharp({ create: { width: 200, height: 200, channels: 3, background: { r: 244, g: 244, b: 240 } } })
    .composite([{ input: { create: { width: 110, height: 110, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }, top: 45, left: 45 }]).png().toBuffer();

  beforeAll(async () => {
    h = await startBrowser();
    admin = (await h.t.staff('admin')).token;
    const footwear = await must('POST', '/admin/categories', { name: 'Footwear', handle: 'footwear' });
    const where = await must('POST', '/admin/locations', { name: 'Warehouse', kind: 'warehouse', address: { line1: '1 Dock Rd', city: 'Portland', region: 'OR', postalCode: '97201', country: 'US' } });
    const boots: [string, number, string[], string[], [number, number, number]][] = [
      ['Summit Hiking Boots', 8900, ['41', '42', '43'], ['waterproof'], [170, 40, 35]],
      ['Ridge Hiking Boots', 12900, ['42'], ['waterproof'], [60, 60, 64]],
      ['Canyon Hiking Boots', 7900, ['42'], [], [140, 100, 60]],
      ['Trail Runner Shoes', 6900, ['42', '43'], [], [40, 90, 190]],
    ];
    for (const [title, price, sizes, tags, colour] of boots) {
      const p = await must('POST', '/admin/products', {
        title, status: 'active', tags, categoryIds: [footwear.id], attributes: { material: 'leather' },
        options: [{ name: 'Size', values: sizes }], variants: sizes.map((s) => ({ options: { Size: s }, prices: [{ currency: 'USD', amount: price }] })),
      });
      handles[title] = p.handle;
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await png(colour))], { type: 'image/png' }), 'boot.png');
      const up = await h.t.api('POST', `/admin/products/${p.id}/images/upload`, { token: admin, raw: form });
      expect(up.status).toBe(201);
      for (const v of p.variants) await must('POST', '/admin/inventory/adjustments', { variantId: v.id, locationId: where.id, reason: 'received', delta: 6 });
    }
    await h.t.drain();
  });
  afterAll(async () => { await h?.close(); });

  it('finds products from a natural-language query and adds one to the cart through the assistant', async () => {
    const { page } = await h.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/');
    await page.getByTestId('assistant-open').click();
    const panel = page.getByRole('dialog', { name: 'Shopping assistant' });
    await panel.waitFor();
    const input = panel.getByRole('textbox', { name: 'Your message to the shopping assistant' });
    await input.fill('waterproof hiking boots under 100 in size 42');
    await input.press('Enter');
    const answer = panel.getByTestId('assistant-answer').first();
    await answer.getByText('I found 1 product').waitFor();
    const chips = answer.getByRole('list', { name: /What I understood/ });
    for (const chip of ['hiking', 'boots', 'waterproof', 'size 42', 'under $100.00']) await chips.getByText(chip, { exact: true }).waitFor();
    await answer.getByRole('link', { name: /Summit Hiking Boots/ }).waitFor();
    expect(await answer.getByRole('link').count()).toBe(1);
    await h.screenshot(page, 'store-assistant-search', { fullPage: false });

    // Clicking a chip puts its words in the box to change them: a new bound edits the last search.
    await chips.getByRole('button', { name: 'under $100.00', exact: true }).click();
    expect(await input.inputValue()).toBe('under 100');
    await input.fill('under 85');
    await input.press('Enter');
    const edited = panel.getByTestId('assistant-answer').nth(1);
    await edited.getByText('I found nothing for hiking, boots, waterproof, size 42, under $85.00 in the catalogue.').waitFor();
    // Removing the price chip widens the search to the boot over 100.
    await answer.getByRole('button', { name: 'Remove under $100.00' }).click();
    const wider = panel.getByTestId('assistant-answer').nth(2);
    await wider.getByText('I found 2 products').waitFor();
    await wider.getByRole('link', { name: /Ridge Hiking Boots/ }).waitFor();

    await input.fill('add the first one to my cart');
    await input.press('Enter');
    await panel.getByText('Added 1 × Summit Hiking Boots (42) to your cart at $89.00 each.').waitFor();
    await page.getByTestId('cart-link').getByText('1').waitFor();
    await h.screenshot(page, 'store-assistant-added', { fullPage: false });

    // A comparison as a table of real attributes.
    await input.fill('compare Summit Hiking Boots and Canyon Hiking Boots');
    await input.press('Enter');
    const table = panel.getByRole('table');
    await table.getByRole('cell', { name: '$89.00' }).waitFor();
    await table.getByRole('cell', { name: '$79.00' }).waitFor();

    // Visual search from a photo: the red-ish boot comes first.
    const dir = mkdtempSync(join(tmpdir(), 'photo-'));
    const file = join(dir, 'my-boot.png');
    writeFileSync(file, await png([190, 45, 40]));
    await panel.locator('input[type=file]').setInputFiles(file);
    const photo = panel.getByTestId('assistant-photo');
    await photo.getByText(/look like your photo/).waitFor();
    expect(await photo.getByRole('link').first().textContent()).toBe('Summit Hiking Boots');
    await h.screenshot(page, 'store-assistant-photo', { fullPage: false });

    await panel.getByRole('button', { name: 'Close' }).click();
    await page.goto('/cart');
    await page.getByText('Summit Hiking Boots').first().waitFor();
    const cartRecs = page.locator('[data-slot="cart-recs"]');
    await cartRecs.getByRole('heading', { name: 'You may also like' }).waitFor();
    // The shelf shows its heading over a skeleton while the list loads: wait for the items.
    await cartRecs.getByTestId('rec-reason').first().waitFor();
    expect(await cartRecs.getByTestId('rec-reason').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('shows recommendations with their reasons on a product page, and asks about the product in view', async () => {
    const { page } = await h.newPage();
    await page.goto(`/p/${handles['Canyon Hiking Boots']}`);
    await page.getByRole('heading', { level: 1, name: 'Canyon Hiking Boots' }).waitFor();
    const similar = page.locator('[data-slot="similar"]');
    await similar.getByRole('heading', { name: 'Similar items' }).waitFor();
    await similar.getByTestId('rec-reason').first().waitFor();
    const reasons = await similar.getByTestId('rec-reason').allTextContents();
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) expect(r.trim().length).toBeGreaterThan(3);
    expect(await similar.getByRole('link', { name: 'Canyon Hiking Boots' }).count()).toBe(0);
    await page.getByTestId('assistant-open').click();
    const panel = page.getByRole('dialog', { name: 'Shopping assistant' });
    const input = panel.getByRole('textbox', { name: 'Your message to the shopping assistant' });
    await input.fill('is it available in size 43?');
    await input.press('Enter');
    await panel.getByText('No: Canyon Hiking Boots does not come in 43. It comes in 42.').waitFor();
    await h.screenshot(page, 'store-product-recommendations');
  });
});
