/**
 * Catalog: products with options and variants, prices and price lists, images, categories,
 * collections, tags and attributes; the storefront's search, facets and listing from an in-memory
 * read model kept fresh by the outbox. The front door of the module.
 */
import type { Ctx, ModuleDeps, ModuleParts } from '../../platform/index.js';
import type { CategoryDto, CategoryInput } from './contracts/schemas.js';
import type { InventoryService } from '../inventory/index.js';
import type { CatalogService } from './contracts/service.js';
import { catalogMigrations } from './data/migrations.js';
import { adminRoutes } from './http/admin.routes.js';
import { storeRoutes } from './http/store.routes.js';
import { CatalogReadModel } from './read/read-model.js';
import { PriceListsService } from './service/price-lists.service.js';
import { ProductsService } from './service/products.service.js';
import { TaxonomyService } from './service/taxonomy.service.js';
import { UploadsService } from './service/uploads.service.js';

export * from './contracts/events.js';
export type * from './contracts/schemas.js';
export type { CatalogService } from './contracts/service.js';
export type { ProductsService, TaxonomyService, PriceListsService };
/** Image checks shared with anything that takes image uploads (visual search): the type by its bytes, the size limit. */
export { sniffImage } from './domain/image-type.js';
export { MAX_IMAGE_BYTES } from './service/uploads.service.js';

const CATALOG_CHANGED = 'catalog.changed';

export interface CatalogModule {
  parts: ModuleParts;
  service: CatalogService & {
    products: ProductsService; taxonomy: TaxonomyService; priceLists: PriceListsService; readModel: CatalogReadModel;
    /** Shorthands the seeder and importer use. */
    categories: { create(ctx: Ctx, input: CategoryInput): Promise<CategoryDto>; list(ctx: Ctx): Promise<CategoryDto[]> };
    /** Stores an image as an upload would (type checked by its bytes) and answers the URL for a product. */
    uploads: {
      save(ctx: Ctx, file: { filename?: string; bytes: Buffer }): Promise<{ id: string; url: string }>;
      /** The bytes of an uploaded image by its URL (`/uploads/…`), or undefined for any other URL or a missing file. */
      read(url: string): Promise<Buffer | undefined>;
    };
  };
}

export function createCatalogModule(deps: ModuleDeps, uses: { inventory: InventoryService }): CatalogModule {
  const model = new CatalogReadModel(deps.database.db, deps.clock, uses.inventory, deps.log.child({ component: 'catalog-read-model' }));
  // A change committed here is applied at once on this node, and the other nodes are told (Redis
  // pub/sub in distributed mode) so they re-read the outbox now rather than at their next poll.
  const changed = () => { model.markDirty(); return deps.signals.publish(CATALOG_CHANGED); };
  deps.signals.subscribe(CATALOG_CHANGED, () => model.markDirty());
  const products = new ProductsService(changed);
  const taxonomy = new TaxonomyService(changed);
  const priceLists = new PriceListsService(changed);
  const uploads = new UploadsService(deps.config.dataDir);
  const currency = deps.config.defaultCurrency;
  const service: CatalogModule['service'] = {
    products, taxonomy, priceLists, readModel: model,
    categories: { create: (ctx, input) => taxonomy.createCategory(ctx, input), list: (ctx) => taxonomy.listCategories(ctx) },
    uploads: {
      save: async (_ctx, file) => { const { id, url } = await uploads.save(file.bytes); return { id, url }; },
      read: (url) => uploads.read(url),
    },
    createProduct: (ctx, input) => products.create(ctx, input),
    bulkCreateProducts: (ctx, inputs) => products.bulkCreate(ctx, inputs),
    updateProduct: (ctx, id, patch) => products.update(ctx, id, patch),
    getProduct: (ctx, idOrHandle) => products.get(ctx, idOrHandle),
    getVariants: (ctx, ids, opts) => products.getVariants(ctx, ids, opts),
    listProducts: (q) => model.list(q, currency),
    productDetail: (idOrHandle, opts = {}) => model.detail(idOrHandle, opts, currency),
    createCategory: (ctx, input) => taxonomy.createCategory(ctx, input),
    createCollection: (ctx, input) => taxonomy.createCollection(ctx, input),
    createPriceList: (ctx, input) => priceLists.create(ctx, input),
  };
  return {
    parts: {
      name: 'catalog',
      migrations: catalogMigrations,
      routes: [...storeRoutes(model, uploads, currency), ...adminRoutes(products, taxonomy, priceLists, uploads)],
      start: () => model.start(),
      stop: () => model.stop(),
    },
    service,
  };
}
