/**
 * The few catalogue operations the demo seeder and the product importer need, over the catalog
 * module's public service: bulk product creation answering the ids it made, categories, and storing
 * an image the way an upload does.
 */
import type { Ctx } from '../../platform/index.js';
import type { CatalogModule } from '../../modules/catalog/index.js';
import type { ProductInput } from '../../modules/catalog/contracts/schemas.js';

export interface CatalogPort {
  /** Whether saveImage can store images. */
  canSaveImages: boolean;
  hasProducts(ctx: Ctx): Promise<boolean>;
  /** Creates a category and returns its id. */
  createCategory(ctx: Ctx, input: { name: string; handle?: string; description?: string }): Promise<string>;
  listCategories(ctx: Ctx): Promise<{ id: string; name: string; handle: string }[]>;
  /** Stores an image the way an upload would and returns the URL to put on a product (null when the catalogue offers no way to). */
  saveImage(ctx: Ctx, filename: string, bytes: Buffer): Promise<string | null>;
  /** Creates products in one transaction (all or none); answers product ids and, per product, variant ids in input order. */
  createProducts(ctx: Ctx, inputs: ProductInput[]): Promise<{ productIds: string[]; variantIds: string[][] }>;
}

/** The port over the catalog module's service object (`app.modules.catalog.service`). */
export function catalogPort(svc: CatalogModule['service']): CatalogPort {
  const uploads = svc.uploads as CatalogModule['service']['uploads'] | undefined;
  return {
    canSaveImages: !!uploads,
    hasProducts: async (ctx) => (await svc.products.list(ctx, { limit: 1 })).items.length > 0,
    createCategory: async (ctx, input) => (await svc.createCategory(ctx, input)).id,
    listCategories: async (ctx) => (await svc.taxonomy.listCategories(ctx)).map((c) => ({ id: c.id, name: c.name, handle: c.handle })),
    saveImage: async (ctx, filename, bytes) => (uploads ? (await uploads.save(ctx, { filename, bytes })).url : null),
    async createProducts(ctx, inputs) {
      const { ids } = await svc.bulkCreateProducts(ctx, inputs);
      const variantIds: string[][] = [];
      for (const id of ids) {
        const p = await svc.getProduct(ctx, id);
        variantIds.push([...p.variants].sort((a, b) => a.position - b.position).map((v) => v.id));
      }
      return { productIds: ids, variantIds };
    },
  };
}
