/**
 * The few catalogue operations the demo seeder and the product importer need, over the catalog
 * module's public service: bulk product creation answering the ids it made, categories, and storing
 * an image the way an upload does.
 */
import type { Ctx } from '../../platform/index.js';
import type { ProductInput } from '../../modules/catalog/contracts/schemas.js';

export interface CatalogPort {
  hasProducts(ctx: Ctx): Promise<boolean>;
  /** Creates a category and returns its id. */
  createCategory(ctx: Ctx, input: { name: string; handle?: string; description?: string }): Promise<string>;
  listCategories(ctx: Ctx): Promise<{ id: string; name: string; handle: string }[]>;
  /** Stores an image the way an upload would and returns the URL to put on a product. */
  saveImage(ctx: Ctx, filename: string, bytes: Buffer): Promise<string>;
  /** Creates products in one transaction (all or none); answers product ids and, per product, variant ids in input order. */
  createProducts(ctx: Ctx, inputs: ProductInput[]): Promise<{ productIds: string[]; variantIds: string[][] }>;
}

/** The port over the catalog module's service object (`app.modules.catalog.service`). */
export function catalogPort(catalogService: unknown): CatalogPort {
  const svc = catalogService as any;
  const products = svc.products;
  return {
    hasProducts: async (ctx) => (await products.list(ctx, { limit: 1 })).items.length > 0,
    createCategory: async (ctx, input) => (await svc.categories.create(ctx, input)).id,
    listCategories: async (ctx) => (await svc.categories.list(ctx)).map((c: any) => ({ id: c.id, name: c.name, handle: c.handle })),
    saveImage: async (ctx, filename, bytes) => (await svc.uploads.save(ctx, { filename, bytes })).url,
    async createProducts(ctx, inputs) {
      const { ids } = await products.bulkCreate(ctx, inputs);
      const variantIds: string[][] = [];
      for (const id of ids) {
        const p = await products.get(ctx, id);
        variantIds.push([...p.variants].sort((a: any, b: any) => a.position - b.position).map((v: any) => v.id));
      }
      return { productIds: ids, variantIds };
    },
  };
}
