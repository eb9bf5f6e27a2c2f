/**
 * Products, variants, base prices and images: the staff-side use cases. Every change commits with
 * its events and audit row; the storefront's read model picks the events up from the outbox.
 */
import { sql } from 'kysely';
import { conflict, newId, notFound, validationError, type ErrorDetail } from '../../../kernel/index.js';
import { audit, decodeCursor, emit, encodeCursor, inTransaction, isUniqueViolation, withDb, type Ctx, type Db } from '../../../platform/index.js';
import { PriceChanged, ProductArchived, ProductCreated, ProductDeleted, ProductUpdated } from '../contracts/events.js';
import type { ImageDto, ProductDto, ProductInput, ProductPatch, ProductStatus, VariantDto, VariantInput, VariantPatch, VariantSummary } from '../contracts/schemas.js';
import { variantOptionProblems, variantTitle, type OptionDef } from '../domain/variants.js';
import { loadPriceLists, loadProducts, toImageDto, toVariantDto } from '../data/catalog.repo.js';
import { allocateHandle, assertExist, insertMany, invalid } from '../data/write.js';

export interface AdminProductQuery { status?: ProductStatus; q?: string; category?: string; collection?: string; tag?: string; limit: number; cursor?: string }

interface PreparedProduct {
  product: Record<string, unknown>;
  variants: Record<string, unknown>[];
  prices: Record<string, unknown>[];
  images: Record<string, unknown>[];
  categories: Record<string, unknown>[];
  collections: { collection_id: string; product_id: string }[];
}

export class ProductsService {
  /** `changed` is called (and awaited) after each commit so the storefront, on every node, reads its own writes at once. */
  constructor(private changed: () => void | Promise<void> = () => undefined) {}

  /** Creates a product with its variants, prices, images and placements in one transaction. */
  async create(ctx: Ctx, input: ProductInput): Promise<ProductDto> {
    const [id] = await this.write(ctx, [input], 'body');
    return this.get(ctx, id);
  }

  /**
   * Creates many products in one transaction with batched inserts (the seeder and imports): one
   * `product.created` event per product and one audit row for the batch.
   */
  async bulkCreate(ctx: Ctx, inputs: ProductInput[]): Promise<{ ids: string[] }> {
    return { ids: await this.write(ctx, inputs, 'body.products') };
  }

