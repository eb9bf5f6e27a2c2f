import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowser, type BrowserHarness } from '../support/browser.js';

describe('web apps in Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => { h = await startBrowser(); });
  afterAll(async () => { await h?.close(); });

  it('each app loads at its base without console errors', async () => {
    for (const [path, name] of [['/', 'store'], ['/admin', 'admin'], ['/support', 'support']] as const) {
      const { page } = await h.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      // Pages load as chunks after the shell: wait for the page's heading.
      await page.locator('main#main h1').first().waitFor();
      expect(errors, path).toEqual([]);
      await h.screenshot(page, `app-${name}`);
    }
  });
});
