/**
 * The admin's recommendation emails page in Chromium: staff see the customer segments computed
 * from the orders, send a segment its recommendations, and watch the campaign reach 100 % with the
 * emails queued; the mail outbox holds one message per consenting customer. Screenshot saved.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowser, type BrowserHarness } from '../support/browser.js';
import { placeOrder, setupShop } from '../support/shop.js';

describe('admin: recommendation emails', () => {
  let h: BrowserHarness;
  let owner: { email: string; password: string; token: string };

  beforeAll(async () => {
    h = await startBrowser();
    const t = h.t;
    owner = await t.staff('owner');
    const shop = await setupShop(t, { teeStock: { warehouse: 100, store: 0 }, mugStock: { warehouse: 100, store: 0 } });
    for (let i = 0; i < 3; i++) {
      const reg = await t.api('POST', '/store/auth/register', { body: { email: `fan${i}-${randomUUID().slice(0, 6)}@example.com`, password: 'a long enough secret', firstName: `Fan${i}`, acceptsMarketing: true } });
      await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }], customerToken: reg.body.tokens.accessToken });
    }
    await t.drain();
  });
  afterAll(async () => { await h?.close(); });

  it('sends a segment its recommendations and shows the campaign progress to the end', async () => {
    const errors: string[] = [];
    const page = await h.staffPage('/admin', owner, errors);
    await page.getByRole('link', { name: 'Recommendation emails' }).click();
    await page.getByRole('heading', { level: 1, name: 'Recommendation emails' }).waitFor();
    await page.getByText('3 customers with orders').waitFor();
    const send = page.getByRole('button', { name: /^Send recommendations to / }).first();
    const segment = (await send.getAttribute('aria-label'))!.replace('Send recommendations to ', '');
    await send.click();
    const row = page.locator('tbody tr').filter({ hasText: segment }).filter({ hasText: 'Completed' });
    await row.waitFor({ timeout: 30_000 });
    await row.getByText(/\d+ queued/).waitFor();
    expect(await row.locator('progress').getAttribute('value')).toBe('100');
    await h.screenshot(page, 'admin-recommendation-emails');
    const campaigns = (await h.t.api('GET', '/admin/recommendation-campaigns', { token: owner.token })).body.items;
    expect(campaigns).toHaveLength(1);
    const mails = (await h.t.api('GET', '/admin/notifications?limit=50', { token: owner.token })).body.items.filter((n: any) => n.kind === 'product_recommendations');
    expect(mails).toHaveLength(campaigns[0].queued);
    expect(campaigns[0].queued).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