  private async write(ctx: Ctx, inputs: ProductInput[], path: string): Promise<string[]> {
    const single = inputs.length === 1 && path === 'body';
    const at = (i: number) => (single ? 'body' : `${path}[${i}]`);
    // Checks that need no database first, so bad input never opens a transaction.
    const problems: ErrorDetail[] = [];
    const skus = new Map<string, string>();
    inputs.forEach((input, i) => {
      problems.push(...variantOptionProblems(input.options ?? [], input.variants, `${at(i)}.variants`).map((p) => ({ ...p, field: p.field?.replace(/^body\.options/, `${at(i)}.options`) })));
      input.variants.forEach((v, j) => {
        const field = `${at(i)}.variants[${j}]`;
        const currencies = new Set<string>();
        v.prices.forEach((p, k) => {
          if (currencies.has(p.currency)) problems.push({ field: `${field}.prices[${k}].currency`, message: `repeats ${p.currency}` });
          currencies.add(p.currency);
        });
        if (v.sku) {
          if (skus.has(v.sku)) throw conflict('catalog.sku_taken', `SKU '${v.sku}' appears twice in this request`, { field: `${field}.sku`, sku: v.sku, first: skus.get(v.sku) });
          skus.set(v.sku, `${field}.sku`);
        }
      });
    });
    if (problems.length) throw invalid(problems);

    const ids: string[] = [];
    try {
      await inTransaction(ctx.db, async (tx) => {
        const t = withDb(ctx, tx);
        if (skus.size) {
          const taken = await chunkedSelect(tx, 'catalog_variants', 'sku', [...skus.keys()]);
          if (taken.length) throw conflict('catalog.sku_taken', `SKU '${taken[0]}' is already used by another variant`, { field: skus.get(taken[0]), sku: taken[0] });
        }
        const allCategories = new Set(inputs.flatMap((p) => p.categoryIds ?? []));
        const allCollections = new Set(inputs.flatMap((p) => p.collectionIds ?? []));
        for (const [i, input] of inputs.entries()) {
          if (allCategories.size) await assertExist(tx, 'catalog_categories', input.categoryIds, `${at(i)}.categoryIds`, 'category');
          if (allCollections.size) await assertExist(tx, 'catalog_collections', input.collectionIds, `${at(i)}.collectionIds`, 'collection');
        }
        const reserved = new Set<string>();
        const all = inputs.length > 20 ? new Set((await tx.selectFrom('catalog_products').select('handle').execute()).map((r: any) => r.handle as string)) : undefined;
        const nextPosition = await collectionTails(tx, [...allCollections]);
        const prepared: PreparedProduct[] = [];
        for (const [i, input] of inputs.entries()) {
          const handle = await allocateHandle(tx, 'catalog_products', input.handle, input.title, `${at(i)}.handle`, { reserved, all });
          prepared.push(prepare(ctx, input, handle, nextPosition));
        }
        await insertMany(tx, 'catalog_products', prepared.map((p) => p.product));
        await insertMany(tx, 'catalog_variants', prepared.flatMap((p) => p.variants));
        await insertMany(tx, 'catalog_variant_prices', prepared.flatMap((p) => p.prices));
        await insertMany(tx, 'catalog_images', prepared.flatMap((p) => p.images));
        await insertMany(tx, 'catalog_product_categories', prepared.flatMap((p) => p.categories));
        await insertMany(tx, 'catalog_collection_products', prepared.flatMap((p) => p.collections));
        for (const p of prepared) {
          const id = p.product.id as string;
          ids.push(id);
          await emit(t, ProductCreated, id, { productId: id, handle: p.product.handle as string, status: p.product.status as string });
        }
        if (single) {
          const [after] = await loadProducts(tx, { ids });
          await audit(t, { action: 'product.created', entityType: 'product', entityId: ids[0], after });
        } else {
          await audit(t, { action: 'product.bulk_created', entityType: 'product', entityId: 'bulk', after: { count: ids.length, ids } });
        }
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('catalog.conflict', 'a SKU or handle in this request is already used', {});
      throw e;
    }
    await this.changed();
    return ids;
  }

  /** One product in any status, by id or handle (staff view). */
  async get(ctx: Ctx, idOrHandle: string): Promise<ProductDto> {
    const row = await ctx.db.selectFrom('catalog_products').select('id').where((eb) => eb.or([eb('id', '=', idOrHandle), eb('handle', '=', idOrHandle)])).executeTakeFirst();
    const [p] = row ? await loadProducts(ctx.db, { ids: [row.id] }) : [];
    if (!p) throw notFound('catalog.product_not_found', 'product', idOrHandle);
    return p;
  }

  /** Staff list: every status, newest first, with simple filters. */
  async list(ctx: Ctx, q: AdminProductQuery): Promise<{ items: ProductDto[]; nextCursor: string | null }> {
    const after = decodeCursor<{ id: string }>(q.cursor);
    if (q.cursor && typeof after?.id !== 'string') throw validationError('invalid request: query.cursor is not a cursor from this list', [{ field: 'query.cursor', message: 'is invalid' }]);
    const like = q.q ? `%${q.q.toLowerCase().replace(/[\\%_]/g, '')}%` : undefined;
    const tag = q.tag ? `%${JSON.stringify(q.tag).replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    const rows = await ctx.db.selectFrom('catalog_products as p').select('p.id')
      .$if(!!q.status, (b) => b.where('p.status', '=', q.status!))
      .$if(!!like, (b) => b.where((eb) => eb.or([
        eb(eb.fn('lower', ['p.title']), 'like', like!), eb('p.handle', 'like', like!),
        eb.exists(eb.selectFrom('catalog_variants as v').select('v.id').whereRef('v.product_id', '=', 'p.id').where(eb.fn('lower', ['v.sku']), 'like', like!)),
      ])))
      .$if(!!q.category, (b) => b.where((eb) => eb.exists(eb.selectFrom('catalog_product_categories as c').innerJoin('catalog_categories as cc', 'cc.id', 'c.category_id')
        .select('c.product_id').whereRef('c.product_id', '=', 'p.id').where((e2) => e2.or([e2('cc.id', '=', q.category!), e2('cc.handle', '=', q.category!)])))))
      .$if(!!q.collection, (b) => b.where((eb) => eb.exists(eb.selectFrom('catalog_collection_products as m').innerJoin('catalog_collections as cl', 'cl.id', 'm.collection_id')
        .select('m.product_id').whereRef('m.product_id', '=', 'p.id').where((e2) => e2.or([e2('cl.id', '=', q.collection!), e2('cl.handle', '=', q.collection!)])))))
      .$if(!!tag, (b) => b.where(sql<boolean>`p.tags like ${tag} escape '\\'`))
      .$if(!!after, (b) => b.where('p.id', '<', after!.id))
      .orderBy('p.id', 'desc').limit(q.limit + 1).execute();
    const page = rows.slice(0, q.limit).map((r: any) => r.id as string);
    const byId = new Map((await loadProducts(ctx.db, { ids: page })).map((p) => [p.id, p]));
    const items = page.map((id) => byId.get(id)!).filter(Boolean);
    return { items, nextCursor: rows.length > q.limit ? encodeCursor({ id: page[page.length - 1] }) : null };
  }

  /** Changes product fields; the handle stays unless staff set a new one. */
  async update(ctx: Ctx, id: string, patch: ProductPatch): Promise<ProductDto> {
    const result = await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.get(t, id);
      if (before.id !== id) throw notFound('catalog.product_not_found', 'product', id);
      if (patch.options) {
        const problems = variantOptionProblems(patch.options, before.variants, 'variants');
        if (problems.length) throw invalid(problems.map((p) => ({ ...p, message: `${p.message} (change the variants first, or keep options compatible)` })));
      }
      await assertExist(tx, 'catalog_categories', patch.categoryIds, 'body.categoryIds', 'category');
      await assertExist(tx, 'catalog_collections', patch.collectionIds, 'body.collectionIds', 'collection');
      const set: Record<string, unknown> = { updated_at: ctx.clock.now().toISOString() };
      if (patch.title !== undefined) set.title = patch.title.trim();
      if (patch.description !== undefined) set.description = patch.description;
      if (patch.status !== undefined) set.status = patch.status;
      if (patch.tags !== undefined) set.tags = JSON.stringify(normaliseTags(patch.tags));
      if (patch.attributes !== undefined) set.attributes = JSON.stringify(patch.attributes);
      if (patch.options !== undefined) set.options = JSON.stringify(patch.options);
      if (patch.handle !== undefined && patch.handle !== before.handle) set.handle = await allocateHandle(tx, 'catalog_products', patch.handle, '', 'body.handle', { exceptId: id });
      await tx.updateTable('catalog_products').set(set).where('id', '=', id).execute();
      if (patch.categoryIds) {
        await tx.deleteFrom('catalog_product_categories').where('product_id', '=', id).execute();
        await insertMany(tx, 'catalog_product_categories', [...new Set(patch.categoryIds)].map((c) => ({ product_id: id, category_id: c })));
      }
      if (patch.collectionIds) {
        const keep = new Set(patch.collectionIds);
        const had = new Set(before.collectionIds);
        await tx.deleteFrom('catalog_collection_products').where('product_id', '=', id)
          .$if(keep.size > 0, (q) => q.where('collection_id', 'not in', [...keep])).execute();
        const added = [...keep].filter((c) => !had.has(c));
        const tails = await collectionTails(tx, added);
        await insertMany(tx, 'catalog_collection_products', added.map((c) => ({ collection_id: c, product_id: id, position: next(tails, c) })));
      }
      const after = await this.get(t, id);
      await emit(t, ProductUpdated, id, { productId: id, fields: Object.keys(patch) });
      if (patch.status === 'archived' && before.status !== 'archived') await emit(t, ProductArchived, id, { productId: id });
      await audit(t, { action: 'product.updated', entityType: 'product', entityId: id, before, after });
      return after;
    });
    await this.changed();
    return result;
  }

  /** Takes a product off the storefront, keeping it for order history. */
  async archive(ctx: Ctx, id: string): Promise<ProductDto> {
    return this.update(ctx, id, { status: 'archived' });
  }

  /** Deletes a product with its variants, prices and images. */
  async delete(ctx: Ctx, id: string): Promise<void> {
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.get(t, id);
      if (before.id !== id) throw notFound('catalog.product_not_found', 'product', id);
      await tx.deleteFrom('catalog_products').where('id', '=', id).execute();
      await emit(t, ProductDeleted, id, { productId: id, variantIds: before.variants.map((v) => v.id) });
      await audit(t, { action: 'product.deleted', entityType: 'product', entityId: id, before });
    });
    await this.changed();
  }

  /** Adds a variant (with prices) to a product. */
  async addVariant(ctx: Ctx, productId: string, input: VariantInput): Promise<VariantDto> {
    const variant = await this.mutateProduct(ctx, productId, ['variants'], async (tx, product) => {
      const problems = variantOptionProblems(product.options, [...product.variants, input], 'variants')
        .filter((p) => p.field?.startsWith(`variants[${product.variants.length}]`))
        .map((p) => ({ ...p, field: p.field!.replace(`variants[${product.variants.length}]`, 'body') }));
      if (problems.length) throw invalid(problems);
      assertUniqueCurrencies(input.prices, 'body.prices');
      if (input.sku) await assertSkuFree(tx, input.sku, 'body.sku');
      const now = ctx.clock.now().toISOString();
      const row = variantRow(productId, input, product.options, product.variants.length, now);
      await tx.insertInto('catalog_variants').values(row).execute();
      await insertMany(tx, 'catalog_variant_prices', input.prices.map((p) => ({ variant_id: row.id, currency: p.currency, amount: p.amount })));
      await emit(withDb(ctx, tx), PriceChanged, productId, { productId, variantId: row.id, changes: input.prices.map((p) => ({ currency: p.currency, from: null, to: p.amount })) });
      return toVariantDto(row, input.prices.map((p) => ({ currency: p.currency, amount: p.amount })));
    });
    return variant;
  }

  /** Changes a variant; `prices`, when given, replaces its base prices and announces `price.changed`. */
  async updateVariant(ctx: Ctx, variantId: string, patch: VariantPatch): Promise<VariantDto> {
    const productId = await this.productOfVariant(ctx.db, variantId);
    return this.mutateProduct(ctx, productId, ['variants'], async (tx, product) => {
      const before = product.variants.find((v) => v.id === variantId)!;
      if (patch.options) {
        const others = product.variants.map((v) => (v.id === variantId ? { options: patch.options } : v));
        const index = product.variants.indexOf(before);
        const problems = variantOptionProblems(product.options, others, 'variants').filter((p) => p.field?.startsWith(`variants[${index}]`) || p.message.includes(`variant ${index}`))
          .map((p) => ({ ...p, field: 'body.options' }));
        if (problems.length) throw invalid(problems);
      }
      if (patch.prices) assertUniqueCurrencies(patch.prices, 'body.prices');
      if (patch.sku && patch.sku !== before.sku) await assertSkuFree(tx, patch.sku, 'body.sku');
      const set: Record<string, unknown> = { updated_at: ctx.clock.now().toISOString() };
      if (patch.sku !== undefined) set.sku = patch.sku;
      if (patch.barcode !== undefined) set.barcode = patch.barcode;
      if (patch.weightGrams !== undefined) set.weight_grams = patch.weightGrams;
      if (patch.manageInventory !== undefined) set.manage_inventory = patch.manageInventory ? 1 : 0;
      if (patch.options !== undefined) set.options = JSON.stringify(patch.options);
      if (patch.title !== undefined) set.title = patch.title;
      else if (patch.options !== undefined) set.title = variantTitle(product.options, patch.options);
      await tx.updateTable('catalog_variants').set(set).where('id', '=', variantId).execute();
      if (patch.prices) {
        const old = new Map(before.prices.map((p) => [p.currency, p.amount]));
        const neu = new Map(patch.prices.map((p) => [p.currency, p.amount]));
        const changes = [...new Set([...old.keys(), ...neu.keys()])].sort()
          .filter((c) => old.get(c) !== neu.get(c)).map((c) => ({ currency: c, from: old.get(c) ?? null, to: neu.get(c) ?? null }));
        await tx.deleteFrom('catalog_variant_prices').where('variant_id', '=', variantId).execute();
        await insertMany(tx, 'catalog_variant_prices', patch.prices.map((p) => ({ variant_id: variantId, currency: p.currency, amount: p.amount })));
        if (changes.length) await emit(withDb(ctx, tx), PriceChanged, productId, { productId, variantId, changes });
      }
      const [after] = (await loadProducts(tx, { ids: [productId] }))[0].variants.filter((v) => v.id === variantId);
      return after;
    });
  }

  /** Removes a variant; a product keeps at least one. */
  async deleteVariant(ctx: Ctx, variantId: string): Promise<void> {
    const productId = await this.productOfVariant(ctx.db, variantId);
    await this.mutateProduct(ctx, productId, ['variants'], async (tx, product) => {
      if (product.variants.length <= 1) throw conflict('catalog.last_variant', 'a product needs at least one variant; archive the product instead');
      await tx.deleteFrom('catalog_variants').where('id', '=', variantId).execute();
    });
  }

  /** Adds an image by URL (or by the path the upload endpoint returned). */
  async addImage(ctx: Ctx, productId: string, input: { url: string; alt?: string; id?: string }): Promise<ImageDto> {
    return this.mutateProduct(ctx, productId, ['images'], async (tx, product) => {
      const row = { id: input.id ?? newId('img'), product_id: productId, url: input.url, alt: input.alt ?? null, position: product.images.length, created_at: ctx.clock.now().toISOString() };
      await tx.insertInto('catalog_images').values(row).execute();
      return toImageDto(row);
    });
  }

  async removeImage(ctx: Ctx, productId: string, imageId: string): Promise<void> {
    await this.mutateProduct(ctx, productId, ['images'], async (tx, product) => {
      if (!product.images.some((i) => i.id === imageId)) throw notFound('catalog.image_not_found', 'image', imageId);
      await tx.deleteFrom('catalog_images').where('id', '=', imageId).execute();
    });
  }

  /**
   * Variants by id with their product title and the price a cart would charge: the price list's
   * amount when the list is active, in that currency and has the variant, else the base price.
   */
  async getVariants(ctx: Ctx, ids: string[], opts: { currency: string; priceListId?: string }): Promise<Map<string, VariantSummary>> {
    const out = new Map<string, VariantSummary>();
    if (!ids.length) return out;
    const rows = await ctx.db.selectFrom('catalog_variants as v').innerJoin('catalog_products as p', 'p.id', 'v.product_id')
      .select(['v.id', 'v.product_id', 'v.title', 'v.sku', 'v.manage_inventory', 'v.weight_grams', 'p.title as product_title', 'p.status'])
      .where('v.id', 'in', [...new Set(ids)]).execute();
    if (!rows.length) return out;
    const prices = await ctx.db.selectFrom('catalog_variant_prices').selectAll().where('variant_id', 'in', rows.map((r: any) => r.id)).where('currency', '=', opts.currency).execute();
    const base = new Map(prices.map((p: any) => [p.variant_id as string, Number(p.amount)]));
    const categoryRows = await ctx.db.selectFrom('catalog_product_categories').select(['product_id', 'category_id'])
      .where('product_id', 'in', [...new Set(rows.map((r: any) => r.product_id as string))]).execute();
    const categories = new Map<string, string[]>();
    for (const c of categoryRows as any[]) categories.set(c.product_id, [...(categories.get(c.product_id) ?? []), c.category_id]);
    const [list] = opts.priceListId ? await loadPriceLists(ctx.db, [opts.priceListId]) : [];
    const listed = list && list.status === 'active' && list.currency === opts.currency ? new Map(list.prices.map((p) => [p.variantId, p.amount])) : undefined;
    for (const r of rows as any[]) {
      const amount = listed?.get(r.id) ?? base.get(r.id);
      out.set(r.id, {
        id: r.id, productId: r.product_id, productTitle: r.product_title, title: r.title, sku: r.sku ?? null, status: r.status,
        price: amount === undefined ? null : { amount, currency: opts.currency }, manageInventory: !!r.manage_inventory,
        weightGrams: r.weight_grams === null ? null : Number(r.weight_grams), categoryIds: categories.get(r.product_id) ?? [],
      });
    }
    return out;
  }

  private async productOfVariant(db: Db, variantId: string): Promise<string> {
    const row = await db.selectFrom('catalog_variants').select('product_id').where('id', '=', variantId).executeTakeFirst();
    if (!row) throw notFound('catalog.variant_not_found', 'variant', variantId);
    return row.product_id;
  }

  /** Runs a change to a product's parts in a transaction, then announces and audits it. */
  private async mutateProduct<T>(ctx: Ctx, productId: string, fields: string[], fn: (tx: Db, product: ProductDto) => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await inTransaction(ctx.db, async (tx) => {
        const t = withDb(ctx, tx);
        const [before] = await loadProducts(tx, { ids: [productId] });
        if (!before) throw notFound('catalog.product_not_found', 'product', productId);
        const value = await fn(tx, before);
        await tx.updateTable('catalog_products').set({ updated_at: ctx.clock.now().toISOString() }).where('id', '=', productId).execute();
        const [after] = await loadProducts(tx, { ids: [productId] });
        await emit(t, ProductUpdated, productId, { productId, fields });
        await audit(t, { action: 'product.updated', entityType: 'product', entityId: productId, before, after });
        return value;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('catalog.sku_taken', 'the SKU is already used by another variant', { field: 'body.sku' });
      throw e;
    }
    await this.changed();
    return result;
  }
}

function prepare(ctx: Ctx, input: ProductInput, handle: string, tails: Map<string, number>): PreparedProduct {
  const now = ctx.clock.now().toISOString();
  const created = input.createdAt ?? now;
  const id = newId('prod');
  const options: OptionDef[] = input.options ?? [];
  const variants = input.variants.map((v, i) => variantRow(id, v, options, i, created));
  return {
    product: {
      id, handle, title: input.title.trim(), description: input.description ?? '', status: input.status ?? 'draft',
      tags: JSON.stringify(normaliseTags(input.tags ?? [])), attributes: JSON.stringify(input.attributes ?? {}), options: JSON.stringify(options),
      created_at: created, updated_at: now,
    },
    variants,
    prices: input.variants.flatMap((v, i) => v.prices.map((p) => ({ variant_id: variants[i].id, currency: p.currency, amount: p.amount }))),
    images: (input.images ?? []).map((img, i) => ({ id: newId('img'), product_id: id, url: img.url, alt: img.alt ?? null, position: i, created_at: now })),
    categories: [...new Set(input.categoryIds ?? [])].map((c) => ({ product_id: id, category_id: c })),
    collections: [...new Set(input.collectionIds ?? [])].map((c) => ({ collection_id: c, product_id: id, position: next(tails, c) })),
  };
}

function variantRow(productId: string, v: VariantInput, options: OptionDef[], position: number, now: string) {
  return {
    id: newId('var'), product_id: productId, sku: v.sku ?? null, barcode: v.barcode ?? null,
    title: v.title ?? variantTitle(options, v.options), options: JSON.stringify(v.options ?? {}),
    weight_grams: v.weightGrams ?? null, manage_inventory: v.manageInventory === false ? 0 : 1, position, created_at: now, updated_at: now,
  };
}

const normaliseTags = (tags: string[]) => [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))];

function next(tails: Map<string, number>, collectionId: string): number {
  const n = (tails.get(collectionId) ?? -1) + 1;
  tails.set(collectionId, n);
  return n;
}

/** The highest manual position in each collection, so new members go to the end. */
async function collectionTails(db: Db, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('catalog_collection_products').select(['collection_id', (eb) => eb.fn.max('position').as('pos')])
    .where('collection_id', 'in', ids).groupBy('collection_id').execute();
  return new Map(rows.map((r: any) => [r.collection_id as string, Number(r.pos)]));
}

async function chunkedSelect(db: Db, table: string, column: string, values: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < values.length; i += 500) {
    const rows = await db.selectFrom(table).select(column).where(column, 'in', values.slice(i, i + 500)).execute();
    out.push(...rows.map((r: any) => r[column] as string));
  }
  return out;
}

async function assertSkuFree(db: Db, sku: string, field: string): Promise<void> {
  const row = await db.selectFrom('catalog_variants').select('id').where('sku', '=', sku).executeTakeFirst();
  if (row) throw conflict('catalog.sku_taken', `SKU '${sku}' is already used by another variant`, { field, sku });
}

function assertUniqueCurrencies(prices: { currency: string }[], field: string): void {
  const seen = new Set<string>();
  const problems: ErrorDetail[] = [];
  prices.forEach((p, i) => { if (seen.has(p.currency)) problems.push({ field: `${field}[${i}].currency`, message: `repeats ${p.currency}` }); seen.add(p.currency); });
  if (problems.length) throw invalid(problems);
}
