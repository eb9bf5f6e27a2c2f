/** Product CSV import over HTTP and through the CLI: good products land, bad rows are reported by line. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';

const HEADER = 'Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Fulfillment Service,Variant Price,Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Position,Image Alt Text,Gift Card,SEO Title,SEO Description,Variant Image,Variant Weight Unit,Cost per item,Status';
const row = (cells: Record<string, string>) => HEADER.split(',').map((h) => {
  const v = cells[h] ?? '';
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}).join(',');

/** Line 1 is the header; the comment on each row names its line. */
function shopifyCsv(prefix: string): string {
  return [
    HEADER,
    // lines 2–4: a good product with two variants (its first row spans lines 2–3: a two-line description) and two images
    row({ Handle: `${prefix}-tee`, Title: 'Classic Tee', 'Body (HTML)': '<p>Soft cotton.</p>\n<p>Made to last.</p>', Vendor: 'Acme', Type: 'Shirts', Tags: 'cotton, basics', Published: 'TRUE', 'Option1 Name': 'Size', 'Option1 Value': 'S', 'Variant SKU': `${prefix.toUpperCase()}-TEE-S`, 'Variant Grams': '200', 'Variant Inventory Tracker': 'shopify', 'Variant Inventory Qty': '7', 'Variant Price': '19.99', 'Variant Compare At Price': '24.99', 'Image Src': 'https://cdn.example.com/tee.jpg', 'Image Position': '1', Status: 'active' }),
    row({ Handle: `${prefix}-tee`, 'Option1 Value': 'M', 'Variant SKU': `${prefix.toUpperCase()}-TEE-M`, 'Variant Grams': '210', 'Variant Inventory Tracker': 'shopify', 'Variant Inventory Qty': '3', 'Variant Price': '19.99', 'Image Src': 'https://cdn.example.com/tee-back.jpg', 'Image Position': '2' }),
    // line 5: a product whose only variant has a bad price
    row({ Handle: `${prefix}-mug`, Title: 'Mug', 'Option1 Name': 'Title', 'Option1 Value': 'Default Title', 'Variant SKU': `${prefix.toUpperCase()}-MUG`, 'Variant Price': 'twelve', Status: 'active' }),
    // line 6: a good single-variant product
    row({ Handle: `${prefix}-cap`, Title: 'Cap', Vendor: 'Acme', Type: 'Hats', 'Option1 Name': 'Title', 'Option1 Value': 'Default Title', 'Variant SKU': `${prefix.toUpperCase()}-CAP`, 'Variant Inventory Tracker': 'shopify', 'Variant Inventory Qty': '12', 'Variant Price': '15', Status: 'draft' }),
    // line 7: a row with no handle and no title
    row({ 'Variant Price': '5' }),
    // line 8: a variant whose SKU repeats one from line 2 (the catalogue refuses it)
    row({ Handle: `${prefix}-sock`, Title: 'Sock', 'Option1 Name': 'Title', 'Option1 Value': 'Default Title', 'Variant SKU': `${prefix.toUpperCase()}-TEE-S`, 'Variant Price': '4.50', Status: 'active' }),
  ].join('\n');
}

let t: TestApp;
/** The catalogue module is being built in parallel; until its service is wired these tests report as skipped. */
let catalogReady = false;
beforeAll(async () => {
  t = await startTestApp();
  catalogReady = typeof (t.app.modules.catalog.service as any).products?.bulkCreate === 'function';
  await t.app.modules.inventory.service.createLocation(t.app.systemCtx(), { name: 'Warehouse', code: 'WH-1', kind: 'warehouse', address: { line1: '1 Dock St', city: 'Columbus', postalCode: '43217', country: 'US' } });
});
afterAll(async () => { await t?.close(); });

describe('product import', () => {
  it('imports the good products of a Shopify CSV over HTTP and reports bad rows by line', async (c) => {
    if (!catalogReady) return c.skip();
    const { token } = await t.staff('staff');
    const res = await t.api('POST', '/admin/products/import', { token, raw: shopifyCsv('http'), headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(200);
    expect(res.body.format).toBe('shopify');
    expect(res.body.rows).toBe(6); // data rows; the first spans lines 2–3
    expect(res.body.products.map((p: any) => p.handle).sort()).toEqual(['http-cap', 'http-tee']);
    expect(res.body.imported).toMatchObject({ products: 2, variants: 3, stockLevels: 3, categoriesCreated: 2 });
    const lines = [...new Set(res.body.problems.map((p: any) => p.line))];
    expect(lines).toEqual([5, 7, 8]);
    expect(res.body.problems.find((p: any) => p.line === 5).message).toMatch(/twelve/);
    expect(res.body.problems.find((p: any) => p.line === 8).message).toMatch(/HTTP-TEE-S/);

    const tee = (await t.api('GET', '/admin/products?q=http-tee', { token })).body.items[0];
    expect(tee).toMatchObject({ handle: 'http-tee', title: 'Classic Tee', status: 'active', tags: ['cotton', 'basics'] });
    expect(tee.description).toContain('Made to last.');
    expect(tee.variants.map((v: any) => [v.sku, v.prices[0].amount])).toEqual([['HTTP-TEE-S', 1999], ['HTTP-TEE-M', 1999]]);
    expect(tee.images.map((i: any) => i.url)).toEqual(['https://cdn.example.com/tee.jpg', 'https://cdn.example.com/tee-back.jpg']);
    const levels = await t.app.modules.inventory.service.listLevels(t.app.systemCtx(), { variantId: tee.variants[0].id, limit: 10 });
    expect(levels.items.map((l) => l.onHand)).toEqual([7]);
  });

  it('needs catalog:write and a CSV body', async () => {
    const { token: clerk } = await t.staff('clerk');
    expect((await t.api('POST', '/admin/products/import', { token: clerk, raw: shopifyCsv('x'), headers: { 'content-type': 'text/csv' } })).status).toBe(403);
    const { token } = await t.staff('admin');
    const json = await t.api('POST', '/admin/products/import', { token, body: { csv: 'nope' } });
    expect(json.status).toBe(415);
    const empty = await t.api('POST', '/admin/products/import', { token, raw: '', headers: { 'content-type': 'text/csv' } });
    expect(empty.status).toBe(400);
  });

  it('imports through the CLI with the same report and exit status 2 for a partial import', async (c) => {
    if (!catalogReady) return c.skip();
    const dir = mkdtempSync(join(tmpdir(), 'emporia-import-'));
    try {
      const file = join(dir, 'products.csv');
      writeFileSync(file, shopifyCsv('cli'));
      const env = { PATH: process.env.PATH, DATA_DIR: dir, LOG_LEVEL: 'warn' };
      const bin = join(import.meta.dirname, '../../bin/emporia.js');
      const run = (args: string[]) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, [bin, ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => resolve({ code: err ? (err.code as number) : 0, stdout, stderr }));
      });
      const res = await run(['import', 'products', file]);
      expect(res.code).toBe(2);
      expect(res.stdout).toContain('Imported 2 product(s), 3 variant(s)');
      expect(res.stderr).toMatch(/line 5: Variant Price: .*twelve/);
      expect(res.stderr).toMatch(/line 7: /);
      expect(res.stderr).toMatch(/line 8: /);
      const missing = await run(['import', 'products', join(dir, 'nope.csv')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('cannot read');
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
