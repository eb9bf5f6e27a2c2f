/** The catalog's public service: what other modules, the CLI and the seeder may call. */
import type { Ctx } from '../../../platform/index.js';
import type {
  CategoryDto, CategoryInput, CollectionDto, CollectionInput, PriceListDto, PriceListInput, ProductDto, ProductInput, ProductPatch,
  StoreProductDetail, StoreProductList, StoreQuery, VariantSummary,
} from './schemas.js';

export interface CatalogService {
  /** Creates one product with variants, prices, images and placements. */
  createProduct(ctx: Ctx, input: ProductInput): Promise<ProductDto>;
  /** Creates many products in one transaction with batched inserts (seeders, imports). */
  bulkCreateProducts(ctx: Ctx, inputs: ProductInput[]): Promise<{ ids: string[] }>;
  updateProduct(ctx: Ctx, id: string, patch: ProductPatch): Promise<ProductDto>;
  /** A product in any status, by id or handle. */
  getProduct(ctx: Ctx, idOrHandle: string): Promise<ProductDto>;
  /** Variants for carts and orders: title, SKU and the price in a currency (price list first, when given). */
  getVariants(ctx: Ctx, ids: string[], opts: { currency: string; priceListId?: string }): Promise<Map<string, VariantSummary>>;
  /** The storefront list (active products only) with search, filters, facets and a cursor. */
  listProducts(query: StoreQuery): Promise<StoreProductList>;
  /** The storefront detail of an active product, or undefined. */
  productDetail(idOrHandle: string, opts?: { currency?: string; priceList?: string }): Promise<StoreProductDetail | undefined>;
  createCategory(ctx: Ctx, input: CategoryInput): Promise<CategoryDto>;
  createCollection(ctx: Ctx, input: CollectionInput): Promise<CollectionDto>;
  createPriceList(ctx: Ctx, input: PriceListInput): Promise<PriceListDto>;
}
