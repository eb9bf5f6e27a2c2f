import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderClientTypes } from '../../scripts/client-types.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const html = { accept: 'text/html,application/xhtml+xml' };

describe('web apps served beside the API', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'emporia-web-'));
    for (const app of ['store', 'admin', 'support']) {
      mkdirSync(join(dir, app));
      writeFileSync(join(dir, app, 'index.html'), `<!doctype html><title>${app}</title>`);
    }
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'store-abc123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'manifest.webmanifest'), '{}');
    writeFileSync(join(dir, 'sw.js'), '');
    t = await startTestApp({}, { webDir: dir });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(t.url + path, { headers });

  it('serves each app at its base with no-cache, and hashed assets for a year', async () => {
    for (const [path, title] of [['/', 'store'], ['/admin', 'admin'], ['/admin/', 'admin'], ['/support', 'support']]) {
      const res = await get(path, html);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain(`<title>${title}</title>`);
    }
    const asset = await get('/assets/store-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get('/sw.js')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/assets/missing-123.js')).status).toBe(404);
  });

  it('answers storefront page paths with the store index (history routes), never an API path', async () => {
    for (const path of ['/p/some-tee', '/c/shirts?sort=price_asc', '/search?q=tee', '/cart', '/checkout', '/order/ord_1', '/account/orders', '/kiosk']) {
      const res = await get(path, html);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<title>store</title>');
    }
    // The same path asked for as data is the API's 404, and API paths stay JSON for a browser too.
    const data = await get('/p/some-tee', { accept: 'application/json' });
    expect(data.status).toBe(404);
    expect((await data.json()).error.code).toBe('http.not_found');
    const api = await get('/store/nothing-here', html);
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe('http.not_found');
    const products = await get('/store/products', html);
    expect(products.status).toBe(200);
    expect(products.headers.get('content-type')).toContain('application/json');
  });

  it('starts and serves the API when nothing was built; pages say how to build them', async () => {
    const bare = await startTestApp({}, { webDir: join(dir, 'absent') });
    try {
      expect((await fetch(bare.url + '/health')).status).toBe(200);
      const page = await fetch(bare.url + '/', { headers: html });
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('npm run build:web');
    } finally {
      await bare.close();
    }
  });
});

describe('typed API client', () => {
  it('web/shared/api/schema.d.ts matches the OpenAPI document (run `npm run gen:client` after changing routes)', async () => {
    expect(readFileSync('web/shared/api/schema.d.ts', 'utf8')).toBe(await renderClientTypes());
  });
});
