import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { parseProductsCsv } from './products-csv.js';

const SHOPIFY_HEADER = 'Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Fulfillment Service,Variant Price,Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Position,Image Alt Text,Gift Card,SEO Title,SEO Description,Variant Image,Variant Weight Unit,Cost per item,Status';

describe('CSV reader', () => {
  it('keeps the start line of records with quoted line breaks, commas and quotes', () => {
    const rows = parseCsv('a,b\r\n"x\ny","say ""hi"", ok"\n\nz,w\n');
    expect(rows).toEqual([{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['x\ny', 'say "hi", ok'] }, { line: 5, cells: ['z', 'w'] }]);
  });
});

describe('product CSV', () => {
  it('reads a Shopify export: variants and image rows grouped by handle', () => {
    const csv = [
      SHOPIFY_HEADER,
      'classic-tee,Classic Tee,"<p>Soft, <b>organic</b> cotton.</p>",Acme,Apparel & Accessories > Clothing,Shirts,"cotton, summer",TRUE,Size,S,Color,Black,,,TEE-S-BLK,200,shopify,5,deny,manual,19.99,24.99,TRUE,TRUE,0123456789012,https://cdn.example.com/tee.jpg,1,Front,FALSE,,,,g,8.00,active',
      'classic-tee,,,,,,,,,M,,Black,,,TEE-M-BLK,210,shopify,-2,deny,manual,19.99,,TRUE,TRUE,,https://cdn.example.com/tee-back.jpg,2,Back,,,,,g,,',
      'classic-tee,,,,,,,,,,,,,,,,,,,,,,,,,https://cdn.example.com/tee-side.jpg,3,,,,,,,,',
      'mug,Mug,Plain,Acme,,Kitchen,,FALSE,Title,Default Title,,,,,MUG-1,350,,,,manual,12,,TRUE,TRUE,,,,,,,,,,,',
    ].join('\n');
    const r = parseProductsCsv(csv, { currency: 'USD' });
    expect(r.format).toBe('shopify');
    expect(r.problems).toEqual([]);
    expect(r.drafts).toHaveLength(2);
    const tee = r.drafts[0];
    expect(tee.input.title).toBe('Classic Tee');
    expect(tee.input.description).toBe('Soft, organic cotton.');
    expect(tee.input.tags).toEqual(['cotton', 'summer']);
    expect(tee.input.options).toEqual([{ name: 'Size', values: ['S', 'M'] }, { name: 'Color', values: ['Black'] }]);
    expect(tee.input.variants.map((v) => v.prices[0].amount)).toEqual([1999, 1999]);
    expect(tee.variants.map((v) => v.quantity)).toEqual([5, 0]);
    expect(tee.input.images!.map((i) => i.url)).toEqual(['https://cdn.example.com/tee.jpg', 'https://cdn.example.com/tee-back.jpg', 'https://cdn.example.com/tee-side.jpg']);
    expect(tee.categoryName).toBe('Shirts');
    const mug = r.drafts[1];
    expect(mug.input.status).toBe('draft');
    expect(mug.input.options).toEqual([]);
    expect(mug.input.variants[0]).toMatchObject({ sku: 'MUG-1', manageInventory: false, prices: [{ currency: 'USD', amount: 1200 }] });
    expect(r.warnings.map((w) => w.line)).toEqual([3]);
  });

  it('reports bad rows by line and keeps the good products', () => {
    const csv = [
      'handle,title,price,sku,option1_name,option1_value,stock',
      'good,Good thing,10.00,G-1,Size,S,3',
      'good,,10.50,G-2,,M,4',
      'bad-price,Bad price,ten,B-1,,,',
      'Bad Handle!,Nope,1,,,,',
      'dup,Dup,5,D-1,Size,S,',
      'dup,,5,D-2,,S,',
      'bad-sku,Bad SKU,5,has space,,,',
    ].join('\n');
    const r = parseProductsCsv(csv, { currency: 'USD' });
    expect(r.format).toBe('simple');
    expect(r.drafts.map((d) => d.handle)).toEqual(['good']);
    expect(r.drafts[0].variants.map((v) => v.quantity)).toEqual([3, 4]);
    const lines = [...new Set(r.problems.map((p) => p.line))];
    expect(lines).toEqual([4, 5, 6, 7, 8]);
    expect(r.problems.find((p) => p.line === 4)!.message).toMatch(/ten/);
    expect(r.problems.find((p) => p.line === 7)!.message).toMatch(/repeats the options of line 6/);
  });

  it('refuses a file without a price column', () => {
    const r = parseProductsCsv('handle,title\nx,X\n', { currency: 'USD' });
    expect(r.drafts).toEqual([]);
    expect(r.problems[0]).toMatchObject({ line: 1 });
  });
});
