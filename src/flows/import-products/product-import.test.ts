import { describe, expect, it } from 'vitest';
import { conflict, systemClock } from '../../kernel/index.js';
import { systemActor, type Ctx } from '../../platform/index.js';
import type { InventoryService } from '../../modules/inventory/index.js';
import type { CatalogPort } from './catalog-port.js';
import { ProductImportService } from './product-import.js';

/** A catalogue that refuses any SKU it has seen, like the real one, and records what it was given. */
function fakeCatalog() {
  const skus = new Set<string>();
  const categories: { id: string; name: string; handle: string }[] = [{ id: 'cat_1', name: 'Shirts', handle: 'shirts' }];
  let n = 0;
  const port: CatalogPort & { created: string[] } = {
    created: [],
    canSaveImages: true,
    hasProducts: async () => port.created.length > 0,
    createCategory: async (_ctx, input) => { const id = `cat_${++n + 1}`; categories.push({ id, name: input.name, handle: input.name.toLowerCase() }); return id; },
    listCategories: async () => categories,
    saveImage: async (_ctx, f) => `/uploads/${f}`,
    async createProducts(_ctx, inputs) {
      const seen = new Set<string>();
      inputs.forEach((p, i) => p.variants.forEach((v, j) => {
        if (v.sku && (skus.has(v.sku) || seen.has(v.sku))) throw conflict('catalog.sku_taken', `SKU '${v.sku}' is already used by another variant`, { field: `body.products[${i}].variants[${j}].sku`, sku: v.sku });
        if (v.sku) seen.add(v.sku);
      }));
      for (const s of seen) skus.add(s);
      port.created.push(...inputs.map((p) => p.handle!));
      return { productIds: inputs.map(() => `prod_${++n}`), variantIds: inputs.map((p) => p.variants.map(() => `var_${++n}`)) };
    },
  };
  return port;
}

const inventory = (levels: unknown[]) => ({
  listLocations: async () => [{ id: 'loc_wh', code: 'WH', kind: 'warehouse' }],
  seedLevels: async (_ctx: Ctx, rows: unknown[]) => { levels.push(...rows); return { levels: rows.length }; },
}) as unknown as InventoryService;

const ctx: Ctx = { db: { insertInto: () => ({ values: () => ({ execute: async () => undefined }) }) } as any, actor: systemActor('test'), clock: systemClock };

describe('product import service', () => {
  it('creates the good products, maps catalogue refusals back to CSV lines, and sets stock', async () => {
    const catalog = fakeCatalog();
    const levels: any[] = [];
    const csv = ['handle,title,category,sku,price,stock', 'a,A,Shirts,SKU-A,1.00,4', 'b,B,Mugs,SKU-B,2.00,', 'c,C,,SKU-A,3.00,1'].join('\n');
    const report = await new ProductImportService(catalog, inventory(levels)).importCsv(ctx, csv, { currency: 'USD' });
    expect(catalog.created).toEqual(['a', 'b']);
    expect(report.imported).toEqual({ products: 2, variants: 2, stockLevels: 1, categoriesCreated: 1 });
    expect(report.problems).toEqual([
      { line: 4, handle: 'c', column: 'Variant SKU', message: expect.stringContaining("SKU 'SKU-A'") },
    ]);
    expect(levels).toEqual([{ variantId: expect.stringMatching(/^var_/), locationId: 'loc_wh', onHand: 4 }]);
  });

  it('writes nothing on a dry run', async () => {
    const catalog = fakeCatalog();
    const report = await new ProductImportService(catalog, inventory([])).importCsv(ctx, 'handle,title,price\nx,X,1\n', { currency: 'USD', dryRun: true });
    expect(catalog.created).toEqual([]);
    expect(report.products).toEqual([{ handle: 'x', id: null, line: 2 }]);
  });
});
