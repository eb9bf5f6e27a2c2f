/**
 * Browser tests: a whole store (test/support/harness.ts) serving the built web apps, and Debian's
 * Chromium driven by playwright-core. Screenshots go to artifacts/screenshots/ so a person can
 * judge the pages. The `browser` Vitest project runs only where /usr/bin/chromium exists.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from './harness.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = () => existsSync(CHROMIUM);
export const SCREENSHOTS = join(process.cwd(), 'artifacts', 'screenshots');

/** Flags this machine needs (no sandbox as root, no GPU, no network chatter outside the closed network). */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export const VIEWPORTS = {
  desktop: { width: 1366, height: 900 },
  mobile: { width: 390, height: 844 },
} as const;

export interface BrowserHarness {
  t: TestApp;
  browser: Browser;
  url: string;
  /** A fresh browser context (its own storage and cookies) with a page open, at a viewport. */
  newPage(opts?: { viewport?: keyof typeof VIEWPORTS; locale?: string }): Promise<{ context: BrowserContext; page: Page }>;
  /**
   * A new page signed in to the admin or the support console as a staff user (no second factor),
   * collecting the page's script errors into `errors`.
   */
  staffPage(app: '/admin' | '/support', user: { email: string; password: string }, errors: string[]): Promise<Page>;
  /** Saves a full-page screenshot as artifacts/screenshots/<name>.png. */
  screenshot(page: Page, name: string, opts?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
}

/** Starts the store and launches headless Chromium (playwright gives it a fresh profile directory). */
export async function startBrowser(env: Record<string, string> = {}): Promise<BrowserHarness> {
  const t = await startTestApp(env);
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  } catch (e) {
    await t.close();
    throw e;
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const contexts: BrowserContext[] = [];
  const harness: BrowserHarness = {
    t, browser, url: t.url,
    async newPage(opts = {}) {
      const viewport = VIEWPORTS[opts.viewport ?? 'desktop'];
      const context = await browser.newContext({
        viewport, locale: opts.locale ?? 'en-US', baseURL: t.url, deviceScaleFactor: 1,
        ...(opts.viewport === 'mobile' ? { isMobile: true, hasTouch: true } : {}),
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return { context, page };
    },
    async staffPage(app, user, errors) {
      const { page } = await harness.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(app);
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(user.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      return page;
    },
    async screenshot(page, name, opts = {}) {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: opts.fullPage ?? true });
      return path;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await t.close();
    },
  };
  return harness;
}

/** First contentful paint of the current page in ms (Chromium's Paint Timing API), or null. */
export async function firstContentfulPaint(page: Page): Promise<number | null> {
  return page.evaluate(() => new Promise<number | null>((resolve) => {
    const now = performance.getEntriesByName('first-contentful-paint')[0];
    if (now) return resolve(now.startTime);
    new PerformanceObserver((list) => {
      const e = list.getEntriesByName('first-contentful-paint')[0];
      if (e) resolve(e.startTime);
    }).observe({ type: 'paint', buffered: true });
    setTimeout(() => resolve(null), 5000);
  }));
}
