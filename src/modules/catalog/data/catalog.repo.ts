/**
 * Reads of the catalog's tables, shaped as DTOs. The admin API and the storefront read model load
 * products through the same functions, so the two never disagree about what a product is.
 */
import type { Db } from '../../../platform/index.js';
import type { CategoryDto, CollectionDto, ImageDto, PriceListDto, ProductDto, VariantDto } from '../contracts/schemas.js';

const CHUNK = 500;

async function chunked<T>(ids: string[], fn: (part: string[]) => Promise<T[]>): Promise<T[]> {
  if (ids.length <= CHUNK) return ids.length ? fn(ids) : [];
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await fn(ids.slice(i, i + CHUNK))));
  return out;
}

const parse = <T>(text: unknown, fallback: T): T => {
  if (typeof text !== 'string' || !text) return fallback;
  try { return JSON.parse(text) as T; } catch { return fallback; }
};

export const toVariantDto = (r: any, prices: { currency: string; amount: number }[]): VariantDto => ({
  id: r.id, productId: r.product_id, sku: r.sku ?? null, barcode: r.barcode ?? null, title: r.title,
  options: parse(r.options, {}), weightGrams: r.weight_grams === null || r.weight_grams === undefined ? null : Number(r.weight_grams),
  manageInventory: !!r.manage_inventory, position: Number(r.position), prices,
});

function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r); else m.set(k, [r]);
  }
  return m;
}

/** Products with variants, prices, images and placements: by ids, or every product of a status. */
export async function loadProducts(db: Db, by: { ids?: string[]; status?: string }): Promise<ProductDto[]> {
  const products = by.ids
    ? await chunked(by.ids, (part) => db.selectFrom('catalog_products').selectAll().where('id', 'in', part).execute())
    : await db.selectFrom('catalog_products').selectAll().$if(!!by.status, (q) => q.where('status', '=', by.status!)).execute();
  if (!products.length) return [];
  const ids = products.map((p: any) => p.id as string);
  const variants = await chunked(ids, (part) => db.selectFrom('catalog_variants').selectAll().where('product_id', 'in', part).execute());
  const variantIds = variants.map((v: any) => v.id as string);
  const [prices, images, cats, cols] = await Promise.all([
    chunked(variantIds, (part) => db.selectFrom('catalog_variant_prices').selectAll().where('variant_id', 'in', part).orderBy('currency').execute()),
    chunked(ids, (part) => db.selectFrom('catalog_images').selectAll().where('product_id', 'in', part).execute()),
    chunked(ids, (part) => db.selectFrom('catalog_product_categories').selectAll().where('product_id', 'in', part).execute()),
    chunked(ids, (part) => db.selectFrom('catalog_collection_products').selectAll().where('product_id', 'in', part).execute()),
  ]);
  const pricesBy = group(prices as any[], (r) => r.variant_id);
  const variantsBy = group(variants as any[], (r) => r.product_id);
  const imagesBy = group(images as any[], (r) => r.product_id);
  const catsBy = group(cats as any[], (r) => r.product_id);
  const colsBy = group(cols as any[], (r) => r.product_id);
  return products.map((p: any): ProductDto => ({
    id: p.id, handle: p.handle, title: p.title, description: p.description ?? '', status: p.status,
    tags: parse(p.tags, []), attributes: parse(p.attributes, {}), options: parse(p.options, []),
    variants: (variantsBy.get(p.id) ?? []).sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1))
      .map((v) => toVariantDto(v, (pricesBy.get(v.id) ?? []).map((x) => ({ currency: x.currency, amount: Number(x.amount) })))),
    images: (imagesBy.get(p.id) ?? []).sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1)).map(toImageDto),
    categoryIds: (catsBy.get(p.id) ?? []).map((c) => c.category_id).sort(),
    collectionIds: (colsBy.get(p.id) ?? []).map((c) => c.collection_id).sort(),
    createdAt: p.created_at, updatedAt: p.updated_at,
  }));
}

export const toImageDto = (r: any): ImageDto => ({ id: r.id, url: r.url, alt: r.alt ?? null, position: Number(r.position) });

export const toCategoryDto = (r: any): CategoryDto => ({
  id: r.id, parentId: r.parent_id ?? null, name: r.name, handle: r.handle, description: r.description ?? '', position: Number(r.position),
});

export async function loadCategories(db: Db): Promise<CategoryDto[]> {
  return (await db.selectFrom('catalog_categories').selectAll().orderBy('position').orderBy('name').execute()).map(toCategoryDto);
}

export async function loadCollections(db: Db, ids?: string[]): Promise<CollectionDto[]> {
  const rows = await db.selectFrom('catalog_collections').selectAll().$if(!!ids, (q) => q.where('id', 'in', ids!)).orderBy('title').execute();
  if (!rows.length) return [];
  const members = await db.selectFrom('catalog_collection_products').selectAll()
    .$if(!!ids, (q) => q.where('collection_id', 'in', ids!)).orderBy('position').execute();
  const by = group(members as any[], (r) => r.collection_id);
  return rows.map((r: any) => ({ id: r.id, title: r.title, handle: r.handle, description: r.description ?? '', productIds: (by.get(r.id) ?? []).map((m) => m.product_id) }));
}

export async function loadPriceLists(db: Db, ids?: string[]): Promise<PriceListDto[]> {
  const rows = await db.selectFrom('catalog_price_lists').selectAll().$if(!!ids, (q) => q.where('id', 'in', ids!)).orderBy('name').execute();
  if (!rows.length) return [];
  const prices = await db.selectFrom('catalog_price_list_prices').selectAll()
    .$if(!!ids, (q) => q.where('price_list_id', 'in', ids!)).orderBy('variant_id').execute();
  const by = group(prices as any[], (r) => r.price_list_id);
  return rows.map((r: any) => ({
    id: r.id, name: r.name, currency: r.currency, customerGroup: r.customer_group ?? null, region: r.region ?? null, status: r.status,
    prices: (by.get(r.id) ?? []).map((p) => ({ variantId: p.variant_id, amount: Number(p.amount) })),
  }));
}
